// The build stamp: a hash of every file `npm run build` compiles from (src/, commands/, the other
// compiled entries, tsconfig*.json, package.json), stored as dist/.build-stamp after a build.
// `npm start` (scripts/start.mjs) compares it with the sources to skip the compiler when dist/ is
// current. Plain JavaScript with no dependencies: it runs in a production install, without tsx.
//   node scripts/build-stamp.mjs write    record the stamp for the current sources (end of `npm run build`)
//   node scripts/build-stamp.mjs check    exit 0 when dist/ is current, 1 when not (and say why)
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const STAMP = path.join(ROOT, 'dist', '.build-stamp');
const TREES = ['src', 'commands'];
const FILES = [
  'scripts/deploy-commands.ts',
  'bench/verbatim-child.ts',
  'tsconfig.json',
  'tsconfig.build.json',
  'package.json',
  'scripts/copy-worker-entries.mjs',
];
const SOURCE = /\.(?:ts|mts|mjs|js|json)$/;

function walk(rel, out) {
  let entries;
  try {
    entries = readdirSync(path.join(ROOT, rel), { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of entries) {
    const p = `${rel}/${e.name}`;
    if (e.isDirectory()) walk(p, out);
    else if (SOURCE.test(e.name)) out.push(p);
  }
}

/** The hash of the build's sources (paths and contents; mtimes are ignored, so a checkout of the same sources is current). */
export function sourceHash() {
  const files = [];
  for (const t of TREES) walk(t, files);
  files.push(...FILES);
  files.sort();
  const h = createHash('sha256');
  for (const f of files) {
    h.update(f).update('\0');
    try {
      h.update(readFileSync(path.join(ROOT, f)));
    } catch {
      h.update('(missing)');
    }
    h.update('\0');
  }
  return { hash: h.digest('hex'), files: files.length };
}

/** The stamp of the last build, or undefined. */
export function readStamp() {
  try {
    return JSON.parse(readFileSync(STAMP, 'utf8'));
  } catch {
    return undefined;
  }
}

export function writeStamp(hash = sourceHash().hash) {
  writeFileSync(STAMP, JSON.stringify({ hash, builtAt: new Date().toISOString(), node: process.version }) + '\n');
}

/** Why dist/ is not current, or undefined when it is. */
export function staleReason(current = sourceHash().hash) {
  const stamp = readStamp();
  if (!stamp) return 'dist/ has no build stamp (never built, or built before stamps existed)';
  if (stamp.hash !== current) return 'sources changed since the last build';
  if (!existsSync(path.join(ROOT, 'dist', 'src', 'main.js'))) return 'dist/src/main.js is missing';
  return undefined;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const cmd = process.argv[2];
  if (cmd === 'write') {
    writeStamp();
  } else if (cmd === 'check') {
    const why = staleReason();
    process.stdout.write(why ? `stale: ${why}\n` : 'current\n');
    process.exit(why ? 1 : 0);
  } else {
    process.stderr.write('usage: node scripts/build-stamp.mjs write|check\n');
    process.exit(2);
  }
}
