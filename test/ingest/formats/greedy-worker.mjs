// A stand-in for a parser unpacking a compression bomb: it keeps every chunk it makes until the
// worker's heap limit stops it (ERR_WORKER_OUT_OF_MEMORY).
import { parentPort } from 'node:worker_threads';

parentPort?.on('message', () => {
  const kept = [];
  for (;;) kept.push(new Array(1_000_000).fill(kept.length));
});
