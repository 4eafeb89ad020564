/**
 * A library that keeps itself current: watches the library folder, and after a burst of changes
 * (debounced) rescans it, loads only the files that were added or changed (or whose sidecar or
 * manifest changed), applies them to the live engine incrementally and swaps the updated engine in.
 * The index cache is rewritten (atomically, debounced) after updates, so a restart serves the same
 * answers. No discord.js, pino or dotenv here.
 */
import { watch, type FSWatcher } from 'node:fs';
import path from 'node:path';
import {
  createLoadContext,
  fileKind,
  loadFiles,
  orphanProblems,
  scanLibrary,
  SIDECAR,
  type LoadOptions,
  type ScannedFile,
} from '../ingest/load-library.ts';
import { isLostId } from '../ingest/document-id.ts';
import { parseManifest } from '../ingest/metadata.ts';
import { diffFiles, fileEntries, readCacheHeader, saveCache, type FileEntry } from '../index/cache.ts';
import type { OpenLog } from './open.ts';
import { VerbatimEngine } from '../search/engine.ts';
import type { IngestReport, LibraryDocument, Problem, SearchEngine } from '../types.ts';
import { readFile } from 'node:fs/promises';

/** What one live update changed. Paths are document files relative to the library root. */
export interface UpdateSummary {
  added: string[];
  /** Files whose content, sidecar or manifest row changed. */
  changed: string[];
  removed: string[];
  /** Problems with the files just loaded (the file is not indexed). */
  skipped: Problem[];
  /** Library size after the update. */
  documents: number;
  passages: number;
  ms: number;
}

export interface WatchOptions {
  dataDir: string;
  /** Where the index cache lives; rewritten after updates. Omit to keep no cache. */
  cachePath?: string;
  /** How files are loaded (extraction limits, extractors). */
  load?: Omit<LoadOptions, 'onProgress'>;
  /** Quiet time after the last event before updating (default 500 ms). */
  debounceMs?: number;
  /** Longest wait after the first event of a burst (default 5 s): a long copy still shows progress. */
  maxWaitMs?: number;
  /** Delay before the cache is rewritten after an update (default 2 s; updates meanwhile are folded in). */
  saveDelayMs?: number;
  /** Rescan this often as well (ms; 0 = never). Used alone where recursive fs.watch is unavailable. */
  pollMs?: number;
  log?: OpenLog & { error?(obj: object, msg: string): void };
  /** Called after each update that changed something. */
  onUpdate?: (summary: UpdateSummary) => void;
  /** Full rebuild, used when an incremental update fails (default: none, the error is logged). */
  rebuild?: () => Promise<{ engine: SearchEngine }>;
}

/** Per document file, what loading it reported (skipped and warnings, incl. its sidecar and manifest row). */
type FileProblems = { skipped: Problem[]; warnings: Problem[] };

/**
 * Keeps an engine current with its library folder. `start` it from an opened library; it calls
 * `swap` with each updated engine. Updates, full reloads (`exclusive`) and cache writes run one
 * at a time.
 */
export class LibraryWatcher {
  private readonly opts: Required<Pick<WatchOptions, 'debounceMs' | 'maxWaitMs' | 'saveDelayMs' | 'pollMs'>> & WatchOptions;
  private engine: VerbatimEngine | undefined;
  private files: FileEntry[] = [];
  private swap: (engine: SearchEngine) => void = () => undefined;
  private perFile: Map<string, FileProblems> | undefined;
  private watcher: FSWatcher | undefined;
  private poller: NodeJS.Timeout | undefined;
  private quietTimer: NodeJS.Timeout | undefined;
  private burstStart = 0;
  private saveTimer: NodeJS.Timeout | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private stopped = false;
  /** Updates that changed something (for tests and /about). */
  updates = 0;

  constructor(options: WatchOptions) {
    this.opts = { debounceMs: 500, maxWaitMs: 5000, saveDelayMs: 2000, pollMs: 0, ...options };
  }

