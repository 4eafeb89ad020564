/**
 * Excerpts: the ~300 characters of a passage around its best-matching region, cut at word
 * boundaries, with the matched words marked. Marks come from the analyzer's tokens, so what is
 * marked is exactly what the index matched (a search for "cultivated" marks "cultivation").
 */
import { tokens, type Token } from '../index/analyzer.ts';
import type { Excerpt, Mark } from '../types.ts';

export interface ExcerptMatch {
  /** Analyzer terms to mark (the query's terms, plus any typo-tolerant terms the index matched). */
  terms: ReadonlySet<string>;
  /** Phrases (analyzer terms in order, stop words included); each occurrence is marked as one span. */
  phrases?: readonly (readonly string[])[];
}

const ELLIPSIS = '…';

/** Start/end token indexes (inclusive) of every occurrence of `phrase` in `toks`. */
export function findPhrase(toks: readonly Token[], phrase: readonly string[]): Array<[first: number, last: number]> {
  const out: Array<[number, number]> = [];
  if (!phrase.length) return out;
  outer: for (let i = 0; i + phrase.length <= toks.length; i++) {
    for (let k = 0; k < phrase.length; k++) if (toks[i + k]!.term !== phrase[k]) continue outer;
    out.push([i, i + phrase.length - 1]);
  }
  return out;
}

interface Unit {
  start: number;
  end: number;
  /** What it counts as: `t:<term>` or `p:<phrase index>`. */
  key: string;
}

/**
 * Choose the best ~`maxLength`-character window of `text` and mark the matches in it. Windows are
 * ranked by whole phrase matches, then distinct matched terms, then whether they start at a
 * sentence start, then how tightly the matches sit after the start (so the matched sentence is
 * shown whole when it fits), then number of matches, then position (earlier wins). The window is
 * cut at whitespace, with "…" on each cut side. A passage of at most `maxLength` characters is
 * returned whole (trimmed). The result is at most `maxLength` + 2 characters.
 */
export function makeExcerpt(text: string, match: ExcerptMatch, maxLength = 300): Excerpt {
  const lead = text.length - text.trimStart().length;
  const tail = text.trimEnd().length;
  const toks = tokens(text);
  const units: Unit[] = [];
  toks.forEach((t) => {
    if (match.terms.has(t.term)) units.push({ start: t.start, end: t.end, key: `t:${t.term}` });
  });
  (match.phrases ?? []).forEach((p, i) => {
    for (const [a, b] of findPhrase(toks, p)) units.push({ start: toks[a]!.start, end: toks[b]!.end, key: `p:${i}` });
  });
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

function chooseWindow(text: string, units: readonly Unit[], lead: number, tail: number, L: number): [number, number] {
  const sentences = sentenceStarts(text, lead, tail);
  const candidates = new Map<number, boolean>();
  const reach = units.length ? units[units.length - 1]!.start : lead;
  for (const c of sentences) if (c <= reach) candidates.set(c, true);
  for (const u of units) {
    for (const c of [wordStart(text, Math.max(lead, u.start - 40), u.start), u.start]) {
      if (!candidates.has(c)) candidates.set(c, false);
    }
  }
  let best: { start: number; keep: number; score: number[] } | undefined;
  for (const [c, atSentence] of candidates) {
    const keys = new Set<string>();
    let phrases = 0;
    let terms = 0;
    let n = 0;
    let keep = c;
    for (const u of units) {
      if (u.start < c || u.end > c + L) continue;
      n++;
      keep = Math.max(keep, u.end);
      if (keys.has(u.key)) continue;
      keys.add(u.key);
      if (u.key.startsWith('p:')) phrases++;
      else terms++;
    }
    if (n === 0) continue;
    const score = [phrases, terms, atSentence ? 1 : 0, atSentence ? c - keep : 0, n, -c];
    if (!best || better(score, best.score)) best = { start: c, keep, score };
  }
  if (!best) return [lead, cutEnd(text, lead, Math.min(tail, lead + L), tail)];

  let start = best.start;
  const end = cutEnd(text, start, Math.min(tail, start + L), tail, best.keep);
  // Room left at the end (end of passage reached): give it to the left side, from a sentence
  // start when one fits, and never trading a sentence start for a mid-sentence one.
  if (end === tail && end - start < L && start > lead) {
    const min = Math.max(lead, end - L);
    const earlier = sentences.find((x) => x >= min && x < start);
    if (earlier !== undefined) start = earlier;
    else if (!sentences.includes(start)) start = wordStart(text, min, start);
  }
  return [start, end];
}

/** Offsets where sentences (or blank-line paragraphs) start, in order, `lead` first. */
function sentenceStarts(text: string, lead: number, tail: number): number[] {
  const out = [lead];
  const re = /(?:[.!?]["'”’)\]]?\s+|\n\s*\n\s*)(?=[\p{Lu}\p{N}"“‘(])/gu;
  re.lastIndex = lead;
  for (let m = re.exec(text); m && m.index < tail; m = re.exec(text)) {
    const at = m.index + m[0].length;
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
    const wa = /[\p{L}\p{N}]/u.test(text[k - 1]!);
    const wb = /[\p{L}\p{N}]/u.test(text[k]!);
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
