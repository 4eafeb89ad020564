/**
 * Exact phrase checks over many passages, as counting needs them (a trend for a quoted phrase
 * checks every candidate, not only the best few as search does). Same answer as matching the
 * phrase's terms against `tokens(text)` consecutively, stop words included, but faster: words are
 * found by a character scan that splits exactly as the analyzer's WORD pattern does, and only the
 * words that could be one of the phrase's terms are analysed (those that begin as the analyzer's
 * `termHeads` says; numbers and words with an apostrophe in second place are always analysed).
 */
import {
  agrees,
  analyzeWord,
  compoundSpansAt,
  emitWord,
  compoundTerms,
  exactsOf,
  isArabicScript,
  isCjk,
  mayElide,
  phraseMatches,
  phraseTerms,
  termHeads,
  wordHead,
  writtenOtherwise,
  type CompoundSpan,
  type WordSpanFn,
} from '../index/analyzer.ts';

const LETTER = /\p{L}/u;
const NUMBER = /\p{N}/u;
const MARK = /\p{M}/u;

/** Inside a word, after its first letter or digit: a combining mark (an Arabic vowel sign, a decomposed accent) or a soft hyphen. */
function isInside(cp: number): boolean {
  if (cp < 128) return false;
  return cp === 0xad || MARK.test(String.fromCodePoint(cp));
}

function isLetter(cp: number): boolean {
  if (cp < 128) return (cp >= 0x61 && cp <= 0x7a) || (cp >= 0x41 && cp <= 0x5a);
  // the halfwidth kana voicing marks are no letters of a word (the analyzer's LETTER)
  return cp !== 0xff9e && cp !== 0xff9f && LETTER.test(String.fromCodePoint(cp));
}

function isDigit(cp: number): boolean {
  if (cp < 128) return cp >= 0x30 && cp <= 0x39;
  return NUMBER.test(String.fromCodePoint(cp));
}

/** The hyphens a compound is written with (the analyzer's COMPOUND). */
const isHyphen = (c: number): boolean => c === 0x2d || c === 0x2010 || c === 0x2011;
const isApostrophe = (cp: number): boolean => cp === 0x27 || cp === 0x2019 || cp === 0x2bc;
const width = (cp: number): number => (cp > 0xffff ? 2 : 1);
const lower = (c: number): number => (c >= 0x41 && c <= 0x5a ? c + 32 : c);

/**
 * Calls `fn(start, end, as)` for each word of `text`, exactly the analyzer's words (`forEachWordSpan`):
 * numbers; a Chinese or Japanese run as its overlapping bigrams; "℃" and "℉"; letters and digits with the marks
 * and soft hyphens inside them, and apostrophes before letters; each read on by the analyzer's
 * `emitWord` (ordinals, "per cent", signs after a number standing for a word).
 */
export function forEachWord(text: string, fn: WordSpanFn, bound: { end: number } = { end: text.length }): void {
  const n = text.length;
  let i = 0;
  // `fn` may end the scan early by setting `bound.end` (to 0)
  while (i < bound.end) {
    const cp = text.codePointAt(i)!;
    if (isDigit(cp)) {
      const start = i;
      i += width(cp);
      while (i < n && isDigit(text.codePointAt(i)!)) i += width(text.codePointAt(i)!);
      for (;;) {
        const sep = text.charCodeAt(i);
        if ((sep === 0x2e || sep === 0x2c) && i + 1 < n && isDigit(text.codePointAt(i + 1)!)) {
          i += 1;
          while (i < n && isDigit(text.codePointAt(i)!)) i += width(text.codePointAt(i)!);
        } else break;
      }
      i = emitWord(text, start, i, fn);
    } else if (isCjk(cp)) {
      // a run of Chinese or Japanese characters: its overlapping bigrams (one character alone)
      let a = i;
      let b = i + width(cp);
      let c = b < n ? text.codePointAt(b) : undefined;
      if (c === undefined || !isCjk(c)) fn(a, b);
      while (c !== undefined && isCjk(c)) {
        const e = b + width(c);
        fn(a, e);
        a = b;
        b = e;
        c = b < n ? text.codePointAt(b) : undefined;
      }
      i = b;
    } else if (isLetter(cp)) {
      const start = i;
      i += width(cp);
      const end = text.charCodeAt(i) === 0x2e && !afterWordOrDot(text, start) ? initialismEnd(text, i) : i;
      if (end > i) {
        fn(start, end);
        i = end;
        continue;
      }
      for (let c = text.codePointAt(i); i < n && c !== undefined && (isLetter(c) || isDigit(c) || isInside(c)) && !isCjk(c); c = text.codePointAt(i))
        i += width(c);
      for (;;) {
        const c = text.codePointAt(i);
        const next = i + 1 < n ? text.codePointAt(i + 1) : undefined;
        if (c !== undefined && isApostrophe(c) && next !== undefined && isLetter(next) && !isCjk(next)) {
          i += 1;
          for (let d = text.codePointAt(i); i < n && d !== undefined && (isLetter(d) || isInside(d)) && !isCjk(d); d = text.codePointAt(i))
            i += width(d);
        } else break;
      }
      i = emitWord(text, start, i, fn);
    } else if (cp === 0x2103 || cp === 0x2109) {
      // "℃" or "℉" with no number before it: a word of its own
      i = emitWord(text, i, i + 1, fn);
    } else {
      i += width(cp);
    }
  }
}

