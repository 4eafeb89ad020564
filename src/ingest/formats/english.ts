/**
 * English as the PDF reader needs to know it: whether a text is English, and whether a string is
 * an English word (the `word-list` package's 274,000 words), for the line-end hyphens
 * (./line-joins.ts) and the spaces pdf.js writes inside words (./split-words.ts).
 */
import { readFileSync } from 'node:fs';
import wordListPath from 'word-list';

let words: ReadonlySet<string> | undefined;

/** Whether `word` (lower case) is an English word; the list is read on first use. */
export function isEnglishWord(word: string): boolean {
  words ??= new Set(readFileSync(wordListPath, 'utf8').split('\n'));
  return words.has(word);
}

const ENGLISH_FUNCTION = new Set(['the', 'and', 'of', 'to', 'in', 'is', 'that', 'for', 'with']);
const OTHER_FUNCTION = new Set(['le', 'la', 'les', 'des', 'et', 'du', 'est', 'el', 'los', 'las', 'y', 'del', 'que', 'en', 'и', 'в', 'на', 'не']);

/** Whether lower-cased words read as English: their English function words outnumber French, Spanish and Russian ones. */
export function readsEnglish(lowerWords: Iterable<string>): boolean {
  let en = 0;
  let other = 0;
  for (const w of lowerWords) {
    if (ENGLISH_FUNCTION.has(w)) en++;
    else if (OTHER_FUNCTION.has(w)) other++;
  }
  return en > other;
}
