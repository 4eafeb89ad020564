/**
 * An incremental update that fails is not trusted: the watcher rebuilds the index fully and serves
 * that. The fault: the file the served index came from was overwritten meanwhile (another process
 * wrote garbage over the cache), so the update worker cannot start from it.
 */
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { openLibrary } from '../../src/library/open.ts';
import { LibraryWatcher, type UpdateSummary } from '../../src/library/live.ts';
import type { SearchEngine } from '../../src/types.ts';

const tmp = mkdtempSync(path.join(tmpdir(), 'verbatim-recover-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

it('rebuilds fully when the incremental update throws, and reports the change', async () => {
  const root = path.join(tmp, 'library');
  cpSync(new URL('../fixtures/ungdc/2021/', import.meta.url).pathname, root, { recursive: true });
  const cachePath = path.join(tmp, 'index.bin');
  const opened = await openLibrary({ dataDir: root, cachePath });
  let rebuilt = 0;
  const errors: string[] = [];
  let engine: SearchEngine = opened.engine;
  const watcher = new LibraryWatcher({
    dataDir: root,
    cachePath,
    debounceMs: 100,
    log: { info: () => undefined, warn: () => undefined, error: (obj) => errors.push(String((obj as { err: Error }).err.message)) },
    rebuild: () => (rebuilt++, openLibrary({ dataDir: root, cachePath, rebuild: true })),
  });
  await watcher.start(engine, (e) => (engine = e));
  writeFileSync(cachePath, 'not an index\n');
  writeFileSync(path.join(root, 'note.txt'), 'A note on Quokkaland.\n');
  const summary: UpdateSummary | null = await watcher.refresh();
  await watcher.stop();
  expect(errors).toEqual([
    expect.stringMatching(/^the served index could not be read from .*index\.bin: cache file is truncated \(no end marker\)$/),
  ]);
  expect(rebuilt).toBe(1);
  expect(summary).toMatchObject({ added: ['note.txt'], changed: [], removed: [] });
  expect(engine).not.toBe(opened.engine);
  expect((await engine.search('Quokkaland')).total).toBe(1);
});
