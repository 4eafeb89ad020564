/**
 * Pseudo-relevance feedback: the best passage of each of the first ranking's top `prf.docs`
 * documents is taken as relevant, terms are drawn from those passages, and the best `prf.terms`
 * join the query (Rocchio-style: the query's own words keep their weight, each expansion term
 * weighs `prf.weight` × its feedback weight / the highest one). The expansion terms are scored over
 * their whole postings (a second walk), so a passage holding none of the query's words but the
 * topic's other words can enter the ranking.
 *
 * Term weights (`prf.model`):
 * - `bo1`: Amati's Bose-Einstein DFR model as Terrier uses it, tfx·log2((1+Pn)/Pn) + log2(1+Pn),
 *   tfx the term's count in the feedback passages and Pn = df/N (df for the collection frequency);
 * - `rm3`: the relevance model Σ_p tf(t,p)/len(p) · score(p)/Σscore, times idf.
 * Only terms found in at least `prf.minDocs` feedback passages count (a term of one passage is that
 * passage's, not the topic's); with `prf.window` > 0 only words within that many words of a query
 * word occurrence count (local context).
 *
 * When (`usesFeedback`): queries of `prf.minWords` … `prf.maxWords` ranked words, without quoted
 * phrases; skipped when the query is already clear — the top passage holds every ranked word
 * (`prf.skipAllWords`), or the top score is at least `prf.clearRatio` times the 10th.
 */
import { tokens } from '../../index/analyzer.ts';
import type { Corpus } from '../corpus.ts';
import { withoutExcluded } from './candidates.ts';
import type { QueryPlan } from './plan.ts';
import { forEachPosting } from './postings.ts';
import type { Scratch } from './scratch.ts';
import { topK } from './top-k.ts';

/** True when the plan may use feedback (the clarity checks come later, on the first ranking). */
export function usesFeedback(c: Corpus, plan: QueryPlan): boolean {
  const { weight, minWords, maxWords } = c.opts.prf;
  const n = plan.words.length;
  return weight > 0 && n > 0 && n >= minWords && n <= maxWords && plan.phrases.length === 0;
}

export interface Expansion {
  term: string;
  /** Its query weight (the query's own words weigh their count in the query). */
  weight: number;
}

/**
 * Adds expansion terms drawn from the first ranking (scores in `s`, ordered by `cmp`) to every
 * passage holding them. Returns the terms added (none: the query was clear, or nothing qualified).
 */
export function expandByFeedback(c: Corpus, plan: QueryPlan, s: Scratch, cmp: (a: number, b: number) => number): Expansion[] {
  if (!usesFeedback(c, plan) || performance.now() > plan.deadline) return [];
  const o = c.opts.prf;
  const { score, mask } = s;
  // the first ranking's best passages, one per document
  const excluded = plan.parsed.excluded.map((w) => w.term);
  const head = withoutExcluded(c, excluded, topK(s.touched, Math.max(10, o.docs * 4), cmp));
  if (head.length < 2) return [];
  if (o.skipAllWords) {
    const n = plan.words.length;
    const full = n >= 32 ? 0x7fffffff : (2 ** n - 1) >>> 0;
    if ((mask[head[0]!]! & full) === full) return [];
  }
  if (o.clearRatio > 0) {
    const tenth = score[head[Math.min(9, head.length - 1)]!]!;
    if (tenth > 0 && score[head[0]!]! >= o.clearRatio * tenth) return [];
  }
  const fb: number[] = [];
  const seenDocs = new Set<number>();
  for (const g of head) {
    const d = c.store.docOf[g]!;
    if (o.distinctDocs && seenDocs.has(d)) continue;
    seenDocs.add(d);
    fb.push(g);
    if (fb.length >= o.docs) break;
  }
  const query = new Set<string>();
  for (const w of plan.words) {
    query.add(w.term);
    for (const e of w.expansions) query.add(e.term);
    for (const t of c.longFormOf.get(w.term) ?? []) query.add(t);
  }
  const weights = termWeights(c, fb, score, query);
  const chosen = [...weights]
    // numbers are precise evidence of one passage, not of a topic
    .filter(([t]) => !query.has(t) && !/^\p{N}/u.test(t) && c.df(t) > 1)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .slice(0, o.terms);
  const max = chosen.length ? chosen[0]![1] : 0;
  if (max <= 0) return [];
  const out: Expansion[] = [];
  const k1 = c.opts.bm25.k1;
  const { touched } = s;
  for (const [term, w] of chosen) {
    if (performance.now() > plan.deadline) break;
    const weight = (o.weight * w) / max;
    const wi = weight * c.idf(term);
    forEachPosting(c, term, plan.routed, plan.restriction.passages, plan.allow, (g, t) => {
      if (mask[g] === 0) {
        if (o.rescoreOnly) return;
        if (score[g] === 0) touched.push(g);
      }
      score[g] = score[g]! + (wi * t * (k1 + 1)) / (t + k1);
    });
    out.push({ term, weight });
  }
  return out;
}

/** Each candidate term's feedback weight over the feedback passages `fb` (see the module comment). */
function termWeights(c: Corpus, fb: number[], score: Float64Array, query: ReadonlySet<string>): Map<string, number> {
  const o = c.opts.prf;
  const N = c.passageCount;
  let total = 0;
  for (const g of fb) total += Math.max(0, score[g]!);
  const count = new Map<string, number>();
  const docsWith = new Map<string, number>();
  const rm = new Map<string, number>();
  for (const g of fb) {
    const toks = tokens(c.store.text(g)).filter((t) => !t.stop);
    let keep: boolean[] | null = null;
    if (o.window > 0) {
      keep = toks.map(() => false);
      toks.forEach((t, i) => {
        if (!query.has(t.term)) return;
        for (let j = Math.max(0, i - o.window); j <= Math.min(toks.length - 1, i + o.window); j++) keep![j] = true;
      });
    }
    const here = new Map<string, number>();
    let len = 0;
    toks.forEach((t, i) => {
      if (keep && !keep[i]) return;
      len++;
      here.set(t.term, (here.get(t.term) ?? 0) + 1);
    });
    if (!len) continue;
    const pw = total > 0 ? Math.max(0, score[g]!) / total : 1 / fb.length;
    for (const [t, n] of here) {
      count.set(t, (count.get(t) ?? 0) + n);
      docsWith.set(t, (docsWith.get(t) ?? 0) + 1);
      rm.set(t, (rm.get(t) ?? 0) + (n / len) * pw);
    }
  }
  const out = new Map<string, number>();
  for (const [t, n] of count) {
    if (docsWith.get(t)! < o.minDocs) continue;
    if (o.model === 'rm3') {
      out.set(t, rm.get(t)! * c.idf(t));
    } else {
      const pn = Math.max(c.df(t), 1) / N;
      out.set(t, n * Math.log2((1 + pn) / pn) + Math.log2(1 + pn));
    }
  }
  return out;
}
