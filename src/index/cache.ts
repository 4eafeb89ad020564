/**
 * The persisted index: one file of JSON lines.
 *
 *   line 1        header  {format, schemaVersion, engineOptionsHash, libraryFingerprint, files, createdAt}
 *   lines 2…n-1   payload (library metadata, passage chunks, one MiniSearch `toJSON` per partition)
 *   line n        trailer {end: true, lines, bytes, checksum}  — sha256 of every byte before it
 *
 * The checksum sits in a trailer so the file can be streamed out in one pass; a writer that
 * crashed leaves no trailer (or a wrong one), so the file is never trusted. Writes go to a temp
 * file in the same folder, are fsync'ed, then renamed over the old cache (atomic on POSIX).
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import type { ScannedFile } from '../ingest/library.ts';
import type { IngestReport, Passage } from '../types.ts';
import { INDEX_OPTIONS, optionsHash } from './options.ts';
import { PartitionIndex } from './partition.ts';
import { LibraryStore, type StoredDocument } from './store.ts';
import type { EngineState } from '../search/engine.ts';

const FORMAT = 'verbatim-index';
const CHUNK = 20_000;

/** [path, size, mtimeMs] of each library file, sorted by path. */
export type FileEntry = [path: string, size: number, mtimeMs: number];

export interface CacheHeader {
  format: typeof FORMAT;
  schemaVersion: number;
  engineOptionsHash: string;
  libraryFingerprint: string;
  files: FileEntry[];
  createdAt: string;
}

interface Trailer {
  end: true;
  lines: number;
  bytes: number;
  checksum: string;
}

interface MetaLine {
  report: IngestReport;
  indexedAt: string;
  docs: StoredDocument[];
  passageChunks: number;
  surface: Array<[string, string]>;
  partitions: Array<{ key: string; from: string; to: string }>;
}

/** The scan as cache entries (sorted by path). */
export function fileEntries(scan: readonly ScannedFile[]): FileEntry[] {
  return scan
    .map((f): FileEntry => [f.path, f.size, Math.round(f.mtimeMs)])
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}

/** A hash of every file's path, size and modification time: any change to the library changes it. */
export function libraryFingerprint(entries: readonly FileEntry[]): string {
  const h = createHash('sha256');
  for (const [p, size, mtime] of entries) h.update(`${p}\0${size}\0${mtime}\n`);
  return h.digest('hex');
}

/** Files added, changed (size or mtime) and removed between two scans. */
export function diffFiles(
  before: readonly FileEntry[],
  after: readonly FileEntry[],
): { added: string[]; changed: string[]; removed: string[] } {
  const old = new Map(before.map((e) => [e[0], e]));
  const added: string[] = [];
  const changed: string[] = [];
  for (const e of after) {
    const o = old.get(e[0]);
    if (!o) added.push(e[0]);
    else if (o[1] !== e[1] || o[2] !== e[2]) changed.push(e[0]);
    old.delete(e[0]);
  }
  return { added, changed, removed: [...old.keys()].sort() };
}

/** Writes the engine state atomically (temp file + fsync + rename). */
export async function saveCache(cachePath: string, state: EngineState, files: readonly FileEntry[]): Promise<void> {
  await mkdir(path.dirname(cachePath), { recursive: true });
  const tmp = `${cachePath}.tmp-${process.pid}-${Date.now().toString(36)}`;
  const fh = await open(tmp, 'w');
  const hash = createHash('sha256');
  let bytes = 0;
  let lines = 0;
  const write = async (line: string): Promise<void> => {
    const buf = Buffer.from(line + '\n', 'utf8');
    hash.update(buf);
    bytes += buf.length;
    lines++;
    await fh.write(buf);
  };
  try {
    const header: CacheHeader = {
      format: FORMAT,
      schemaVersion: INDEX_OPTIONS.schemaVersion,
      engineOptionsHash: optionsHash(),
      libraryFingerprint: libraryFingerprint(files),
      files: [...files],
      createdAt: new Date().toISOString(),
    };
    await write(JSON.stringify(header));
    const { store } = state;
    const chunks = Math.ceil(store.passages.length / CHUNK);
    const meta: MetaLine = {
      report: state.report,
      indexedAt: state.indexedAt,
      docs: store.docs,
      passageChunks: chunks,
      surface: [...state.surface],
      partitions: state.partitions.map((p) => ({ key: p.key, from: p.from, to: p.to })),
    };
    await write(JSON.stringify(meta));
    for (let i = 0; i < chunks; i++) await write(JSON.stringify(store.passages.slice(i * CHUNK, (i + 1) * CHUNK)));
    for (const p of state.partitions) await write(JSON.stringify(p.index.toJSON()));
    const trailer: Trailer = { end: true, lines, bytes, checksum: hash.digest('hex') };
    await fh.write(JSON.stringify(trailer) + '\n');
    await fh.sync();
    await fh.close();
    await rename(tmp, cachePath);
  } catch (err) {
    await fh.close().catch(() => undefined);
    await rm(tmp, { force: true });
    throw err;
  }
  // make the rename itself durable
  const dir = await open(path.dirname(cachePath), 'r').catch(() => undefined);
  if (dir) {
    await dir.sync().catch(() => undefined);
    await dir.close();
  }
}

