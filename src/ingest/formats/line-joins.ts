import { isEnglishWord, readsEnglish } from './english.ts';

/**
 * First parts of compounds whose hyphen is real even at a line end ("self-\ndetermination"):
 * prefixes that keep their hyphen, and words that commonly open a hyphenated compound.
 */
// prettier-ignore
const COMPOUND_HEADS = new Set([
  'self', 'non', 'co', 'anti', 'multi', 'inter', 'socio', 'pre', 'post', 'well', 'ex', 'semi', 'counter', 'cross',
  'mid', 'vice', 'quasi', 'long', 'short', 'medium', 'high', 'low', 'small', 'large', 'full', 'half', 'ill', 'all',
  'health', 'peace', 'state', 'low', 'middle', 'upper', 'lower', 'decision', 'policy', 'law', 'follow', 'life',
]);

/** Russian particles always joined to their pronoun by a hyphen (кого-либо, что-нибудь, кто-то). */
const RUSSIAN_PARTICLES = new Set(['либо', 'нибудь', 'то', 'таки']);

const WORD = /[\p{L}\p{M}]+(?:-[\p{L}\p{M}]+)*/gu;

/** A document's words as evidence for its line-end hyphens ({@link joinHyphenated}). */
export interface Vocabulary {
  /** Lower-cased words, hyphenated compounds whole. */
  words: ReadonlySet<string>;
  /** The text is English (its English function words outnumber French, Spanish and Russian ones): the English lexicon applies. */
  english: boolean;
}

/** The words of a text ({@link Vocabulary}). */
export function vocabulary(text: string): Vocabulary {
  const all = text.toLowerCase().match(WORD) ?? [];
  return { words: new Set(all), english: readsEnglish(all) };
}

/**
 * Whether the parts around a line-end hyphen make an English compound rather than a word cut in
 * two: both are English words and joined they make none ("disaster-\nrisk", "people-\ncentred",
 * "twenty-\nfive"; not "fami-\nliar", nor "under-\ntook", as "undertook" is a word).
 */
function englishCompound(before: string, after: string): boolean {
  return isEnglishWord(before) && isEnglishWord(after) && !isEnglishWord(before + after);
}

/**
 * Decides whether a hyphen at the end of a line is a soft hyphenation break (join without it) or a
 * compound's own hyphen (keep it). `head` ends with the hyphen; `tail` is the next line.
 * Evidence, in order: a capital or digit after the break keeps the hyphen ("Secretary-\nGeneral");
 * the same document spelling the word joined or hyphenated elsewhere decides; in an English
 * document, two English words that make no word joined keep it ("disaster-\nrisk"), as do a Russian particle ("кого-\nлибо") and
 * a known compound head ("self-", "non-", "co-", …); otherwise the hyphen is dropped ("deter-\nmination").
 */
export function joinHyphenated(head: string, tail: string, vocabulary: Vocabulary): string {
  const vocab = vocabulary.words;
  const before = /([\p{L}\p{M}]+)-$/u.exec(head)?.[1];
  const after = /^([\p{L}\p{M}]+)/u.exec(tail)?.[1];
  const keep = `${head}${tail}`;
  if (!before || !after) return keep;
  if (!/^\p{Ll}/u.test(after)) return keep;
  const joined = `${before}${after}`.toLowerCase();
  const hyphenated = `${before}-${after}`.toLowerCase();
  const drop = `${head.slice(0, -1)}${tail}`;
  if (vocab.has(joined) && !vocab.has(hyphenated)) return drop;
  if (vocab.has(hyphenated) && !vocab.has(joined)) return keep;
  // the glued form would be found by nothing ("disasterrisk"); a hyphenated compound is found closed too
  if (vocabulary.english && !vocab.has(joined) && englishCompound(before.toLowerCase(), after.toLowerCase())) return keep;
  if (/\p{Script=Cyrillic}$/u.test(before) && RUSSIAN_PARTICLES.has(after.toLowerCase())) return keep;
  if (COMPOUND_HEADS.has(before.toLowerCase())) return keep;
  // "peace-\nkeeping-operations": a compound already hyphenated before the break keeps this one too.
  if (/[\p{L}]-[\p{L}]+-$/u.test(head)) return keep;
  return drop;
}

/**
 * Joins the lines of one paragraph into running text: a space between lines, line-final hyphens
 * resolved by {@link joinHyphenated} (with `documentText` as evidence), soft hyphens removed.
 */
export function joinLines(lines: readonly string[], documentText: string): string {
  return joinLinesWith(lines, vocabulary(documentText));
}

/** {@link joinLines} with the document's vocabulary computed once by the caller (a document's paragraphs share it). */
export function joinLinesWith(lines: readonly string[], vocab: Vocabulary): string {
  let out = '';
  for (const raw of lines) {
    const line = raw.trim();
    if (!line) continue;
    if (!out) out = line;
    else if (out.endsWith('\u00ad')) out = out.slice(0, -1) + line;
    else if (/[\p{L}]-$/u.test(out) && /^\p{L}/u.test(line)) out = joinHyphenated(out, line, vocab);
    else out += ' ' + line;
  }
  return out
    .replace(/\u00ad/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}
