/**
 * The bot's library handle with live updates (src/library/handle.ts + LibraryWatcher): updates
 * reach the engine the commands use, /reindex rebuilds with updates held off and they carry on
 * afterwards, and closing stops them.
 */
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLibrary, type Library } from '../../src/library/handle.ts';
import { openLibrary } from '../../src/library/open.ts';
import { LibraryWatcher } from '../../src/library/live.ts';
import type { SearchEngine } from '../../src/types.ts';

const SAMPLE = new URL('../../data/', import.meta.url).pathname;

let tmp: string;
let root: string;
let library: Library;
const rebuilds: boolean[] = [];

const engine = (): SearchEngine => {
  const s = library.state();
  if (s.status !== 'ready') throw new Error(`library ${s.status}`);
  return s.engine;
};
const total = async (q: string) => (await engine().search(q)).total;

async function eventually(check: () => Promise<void>, ms = 10_000): Promise<void> {
  const until = Date.now() + ms;
  for (;;) {
    try {
      return await check();
    } catch (err) {
      if (Date.now() > until) throw err;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

beforeAll(async () => {
  tmp = mkdtempSync(path.join(tmpdir(), 'verbatim-botlib-'));
  root = path.join(tmp, 'library');
  mkdirSync(root);
  cpSync(SAMPLE, root, { recursive: true });
  rmSync(path.join(root, 'README.md'), { force: true });
  const cachePath = path.join(tmp, 'index.bin');
  const live = new LibraryWatcher({ dataDir: root, cachePath, debounceMs: 200 });
  library = createLibrary(
    (onProgress, options) => {
      rebuilds.push(options?.rebuild ?? false);
      return openLibrary({ dataDir: root, cachePath, onProgress, rebuild: options?.rebuild ?? false });
    },
    { live },
  );
  await library.ready;
});
afterAll(async () => {
  await library.close();
  rmSync(tmp, { recursive: true, force: true });
});

describe('the bot library with live updates', () => {
  it('serves a file added after start', async () => {
    writeFileSync(path.join(root, 'added.txt'), 'The delegation of Quokkaland welcomed the report.\n');
    await eventually(async () => expect(await total('Quokkaland')).toBe(1));
  });

  it('/reindex rebuilds fully, reports no change already applied, and updates carry on after it', async () => {
    const summary = await library.reload();
    expect(rebuilds).toEqual([false, true]);
    expect(summary).toMatchObject({ added: 0, changed: 0, removed: 0, skipped: 0, documents: 2 });
    writeFileSync(path.join(root, 'later.txt'), 'A later note on Wombatistan.\n');
    await eventually(async () => expect(await total('Wombatistan')).toBe(1));
  });

  it('stops updating once closed', async () => {
    await library.close();
    writeFileSync(path.join(root, 'after-close.txt'), 'Nothing about Numbatia is indexed.\n');
    await new Promise((r) => setTimeout(r, 1000));
    expect(await total('Numbatia')).toBe(0);
  });
});
