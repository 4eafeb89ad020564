/**
 * Excerpts: the ~300 characters of a passage that show its best-matching sentences whole (a
 * longer sentence up to 450 characters is shown whole too), cut at word boundaries, with the
 * matched words marked. Marks come from the analyzer's tokens, so what is
 * marked is exactly what the index matched (a search for "cultivated" marks "cultivation").
 */
import {
  compoundSpans,
  compoundTerms,
  fold,
  isCjk,
  isLoneCjk,
  isLanguageTerm,
  languageTerm,
  phraseMatches,
  inAnyForm,
  STOP_WORDS,
  textLanguage,
  tokens,
  type CompoundSpan,
  type Token,
} from '../index/analyzer.ts';
import { endsSentence } from '../ingest/sentences.ts';
import type { Excerpt, Mark, PassageMarks } from '../types.ts';

/**
 * What an excerpt marks and weighs: the terms and phrases to mark (PassageMarks: the query's terms,
 * plus any typo-tolerant terms the index matched; phrases as analyzer terms in order, stop words
 * included, each occurrence marked as one span), and how the sentence to show is chosen.
 */
export interface ExcerptMatch extends PassageMarks {
  /**
   * Spelled-out forms of query words (an acronym's long form, analyzer terms in order): each
   * occurrence is marked as one span, like a phrase, but counts as one term when choosing the
   * sentence to show (weighing as much as its weightiest word), not as a quoted phrase.
   */
  forms?: readonly (readonly string[])[];
  /**
   * The query term each of `forms` spells out (its acronym), at the same index: a sentence holding
   * both the acronym and its long form ("JCPOA" and "Joint Comprehensive Plan of Action") counts
   * the word once, at the larger of the two weights.
   */
  spells?: readonly (string | undefined)[];
  /**
   * How much finding a term says (e.g. its idf in the library: rare words count more than common
   * ones) when choosing the sentence to show; every term counts 1 without it.
   */
  weight?: (term: string) => number;
  /**
   * Terms only the quoted phrases give (no free word of the query): where the passage holds every
   * phrase a term belongs to, the term is marked there, not again on its own ("protect" in
   * "…responsibility to protect… States protect civilians" is marked once, in the phrase).
   */
  phraseOnly?: ReadonlySet<string>;
  /**
   * A term → the query word it stands for (a typo's correction, a country's adjective): a sentence
   * holding both counts the word once when the excerpt chooses its sentence.
   */
  sameAs?: ReadonlyMap<string, string>;
}

/** The usual length of an excerpt, in characters (UTF-16 code units). */
export const EXCERPT_LENGTH = 300;
/** How far an excerpt may stretch to show its best sentence whole when that is longer than the usual length. */
export const SENTENCE_STRETCH = 1.5;

/**
 * What a query word shown only in the sentence an excerpt cuts at its end counts for, as a share of
 * its weight, when choosing the sentence to show: it is in view and marked, but out of its sentence.
 */
const CUT_SENTENCE_SHARE = 0.6;

const ELLIPSIS = '…';

/**
 * Start/end token indexes (inclusive) of every occurrence of `phrase` in `toks`, each hyphenated
 * compound in `compounds` read as written or closed (analyzer phraseMatches).
 */
export function findPhrase(
  toks: readonly Token[],
  phrase: readonly string[],
  compounds: ReadonlyMap<number, CompoundSpan> | null = null,
): Array<[first: number, last: number]> {
  return phraseMatches(
    toks.map((t) => t.term),
    compounds,
    phrase,
    false,
    toks.map((t) => t.exact),
  );
}

interface Unit {
  start: number;
  end: number;
  /** What it counts as: `t:<term>`, `p:<phrase index>` or `f:<form index>`. */
  key: string;
  /** A quoted phrase (counted apart, before terms). */
  phrase: boolean;
  /** A term's or form's weight. */
  weight: number;
}

/** What a stretch of text holds of the query: whole phrases, then weighted distinct terms, then matches. */
interface Tally {
  /** Each distinct phrase or term counted → the weight it added (a repeat adds nothing). */
  keys: Map<string, number>;
  phrases: number;
  weight: number;
  n: number;
  /** End of the last match counted. */
  keep: number;
}

