/**
 * `npm run eval [-- options]` — the ranking yardstick (run `npm run eval -- --help`).
 *
 * Scores the search engine with the one configuration the CLI and the bot use (INDEX_OPTIONS):
 * - every open IR collection in ../shared/eval/ir (Cranfield, CISI, CACM, MED, NPL, ADI): each
 *   collection's corpus.jsonl loaded as a library (the ingestion the CLI uses), its queries run as
 *   plain text through `engine.search`, passage hits collapsed to their document (best passage
 *   first), nDCG@10 with linear gain (trec_eval's ndcg_cut.10);
 * - the UNGDC known items (../shared/eval/ungdc-known-items.jsonl) over the imported corpus (--data,
 *   default /work/ungdc-lib), filters applied as the CLI applies them: hit@1, hit@10, MRR@10 by kind.
 *
 * Every run saves its per-query figures (bench/eval-runs/<commit>[-dirty].json); `--against REF`
 * (a commit, or a saved file) adds a paired randomization test per collection against that run.
 * `--cv` tunes a parameter grid by two-fold cross-validation (queries split by a hash of their id).
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadLibrary } from '../src/ingest/load-library.ts';
import { toPassages } from '../src/ingest/passages.ts';
import { openLibrary, defaultCachePath } from '../src/library/open.ts';
import { VerbatimEngine } from '../src/search/engine.ts';
import { buildState } from '../src/index/build.ts';
import type { EngineState } from '../src/index/state.ts';
import { INDEX_OPTIONS, type IndexOptions } from '../src/index/options.ts';
import { QueryError, type SearchFilters } from '../src/types.ts';
import { findEvalDir } from './eval-dir.ts';
import { collapse, passageHoldsTarget } from './known-items.ts';

const HELP = `npm run eval [-- options]

Ranking figures with the configuration the CLI and bot use (INDEX_OPTIONS).

  --only ir|ungdc        only the IR collections, or only the UNGDC known items
  --collections a,b      only these IR collections (default: ${'cranfield,cisi,cacm,med,npl,adi'})
  --against REF          paired randomization test against a saved run: a commit (its
                         bench/eval-runs/<sha>.json) or a path to a run file
  --save FILE            where to save this run's per-query figures
                         (default bench/eval-runs/<commit>.json, <commit>-dirty.json with local changes)
  --no-save              do not save
  --set key=value        override a ranking option for an experiment (repeatable), e.g.
                         --set bm25.k1=1.0 --set document.weight=0 (never what users get)
  --cv GRID              two-fold cross-validation over the IR collections: GRID is
                         "key=v1,v2;key2=w1,w2"; each fold tunes the grid (macro nDCG@10 over the
                         collections' tuning halves) and reports the other half; then each
                         collection is left out in turn, the grid tuned on the others (a stand-in
                         for a collection never seen)
  --passage-chars N      cut every IR document into passages of at most N characters (a stand-in
                         for long articles judged whole; the library's own cut is 1,000)
  --claims titles|sentences
                         a stand-in for scientific claims, with --only ir: each title (or an
                         abstract's last sentence) is the query and its document, without it, the
                         one answer; compared with Xapian measured on the same
  --case sentence|upper  rewrite every IR document as real text writes it (sentence: a capital
                         opening each sentence, as Cranfield, MED, NPL and ADI's lower case do not;
                         upper: documents and queries in capitals, as older collections are)
  --eval-dir DIR         the shared eval folder (default: $VERBATIM_EVAL_DIR, else the nearest
                         shared/eval above the repository)
  --data DIR             imported UNGDC library (default /work/ungdc-lib)
  --cache FILE           its index cache
  --known-items LIST     only these known-item sets: open, blind, blind2 … blind8 (default all;
                         with -v, leave out a set whose misses must stay unread)
  -v, --verbose          print the queries that miss
  -h, --help             this help`;

/** Xapian 1.4 BM25 (k1 1.2, b 0.75), Snowball English, stop words: ../shared/eval/ir/README.md. */
const XAPIAN: Readonly<Record<string, number>> = {
  cranfield: 0.36,
  cisi: 0.38,
  cacm: 0.496,
  med: 0.693,
  npl: 0.439,
  adi: 0.494,
};

