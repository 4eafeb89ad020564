/**
 * Ranking a parsed query, in stages sharing one {@link QueryPlan} (what the query asks, decided
 * up front) and one {@link Scratch} (per-passage working arrays, reset after each query):
 *
 * 1. plan        (./plan.ts, ./words.ts)   query words and what stands for them, phrases, routing
 * 2. candidates  (./candidates.ts)         with phrases: the passages holding all their words
 * 3. BM25F       (./bm25f.ts)              scores and word masks into the scratch, document evidence
 *    feedback    (./feedback.ts)           expansion terms from the top documents scored in (`prf`)
 *    speaker     (./speaker.ts)            the country the query opens with lifted (`leadingCountry`)
 * 4. candidates  (./candidates.ts)         who competes, less exclusions
 * 5. phrase check (./phrases.ts)           positions verified, best first, total estimated
 * 6. re-rank     (./rerank.ts)             term proximity, span and answer type over the best `proximity.depth`
 *
 * Glossary (the short names used across these modules, kept short in the hot loops):
 * - `g`      a passage's global number (0 … N-1, library order; src/index/store.ts)
 * - `d`      a document's number (store.docs index); `docOf[g]` is passage g's document
 * - `pi`     a partition's number (c.parts index); partitions are decades of contiguous passages
 * - `N`      passages in the library (BM25's N)
 * - `tf`     a term's count in one field of a passage; `tfNorm` the BM25F sum over fields of
 *            field weight × tf / length norm (`wText`, `wMeta`: field weights; `normText`,
 *            `normMeta`: 1 − b + b·len/avg per passage)
 * - `qw`     a query word's weight from its count in the query; `wi` = weight × idf of a term
 * - `idf`    log(1 + (N − df + 0.5)/(df + 0.5)); `df`: passages holding the term (document
 *            evidence counts documents: `Corpus.docIdf`)
 * - `bit`    a query word's bit in the passage mask; a passage holding all of a short query's
 *            words ranks first (the "tier")
 * - `cands`  candidate passages; `kept` those passing the phrase check; `head` the ranked best
 * - `routed` the partitions the filters reach; `allow` the per-passage filter check
 */
import type { Corpus } from '../corpus.ts';
import type { Restriction } from '../filters.ts';
import type { ParsedQuery } from '../query.ts';
import type { SortOrder } from '../../types.ts';
import { dayNumber, dayStart, type LibraryStore } from '../../index/store.ts';
import { scoreBm25f } from './bm25f.ts';
import { candidateList, mostOfConjunction, requiredCandidates } from './candidates.ts';
import { expandByFeedback } from './feedback.ts';
import { liftSpeaker } from './speaker.ts';
import { asTypedFirst, checkPhrases, mayBeRememberedLine, needsPhraseCheck, wordForWordFirst } from './phrases.ts';
import { countryFormTerms } from '../country-words.ts';
import { planQuery, type QueryPlan } from './plan.ts';
import { rerankHead } from './rerank.ts';
import type { Scratch } from './scratch.ts';
import { topK } from './top-k.ts';

export interface Ranked {
  /** The best passages, in order (at least `need` when there are that many). */
  order: number[];
  /** Their scores, rounded to 4 decimals. */
  scores: Map<number, number>;
  /** Matches in all (estimated when the phrase check stopped early). */
  total: number;
  /** `total` is an estimate (see ./phrases.ts). */
  estimated: boolean;
  /** The time budget ran out: the ranking may be incomplete. */
  partial: boolean;
  /** What the excerpts should mark. */
  markTerms: Set<string>;
  /** See {@link QueryPlan.phraseOnly}. */
  phraseOnly: Set<string>;
  /** See {@link QueryPlan.compoundParts}. */
  compoundParts: Map<string, string[]>;
  /** Marked stand-ins' weights when an excerpt chooses its sentence, where lower than their idf. */
  markWeights: Map<string, number>;
  /** See {@link QueryPlan.markSameAs}. */
  markSameAs: Map<string, string>;
  /** The query words that typo corrections stand in for: the word as written, its term, the corrections' terms. */
  corrections: Array<{ raw: string; term: string; typos: string[] }>;
  phrases: string[][];
  /**
   * The indexed words of the query's phrases and +words, when a second reading may ask for the
   * passages holding the most of them: the query has no other word to rank by, no compound slot
   * among them and no excluded phrase (which only the phrase check sees); null otherwise.
   */
  requiredWords: string[] | null;
  /** Read with `mostOf`: how many of those words each passage found holds at least (all, or fewer). */
  held?: { words: number; of: number };
}

/**
 * Ranks passages for a parsed query within `restriction` (src/search/filters.ts). Returns the best
 * `need` (at least) passages in order, their scores, the total number of matches, and what the
 * excerpts should mark.
 */
