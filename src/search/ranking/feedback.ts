/**
 * Pseudo-relevance feedback (RM3; Lavrenko & Croft 2001, run over BM25 as Anserini does): the top
 * `prf.docs` passages of the first ranking are taken as relevant; each term of theirs is weighted
 * Σ_p tf(t,p)/len(p) · score(p)/Σscore (the relevance model), times its idf so that informative
 * terms come first; the `prf.terms` best that are not query words are added to the query, with
 * `prf.weight` × the query's weight in all (each ranked query word weighs 1), and the best
 * `prf.depth` candidates are re-scored with them (BM25, text field). Only for descriptions —
 * queries of at least `prf.minWords` ranked words — never for look-ups.
 */
import { tokens } from '../../index/analyzer.ts';
import type { Corpus } from '../corpus.ts';
import type { QueryPlan } from './plan.ts';
import type { Scratch } from './scratch.ts';

/** True when feedback applies to this query. */
export function usesFeedback(c: Corpus, plan: QueryPlan): boolean {
  const { weight, minWords, maxWords } = c.opts.prf;
  return weight > 0 && plan.words.length >= minWords && plan.words.length <= maxWords;
}

/**
 * Re-scores `pool` (ranked, best first) with expansion terms from its top passages and orders it
 * again under `cmp`. Returns the expansion terms used (none: nothing changed).
 */
export function rerankByFeedback(c: Corpus, plan: QueryPlan, s: Scratch, pool: number[], cmp: (a: number, b: number) => number): string[] {
  if (!usesFeedback(c, plan) || pool.length < 2) return [];
  const { docs, terms, weight } = c.opts.prf;
  const { k1 } = c.opts.bm25;
  const { score } = s;
  const fb = pool.slice(0, docs);
  let total = 0;
  for (const g of fb) total += Math.max(0, score[g]!);
  if (total <= 0) return [];
  const query = new Set<string>();
  for (const w of plan.words) {
    query.add(w.term);
    for (const e of w.expansions) query.add(e.term);
  }
  for (const t of plan.phraseContent) query.add(t);
  const model = new Map<string, number>();
  for (const g of fb) {
    const counts = new Map<string, number>();
    let len = 0;
    for (const t of tokens(c.store.text(g))) {
      if (t.stop) continue;
      len++;
      counts.set(t.term, (counts.get(t.term) ?? 0) + 1);
    }
    if (!len) continue;
    const pw = Math.max(0, score[g]!) / total;
    for (const [t, n] of counts) model.set(t, (model.get(t) ?? 0) + (n / len) * pw);
  }
  // numbers are precise evidence of one passage, not of a topic; a term of one passage is noise
  const chosen = [...model]
    .filter(([t]) => !query.has(t) && !/^\p{N}/u.test(t) && c.df(t) > 1)
    .map(([t, v]) => ({ t, v: v * c.idf(t) }))
    .sort((a, b) => b.v - a.v || (a.t < b.t ? -1 : a.t > b.t ? 1 : 0))
    .slice(0, terms);
  const sum = chosen.reduce((acc, x) => acc + x.v, 0);
  if (!chosen.length || sum <= 0) return [];
  const wText = c.opts.fields.text;
  const mass = weight * plan.words.length;
  for (const { t, v } of chosen) {
    const id = c.index.termId(t);
    const wi = ((mass * v) / sum) * c.idf(t);
    for (const g of pool) {
      const tf = c.index.tf(id, 'text', g);
      if (tf === 0) continue;
      const tn = (wText * tf) / c.normText[g]!;
      score[g] = score[g]! + (wi * tn * (k1 + 1)) / (tn + k1);
    }
  }
  pool.sort(cmp);
  return chosen.map((x) => x.t);
}
