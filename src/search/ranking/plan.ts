/**
 * The query plan: everything the ranking stages need to know about one query, decided before any
 * posting is read — its ranked words, its phrases, what the excerpts will mark, the filters'
 * restriction and routing, and the time budget.
 */
import { readQueryPhrase, tokens, type PhraseReading } from '../../index/analyzer.ts';
import type { Corpus } from '../corpus.ts';
import { commonNames } from '../../ingest/country.ts';
import { leadingCountry } from '../country-filter.ts';
import { passageCheck, restrict, route, type Restriction } from '../filters.ts';
import type { ParsedQuery, QueryPhrase } from '../query.ts';
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
  /**
   * The quoted phrases' terms (stop words included), each hyphenated compound the library writes
   * closed a slot held closed or as written ({@link readPhrase}).
   */
  phrases: string[][];
  /** The indexed (non-stop) words of the phrases outside their compound slots, each once: every candidate holds them all. */
  phraseContent: string[];
  /** The phrases' compound slots, each once: every candidate holds each one's closed term or all its parts. */
  phraseCompounds: Array<{ term: string; parts: string[] }>;
  excludedPhrases: string[][];
  /** Phrases whose positions must be checked (a one-word phrase is settled by the postings). */
  checkedPhrases: string[][];
  /** Terms the excerpts mark. */
  markTerms: Set<string>;
  /**
   * The marked terms that only quoted phrases give (no free word of the query): marked alone only in
   * a passage that does not hold every phrase they belong to.
   */
  phraseOnly: Set<string>;
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
  /** A marked term → the query word it stands for, which it counts as when an excerpt chooses its sentence. */
  markSameAs: Map<string, string>;
  /** Phrases the excerpts mark besides the quoted ones (spelled-out acronyms). */
  markPhrases: string[][];
  /** The query asks for a quantity (answer-type lift in the re-rank). */
  wantsQuantity: boolean;
  /** The query states something, of at least `statement.minWords` ranked words (./statement.ts). */
  statement: boolean;
  /** The country the query opens with (./speaker.ts); null when none is named first. */
  speaker: NamedSpeaker | null;
  /** The terms of what a quantity question counts ("how many years": year), for a larger lift; may be empty. */
  countedUnits: string[];
}