/**
 * Stand-ins for a collection of scientific claims (one short statement, one paper that answers it),
 * built from the open collections (`--claims`):
 * - `titles`: each title of at least 6 words is the query, its document indexed without the title
 *   the one answer;
 * - `sentences`: an abstract's last sentence (6–40 words, from abstracts of at least 4 sentences) is
 *   the query, its document indexed with its title and without that sentence the one answer.
 * With Xapian 1.4.22 BM25 on the same documents and queries, measured here (python3-xapian, the
 * settings of ../shared/eval/ir/README.md, queries in small letters).
 */
const CLAIMS: Readonly<Record<'titles' | 'sentences', Readonly<Record<string, number>>>> = {
  titles: { cranfield: 0.945, cisi: 0.647, cacm: 0.797, adi: 0.9 },
  sentences: { cranfield: 0.385, cisi: 0.406, cacm: 0.445, med: 0.619 },
};
type ClaimsKind = keyof typeof CLAIMS;

/** The known-item sets reported, by `--known-items` name: the open set, then the blind sets of bench/eval-sets (its README.md). */
const KNOWN_ITEM_SETS: readonly string[] = ['open', 'blind', 'blind2', 'blind3', 'blind4', 'blind5', 'blind6', 'blind7', 'blind8'];

/** How `--case` rewrites a collection's letters: a stand-in for text written otherwise, not what users get. */
type LetterCase = 'sentence' | 'upper';

/**
 * Text in sentence case (a capital at the start and after each sentence end) or in capitals.
 * Lower-case collections hide their sentence ends from the passage splitter, which then leaves a
 * long abstract nearly whole: sentence case measures them as real text would be read.
 */
export function recase(text: string, to: LetterCase): string {
  if (to === 'upper') return text.toUpperCase();
  const s = text.replace(/([.!?]\s+)(\p{Ll})/gu, (_, end: string, letter: string) => end + letter.toUpperCase());
  return s.charAt(0).toUpperCase() + s.slice(1);
}
const SENTENCE_END = /(?<=[.!?])\s+(?=[A-Za-z(])/;

/** A collection's documents and queries rewritten as a claims stand-in ({@link CLAIMS}). */
function asClaims(
  kind: ClaimsKind,
  docs: Array<{ id: string; title?: string; text: string }>,
): { docs: Array<{ id: string; title: string; text: string }>; queries: Array<{ id: string; text: string; answer: string }> } {
  const out: Array<{ id: string; title: string; text: string }> = [];
  const queries: Array<{ id: string; text: string; answer: string }> = [];
  const words = (s: string): number => s.split(/\s+/).filter(Boolean).length;
  for (const d of docs) {
    const text = d.text.replace(/\s+/g, ' ').trim();
    const title = (d.title ?? '').replace(/\s+/g, ' ').trim();
    if (kind === 'titles') {
      if (!text) continue;
      out.push({ id: d.id, title: '', text: d.text });
      if (words(title) >= 6) queries.push({ id: `t${d.id}`, text: title, answer: d.id });
    } else {
      const sentences = text.split(SENTENCE_END).filter((x) => x.trim());
      const last = sentences[sentences.length - 1] ?? '';
      if (sentences.length >= 4 && words(last) >= 6 && words(last) <= 40) {
        queries.push({ id: `c${d.id}`, text: last, answer: d.id });
        out.push({ id: d.id, title: d.title ?? '', text: sentences.slice(0, -1).join(' ') });
      } else out.push({ id: d.id, title: d.title ?? '', text: d.text });
    }
  }
  return { docs: out, queries };
}

function readJsonl<T>(text: string): T[] {
  return text
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as T);
}

