/** The live-update worker: runs one update job (./live-update.ts) and posts the result, its buffer transferred. */
import { parentPort, workerData } from 'node:worker_threads';
import { runUpdateJob, type UpdateJob } from './live-update.ts';

const port = parentPort;
if (!port) throw new Error('live-worker.ts must run as a worker thread');
const result = await runUpdateJob(workerData as UpdateJob);
port.postMessage(result, result.type === 'done' ? [result.written.prefix.buffer as ArrayBuffer] : []);
