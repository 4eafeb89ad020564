/** The open worker: runs openInThisWorker with the options it was started with (src/library/open.ts). */
import { parentPort, workerData } from 'node:worker_threads';
import { openInThisWorker } from './open.ts';

const port = parentPort;
if (!port) throw new Error('open-worker.ts must run as a worker thread');
const opts = workerData as { dataDir: string; cachePath: string; rebuild: boolean };
await openInThisWorker(opts, (m, transfer) => port.postMessage(m, transfer ?? []));
