import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { ExtractedDocument, ExtractLimits } from '../../types.ts';
import { checkSize } from './size-limit.ts';
import type { Job } from './worker.ts';

// The parsers (unpdf, mammoth, linkedom, readability) load only in the extraction workers
// (./worker.ts imports ./extractors.ts): re-exporting them here cost every start ~0.2 s of module loading.
export { findSymbol } from './symbol.ts';

/** Options for {@link extractInWorker}; the defaults suit production, tests swap the worker. */
export interface WorkerOptions {
  /** Module the worker runs (default: ./worker-entry.mjs, which loads ./worker.ts). */
  workerUrl?: URL;
  /** V8 heap limit of a worker, in MB (default 1024): a file that needs more is skipped, not fatal. */
  maxMemoryMb?: number;
}

type Reply = { id: number; doc: ExtractedDocument; ms?: number } | { id: number; error: string };

/** How long the worker's parser took for a document it returned (queueing for a worker left out). */
const parseTimes = new WeakMap<ExtractedDocument, number>();
export function parseTime(doc: ExtractedDocument): number | undefined {
  return parseTimes.get(doc);
}

interface Slot {
  worker: Worker;
  url: string;
  busy: boolean;
}

const pool: Slot[] = [];
const waiting: (() => void)[] = [];
// Two workers even on two cores: parsing is I/O-light and a stuck file must not hold up the rest.
const poolSize = Math.max(2, Math.min(4, availableParallelism() - 1));
let nextId = 1;
/** Formats whose content is compressed inside the file. */
const PACKED = new Set(['.pdf', '.docx', '.doc']);

function spawn(url: URL, maxMemoryMb: number): Slot {
  // The worker runs TypeScript: worker-entry.mjs registers tsx's loader in it (see there why).
  const worker = new Worker(url, {
    resourceLimits: { maxOldGenerationSizeMb: maxMemoryMb },
    stdout: false,
    stderr: false,
  });
  const slot: Slot = { worker, url: url.href, busy: false };
  worker.on('exit', () => retire(slot));
  worker.unref();
  pool.push(slot);
  return slot;
}

function retire(slot: Slot): void {
  const i = pool.indexOf(slot);
  if (i >= 0) pool.splice(i, 1);
  waiting.shift()?.();
}

async function acquire(url: URL, maxMemoryMb: number, alone: boolean): Promise<Slot> {
  for (;;) {
    if (aloneDepth > 0 && !alone) {
      // A file is being retried on its own: wait until it is done.
      await new Promise<void>((resolve) => gateWaiters.push(resolve));
      continue;
    }
    const idle = pool.find((s) => !s.busy && s.url === url.href);
    if (idle) return idle;
    if (pool.length < poolSize) return spawn(url, maxMemoryMb);
    const spare = pool.find((s) => !s.busy);
    if (spare) {
      // An idle worker running another module: make room for one of the right kind.
      retire(spare);
      await spare.worker.terminate();
      continue;
    }
    await new Promise<void>((resolve) => waiting.push(resolve));
  }
}

function release(slot: Slot): void {
  slot.busy = false;
  slot.worker.unref();
  waiting.shift()?.();
}

/** Jobs in flight; each learns whether another ran beside it (a failure then may not be its own). */
const active = new Set<{ crowded: boolean }>();
/** Resolved when no job is in flight. */
const idleWaiters: (() => void)[] = [];
/** Jobs waiting to run alone (or running alone): new jobs wait for them. */
let aloneDepth = 0;
const gateWaiters: (() => void)[] = [];
let aloneChain: Promise<unknown> = Promise.resolve();

/** An extraction failure: the reason, and whether it may come from another file parsed at the same time. */
export class ExtractionError extends Error {
  override name = 'ExtractionError';
  constructor(
    message: string,
    /** A time-out, crash or exit: the worker died, not the parser's verdict on the file. */
    readonly workerFailure: boolean,
    /** Other files were being parsed while it ran. */
    readonly crowded: boolean,
  ) {
    super(message);
  }
}

/**
 * Runs the extractor for `ext` off the main thread, in a small pool of worker threads. A file over
 * `limits.maxBytes` is refused before any parsing; an extraction that takes longer than
 * `limits.timeoutMs` is stopped by terminating its worker (so even a busy loop inside a parser
 * cannot freeze or crash the caller), and so is one that exhausts the worker's memory. Rejects with
 * an Error whose message is the reason for the index report.
 */
