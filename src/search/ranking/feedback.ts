/**
 * Pseudo-relevance feedback for descriptions: the best passage of each of the first ranking's top
 * `prf.docs` documents is taken as relevant, and the `prf.terms` best terms of those passages join
 * the query, Rocchio-style: the query's own words keep their weight, each expansion term weighs
 * `prf.weight` × its feedback weight / the highest one. Feedback weights are Amati's Bo1
 * (Bose-Einstein divergence from randomness, as Terrier expands queries):
 * tfx·log2((1+Pn)/Pn) + log2(1+Pn), tfx the term's count in the feedback passages and Pn = df/N
 * (the passages holding it, for Terrier's collection frequency). Only terms found in at least
 * `prf.minDocs` feedback passages count (a term of one passage is that passage's, not the topic's),
 * and only within `prf.window` words of a query word there (local context, after Xu & Croft's
 * local context analysis); numbers never (they single out a passage, not a topic). The expansion terms are scored over
 * their whole postings, a second walk, so a passage on the topic that holds none of the query's
 * words can enter the ranking.
 *
 * Only for queries of at least `prf.minWords` ranked words without quoted phrases: a look-up
 * (2–8 words naming one passage) loses by it — the top documents' common words pull in passages
 * of the same topic or country rather than the one asked for.
 */
import { tokens } from '../../index/analyzer.ts';
import type { Corpus } from '../corpus.ts';
import { withoutExcluded } from './candidates.ts';
import type { QueryPlan } from './plan.ts';
import { forEachPosting } from './postings.ts';
import type { Scratch } from './scratch.ts';
import { topK } from './top-k.ts';

/** True when feedback applies to this query. */
function usesFeedback(c: Corpus, plan: QueryPlan): boolean {
  const { weight, minWords } = c.opts.prf;
  if (plan.statement && !c.opts.statement.feedback) return false;
  return weight > 0 && plan.words.length > 0 && plan.words.length >= minWords && plan.phrases.length === 0;
}

/**
 * Adds expansion terms drawn from the first ranking (scores in `s`, ordered by `cmp`) to every
 * allowed passage holding them (none when feedback does not apply or no term qualifies).
 */
export function expandByFeedback(c: Corpus, plan: QueryPlan, s: Scratch, cmp: (a: number, b: number) => number): void {
  if (!usesFeedback(c, plan) || performance.now() > plan.deadline) return;
  const o = c.opts.prf;
  const { score, mask, touched } = s;
  // the first ranking's best passages, one per document
  const excluded = plan.parsed.excluded.map((w) => w.term);
  const head = withoutExcluded(c, excluded, topK(touched, o.docs * 4, cmp));
  const fb: number[] = [];
  const seenDocs = new Set<number>();
  for (const g of head) {
    const d = c.store.docOf[g]!;
    if (seenDocs.has(d)) continue;
    seenDocs.add(d);
    fb.push(g);
    if (fb.length >= o.docs) break;
  }
  if (fb.length < Math.max(2, o.minDocs)) return;
  const query = new Set<string>();
  for (const w of plan.words) {
    query.add(w.term);
    for (const e of w.expansions) query.add(e.term);
  }
  const chosen = [...bo1(c, fb, query)]
    .filter(([t]) => !query.has(t) && !/^\p{N}/u.test(t))
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .slice(0, o.terms);
  const max = chosen.length ? chosen[0]![1] : 0;
  if (max <= 0) return;
  const k1 = c.opts.bm25.k1;
  for (const [term, w] of chosen) {
    if (performance.now() > plan.deadline) break;
    const wi = ((o.weight * w) / max) * c.idf(term);
    // no mask bit: an expansion term is not a query word (the all-words-first tier is the query's)
    forEachPosting(c, term, plan.routed, plan.restriction.passages, plan.allow, (g, t) => {
      if (mask[g] === 0 && score[g] === 0) touched.push(g);
      score[g] = score[g]! + (wi * t * (k1 + 1)) / (t + k1);
    });
  }
}

/**
 * Bo1 weight of each term found in at least `prf.minDocs` of the feedback passages `fb`, counting
 * only the words within `prf.window` words of a query word (0: every word of the passage).
 */
function bo1(c: Corpus, fb: readonly number[], query: ReadonlySet<string>): Map<string, number> {
  const { window, minDocs } = c.opts.prf;
  const count = new Map<string, number>();
  const passages = new Map<string, number>();
  for (const g of fb) {
    const words = tokens(c.store.text(g))
      .filter((t) => !t.stop)
      .map((t) => t.term);
    // local context: the words near the query's (a long passage strays from the topic)
    let near: Uint8Array | null = null;
    if (window > 0) {
      near = new Uint8Array(words.length);
      words.forEach((t, i) => {
        if (query.has(t)) near!.fill(1, Math.max(0, i - window), Math.min(words.length, i + window + 1));
      });
    }
    const here = new Set<string>();
    words.forEach((t, i) => {
      if (near && !near[i]) return;
      count.set(t, (count.get(t) ?? 0) + 1);
      if (!here.has(t)) {
        here.add(t);
        passages.set(t, (passages.get(t) ?? 0) + 1);
      }
    });
  }
  const N = c.passageCount;
  const out = new Map<string, number>();
  for (const [t, tfx] of count) {
    if (passages.get(t)! < minDocs) continue;
    const pn = Math.max(c.df(t), 1) / N;
    out.set(t, tfx * Math.log2((1 + pn) / pn) + Math.log2(1 + pn));
  }
  return out;
}
