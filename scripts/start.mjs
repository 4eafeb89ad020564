// `npm start`: starts the compiled bot (dist/src/main.js), rebuilding first only when the sources
// changed since the last build (dist/.build-stamp), and supervises it: a bot that exits with an
// error is started again after a backoff (1 s, 2 s, 4 s … up to 60 s; back to 1 s after 5 minutes
// of running). Exit code 78 (configuration, rejected token) is not retried. SIGTERM and SIGINT are
// passed on to the bot, and the supervisor exits with the bot's code.
//
//   node scripts/start.mjs                 supervise the bot (what `npm start` runs)
//   node scripts/start.mjs --no-supervise  run the bot in this process (under systemd or another supervisor)
//
// Plain JavaScript with no dependencies: it runs in a production install (no tsx, no TypeScript).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT, sourceHash, staleReason, writeStamp } from './build-stamp.mjs';

const MAIN = path.join(ROOT, 'dist', 'src', 'main.js');
const EXIT_CONFIG = 78;
const args = new Set(process.argv.slice(2));

/** One JSON log line, in the bot's (pino's) shape, so the supervisor's lines read like the bot's. */
function log(level, fields, msg) {
  const levels = { info: 30, warn: 40, error: 50, fatal: 60 };
  process.stdout.write(
    JSON.stringify({ level: levels[level], time: Date.now(), pid: process.pid, app: 'verbatim', part: 'supervisor', ...fields, msg }) + '\n',
  );
}

function ensureBuilt() {
  const { hash } = sourceHash();
  const why = staleReason(hash);
  if (!why) return;
  const tsc = path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
  if (!existsSync(tsc)) {
    log(
      'fatal',
      { reason: why },
      `dist/ is not current (${why}) and TypeScript is not installed here (a production install): run "npm run build" where the dev dependencies are installed, or "npm ci" then "npm start"`,
    );
    process.exit(EXIT_CONFIG);
  }
  log('info', { reason: why }, 'building (npm run build)');
  const started = Date.now();
  const built = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { cwd: ROOT, stdio: 'inherit' });
  const copied =
    built.status === 0
      ? spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'copy-worker-entries.mjs')], { cwd: ROOT, stdio: 'inherit' })
      : built;
  if (copied.status !== 0) {
    log('fatal', { code: copied.status }, 'the build failed; the bot was not started');
    process.exit(1);
  }
  writeStamp(hash);
  log('info', { ms: Date.now() - started }, 'built');
}

ensureBuilt();

if (args.has('--no-supervise')) {
  await import(pathToFileURL(MAIN).href);
} else {
  let child;
  let stopping = false;
  let failures = 0;
  let timer;
  const start = () => {
    timer = undefined;
    const startedAt = Date.now();
    // glibc: buffers of 128 KB and more are mapped and unmapped on their own (the default threshold
    // rises as big buffers are freed, and memory freed by live-update workers then stays resident);
    // see bench/RESULTS.md "Live updates"
    const env = { MALLOC_MMAP_THRESHOLD_: '131072', ...process.env };
    child = spawn(process.execPath, ['--enable-source-maps', MAIN], { cwd: process.cwd(), stdio: 'inherit', env });
    log('info', { child: child.pid }, 'bot started');
    child.once('exit', (code, signal) => {
      child = undefined;
      if (stopping) process.exit(code ?? 0);
      if (code === 0) process.exit(0);
      if (code === EXIT_CONFIG) {
        log('fatal', { code }, 'the bot stopped on a problem a restart cannot fix (see the line above); not restarting');
        process.exit(EXIT_CONFIG);
      }
      if (Date.now() - startedAt > 5 * 60_000) failures = 0;
      const delay = Math.min(60_000, 1000 * 2 ** failures);
      failures++;
      log('error', { code, signal, restarts: failures, inMs: delay }, 'the bot exited unexpectedly; restarting');
      timer = setTimeout(start, delay);
    });
  };
  const stop = (signal) => {
    stopping = true;
    if (timer) clearTimeout(timer);
    if (child) child.kill(signal);
    else process.exit(0);
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
  start();
}
