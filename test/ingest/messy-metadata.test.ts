/** Metadata as messy libraries write it (issue 11, item 8): a UTF-16 manifest.csv, deeply nested front matter. */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadLibrary } from '../../src/ingest/load-library.ts';
import { openLibraryInWorker } from '../../src/library/open.ts';
import { MAX_PASSAGES } from '../../src/types.ts';

const UNGDC_2011 = path.resolve(import.meta.dirname, '../fixtures/ungdc/2011');
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
function tempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'verbatim-meta-'));
  dirs.push(dir);
  return dir;
}

describe('messy metadata', () => {
  it('reads a manifest.csv saved as UTF-16 (with its BOM) like the UTF-8 one', async () => {
    const utf8 = tempDir();
    cpSync(UNGDC_2011, utf8, { recursive: true });
    const utf16 = tempDir();
    cpSync(UNGDC_2011, utf16, { recursive: true });
    const csv = readFileSync(path.join(UNGDC_2011, 'manifest.csv'), 'utf8');
    writeFileSync(path.join(utf16, 'manifest.csv'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(csv, 'utf16le')]));
    const a = await loadLibrary(utf8);
    const b = await loadLibrary(utf16);
    expect(b.report.warnings.map((w) => w.reason).join('\n')).not.toMatch(/header/);
    const meta = (r: typeof a) => r.documents.map((d) => [d.id, d.meta.title, d.meta.speaker, d.meta.country]);
    expect(meta(b)).toEqual(meta(a));
    expect(meta(b)).toContainEqual(['COL_66_2011', 'Colombia — General Debate, 66th session (2011)', 'Juan Manuel Santos Calderón', 'COL']);
  });

  it('deeply nested front matter gets a clear reason, not "Maximum call stack size exceeded"', async () => {
    const dir = tempDir();
    const depth = 20_000;
    writeFileSync(path.join(dir, 'deep.md'), `---\ntitle: ${'['.repeat(depth)}${']'.repeat(depth)}\n---\nThe Assembly met to discuss peace.\n`);
    writeFileSync(path.join(dir, 'fine.md'), `---\ntitle: Fine\n---\nThe Assembly met to discuss peace.\n`);
    const { documents, report } = await loadLibrary(dir);
    const problems = [...report.skipped, ...report.warnings].filter((p) => p.path === 'deep.md');
    expect(problems.length).toBeGreaterThan(0);
    for (const p of problems) expect(p.reason).not.toMatch(/call stack/i);
    expect(problems.map((p) => p.reason).join('\n')).toMatch(/nested too deeply/);
    expect(documents.map((d) => d.meta.title)).toContain('Fine');
  });
});

describe('one file cannot take the library down', () => {
  it('a JSON array or JSONL with more statements than the per-file limit is cut there, with the reason in the report', async () => {
    const dir = tempDir();
    const st = (i: number) => ({ text: `Statement number ${i} on peace and security.` });
    writeFileSync(path.join(dir, 'many.json'), JSON.stringify(Array.from({ length: 150 }, (_, i) => st(i))));
    writeFileSync(path.join(dir, 'lines.jsonl'), Array.from({ length: 130 }, (_, i) => JSON.stringify(st(i))).join('\n'));
    writeFileSync(path.join(dir, 'few.jsonl'), [st(1), st(2)].map((x) => JSON.stringify(x)).join('\n'));
    const { documents, report } = await loadLibrary(dir, { limits: { maxStatements: 100 } });
    const from = (file: string) => documents.filter((d) => d.path === file).length;
    expect(from('many.json')).toBe(100);
    expect(from('lines.jsonl')).toBe(100);
    expect(from('few.jsonl')).toBe(2);
    expect(report.warnings).toContainEqual({
      path: 'many.json',
      reason: expect.stringMatching(/holds 150 statements: only the first 100 are indexed \(the limit per file/),
    });
    expect(report.warnings).toContainEqual({ path: 'lines.jsonl', reason: expect.stringMatching(/holds 130 statements: only the first 100/) });
    expect(report.warnings.filter((w) => w.path === 'few.jsonl')).toEqual([]);
  });

  it('files past the limit on passages in the library are skipped with the reason, and the rest is indexed', async () => {
    const dir = tempDir();
    const lines = (n: number, word: string) =>
      Array.from({ length: n }, (_, i) => JSON.stringify({ text: `${word} statement ${i} on peace.` })).join('\n');
    writeFileSync(path.join(dir, 'a.jsonl'), lines(60, 'alpha'));
    writeFileSync(path.join(dir, 'b.jsonl'), lines(60, 'bravo')); // 120 > 100: b is skipped
    writeFileSync(path.join(dir, 'c.jsonl'), lines(30, 'charlie')); // 90 ≤ 100: c still fits
    const reason = 'the library is at its limit of 100 passages: this file’s 60 passages would pass it; not indexed (MAX_PASSAGES)';
    const { documents, report } = await loadLibrary(dir, { limits: { maxPassages: 100 } });
    expect(report.passages).toBe(90);
    expect(new Set(documents.map((d) => d.path))).toEqual(new Set(['a.jsonl', 'c.jsonl']));
    expect(report.skipped).toEqual([{ path: 'b.jsonl', reason }]);
    // the bot opens its library in a worker: the limit goes with it, and the bot starts
    const opened = await openLibraryInWorker({ dataDir: dir, cachePath: path.join(dir, '.cache', 'i.bin'), limits: { maxPassages: 100 } });
    expect(opened.engine.stats()).toMatchObject({ passages: 90, skipped: [{ path: 'b.jsonl', reason }] });
    // the default takes the whole UNGDC library (405,544 passages) with room to spare
    expect(MAX_PASSAGES).toBeGreaterThanOrEqual(2 * 405_544);
  });
});