export function planQuery(c: Corpus, parsed: ParsedQuery, restriction: Restriction, need: number, started: number): QueryPlan {
  const read = parsed.phrases.map((p) => readPhrase(c, p)).filter((r) => r.terms.length > 0);
  const phrases = read.map((r) => r.terms);
  const phraseContent = [...new Set(read.flatMap((r) => r.content))];
  const phraseCompounds = [...new Map(read.flatMap((r) => r.compounds).map((k) => [k.term, k])).values()];
  const excludedPhrases = parsed.excludedPhrases.map((p) => readPhrase(c, p).terms).filter((t) => t.length > 0);
  // "what did China say about …": the question's verb of saying is no topic word (it would rank
  // every "I would like to say"), unless it is the only word
  const named = c.opts.leadingCountry.weight > 0 ? leadingCountry(parsed.text) : undefined;
  const verbTerm = named?.verb === undefined ? undefined : tokens(named.verb)[0]?.term;
  const topical = verbTerm === undefined ? parsed.words : parsed.words.filter((w) => w.term !== verbTerm);
  const words = rankedWords(c, topical.length && topical.length < parsed.words.length ? { ...parsed, words: topical } : parsed);
  const statement = parsed.statement === true && words.length >= c.opts.statement.minWords;
  if (statement) weighByIdf(c, words);
  const markTerms = new Set<string>();
  const markWeights = new Map<string, number>();
  const standsFor = new Map<string, string>();
  for (const w of words) {
    markTerms.add(w.term);
    // a compound's parts, where the library writes them apart ("peace keeping")
    if (w.compound) for (const t of w.longForm ?? []) markTerms.add(t);
    // a character typed alone is marked alone in its pairs (excerpts find it), not the pair whole
    for (const e of w.inPairs ? [] : w.expansions) {
      markTerms.add(e.term);
      if (e.rankOnly) markWeights.set(e.term, e.weight * c.idf(e.term));
      else standsFor.set(e.term, standsFor.has(e.term) && standsFor.get(e.term) !== w.term ? '' : w.term);
    }
  }
  // a term standing for one query word the library holds (a typo's correction, a country's
  // adjective, a word's French stem) counts as that word when an excerpt chooses its sentence, at the
  // word's weight at most: a rare variant ("Somaliaís") is not worth more than the word ("Somalia")
  const markSameAs = new Map<string, string>();
  for (const [term, word] of standsFor) {
    if (!word || term === word || c.df(word) === 0) continue;
    markSameAs.set(term, word);
    // never more than the word; a common correction of a rare word ("done" for "drones") less
    markWeights.set(term, Math.min(c.idf(term), c.idf(word)));
  }
  // a compound's parts mark a passage found by them apart; where it says the compound, they are no match
  // (a phrase's compound slot is such a compound: its parts mark only where the passage writes them apart)
  const own = new Set([...words.map((w) => w.term), ...read.flatMap((r) => r.content), ...phraseCompounds.map((k) => k.term)]);
  const compoundParts = new Map<string, string[]>();
  for (const w of words)
    if (w.compound)
      compoundParts.set(
        w.term,
        (w.longForm ?? []).filter((t) => !own.has(t)),
      );
  for (const k of phraseCompounds)
    compoundParts.set(
      k.term,
      k.parts.filter((t) => !own.has(t)),
    );
  // a spelled-out acronym is marked as a phrase (its words alone would mark every "international")
  const markPhrases = words.flatMap((w) => (w.longForm && !w.compound ? [c.longFormWords.get(w.term) ?? []] : []));
  // a phrase's words are marked where it holds (markPhrases), and its indexed words alone too: not its
  // stop words, which would mark every "the" and "of" (every "и" beside "права и")
  const free = new Set(markTerms);
  for (const r of read) for (const t of [...r.content, ...r.compounds.flatMap((k) => [k.term, ...k.parts])]) markTerms.add(t);
  const phraseOnly = new Set([...markTerms].filter((t) => !free.has(t)));
  // a phrase of one indexed word (`+word`, `"word"`) is settled by the text postings (holdingAll): no positions to check
  const oneWord = new Set(read.filter((r) => r.terms.length === 1 && r.content.length === 1 && r.compounds.length === 0).map((r) => r.terms));
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
    phraseCompounds,
    excludedPhrases,
    checkedPhrases: phrases.filter((p) => !oneWord.has(p)),
    markTerms,
    phraseOnly,
    compoundParts,
    markWeights,
    markSameAs,
    markPhrases,
    wantsQuantity: asksForQuantity(parsed.text),
    statement,
    countedUnits: countedUnits(parsed.text),
    speaker: named ? namedSpeaker(c, named, words) : null,
  };
}

/**
 * A quoted phrase as search and trends read it ({@link phraseReading}): a hyphenated compound in it
 * that the library writes closed (`"international co-operation"`, where the library also says
 * "cooperation") is a slot, held by the compound closed or as written; where the library never
 * writes it closed (`"boundary-layer flow"`) its parts are plain words, as typed.
 */
export function readPhrase(c: Corpus, p: QueryPhrase): PhraseReading {
  return readQueryPhrase(p, (term) => c.writtenClosed(term));
}

/** The country a query opens with, as the ranking reads it (./speaker.ts). */
export interface NamedSpeaker {
  /** Whether the country says passage g: its statements in a record, its speeches whole. */
  says: (g: number) => boolean;
  /** The bits of the query's other words: a passage must hold one of them to be lifted. */
  otherBits: number;
}

/** The country a query opens with (`named`, ./speaker.ts), read as the filter country: would read it; null when it lifts nothing. */
function namedSpeaker(c: Corpus, named: NonNullable<ReturnType<typeof leadingCountry>>, words: readonly RankedWord[]): NamedSpeaker | null {
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

/**
 * A statement's words weighted by their rarity (`statement.idfPower` γ; 0: off): each word's query
 * weight × (idf / the mean idf of its words)^γ, at least 1 when `statement.idfFloor` (after
 * Bendersky & Croft 2008 and Lease 2009, reduced to the idf feature). A word the library does not
 * hold (a typo, scored through its corrections) keeps its weight and is left out of the mean.
 */
function weighByIdf(c: Corpus, words: RankedWord[]): void {
  const { idfPower, idfFloor } = c.opts.statement;
  if (idfPower === 0) return;
  const held = words.filter((w) => c.df(w.term) > 0);
  if (held.length === 0) return;
  const mean = held.reduce((sum, w) => sum + c.idf(w.term), 0) / held.length;
  for (const w of held) {
    const f = (c.idf(w.term) / mean) ** idfPower;
    w.qw *= idfFloor ? Math.max(1, f) : f;
  }
}
