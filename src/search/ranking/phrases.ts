/**
 * The phrase check: candidates, best first, are kept when their text holds every quoted phrase
 * (positions checked on the passage's tokens) and no excluded phrase. Usually the best few settle
 * the page, so the check stops once it has enough hits and has seen enough candidates to estimate
 * the total, or when the time budget runs out.
 */
import { compoundSpans, phraseMatches, tokens, type CompoundSpan } from '../../index/analyzer.ts';
import type { Corpus } from '../corpus.ts';
import type { QueryPlan } from './plan.ts';
import { topK } from './top-k.ts';

export interface Ordered {
  /** The candidates kept, best first (at least `depth` of them when there are that many). */
  order: number[];
  /** Matches in all (estimated when the check stopped early). */
  total: number;
  /** The time budget ran out before `need` hits were found. */
  partial: boolean;
}

/** Whether the plan needs positions checked at all. */
export function needsPhraseCheck(plan: QueryPlan): boolean {
  return plan.checkedPhrases.length > 0 || plan.excludedPhrases.length > 0;
}

/** Orders `cands` under `cmp`, keeping those that pass the phrase check (see the module comment). */
export function checkPhrases(c: Corpus, plan: QueryPlan, cands: number[], cmp: (a: number, b: number) => number): Ordered {
  const { need, depth, deadline, checkedPhrases, excludedPhrases } = plan;
  const tokenCache = new Map<number, PassageTokens>();
  const toks = (g: number): PassageTokens => {
    let t = tokenCache.get(g);
    if (!t) tokenCache.set(g, (t = passageTokens(c.store.text(g))));
    return t;
  };
  let partial = false;
  const kept: number[] = [];
  let i = 0;
  // candidates checked at least, for the total's estimate (each check tokenizes a passage)
  const sample = Math.max(64, 2 * need);
  // usually the top `sample` candidates settle it: select them first, sort the rest only if needed
  const all = cands;
  let sorted = all.length > 8 * sample ? topK(all, sample, cmp) : all.sort(cmp);
  for (; i < all.length; i++) {
    if (i === sorted.length) sorted = all.sort(cmp); // same order (cmp is total), now complete
    if ((i & 15) === 15) {
      // enough hits and enough checked to estimate the total: stop; out of time: stop too
      if (kept.length >= depth && i >= sample) break;
      if (performance.now() > deadline) {
        if (kept.length < need) partial = true;
        break;
      }
    }
    const t = toks(sorted[i]!);
    if (checkedPhrases.every((p) => holdsPhrase(t, p)) && !excludedPhrases.some((p) => holdsPhrase(t, p))) kept.push(sorted[i]!);
    if (tokenCache.size > depth * 4) tokenCache.clear();
  }
  const total = i >= all.length ? kept.length : Math.round((kept.length * all.length) / i);
  return { order: kept, total, partial };
}

/** A passage's terms (stop words included) and where its hyphenated compounds open (null without one). */
export interface PassageTokens {
  terms: string[];
  compounds: Map<number, CompoundSpan> | null;
}

export function passageTokens(text: string): PassageTokens {
  const toks = tokens(text);
  return { terms: toks.map((t) => t.term), compounds: compoundSpans(text, toks) };
}

/**
 * True when the passage holds `phrase`, each hyphenated compound read as written or closed
 * ("international cooperation" holds in "international co-operation", as the index finds it).
 */
export function holdsPhrase(p: PassageTokens, phrase: readonly string[]): boolean {
  return phraseMatches(p.terms, p.compounds, phrase, true).length > 0;
}
