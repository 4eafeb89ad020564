/**
 * `npm run bench [-- options]`: Verbatim vs MiniSearch (defaults) vs Xapian on the imported UNGDC
 * library; prints a table and writes bench/RESULTS.md (and bench/work/results-<size>.json).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ENGINES, REPO_ROOT, runBench, type EngineName } from './harness.ts';
import { renderMarkdown, renderText } from './report.ts';

const HELP = `Benchmark Verbatim against MiniSearch (default options) and Xapian 1.4 on the same passages.

Usage: npm run bench -- [options]

Options:
  --data DIR        the library (default /work/ungdc-lib; imported with npm run import-ungdc when missing)
  --size full|small small: the first documents (by path) up to ~10,000 passages (default full)
  --passages N      passages in the small subset (default 10000)
  --skip ENGINE     verbatim, minisearch or xapian; repeatable or comma-separated
  --install         install python3-xapian with apt-get when it is missing
  --queries FILE    benchmark queries (default ../shared/eval/perf-queries.json)
  --repeat N        timed passes over the queries (default 3; every sample counts in the percentiles)
  --warmup N        untimed queries first, taken in turn from each kind (default 20)
  --work DIR        scratch folder: caches, passages JSONL, Xapian database (default bench/work)
  --out FILE        the Markdown report (default bench/RESULTS.md; "-" for none)
  --json FILE       the results object as JSON (default <work>/results-<size>.json)
  --no-small-cold   in a full run, skip the extra 10k-passage cold start of Verbatim
  -h, --help        this help`;

async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      data: { type: 'string', default: '/work/ungdc-lib' },
      size: { type: 'string', default: 'full' },
      passages: { type: 'string', default: '10000' },
      skip: { type: 'string', multiple: true, default: [] },
      install: { type: 'boolean', default: false },
      queries: { type: 'string', default: path.join(REPO_ROOT, '../shared/eval/perf-queries.json') },
      repeat: { type: 'string' },
      warmup: { type: 'string', default: '20' },
      work: { type: 'string', default: path.join(REPO_ROOT, 'bench/work') },
      out: { type: 'string', default: path.join(REPO_ROOT, 'bench/RESULTS.md') },
      json: { type: 'string' },
      'no-small-cold': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(HELP + '\n');
    return 0;
  }
  if (values.size !== 'full' && values.size !== 'small') throw new Error('--size takes full or small');
  const skip = new Set<EngineName>();
  for (const s of values.skip.flatMap((x) => x.split(','))) {
    const name = s.trim() as EngineName;
    if (!ENGINES.includes(name)) throw new Error(`--skip takes ${ENGINES.join(', ')} (got "${s}")`);
    skip.add(name);
  }
  const int = (name: string, raw: string, min: number) => {
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min) throw new Error(`--${name} takes a whole number ≥ ${min} (got "${raw}")`);
    return n;
  };
  const size = values.size;
  const workDir = path.resolve(values.work);
  const results = await runBench({
    data: path.resolve(values.data),
    importIfMissing: true,
    size,
    smallPassages: int('passages', values.passages, 1),
    skip,
    install: values.install,
    queriesFile: path.resolve(values.queries),
    repeat: int('repeat', values.repeat ?? '3', 1),
    warmup: int('warmup', values.warmup, 0),
    workDir,
    smallColdStart: !values['no-small-cold'],
    log: (line) => process.stderr.write(`[bench] ${line}\n`),
  });
  process.stdout.write('\n' + renderText(results));
  const jsonFile = path.resolve(values.json ?? path.join(workDir, `results-${size}.json`));
  mkdirSync(path.dirname(jsonFile), { recursive: true });
  writeFileSync(jsonFile, JSON.stringify(results, null, 2) + '\n');
  if (values.out !== '-') {
    const command = ['npm run bench', ...(argv.length ? ['--', ...argv] : [])].join(' ');
    const out = path.resolve(values.out);
    // sections other benchmarks keep in the same file (<!-- name:start --> … <!-- name:end -->) survive a rerun
    const kept = existsSync(out) ? [...readFileSync(out, 'utf8').matchAll(/<!-- ([\w-]+):start -->[\s\S]*?<!-- \1:end -->/g)].map((m) => m[0]) : [];
    writeFileSync(out, [renderMarkdown(results, command).trimEnd(), ...kept].join('\n\n') + '\n');
    process.stderr.write(`[bench] wrote ${path.relative(process.cwd(), path.resolve(values.out))} and ${path.relative(process.cwd(), jsonFile)}\n`);
  }
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`bench failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exitCode = 1;
  },
);
