// A stand-in for a worker that dies the first time it sees a file (as one does when another file
// takes the machine's memory or time): it stops the thread, then answers normally on a second try.
// The marker file next to the job's path remembers the first try.
import { existsSync, writeFileSync } from 'node:fs';
import { parentPort } from 'node:worker_threads';

parentPort?.on('message', (job) => {
  const marker = `${job.path}.tried`;
  if (!existsSync(marker)) {
    writeFileSync(marker, '1');
    process.exit(3);
  }
  parentPort?.postMessage({ id: job.id, doc: { meta: {}, paragraphs: [{ text: `read ${job.path} on the second try` }] } });
});
