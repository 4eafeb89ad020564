/**
 * The persisted index: one file, mostly raw typed-array bytes, so opening it is reading buffers
 * rather than parsing JSON.
 *
 *   line 1     header  {format, schemaVersion, engineOptionsHash, libraryFingerprint, files, createdAt}
 *   line 2     meta    {report, indexedAt, acronyms, acronymCounts, docs, strings, partitions, endian, sections: [{name, type, offset, length}]}
 *   padding    to a multiple of 8 bytes; then each section's bytes, each starting on a multiple of 8
 *   last line  trailer {end: true, bytes, checksum}  — CRC-32 of every byte before it (preceded by `\n`)
 *
 * The checksum sits in a trailer so the file can be streamed out in one pass; a writer that
 * crashed leaves no trailer (or a wrong one), so the file is never trusted. Writes go to a temp
 * file in the same folder, are fsync'ed, then renamed over the old cache (atomic on POSIX).
 * Loading makes typed-array views straight onto the file's bytes (no copy). The checksum guards
 * against truncation and accidental corruption (not tampering): CRC-32, three times faster than
 * SHA-256 on a cold start that must read the whole file.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { closeSync, fstatSync, openSync, read as fsRead } from 'node:fs';
import { open, readdir, rename, rm, stat } from 'node:fs/promises';
import { makeFolders } from '../folders.ts';
import { promisify } from 'node:util';
import { crc32 } from 'node:zlib';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import type { ScannedFile } from '../ingest/load-library.ts';
import type { IngestReport } from '../types.ts';
import type { Acronym, AcronymCounts } from './acronyms.ts';
import { FrozenIndex, type IndexArrays } from './frozen.ts';
import { INDEX_OPTIONS, optionsHash } from './options.ts';
import { LibraryStore, type StoreArrays, type StoredDocument, type TextFile } from './store.ts';
import type { EngineState, Partition } from './state.ts';

const FORMAT = 'verbatim-index/binary-1';
const OLD_FORMATS = ['verbatim-index'];

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

type ArrayType = 'u8' | 'u16' | 'u32' | 'i32';
type AnyArray = Uint8Array | Uint16Array | Uint32Array | Int32Array;

interface Section {
  name: string;
  type: ArrayType;
  /** Byte offset from the start of the payload (a multiple of 8). */
  offset: number;
  /** Elements. */
  length: number;
}

interface MetaLine {
  report: IngestReport;
  indexedAt: string;
  acronyms: Acronym[];
  acronymCounts: AcronymCounts;
  docs: StoredDocument[];
  strings: string[];
  partitions: Partition[];
  endian: 'LE' | 'BE';
  sections: Section[];
}

const CTOR = { u8: Uint8Array, u16: Uint16Array, u32: Uint32Array, i32: Int32Array } as const;

function typeOf(a: AnyArray): ArrayType {
  if (a instanceof Uint8Array) return 'u8';
  if (a instanceof Uint16Array) return 'u16';
  if (a instanceof Uint32Array) return 'u32';
  return 'i32';
}

/** Every array of the state, named; the passage text last (a loaded cache leaves it in the file). */
function arraysOf(state: EngineState): Array<[string, AnyArray]> {
  const out: Array<[string, AnyArray]> = [];
  const { store } = state;
  for (const [k, v] of Object.entries(store.arrays)) if (k !== 'text') out.push([`store.${k}`, v as AnyArray]);
  for (const [k, v] of Object.entries(state.index.a)) out.push([`index.${k}`, v as AnyArray]);
  out.push([TEXT, store.blobRange('text', 0, store.arrays.textOff[store.size]!)]);
  return out;
}

const TEXT = 'store.text';

const align8 = (n: number): number => (n + 7) & ~7;

/**
 * The cache file's bytes as a list of chunks (views onto the state's arrays, no copies), ending
 * with the checksummed trailer. Used for the file and for handing a state between threads.
 */
export function encodeState(state: EngineState, files: readonly FileEntry[]): Uint8Array[] {
  return encodeParts(state, files).chunks;
}