/** Whether the character before `start` is a letter, a digit or a dot: no initialism starts there ("2.a.i."). */
function afterWordOrDot(text: string, start: number): boolean {
  if (start === 0) return false;
  let cp = text.charCodeAt(start - 1);
  if (cp >= 0xdc00 && cp <= 0xdfff && start >= 2) cp = text.codePointAt(start - 2)!;
  return cp === 0x2e || isLetter(cp) || isDigit(cp);
}

/**
 * Where an initialism ends ("U.S.", "U.S.S.R.'s": single letters each followed by a dot, the
 * analyzer's INITIALISM), its first letter ending at `i`; `i` when none starts there.
 */
function initialismEnd(text: string, i: number): number {
  const n = text.length;
  let j = i;
  while (text.charCodeAt(j) === 0x2e && j + 1 < n) {
    const c = text.codePointAt(j + 1)!;
    if (!isLetter(c) || isCjk(c)) break;
    const k = j + 1 + width(c);
    const after = k < n ? text.codePointAt(k)! : undefined;
    if (after !== undefined && (isLetter(after) || isDigit(after) || isInside(after))) break;
    j = k;
  }
  if (j === i) return i;
  if (text.charCodeAt(j) === 0x2e) j++;
  const s = text.charCodeAt(j + 1);
  if (j + 1 < n && isApostrophe(text.charCodeAt(j)) && (s === 0x73 || s === 0x53)) {
    const after = text.codePointAt(j + 2);
    if (after === undefined || !(isLetter(after) || isDigit(after))) j += 2;
  }
  return j;
}

/** A function telling whether a passage's text holds every phrase of `required` and none of `excluded`. */
export function phrasesCheck(required: readonly (readonly string[])[], excluded: readonly (readonly string[])[]): (text: string) => boolean {
  const holdsAll = phraseChecker(required);
  const none = excluded.map((p) => phraseChecker([p]));
  return (text) => holdsAll(text) && !none.some((x) => x(text));
}

/**
 * Characters a word's Latin letters may be written with, which the analyzer folds (accents, combining
 * marks, Greek letters spelled out, ligatures, full-width letters, letter-like symbols, the soft
 * hyphen): a text holding one is always scanned, never judged by {@link formTest}.
 */
const MAY_FOLD = /[\u00AD\u00C0-\u024F\u0370-\u03FF\u1E00-\u1EFF\u2100-\u214F\uFB00-\uFB06\uFF00-\uFFEF]|\p{M}/u;

/**
 * A test every text holding a word of exact form `form` (the analyzer's Token.exact) passes, in
 * either number ({@link sameForm}), either spelling (the rules' is / iz, lys / lyz, our / or) and
 * hyphenated or closed: the letters its forms share, each pair perhaps split by a hyphen. Far
 * cheaper than scanning the text's words: a quoted word in a rare form of a common stem
 * (`"nationally"`, 427 of the 150,000 passages holding "nation") is settled without the scan.
 * Null for a form too short to tell much.
 */
function formTest(form: string): RegExp | null {
  const shared = form.endsWith('ies')
    ? form.slice(0, -3)
    : form.endsWith('es')
      ? form.slice(0, -2)
      : form.endsWith('s') || form.endsWith('y')
        ? form.slice(0, -1)
        : form;
  if (shared.length < 4) return null;
  const units: string[] = [];
  for (let i = 0; i < shared.length;) {
    if (shared.startsWith('iz', i)) {
      units.push('i', '[sz]');
      i += 2;
    } else if (shared.startsWith('lys', i)) {
      units.push('l', 'y', '[sz]');
      i += 3;
    } else if (shared.startsWith('or', i)) {
      units.push('o', 'u?', 'r');
      i += 2;
    } else units.push(shared[i++]!);
  }
  // a hyphen (perhaps spaced by a line break) or an initialism's dot between two letters ("U.S.S.R." is USSR)
  return new RegExp(units.join('(?:[-\u2010-\u2015\u2212] ?|\\.)?'), 'i');
}

/** The cheap test of a phrase: of its longest word in the form typed ({@link formTest}), or null. */
function formTestOf(p: readonly string[]): RegExp | null {
  const { words, forms } = exactsOf(p);
  // not a word a text may write as a sign or in digits ("percent" as "%", "twentieth" as "20th")
  const held = (forms ?? []).filter((f, k): f is string => f !== undefined && !writtenOtherwise(words[k]!)).sort((a, b) => b.length - a.length);
  return held.length ? formTest(held[0]!) : null;
}