/** nDCG@10, linear gain, as trec_eval's ndcg_cut.10. */
export function ndcgAt10(ranked: readonly string[], grades: ReadonlyMap<string, number>): number {
  let dcg = 0;
  ranked.slice(0, 10).forEach((d, i) => {
    const g = grades.get(d) ?? 0;
    if (g > 0) dcg += g / Math.log2(i + 2);
  });
  const ideal = [...grades.values()]
    .filter((g) => g > 0)
    .sort((a, b) => b - a)
    .slice(0, 10);
  let idcg = 0;
  ideal.forEach((g, i) => (idcg += g / Math.log2(i + 2)));
  return idcg ? dcg / idcg : 0;
}

/** Which half of a collection's queries a query id falls in (0 or 1): a hash, not the order. */
export function foldOf(id: string): 0 | 1 {
  return (createHash('sha1').update(id).digest()[0]! & 1) as 0 | 1;
}

/**
 * Two-sided paired randomization test (Fisher; Smucker et al. 2007): the share of random sign
 * flips of the per-query differences whose mean is at least as far from 0 as the observed one.
 */
export function pairedRandomization(a: readonly number[], b: readonly number[], trials = 20_000): number {
  const d = a.map((x, i) => x - b[i]!);
  const n = d.length;
  if (n === 0) return 1;
  const obs = Math.abs(d.reduce((s, x) => s + x, 0));
  if (obs < 1e-12) return 1;
  let seed = 12345;
  const rnd = (): number => {
    seed = (seed * 1103515245 + 12345) >>> 0;
    return seed >>> 16;
  };
  let hits = 0;
  for (let t = 0; t < trials; t++) {
    let s = 0;
    for (let i = 0; i < n; i++) s += rnd() & 1 ? d[i]! : -d[i]!;
    if (Math.abs(s) >= obs - 1e-12) hits++;
  }
  return (hits + 1) / (trials + 1);
}

interface Collection {
  name: string;
  state: EngineState;
  queries: Array<{ id: string; text: string }>;
  qrels: Map<string, Map<string, number>>;
}

/**
 * An IR collection as a library; with `cut`, each document's text cut again into passages of at
 * most `cut` characters; with `claims`, rewritten as a claims stand-in ({@link CLAIMS}).
 */
async function loadCollection(evalDir: string, name: string, cut?: number, claims?: ClaimsKind, letterCase?: LetterCase): Promise<Collection> {
  const dir = path.join(evalDir, 'ir', name);
  const lib = await mkdtemp(path.join(os.tmpdir(), `verbatim-eval-${name}-`));
  try {
    let stand: ReturnType<typeof asClaims> | undefined;
    if (claims || letterCase) {
      let docs = readJsonl<{ id: string; title?: string; text: string }>(await readFile(path.join(dir, 'corpus.jsonl'), 'utf8'));
      if (letterCase) docs = docs.map((d) => ({ ...d, title: recase(d.title ?? '', letterCase), text: recase(d.text, letterCase) }));
      if (claims) stand = asClaims(claims, docs);
      await writeFile(path.join(lib, 'corpus.jsonl'), (stand?.docs ?? docs).map((d) => JSON.stringify(d)).join('\n') + '\n');
    } else await copyFile(path.join(dir, 'corpus.jsonl'), path.join(lib, 'corpus.jsonl'));
    const { documents, report } = await loadLibrary(lib);
    if (cut !== undefined) {
      for (const d of documents) d.passages = toPassages(d.id, [{ text: d.passages.map((p) => p.text).join(' ') }], { maxChars: cut });
      report.passages = documents.reduce((n, d) => n + d.passages.length, 0);
    }
    const state = buildState(documents, report);
    if (stand) {
      const qrels = new Map(stand.queries.map((q) => [q.id, new Map([[q.answer, 1]])]));
      return { name, state, queries: stand.queries.map(({ id, text }) => ({ id, text })), qrels };
    }
    const queries = readJsonl<{ id: string; text: string }>(await readFile(path.join(dir, 'queries.jsonl'), 'utf8')).map((q) =>
      letterCase === 'upper' ? { ...q, text: q.text.toUpperCase() } : q,
    );
    const qrels = new Map<string, Map<string, number>>();
    for (const line of (await readFile(path.join(dir, 'qrels.tsv'), 'utf8')).split('\n').slice(1)) {
      const [q, d, g] = line.trim().split(/\s+/);
      if (!q || !d || g === undefined) continue;
      if (!qrels.has(q)) qrels.set(q, new Map());
      qrels.get(q)!.set(d, Number(g));
    }
    return { name, state, queries, qrels };
  } finally {
    await rm(lib, { recursive: true, force: true });
  }
}

