/**
 * The phrase check: candidates, best first, are kept when their text holds every quoted phrase and
 * no excluded phrase (the trend counter's scan, ../phrase-scan.ts). Usually the best few settle the
 * page, so the check stops once it has enough hits and has seen enough candidates, and the total
 * is estimated from a sample of the rest; or it stops when the time budget runs out. Follows check
 * a passage's tokens ({@link passageTokens}, {@link holdsPhrase}): they test one passage against
 * many phrases.
 */
import { compoundSpans, fold, phraseMatches, tokens, type CompoundSpan } from '../../index/analyzer.ts';
import type { Corpus } from '../corpus.ts';
import { phrasesCheck } from '../phrase-scan.ts';
import type { QueryPlan } from './plan.ts';
import { topK } from './top-k.ts';

export interface Ordered {
  /** The candidates kept, best first (at least `depth` of them when there are that many). */
  order: number[];
  /** Matches in all (estimated when the check stopped early). */
  total: number;
  /** `total` is an estimate: the check stopped before the last candidate. */
  estimated: boolean;
  /** The time budget ran out before `need` hits were found. */
  partial: boolean;
}

/**
 * The quoted phrases' words as typed, folded ("responsibility", "to", "protect"), for
 * {@link asTypedFirst}: phrases of two words or more.
 */
