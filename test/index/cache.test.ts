import { appendFile, cp, mkdtemp, readdir, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { crc32 } from 'node:zlib';
import { checksumText, loadCache, saveCache } from '../../src/index/cache.ts';
import { openLibrary } from '../../src/library/open.ts';
import type { EngineState } from '../../src/index/state.ts';

const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/ungdc');
let dir: string;
let lib: string;
let cachePath: string;

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'verbatim-cache-'));
  lib = path.join(dir, 'lib');
  await cp(FIXTURES, lib, { recursive: true });
  cachePath = path.join(dir, 'cache', 'index.json');
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const open = () => openLibrary({ dataDir: lib, cachePath });

/** Rewrites the cache's header through `edit`, with a valid checksum (as an older version would have written it). */
async function rewriteHeader(edit: (h: Record<string, unknown>) => void): Promise<void> {
  const buf = await readFile(cachePath);
  const l1 = buf.indexOf(0x0a);
  const trailerStart = buf.lastIndexOf(0x0a, buf.length - 2) + 1;
  const header = JSON.parse(buf.toString('utf8', 0, l1)) as Record<string, unknown>;
  edit(header);
  // same length (padded with spaces) so the binary payload stays aligned
  let line = JSON.stringify(header);
  if (line.length > l1) throw new Error('edited header is longer than the original');
  line = line.padEnd(l1, ' ');
  const body = Buffer.concat([Buffer.from(line, 'utf8'), buf.subarray(l1, trailerStart)]);
  const trailer = { end: true, lines: 3, bytes: body.length, checksum: checksumText(crc32(body)) };
  await writeFile(cachePath, Buffer.concat([body, Buffer.from(JSON.stringify(trailer) + '\n')]));
}

describe('index cache', () => {
  it('reloads an unchanged library from the cache, with the same answers', async () => {
    const first = await open();
    expect(first.fromCache).toBe(false);
    expect(first.changes.added.length).toBeGreaterThan(5);
    const second = await open();
    expect(second.fromCache).toBe(true);
    expect(second.changes).toEqual({ added: [], changed: [], removed: [] });
    const q = 'peace negotiations with the FARC';
    const a = await first.engine.search(q);
    const b = await second.engine.search(q);
    expect(b.hits.map((h) => [h.id, h.score])).toEqual(a.hits.map((h) => [h.id, h.score]));
    // the loaded engine reads passage text from the cache file on demand: same text, excerpts, context
    expect(b.hits.map((h) => [h.text, h.excerpt])).toEqual(a.hits.map((h) => [h.text, h.excerpt]));
    const id = a.hits[0]!.id;
    expect(second.engine.context(id, 2).map((h) => h.text)).toEqual(first.engine.context(id, 2).map((h) => h.text));
    expect((await second.engine.search('"the Government of Colombia"')).hits.map((h) => h.id)).toEqual(
      (await first.engine.search('"the Government of Colombia"')).hits.map((h) => h.id),
    );
    expect(second.engine.suggest('Afganistan')).toBe(first.engine.suggest('Afganistan'));
    expect(second.engine.stats().indexedAt).toBe(first.engine.stats().indexedAt);
  });

  it('rebuilds when a file changed, was added or removed, and says which', async () => {
    await open();
    const changed = path.join(lib, '2021/BRA_76_2021.txt');
    await appendFile(changed, '\nBrazil will plant one billion mangrove trees on the Amazonian coast.\n');
    const later = new Date(Date.now() + 5000);
    await utimes(changed, later, later);
    await cp(path.join(lib, '1956/AUT_11_1956.txt'), path.join(lib, '1956/AUT_copy.txt'));
    await rm(path.join(lib, '2011/VEN_66_2011.txt'));
    const res = await open();
    expect(res.fromCache).toBe(false);
    expect(res.changes).toEqual({
      added: ['1956/AUT_copy.txt'],
      changed: ['2021/BRA_76_2021.txt'],
      removed: ['2011/VEN_66_2011.txt'],
    });
    const hit = await res.engine.search('mangrove trees');
    expect(hit.hits[0]?.text).toContain('one billion mangrove trees');
    expect((await res.engine.search('Venezuela', { filters: { country: 'VEN' } })).total).toBe(0);
    expect((await open()).fromCache).toBe(true);
  });

  it('never trusts a truncated cache (a crashed writer) and rebuilds it', async () => {
    await open();
    const { size } = await stat(cachePath);
    const buf = await readFile(cachePath);
    await writeFile(cachePath, buf.subarray(0, Math.floor(size * 0.6)));
    const res = await open();
    expect(res.fromCache).toBe(false);
    expect(res.reason).toMatch(/truncated/);
    expect((await open()).fromCache).toBe(true);
  });

  it('never trusts a corrupted cache', async () => {
    await open();
    const buf = await readFile(cachePath);
    const at = Math.floor(buf.length / 2);
    buf[at] = buf[at] === 0x61 ? 0x62 : 0x61;
    await writeFile(cachePath, buf);
    const res = await open();
    expect(res.fromCache).toBe(false);
    expect(res.reason).toMatch(/checksum/);
  });

  it('rebuilds a cache written by an older schema version or with other options', async () => {
    await open();
    await rewriteHeader((h) => (h['schemaVersion'] = 0));
    const old = await open();
    expect(old.fromCache).toBe(false);
    expect(old.reason).toMatch(/schema version 0/);
    await rewriteHeader((h) => (h['engineOptionsHash'] = 'something-else'));
    const other = await open();
    expect(other.fromCache).toBe(false);
    expect(other.reason).toMatch(/other index options/);
  });

  it('writes atomically: a failed write leaves the previous cache and no partial file', async () => {
    const first = await open();
    const before = await readFile(cachePath);
    const state = first.engine.state;
    // an index whose arrays cannot be read: the write fails after the header is out
    const broken: EngineState = {
      ...state,
      index: Object.defineProperty({}, 'a', {
        get: () => {
          throw new Error('disk full');
        },
      }) as never,
    };
    await expect(saveCache(cachePath, broken, [])).rejects.toThrow('disk full');
    expect(await readdir(path.dirname(cachePath))).toEqual([path.basename(cachePath)]);
    expect((await readFile(cachePath)).equals(before)).toBe(true);
    const loaded = await loadCache(cachePath, JSON.parse((await readFile(cachePath, 'utf8')).split('\n')[0]!).libraryFingerprint);
    expect('state' in loaded).toBe(true);
  });

  it('removes temporary files left by killed cache writes at start, and only those', async () => {
    await open();
    const cacheDir = path.dirname(cachePath);
    const base = path.basename(cachePath);
    const deadWriter = `${base}.tmp-99999999-abc123`; // no such process
    const earlierRun = `${base}.tmp-${process.pid}-old1`; // this pid from an earlier run (a container's pid 1)
    const liveFresh = `${base}.tmp-${process.ppid}-live1`; // a live writer, just started: kept
    const liveAncient = `${base}.tmp-${process.ppid}-gone1`; // a live pid, but two hours old: stale
    const unrelated = `${base}.notes`;
    for (const name of [deadWriter, earlierRun, liveFresh, liveAncient, unrelated]) await writeFile(path.join(cacheDir, name), 'x'.repeat(1000));
    const twoHoursAgo = new Date(Date.now() - 2 * 3600_000);
    await utimes(path.join(cacheDir, liveAncient), twoHoursAgo, twoHoursAgo);
    const again = await open();
    expect(again.fromCache).toBe(true);
    expect((await readdir(cacheDir)).sort()).toEqual([base, unrelated, liveFresh].sort());
  });
});
