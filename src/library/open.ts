/**
 * Opening a library: scan it, reuse the persisted index when nothing changed, else index it again
 * and replace the cache atomically. The CLI, the bot, eval and bench all open libraries this way.
 * `openLibraryInWorker` does the same on a worker thread (the caller keeps answering queries
 * meanwhile) and hands the index over as one transferred buffer.
 */
import { PROJECT_ROOT } from '../project.ts';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { closeSync, fstatSync, openSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { VerbatimEngine } from '../search/engine.ts';
import type { EngineState } from '../index/state.ts';
import { stateFromStore } from '../index/build.ts';
import { INDEX_OPTIONS } from '../index/options.ts';
import { documentPartitionKey, LibraryStore, type TextFile } from '../index/store.ts';
import type { ExtractLimits, IngestReport } from '../types.ts';
import type { FileProgress } from '../ingest/load-library.ts';
import {
  decodeState,
  diffFiles,
  encodeState,
  stateFromPrefix,
  fileEntries,
  libraryFingerprint,
  loadCache,
  readCacheHeader,
  removeStaleCacheTemps,
  saveCache,
  type FileEntry,
} from '../index/cache.ts';

/** `<project>/.cache/index-<library name>-<hash of its absolute path>.bin` (.cache/ is git-ignored). */
export function defaultCachePath(dataDir: string): string {
  const abs = path.resolve(dataDir);
  const h = createHash('sha256').update(abs).digest('hex').slice(0, 12);
  return path.join(PROJECT_ROOT, '.cache', `index-${path.basename(abs).replace(/[^A-Za-z0-9_-]/g, '_')}-${h}.bin`);
}

/** Minimal logger shape (pino's fits); the core never imports pino. */
export interface OpenLog {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
}

export interface OpenOptions {
  dataDir: string;
  cachePath: string;
  /** Ignore the cache and index again. */
  rebuild?: boolean;
  /** Files loaded so far / files in total, while indexing. */
  onProgress?: (done: number, total: number, file?: FileProgress) => void;
  log?: OpenLog;
  /** Time and size limits for extracting one file (PDF, Word, HTML); defaults in src/ingest/load-library.ts. */
  limits?: Partial<ExtractLimits>;
  /** openLibraryInWorker only: the worker's heap limit in MB (default 1280; the whole UNGDC library builds within it). */
  workerHeapMb?: number;
}

export interface OpenedLibrary {
  engine: VerbatimEngine;
  report: IngestReport;
  fromCache: boolean;
  /** Files added, changed and removed since the cache was written (all files are "added" without a cache). */
  changes: { added: string[]; changed: string[]; removed: string[] };
  /** Why the cache was not used, when it was not. */
  reason?: string;
}

interface OpenedState {
  state: EngineState;
  files: FileEntry[];
  /** When the state was loaded from the cache: the bytes in memory and where the text stays. */
  loaded?: { prefix: Uint8Array; textFile: TextFile };
  fromCache: boolean;
  changes: OpenedLibrary['changes'];
  reason?: string;
}

async function openState(opts: OpenOptions): Promise<OpenedState> {
  const { dataDir, cachePath, log } = opts;
  // the cache is read while the library is scanned (both wait on the disk); it is used only if
  // the scan then finds the library it was built from
  const stale = await removeStaleCacheTemps(cachePath);
  if (stale.length) log?.info({ cachePath, removed: stale }, 'removed temporary cache files left by an interrupted write');
  const head = await readCacheHeader(cachePath);
  const early = !opts.rebuild && 'header' in head ? loadCache(cachePath, head.header.libraryFingerprint) : undefined;
  // the ingest modules (format parsers, CSV, YAML, charset detection) load while the cache is read
  const { loadLibrary, scanLibrary } = await import('../ingest/load-library.ts');
  const scan = await scanLibrary(dataDir).catch(async (err: unknown) => {
    await early?.then((c) => 'state' in c && c.state.store.release());
    throw err;
  });
  const files = fileEntries(scan);
  const fingerprint = libraryFingerprint(files);
  const changes = diffFiles('header' in head ? head.header.files : [], files);
  let reason: string;
  if (opts.rebuild) reason = 'rebuild requested';
  else if ('reason' in head) reason = head.reason;
  else if (head.header.libraryFingerprint !== fingerprint) {
    reason = 'the library changed since the cache was built';
    // released through its store: closed behind the store's back, its descriptor would be closed
    // again when the store is collected, by then perhaps the number of the cache opened next (EBADF)
    void early?.then((c) => 'state' in c && c.state.store.release());
  } else {
    const cached = await early!;
    if ('state' in cached) {
      log?.info({ cachePath, passages: cached.state.store.size }, 'index loaded from cache');
      return { state: cached.state, files, loaded: { prefix: cached.prefix, textFile: cached.textFile }, fromCache: true, changes };
    }
    reason = cached.reason;
  }
  log?.info({ cachePath, reason, added: changes.added.length, changed: changes.changed.length, removed: changes.removed.length }, 'indexing library');
  const loadOpts = { ...(opts.onProgress ? { onProgress: opts.onProgress } : {}), ...(opts.limits ? { limits: opts.limits } : {}) };
  let loaded: Awaited<ReturnType<typeof loadLibrary>> | undefined = await loadLibrary(dataDir, loadOpts);
  const { report } = loaded;
  const store = LibraryStore.fromDocuments(loaded.documents, (d) => documentPartitionKey(d, INDEX_OPTIONS.partitionYears));
  loaded = undefined; // the packed store holds what is needed: let the documents go before indexing
  const state = stateFromStore(store, report);
  try {
    await saveCache(cachePath, state, files);
  } catch (err) {
    log?.warn({ cachePath, err: (err as Error).message }, 'could not save the index cache');
  }
  return { state, files, fromCache: false, changes, reason };
}

/** Scans `dataDir`, loads the cached index when the library is unchanged, else rebuilds and saves it. */
export async function openLibrary(opts: OpenOptions): Promise<OpenedLibrary> {
  const o = await openState(opts);
  const out: OpenedLibrary = { engine: new VerbatimEngine(o.state), report: o.state.report, fromCache: o.fromCache, changes: o.changes };
  if (o.reason !== undefined) out.reason = o.reason;
  return out;
}

/** Messages from the open worker. */
export type OpenWorkerMessage =
  | { type: 'progress'; done: number; total: number; file?: FileProgress }
  | { type: 'log'; level: 'info' | 'warn'; obj: object; msg: string }
  | {
      type: 'done';
      /**
       * The cache file's bytes before the text, the text left in the file at `text.offset` (the
       * caller opens the file again: a worker's descriptors close with it; `ino`/`size` tell it
       * is the same file) …
       */
      prefix?: Uint8Array;
      text?: { offset: number; dev: number; ino: number; size: number };
      /** … or the whole state encoded (when no cache file could be used). */
      bytes?: Uint8Array;
      fromCache: boolean;
      changes: OpenedLibrary['changes'];
      reason?: string;
    }
  | { type: 'error'; message: string };

/**
 * What the open worker runs: {@link openLibrary}'s work, ending with the index as one buffer (the
 * cache file's bytes) to transfer to the caller's thread.
 */
export async function openInThisWorker(
  opts: Pick<OpenOptions, 'dataDir' | 'cachePath' | 'rebuild' | 'limits'>,
  post: (m: OpenWorkerMessage, transfer?: ArrayBuffer[]) => void,
): Promise<void> {
  try {
    const o = await openState({
      ...opts,
      onProgress: (done, total, file) => post(file ? { type: 'progress', done, total, file } : { type: 'progress', done, total }),
      log: {
        info: (obj, msg) => post({ type: 'log', level: 'info', obj, msg }),
        warn: (obj, msg) => post({ type: 'log', level: 'warn', obj, msg }),
      },
    });
    // after a build, the saved cache is read back like a loaded one (its text stays on disk)
    let loaded = o.loaded;
    if (!loaded) {
      const again = await loadCache(opts.cachePath, null);
      if ('state' in again) loaded = { prefix: again.prefix, textFile: again.textFile };
    }
    const msg: OpenWorkerMessage = { type: 'done', fromCache: o.fromCache, changes: o.changes };
    if (o.reason !== undefined) msg.reason = o.reason;
    let buf: Uint8Array;
    if (loaded) {
      buf = standalone(loaded.prefix);
      msg.prefix = buf;
      const st = fstatSync(loaded.textFile.fd);
      msg.text = { offset: loaded.textFile.offset, dev: st.dev, ino: st.ino, size: st.size };
    } else {
      buf = standalone(encodeState(o.state, o.files));
      msg.bytes = buf;
    }
    post(msg, [buf.buffer as ArrayBuffer]);
  } catch (err) {
    post({ type: 'error', message: err instanceof Error ? err.message : String(err) });
  }
}

/** The bytes in one buffer of their own (transferable without taking anything else along). */
function standalone(chunks: Uint8Array | Uint8Array[]): Uint8Array {
  const list = Array.isArray(chunks) ? chunks : [chunks];
  if (list.length === 1 && list[0]!.byteOffset === 0 && list[0]!.byteLength === list[0]!.buffer.byteLength) return list[0]!;
  const one = new Uint8Array(list.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of list) {
    one.set(c, at);
    at += c.length;
  }
  return one;
}

/**
 * The state over a worker's prefix bytes (no copy), the text read from the cache file opened here
 * (if it is still the file the worker wrote: `text.dev`/`ino`/`size`).
 */
export function reopen(
  cachePath: string,
  prefix: Uint8Array,
  text: { offset: number; dev: number; ino: number; size: number },
): ReturnType<typeof stateFromPrefix> {
  let fd: number;
  try {
    fd = openSync(cachePath, 'r');
  } catch (err) {
    return { reason: `cache file vanished: ${(err as Error).message}` };
  }
  const st = fstatSync(fd);
  if (st.dev !== text.dev || st.ino !== text.ino || st.size !== text.size) {
    closeSync(fd);
    return { reason: 'the cache file was replaced meanwhile' };
  }
  const res = stateFromPrefix(prefix, null, { fd, offset: text.offset });
  if ('reason' in res) closeSync(fd);
  return res;
}

/**
 * {@link openLibrary} on a worker thread: scanning, loading or indexing (and saving the cache)
 * happen there, so the calling thread keeps answering queries with its current engine; the new
 * engine is built here from the transferred buffer (no copy) once everything is ready. Swap it in
 * when the promise resolves; on failure the caller still has its old engine.
 */
export function openLibraryInWorker(opts: OpenOptions): Promise<OpenedLibrary> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./open-worker-entry.mjs', import.meta.url), {
      workerData: {
        dataDir: opts.dataDir,
        cachePath: opts.cachePath,
        rebuild: opts.rebuild ?? false,
        ...(opts.limits ? { limits: opts.limits } : {}),
      },
      stdout: false,
      stderr: false,
      // a bounded heap makes the worker collect as it goes: its peak stays near its live data
      resourceLimits: { maxOldGenerationSizeMb: opts.workerHeapMb ?? 1280 },
    });
    let settled = false;
    const fail = (err: Error): void => {
      if (settled) return;
      settled = true;
      void worker.terminate();
      reject(err);
    };
    worker.on('message', (m: OpenWorkerMessage) => {
      if (m.type === 'progress') opts.onProgress?.(m.done, m.total, m.file);
      else if (m.type === 'log') opts.log?.[m.level](m.obj, m.msg);
      else if (m.type === 'error') fail(new Error(m.message));
      else {
        const decoded = m.prefix && m.text ? reopen(opts.cachePath, m.prefix, m.text) : decodeState(m.bytes ?? new Uint8Array(0), null, false);
        if ('reason' in decoded) return fail(new Error(`index from the worker unusable: ${decoded.reason}`));
        settled = true;
        void worker.terminate();
        const out: OpenedLibrary = {
          engine: new VerbatimEngine(decoded.state),
          report: decoded.state.report,
          fromCache: m.fromCache,
          changes: m.changes,
        };
        if (m.reason !== undefined) out.reason = m.reason;
        resolve(out);
      }
    });
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`index worker exited (code ${code}) before finishing`)));
  });
}
