/**
 * Run with `node --expose-gc --import tsx`: opens a library whose cache is stale (a file was added
 * since it was built), which reads the stale cache and drops it. Then it takes every free file
 * descriptor number below 256 (as files the bot opens next would: the rebuilt cache, a log, a
 * socket), lets the stale cache's store be collected, and checks that each is still open. Prints
 * "ok", or which were closed behind their owner's back: a descriptor closed twice (once when the
 * stale cache was dropped, again when its store was collected) closes whatever file was given its
 * number in between, as the bot's loaded cache once was ("EBADF: bad file descriptor, read" on
 * every search after a restart).
 */
import { closeSync, fstatSync, mkdtempSync, openSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openLibrary } from '../../../src/library/open.ts';

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with --expose-gc');
const dir = mkdtempSync(path.join(tmpdir(), 'verbatim-reopen-'));
const data = path.join(dir, 'data');
const cachePath = path.join(dir, 'index.cache');
const statement = (country: string): string =>
  `Statement by ${country}\n\nMr. President, ${country} speaks today of water, of peace and of the work ahead.\n\nWe thank the Assembly.\n`;
await import('node:fs/promises').then((fs) => fs.mkdir(data));
writeFileSync(path.join(data, 'a.txt'), statement('Norway'));
await openLibrary({ dataDir: data, cachePath }); // builds and saves the cache
writeFileSync(path.join(data, 'b.txt'), statement('Chile'));
await openLibrary({ dataDir: data, cachePath }); // stale cache read, then rebuilt and saved
const held: number[] = [];
for (let i = 0; i < 256; i++) {
  const fd = openSync('/dev/null', 'r');
  if (fd >= 256) {
    closeSync(fd);
    break;
  }
  held.push(fd);
}
for (let i = 0; i < 5; i++) {
  gc();
  await new Promise((r) => setTimeout(r, 20));
}
const closed = held.filter((fd) => {
  try {
    fstatSync(fd);
    return false;
  } catch {
    return true;
  }
});
console.log(closed.length ? `closed behind their owner's back: ${closed.join(', ')}` : 'ok');
for (const fd of held) if (!closed.includes(fd)) closeSync(fd);
