/**
 * The speaker a query names first: a question that opens with a country's name ("germany on
 * anti-islam video", "US backs …") mostly asks what that country said, so that country's passages
 * are lifted by a bounded factor — after scoring, before the best are chosen, and again for what the
 * re-rank adds, so the order among that country's own passages is the one the words give.
 */
import type { Corpus } from '../corpus.ts';
import type { QueryPlan } from './plan.ts';
import type { Scratch } from './scratch.ts';

/**
 * 1 + `leadingCountry.weight` for a passage the country the query opens with says and that holds
 * another of the query's words (the country's name alone is no answer), else 1.
 */
export function speakerFactor(c: Corpus, plan: QueryPlan, s: Scratch, g: number): number {
  const sp = plan.speaker;
  return sp && (s.mask[g]! & sp.otherBits) !== 0 && sp.says(g) ? 1 + c.opts.leadingCountry.weight : 1;
}

/** Multiplies the scores of the named country's passages by {@link speakerFactor}. */
export function liftSpeaker(c: Corpus, plan: QueryPlan, s: Scratch): void {
  if (!plan.speaker) return;
  for (const g of s.touched) {
    const f = speakerFactor(c, plan, s, g);
    if (f !== 1) s.score[g] = s.score[g]! * f;
  }
}
