/**
 * `npm run bench:typos [-- options]`: how often a typo is searched as the word meant. Every word of
 * six letters or more in the benchmark's queries and the known-item questions (open and blind
 * sets) that the library holds in at least 20 passages is misspelled five ways — a letter left out,
 * a letter changed, a letter added, two letters swapped (each near the middle), two letters left
 * out — and each misspelling the library does not hold is put to the ranking's word reader alone
 * (`rankedWords`, no search). It counts how often the meant word's term is the first correction,
 * among the corrections, and its share of their weight. `--set key=value` compares settings.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { analyzeWord } from '../src/index/analyzer.ts';
import { INDEX_OPTIONS, type IndexOptions } from '../src/index/options.ts';
import { defaultCachePath, openLibrary } from '../src/library/open.ts';
import { Corpus } from '../src/search/corpus.ts';
import { parseQuery } from '../src/search/query.ts';
import { rankedWords } from '../src/search/ranking/words.ts';
import { findEvalDir } from '../scripts/eval-dir.ts';
import { benchArgs } from './lib/cli.ts';
import { loadPerfQueries } from './lib/queries.ts';

const HELP = `How often a typo of a query word is searched as the word meant.

Usage: npm run bench:typos -- [options]

Options:
  --data DIR        the library (default /work/ungdc-lib)
  --cache FILE      the index cache (default: the library's default cache path)
  --eval-dir DIR    the shared eval folder: perf-queries.json, ungdc-known-items.jsonl (default
                    $VERBATIM_EVAL_DIR, else the nearest shared/eval above the repository)
  --set key=value   a ranking option to compare with the default (repeatable, e.g. --set fuzzy.stemOnly=3)
  --list            print every misspelling whose first correction differs between the two
  -h, --help        this help`;

const values = benchArgs(HELP, {
  data: { type: 'string', default: '/work/ungdc-lib' },
  cache: { type: 'string' },
  'eval-dir': { type: 'string' },
  set: { type: 'string', multiple: true, default: [] },
  list: { type: 'boolean', default: false },
});

const root = path.join(import.meta.dirname, '..');
const evalDir = findEvalDir(values['eval-dir']);
const questionFiles = [
  path.join(evalDir, 'ungdc-known-items.jsonl'),
  ...readdirSync(path.join(root, 'bench', 'eval-sets'))
    .filter((f) => f.endsWith('.jsonl'))
    .map((f) => path.join(root, 'bench', 'eval-sets', f)),
];
const texts: string[] = loadPerfQueries(path.join(evalDir, 'perf-queries.json')).map((q) => q.q);
for (const f of questionFiles)
  for (const line of readFileSync(f, 'utf8').split('\n').filter(Boolean)) texts.push((JSON.parse(line) as { query: string }).query);

/** Options with `key=value` overrides (dotted paths, numbers and booleans parsed). */
function withSets(sets: readonly string[]): IndexOptions {
  const copy = JSON.parse(JSON.stringify(INDEX_OPTIONS)) as Record<string, Record<string, unknown>>;
  for (const s of sets) {
    const [key, raw] = s.split('=') as [string, string | undefined];
    const [group, name] = key.split('.') as [string, string | undefined];
    if (raw === undefined || !name || !copy[group] || !(name in copy[group])) throw new Error(`--set takes an existing key=value, not “${s}”`);
    copy[group][name] = raw === 'true' ? true : raw === 'false' ? false : Number(raw);
  }
  return copy as unknown as IndexOptions;
}

/** Five misspellings of `w`, near its middle. */
function misspellings(w: string): Array<[kind: string, typo: string]> {
  const m = Math.floor(w.length / 2);
  const next = String.fromCharCode(((w.charCodeAt(m) - 97 + 1) % 26) + 97);
  const out: Array<[string, string]> = [
    ['letter left out', w.slice(0, m) + w.slice(m + 1)],
    ['letter changed', w.slice(0, m) + next + w.slice(m + 1)],
    ['letter added', w.slice(0, m) + 'e' + w.slice(m)],
    ['two swapped', w.slice(0, m - 1) + w[m] + w[m - 1] + w.slice(m + 1)],
    ['two left out', w.slice(0, m - 2) + w.slice(m - 1, m + 1) + w.slice(m + 2)],
  ];
  return out.filter(([, t]) => t !== w);
}

const opened = await openLibrary({ dataDir: values.data, cachePath: values.cache ?? defaultCachePath(values.data) });
const configs = [{ label: 'default', c: new Corpus(opened.engine.state, INDEX_OPTIONS) }];
if (values.set.length) configs.push({ label: values.set.join(' '), c: new Corpus(opened.engine.state, withSets(values.set)) });
const base = configs[0]!.c;
const words = [...new Set(texts.flatMap((t) => t.toLowerCase().match(/\p{L}+/gu) ?? []))]
  .filter((w) => w.length >= 6 && /^[a-z]+$/.test(w) && base.df(analyzeWord(w)!.term) >= 20)
  .sort();

const totals = configs.map(() => ({ n: 0, first: 0, among: 0, share: 0, none: 0 }));
const byKind = new Map<string, number[]>();
let cases = 0;
const listed: string[] = [];
for (const w of words) {
  const meant = analyzeWord(w)!.term;
  for (const [kind, typo] of misspellings(w)) {
    const t = analyzeWord(typo);
    if (!t || base.df(t.term) > 0) continue; // the library holds it: no typo to correct
    cases++;
    const firsts = configs.map(({ c }, i) => {
      const ex = (rankedWords(c, parseQuery(typo))[0]?.expansions ?? []).filter((e) => e.typo);
      const s = totals[i]!;
      s.n++;
      if (!ex.length) s.none++;
      const k = byKind.get(kind) ?? [0, ...configs.map(() => 0)];
      if (i === 0) k[0]!++;
      if (ex[0]?.term === meant) {
        s.first++;
        k[i + 1]!++;
      }
      byKind.set(kind, k);
      if (ex.some((e) => e.term === meant)) s.among++;
      const sum = ex.reduce((x, e) => x + e.weight, 0);
      s.share += sum ? (ex.find((e) => e.term === meant)?.weight ?? 0) / sum : 0;
      return ex.map((e) => c.surfaceOf(e.term)).join(', ') || '—';
    });
    if (values.list && firsts.some((f) => f !== firsts[0])) listed.push(`${w} → ${typo}: ${firsts.join(' | ')}`);
  }
}
const pc = (x: number, n: number): string => `${((100 * x) / Math.max(1, n)).toFixed(1)} %`;
console.log(`${words.length} words, ${cases} misspellings the library does not hold (${opened.report.passages} passages)`);
console.log('setting | meant word first | among the corrections | its share of their weight | no correction');
configs.forEach(({ label }, i) => {
  const s = totals[i]!;
  console.log(`${label} | ${pc(s.first, s.n)} | ${pc(s.among, s.n)} | ${pc(s.share, s.n)} | ${s.none}`);
});
for (const [kind, [n, ...k]] of byKind) console.log(`  meant word first, ${kind}: ${k.map((x) => pc(x, n!)).join(' / ')} of ${n}`);
if (listed.length) console.log(listed.join('\n'));
