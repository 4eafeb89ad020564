/**
 * Spaces pdf.js writes inside words, taken out again with the document's own words as evidence.
 *
 * pdf.js joins a run of glyphs into one text item and writes a space wherever the gap between two
 * glyphs is wider than a tenth of the type size, whether the PDF drew a space there or not.
 * Justified text set with letter spacing, kerned headings and hyphens placed as runs of their own
 * open such gaps ("coordinatio n", "Ame ricas", "P euple-Un", "evidence -based"), and the item
 * keeps no glyph positions to tell them from the word spaces. So the words decide:
 * - two fragments are one word when the document spells that word whole elsewhere and the
 *   fragments are not words of their own in it ({@link splitWordMender});
 * - a space before a compound's hyphen goes when the document writes either part of the compound
 *   into other compounds ("evidence -based" beside "community-based").
 * The words decide whatever made the space: A/81/6 (Sect. 24) draws a space glyph inside its
 * title's "program me", a word it spells "programme" everywhere else. Spaces between items are
 * the layout's, put back from the gaps (layout.ts).
 */
import { isEnglishWord, readsEnglish } from './english.ts';

/** A whitespace token's core: lower case, without the punctuation around it. */
const core = (token: string) => token.replace(/^[^\p{L}\p{M}\p{N}]+|[^\p{L}\p{M}\p{N}]+$/gu, '').toLowerCase();

/**
 * The letters before a space ("Ame" of "(Ame"; not "up" of "follow-up": a compound's last part is
 * a word), and after it ("ricas" of "ricas,", "euple" of "euple-Un"; not "s" of "s’éduquer": an
 * elided word is a word).
 */