/** {@link encodeState}'s chunks, and the byte offset in them where the passage text starts. */
function encodeParts(state: EngineState, files: readonly FileEntry[]): { chunks: Uint8Array[]; textStart: number } {
  const header: CacheHeader = {
    format: FORMAT,
    schemaVersion: INDEX_OPTIONS.schemaVersion,
    engineOptionsHash: optionsHash(),
    libraryFingerprint: libraryFingerprint(files),
    files: [...files],
    createdAt: new Date().toISOString(),
  };
  const arrays = arraysOf(state);
  const sections: Section[] = [];
  let offset = 0;
  for (const [name, a] of arrays) {
    sections.push({ name, type: typeOf(a), offset, length: a.length });
    offset = align8(offset + a.byteLength);
  }
  const meta: MetaLine = {
    report: state.report,
    indexedAt: state.indexedAt,
    acronyms: state.acronyms,
    acronymCounts: state.acronymCounts,
    docs: state.store.docs,
    strings: state.store.strings,
    partitions: state.partitions,
    endian: os.endianness(),
    sections,
  };
  const chunks: Uint8Array[] = [Buffer.from(JSON.stringify(header) + '\n' + JSON.stringify(meta) + '\n', 'utf8')];
  let at = chunks[0]!.length;
  const pad = (to: number): void => {
    if (to > at) chunks.push(new Uint8Array(to - at));
    at = to;
  };
  const base = align8(at);
  pad(base);
  let textStart = 0;
  arrays.forEach(([name, a], i) => {
    pad(base + sections[i]!.offset);
    if (name === TEXT) textStart = at;
    chunks.push(new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
    at += a.byteLength;
  });
  chunks.push(Buffer.from('\n'));
  at += 1;
  let crc = 0;
  // zlib.crc32 of an empty input returns 0, not the running value (Node 20): skip empty sections
  for (const c of chunks) if (c.byteLength > 0) crc = crc32(c, crc);
  const trailer: Trailer = { end: true, lines: 3, bytes: at, checksum: checksumText(crc) };
  chunks.push(Buffer.from(JSON.stringify(trailer) + '\n', 'utf8'));
  return { chunks, textStart };
}

/** The scan as cache entries (sorted by path). */
export function fileEntries(scan: readonly ScannedFile[]): FileEntry[] {
  return scan.map((f): FileEntry => [f.path, f.size, Math.round(f.mtimeMs)]).sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}

/** A hash of every file's path, size and modification time: any change to the library changes it. */
export function libraryFingerprint(entries: readonly FileEntry[]): string {
  const h = createHash('sha256');
  for (const [p, size, mtime] of entries) h.update(`${p}\0${size}\0${mtime}\n`);
  return h.digest('hex');
}

/** Files added, changed (size or mtime) and removed between two scans. */
export function diffFiles(before: readonly FileEntry[], after: readonly FileEntry[]): { added: string[]; changed: string[]; removed: string[] } {
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
/** A temporary cache older than this is left over whoever wrote it (a write takes minutes at most). */
const STALE_TEMP_MS = 60 * 60 * 1000;

/**
 * Removes what killed cache writes left behind: `<cache>.tmp-<pid>-<ts>` files whose writer is gone
 * (no such process, this very process id from an earlier run — a container's pid 1 — or over an
 * hour old). Call before this process starts a write. Returns the names removed; never throws.
 */
export async function removeStaleCacheTemps(cachePath: string): Promise<string[]> {
  const dir = path.dirname(cachePath);
  const prefix = `${path.basename(cachePath)}.tmp-`;
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    if (!name.startsWith(prefix)) continue;
    const m = /^(\d+)-[0-9a-z]+$/.exec(name.slice(prefix.length));
    if (!m) continue;
    const pid = Number(m[1]);
    const full = path.join(dir, name);
    let stale = pid === process.pid || !processAlive(pid);
    if (!stale) {
      const st = await stat(full).catch(() => undefined);
      stale = st !== undefined && Date.now() - st.mtimeMs > STALE_TEMP_MS;
    }
    if (!stale) continue;
    try {
      await rm(full, { force: true });
      removed.push(name);
    } catch {
      // another process may be cleaning up too; what stays is tried again next start
    }
  }
  return removed;
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export async function saveCache(cachePath: string, state: EngineState, files: readonly FileEntry[]): Promise<void> {
  await writeChunks(cachePath, encodeState(state, files));
}

/** A cache file just written, as a thread that did not write it reopens it (see src/library/open.ts). */
export interface WrittenCache {
  /** The file's bytes before the passage text, in one buffer of their own (transferable). */
  prefix: Uint8Array;
  /** Where the passage text starts in the file, and which file it is (`dev`/`ino`/`size`). */
  text: { offset: number; dev: number; ino: number; size: number };
}

/**
 * {@link saveCache}, also returning the bytes before the passage text and where the text is, so
 * another thread can serve the state from the file without reading or checksumming it again.
 */
export async function saveCacheForHandover(cachePath: string, state: EngineState, files: readonly FileEntry[]): Promise<WrittenCache> {
  const { chunks, textStart } = encodeParts(state, files);
  const prefix = new Uint8Array(textStart);
  let at = 0;
  for (const c of chunks) {
    if (at >= textStart) break;
    const n = Math.min(c.length, textStart - at);
    prefix.set(n === c.length ? c : c.subarray(0, n), at);
    at += n;
  }
  await writeChunks(cachePath, chunks);
  const st = await stat(cachePath);
  return { prefix, text: { offset: textStart, dev: st.dev, ino: st.ino, size: st.size } };
}

async function writeChunks(cachePath: string, chunks: readonly Uint8Array[]): Promise<void> {
  await makeFolders(path.dirname(cachePath));
  const tmp = `${cachePath}.tmp-${process.pid}-${Date.now().toString(36)}`;
  const fh = await open(tmp, 'w');
  try {
    for (const chunk of chunks) {
      // large chunks in slices: one write call has a 2 GB limit
      for (let i = 0; i < chunk.length; i += 1 << 28) await fh.write(chunk.subarray(i, Math.min(chunk.length, i + (1 << 28))));
    }
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
  if (typeof h.format === 'string' && OLD_FORMATS.includes(h.format)) return { reason: 'cache was written in an older format' };
  if (h.format !== FORMAT || !Array.isArray(h.files) || typeof h.libraryFingerprint !== 'string') {
    return { reason: 'not a Verbatim index cache' };
  }
  return { header: h as CacheHeader };
}

/** The trailer's checksum of a CRC-32 value. */
export function checksumText(crc: number): string {
  return `crc32:${(crc >>> 0).toString(16).padStart(8, '0')}`;
}

const read = promisify(fsRead);
const CHUNK = 4 << 20;

/** Reads `n` bytes at `pos` of `fd` into `into` at `at`. */
async function readFully(fd: number, into: Uint8Array, at: number, n: number, pos: number): Promise<void> {
  for (let done = 0; done < n;) {
    const { bytesRead } = await read(fd, into, at + done, n - done, pos + done);
    if (bytesRead === 0) throw new Error('file ends early');
    done += bytesRead;
  }
}

/** Which file (device, inode) of which size: a cache file this process already checked, unchanged since. */
export interface FileIdentity {
  dev: number;
  ino: number;
  size: number;
}

/** A cache loaded from its file: the state, whose passage text stays in the file (`textFile`). */
export interface LoadedCache {
  state: EngineState;
  header: CacheHeader;
  /** The file's bytes before the passage text: everything but the text, what the state's arrays view. */
  prefix: Uint8Array;
  textFile: TextFile;
}

/**
 * Loads the cache when it is whole and was built with this schema, these options and this library
 * (`fingerprint`, null: any); otherwise gives the reason it cannot be trusted. Reads everything but
 * the passage text into memory (checksumming all of it on the way); the text is read per passage
 * from the file, kept open, when a hit needs it. `trusted`: the file must be that one (else the
 * reason says it was replaced), and is not checksummed again (this process checked it when it wrote
 * or first loaded it).
 */
export async function loadCache(
  cachePath: string,
  fingerprint: string | null,
  options: { trusted?: FileIdentity } = {},
): Promise<LoadedCache | { reason: string }> {
  let fd: number;
  try {
    fd = openSync(cachePath, 'r');
  } catch (err) {
    return { reason: (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no cache yet' : `cache unreadable: ${(err as Error).message}` };
  }
  let keep = false;
  try {
    const st = fstatSync(fd);
    const size = st.size;
    const { trusted } = options;
    if (trusted && (st.dev !== trusted.dev || st.ino !== trusted.ino || st.size !== trusted.size)) {
      return { reason: 'the cache file was replaced meanwhile' };
    }
    // the trailer: last line
    const tailLen = Math.min(size, 4096);
    const tail = Buffer.allocUnsafe(tailLen);
    await readFully(fd, tail, 0, tailLen, size - tailLen);
    if (tailLen === 0 || tail[tailLen - 1] !== 0x0a) return { reason: 'cache file is truncated (no end marker)' };
    const nl = tail.lastIndexOf(0x0a, tailLen - 2);
    if (nl < 0) return { reason: 'cache file is truncated (no end marker)' };
    const lastStart = size - tailLen + nl + 1;
    let trailer: Partial<Trailer>;
    try {
      trailer = JSON.parse(tail.toString('utf8', nl + 1, tailLen - 1)) as Partial<Trailer>;
    } catch {
      return { reason: 'cache file is truncated (no end marker)' };
    }
    if (trailer.end !== true || trailer.bytes !== lastStart) return { reason: 'cache file is truncated or was written by a crashed process' };
    // header and meta lines: checked before reading the rest
    let head = Buffer.allocUnsafe(Math.min(lastStart, 1 << 16));
    await readFully(fd, head, 0, head.length, 0);
    let l1 = head.indexOf(0x0a);
    let l2 = l1 < 0 ? -1 : head.indexOf(0x0a, l1 + 1);
    while (l2 < 0 && head.length < lastStart) {
      const bigger = Buffer.allocUnsafe(Math.min(lastStart, head.length * 4));
      await readFully(fd, bigger, 0, bigger.length, 0);
      head = bigger;
      l1 = head.indexOf(0x0a);
      l2 = l1 < 0 ? -1 : head.indexOf(0x0a, l1 + 1);
    }
    if (l1 < 0 || l2 < 0) return { reason: 'cache payload ends early' };
    const layout = parseLayout(head, l1, l2, fingerprint);
    if ('reason' in layout) return layout;
    const text = layout.meta.sections.at(-1);
    if (!text || text.name !== TEXT) return { reason: 'cache payload unreadable: passage text is not the last section' };
    const prefixEnd = layout.base + text.offset;
    if (prefixEnd + text.length > lastStart) return { reason: 'cache payload ends early' };
    // everything before the text into memory, the text streamed: both checksummed
    const prefix = Buffer.allocUnsafeSlow(prefixEnd);
    let crc = 0;
    for (let at = 0; at < prefixEnd; at += CHUNK) {
      const n = Math.min(CHUNK, prefixEnd - at);
      await readFully(fd, prefix, at, n, at);
      if (!trusted) crc = crc32(prefix.subarray(at, at + n), crc);
    }
    if (!trusted) {
      const scratch = Buffer.allocUnsafe(Math.min(CHUNK, Math.max(1, lastStart - prefixEnd)));
      for (let at = prefixEnd; at < lastStart; at += scratch.length) {
        const n = Math.min(scratch.length, lastStart - at);
        await readFully(fd, scratch, 0, n, at);
        crc = crc32(scratch.subarray(0, n), crc);
      }
      if (checksumText(crc) !== trailer.checksum) return { reason: 'cache checksum mismatch (corrupt file)' };
    }
    const textFile: TextFile = { fd, offset: prefixEnd };
    const res = stateFromPrefix(prefix, fingerprint, textFile);
    if ('reason' in res) return res;
    keep = true;
    return { ...res, prefix, textFile };
  } catch (err) {
    return { reason: `cache payload unreadable: ${(err as Error).message}` };
  } finally {
    if (!keep) closeSync(fd);
  }
}

/** Header and meta lines (ending at l1 and l2) checked against this schema, these options and `fingerprint`. */
function parseLayout(
  buf: Buffer,
  l1: number,
  l2: number,
  fingerprint: string | null,
): { header: CacheHeader; meta: MetaLine; base: number } | { reason: string } {
  const parsed = parseHeader(buf.toString('utf8', 0, l1));
  if ('reason' in parsed) return parsed;
  const { header } = parsed;
  if (header.schemaVersion !== INDEX_OPTIONS.schemaVersion) {
    return { reason: `cache schema version ${header.schemaVersion} is not ${INDEX_OPTIONS.schemaVersion}` };
  }
  if (header.engineOptionsHash !== optionsHash()) return { reason: 'cache was built with other index options' };
  if (fingerprint !== null && header.libraryFingerprint !== fingerprint) return { reason: 'the library changed since the cache was built' };
  let meta: MetaLine;
  try {
    meta = JSON.parse(buf.toString('utf8', l1 + 1, l2)) as MetaLine;
  } catch {
    return { reason: 'cache payload unreadable: bad meta line' };
  }
  if (meta.endian !== os.endianness()) return { reason: 'cache was written on a machine of other byte order' };
  return { header, meta, base: align8(l2 + 1) };
}

/**
 * The state viewed onto a cache file's bytes: all of them, or (with `textFile`) those before the
 * passage text, which then stays in that file. No checksum check here (see loadCache/decodeState).
 */
export function stateFromPrefix(
  bytes: Uint8Array,
  fingerprint: string | null,
  textFile?: TextFile,
): { state: EngineState; header: CacheHeader } | { reason: string } {
  let buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  try {
    const l1 = buf.indexOf(0x0a);
    const l2 = l1 < 0 ? -1 : buf.indexOf(0x0a, l1 + 1);
    if (l1 < 0 || l2 < 0) return { reason: 'cache payload ends early' };
    const layout = parseLayout(buf, l1, l2, fingerprint);
    if ('reason' in layout) return layout;
    const { header, meta, base } = layout;
    if (buf.byteOffset % 8 !== 0) buf = Buffer.from(buf); // copy to an aligned buffer
    const arrays: Record<string, AnyArray> = {};
    for (const s of meta.sections) {
      const C = CTOR[s.type];
      if (s.name === TEXT && textFile) {
        arrays[s.name] = new C(0);
        continue;
      }
      const start = base + s.offset;
      if (start + s.length * C.BYTES_PER_ELEMENT > buf.length) return { reason: 'cache payload ends early' };
      arrays[s.name] = new C(buf.buffer as ArrayBuffer, buf.byteOffset + start, s.length);
    }
    const pick = <T>(prefix: string): T => {
      const out: Record<string, AnyArray> = {};
      for (const [k, v] of Object.entries(arrays)) if (k.startsWith(prefix)) out[k.slice(prefix.length)] = v;
      return out as T;
    };
    // the index first: a store given the text file registers it to be closed when collected, so it
    // is made last, once nothing more can fail (the caller closes the file when this does)
    const index = new FrozenIndex(pick<IndexArrays>('index.'));
    const state: EngineState = {
      store: new LibraryStore(meta.docs, pick<StoreArrays>('store.'), meta.strings, textFile),
      index,
      partitions: meta.partitions,
      report: meta.report,
      indexedAt: meta.indexedAt,
      acronyms: meta.acronyms,
      acronymCounts: meta.acronymCounts,
    };
    return { state, header };
  } catch (err) {
    return { reason: `cache payload unreadable: ${(err as Error).message}` };
  }
}

/**
 * The state held in a whole cache file's bytes (views onto `bytes`, which must not be modified
 * after), when they are whole (`verify`: check the checksum too) and match this schema, these
 * options and `fingerprint` (null: any library).
 */
export function decodeState(
  bytes: Uint8Array,
  fingerprint: string | null,
  verify = true,
): { state: EngineState; header: CacheHeader } | { reason: string } {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buf.length === 0 || buf[buf.length - 1] !== 0x0a) return { reason: 'cache file is truncated (no end marker)' };
  const lastStart = buf.lastIndexOf(0x0a, buf.length - 2) + 1;
  let trailer: Partial<Trailer>;
  try {
    trailer = JSON.parse(buf.toString('utf8', lastStart, buf.length - 1)) as Partial<Trailer>;
  } catch {
    return { reason: 'cache file is truncated (no end marker)' };
  }
  if (trailer.end !== true || trailer.bytes !== lastStart) return { reason: 'cache file is truncated or was written by a crashed process' };
  if (verify) {
    const checksum = checksumText(crc32(buf.subarray(0, lastStart)));
    if (checksum !== trailer.checksum) return { reason: 'cache checksum mismatch (corrupt file)' };
  }
  return stateFromPrefix(buf.subarray(0, lastStart), fingerprint);
}
