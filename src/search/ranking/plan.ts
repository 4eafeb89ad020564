/**
 * The query plan: everything the ranking stages need to know about one query, decided before any
 * posting is read — its ranked words, its phrases, what the excerpts will mark, the filters'
 * restriction and routing, and the time budget.
 */
import { tokens } from '../../index/analyzer.ts';
import type { Corpus } from '../corpus.ts';
import { commonNames } from '../../ingest/country.ts';
import { leadingCountry } from '../country-filter.ts';
import { passageCheck, restrict, route, type Restriction } from '../filters.ts';
import type { ParsedQuery } from '../query.ts';
import type { PassageCheck } from './postings.ts';
import { asksForQuantity, countedUnits } from './answer-type.ts';
import { rankedWords, type RankedWord } from './words.ts';

export interface QueryPlan {
  parsed: ParsedQuery;
  /** Ranked passages the caller needs (offset + limit). */
  need: number;
  /** Candidates ranked in full: at least `need`, at least the proximity depth. */
  depth: number;
  /** performance.now() past which stages stop and the answer is marked partial. */
  deadline: number;
  restriction: Restriction;
  /** The partitions the filters reach. */
  routed: number[];
  allow: PassageCheck;
  words: RankedWord[];
  /** The quoted phrases' terms (stop words included), each the parsed phrase's own array. */
  phrases: string[][];
  /** The indexed (non-stop) words of the phrases, each once: every candidate holds them all. */
  phraseContent: string[];
  excludedPhrases: string[][];
  /** Phrases whose positions must be checked (a one-word phrase is settled by the postings). */
  checkedPhrases: string[][];
  /** Terms the excerpts mark. */
  markTerms: Set<string>;
  /**
   * A hyphenated compound's closed term → its parts among `markTerms` that stand for nothing else:
   * marked only in a passage not saying the compound itself (found by its parts together).
   */
  compoundParts: Map<string, string[]>;
  /**
   * What a marked stand-in weighs when an excerpt chooses its sentence, where that is less than its
   * idf (a noun's adjective: at most `pertainyms.weight` × the noun's), so that its sentence does
   * not beat the word's.
   */
  markWeights: Map<string, number>;
  /** Phrases the excerpts mark besides the quoted ones (spelled-out acronyms). */
  markPhrases: string[][];
  /** The query asks for a quantity (answer-type lift in the re-rank). */
  wantsQuantity: boolean;
  /** The country the query opens with (./speaker.ts); null when none is named first. */
  speaker: NamedSpeaker | null;
  /** The terms of what a quantity question counts ("how many years": year), for a larger lift; may be empty. */
  countedUnits: string[];
}

export function planQuery(c: Corpus, parsed: ParsedQuery, restriction: Restriction, need: number, started: number): QueryPlan {
  const phrases = parsed.phrases.map((p) => p.terms).filter((t) => t.length > 0);
  // the indexed (non-stop) words of the phrases: "nots" stems to "not", so ask the analyzer, not the term
  const phraseContent = [
    ...new Set(
      parsed.phrases.flatMap((p) =>
        tokens(p.raw)
          .filter((t) => !t.stop)
          .map((t) => t.term),
      ),
    ),
  ];
  const excludedPhrases = parsed.excludedPhrases.map((p) => p.terms).filter((t) => t.length > 0);
  const words = rankedWords(c, parsed);
  const markTerms = new Set<string>();
  const markWeights = new Map<string, number>();
  for (const w of words) {
    markTerms.add(w.term);
    // a compound's parts, where the library writes them apart ("peace keeping")
    if (w.compound) for (const t of w.longForm ?? []) markTerms.add(t);
    for (const e of w.expansions) {
      markTerms.add(e.term);
      if (e.rankOnly) markWeights.set(e.term, e.weight * c.idf(e.term));
    }
  }
  // a compound's parts mark a passage found by them apart; where it says the compound, they are no match
  const own = new Set([...words.map((w) => w.term), ...phrases.flat()]);
  const compoundParts = new Map<string, string[]>();
  for (const w of words)
    if (w.compound)
      compoundParts.set(
        w.term,
        (w.longForm ?? []).filter((t) => !own.has(t)),
      );
  // a spelled-out acronym is marked as a phrase (its words alone would mark every "international")
  const markPhrases = words.flatMap((w) => (w.longForm && !w.compound ? [c.longFormWords.get(w.term) ?? []] : []));
  for (const p of phrases) for (const t of p) markTerms.add(t);
  // a phrase of one indexed word (`+word`) is settled by the text postings (holdingAll): no positions to check
  const oneWord = new Set(parsed.phrases.filter((p) => p.terms.length === 1 && tokens(p.raw).some((t) => !t.stop)).map((p) => p.terms));
  return {
    parsed,
    need,
    depth: Math.max(need, c.opts.proximity.depth),
    deadline: started + c.opts.timeBudgetMs,
    restriction,
    routed: route(c.parts, restriction),
    allow: passageCheck(c.store, c.parts, restriction),
    words,
    phrases,
    phraseContent,
    excludedPhrases,
    checkedPhrases: phrases.filter((p) => !oneWord.has(p)),
    markTerms,
    compoundParts,
    markWeights,
    markPhrases,
    wantsQuantity: asksForQuantity(parsed.text),
    countedUnits: countedUnits(parsed.text),
    speaker: namedSpeaker(c, parsed.text, words),
  };
}

/** The country a query opens with, as the ranking reads it (./speaker.ts). */
export interface NamedSpeaker {
  /** Whether the country says passage g: its statements in a record, its speeches whole. */
  says: (g: number) => boolean;
  /** The bits of the query's other words: a passage must hold one of them to be lifted. */
  otherBits: number;
}

/** The country a query opens with (./speaker.ts), read as the filter country: would read it; null when none. */
function namedSpeaker(c: Corpus, text: string, words: readonly RankedWord[]): NamedSpeaker | null {
  if (c.opts.leadingCountry.weight <= 0) return null;
  const named = leadingCountry(text);
  if (!named) return null;
  // the words naming it, as typed and as the library writes it ("US": the term of "USA")
  const nameTerms = new Set(tokens([...named.words, named.name, commonNames(named.code)].join(' ')).map((t) => t.term));
  let otherBits = 0;
  words.forEach((w, i) => {
    if (!nameTerms.has(w.term) && i < 31) otherBits |= 1 << i;
  });
  const check = passageCheck(c.store, c.parts, restrict(c.store, { country: named.code }, []));
  if (!check || otherBits === 0) return null;
  // no date bound in this restriction: the check does not depend on the partition it is given
  return { says: (g) => check(g, 0), otherBits: otherBits >>> 0 };
}
