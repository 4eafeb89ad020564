/**
 * `npm run bench:live [-- options]`: what a live update costs the process that serves answers, on a
 * big library. Opens a COPY of the library (hard links, made once; the original is never written)
 * the way the bot does (openLibraryInWorker), starts the watcher, and for each step — add one file,
 * edit one file, add 500 files, remove them, restore the edited file — changes the folder, calls
 * `refresh()` and waits until the index cache is written, measuring:
 *   - the event loop's longest stall meanwhile (a 5 ms interval timer's largest lateness),
 *   - the update's time (refresh resolved) and the time until the cache is written,
 *   - resident memory after the step (after a GC), against the fresh start's,
 *   - index cache files held open although deleted (what an unclosed old engine leaks).
 * Run with `node --expose-gc --import tsx` (the npm script does) so RSS is measured after a GC.
 */
import { cpSync, existsSync, linkSync, mkdirSync, readdirSync, readFileSync, readlinkSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { openLibraryInWorker } from '../src/library/open.ts';
import { LibraryWatcher } from '../src/library/live.ts';
import { closeExtractors } from '../src/ingest/load-library.ts';
import type { SearchEngine } from '../src/types.ts';
import { benchArgs } from './lib/cli.ts';

const HELP = `Event-loop stall, time and memory of live updates on a big library.

Usage: npm run bench:live -- [options]

Options:
  --lib DIR      the library to copy (default /work/ungdc-lib; never written)
  --copy DIR     where the hard-linked copy lives (default /work/ungdc-copy; made if missing)
  --cache FILE   the copy's index cache (default <copy>.cache/index.bin)
  --many N       files in the "add many" step (default 500)
  --repeat N     then edit one file and restore it N times more (memory over many updates; default 0)
  --json         print the results as JSON too
  -h, --help     this help`;

const values = benchArgs(HELP, {
  lib: { type: 'string', default: '/work/ungdc-lib' },
  copy: { type: 'string', default: '/work/ungdc-copy' },
  cache: { type: 'string' },
  many: { type: 'string', default: '500' },
  repeat: { type: 'string', default: '0' },
  json: { type: 'boolean', default: false },
});
const lib = path.resolve(values.lib);
const copy = path.resolve(values.copy);
const cachePath = path.resolve(values.cache ?? `${copy}.cache/index.bin`);
const many = Number(values.many);
const BENCH_DIR = 'bench-live';

const gc = (globalThis as { gc?: () => void }).gc;
const mb = (n: number): number => Math.round(n / 2 ** 20);
/** RSS once garbage is collected (twice, with pauses: finalizers and the freeing of array buffers run after a GC). */
async function rssAfterGc(): Promise<number> {
  for (let i = 0; i < 2; i++) {
    gc?.();
    await new Promise((r) => setTimeout(r, 250));
  }
  return mb(process.memoryUsage().rss);
}
/** Open descriptors on files that were deleted (an old index cache still held). */
function deletedOpen(): number {
  let n = 0;
  for (const fd of readdirSync('/proc/self/fd')) {
    try {
      if (readlinkSync(`/proc/self/fd/${fd}`).endsWith('(deleted)')) n++;
    } catch {
      // closed meanwhile
    }
  }
  return n;
}

// the copy: hard links (no extra disk, original untouched as long as files are replaced, not edited in place)
if (!existsSync(copy)) {
  process.stderr.write(`copying ${lib} to ${copy} (hard links)…\n`);
  execFileSync('cp', ['-al', lib, copy]);
}
// leftovers of an interrupted run
rmSync(path.join(copy, BENCH_DIR), { recursive: true, force: true });
const speeches = readdirSync(path.join(copy, '2015'))
  .filter((f) => f.endsWith('.txt'))
  .sort();
const editTarget = path.join('2015', speeches[0]!);
unlinkSync(path.join(copy, editTarget));
linkSync(path.join(lib, editTarget), path.join(copy, editTarget));

const log = {
  info: (_obj: object, msg: string) => {
    if (msg === 'index cache updated') saved?.();
  },
  warn: (obj: object, msg: string) => process.stderr.write(`warn: ${msg} ${JSON.stringify(obj)}\n`),
  error: (obj: object, msg: string) => process.stderr.write(`error: ${msg} ${JSON.stringify(obj)}\n`),
};
let saved: (() => void) | undefined;

const t0 = performance.now();
let documents = 0;
let passages = 0;
/** Opens the library as the bot does; only the engine is kept (in `engine` below), so a replaced one can be collected. */
async function open(): Promise<SearchEngine> {
  const opened = await openLibraryInWorker({ dataDir: copy, cachePath, log });
  ({ documents, passages } = opened.report);
  process.stderr.write(
    `opened ${documents} documents (${opened.fromCache ? 'from cache' : 'indexed'}) in ${Math.round(performance.now() - t0)} ms\n`,
  );
  return opened.engine;
}
let engine: SearchEngine = await open();
const watcher = new LibraryWatcher({
  dataDir: copy,
  cachePath,
  // only the bench's refresh() calls update: the file-system events are ignored for 10 minutes
  debounceMs: 600_000,
  maxWaitMs: 600_000,
  // (the watcher before the update worker rewrote the cache 2 s after an update by default)
  ...({ saveDelayMs: 200 } as object),
  log,
  rebuild: () => openLibraryInWorker({ dataDir: copy, cachePath, rebuild: true, log }),
});
await watcher.start(engine, (e) => (engine = e));
await engine.search('peace', { limit: 5 });
await new Promise((r) => setTimeout(r, 1000));
const fresh = await rssAfterGc();
process.stderr.write(`fresh start: RSS ${fresh} MB\n`);

interface Row {
  step: string;
  files: number;
  stallMs: number;
  updateMs: number;
  mainThreadMs: number | undefined;
  savedMs: number;
  /** Highest RSS seen during the step (sampled every 5 ms, worker threads included). */
  peakMb: number;
  /** Right after the update (and the cache write), before any forced GC. */
  rssNoGcMb: number;
  rssMb: number;
  rssVsFresh: number;
  deletedOpen: number;
  passages: number;
}
const rows: Row[] = [];

async function step(name: string, change: () => number): Promise<void> {
  const files = change();
  let last = performance.now();
  let stall = 0;
  let peak = process.memoryUsage.rss();
  const timer = setInterval(() => {
    const now = performance.now();
    stall = Math.max(stall, now - last - 5);
    last = now;
    peak = Math.max(peak, process.memoryUsage.rss());
  }, 5);
  const start = performance.now();
  const written = new Promise<void>((resolve) => {
    saved = resolve;
    setTimeout(resolve, 60_000).unref();
  });
  const summary = await watcher.refresh();
  const updateMs = performance.now() - start;
  await written;
  const savedMs = performance.now() - start;
  // a little longer: whatever the swap left to do (GC of the old engine) counts too
  await new Promise((r) => setTimeout(r, 500));
  clearInterval(timer);
  stall = Math.max(stall, performance.now() - last - 5);
  const rssNoGc = mb(process.memoryUsage().rss);
  const rss = await rssAfterGc();
  const row: Row = {
    step: name,
    files,
    stallMs: Math.round(stall),
    updateMs: Math.round(updateMs),
    // (reported by the watcher since the update worker)
    mainThreadMs: (summary as { mainThreadMs?: number } | null)?.mainThreadMs,
    savedMs: Math.round(savedMs),
    peakMb: mb(peak),
    rssNoGcMb: rssNoGc,
    rssMb: rss,
    rssVsFresh: Math.round((rss / fresh) * 100) / 100,
    deletedOpen: deletedOpen(),
    passages: summary?.passages ?? engine.stats().passages,
  };
  rows.push(row);
  process.stderr.write(`${JSON.stringify(row)}\n`);
  if ((await engine.search('peace', { limit: 1 })).hits.length === 0) throw new Error('no answer after the update');
}

const benchDir = path.join(copy, BENCH_DIR);
await step('add one file', () => {
  mkdirSync(benchDir);
  cpSync(path.join(copy, '2015', speeches[1]!), path.join(benchDir, 'one.txt'));
  return 1;
});
await step('edit one file', () => {
  const p = path.join(copy, editTarget);
  const text = readFileSync(p, 'utf8');
  unlinkSync(p); // a new file: the original library's (hard-linked) file is not written
  writeFileSync(p, `${text}\n\nThe delegation adds a closing word on Quokkaland.\n`);
  return 1;
});
await step(`add ${many} files`, () => {
  const dir = path.join(benchDir, 'many');
  mkdirSync(dir);
  const years = readdirSync(copy)
    .filter((d) => /^\d{4}$/.test(d))
    .sort()
    .reverse();
  let n = 0;
  for (const y of years) {
    for (const f of readdirSync(path.join(copy, y))) {
      if (n >= many) break;
      if (!f.endsWith('.txt')) continue;
      cpSync(path.join(copy, y, f), path.join(dir, `copy-${f}`));
      n++;
    }
  }
  return n;
});
await step(`remove ${many + 1} files`, () => {
  rmSync(benchDir, { recursive: true });
  return many + 1;
});
await step('restore the edited file', () => {
  const p = path.join(copy, editTarget);
  unlinkSync(p);
  linkSync(path.join(lib, editTarget), p);
  return 1;
});
for (let i = 1; i <= Number(values.repeat); i++) {
  await step(`edit again (${i})`, () => {
    const p = path.join(copy, editTarget);
    const text = readFileSync(p, 'utf8');
    unlinkSync(p);
    writeFileSync(p, `${text}\n\nRound ${i}.\n`);
    return 1;
  });
  await step(`restore again (${i})`, () => {
    const p = path.join(copy, editTarget);
    unlinkSync(p);
    linkSync(path.join(lib, editTarget), p);
    return 1;
  });
}
await watcher.stop();
await closeExtractors();

const table = [
  `fresh start: RSS ${fresh} MB (${documents} documents, ${passages} passages)`,
  '',
  '| step | files | max event-loop stall ms | update ms | of which main thread ms | until cache written ms | peak RSS MB | RSS MB (no GC) | RSS MB (after GC) | × fresh | deleted caches held open |',
  '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ...rows.map(
    (r) =>
      `| ${r.step} | ${r.files} | ${r.stallMs} | ${r.updateMs} | ${r.mainThreadMs ?? '—'} | ${r.savedMs} | ${r.peakMb} | ${r.rssNoGcMb} | ${r.rssMb} | ${r.rssVsFresh} | ${r.deletedOpen} |`,
  ),
];
process.stdout.write(table.join('\n') + '\n');
if (values.json) process.stdout.write(JSON.stringify({ fresh, rows }) + '\n');
process.exit(0);