/** A function telling whether a text holds every one of `phrases` (each a list of analyzer terms). */
export function phraseChecker(phrases: readonly (readonly string[])[]): (text: string) => boolean {
  const wanted = phrases.filter((p) => p.length > 0);
  // per phrase, a cheap test of its longest word in the form typed (formTest)
  const tests: RegExp[] = [];
  for (const p of wanted) {
    const test = formTestOf(p);
    if (test) tests.push(test);
  }
  const asciiHeads = new Set<number>();
  const heads = new Set<string>();
  const addHead = (h: string): void => {
    heads.add(h);
    const c0 = h.charCodeAt(0);
    const c1 = h.length > 1 ? h.charCodeAt(1) : 0;
    if (c0 < 128 && c1 < 128) asciiHeads.add(c0 * 128 + c1);
  };
  for (const p of wanted) {
    for (const t of phraseTerms(p)) for (const h of termHeads(t)) addHead(h);
  }
  const seq: (string | null)[] = [];
  // each of seq's words' exact form (Token.exact), which a phrase word carrying one must match
  const exacts: (string | undefined)[] = [];
  // where each of seq's words starts in the text
  const starts: number[] = [];
  let text = '';
  // whether a hyphen follows a word that could open a compound whose closed term is a phrase's (its
  // head one of `heads`; one letter, or not plain ASCII, read as could): else no closed reading is needed
  let mayCompound = false;
  // phrases of plain terms (no compound slot) are seen to hold as the scan goes, which ends once
  // every one has: a passage that holds them is seldom read to its end
  const plain = wanted.every((p) => phraseTerms(p).length === p.length);
  const found = new Uint8Array(wanted.length);
  let left = 0;
  const bound = { end: 0 };
  // each phrase's words' terms and exact forms (analyzer exactsOf)
  const split = wanted.map(exactsOf);
  const push = (term: string, s: number, exact: string | undefined): void => {
    seq.push(term);
    exacts.push(exact);
    starts.push(s);
    if (left === 0) return;
    const L = seq.length;
    for (let j = 0; j < wanted.length; j++) {
      const { words: p, forms } = split[j]!;
      const n = p.length;
      if (found[j] || L < n || p[n - 1] !== term || (forms && !agrees(forms[n - 1], exact))) continue;
      let k = 0;
      while (k < n - 1 && seq[L - n + k] === p[k] && (!forms || agrees(forms[k], exacts[L - n + k]))) k++;
      if (k < n - 1) continue;
      found[j] = 1;
      if (--left === 0) bound.end = 0;
    }
  };
  const visit = (s: number, e: number, as?: string): void => {
    if (as !== undefined) {
      // a sign standing for a word ("%" for percent)
      push(analyzeWord(as)!.term, s, undefined);
      return;
    }
    const c0 = text.charCodeAt(s);
    const c1 = e - s > 1 ? text.charCodeAt(s + 1) : 0;
    let analyse: boolean;
    if ((c0 >= 0x30 && c0 <= 0x39) || mayElide(text, s, e)) analyse = true;
    else if (c0 < 128 && c1 < 128) analyse = asciiHeads.has(lower(c0) * 128 + lower(c1));
    else {
      const head = wordHead(text.slice(s, e));
      analyse = isArabicScript(head.charCodeAt(0)) || heads.has(head);
    }
    if (!mayCompound && isHyphen(text.charCodeAt(e)) && (analyse || e - s < 2 || c0 >= 128 || c1 >= 128)) mayCompound = true;
    if (!analyse) {
      seq.push(null);
      exacts.push(undefined);
      starts.push(s);
      return;
    }
    const a = analyzeWord(text.slice(s, e));
    if (a) push(a.term, s, a.exact);
  };
  const wantedTerms = new Set(wanted.flatMap(phraseTerms));
  let closed: Map<number, CompoundSpan> | null | undefined;
  return (t: string): boolean => {
    if (wanted.length === 0) return true;
    // a text failing the cheap test holds no phrase word's form unless it holds letters the analyzer folds
    for (const x of tests) if (!x.test(t) && !MAY_FOLD.test(t)) return false;
    seq.length = 0;
    exacts.length = 0;
    starts.length = 0;
    text = t;
    mayCompound = false;
    found.fill(0);
    left = plain ? wanted.length : 0;
    bound.end = t.length;
    forEachWord(t, visit, bound);
    if (plain && left === 0) return true;
    // a phrase written closed also holds across a hyphenated compound ("international cooperation"
    // in "international co-operation"), as search reads it (phraseMatches): checked on the tokens, only when needed
    closed = undefined;
    return wanted.every((p) => {
      if (phraseMatches(seq, null, p, true, exacts).length > 0) return true;
      if (closed === undefined) closed = mayCompound ? namedCompounds(t, wantedTerms, starts) : null;
      return closed !== null && phraseMatches(seq, closed, p, true, exacts).length > 0;
    });
  };
}

/**
 * Where a text's hyphenated compounds open among its words (their `starts`; see compoundSpansAt),
 * or null without a compound whose closed term is one of `named`.
 */
function namedCompounds(text: string, named: ReadonlySet<string>, starts: readonly number[]): Map<number, CompoundSpan> | null {
  const compounds = compoundTerms(text);
  if (!compounds.some((c) => named.has(c.term))) return null;
  return compoundSpansAt(starts.length, (i) => starts[i]!, compounds);
}