  /**
   * Starts watching. `engine` must reflect the library as the cache at `cachePath` records it (as
   * `openLibrary` leaves it); without a readable cache the folder is scanned now.
   */
  async start(engine: SearchEngine, swap: (engine: SearchEngine) => void): Promise<void> {
    this.swap = swap;
    await this.rebase(engine);
    this.stopped = false;
    try {
      this.watcher = watch(this.opts.dataDir, { recursive: true }, (_event, name) => {
        // files the scan never reads (dotfiles, editor swap files, node_modules) cause no rescan
        if (name && name.split(/[\\/]/).some((part) => part.startsWith('.') || part === 'node_modules')) return;
        this.schedule();
      });
      this.watcher.on('error', (err) => {
        this.opts.log?.warn({ err: err.message }, 'library watcher failed; polling instead');
        this.watcher?.close();
        this.watcher = undefined;
        this.startPolling(this.opts.pollMs || 5000);
      });
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

  /** Takes `engine` (just opened or rebuilt) as the new starting point. */
  private async rebase(engine: SearchEngine): Promise<void> {
    if (!(engine instanceof VerbatimEngine)) throw new Error('live updates need a VerbatimEngine');
    this.engine = engine;
    this.perFile = undefined;
    const head = this.opts.cachePath ? await readCacheHeader(this.opts.cachePath) : { reason: 'no cache' };
    this.files = 'header' in head ? head.header.files : fileEntries(await scanLibrary(this.opts.dataDir));
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
      await this.flushSave();
      const opened = await reload();
      if (this.engine) await this.rebase(opened.engine);
      return opened;
    });
  }

  private async update(): Promise<UpdateSummary | null> {
    const engine = this.engine;
    if (!engine || this.stopped) return null;
    const started = performance.now();
    const root = this.opts.dataDir;
    const scan = await scanLibrary(root);
    const files = fileEntries(scan);
    const diff = diffFiles(this.files, files);
    if (!diff.added.length && !diff.changed.length && !diff.removed.length) return null;

    const docsNow = new Set(scan.filter((f) => f.kind === 'document').map((f) => f.path));
    const docsBefore = new Set(this.files.map((f) => f[0]).filter((p) => fileKind(p) === 'document'));
    const added = diff.added.filter((p) => fileKind(p) === 'document');
    const removed = diff.removed.filter((p) => fileKind(p) === 'document');
    const changed = new Set(diff.changed.filter((p) => fileKind(p) === 'document'));
    // sidecar and manifest changes → the documents they describe
    for (const p of [...diff.added, ...diff.changed, ...diff.removed]) {
      const kind = fileKind(p);
      if (kind === 'sidecar') {
        const target = p.slice(0, -SIDECAR.length);
        if (docsNow.has(target) && docsBefore.has(target)) changed.add(target);
      } else if (kind === 'manifest') {
        const folder = path.posix.dirname(p);
        for (const d of docsNow) if (path.posix.dirname(d) === folder && docsBefore.has(d)) changed.add(d);
      }
    }
    if (!this.perFile) this.perFile = await this.attribute(engine.state.report, scan);
    // files that lost a document id to another file load again: that file may be leaving (see claims in src/ingest/document-id.ts)
    const rivals = [...this.perFile].filter(([p, f]) => docsNow.has(p) && f.skipped.some(isLostId)).map(([p]) => p);
    const reload = [...new Set([...added, ...changed, ...rivals])].sort();

    const ctx = createLoadContext(root, this.opts.load ?? {}, scan);
    const results = await loadFiles(root, reload, { ...this.opts.load, concurrency: 4 }, ctx);
    if (this.stopped) return null;

    const perFile = new Map(this.perFile);
    for (const p of removed) perFile.delete(p);
    const documents: LibraryDocument[] = [];
    for (const [i, p] of reload.entries()) {
      const r = results[i]!;
      perFile.set(p, { skipped: r.skipped, warnings: r.warnings });
      documents.push(...r.documents);
    }
    const report = assembleReport(perFile, await orphanProblems(ctx, scan));
    let next_: VerbatimEngine;
    try {
      // synchronous: no query sees a half-updated index
      next_ = engine.update({ removedPaths: [...removed, ...reload], documents, report });
    } catch (err) {
      return this.recover(err, started, { added, changed: [...changed], removed });
    }
    // duplicate ids found by the update belong to their file
    // (the documents of a file that stays may lose their id to an entering one)
    const reported = new Set(report.skipped);
    for (const s of next_.state.report.skipped) {
      if (reported.has(s)) continue;
      const f = perFile.get(s.path);
      if (f) f.skipped.push(s);
      else perFile.set(s.path, { skipped: [s], warnings: [] });
    }
    this.perFile = perFile;
    this.engine = next_;
    this.files = files;
    this.swap(next_);
    this.updates++;
    this.scheduleSave();
    const summary: UpdateSummary = {
      added,
      changed: [...changed].sort(),
      removed,
      skipped: reload.flatMap((p) => perFile.get(p)?.skipped ?? []),
      documents: next_.state.report.documents,
      passages: next_.state.report.passages,
      ms: Math.round(performance.now() - started),
    };
    this.opts.log?.info(
      {
        added: added.length,
        changed: summary.changed.length,
        removed: removed.length,
        skipped: summary.skipped.length,
        documents: summary.documents,
        passages: summary.passages,
        ms: summary.ms,
      },
      'library updated',
    );
    for (const p of summary.skipped) this.opts.log?.warn({ path: p.path, line: p.line, reason: p.reason }, 'file skipped');
    this.opts.onUpdate?.(summary);
    return summary;
  }