/** Reads only the header line (cheap): for change detection before deciding to load. */
export async function readCacheHeader(cachePath: string): Promise<{ header: CacheHeader } | { reason: string }> {
  let first: string | undefined;
  try {
    const stream = createReadStream(cachePath, { encoding: 'utf8' });
    const rl = createInterface({ input: stream, crlfDelay: Infinity });
    for await (const line of rl) {
      first = line;
      break;
    }
    rl.close();
    stream.destroy();
  } catch (err) {
    return { reason: (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no cache yet' : `cache unreadable: ${(err as Error).message}` };
  }
  if (first === undefined) return { reason: 'cache file is empty' };
  return parseHeader(first);
}

function parseHeader(line: string): { header: CacheHeader } | { reason: string } {
  let h: Partial<CacheHeader>;
  try {
    h = JSON.parse(line) as Partial<CacheHeader>;
  } catch {
    return { reason: 'cache header is not valid JSON' };
  }
  if (h.format !== FORMAT || !Array.isArray(h.files) || typeof h.libraryFingerprint !== 'string') {
    return { reason: 'not a Verbatim index cache' };
  }
  return { header: h as CacheHeader };
}

/**
 * Loads the cache when it is whole and was built with this schema, these options and this library
 * (`fingerprint`); otherwise gives the reason it cannot be trusted.
 */
export async function loadCache(
  cachePath: string,
  fingerprint: string,
): Promise<{ state: EngineState; header: CacheHeader } | { reason: string }> {
  let buf: Buffer;
  try {
    buf = await readFile(cachePath);
  } catch (err) {
    return { reason: (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no cache yet' : `cache unreadable: ${(err as Error).message}` };
  }
  if (buf.length === 0 || buf[buf.length - 1] !== 0x0a) return { reason: 'cache file is truncated (no end marker)' };
  const lastStart = buf.lastIndexOf(0x0a, buf.length - 2) + 1;
  let trailer: Partial<Trailer>;
  try {
    trailer = JSON.parse(buf.toString('utf8', lastStart, buf.length - 1)) as Partial<Trailer>;
  } catch {
    return { reason: 'cache file is truncated (no end marker)' };
  }
  if (trailer.end !== true || trailer.bytes !== lastStart) return { reason: 'cache file is truncated or was written by a crashed process' };
  const checksum = createHash('sha256').update(buf.subarray(0, lastStart)).digest('hex');
  if (checksum !== trailer.checksum) return { reason: 'cache checksum mismatch (corrupt file)' };

  let pos = 0;
  const nextLine = (): string => {
    const end = buf.indexOf(0x0a, pos);
    if (end < 0 || end >= lastStart) throw new Error('cache payload ends early');
    const s = buf.toString('utf8', pos, end);
    pos = end + 1;
    return s;
  };
  try {
    const parsed = parseHeader(nextLine());
    if ('reason' in parsed) return parsed;
    const { header } = parsed;
    if (header.schemaVersion !== INDEX_OPTIONS.schemaVersion) {
      return { reason: `cache schema version ${header.schemaVersion} is not ${INDEX_OPTIONS.schemaVersion}` };
    }
    if (header.engineOptionsHash !== optionsHash()) return { reason: 'cache was built with other index options' };
    if (header.libraryFingerprint !== fingerprint) return { reason: 'the library changed since the cache was built' };
    const meta = JSON.parse(nextLine()) as MetaLine;
    const passages: Passage[] = [];
    for (let i = 0; i < meta.passageChunks; i++) for (const p of JSON.parse(nextLine()) as Passage[]) passages.push(p);
    const partitions = meta.partitions.map((p) => ({ ...p, index: PartitionIndex.restore(nextLine()) }));
    if (pos !== lastStart) return { reason: 'cache payload has unexpected lines' };
    const state: EngineState = {
      store: new LibraryStore(meta.docs, passages),
      partitions,
      surface: new Map(meta.surface),
      report: meta.report,
      indexedAt: meta.indexedAt,
    };
    return { state, header };
  } catch (err) {
    return { reason: `cache payload unreadable: ${(err as Error).message}` };
  }
}
