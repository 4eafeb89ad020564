/**
 * Text as copies compare it: its words, runs of letters and digits in small letters, so that case,
 * punctuation, dashes, quotation marks and spacing ("quick - impact" as a PDF spaces it,
 * "quick-impact" in the .docx) do not tell two copies of a paragraph apart. Follows read passages
 * so to skip a paragraph the library already holds (src/follows/copies.ts) and to fingerprint them
 * (src/follows/fingerprint.ts). Imports nothing.
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
