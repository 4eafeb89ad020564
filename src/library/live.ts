/**
 * A library that keeps itself current: watches the library folder, and after a burst of changes
 * (debounced) has a worker thread (./live-update.ts) rescan it, load only the files that were added
 * or changed (or whose sidecar or manifest changed), apply them to the served index incrementally
 * and write the result atomically to the index cache. The updated engine is then opened from that
 * file (its passage text stays on disk) and swapped in; the one it replaces keeps answering
 * meanwhile, and its file is closed a little later (`releaseAfterMs`), once the queries that started
 * on it are done. Nothing of an update but the swap runs on the thread that answers. No discord.js,
 * pino or dotenv here.
 */
import { fstatSync, unlinkSync, watch } from 'node:fs';
import { readdir, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { isIgnoredName, scanLibrary } from '../ingest/load-library.ts';
import { fileEntries, readCacheHeader, removeStaleCacheTemps, saveCacheForHandover, type FileEntry, type FileIdentity } from '../index/cache.ts';
import { reopen, type OpenLog } from './open.ts';
import { watchTree, type TreeWatcher } from './watch-tree.ts';
import type { FileProblems, UpdateChanges, UpdateJob, UpdateResult } from './live-update.ts';
import { VerbatimEngine } from '../search/engine.ts';
import type { ExtractLimits, SearchEngine } from '../types.ts';

/** What one live update changed (paths are document files relative to the library root), and how long it took. */
export interface UpdateSummary extends UpdateChanges {
  ms: number;
  /** Of `ms`, the time the calling thread spent (opening the updated index and building its engine); the rest ran on a worker. */
  mainThreadMs: number;
}

export interface WatchOptions {
  dataDir: string;
  /**
   * Where the index cache lives; each update writes the updated index there. Omit (or make it
   * unwritable) and updates go to a private temporary file instead (said once in the log).
   */
  cachePath?: string;
  /** How files are loaded (extraction limits). */
  load?: { limits?: Partial<ExtractLimits> };
  /** Quiet time after the last event before updating (default 500 ms). */
  debounceMs?: number;
  /** Longest wait after the first event of a burst (default 5 s): a long copy still shows progress. */
  maxWaitMs?: number;
  /** Rescan this often as well (ms; 0 = never). Used alone where recursive fs.watch is unavailable. */
  pollMs?: number;
  /**
   * How long an engine that an update (or a reload) replaced keeps its index file open (default
   * 30 s): queries that started on it finish; then the descriptor is closed, so a replaced cache
   * file does not stay on disk.
   */
  releaseAfterMs?: number;
  /** The update worker's heap limit in MB (default 1280). */
  workerHeapMb?: number;
  log?: OpenLog & { error?(obj: object, msg: string): void };
  /** Called after each update that changed something. */
  onUpdate?: (summary: UpdateSummary) => void;
  /** Full rebuild, used when an incremental update fails (default: none, the error is logged). */
  rebuild?: () => Promise<{ engine: SearchEngine }>;
}

/** Prefix of the private files that hold the served index when the cache cannot (in the OS temp folder). */
const PRIVATE_PREFIX = 'verbatim-live-';

/**
 * Keeps an engine current with its library folder. `start` it from an opened library; it calls
 * `swap` with each updated engine. Updates and full reloads (`exclusive`) run one at a time.
 */
export class LibraryWatcher {
  private readonly opts: Required<Pick<WatchOptions, 'debounceMs' | 'maxWaitMs' | 'pollMs' | 'releaseAfterMs' | 'workerHeapMb'>> & WatchOptions;
  private engine: VerbatimEngine | undefined;
  private files: FileEntry[] = [];
  /** The file holding the served index (what the update worker starts from); undefined: none yet. */
  private source: { path: string; trusted?: FileIdentity } | undefined;
  /** A private temporary file this watcher wrote and still serves from (removed when replaced). */
  private privateFile: string | undefined;
  private privateCount = 0;
  private swap: (engine: SearchEngine) => void = () => undefined;
  private perFile: Array<[string, FileProblems]> | undefined;
  private watcher: TreeWatcher | undefined;
  private poller: NodeJS.Timeout | undefined;
  private quietTimer: NodeJS.Timeout | undefined;
  private burstStart = 0;
  private worker: Worker | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private stopped = false;
  /** What was already said once in the log (an unwritable cache, no file to start from). */
  private readonly said = new Set<string>();
  /** Updates that changed something (for tests and /about). */
  updates = 0;
  /** Update worker threads started (for tests). */
  workersStarted = 0;

  constructor(options: WatchOptions) {
    this.opts = { debounceMs: 500, maxWaitMs: 5000, pollMs: 0, releaseAfterMs: 30_000, workerHeapMb: 1280, ...options };
  }

  /**
   * Starts watching. `engine` must reflect the library as the cache at `cachePath` records it (as
   * `openLibrary` leaves it); without a readable cache the folder is scanned now.
   */
  async start(engine: SearchEngine, swap: (engine: SearchEngine) => void): Promise<void> {
    this.swap = swap;
    await removeStalePrivateFiles();
    await this.rebase(engine);
    this.stopped = false;
    try {
      const changed = (name: string | null): void => {
        // files the scan never reads (dotfiles, editor swap files, node_modules) cause no rescan
        if (name && name.split(/[\\/]/).some(isIgnoredName)) return;
        this.schedule();
      };
      const failed = (err: Error): void => {
        this.opts.log?.warn({ err: err.message }, 'library watcher failed; polling instead');
        this.watcher?.close();
        this.watcher = undefined;
        this.startPolling(this.opts.pollMs || 5000);
      };
      // on Linux, Node's recursive watch follows each file's inode and loses a file saved by rename
      // (./watch-tree.ts): each folder is watched instead
      if (process.platform === 'linux') this.watcher = watchTree(this.opts.dataDir, changed, failed);
      else {
        const recursive = watch(this.opts.dataDir, { recursive: true }, (_event, name) => changed(name));
        recursive.on('error', failed);
        this.watcher = recursive;
      }
    } catch (err) {
      this.opts.log?.warn({ err: (err as Error).message }, 'recursive fs.watch unavailable; polling the library');
      this.startPolling(this.opts.pollMs || 5000);
    }
    if (this.watcher && this.opts.pollMs > 0) this.startPolling(this.opts.pollMs);
  }

  private startPolling(ms: number): void {
    if (this.poller) return;
    this.poller = setInterval(() => this.schedule(0), ms);
    this.poller.unref();
  }

  /** Takes `engine` (just opened or rebuilt) as the new starting point; the one it replaces is retired. */
  private async rebase(engine: SearchEngine): Promise<void> {
    if (!(engine instanceof VerbatimEngine)) throw new Error('live updates need a VerbatimEngine');
    const old = this.engine;
    this.engine = engine;
    this.perFile = undefined;
    const { cachePath } = this.opts;
    const head = cachePath ? await readCacheHeader(cachePath) : { reason: 'no cache' };
    this.files = 'header' in head ? head.header.files : fileEntries(await scanLibrary(this.opts.dataDir));
    this.source = 'header' in head && cachePath ? { path: cachePath, ...(await this.identityIfServed(engine, cachePath)) } : undefined;
    this.dropPrivateFile();
    if (old && old !== engine) this.retire(old);
  }

  /** `{ trusted }` when `engine`'s text is read from the file at `file` (checked when it was opened). */
  private async identityIfServed(engine: VerbatimEngine, file: string): Promise<{ trusted?: FileIdentity }> {
    const tf = engine.state.store.textFile;
    if (!tf) return {};
    try {
      const a = fstatSync(tf.fd);
      const b = await stat(file);
      return a.dev === b.dev && a.ino === b.ino ? { trusted: { dev: b.dev, ino: b.ino, size: b.size } } : {};
    } catch {
      return {};
    }
  }

  /**
   * Closes the index file of an engine no longer served, once the queries that started on it are
   * done (`releaseAfterMs`). Held weakly: an engine nobody uses any more is collected meanwhile
   * (and its file closed then).
   */
  private retire(old: VerbatimEngine): void {
    const store = new WeakRef(old.state.store);
    setTimeout(() => store.deref()?.release(), this.opts.releaseAfterMs).unref();
  }

  /** Removes the private file the served index came from, once it is no longer the source (the engine keeps it open). */
  private dropPrivateFile(keep?: string): void {
    if (!this.privateFile || this.privateFile === keep) return;
    try {
      unlinkSync(this.privateFile);
    } catch {
      // already gone
    }
    this.privateFile = undefined;
  }

  /** Says `msg` in the log once per watcher. */
  private warnOnce(key: string, obj: object, msg: string): void {
    if (this.said.has(key)) return;
    this.said.add(key);
    this.opts.log?.warn(obj, msg);
  }

  /** Notes a file-system event: the update runs once events have been quiet for `debounceMs`. */
  private schedule(quiet = this.opts.debounceMs): void {
    if (this.stopped) return;
    const now = Date.now();
    if (!this.quietTimer) this.burstStart = now;
    else clearTimeout(this.quietTimer);
    const wait = Math.max(0, Math.min(quiet, this.burstStart + this.opts.maxWaitMs - now));
    this.quietTimer = setTimeout(() => {
      this.quietTimer = undefined;
      void this.refresh().catch((err: unknown) => this.opts.log?.error?.({ err }, 'library update failed'));
    }, wait);
  }

  /** Runs `task` after the work queued before it, before the work queued after it. */
  private serial<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /**
   * Rescans now and applies what changed since the last scan. Resolves to the summary, or null
   * when nothing changed. (The watcher calls it; tests and tools may too.)
   */
  refresh(): Promise<UpdateSummary | null> {
    return this.serial(() => this.update());
  }

  /**
   * Runs a full reload (e.g. /reindex) with live updates held off, and continues from its result.
   */
  exclusive<T extends { engine: SearchEngine }>(reload: () => Promise<T>): Promise<T> {
    return this.serial(async () => {
      const opened = await reload();
      if (this.engine) await this.rebase(opened.engine);
      return opened;
    });
  }

  private async update(): Promise<UpdateSummary | null> {
    const engine = this.engine;
    if (!engine || this.stopped) return null;
    const started = performance.now();
    const { cachePath } = this.opts;
    if (!cachePath) this.warnOnce('no-cache', {}, 'no index cache configured: live updates keep the index in a temporary file');
    if (!this.source) await this.writeSource(engine);
    const job: UpdateJob = {
      dataDir: this.opts.dataDir,
      source: this.source!,
      files: this.files,
      ...(this.perFile ? { perFile: this.perFile } : {}),
      ...(this.opts.load?.limits ? { limits: this.opts.load.limits } : {}),
      ...(cachePath ? { cachePath } : {}),
      fallbackPath: this.privatePath(),
    };
    let result: UpdateResult;
    try {
      result = await this.runWorker(job);
    } catch (err) {
      if (this.stopped) return null;
      result = { type: 'error', stage: 'apply', message: (err as Error).message };
    }
    if (this.stopped) {
      if (result.type === 'done' && result.path === job.fallbackPath) await rm(result.path, { force: true });
      return null;
    }
    if (result.type === 'unchanged') return null;
    const what = result.type === 'error' ? (result.what ?? { added: [], changed: [], removed: [] }) : result;
    if (result.type === 'error') {
      // the folder could not be read: nothing changed, the next event tries again
      if (result.stage === 'scan') throw new Error(result.message);
      return this.recover(new Error(result.message), started, what);
    }
    // the new engine over the transferred bytes, its text left in the file the worker wrote
    let mainThreadMs = 0;
    const timed = <T>(work: () => T): T => {
      const t = performance.now();
      try {
        return work();
      } finally {
        mainThreadMs += performance.now() - t;
      }
    };
    const decoded = timed(() => reopen(result.path, result.written.prefix, result.written.text));
    if ('reason' in decoded) return this.recover(new Error(`the updated index could not be opened: ${decoded.reason}`), started, what);
    // two slices of work, not one: answers waiting meanwhile go in between
    await new Promise((r) => setImmediate(r));
    if (this.stopped) {
      decoded.state.store.release();
      if (result.path === job.fallbackPath) await rm(result.path, { force: true });
      return null;
    }
    const next = timed(() => new VerbatimEngine(decoded.state, undefined, result.prepared));
    if (result.cacheError !== undefined) {
      this.warnOnce(
        'cache-unwritable',
        { cachePath, err: result.cacheError },
        'could not save the index cache; live updates keep the index in a temporary file (a restart indexes again)',
      );
    }
    this.dropPrivateFile(result.path);
    if (result.path === job.fallbackPath) this.privateFile = result.path;
    const { dev, ino, size } = result.written.text;
    this.source = { path: result.path, trusted: { dev, ino, size } };
    this.perFile = result.perFile;
    this.engine = next;
    this.files = result.files;
    timed(() => this.swap(next));
    mainThreadMs = Math.round(mainThreadMs);
    this.retire(engine);
    this.updates++;
    if (result.path === cachePath) this.opts.log?.info({ cachePath }, 'index cache updated');
    const summary: UpdateSummary = {
      added: result.added,
      changed: result.changed,
      removed: result.removed,
      skipped: result.skipped,
      documents: result.documents,
      passages: result.passages,
      ms: Math.round(performance.now() - started),
      mainThreadMs,
    };
    this.opts.log?.info(
      {
        added: summary.added.length,
        changed: summary.changed.length,
        removed: summary.removed.length,
        skipped: summary.skipped.length,
        documents: summary.documents,
        passages: summary.passages,
        ms: summary.ms,
        mainThreadMs,
      },
      'library updated',
    );
    for (const p of summary.skipped) this.opts.log?.warn({ path: p.path, line: p.line, reason: p.reason }, 'file skipped');
    this.opts.onUpdate?.(summary);
    return summary;
  }

  /** A new private temporary file's name (in the OS temp folder; removed when replaced, at stop, or at the next start after a crash). */
  private privatePath(): string {
    return path.join(os.tmpdir(), `${PRIVATE_PREFIX}${process.pid}-${Date.now().toString(36)}-${this.privateCount++}.bin`);
  }

  /**
   * No file holds the served index (the cache is missing, unreadable or not configured): writes it
   * to a private file once, here, so the update worker can start from it. The only update work
   * done on this thread, and only when the library was opened without a usable cache.
   */
  private async writeSource(engine: VerbatimEngine): Promise<void> {
    this.warnOnce('no-source', {}, 'the served index is in no cache file: writing it to a temporary file once for live updates');
    const file = this.privatePath();
    const { text } = await saveCacheForHandover(file, engine.state, this.files);
    this.privateFile = file;
    this.source = { path: file, trusted: { dev: text.dev, ino: text.ino, size: text.size } };
  }

  /** Runs one update job on a new worker thread; rejects if the worker fails or is stopped before answering. */
  private runWorker(job: UpdateJob): Promise<UpdateResult> {
    return new Promise((resolve, reject) => {
      const worker = new Worker(new URL('./live-worker-entry.mjs', import.meta.url), {
        workerData: job,
        stdout: false,
        stderr: false,
        // a bounded heap makes the worker collect as it goes
        resourceLimits: { maxOldGenerationSizeMb: this.opts.workerHeapMb },
      });
      this.worker = worker;
      this.workersStarted++;
      let settled = false;
      const settle = (done: () => void): void => {
        if (settled) return;
        settled = true;
        if (this.worker === worker) this.worker = undefined;
        void worker.terminate();
        done();
      };
      worker.once('message', (m: UpdateResult) => settle(() => resolve(m)));
      worker.once('error', (err) => settle(() => reject(err)));
      worker.once('exit', (code) => settle(() => reject(new Error(`the update worker exited (code ${code}) before finishing`))));
    });
  }

  /** An incremental update failed: the served index is not updated incrementally; rebuild it fully. */
  private async recover(
    err: unknown,
    started: number,
    what: { added: string[]; changed: string[]; removed: string[] },
  ): Promise<UpdateSummary | null> {
    this.opts.log?.error?.({ err }, 'incremental update failed; rebuilding the index');
    if (!this.opts.rebuild) throw err;
    const opened = await this.opts.rebuild();
    await this.rebase(opened.engine);
    this.swap(opened.engine);
    this.updates++;
    const stats = opened.engine.stats();
    const ms = Math.round(performance.now() - started);
    const summary: UpdateSummary = {
      added: [...what.added],
      changed: [...what.changed].sort(),
      removed: [...what.removed],
      skipped: [],
      documents: stats.documents,
      passages: stats.passages,
      ms,
      // the rebuild ran on a worker (when `rebuild` opens in one, as the bot's does)
      mainThreadMs: 0,
    };
    this.opts.onUpdate?.(summary);
    return summary;
  }

  /** Stops watching; a running update is abandoned (its worker stopped, its temporary files removed). */
  async stop(): Promise<void> {
    this.stopped = true;
    this.watcher?.close();
    this.watcher = undefined;
    if (this.poller) clearInterval(this.poller);
    this.poller = undefined;
    if (this.quietTimer) clearTimeout(this.quietTimer);
    this.quietTimer = undefined;
    const running = this.worker;
    if (running) await running.terminate();
    await this.serial(async () => {
      // what a stopped worker was writing
      if (running && this.opts.cachePath) await removeStaleCacheTemps(this.opts.cachePath);
    });
    this.dropPrivateFile();
  }
}

/** Removes private files left by watchers of processes that are gone (a crash, a kill). */
async function removeStalePrivateFiles(): Promise<void> {
  const dir = os.tmpdir();
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return;
  }
  for (const name of names) {
    const m = new RegExp(`^${PRIVATE_PREFIX}(\\d+)-`).exec(name);
    if (!m) continue;
    const pid = Number(m[1]);
    if (pid === process.pid) continue; // another watcher of this process may serve from it
    try {
      process.kill(pid, 0);
      continue;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'EPERM') continue;
    }
    await rm(path.join(dir, name), { force: true }).catch(() => undefined);
  }
}