/** Per-query nDCG@10 of one collection under `opts`, and how many queries the parser refused. */
function runCollection(c: Collection, opts: IndexOptions, verbose: boolean): { perQuery: Record<string, number>; refused: number } {
  const engine = new VerbatimEngine(c.state, opts);
  const perQuery: Record<string, number> = {};
  let refused = 0;
  for (const q of c.queries) {
    const grades = c.qrels.get(q.id) ?? new Map<string, number>();
    const ranked: string[] = [];
    try {
      const res = engine.searchSync(q.text, { limit: 100 });
      const seen = new Set<string>();
      for (const h of res.hits) {
        if (seen.has(h.source.document)) continue;
        seen.add(h.source.document);
        ranked.push(h.source.document);
      }
    } catch (err) {
      if (!(err instanceof QueryError)) throw err;
      refused++;
      if (verbose) process.stderr.write(`${c.name} ${q.id}: ${err.message}\n`);
    }
    perQuery[q.id] = ndcgAt10(ranked, grades);
  }
  return { perQuery, refused };
}

interface KnownItem {
  id: string;
  query: string;
  file: string;
  target: string;
  kind: string;
  filters: { country?: string; year?: number; speaker?: string };
}

/** Rank (1..10, 0: not in the top 10) of each known item's target. */
function runKnownItems(engine: VerbatimEngine, items: KnownItem[], verbose: boolean): Record<string, number> {
  const out: Record<string, number> = {};
  for (const it of items) {
    const filters: SearchFilters = {};
    if (it.filters.country !== undefined) filters.country = it.filters.country;
    if (it.filters.year !== undefined) filters.year = String(it.filters.year);
    if (it.filters.speaker !== undefined) filters.speaker = it.filters.speaker;
    let rank = 0;
    try {
      const res = engine.searchSync(it.query, { filters, limit: 10 });
      const want = path.basename(it.file).replace(/\.txt$/, '');
      res.hits.forEach((h, i) => {
        if (rank) return;
        const fromFile = path.basename(h.source.document).replace(/\.txt$/, '') === want;
        if (fromFile && passageHoldsTarget(h.text, it.target)) rank = i + 1;
      });
      if (verbose && rank !== 1) {
        process.stderr.write(`${it.id} [${it.kind}] rank ${rank || '-'}: ${it.query} ${JSON.stringify(it.filters)}\n`);
        for (const h of res.hits.slice(0, 3)) process.stderr.write(`    ${h.source.document} ${h.score} ${collapse(h.text).slice(0, 100)}\n`);
      }
    } catch (err) {
      if (!(err instanceof QueryError)) throw err;
      if (verbose) process.stderr.write(`${it.id}: ${err.message}\n`);
    }
    out[it.id] = rank;
  }
  return out;
}

/** INDEX_OPTIONS with `key=value` overrides (dotted paths; numbers and booleans parsed). */
export function withOverrides(base: IndexOptions, sets: readonly string[]): IndexOptions {
  const copy = JSON.parse(JSON.stringify(base)) as Record<string, unknown>;
  for (const s of sets) {
    const m = /^([\w.]+)=(.*)$/.exec(s);
    if (!m) throw new Error(`--set takes key=value, not “${s}”`);
    const keys = m[1]!.split('.');
    let obj = copy;
    for (const k of keys.slice(0, -1)) {
      if (typeof obj[k] !== 'object' || obj[k] === null) throw new Error(`unknown option ${m[1]}`);
      obj = obj[k] as Record<string, unknown>;
    }
    const last = keys[keys.length - 1]!;
    if (!(last in obj)) throw new Error(`unknown option ${m[1]}`);
    const raw = m[2]!;
    obj[last] = raw === 'true' ? true : raw === 'false' ? false : Number.isFinite(Number(raw)) ? Number(raw) : raw;
  }
  return copy as unknown as IndexOptions;
}

