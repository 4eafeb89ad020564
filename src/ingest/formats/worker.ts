import { parentPort } from 'node:worker_threads';
import type { ExtractLimits } from '../../types.ts';
import { extractors } from './extractors.ts';

/** A job sent by {@link extractInWorker} (worker-pool.ts). */
export interface Job {
  id: number;
  ext: string;
  bytes: Uint8Array;
  path: string;
  limits: ExtractLimits;
}

parentPort?.on('message', (job: Job) => {
  const started = performance.now();
  const extractor = extractors[job.ext];
  const run = extractor ? extractor(job.bytes, job.path, job.limits) : Promise.reject(new Error(`no extractor for ${job.ext} files`));
  run.then(
    (doc) => parentPort?.postMessage({ id: job.id, doc, ms: Math.round(performance.now() - started) }),
    (error: unknown) => parentPort?.postMessage({ id: job.id, error: error instanceof Error ? error.message : String(error) }),
  );
});
