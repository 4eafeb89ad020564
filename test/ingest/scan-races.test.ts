/**
 * What a scan meets in a messy, changing library (issue 11, items 3 and 8): a subfolder removed while
 * the library is scanned, symbolic links and FIFOs. Real folders and files; the removal is timed by
 * wrapping readdir so that it happens between listing the root and entering the subfolder.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import * as fsp from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';

/** Called once after the next readdir of the library root returns (then cleared). */
let afterRootListing: { root: string; run: () => void } | undefined;

vi.mock('node:fs/promises', async (importOriginal) => {
  const real = await importOriginal<typeof fsp>();
  const readdir = async (...args: Parameters<typeof real.readdir>) => {
    const out = await (real.readdir as (...a: unknown[]) => Promise<unknown>)(...args);
    const hook = afterRootListing;
    if (hook && path.resolve(String(args[0])) === path.resolve(hook.root)) {
      afterRootListing = undefined;
      hook.run();
    }
    return out;
  };
  return { ...real, default: { ...real, readdir }, readdir };
});

const { loadLibrary } = await import('../../src/ingest/load-library.ts');
const UNGDC = path.resolve(import.meta.dirname, '../fixtures/ungdc');
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function library(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'verbatim-scan-'));
  dirs.push(dir);
  cpSync(UNGDC, dir, { recursive: true });
  return dir;
}

describe('scanning a library that changes underneath', () => {
  it('a subfolder removed during the scan is reported, and the rest is indexed', async () => {
    const dir = library();
    const whole = await loadLibrary(dir);
    afterRootListing = { root: dir, run: () => rmSync(path.join(dir, '2011'), { recursive: true, force: true }) };
    const { documents, report } = await loadLibrary(dir);
    expect(afterRootListing).toBeUndefined(); // the removal happened mid-scan
    expect(report.skipped).toContainEqual({ path: '2011', reason: expect.stringMatching(/removed while the library was scanned/) });
    expect(documents.map((d) => d.id).sort()).toEqual(
      whole.documents
        .map((d) => d.id)
        .filter((id) => !id.startsWith('2011/'))
        .sort(),
    );
    expect(documents.length).toBeGreaterThan(0);
  });

  it('symbolic links and FIFOs are reported, not silently left out', async () => {
    const dir = library();
    symlinkSync(path.join(dir, '2011', 'COL_66_2011.txt'), path.join(dir, 'linked.txt'));
    execFileSync('mkfifo', [path.join(dir, 'pipe.txt')]);
    mkdirSync(path.join(dir, 'empty'));
    const { report } = await loadLibrary(dir);
    expect(report.skipped).toContainEqual({ path: 'linked.txt', reason: expect.stringMatching(/symbolic link: not followed/) });
    expect(report.skipped).toContainEqual({ path: 'pipe.txt', reason: expect.stringMatching(/not a regular file \(a FIFO\)/) });
  });
});