/** Every combination of a grid "k=a,b;k2=c,d" as lists of `k=v` settings. */
export function gridPoints(grid: string): string[][] {
  const axes = grid
    .split(';')
    .map((a) => a.trim())
    .filter(Boolean)
    .map((a) => {
      const [k, vs] = a.split('=');
      if (!k || !vs) throw new Error(`--cv: “${a}” is not key=v1,v2`);
      return vs.split(',').map((v) => `${k.trim()}=${v.trim()}`);
    });
  return axes.reduce<string[][]>((acc, axis) => acc.flatMap((p) => axis.map((v) => [...p, v])), [[]]);
}

interface SavedRun {
  commit: string;
  dirty: boolean;
  date: string;
  sets: string[];
  ir: Record<string, Record<string, number>>;
  /** UNGDC known items: rank of the target (0 = not in the top 10). */
  ungdc?: Record<string, number>;
}

function git(args: string[]): string {
  try {
    return execFileSync('git', args, { cwd: path.resolve(import.meta.dirname, '..'), encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return '';
  }
}

const mean = (xs: readonly number[]): number => (xs.length ? xs.reduce((s, x) => s + x, 0) / xs.length : 0);
const pct = (a: number, b: number): string => `${a >= b ? '+' : '−'}${Math.abs((100 * (a - b)) / b).toFixed(1)} %`;

async function loadAgainst(ref: string): Promise<SavedRun> {
  let file = ref;
  if (!existsSync(file)) {
    const sha = git(['rev-parse', '--short=12', ref]);
    if (!sha) throw new Error(`--against: “${ref}” is neither a file nor a commit`);
    file = path.resolve(import.meta.dirname, '..', 'bench', 'eval-runs', `${sha}.json`);
    if (!existsSync(file)) throw new Error(`--against: no saved run for ${ref} (${file}); check it out and run npm run eval there`);
  }
  return JSON.parse(await readFile(file, 'utf8')) as SavedRun;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      only: { type: 'string' },
      collections: { type: 'string' },
      against: { type: 'string' },
      save: { type: 'string' },
      'no-save': { type: 'boolean' },
      set: { type: 'string', multiple: true },
      cv: { type: 'string' },
      'eval-dir': { type: 'string' },
      'passage-chars': { type: 'string' },
      case: { type: 'string' },
      claims: { type: 'string' },
      data: { type: 'string' },
      cache: { type: 'string' },
      'known-items': { type: 'string' },
      verbose: { type: 'boolean', short: 'v' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write(HELP + '\n');
    return;
  }
  const only = values.only;
  if (only !== undefined && only !== 'ir' && only !== 'ungdc') throw new Error('--only takes ir or ungdc');
  const claims = values.claims as ClaimsKind | undefined;
  const letterCase = values.case as LetterCase | undefined;
  if (letterCase !== undefined && letterCase !== 'sentence' && letterCase !== 'upper') throw new Error('--case takes sentence or upper');
  if (claims !== undefined && !(claims in CLAIMS)) throw new Error('--claims takes titles or sentences');
  const reference = claims ? CLAIMS[claims] : XAPIAN;
  const names = values.collections ? values.collections.split(',').map((s) => s.trim()) : Object.keys(reference);
  for (const n of names) if (!(n in reference)) throw new Error(`unknown collection ${n} (${Object.keys(reference).join(', ')})`);
  if (claims && only !== 'ir') throw new Error('--claims is a stand-in for IR collections: add --only ir');
  const verbose = values.verbose === true;
  const pickedSets = values['known-items']?.split(',').map((s) => s.trim());
  for (const n of pickedSets ?? []) if (!KNOWN_ITEM_SETS.includes(n)) throw new Error(`--known-items: no set ${n} (${KNOWN_ITEM_SETS.join(', ')})`);
  const evalDir = path.resolve(values['eval-dir'] ?? findEvalDir());
  const sets = values.set ?? [];
  const opts = withOverrides(INDEX_OPTIONS, sets);
  const against = values.against ? await loadAgainst(values.against) : undefined;
  const out = (s = ''): void => void process.stdout.write(s + '\n');

  const commit = git(['rev-parse', '--short=12', 'HEAD']) || 'unknown';
  const dirty = git(['status', '--porcelain', '--', 'src', 'scripts']) !== '';
  const run: SavedRun = { commit, dirty, date: new Date().toISOString(), sets, ir: {} };
  if (sets.length) out(`Options overridden (experiment, not what users get): ${sets.join(' ')}`);

  if (only !== 'ungdc') {
    const cols: Collection[] = [];
    const cut = values['passage-chars'] === undefined ? undefined : Number(values['passage-chars']);
    if (cut !== undefined && !(Number.isInteger(cut) && cut >= 100))
      throw new Error('--passage-chars takes a whole number of characters, at least 100');
    if (cut !== undefined) out(`Documents cut into passages of at most ${cut} characters (a stand-in for long documents, not what users get)`);
    if (claims) out(`Scientific-claims stand-in (${claims} as queries, one answer each; Xapian measured on the same): not what users get`);
    if (letterCase)
      out(
        `Documents rewritten in ${letterCase === 'upper' ? 'capitals, queries too' : 'sentence case'} (a stand-in for text written so, not what users get)`,
      );
    for (const n of names) cols.push(await loadCollection(evalDir, n, cut, claims, letterCase));

    if (values.cv !== undefined) {
      await crossValidate(cols, values.cv, opts, out);
      return;
    }

    out(
      'IR collections, nDCG@10         Verbatim  Xapian  vs Xapian' +
        (against ? `   ${against.commit}${against.dirty ? '-dirty' : ''}   Δ       p (paired randomization)` : ''),
    );
    const ours: number[] = [];
    const theirs: number[] = [];
    for (const c of cols) {
      const { perQuery, refused } = runCollection(c, opts, verbose);
      run.ir[c.name] = perQuery;
      const v = mean(Object.values(perQuery));
      const x = reference[c.name]!;
      ours.push(v);
      theirs.push(x);
      let line = `  ${c.name.padEnd(10)} ${String(c.queries.length).padStart(4)} queries   ${v.toFixed(3)}    ${x.toFixed(3)}   ${pct(v, x).padStart(8)}`;
      const prev = against?.ir[c.name];
      if (prev) {
        const ids = c.queries.map((q) => q.id).filter((id) => id in prev);
        const a = ids.map((id) => perQuery[id]!);
        const b = ids.map((id) => prev[id]!);
        const pv = mean(b);
        line += `   ${pv.toFixed(3)}   ${(mean(a) - pv >= 0 ? '+' : '−') + Math.abs(mean(a) - pv).toFixed(4)}  p=${pairedRandomization(a, b).toFixed(3)}`;
      }
      if (refused) line += `   (${refused} queries refused by the query parser, scored 0)`;
      out(line);
    }
    if (cols.length > 1) {
      const m = mean(ours);
      const mx = mean(theirs);
      let line = `  ${'macro-average'.padEnd(25)}   ${m.toFixed(3)}    ${mx.toFixed(3)}   ${pct(m, mx).padStart(8)}`;
      if (against) {
        const prevMeans = cols.filter((c) => against.ir[c.name]).map((c) => mean(Object.values(against.ir[c.name]!)));
        if (prevMeans.length === cols.length)
          line += `   ${mean(prevMeans).toFixed(3)}   ${(m - mean(prevMeans) >= 0 ? '+' : '−') + Math.abs(m - mean(prevMeans)).toFixed(4)}`;
      }
      out(line);
      out(
        `  target: macro ≥ Xapian + 3 % (${(mx * 1.03).toFixed(3)}) and every collection ≥ Xapian → ${m >= mx * 1.03 ? 'ok' : 'LOW'}, ${ours.every((v, i) => v >= theirs[i]!) ? 'ok' : 'LOW'}`,
      );
    }
  }

  if (only !== 'ir') {
    const dataDir = path.resolve(values.data ?? '/work/ungdc-lib');
    await mkdir(path.dirname(defaultCachePath(dataDir)), { recursive: true });
    const cachePath = path.resolve(values.cache ?? defaultCachePath(dataDir));
    const t0 = performance.now();
    const opened = await openLibrary({ dataDir, cachePath });
    const build = `${opened.fromCache ? 'loaded from cache' : 'indexed'} in ${((performance.now() - t0) / 1000).toFixed(1)} s, ${opened.report.documents} documents, ${opened.report.passages} passages`;
    const engine = sets.length ? new VerbatimEngine(opened.engine.state, opts) : opened.engine;
    // the open set, and the blind sets written from randomly drawn passages (bench/eval-sets/README.md)
    const knownItemSets = KNOWN_ITEM_SETS.filter((name) => !pickedSets || pickedSets.includes(name)).map((name) => ({
      label: name === 'open' ? 'open set' : `blind set${name.slice('blind'.length).replace(/^(?=\d)/, ' ')}`,
      file:
        name === 'open'
          ? path.join(evalDir, 'ungdc-known-items.jsonl')
          : path.join(import.meta.dirname, '..', 'bench', 'eval-sets', `ungdc-known-items-${name}.jsonl`),
      required: name === 'open',
    }));
    run.ungdc = {};
    for (const set of knownItemSets) {
      if (!set.required && !existsSync(set.file)) continue;
      const items = readJsonl<KnownItem>(await readFile(set.file, 'utf8'));
      const ranks = runKnownItems(engine, items, verbose);
      Object.assign(run.ungdc, ranks);
      const rr = (r: number): number => (r >= 1 && r <= 10 ? 1 / r : 0);
      out();
      out(`UNGDC known items, ${set.label} (${dataDir}; ${build})`);
      out('  kind        n  hit@1  hit@10  MRR@10' + (against?.ungdc ? `   before   p (paired randomization)` : ''));
      const kinds = ['fact', 'position', 'figure', 'quote', 'typo', 'filtered'];
      for (const k of [...kinds, ...new Set(items.map((i) => i.kind).filter((k) => !kinds.includes(k))), 'all']) {
        const sel = items.filter((i) => k === 'all' || i.kind === k);
        if (!sel.length) continue;
        const r = sel.map((i) => ranks[i.id]!);
        let line = `  ${k.padEnd(9)} ${String(sel.length).padStart(3)}  ${String(r.filter((x) => x === 1).length).padStart(5)}  ${String(r.filter((x) => x >= 1).length).padStart(6)}  ${mean(r.map(rr)).toFixed(3)}`;
        const prev = against?.ungdc;
        if (prev && sel.every((i) => i.id in prev)) {
          const b = sel.map((i) => rr(prev[i.id]!));
          line += `    ${mean(b).toFixed(3)}   ${k === 'all' ? `p=${pairedRandomization(r.map(rr), b).toFixed(3)}` : ''}`;
        }
        out(line);
      }
      // issue 10's target for questions nobody tuned for, per 60 questions: the blind sets are the stand-in
      const all = items.map((i) => ranks[i.id]!);
      const mrr = mean(all.map(rr));
      const found = all.filter((x) => x >= 1).length;
      const need = Math.ceil((59 / 60) * items.length);
      out(
        `  target (issue 10, unseen questions): MRR@10 ≥ 0.85 → ${mrr.toFixed(3)} ${mrr >= 0.85 ? 'ok' : 'LOW'}; hit@10 ≥ ${need}/${items.length} → ${found} ${found >= need ? 'ok' : 'LOW'}`,
      );
    }
  }

  // only a full run with the product's options is saved by default (a partial one would hide it)
  const full = only === undefined && !values.collections && !pickedSets && sets.length === 0;
  if (!values['no-save'] && (values.save || full)) {
    const file = path.resolve(values.save ?? path.join(import.meta.dirname, '..', 'bench', 'eval-runs', `${commit}${dirty ? '-dirty' : ''}.json`));
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, JSON.stringify(run) + '\n');
    out();
    out(`per-query figures saved to ${path.relative(process.cwd(), file)}`);
  }
}

/**
 * Two-fold cross-validation: for each grid point every query's nDCG@10 is computed once; fold k
 * picks the point with the best macro-average over the collections' half k, and is reported on
 * the other half. The grid is global (one configuration for every collection, as users get).
 */
async function crossValidate(cols: Collection[], grid: string, base: IndexOptions, out: (s?: string) => void): Promise<void> {
  const points = gridPoints(grid);
  out(`Cross-validation: ${points.length} grid points × ${cols.length} collections; halves by sha1(query id) parity`);
  const res: Array<Record<string, Record<string, number>>> = [];
  for (const p of points) {
    const opts = withOverrides(base, p);
    const r: Record<string, Record<string, number>> = {};
    for (const c of cols) r[c.name] = runCollection(c, opts, false).perQuery;
    res.push(r);
    const macro = mean(cols.map((c) => mean(Object.values(r[c.name]!))));
    out(
      `  ${p.join(' ').padEnd(50)} all queries: macro ${macro.toFixed(4)}  ` +
        cols.map((c) => `${c.name} ${mean(Object.values(r[c.name]!)).toFixed(3)}`).join(' '),
    );
  }
  const half = (r: Record<string, Record<string, number>>, k: 0 | 1): number[] =>
    cols.map((c) => mean(c.queries.filter((q) => foldOf(q.id) === k).map((q) => r[c.name]![q.id]!)));
  // held-out estimate: every query scored by the configuration tuned on the other half
  const held = cols.map(() => [] as number[]);
  for (const k of [0, 1] as const) {
    const other = (1 - k) as 0 | 1;
    let best = 0;
    points.forEach((_, i) => {
      if (mean(half(res[i]!, k)) > mean(half(res[best]!, k)) + 1e-12) best = i;
    });
    const rep = half(res[best]!, other);
    cols.forEach((c, i) => held[i]!.push(...c.queries.filter((q) => foldOf(q.id) === other).map((q) => res[best]![c.name]![q.id]!)));
    out(
      `  fold ${k + 1}: tuned on half ${k} → ${points[best]!.join(' ') || '(defaults)'}; on half ${other}: macro ${mean(rep).toFixed(4)}  ` +
        cols.map((c, i) => `${c.name} ${rep[i]!.toFixed(3)}`).join(' '),
    );
  }
  const est = held.map(mean);
  out(
    `  held-out (each query scored by the point tuned on the other half): macro ${mean(est).toFixed(4)}  ` +
      cols.map((c, i) => `${c.name} ${est[i]!.toFixed(3)}`).join(' '),
  );
  if (cols.length < 3) return;
  // leave one collection out: a stand-in for a collection never seen, tuned on the others
  const whole = res.map((r) => cols.map((c) => mean(Object.values(r[c.name]!))));
  const loco = cols.map((c, i) => {
    const others = (x: number[]): number => mean(x.filter((_, k) => k !== i));
    let best = 0;
    whole.forEach((w, j) => {
      if (others(w) > others(whole[best]!) + 1e-12) best = j;
    });
    out(
      `  leave ${c.name} out: tuned on the other ${cols.length - 1} → ${points[best]!.join(' ') || '(defaults)'}; ${c.name} ${whole[best]![i]!.toFixed(3)}`,
    );
    return whole[best]![i]!;
  });
  out(
    `  held-out by collection (each scored by the point tuned on the others): macro ${mean(loco).toFixed(4)}  ` +
      cols.map((c, i) => `${c.name} ${loco[i]!.toFixed(3)}`).join(' '),
  );
}

main().catch((err: unknown) => {
  // a wrong option or value is told in a line (the messages name it); anything else with its stack
  const usage =
    err instanceof Error &&
    (/^--|^unknown (option|collection)/.test(err.message) || String((err as { code?: unknown }).code ?? '').startsWith('ERR_PARSE_ARGS'));
  process.stderr.write(
    `${usage ? `npm run eval: ${err.message} (npm run eval -- --help)` : err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
  );
  process.exitCode = 1;
});