const END = /(?:^|[^\p{L}\p{M}\p{N}-])([\p{L}\p{M}]+)$/u;
const START = /^(\p{Ll}[\p{L}\p{M}]*)(?:[^\p{L}\p{M}\p{N}'’ʼ]|$)/u;
const COMPOUND = /[\p{L}\p{M}]+(?:-[\p{L}\p{M}]+)+/gu;
/** "evidence -based": a word, a space, then a hyphen glued to the next word. */
const SPACED_HYPHEN = /([\p{L}\p{M}]+) -(?=([\p{L}\p{M}]+)(-[\p{L}\p{M}])?)/gu;

/** Words (tokens) from which a document is long enough for all its common two-letter words to occur. */
const LONG_DOCUMENT = 10_000;

/** What the whole document says about its words. */
interface Evidence {
  /** Tokens in the document. */
  size: number;
  /** Occurrences of each token core. */
  counts: Map<string, number>;
  /** Cores that stand at least once other than as a fragment of a possible split ({@link candidate}). */
  words: Set<string>;
  /** First parts and later parts of the document's hyphenated compounds. */
  heads: Set<string>;
  tails: Set<string>;
  /** The document is English ({@link readsEnglish}): the English lexicon may decide a split. */
  english: boolean;
  /** Occurrences of each token core right after a lone capital letter ("ew" of "N ew"). */
  afterCapital: Map<string, number>;
}

/** A token that is one capital letter, after any opening punctuation ("N", "«N"). */
const LONE_CAPITAL = /(?:^|[^\p{L}\p{M}\p{N}])(\p{Lu})$/u;

/** The letter fragments on either side of the space between two tokens; the second starts in lower case. */
function fragments(a: string, b: string): [string, string] | undefined {
  const head = END.exec(a)?.[1];
  const tail = START.exec(b)?.[1];
  return head && tail ? [head.toLowerCase(), tail.toLowerCase()] : undefined;
}

/** The word two adjacent tokens may be the fragments of, when the document spells it whole. */
function candidate(a: string, b: string, counts: ReadonlyMap<string, number>): string | undefined {
  const f = fragments(a, b);
  return f && counts.has(f[0] + f[1]) ? f[0] + f[1] : undefined;
}

function evidenceOf(texts: readonly string[]): Evidence {
  const counts = new Map<string, number>();
  const heads = new Set<string>();
  const tails = new Set<string>();
  const tokenized = texts.map((t) => t.split(/\s+/).filter(Boolean));
  for (const tokens of tokenized) {
    for (const t of tokens) {
      const c = core(t);
      if (c) counts.set(c, (counts.get(c) ?? 0) + 1);
    }
  }
  for (const text of texts) {
    for (const m of text.toLowerCase().matchAll(COMPOUND)) {
      const [first, ...rest] = m[0].split('-');
      heads.add(first!);
      for (const r of rest) tails.add(r);
    }
  }
  // A word of the document stands somewhere that is not a fragment of a possible split.
  const words = new Set<string>();
  for (const tokens of tokenized) {
    tokens.forEach((t, i) => {
      const before = i > 0 && candidate(tokens[i - 1]!, t, counts);
      const after = i + 1 < tokens.length && candidate(t, tokens[i + 1]!, counts);
      if (!before && !after) words.add(core(t));
    });
  }
  const afterCapital = new Map<string, number>();
  for (const tokens of tokenized) {
    tokens.forEach((t, i) => {
      if (i > 0 && LONE_CAPITAL.test(tokens[i - 1]!) && core(tokens[i - 1]!).length === 1)
        afterCapital.set(core(t), (afterCapital.get(core(t)) ?? 0) + 1);
    });
  }
  const english = readsEnglish(tokenized.flatMap((tokens) => tokens.map(core)));
  return { size: tokenized.reduce((n, t) => n + t.length, 0), counts, words, heads, tails, afterCapital, english };
}

/**
 * Whether the space between `a` and `b` is a gap inside one word: the document spells the joined
 * word elsewhere and neither fragment is a word of the document ("Ame ricas", "coordinatio n"); or
 * one fragment is a word but the other is a letter never standing alone and the joined word occurs
 * at least twice ("system s"). Two letters count as never standing alone only in a document long
 * enough for its short words to have stood somewhere ("a nd", "th e"; but "up on" in a page that
 * says "up" once and "upon" twice).
 */
function isSplitWord(a: string, b: string, e: Evidence): boolean {
  const whole = candidate(a, b, e.counts);
  if (!whole) return false;
  const [ca, cb] = fragments(a, b)!;
  const [wa, wb] = [e.words.has(ca), e.words.has(cb)];
  if (!wa && !wb) return true;
  const stray = (c: string, word: boolean) => !word && (c.length === 1 || (c.length === 2 && e.size >= LONG_DOCUMENT));
  // in English text, a fragment that is no word of the document nor of English, beside one that is
  // ("as sistance", "crim e", "c ooperation": "c" marks a list item elsewhere)
  const noWord = (c: string, word: boolean) => e.english && !word && !isEnglishWord(c);
  return (e.counts.get(whole) ?? 0) >= 2 && (stray(ca, wa) || stray(cb, wb) || noWord(ca, wa) || noWord(cb, wb));
}

/**
 * Whether "head -tail" is a compound with a space before its hyphen: the document uses `head` to
 * open, or `tail` to close, another compound, or the tail goes on as a compound ("lower
 * -than-projected"). A dash opening an aside ("esperanza -dijo-, …") has no such evidence.
 */
function isSpacedCompound(head: string, tail: string, more: string | undefined, e: Evidence): boolean {
  // a short or function word is part of too many compounds to say anything ("in" of "built-in",
  // "the" of "state-of-the-art"): "the Council -in particular its members-" keeps its dash
  const telling = (w: string): boolean => w.length >= 3 && !FUNCTION_WORDS.has(w);
  const h = head.toLowerCase();
  const t = tail.toLowerCase();
  return (telling(h) && e.heads.has(h)) || (telling(t) && e.tails.has(t)) || more !== undefined;
}

/** English, French and Spanish function words of three letters or more that compounds are made with. */
const FUNCTION_WORDS = new Set([
  'the',
  'and',
  'for',
  'with',
  'out',
  'off',
  'over',
  'under',
  'from',
  'into',
  'les',
  'des',
  'par',
  'pour',
  'los',
  'las',
  'del',
  'con',
  'por',
  'para',
]);

/** Latin capitals that are words on their own in the languages of UN documents (English "A", "I"; Spanish "Y", "O"; French "À"; "E", "U"). */
const ONE_LETTER_WORDS = new Set(['A', 'I', 'O', 'Y', 'E', 'U', 'À', 'Á', 'É', 'Ó']);

/**
 * Whether `a` is a capital letter set apart from the rest of its word, as a heading's initial
 * often is ("N ew York", "N e laisser personne"): a Latin capital that is no word alone (Russian's
 * "В", "И", "С" are), followed by
 * lower-case letters the document never writes but after such a capital. "T cells" and "A new" stay apart.
 */
function isDetachedCapital(a: string, b: string, e: Evidence): boolean {
  const letter = LONE_CAPITAL.exec(a)?.[1];
  if (!letter || !/\p{Script=Latin}/u.test(letter) || ONE_LETTER_WORDS.has(letter) || core(a).length !== 1) return false;
  const rest = START.exec(b)?.[1]?.toLowerCase();
  // a drop capital parts a short word ("N ew", "T he"); "vitamin D deficiency" is two words
  if (rest === undefined || rest.length > 3) return false;
  // the rest never stands in the document but after such a capital
  return rest !== undefined && core(b) === rest && (e.counts.get(rest) ?? 0) <= (e.afterCapital.get(rest) ?? 0);
}

/** One text item's text with its split words and spaced compounds mended. */
function mendText(text: string, e: Evidence): string {
  const parts = text.split(/(\s+)/);
  let out = parts[0] ?? '';
  let last = out;
  for (let i = 1; i + 1 < parts.length; i += 2) {
    const space = parts[i]!;
    const next = parts[i + 1]!;
    if (space === ' ' && (isSplitWord(last, next, e) || isDetachedCapital(last, next, e))) {
      out += next;
      last += next;
    } else {
      out += space + next;
      last = next;
    }
  }
  return out.replace(SPACED_HYPHEN, (m, head: string, tail: string, more: string | undefined) =>
    isSpacedCompound(head, tail, more, e) ? `${head}-` : m,
  );
}

/**
 * Builds the mender of one document from the texts of all its items: a function from an item's
 * text to that text with the spaces pdf.js put inside words taken out (see the module comment).
 */
export function splitWordMender(texts: readonly string[]): (text: string) => string {
  const e = evidenceOf(texts);
  return (text) => (text.includes(' ') ? mendText(text, e) : text);
}
