/**
 * Does the excerpt show the answering sentence whole? On the UNGDC known-item sets (queries whose
 * answer is one known sentence, the item's `target`), for each item whose answering passage is in
 * the top 10, the excerpt is classed:
 *   full      the excerpt holds the whole target sentence
 *   inside    the target is longer than the excerpt, which shows part of it
 *   overlap   the excerpt holds part of the target and text beyond it (the target is cut)
 *   disjoint  the excerpt shows none of the target (another sentence of the passage)
 *   nohit     the answering passage is not in the top 10 (ranking, not excerpts)
 * and, over every hit shown whose excerpt is cut, how much of the query it shows: the share of the
 * distinct query words the passage holds that the excerpt shows, each weighted by its idf; how many
 * show them all; how many hide the passage's rarest query word.
 *
 * Reads an index cache and never writes one (a stale cache is an error, not a rebuild):
 *   npx tsx bench/excerpt-sentences.ts [cache.bin] [library dir]      (V=1 prints every non-full item)
 * defaults: /work/rank/cache-s13.bin, /work/ungdc-lib.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { tokens } from '../src/index/analyzer.ts';
import { loadCache, readCacheHeader } from '../src/index/cache.ts';
import { VerbatimEngine } from '../src/search/engine.ts';
import type { Hit, SearchFilters } from '../src/types.ts';
import { collapse, passageHoldsTarget } from '../scripts/known-items.ts';

const cachePath = process.argv[2] ?? '/work/rank/cache-s13.bin';
const root = path.resolve(import.meta.dirname, '..');
const sets = [
  process.env.OPEN_SET ?? '/work/shared/eval/ungdc-known-items.jsonl',
  path.join(root, 'bench/eval-sets/ungdc-known-items-blind.jsonl'),
  path.join(root, 'bench/eval-sets/ungdc-known-items-blind2.jsonl'),
];

interface Item {
  id: string;
  query: string;
  file: string;
  target: string;
  filters: { country?: string; year?: number | string; speaker?: string };
}

const head = await readCacheHeader(cachePath);
if (!('header' in head)) throw new Error(`${cachePath}: ${head.reason}`);
const loaded = await loadCache(cachePath, head.header.libraryFingerprint);
if (!('state' in loaded)) throw new Error(`${cachePath}: ${loaded.reason}`);
const engine = new VerbatimEngine(loaded.state);

function classify(excerpt: string, target: string): 'full' | 'inside' | 'overlap' | 'disjoint' {
  const e = collapse(excerpt.replace(/^…|…$/g, ''));
  const t = collapse(target);
  if (e.includes(t)) return 'full';
  if (t.includes(e)) return 'inside';
  for (let i = 0; i + 40 <= t.length; i += 10) if (e.includes(t.slice(i, i + 40))) return 'overlap';
  return 'disjoint';
}

const verbose = !!process.env.V;
let lengths = 0;
let shown = 0;
const cover = { cut: 0, share: 0, all: 0, rarestHidden: 0 };
// the engine's own idf (its excerpts' weights); bracket access reads the private corpus
const idf = (t: string): number => engine['corpus'].idf(t);
/** The query's distinct indexed words that `text` holds. */
const queryWords = (query: Set<string>, text: string): Set<string> => new Set(tokens(text).flatMap((t) => (query.has(t.term) ? [t.term] : [])));
function tallyCover(query: string, h: Hit): void {
  if (h.excerpt.text.length >= h.text.trim().length) return;
  const words = new Set(tokens(query).flatMap((t) => (t.stop ? [] : [t.term])));
  const held = queryWords(words, h.text);
  if (held.size === 0) return;
  const seen = queryWords(words, h.excerpt.text.replace(/…/g, ' '));
  const weigh = (s: Set<string>): number => [...s].reduce((a, t) => a + idf(t), 0);
  cover.cut++;
  cover.share += weigh(seen) / weigh(held);
  if (seen.size === held.size) cover.all++;
  const rarest = [...held].sort((a, b) => idf(b) - idf(a))[0]!;
  if (!seen.has(rarest)) cover.rarestHidden++;
}
const started = performance.now();
for (const f of sets) {
  const items = readFileSync(f, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Item);
  const cat = { full: 0, inside: 0, overlap: 0, disjoint: 0, nohit: 0 };
  for (const it of items) {
    const filters: SearchFilters = {};
    if (it.filters.country) filters.country = it.filters.country;
    if (it.filters.year) filters.year = String(it.filters.year);
    if (it.filters.speaker) filters.speaker = it.filters.speaker;
    const res = engine.searchSync(it.query, { filters, limit: 10 });
    for (const h of res.hits) {
      lengths += h.excerpt.text.length;
      shown++;
      tallyCover(it.query, h);
    }
    const want = path.basename(it.file).replace(/\.txt$/, '');
    const h = res.hits.find((x: Hit) => path.basename(x.source.document) === want && passageHoldsTarget(x.text, it.target));
    if (!h) {
      cat.nohit++;
      continue;
    }
    const k = classify(h.excerpt.text, it.target);
    cat[k]++;
    if (verbose && k !== 'full') {
      console.log(`${it.id} [${k}] q=${it.query}\n  T(${collapse(it.target).length}): ${collapse(it.target)}\n  E: ${h.excerpt.text}\n`);
    }
  }
  console.log(path.basename(f), JSON.stringify(cat));
}
const pc = (n: number): string => `${((100 * n) / cover.cut).toFixed(1)}%`;
console.log(
  `query words in view, over the ${cover.cut} cut excerpts: idf-weighted share ${(cover.share / cover.cut).toFixed(3)}; all shown ${pc(cover.all)}; rarest hidden ${pc(cover.rarestHidden)}`,
);
console.log(`mean excerpt length ${(lengths / shown).toFixed(0)} chars over ${shown} hits; ${((performance.now() - started) / 1000).toFixed(1)} s`);