const tally = (at: number): Tally => ({ keys: new Map(), phrases: 0, weight: 0, n: 0, keep: at });
const copy = (t: Tally): Tally => ({ ...t, keys: new Map(t.keys) });

function count(t: Tally, u: Unit): void {
  t.n++;
  t.keep = Math.max(t.keep, u.end);
  const had = t.keys.get(u.key);
  if (u.phrase) {
    if (had === undefined) t.phrases++;
    t.keys.set(u.key, 0);
    return;
  }
  // a word counts once, at its weightiest match (an acronym and its long form share a key)
  if (had !== undefined && had >= u.weight) return;
  t.weight += u.weight - (had ?? 0);
  t.keys.set(u.key, u.weight);
}

/**
 * Choose what of `text` to show and mark the matches in it. The excerpt opens at the start of a
 * sentence holding a match and shows it, and the sentences after it that fit in `maxLength`
 * characters, whole; then as much of the next one as fits, never cutting before a match that fits.
 * The opening sentence is the one whose excerpt shows the most of the query: whole quoted-phrase
 * matches in its whole sentences first, then distinct matched terms (a spelled-out form counting as
 * its acronym), each once and weighted by `match.weight`, a term first shown in the cut sentence at
 * the end counting for {@link CUT_SENTENCE_SHARE} of its weight; ties go to the block whose whole
 * sentences hold more, then to the opening sentence holding more itself, then to more matches (in
 * whole sentences, then in view), then to the earlier. When the passage ends
 * first, the room left goes to whole earlier sentences. An opening sentence longer than
 * `maxLength` is shown alone and whole when it is at most `maxLength` × {@link SENTENCE_STRETCH}
 * characters; a longer one gets its ~`maxLength` window holding the most (starting at the sentence
 * or a clause start when it can). The excerpt is cut at whitespace, with "…" on each cut side. A
 * passage of at most `maxLength` characters is returned whole (trimmed). The result is at most
 * `maxLength` × SENTENCE_STRETCH + 2 characters, and longer than `maxLength` + 2 only when it is
 * one whole sentence.
 */