function typedPhrases(plan: QueryPlan): string[][] {
  return (
    plan.parsed.phrases
      // Arabic joins "and", "the", "for" to a word (ومجلس, المجلس) and Chinese writes no spaces: their
      // words as typed cannot be compared so
      .filter((p) => !/[\p{Script=Arabic}\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u.test(p.raw))
      .map((p) => (fold(p.raw).match(SURFACE_WORD) ?? []) as string[])
      .filter((w) => w.length > 1)
  );
}
const SURFACE_WORD = /[\p{L}\p{N}]+/gu;

/**
 * Whether two words are the same word written alike: equal, or sharing all their letters but the
 * last three of the longer ("responsibilities" and "responsibility", "organised" and "organized";
 * not "responses" and "responsibility", which the stemmer joins as "respons").
 */
function agree(a: string, b: string): boolean {
  if (a === b) return true;
  let k = 0;
  while (k < a.length && k < b.length && a[k] === b[k]) k++;
  return k >= 3 && k >= Math.max(a.length, b.length) - 3;
}

/**
 * How a passage holds the phrases with their words written as typed ({@link agree}): not every
 * one (0), every one but a line of at least {@link QUOTED_LINE_WORDS} words only inside quotation
 * marks (1), every one in its own words (2).
 */
type Holding = 0 | 1 | 2;

/**
 * A phrase of at least this many words is a line someone said: a passage holding it only inside
 * quotation marks quotes it, and comes after the passages saying it (QA20 F9: six speeches quoting
 * Kennedy's "Mankind must put an end to war …" ranked above his own).
 */
const QUOTED_LINE_WORDS = 5;

function holding(text: string, phrases: readonly (readonly string[])[]): Holding {
  const folded = fold(text);
  const found = [...folded.matchAll(SURFACE_WORD)];
  const words = found.map((m) => m[0]);
  let quoted = false;
  for (const p of phrases) {
    const starts: number[] = [];
    words.forEach((_, i) => {
      if (p.every((w, k) => i + k < words.length && agree(words[i + k]!, w))) starts.push(found[i]!.index);
    });
    if (!starts.length) return 0;
    if (p.length >= QUOTED_LINE_WORDS && starts.every((at) => insideQuotes(folded, at))) quoted = true;
  }
  return quoted ? 1 : 2;
}

/** Whether position `at` of `text` lies inside quotation marks opened before it in the text. */
function insideQuotes(text: string, at: number): boolean {
  let open = '';
  for (let i = 0; i < at; i++) {
    const ch = text[i]!;
    if (ch === '"') open = open === '"' ? '' : '"';
    // German opens with „ and closes with “, English opens with “ and closes with ”
    else if (ch === '“') open = open === '„' ? '' : '“';
    else if (ch === '„' || ch === '«') open = ch;
    else if (ch === '”' || ch === '»') open = '';
  }
  return open !== '';
}

/**
 * The ranked head with, among its first `window` passages, those holding the quoted phrases word
 * for word first, the rest after, in order otherwise: a quoted phrase holds in the singular and the
 * plural of its words and in either spelling (the analyzer's Token.exact; before that, by its
 * words' stems, "responsibility to protect" was held in "responses to protect", which ranked
 * first). A line typed alone is first where it is said, then where it is quoted ({@link QUOTED_LINE_WORDS}).
 */
export function asTypedFirst(plan: QueryPlan, head: number[], window: number, text: (g: number) => string): number[] {
  // a line typed alone asks who said it; beside other words ("hemingway john donne \"for whom the
  // bell tolls\"") it may ask who quoted it (blind set 6's kb-327)
  const { parsed } = plan;
  const lineAlone = parsed.phrases.length === 1 && parsed.words.length === 0 && !parsed.compounds?.length;
  return holdersFirst(typedPhrases(plan), head, window, text, lineAlone);
}

/**
 * `head` with those of its first `window` passages (or `reach`, if more) holding every one of
 * `phrases` word for word ({@link holding}) first, those quoting a line of it next, the rest after,
 * in order otherwise; `head` itself when there is nothing to move. The same first passages for every
 * page (the head grows with the page asked for, never below them): a passage is never shown on two
 * pages, nor on none.
 */
function holdersFirst(
  phrases: readonly (readonly string[])[],
  head: number[],
  window: number,
  text: (g: number) => string,
  quotersAfter: boolean,
  reach = window,
): number[] {
  const span = head.slice(0, Math.max(window, reach));
  if (!phrases.length || span.length < 2) return head;
  const holders: number[] = [];
  const quoters: number[] = [];
  const moved = new Set<number>();
  for (const g of span) {
    const h = holding(text(g), phrases);
    if (h === 0) continue;
    (h === 1 && quotersAfter ? quoters : holders).push(g);
    moved.add(g);
  }
  if (!moved.size) return head;
  return [...holders, ...quoters, ...head.filter((g) => !moved.has(g))];
}

/**
 * The words of an unquoted query of three to `max` words, stop words among them,
 * as typed and folded ("the", "cold", "war", "is", "over"); null for any other query. Such a query
 * may be a line the user remembers, which ranking by indexed words alone reads as "cold war".
 */
function rememberedLine(plan: QueryPlan, max: number): string[] | null {
  const { parsed } = plan;
  if (parsed.phrases.length || parsed.excluded.length || parsed.excludedPhrases.length || /["+]/.test(parsed.text)) return null;
  if (/[\p{Script=Arabic}\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u.test(parsed.text)) return null;
  const words = (fold(parsed.text).match(SURFACE_WORD) ?? []) as string[];
  if (words.length < 3 || words.length > max) return null;
  const toks = tokens(parsed.text);
  return toks.some((t) => t.stop) && toks.some((t) => !t.stop) ? words : null;
}

/**
 * The ranked head with, among its first `reach` passages (INDEX_OPTIONS.wordForWordReach), those
 * holding an unquoted query word for word first ({@link rememberedLine}: `the cold war is over` put
 * the passages that say "the cold war is over" after twenty that repeat "cold war"), the rest after,
 * in order otherwise; the head unchanged for other queries (`max`: INDEX_OPTIONS.wordForWordMaxWords).
 */
export function wordForWordFirst(
  plan: QueryPlan,
  head: number[],
  window: number,
  text: (g: number) => string,
  max: number,
  reach = window,
): number[] {
  const line = rememberedLine(plan, max);
  return line ? holdersFirst([line], head, window, text, true, reach) : head;
}

/** Whether the query may be a line the user remembers ({@link wordForWordFirst}): its head is read deeper for it. */
export function mayBeRememberedLine(plan: QueryPlan, max: number): boolean {
  return !needsPhraseCheck(plan) && rememberedLine(plan, max) !== null;
}

/** Candidates past the checked head sampled, evenly, to estimate how many of the rest hold the phrases. */
const REST_SAMPLE = 128;

/** Whether the plan needs positions checked at all. */
export function needsPhraseCheck(plan: QueryPlan): boolean {
  return plan.checkedPhrases.length > 0 || plan.excludedPhrases.length > 0;
}

/**
 * Orders `cands` under `cmp`, keeping those that pass the phrase check (see the module comment).
 * The total is estimated from where a first page's check stops (the re-ranked head's hits, the
 * proximity depth), whichever page is asked for: every page of a search says the same "about N"
 * (a deeper page, checked further, estimated from there, read 925, 1,598, 1,316 … for one phrase).
 */
export function checkPhrases(c: Corpus, plan: QueryPlan, cands: readonly number[], cmp: (a: number, b: number) => number): Ordered {
  const { need, depth, deadline, checkedPhrases, excludedPhrases } = plan;
  const check = phrasesCheck(checkedPhrases, excludedPhrases);
  const holds = (g: number): boolean => check(c.store.text(g));
  const base = Math.min(depth, c.opts.proximity.depth);
  let partial = false;
  const kept: number[] = [];
  // candidates checked, and kept among them, when `base` were kept
  let atBase: { checked: number; kept: number } | null = null;
  let i = 0;
  // usually the top `select` candidates settle it: select them first, sort them all only if needed
  // (a copy: the estimate samples `cands` in library order)
  const select = Math.max(64, 2 * need);
  const all = cands;
  let sorted = all.length > 8 * select ? topK(all, select, cmp) : [...all].sort(cmp);
  for (; i < all.length; i++) {
    // the next best, eight times as many (the same order: cmp is total): a phrase few candidates hold
    // in the form typed (`"nationally"`, 427 of 150,000) would sort them all for a page
    if (i === sorted.length) sorted = all.length > 32 * sorted.length ? topK(all, 8 * sorted.length, cmp) : [...all].sort(cmp);
    if (!atBase && kept.length >= base) atBase = { checked: i, kept: kept.length };
    // enough hits: stop (the rest's sample estimates the total); out of time: stop too
    if (kept.length >= depth) break;
    if ((i & 15) === 15) {
      if (performance.now() > deadline) {
        if (kept.length < need) partial = true;
        break;
      }
    }
    if (holds(sorted[i]!)) kept.push(sorted[i]!);
  }
  // all checked; or none kept, which only the time budget makes: no estimate (the relaxed re-read needs 0)
  if (i >= all.length || kept.length === 0) return { order: kept, total: kept.length, estimated: false, partial };
  const from = atBase ?? { checked: i, kept: kept.length };
  const rest = restEstimate(all, new Set(sorted.slice(0, from.checked)), holds, cmp, deadline);
  return { order: kept, total: Math.max(kept.length, from.kept + rest.count), estimated: !rest.exact, partial };
}

/**
 * How many of the candidates `all` (in library order) not in the checked `head` hold the phrases:
 * each is checked when fewer than twice the sample are left (a count); else an even sample of
 * them, four times the sample's size, is put in rank order and every fourth checked. The phrase is
 * commoner among the better ranked, so a sample spread over the ranks counts better than one spread
 * over the library (scaling the checked head's share up counted "international cooperation" in
 * 14,562 passages, where 6,755 hold it), and sorting the sample costs less than sorting every
 * candidate.
 */
function restEstimate(
  all: readonly number[],
  head: ReadonlySet<number>,
  holds: (g: number) => boolean,
  cmp: (a: number, b: number) => number,
  deadline: number,
): { count: number; exact: boolean } {
  const rest = all.length - head.size;
  const spread = rest < 2 * REST_SAMPLE ? 1 : 4;
  const step = spread === 1 ? 1 : Math.max(1, Math.floor(all.length / (REST_SAMPLE * spread)));
  const pool: number[] = [];
  for (let k = 0; k < all.length; k += step) if (!head.has(all[k]!)) pool.push(all[k]!);
  if (spread > 1) pool.sort(cmp);
  let seen = 0;
  let hits = 0;
  let whole = true;
  for (let k = spread >> 1; k < pool.length; k += spread) {
    if ((seen & 15) === 15 && performance.now() > deadline) {
      whole = false;
      break;
    }
    seen++;
    if (holds(pool[k]!)) hits++;
  }
  // every one left checked: a count
  if (seen === rest) return { count: hits, exact: true };
  // a phrase few of them hold: a share read from a handful of hits is noisy ("follow-up": about 1,950
  // from the sample's 16, exactly 1,309; `"nationally"`: 0 of 128, 427 in all), so more of the rest
  // is read: SPARSE_MORE more, evenly over the library (all of them, or the sample would lean to its first years)
  if (hits < SPARSE_HITS && whole) {
    const more = Math.min(SPARSE_MORE, rest);
    const step2 = Math.max(1, Math.floor(all.length / more));
    for (let k = step2 >> 1, s = 0; k < all.length && s < more; k += step2) {
      const g = all[k]!;
      if (head.has(g)) continue;
      if ((s & 15) === 15 && performance.now() > deadline) break;
      s++;
      seen++;
      if (holds(g)) hits++;
    }
  }
  return { count: seen ? Math.round((hits * rest) / seen) : 0, exact: false };
}

/** Fewer hits than this in the rest's sample: more of the rest is read ({@link restEstimate}). */
const SPARSE_HITS = 32;
/** How many more: as many as the sample (each check reads a passage from disk and may scan its words, 10–100 µs). */
const SPARSE_MORE = 128;

/** A passage's terms (stop words included) and where its hyphenated compounds open (null without one). */
export interface PassageTokens {
  terms: string[];
  compounds: Map<number, CompoundSpan> | null;
  /** The second terms its words carry (the analyzer's Token.alt: `75` for "75th"), which the index holds too. */
  alts: string[];
  /** Each word's exact form (the analyzer's Token.exact), which a quoted phrase's words must match. */
  exacts: (string | undefined)[];
}

export function passageTokens(text: string): PassageTokens {
  const toks = tokens(text);
  const alts: string[] = [];
  for (const t of toks) if (t.alt !== undefined) alts.push(t.alt);
  return { terms: toks.map((t) => t.term), compounds: compoundSpans(text, toks), alts, exacts: toks.map((t) => t.exact) };
}

/**
 * True when the passage holds `phrase`, each hyphenated compound read as written or closed
 * ("international cooperation" holds in "international co-operation", as the index finds it), each
 * word in the form typed, singular or plural ("developing countries" not in "developed countries").
 */
export function holdsPhrase(p: PassageTokens, phrase: readonly string[]): boolean {
  return phraseMatches(p.terms, p.compounds, phrase, true, p.exacts).length > 0;
}
