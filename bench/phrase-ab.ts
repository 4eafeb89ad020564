/**
 * `npx tsx bench/phrase-ab.ts <checkout> [<checkout> …] [-- options]`: an interleaved A/B of the
 * benchmark's phrase and OR queries between checkouts of this repository (e.g. a `git worktree` of
 * an older commit and this one), each loading the same library and cache in this process, in
 * turn, `--rounds` times. Prints each run's p50 per kind. On a shared machine the absolute times
 * drift; runs taken in turn show the difference the code makes.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { findEvalDir } from '../scripts/eval-dir.ts';
import { buildQuerySet, loadPerfQueries } from './lib/queries.ts';

const HELP = `Interleaved A/B of the phrase and OR queries between checkouts.

Usage: npx tsx bench/phrase-ab.ts <checkout> [<checkout> …] [options]

Options:
  --data DIR      the library (default /work/ungdc-lib)
  --cache FILE    the index cache every checkout reads (default: the library's default cache
                  path; the checkouts must share its index schema)
  --rounds N      how many times each checkout runs, in turn (default 2)
  --passes N      timed passes over the queries per run, after one untimed (default 5)`;

const args = process.argv.slice(2);
if (args.includes('--help') || args.includes('-h') || args.length === 0) {
  console.log(HELP);
  process.exit(0);
}
const opt = (name: string, fallback: string): string => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] !== undefined ? args[i + 1]! : fallback;
};
const roots: string[] = [];
for (let i = 0; i < args.length; i++) {
  if (args[i]!.startsWith('--')) i++;
  else roots.push(path.resolve(args[i]!));
}
const dataDir = opt('--data', '/work/ungdc-lib');
const cachePath = opt('--cache', '');
const rounds = Number(opt('--rounds', '2'));
const passes = Number(opt('--passes', '5'));
const queries = buildQuerySet(loadPerfQueries(path.join(findEvalDir(), 'perf-queries.json'))).filter((q) => q.kind === 'phrase' || q.kind === 'or');

const median = (a: number[]): number => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)] ?? NaN;

for (let round = 1; round <= rounds; round++) {
  for (const root of roots) {
    const { openLibrary, defaultCachePath } = (await import(
      pathToFileURL(path.join(root, 'src/library/open.ts')).href
    )) as typeof import('../src/library/open.ts');
    const opened = await openLibrary({ dataDir, cachePath: cachePath || defaultCachePath(dataDir) });
    const times: Record<string, number[]> = { phrase: [], or: [] };
    for (let pass = 0; pass <= passes; pass++) {
      for (const q of queries) {
        const t = performance.now();
        await opened.engine.search(q.text, { limit: 5 });
        if (pass > 0) times[q.kind]!.push(performance.now() - t);
      }
    }
    console.log(`round ${round} ${root}: phrase p50 ${median(times.phrase!).toFixed(2)} ms, OR p50 ${median(times.or!).toFixed(2)} ms`);
  }
}