export function rank(
  c: Corpus,
  s: Scratch,
  parsed: ParsedQuery,
  restriction: Restriction,
  need: number,
  started: number,
  sort: SortOrder = 'relevance',
  mostOf: readonly string[] | null = null,
): Ranked {
  const plan = planQuery(c, parsed, restriction, need, started);
  try {
    // a second reading of a query whose phrases or +words no passage holds: the passages holding most of their words
    const most = mostOf
      ? mostOfConjunction(
          c,
          mostOf,
          plan.routed,
          plan.allow,
          parsed.excluded.map((w) => w.term),
        )
      : null;
    const required = requiredCandidates(c, plan) ?? most?.conj ?? null;
    const { idfOf, cut } = scoreBm25f(c, plan, s, required);
    const tier = rankTier(c, plan, s);
    const byScore = rankOrder(tier, s);
    if (!required) expandByFeedback(c, plan, s, byScore);
    liftSpeaker(c, plan, s);
    const cands = candidateList(c, plan, s, required);
    // filters alone: whole documents by their date, each first to last (a report's dated sections too)
    const dates = parsed.filtersAlone ? documentDays(c.store) : c.store.arrays.dateFrom;
    // (filters alone: no word to hold, the documents by date)
    const cmp =
      sort === 'relevance' ? byScore : parsed.filtersAlone ? byDateThen(dates, sort, byScore) : dateOrder(tier, plan, s, dates, sort, byScore);
    // a line the user may remember is looked for deeper than the re-ranked head: ranked by its
    // indexed words, passages repeating its rarest one can push those saying it below the head
    const lineReach = sort === 'relevance' && mayBeRememberedLine(plan, c.opts.wordForWordMaxWords) ? c.opts.wordForWordReach : 0;
    const depth = Math.max(plan.depth, lineReach);
    let order: number[];
    let total = cands.length;
    let estimated = false;
    let partial = cut;
    if (needsPhraseCheck(plan)) {
      const checked = checkPhrases(c, plan, cands, cmp);
      ({ order, total, estimated } = checked);
      partial ||= checked.partial;
    } else {
      order = topK(cands, depth, cmp);
    }
    let head = order.slice(0, depth);
    if (!rerankHead(c, plan, s, head, idfOf, cmp)) partial = true;
    if (sort === 'relevance') {
      const text = (g: number): string => c.store.text(g);
      const window = c.opts.proximity.depth;
      head = needsPhraseCheck(plan)
        ? asTypedFirst(plan, head, window, text)
        : wordForWordFirst(plan, head, window, text, c.opts.wordForWordMaxWords, lineReach);
    }
    const scores = new Map<number, number>();
    for (const g of head) scores.set(g, Math.round(s.score[g]! * 1e4) / 1e4);
    return {
      order: head,
      scores,
      total,
      estimated,
      partial,
      markTerms: plan.markTerms,
      phraseOnly: plan.phraseOnly,
      compoundParts: plan.compoundParts,
      markWeights: plan.markWeights,
      markSameAs: plan.markSameAs,
      corrections: plan.words.flatMap((w) => {
        const typos = w.expansions.filter((e) => e.typo).map((e) => e.term);
        return typos.length ? [{ raw: w.raw ?? w.term, term: w.term, typos }] : [];
      }),
      phrases: [...plan.phrases, ...plan.markPhrases],
      requiredWords: parsed.words.length === 0 && plan.phraseCompounds.length === 0 && plan.excludedPhrases.length === 0 ? plan.phraseContent : null,
      ...(most && { held: { words: most.held, of: mostOf!.length } }),
    };
  } finally {
    s.reset();
  }
}

/** A year a query names (1900–2099), as its term. */
const YEAR_TERM = /^(?:19|20)\d\d$/;

/** The bits of the query's words that are years. */
function yearBits(words: QueryPlan['words']): number {
  let bits = 0;
  words.forEach((w, i) => {
    if (w.bit >= 0 && YEAR_TERM.test(w.term)) bits |= 1 << i;
  });
  return bits;
}

let countryTermSet: ReadonlySet<string> | undefined;
/** The terms of countries' names and their adjectives ("lebanon", "lebanese"). */
function countryTerms(): ReadonlySet<string> {
  return (countryTermSet ??= countryFormTerms());
}

/**
 * The ranking order: passages holding every word of a short query first, then by score, then by
 * library order (a total order, so every sort of the same passages agrees). A one-word query is
 * tiered too when a rank-only stand-in scores for it: the passages saying the word come first.
 * Passages holding only a country or year the query names come after those holding another of its words.
 */
function rankOrder(tier: (g: number) => number, s: Scratch): (a: number, b: number) => number {
  const { score } = s;
  return (a, b) => tier(b) - tier(a) || score[b]! - score[a]! || a - b;
}

/**
 * The order for `sort: newest | oldest`: the passages holding the most of the query's words first
 * (those holding them only through context or metadata last, as in {@link rankOrder}), by date
 * among them, then as relevance orders them ("nuclear test", newest first, listed budget lines on
 * drug testing before any passage on nuclear tests).
 */
