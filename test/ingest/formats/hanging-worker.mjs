// A stand-in for a parser stuck on a pathological file: it never answers and blocks its thread.
import { parentPort } from 'node:worker_threads';

parentPort?.on('message', () => {
  for (;;) {
    // busy loop: the event loop of this thread never turns again
  }
});