export function makeExcerpt(text: string, match: ExcerptMatch, maxLength = EXCERPT_LENGTH): Excerpt {
  const lead = text.length - text.trimStart().length;
  const tail = text.trimEnd().length;
  const toks = tokens(text);
  const units: Unit[] = [];
  const weights = new Map<string, number>();
  const weightOf = (term: string): number => {
    let w = weights.get(term);
    if (w === undefined) {
      const raw = match.weight ? match.weight(term) : 1;
      // a term always counts for something
      w = Number.isFinite(raw) && raw > 0.01 ? raw : 0.01;
      weights.set(term, w);
    }
    return w;
  };
  // a Chinese or Japanese character searched alone is marked alone wherever a pair holds it ("发" in 发展)
  const lone = new Set([...match.terms].filter(isLoneCjk));
  const loneAt = new Set<number>();
  // a word's French or Spanish stem searched (languageTerm: "nationaux" for `nationales`), in a passage in that language
  const lang = [...match.terms].some(isLanguageTerm) ? textLanguage(text) : null;
  const keyOf = (term: string): string => `t:${match.sameAs?.get(term) ?? term}`;
  toks.forEach((t) => {
    if (match.terms.has(t.term)) {
      units.push({ start: t.start, end: t.end, key: keyOf(t.term), phrase: false, weight: weightOf(t.term) });
      return;
    }
    // a word's second term (Token.alt: `75` marks "75th")
    if (t.alt !== undefined && match.terms.has(t.alt)) {
      units.push({ start: t.start, end: t.end, key: keyOf(t.alt), phrase: false, weight: weightOf(t.alt) });
      return;
    }
    if (lang && !t.stop) {
      const own = languageTerm(lang, text.slice(t.start, t.end));
      if (own && match.terms.has(own)) {
        units.push({ start: t.start, end: t.end, key: keyOf(own), phrase: false, weight: weightOf(own) });
        return;
      }
    }
    if (lone.size === 0 || t.end - t.start < 2 || !isCjk(text.codePointAt(t.start)!)) return;
    for (let i = t.start; i < t.end;) {
      const w = text.codePointAt(i)! > 0xffff ? 2 : 1;
      const ch = fold(text.slice(i, i + w));
      if (lone.has(ch) && !loneAt.has(i)) {
        loneAt.add(i);
        units.push({ start: i, end: i + w, key: `t:${ch}`, phrase: false, weight: weightOf(t.term) });
      }
      i += w;
    }
  });
  // a hyphenated compound whose closed form was searched ("online" marks "on-line")
  for (const c of compoundTerms(text)) {
    if (match.terms.has(c.term)) units.push({ start: c.start, end: c.end, key: keyOf(c.term), phrase: false, weight: weightOf(c.term) });
  }
  // phrases with each hyphenated compound read as written or closed ("international cooperation" marks "international co-operation")
  const compounds = match.phrases?.length || match.forms?.length ? compoundSpans(text, toks) : null;
  (match.phrases ?? []).forEach((p, i) => {
    for (const [a, b] of findPhrase(toks, p, compounds))
      units.push({ start: toks[a]!.start, end: toks[b]!.end, key: `p:${i}`, phrase: true, weight: 0 });
  });
  (match.forms ?? []).forEach((p, i) => {
    // its weightiest indexed word: a stop word ("of" in "Plan of Action") is in no posting, so its idf is the largest
    const content = p.filter((t) => !STOP_WORDS.has(t));
    const weight = match.weight ? Math.max(...(content.length ? content : p).map(weightOf)) : 1;
    const spelled = match.spells?.[i];
    const key = spelled === undefined ? `f:${i}` : keyOf(spelled);
    for (const [a, b] of findPhrase(toks, p, compounds)) units.push({ start: toks[a]!.start, end: toks[b]!.end, key, phrase: false, weight });
  });
  dropPhraseOnly(units, match);
  units.sort((a, b) => a.start - b.start || b.end - a.end);
  // Passages are ~1,000 characters; on a pathological one, window choice looks at the first matches only.
  const scored = units.length > 500 ? units.slice(0, 500) : units;

  let start = lead;
  let end = tail;
  if (tail - lead > maxLength) {
    [start, end] = chooseWindow(text, scored, lead, tail, maxLength);
  }
  const prefix = start > lead ? ELLIPSIS : '';
  const suffix = end < tail ? ELLIPSIS : '';
  const marks: Mark[] = [];
  for (const u of units) {
    if (u.start < start || u.end > end) continue;
    const a = u.start - start + prefix.length;
    const b = u.end - start + prefix.length;
    const last = marks[marks.length - 1];
    if (last && a <= last[1]) marks[marks.length - 1] = [last[0], Math.max(last[1], b)];
    else marks.push([a, b]);
  }
  return { text: prefix + text.slice(start, end) + suffix, marks };
}

/** Removes the lone marks of `match.phraseOnly` terms whose every phrase the passage holds (those phrases are marked). */
function dropPhraseOnly(units: Unit[], match: ExcerptMatch): void {
  const only = match.phraseOnly;
  const phrases = match.phrases ?? [];
  if (!only?.size || phrases.length === 0) return;
  const held = new Set(units.filter((u) => u.phrase).map((u) => u.key));
  if (held.size === 0) return;
  const covered = (term: string): boolean => {
    const of = phrases.flatMap((p, i) => (p.some((t) => inAnyForm(t) === term) ? [`p:${i}`] : []));
    return of.length > 0 && of.every((k) => held.has(k));
  };
  for (let i = units.length - 1; i >= 0; i--) {
    const u = units[i]!;
    if (!u.phrase && u.key.startsWith('t:') && only.has(u.key.slice(2)) && covered(u.key.slice(2))) units.splice(i, 1);
  }
}

