/**
 * The running library behind the bot: opened in the background at start (progress reported to
 * /commands meanwhile), kept current by live updates (./live.ts), and reloaded on /reindex by
 * building the new engine fully before swapping it in. Opening is ./open.ts.
 */
import type { ReindexSummary } from '../render/replies.ts';
import type { IngestReport, SearchEngine } from '../types.ts';

export type LibraryState =
  { status: 'loading'; done: number; total: number } | { status: 'ready'; engine: SearchEngine } | { status: 'failed'; message: string };

/** The library behind the bot: loaded in the background, reloadable without downtime. */
export interface LibraryHandle {
  state(): LibraryState;
  /** Builds the new engine fully, then swaps it in; the old one answers meanwhile. */
  reload(): Promise<ReindexSummary>;
  /** Applies the library folder's changes now (live updates); absent when the library is not watched. */
  refresh?(): Promise<unknown>;
}

type Count = number | readonly unknown[] | undefined;

/** What opening the library yields (the shape of ./open.ts's `openLibrary`). */
export interface OpenedEngine {
  engine: SearchEngine;
  report: IngestReport;
  fromCache?: boolean;
  changes?: { added?: Count; changed?: Count; removed?: Count };
}

/** Opens the library; `rebuild` (set by /reindex) asks for a full rebuild, ignoring the cache. */
export type Opener = (onProgress: (done: number, total: number) => void, options?: { rebuild?: boolean }) => Promise<OpenedEngine>;

/** Live updates while the bot runs (./live.ts's LibraryWatcher fits). */
export interface LiveUpdates {
  /** Starts from `engine` (just opened); calls `swap` with each updated engine. */
  start(engine: SearchEngine, swap: (engine: SearchEngine) => void): Promise<void>;
  /** Runs a full reload with live updates held off, then continues from its result. */
  exclusive<T extends { engine: SearchEngine }>(reload: () => Promise<T>): Promise<T>;
  /** Applies the folder's changes now (resolves once the updated engine is swapped in). */
  refresh?(): Promise<unknown>;
  stop(): Promise<void>;
}

export interface LibraryOptions {
  /** Keep the engine current with the library folder. */
  live?: LiveUpdates;
  /** Live updates could not start (the library is served as loaded). */
  onLiveError?: (err: unknown) => void;
  /**
   * Runs on the opened engine before it is served (representative queries), so the first answers
   * after a start are as fast as later ones. A failure is reported to `onWarmUpError`, not fatal.
   */
  warmUp?: (engine: SearchEngine) => Promise<void>;
  onWarmUpError?: (err: unknown) => void;
  /** Each change of status ('warming': opened, starting live updates and warming up before serving). */
  onStatus?: (status: LibraryState['status'] | 'warming') => void;
  /**
   * Called with every engine that starts serving: the first one (after the warm-up), each live
   * update, each reload. Where passages enter the library (follows match the new ones; metrics
   * count them); must not throw.
   */
  onEngine?: (engine: SearchEngine, why: 'opened' | 'updated' | 'reloaded') => void;
}

export interface Library extends LibraryHandle {
  /** Settles when the first load finishes; rejects when it fails (the bot should stop). */
  readonly ready: Promise<OpenedEngine>;
  /** Stops live updates (for shutdown). */
  close(): Promise<void>;
}

const count = (c: Count): number => (typeof c === 'number' ? c : (c?.length ?? 0));

/** An empty library is a configuration mistake, not a state to serve from. */
function checkNotEmpty(opened: OpenedEngine): OpenedEngine {
  if (opened.report.passages === 0) {
    const why = opened.report.skipped
      .slice(0, 3)
      .map((p) => `${p.path}: ${p.reason}`)
      .join('; ');
    throw new Error(`the library has no passages${why ? ` (${why})` : ''}`);
  }
  return opened;
}

/** Starts loading at once with `open`; `reload` reuses it (forcing a rebuild); live updates start once ready. */
export function createLibrary(open: Opener, options: LibraryOptions = {}): Library {
  const { live } = options;
  let closed = false;
  let state: LibraryState = { status: 'loading', done: 0, total: 0 };
  const ready = open((done, total) => {
    if (state.status === 'loading') state = { status: 'loading', done, total };
  }).then(
    async (opened) => {
      checkNotEmpty(opened);
      options.onStatus?.('warming');
      // Live updates start, and the engine is warmed up, before the first answer: both compete with
      // answers for the event loop (the first searches used to take up to a second).
      let current = opened.engine;
      if (live && !closed) {
        await live
          .start(opened.engine, (engine) => {
            current = engine;
            if (state.status === 'ready') state = { status: 'ready', engine };
            options.onEngine?.(engine, 'updated');
          })
          .catch((err: unknown) => options.onLiveError?.(err));
      }
      if (options.warmUp) await options.warmUp(current).catch((err: unknown) => options.onWarmUpError?.(err));
      state = { status: 'ready', engine: current };
      options.onEngine?.(current, 'opened');
      options.onStatus?.('ready');
      return opened;
    },
    (err: unknown) => {
      state = { status: 'failed', message: err instanceof Error ? err.message : String(err) };
      options.onStatus?.('failed');
      throw err;
    },
  );
  ready.catch(() => undefined);
  let reloading: Promise<ReindexSummary> | undefined;

  async function reload(): Promise<ReindexSummary> {
    const started = performance.now();
    const rebuild = async (): Promise<OpenedEngine> => checkNotEmpty(await open(() => undefined, { rebuild: true }));
    const opened = live ? await live.exclusive(rebuild) : await rebuild();
    // Swap only once the new engine is complete; a failed reload leaves the old one serving.
    state = { status: 'ready', engine: opened.engine };
    options.onEngine?.(opened.engine, 'reloaded');
    const changes = opened.changes ?? {};
    return {
      added: count(changes.added),
      changed: count(changes.changed),
      removed: count(changes.removed),
      skipped: opened.report.skipped.length,
      documents: opened.report.documents,
      passages: opened.report.passages,
      ms: Math.round(performance.now() - started),
    };
  }

  return {
    ready,
    state: () => state,
    reload() {
      reloading ??= reload().finally(() => (reloading = undefined));
      return reloading;
    },
    ...(live?.refresh ? { refresh: () => live.refresh!() } : {}),
    async close() {
      closed = true;
      await live?.stop();
    },
  };
}
