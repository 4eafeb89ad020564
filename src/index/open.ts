/**
 * Opening a library: scan it, reuse the persisted index when nothing changed, else index it again
 * and replace the cache atomically. The CLI, the bot, eval and bench all open libraries this way.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadLibrary, scanLibrary } from '../ingest/library.ts';
import { buildState, VerbatimEngine } from '../search/engine.ts';
import type { IngestReport } from '../types.ts';
import { diffFiles, fileEntries, libraryFingerprint, loadCache, readCacheHeader, saveCache } from './cache.ts';

const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** `<project>/.cache/index-<hash of the absolute library path>.json` (.cache/ is git-ignored). */
export function defaultCachePath(dataDir: string): string {
  const abs = path.resolve(dataDir);
  const h = createHash('sha256').update(abs).digest('hex').slice(0, 12);
  return path.join(PROJECT_ROOT, '.cache', `index-${path.basename(abs).replace(/[^A-Za-z0-9_-]/g, '_')}-${h}.json`);
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
  onProgress?: (done: number, total: number) => void;
  log?: OpenLog;
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

/** Scans `dataDir`, loads the cached index when the library is unchanged, else rebuilds and saves it. */
export async function openLibrary(opts: OpenOptions): Promise<OpenedLibrary> {
  const { dataDir, cachePath, log } = opts;
  const scan = await scanLibrary(dataDir);
  const files = fileEntries(scan);
  const fingerprint = libraryFingerprint(files);
  const head = await readCacheHeader(cachePath);
  const changes = diffFiles('header' in head ? head.header.files : [], files);
  let reason: string;
  if (opts.rebuild) reason = 'rebuild requested';
  else if ('reason' in head) reason = head.reason;
  else if (head.header.libraryFingerprint !== fingerprint) reason = 'the library changed since the cache was built';
  else {
    const cached = await loadCache(cachePath, fingerprint);
    if ('state' in cached) {
      log?.info({ cachePath, passages: cached.state.store.size }, 'index loaded from cache');
      return { engine: new VerbatimEngine(cached.state), report: cached.state.report, fromCache: true, changes };
    }
    reason = cached.reason;
  }
  log?.info({ cachePath, reason, added: changes.added.length, changed: changes.changed.length, removed: changes.removed.length }, 'indexing library');
  const loadOpts = opts.onProgress ? { onProgress: opts.onProgress } : {};
  const { documents, report } = await loadLibrary(dataDir, loadOpts);
  const state = buildState(documents, report);
  try {
    await saveCache(cachePath, state, files);
  } catch (err) {
    log?.warn({ cachePath, err: (err as Error).message }, 'could not save the index cache');
  }
  return { engine: new VerbatimEngine(state), report, fromCache: false, changes, reason };
}