function chooseWindow(text: string, units: readonly Unit[], lead: number, tail: number, L: number): [number, number] {
  if (!units.length) return [lead, cutEnd(text, lead, Math.min(tail, lead + L), tail)];
  const starts = sentenceStarts(text, lead, tail);
  const S = Math.floor(L * SENTENCE_STRETCH);

  // the sentences, each with its matches (units are sorted by start: one pass hands each to its sentence)
  const sentences = starts.map((s, k) => ({ s, e: trimRight(text, s, starts[k + 1] ?? tail), units: [] as Unit[] }));
  let k = 0;
  for (const u of units) {
    while (k + 1 < sentences.length && u.start >= sentences[k + 1]!.s) k++;
    const sentence = sentences[k]!;
    sentence.units.push(u);
    sentence.e = Math.max(sentence.e, u.end);
  }

  // each sentence holding a match starts a block: it and the whole sentences after it that fit
  let best: { window: [number, number]; score: number[] } | undefined;
  for (let i = 0; i < sentences.length; i++) {
    const first = sentences[i]!;
    if (!first.units.length) continue;
    const t = tally(first.s);
    let opener: Tally;
    let whole: Tally;
    let window: [number, number];
    if (first.e - first.s > S) {
      // too long to show whole: the best region of it
      window = regionWindow(text, first.units, first.s, tail, L, t);
      opener = whole = t;
    } else {
      for (const u of first.units) count(t, u);
      opener = copy(t);
      let end = first.e;
      let j = i + 1;
      for (; j < sentences.length && sentences[j]!.e - first.s <= L; j++) {
        for (const u of sentences[j]!.units) count(t, u);
        end = sentences[j]!.e;
      }
      whole = copy(t);
      if (end - first.s > L) window = [first.s, end];
      else {
        // then as much of the next sentence as fits: the matches shown there count, and the cut keeps them
        const max = Math.min(tail, first.s + L);
        const shown = sentences[j]?.units.filter((u) => u.end <= max) ?? [];
        const cut = cutEnd(text, first.s, max, tail, Math.max(end, ...shown.map((u) => u.end)));
        for (const u of shown) if (u.end <= cut) count(t, u);
        window = [first.s, cut];
      }
    }
    // a word first seen in the cut sentence at the end counts for part of its weight (it is shown,
    // but out of its sentence); ties go to the block whose whole sentences hold more, then to the one
    // opening with more, then to more matches in whole sentences, then in view, then to the earlier
    const seen = whole.weight + CUT_SENTENCE_SHARE * (t.weight - whole.weight);
    const score = [whole.phrases, seen, whole.weight, opener.phrases, opener.weight, whole.n, t.n, -first.s];
    if (!best || better(score, best.score)) best = { window, score };
  }
  const end = best!.window[1];
  let start = best!.window[0];
  // Room left at the end (end of passage reached): give it to the left side, whole sentences only.
  if (end === tail && end - start < L && start > lead) {
    const earlier = starts.find((x) => x >= end - L && x < start);
    if (earlier !== undefined) start = earlier;
  }
  return [start, end];
}

/**
 * The ~L-character window of a sentence too long to show whole, holding the most of the query
 * (tallied into `t`): windows start at the sentence start `s`, at a clause start in it, or just
 * before a match, and are ranked by whole phrases, then weighted distinct terms, then whether they
 * start at the sentence or a clause, then how tightly the matches sit after that start, then
 * number of matches, then position.
 */
function regionWindow(text: string, inside: readonly Unit[], s: number, tail: number, L: number, t: Tally): [number, number] {
  const candidates = new Map<number, boolean>([[s, true]]);
  const reach = inside[inside.length - 1]!.start;
  const clause = /[;:]\s+|\s*[—–]\s*|,\s+(?=(?:and|but|while|whereas|which|who|where|because|although|though|despite)\b)/gu;
  clause.lastIndex = s;
  for (let m = clause.exec(text); m && m.index < reach; m = clause.exec(text)) candidates.set(m.index + m[0].length, true);
  for (const u of inside) {
    for (const c of [wordStart(text, Math.max(s, u.start - 40), u.start), u.start]) {
      if (!candidates.has(c)) candidates.set(c, false);
    }
  }
  let best: { start: number; t: Tally; score: number[] } | undefined;
  for (const [c, atClause] of candidates) {
    const here = tally(c);
    for (const u of inside) if (u.start >= c && u.end <= c + L) count(here, u);
    if (here.n === 0) continue;
    const score = [here.phrases, here.weight, atClause ? 1 : 0, atClause ? c - here.keep : 0, here.n, -c];
    if (!best || better(score, best.score)) best = { start: c, t: here, score };
  }
  const start = best?.start ?? s;
  if (best) Object.assign(t, best.t);
  return [start, cutEnd(text, start, Math.min(tail, start + L), tail, best?.t.keep ?? start)];
}

