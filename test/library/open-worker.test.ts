import { cp, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openLibrary, openLibraryInWorker } from '../../src/library/open.ts';

const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/ungdc');
let dir: string;
let lib: string;
let cachePath: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'verbatim-worker-'));
  lib = path.join(dir, 'lib');
  await cp(FIXTURES, lib, { recursive: true });
  cachePath = path.join(dir, 'cache', 'index.json');
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('opening a library on a worker thread', () => {
  it('builds, then loads from the cache, with the answers of an in-thread open', async () => {
    const progress: number[] = [];
    const built = await openLibraryInWorker({ dataDir: lib, cachePath, onProgress: (done) => progress.push(done) });
    expect(built.fromCache).toBe(false);
    expect(progress.length).toBeGreaterThan(0);
    const cached = await openLibraryInWorker({ dataDir: lib, cachePath });
    expect(cached.fromCache).toBe(true);
    const local = await openLibrary({ dataDir: lib, cachePath });
    for (const q of ['peace negotiations with the FARC', '"climate change" island', 'refugees']) {
      const a = await local.engine.search(q);
      const b = await built.engine.search(q);
      const c = await cached.engine.search(q, {});
      expect(a.hits.length).toBeGreaterThan(0);
      expect(b.hits.map((h) => [h.id, h.score])).toEqual(a.hits.map((h) => [h.id, h.score]));
      expect(c.hits.map((h) => [h.id, h.score])).toEqual(a.hits.map((h) => [h.id, h.score]));
    }
  }, 60_000);

  it('keeps the calling thread answering queries while it rebuilds', async () => {
    const { engine } = await openLibrary({ dataDir: lib, cachePath });
    let answered = 0;
    let done = false;
    const rebuilt = openLibraryInWorker({ dataDir: lib, cachePath, rebuild: true }).finally(() => (done = true));
    while (!done) {
      const res = await engine.search('peace negotiations');
      expect(res.hits.length).toBeGreaterThan(0);
      answered++;
      await new Promise((r) => setTimeout(r, 5));
    }
    const fresh = await rebuilt;
    expect(fresh.fromCache).toBe(false);
    expect(answered).toBeGreaterThan(1);
    expect((await fresh.engine.search('peace negotiations')).hits.map((h) => h.id)).toEqual(
      (await engine.search('peace negotiations')).hits.map((h) => h.id),
    );
  }, 60_000);

  it('rejects, leaving the caller its engine, when the library cannot be opened', async () => {
    await expect(openLibraryInWorker({ dataDir: path.join(dir, 'missing'), cachePath })).rejects.toThrow();
  }, 60_000);
});
