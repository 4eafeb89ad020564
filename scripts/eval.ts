/**
 * `npm run eval [-- --only ir|ungdc] [--data DIR] [--cache FILE] [--verbose]`
 *
 * Scores the search engine, with the one configuration the CLI and the bot use (INDEX_OPTIONS):
 * - Cranfield and CISI (../shared/eval/ir, or $VERBATIM_EVAL_DIR/ir): each collection loaded as a library from its jsonl,
 *   its queries run as plain text, passage hits collapsed to their document (best passage first),
 *   nDCG@10 with linear gain;
 * - UNGDC known items (../shared/eval/ungdc-known-items.jsonl) over the imported corpus (--data,
 *   default /work/ungdc-lib), filters applied as the CLI applies them: hit@1, hit@10, MRR@10.
 */
import { copyFile, mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadLibrary } from '../src/ingest/library.ts';
import { openLibrary, defaultCachePath } from '../src/index/open.ts';
import { createEngine } from '../src/search/engine.ts';
import { QueryError, type SearchEngine, type SearchFilters } from '../src/types.ts';

/** The shared evaluation data: VERBATIM_EVAL_DIR, else ../shared/eval beside the repository. */
const SHARED = path.resolve(process.env.VERBATIM_EVAL_DIR ?? path.join(import.meta.dirname, '../../shared/eval'));

const REFERENCE = {
  cranfield: { xapian: 0.36, minisearch: 0.327, target: 0.371 },
  cisi: { xapian: 0.38, minisearch: 0.265, target: 0.391 },
};

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
  const ideal = [...grades.values()].filter((g) => g > 0).sort((a, b) => b - a).slice(0, 10);
  let idcg = 0;
  ideal.forEach((g, i) => (idcg += g / Math.log2(i + 2)));
  return idcg ? dcg / idcg : 0;
}

async function evalIr(name: 'cranfield' | 'cisi', verbose: boolean): Promise<{ ndcg: number; errors: number; ms: number }> {
  const dir = path.join(SHARED, 'ir', name);
  const lib = await mkdtemp(path.join(os.tmpdir(), `verbatim-eval-${name}-`));
  try {
    await copyFile(path.join(dir, 'corpus.jsonl'), path.join(lib, 'corpus.jsonl'));
    const { documents, report } = await loadLibrary(lib);
    const engine = createEngine(documents, report);
    const queries = readJsonl<{ id: string; text: string }>(await readFile(path.join(dir, 'queries.jsonl'), 'utf8'));
    const qrels = new Map<string, Map<string, number>>();
    for (const line of (await readFile(path.join(dir, 'qrels.tsv'), 'utf8')).split('\n').slice(1)) {
      const [q, d, g] = line.trim().split(/\s+/);
      if (!q || !d || g === undefined) continue;
      if (!qrels.has(q)) qrels.set(q, new Map());
      qrels.get(q)!.set(d, Number(g));
    }
    let sum = 0;
    let errors = 0;
    const started = performance.now();
    for (const q of queries) {
      const grades = qrels.get(q.id) ?? new Map<string, number>();
      let ranked: string[] = [];
      try {
        const res = await engine.search(q.text, { limit: 100 });
        const seen = new Set<string>();
        for (const h of res.hits) {
          if (seen.has(h.source.document)) continue;
          seen.add(h.source.document);
          ranked.push(h.source.document);
        }
      } catch (err) {
        if (!(err instanceof QueryError)) throw err;
        errors++;
        if (verbose) process.stderr.write(`${name} ${q.id}: ${err.message}\n`);
        ranked = [];
      }
      sum += ndcgAt10(ranked, grades);
    }
    return { ndcg: sum / queries.length, errors, ms: performance.now() - started };
  } finally {
    await rm(lib, { recursive: true, force: true });
  }
}

interface KnownItem {
  id: string;
  query: string;
  file: string;
  target: string;
  kind: string;
  filters: { country?: string; year?: number; speaker?: string };
}

const collapse = (s: string): string => s.replace(/\s+/g, ' ').trim();

/** True when the passage text contains the target or overlaps it (passages can cut a sentence). */
export function passageHoldsTarget(passage: string, target: string): boolean {
  const p = collapse(passage);
  const t = collapse(target);
  if (p.includes(t) || (p.length >= 40 && t.includes(p))) return true;
  // overlap: a long enough prefix or suffix of the target at the passage's end or start
  const min = Math.min(60, Math.floor(t.length / 2));
  for (let n = t.length - 1; n >= min; n--) {
    if (p.endsWith(t.slice(0, n)) || p.startsWith(t.slice(t.length - n))) return true;
  }
  return false;
}