/** Offsets where sentences (or blank-line paragraphs) start, in order, `lead` first. */
function sentenceStarts(text: string, lead: number, tail: number): number[] {
  const out = [lead];
  const re = /(?:[.!?]["'”’)\]]?\s+|\n\s*\n\s*)(?=[\p{Lu}\p{N}"“‘(])/gu;
  re.lastIndex = lead;
  for (let m = re.exec(text); m && m.index < tail; m = re.exec(text)) {
    const at = m.index + m[0].length;
    // a period after "Mr", "No", "U.N" or an initial does not end the sentence (src/ingest/sentences.ts)
    if (m[0][0] === '.' && !endsSentence(text.slice(Math.max(lead, m.index - 63), m.index + m[0].trimEnd().length))) continue;
    if (at < tail && at > out[out.length - 1]!) out.push(at);
  }
  return out;
}

function better(a: readonly number[], b: readonly number[]): boolean {
  for (let k = 0; k < a.length; k++) if (a[k]! !== b[k]!) return a[k]! > b[k]!;
  return false;
}

function skipSpace(text: string, k: number): number {
  while (k < text.length && /\s/.test(text[k]!)) k++;
  return k;
}

/** The first word start at or after `at` (never past `limit`), so a window never starts mid-word. */
function wordStart(text: string, at: number, limit: number): number {
  let k = at;
  if (k > 0 && !/\s/.test(text[k - 1]!)) {
    while (k < limit && !/\s/.test(text[k - 1]!)) k++;
  }
  k = skipSpace(text, k);
  return Math.min(k, limit);
}

/**
 * End of the window: the last whitespace at or before `max`, preferring a sentence end in the last
 * quarter; never before `keep` (the end of the matches). Falls back to a token edge, then to a code
 * point boundary, when the text has no spaces (long URLs, scripts written without spaces).
 */
function cutEnd(text: string, start: number, max: number, tail: number, keep = start): number {
  if (max >= tail) return tail;
  const floor = Math.max(keep, start + 1);
  const quarter = Math.max(floor, start + Math.floor(((max - start) * 3) / 4));
  for (let k = max; k > quarter; k--) {
    if (/\s/.test(text[k] ?? ' ') && /[.!?;]["”’)]?$/.test(text.slice(k - 2, k))) return trimRight(text, start, k);
  }
  for (let k = max; k >= floor; k--) {
    if (/\s/.test(text[k]!)) {
      const e = trimRight(text, start, k);
      if (e >= floor) return e;
    }
  }
  // No whitespace: cut between a word character and a non-word character, else anywhere safe.
  for (let k = max; k > floor; k--) {
    const wa = /[\p{L}\p{N}\p{M}]/u.test(text[k - 1]!);
    const wb = /[\p{L}\p{N}\p{M}]/u.test(text[k]!);
    if (wa !== wb) return k;
  }
  let k = max;
  if (/[\uDC00-\uDFFF]/.test(text[k] ?? '')) k--;
  return Math.max(k, start + 1);
}

function trimRight(text: string, start: number, k: number): number {
  while (k > start && /\s/.test(text[k - 1]!)) k--;
  return k;
}

/**
 * Render an excerpt with its marks: `open` + marked text + `close`, with `escape` applied to every
 * piece of text (marked or not) but not to `open`/`close` — e.g. Discord bold with markdown
 * escaping, or ANSI bold in a terminal.
 */
export function highlight(excerpt: Excerpt, open: string, close: string, escape: (s: string) => string = (s) => s): string {
  let out = '';
  let at = 0;
  for (const [a, b] of excerpt.marks) {
    if (a < at || b <= a || b > excerpt.text.length) continue;
    out += escape(excerpt.text.slice(at, a)) + open + escape(excerpt.text.slice(a, b)) + close;
    at = b;
  }
  return out + escape(excerpt.text.slice(at));
}
