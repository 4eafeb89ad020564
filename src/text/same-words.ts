/**
 * Text as copies compare it: its words, runs of letters and digits in small letters, so that case,
 * punctuation, dashes, quotation marks and spacing ("quick - impact" as a PDF spaces it,
 * "quick-impact" in the .docx) do not tell two copies of a paragraph apart. Follows read passages
 * so to skip a paragraph the library already holds (src/follows/copies.ts) and to fingerprint them
 * (src/follows/fingerprint.ts); search folds a hit into the same text ranked above it in another
 * document (src/search/fold-copies.ts). Imports nothing.
 */

const WORD = /[\p{L}\p{N}]+/gu;

/** A passage's words as copies compare them: runs of letters and digits, in small letters. */
export function comparedWords(text: string): string[] {
  return text.toLowerCase().match(WORD) ?? [];
}

/** The words of `text` ({@link comparedWords}) joined by spaces: two texts are the same words when their keys are equal. */
export function sameWordsKey(text: string): string {
  return comparedWords(text).join(' ');
}

const LETTER_OR_DIGIT = /^[\p{L}\p{N}]$/u;
/** Code points above ASCII already classed as letter or digit (or not): a text's few distinct ones are tested once. */
const wordChar = new Map<number, boolean>();

/**
 * A 32-bit hash (FNV-1a) of `text`'s words ({@link comparedWords}) read in one pass, without
 * building them: the same words always hash alike, so only texts whose hashes are equal need their
 * words compared (search folds a page's 30 passages so in half the time the words take).
 */
export function sameWordsHash(text: string): number {
  const s = text.toLowerCase();
  let h = 0x811c9dc5;
  let inWord = false;
  let words = 0;
  for (let i = 0; i < s.length; i++) {
    let c = s.charCodeAt(i);
    let word: boolean;
    if (c < 128) word = (c >= 97 && c <= 122) || (c >= 48 && c <= 57);
    else {
      if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) c = s.codePointAt(i++)!;
      let known = wordChar.get(c);
      if (known === undefined) wordChar.set(c, (known = LETTER_OR_DIGIT.test(String.fromCodePoint(c))));
      word = known;
    }
    if (word) {
      // a space between words, as the words joined read
      if (!inWord && words++ > 0) h = Math.imul(h ^ 32, 16777619);
      h = Math.imul(h ^ c, 16777619);
    }
    inWord = word;
  }
  return h >>> 0;
}
