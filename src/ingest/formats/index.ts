import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { ExtractedDocument, ExtractLimits } from '../../types.ts';
import { checkSize } from './limits.ts';
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

type Reply = { id: number; doc: ExtractedDocument } | { id: number; error: string };

interface Slot {
  worker: Worker;
  url: string;
  busy: boolean;
}

const pool: Slot[] = [];
const waiting: (() => void)[] = [];
const poolSize = Math.max(1, Math.min(2, availableParallelism() - 1));
let nextId = 1;

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

async function acquire(url: URL, maxMemoryMb: number): Promise<Slot> {
  for (;;) {
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
): Promise<ExtractedDocument> {
  checkSize(bytes, limits);
  const url = options.workerUrl ?? new URL('./worker-entry.mjs', import.meta.url);
  const slot = await acquire(url, options.maxMemoryMb ?? 1024);
  slot.busy = true;
  slot.worker.ref();
  const id = nextId++;
  const { worker } = slot;

  return new Promise<ExtractedDocument>((resolve, reject) => {
    let settled = false;
    const finish = (outcome: () => void, keep: boolean) => {
      if (settled) return;
      settled = true;
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
      if ('error' in reply) finish(() => reject(new Error(reply.error)), true);
      else finish(() => resolve(reply.doc), true);
    };
    const onError = (error: Error & { code?: string }) => {
      const reason =
        error.code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? 'ran out of memory while parsing'
          : `parser crashed: ${error.message.replace(/\s+/g, ' ').slice(0, 80)}`;
      finish(() => reject(new Error(reason)), false);
    };
    const onExit = (code: number) => finish(() => reject(new Error(`parser stopped unexpectedly (exit code ${code})`)), false);
    const timer = setTimeout(() => {
      const seconds = limits.timeoutMs >= 1000 ? `${+(limits.timeoutMs / 1000).toFixed(1)} s` : `${limits.timeoutMs} ms`;
      finish(() => reject(new Error(`took longer than the time limit (${seconds})`)), false);
    }, limits.timeoutMs);
    worker.on('message', onMessage);
    worker.on('error', onError);
    worker.on('exit', onExit);
    const job: Job = { id, ext, bytes, path, limits };
    worker.postMessage(job);
  });
}

/** Stops the pool's idle and busy workers (for shutdown and tests); pending extractions reject. */
export async function closeExtractorWorkers(): Promise<void> {
  await Promise.all([...pool].map((s) => s.worker.terminate()));
}
