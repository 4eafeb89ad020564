/** An incremental update that fails half-way is not trusted: the watcher rebuilds the index fully and serves that. */
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { openLibrary } from '../../src/library/open.ts';
import { LibraryWatcher, type UpdateSummary } from '../../src/library/live.ts';
import type { VerbatimEngine } from '../../src/search/engine.ts';
import type { SearchEngine } from '../../src/types.ts';

const tmp = mkdtempSync(path.join(tmpdir(), 'verbatim-recover-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

it('rebuilds fully when the incremental update throws, and reports the change', async () => {
  const root = path.join(tmp, 'library');
  cpSync(new URL('../fixtures/ungdc/2021/', import.meta.url).pathname, root, { recursive: true });
  const cachePath = path.join(tmp, 'index.bin');
  const opened = await openLibrary({ dataDir: root, cachePath });
  // a fault in the index update (as if the engine's structures had drifted)
  (opened.engine as VerbatimEngine).update = () => {
    throw new Error('index update: injected fault');
  };
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
  writeFileSync(path.join(root, 'note.txt'), 'A note on Quokkaland.\n');
  const summary: UpdateSummary | null = await watcher.refresh();
  await watcher.stop();
  expect(errors).toEqual(['index update: injected fault']);
  expect(rebuilt).toBe(1);
  expect(summary).toMatchObject({ added: ['note.txt'], changed: [], removed: [] });
  expect(engine).not.toBe(opened.engine);
  expect((await engine.search('Quokkaland')).total).toBe(1);
});
