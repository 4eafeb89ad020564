/**
 * Every passage that matches a query in full, without scoring (counting for trends,
 * src/search/count.ts): each query word or a word standing for it (word forms, a typo's correction,
 * a country's adjective, an acronym's long form; the plan's words and expansions, less those that
 * only rank: a noun's adjective, src/search/wordnet-relations.ts), every quoted
 * phrase (checked exactly on every candidate, src/search/phrase-scan.ts), none of the excluded
 * words (in the passage's text, as search excludes them) or phrases, within the restriction. Words
 * count in the passage's text only: a document's title, country or speaker, which every passage of
 * it carries as metadata, would count the whole document ("budget" in a budget's title). A query of filters only matches every passage they
 * allow. Ranking (./rank.ts) scores passages holding any of the words; a count is about passages
 * that hold the query, hence all of them.
 */
import type { Corpus } from '../corpus.ts';
import { allAllowed, type Restriction } from '../filters.ts';
import { phrasesCheck } from '../phrase-scan.ts';
import type { ParsedQuery } from '../query.ts';
import { planQuery } from './plan.ts';
import { phraseConjunction, withoutExcluded } from './candidates.ts';
import { conjunctive, forEachPosting, forEachPostingIn } from './postings.ts';

/** The matching passages, ascending. */
export function matchAll(c: Corpus, parsed: ParsedQuery, restriction: Restriction): Int32Array {
  const plan = planQuery(c, parsed, restriction, 0, performance.now());
  const words = plan.words.slice(0, 31);
  let cands: number[];
  const conj = phraseConjunction(c, plan);
  if (words.length === 0 && !conj) {
    cands = allAllowed(c.store, c.parts, restriction, plan.routed);
  } else {
    if (words.length === 0) cands = conj!.cands;
    else {
      // one bit per word, set where the word or a stand-in occurs; a match has every bit
      const bits = new Uint32Array(c.store.size);
      const touched: number[] = [];
      const full = (2 ** words.length - 1) >>> 0;
      words.forEach((w, i) => {
        const bit = 1 << i;
        const mark = (g: number): void => {
          if (bits[g] === 0) touched.push(g);
          bits[g]! |= bit;
        };
        const visit = (term: string): void => {
          if (conj) forEachPostingIn(c, term, conj.ranges, plan.allow, mark, true);
          else forEachPosting(c, term, plan.routed, restriction.passages, plan.allow, mark, true);
        };
        visit(w.term);
        for (const e of w.expansions) if (!e.rankOnly) visit(e.term);
        if (w.longForm) for (const g of conjunctive(c, w.longForm, plan.routed, plan.allow).cands) mark(g);
      });
      const inConj = conj ? new Set(conj.cands) : null;
      cands = touched.filter((g) => bits[g] === full && (!inConj || inConj.has(g)));
      cands.sort((a, b) => a - b);
    }
  }
  cands = withoutExcluded(
    c,
    parsed.excluded.map((w) => w.term),
    cands,
  );
  if (plan.checkedPhrases.length || plan.excludedPhrases.length) {
    const holds = phrasesCheck(plan.checkedPhrases, plan.excludedPhrases);
    cands = cands.filter((g) => holds(c.store.text(g)));
  }
  return Int32Array.from(cands);
}
