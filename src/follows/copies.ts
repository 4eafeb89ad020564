/**
 * A new passage that the library already holds elsewhere: the same paragraph in another file (a
 * speech saved again under another name, a report added as .docx beside its PDF), word for word or
 * corrected ({@link isEdit}; a short passage word for word only). Such a passage says nothing new, so no follow is alerted of it
 * (QA22 F2: a copied file re-sent paragraphs already alerted, cited by the copy's file name).
 * Found through the rarest of the passage's words: the passages holding them are few.
 */
import { tokens } from '../index/analyzer.ts';
import type { EngineState } from '../index/state.ts';
import { sameWordsKey } from '../text/same-words.ts';
import { fingerprintOf, isEdit, type Fingerprint } from './fingerprint.ts';

/** A word held by more passages than this is too common to find copies by; nor are more passages compared. */
const MAX_CANDIDATES = 500;
/**
 * Below this many words a passage is a copy only word for word (dashes, quotation marks and case
 * aside): short paragraphs written to a template ("Paragraph 1: the delegation reports on …") are
 * as close as an edit by their fingerprints.
 */
const MIN_EDIT_WORDS = 30;
function sameWords(a: string, b: string): boolean {
  return sameWordsKey(a) === sameWordsKey(b);
}

/** How many of a passage's rarest words find the passages it is compared with (one may be misspelt in the copy). */
const RAREST_WORDS = 3;

/**
 * Whether passage g0's text (fingerprint `print`) is held by a passage of the library for which
 * `elsewhere(g)` is true: the passages outside the documents that just changed.
 */
export function heldElsewhere(state: EngineState, g0: number, print: Fingerprint, elsewhere: (g: number) => boolean): boolean {
  const { index, store } = state;
  const text = store.text(g0);
  // a copy's indexed length is within an edit's of the passage's: others are not read
  const { lenText } = index.a;
  const len = lenText[g0]!;
  const slack = Math.max(2, Math.round(0.05 * len));
  // its rarest words held by another passage too (df ≥ 2): a misspelt word of the copy is held by it alone
  const ids = new Map<number, number>();
  for (const t of tokens(text)) {
    if (t.stop) continue;
    const id = index.termId(t.term);
    const df = index.df(id);
    if (df >= 2 && df <= MAX_CANDIDATES) ids.set(id, df);
  }
  const rarest = [...ids].sort((a, b) => a[1] - b[1]).slice(0, RAREST_WORDS);
  const seen = new Set<number>();
  for (const [id] of rarest) {
    const range = index.postings(id, 'text');
    for (let i = range.start; i < range.end; i++) {
      const g = range.g[i]!;
      if (seen.has(g) || Math.abs(lenText[g]! - len) > slack || !elsewhere(g)) continue;
      if (seen.size >= MAX_CANDIDATES) return false;
      seen.add(g);
      const other = store.text(g);
      if (other === text || (print.words >= MIN_EDIT_WORDS ? isEdit(fingerprintOf(other), print) : sameWords(other, text))) return true;
    }
  }
  return false;
}