async function evalUngdc(
  dataDir: string,
  cachePath: string,
  verbose: boolean,
): Promise<{ rows: Map<string, { n: number; h1: number; h10: number; mrr: number }>; build: string }> {
  const t0 = performance.now();
  const opened = await openLibrary({ dataDir, cachePath });
  const build = `${opened.fromCache ? 'loaded from cache' : 'indexed'} in ${((performance.now() - t0) / 1000).toFixed(1)} s, ${opened.report.documents} documents, ${opened.report.passages} passages, heap ${(process.memoryUsage().heapUsed / 2 ** 30).toFixed(2)} GB, rss ${(process.memoryUsage().rss / 2 ** 30).toFixed(2)} GB`;
  const engine: SearchEngine = opened.engine;
  const items = readJsonl<KnownItem>(await readFile(path.join(SHARED, 'ungdc-known-items.jsonl'), 'utf8'));
  const rows = new Map<string, { n: number; h1: number; h10: number; mrr: number }>();
  const bump = (kind: string, rank: number): void => {
    for (const k of [kind, 'all']) {
      const r = rows.get(k) ?? { n: 0, h1: 0, h10: 0, mrr: 0 };
      r.n++;
      if (rank === 1) r.h1++;
      if (rank >= 1 && rank <= 10) {
        r.h10++;
        r.mrr += 1 / rank;
      }
      rows.set(k, r);
    }
  };
  for (const it of items) {
    const filters: SearchFilters = {};
    if (it.filters.country !== undefined) filters.country = it.filters.country;
    if (it.filters.year !== undefined) filters.year = String(it.filters.year);
    if (it.filters.speaker !== undefined) filters.speaker = it.filters.speaker;
    let rank = 0;
    try {
      const res = await engine.search(it.query, { filters, limit: 10 });
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
    bump(it.kind, rank);
  }
  return { rows, build };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      only: { type: 'string' },
      data: { type: 'string' },
      cache: { type: 'string' },
      verbose: { type: 'boolean', short: 'v' },
    },
  });
  const only = values.only;
  if (only !== undefined && only !== 'ir' && only !== 'ungdc') throw new Error('--only takes ir or ungdc');
  const verbose = values.verbose === true;
  const lines: string[] = [];
  const pad = (s: string, n: number): string => s.padEnd(n);
  if (only !== 'ungdc') {
    lines.push('IR collections (nDCG@10)     Verbatim  target  Xapian  MiniSearch defaults');
    for (const name of ['cranfield', 'cisi'] as const) {
      const r = await evalIr(name, verbose);
      const ref = REFERENCE[name];
      const ok = r.ndcg >= ref.target ? 'ok ' : 'LOW';
      lines.push(
        `  ${pad(name, 26)} ${r.ndcg.toFixed(3)} ${ok} ${ref.target.toFixed(3)}   ${ref.xapian.toFixed(3)}   ${ref.minisearch.toFixed(3)}` +
          (r.errors ? `   (${r.errors} queries refused by the query parser, scored 0)` : ''),
      );
    }
  }
  if (only !== 'ir') {
    const dataDir = path.resolve(values.data ?? '/work/ungdc-lib');
    await mkdir(path.dirname(defaultCachePath(dataDir)), { recursive: true });
    const cachePath = path.resolve(values.cache ?? defaultCachePath(dataDir));
    const { rows, build } = await evalUngdc(dataDir, cachePath, verbose);
    lines.push('', `UNGDC known items (${dataDir}; ${build})`);
    lines.push('  kind        n  hit@1  hit@10  MRR@10');
    const order = ['fact', 'position', 'figure', 'quote', 'typo', 'filtered', 'all'];
    for (const k of [...order.filter((k) => rows.has(k)), ...[...rows.keys()].filter((k) => !order.includes(k))]) {
      const r = rows.get(k)!;
      lines.push(`  ${pad(k, 9)} ${String(r.n).padStart(3)}  ${String(r.h1).padStart(5)}  ${String(r.h10).padStart(6)}  ${(r.mrr / r.n).toFixed(3)}`);
    }
    const all = rows.get('all');
    if (all) {
      lines.push(
        `  target: hit@10 ≥ 59/60, MRR@10 ≥ 0.85 → ${all.h10}/${all.n} ${all.h10 >= 59 ? 'ok' : 'LOW'}, ${(all.mrr / all.n).toFixed(3)} ${all.mrr / all.n >= 0.85 ? 'ok' : 'LOW'}` +
          `   (SQLite FTS5 BM25 baseline: 59/60, 0.789)`,
      );
    }
  }
  process.stdout.write(lines.join('\n') + '\n');
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
  process.exitCode = 1;
});