export async function extractInWorker(
  ext: string,
  bytes: Uint8Array,
  path: string,
  limits: ExtractLimits,
  options: WorkerOptions = {},
  alone = false,
): Promise<ExtractedDocument> {
  checkSize(bytes, limits);
  const url = options.workerUrl ?? new URL('./worker-entry.mjs', import.meta.url);
  const maxMemoryMb = options.maxMemoryMb ?? 1024;
  const slot = await acquire(url, maxMemoryMb, alone);
  // Files parsed at the same time mark each other "crowded".
  const job = { crowded: active.size > 0 };
  for (const other of active) other.crowded = true;
  active.add(job);
  const done = () => {
    active.delete(job);
    if (active.size === 0) for (const w of idleWaiters.splice(0)) w();
  };
  slot.busy = true;
  slot.worker.ref();
  const id = nextId++;
  const { worker } = slot;

  return new Promise<ExtractedDocument>((resolve, reject) => {
    let settled = false;
    const finish = (outcome: () => void, keep: boolean) => {
      if (settled) return;
      settled = true;
      done();
      clearTimeout(timer);
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
      if (keep) release(slot);
      else {
        retire(slot);
        void worker.terminate();
      }
      outcome();
    };
    const onMessage = (reply: Reply) => {
      if (reply.id !== id) return;
      if ('error' in reply) finish(() => reject(new ExtractionError(reply.error, false, job.crowded)), true);
      else {
        if (reply.ms !== undefined) parseTimes.set(reply.doc, reply.ms);
        finish(() => resolve(reply.doc), true);
      }
    };
    const onError = (error: Error & { code?: string }) => {
      const reason =
        error.code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? // PDF and Word files are compressed: one that fills the worker's memory is (nearly always) a compression bomb.
            PACKED.has(ext.toLowerCase())
            ? `too large when unpacked (over ${maxMemoryMb} MB)`
            : 'ran out of memory while parsing'
          : `parser crashed: ${error.message.replace(/\s+/g, ' ').slice(0, 80)}`;
      finish(() => reject(new ExtractionError(reason, true, job.crowded)), false);
    };
    const onExit = (code: number) =>
      finish(() => reject(new ExtractionError(`parser stopped unexpectedly (exit code ${code})`, true, job.crowded)), false);
    const timer = setTimeout(() => {
      const seconds = limits.timeoutMs >= 1000 ? `${+(limits.timeoutMs / 1000).toFixed(1)} s` : `${limits.timeoutMs} ms`;
      finish(() => reject(new ExtractionError(`took longer than the time limit (${seconds})`, true, job.crowded)), false);
    }, limits.timeoutMs);
    worker.on('message', onMessage);
    worker.on('error', onError);
    worker.on('exit', onExit);
    const message: Job = { id, ext, bytes, path, limits };
    worker.postMessage(message);
  });
}

/**
 * {@link extractInWorker}, isolated: each file is parsed alone in its worker, and a file whose worker
 * timed out, crashed or stopped while other files were being parsed is tried once more on its own
 * (the others finish first, new ones wait) before its failure is reported: under load, or next to a
 * file that took the machine's memory, a good file can fail through no fault of its own.
 */
export async function extractIsolated(
  ext: string,
  bytes: Uint8Array,
  path: string,
  limits: ExtractLimits,
  options: WorkerOptions = {},
): Promise<ExtractedDocument> {
  try {
    return await extractInWorker(ext, bytes, path, limits, options);
  } catch (error) {
    if (!(error instanceof ExtractionError) || !error.workerFailure || !error.crowded) throw error;
    aloneDepth++;
    const turn = aloneChain.then(async () => {
      while (active.size > 0) await new Promise<void>((resolve) => idleWaiters.push(resolve));
      return extractInWorker(ext, bytes, path, limits, options, true);
    });
    aloneChain = turn.catch(() => undefined);
    try {
      return await turn;
    } catch (again) {
      const reason = again instanceof Error ? again.message : String(again);
      throw new ExtractionError(`${reason} (also when parsed alone)`, again instanceof ExtractionError && again.workerFailure, false);
    } finally {
      aloneDepth--;
      if (aloneDepth === 0) for (const w of gateWaiters.splice(0)) w();
    }
  }
}

/** Stops the pool's idle and busy workers (for shutdown and tests); pending extractions reject. */
export async function closeExtractorWorkers(): Promise<void> {
  await Promise.all([...pool].map((s) => s.worker.terminate()));
}