function dateOrder(
  tier: (g: number) => number,
  plan: QueryPlan,
  s: Scratch,
  dates: Int32Array,
  sort: 'newest' | 'oldest',
  byScore: (a: number, b: number) => number,
): (a: number, b: number) => number {
  const { mask } = s;
  const fullMask = plan.words.length ? (2 ** Math.min(plan.words.length, 31) - 1) >>> 0 : 0;
  const held = (g: number): number => (tier(g) === 0 ? -1 : popCount(mask[g]! & fullMask));
  const byDate = byDateThen(dates, sort, byScore);
  return (a, b) => held(b) - held(a) || byDate(a, b);
}

function popCount(x: number): number {
  let n = 0;
  for (let v = x >>> 0; v; v &= v - 1) n++;
  return n;
}

/** A passage's tier in the ranking order (2: every word of a short query; 0: context or metadata only). */
function rankTier(c: Corpus, plan: QueryPlan, s: Scratch): (g: number) => number {
  const { words } = plan;
  const { mask } = s;
  const fullMask = words.length ? (2 ** words.length - 1) >>> 0 : 0;
  const standIn = words.some((w) => w.expansions.some((e) => e.rankOnly || e.guess));
  const tiered = (words.length > 1 || standIn) && words.length <= c.opts.allWordsFirstMaxWords;
  // a country the query names is where, not what: a passage holding only it (its statement, by
  // the country its metadata names) comes after those holding another word ("refugees Lebanon":
  // not every passage of Lebanon's Arabic statement first)
  // and so is a year: a passage holding only the country and the year ("Ethiopia famine 1984": the
  // delegation's 1984 greetings) comes after those saying what happened
  // (with a country only: in "Agenda 2063" or "net zero 2050" the year is what is asked)
  let contextBits = 0;
  words.forEach((w, i) => {
    if (w.bit >= 0 && countryTerms().has(w.term)) contextBits |= 1 << i;
  });
  if (contextBits)
    words.forEach((w, i) => {
      if (w.bit >= 0 && YEAR_TERM.test(w.term)) contextBits |= 1 << i;
    });
  const others = fullMask & ~contextBits;
  const { textMask } = s;
  const { metaOnlyMinPassages, countryInText } = c.opts.context;
  // a country the passage's text says is what it is about, not where it was said
  const countryBits = countryInText ? contextBits & ~yearBits(words) : 0;
  const contextOnly = (g: number): boolean => contextBits !== 0 && others !== 0 && (mask[g]! & others) === 0 && (textMask[g]! & countryBits) === 0;
  // a passage holding the query's words only through its document's metadata, shared by every
  // passage of a long document (the speaker, the country, the year), lacking one of them, or
  // holding the one word of a one-word query so ("straw": Jack Straw's speech) (one reached by
  // feedback's terms alone holds none of them: it keeps its place, review20 R9)
  const { docOf, docs } = c.store;
  // (beside a quoted phrase, the one word may well be the speaker asked for: `martino "…"`)
  const oneWordAlone = words.length === 1 && plan.parsed.phrases.length === 0;
  const metaOnly = (g: number): boolean =>
    metaOnlyMinPassages > 0 &&
    textMask[g] === 0 &&
    (mask[g]! & fullMask) !== 0 &&
    (oneWordAlone || (mask[g]! & fullMask) !== fullMask) &&
    docs[docOf[g]!]!.count >= metaOnlyMinPassages;
  return (g) => (contextOnly(g) || metaOnly(g) ? 0 : tiered && (mask[g]! & fullMask) === fullMask ? 2 : 1);
}

const documentDayCache = new WeakMap<LibraryStore, Int32Array>();
/** Each passage's document's first day (0: undated), in the form of `arrays.dateFrom`. */
function documentDays(store: LibraryStore): Int32Array {
  let days = documentDayCache.get(store);
  if (!days) {
    days = new Int32Array(store.size);
    for (const d of store.docs) if (d.meta.date) days.fill(dayNumber(dayStart(d.meta.date)), d.first, d.first + d.count);
    documentDayCache.set(store, days);
  }
  return days;
}

/**
 * Date order for `sort: newest | oldest` (a passage's effective date: its section's, else its
 * document's; undated passages last), ties broken by `then` (the ranking order).
 */
export function byDateThen(
  dateFrom: Int32Array,
  sort: 'newest' | 'oldest',
  then: (a: number, b: number) => number,
): (a: number, b: number) => number {
  const sign = sort === 'newest' ? -1 : 1;
  return (a, b) => {
    const da = dateFrom[a]!;
    const db = dateFrom[b]!;
    if (da !== db) {
      if (!da) return 1;
      if (!db) return -1;
      return sign * (da - db);
    }
    return then(a, b);
  };
}