  /** An incremental update failed half-way: the index can no longer be trusted; rebuild it fully. */
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
    const summary: UpdateSummary = {
      ...what,
      changed: [...what.changed].sort(),
      skipped: [],
      documents: stats.documents,
      passages: stats.passages,
      ms: Math.round(performance.now() - started),
    };
    this.opts.onUpdate?.(summary);
    return summary;
  }

  /**
   * Splits a full build's report into per-file problems (by the file they concern: the document,
   * its sidecar, its manifest row); the rest (orphan sidecars and rows, manifest problems) is
   * recomputed on every update.
   */
  private async attribute(report: IngestReport, scan: readonly ScannedFile[]): Promise<Map<string, FileProblems>> {
    const docs = new Set(scan.filter((f) => f.kind === 'document').map((f) => f.path));
    const rows = new Map<string, Map<number, string>>();
    for (const f of scan) {
      if (f.kind !== 'manifest') continue;
      const folder = path.posix.dirname(f.path);
      try {
        const { rows: parsed } = parseManifest(await readFile(path.join(this.opts.dataDir, f.path), 'utf8'), f.path);
        rows.set(f.path, new Map(parsed.map((r) => [r.line, folder === '.' ? r.file : `${folder}/${r.file}`])));
      } catch {
        // unreadable: its problems are recomputed
      }
    }
    const owner = (p: Problem): string | undefined => {
      if (docs.has(p.path)) return p.path;
      if (p.path.endsWith(SIDECAR)) {
        const target = p.path.slice(0, -SIDECAR.length);
        return docs.has(target) ? target : undefined;
      }
      if (p.line !== undefined && !/^manifest row for a file that does not exist/.test(p.reason)) {
        const target = rows.get(p.path)?.get(p.line);
        return target !== undefined && docs.has(target) ? target : undefined;
      }
      return undefined;
    };
    const out = new Map<string, FileProblems>();
    const bucket = (p: string): FileProblems => {
      let b = out.get(p);
      if (!b) out.set(p, (b = { skipped: [], warnings: [] }));
      return b;
    };
    for (const s of report.skipped) {
      const o = owner(s);
      if (o) bucket(o).skipped.push(s);
    }
    for (const w of report.warnings) {
      const o = owner(w);
      if (o) bucket(o).warnings.push(w);
    }
    return out;
  }

  private scheduleSave(): void {
    if (!this.opts.cachePath) return;
    if (this.saveTimer) clearTimeout(this.saveTimer);
    this.saveTimer = setTimeout(() => {
      this.saveTimer = undefined;
      void this.serial(() => this.save());
    }, this.opts.saveDelayMs);
  }

  /** Whether the last cache write failed and was reported (warn once until one succeeds). */
  private cacheWarned = false;

  private async save(): Promise<void> {
    if (!this.opts.cachePath || !this.engine) return;
    try {
      await saveCache(this.opts.cachePath, this.engine.state, this.files);
      this.opts.log?.info({ cachePath: this.opts.cachePath }, 'index cache updated');
      this.cacheWarned = false;
    } catch (err) {
      // an unwritable cache location is said once, not at every update
      if (!this.cacheWarned) this.opts.log?.warn({ cachePath: this.opts.cachePath, err: (err as Error).message }, 'could not save the index cache');
      this.cacheWarned = true;
    }
  }

  /** Writes a pending cache update now (inside the queue). */
  private async flushSave(): Promise<void> {
    if (!this.saveTimer) return;
    clearTimeout(this.saveTimer);
    this.saveTimer = undefined;
    await this.save();
  }

  /** Stops watching; waits for a running update and writes a pending cache update. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.watcher?.close();
    this.watcher = undefined;
    if (this.poller) clearInterval(this.poller);
    this.poller = undefined;
    if (this.quietTimer) clearTimeout(this.quietTimer);
    this.quietTimer = undefined;
    await this.serial(() => this.flushSave());
  }
}

/** The library report from per-file problems (in path order) and the library-wide ones. */
function assembleReport(perFile: ReadonlyMap<string, FileProblems>, orphans: Problem[]): IngestReport {
  const skipped: Problem[] = [];
  const warnings: Problem[] = [];
  for (const p of [...perFile.keys()].sort()) {
    const f = perFile.get(p)!;
    skipped.push(...f.skipped);
    warnings.push(...f.warnings);
  }
  warnings.push(...orphans);
  // counts are set by the engine update
  return { documents: 0, passages: 0, skipped, warnings };
}
