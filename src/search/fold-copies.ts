/**
 * The same text twice in a page of results, folded (QA22 G30): a library may hold one document
 * twice (a report as PDF and as .docx, a speech copied under another name, a copy without its
 * sidecar), and each copy of a paragraph would take a slot of the page. A hit whose words are those
 * of a hit ranked above it in another document is folded into that hit, which shows where else the
 * text is; the page is filled from further hits.
 *
 * "The same" is word for word as copies compare words (src/text/same-words.ts: case, punctuation,
 * dashes, quotation marks and spacing aside), so "also in …" is always true of the text shown. A
 * paragraph edited (fingerprints close, src/follows/fingerprint.ts) is not folded: on the PDF and
 * .docx of A/80/604/Add.6 it would fold 3 more of 58 paragraphs, and two documents' nearly equal
 * paragraphs (a year changed in a speech said again) are two statements, each worth its slot.
 * Passages of one document are never folded together (a heading the document repeats), nor
 * passages of fewer than {@link MIN_WORDS} words but in two copies of one document (the same symbol).
 */
import type { LibraryStore } from '../index/store.ts';
import { comparedWords, sameWordsHash, sameWordsKey } from '../text/same-words.ts';

/** A hit shown, with the passages folded into it (best first). */
export interface FoldedHit {
  g: number;
  copies: number[];
}

/**
 * Below this many words, the same text in two documents is folded only when they are one document
 * (the same symbol): a title, a heading or a closing formula ("Thank you, Mr. President") said in
 * two documents is more often two documents than one held twice. Measured on the IR collections
 * the eval runs: CACM holds 171 texts twice under two ids, 148 of them titles of fewer than 10
 * words ("Hidden-Line Plotting Program (Algorithm R420)", records 2637 and 2638), both judged
 * relevant; folded at every length, CACM's nDCG@10 fell 0.511 → 0.505 (query 22: 0.927 → 0.617).
 */
const MIN_WORDS = 10;

/**
 * Scores this close (relative) are a tie between copies: the same words score alike, apart from
 * their metadata and their documents' lengths (A/80/604/Add.6 para. 35: 1.9665 as .docx, 1.9664 as PDF).
 */
const TIE = 0.01;

/**
 * `order` (passage numbers, best first) with each passage whose words are those of one ranked above
 * it in another document folded into that one. The higher-ranked copy is shown, except that of two
 * copies scored alike ({@link TIE}) the one whose citation gives its page is (a PDF's passage over
 * its .docx twin's, which has no pages): it is the one a reader can find in print.
 */
export function foldCopies(order: readonly number[], store: LibraryStore, score: (g: number) => number): FoldedHit[] {
  const { docOf, docs } = store;
  const { page } = store.arrays;
  const symbolOf = (g: number): string | undefined => docs[docOf[g]!]!.meta.symbol?.trim() || undefined;
  const shown: FoldedHit[] = [];
  // the first hit shown of each text, by the hash of its words; equal hashes confirmed by the words
  const firsts = new Map<number, FoldedHit[]>();
  const keys = new Map<FoldedHit, string>();
  const keyOf = (h: FoldedHit): string => {
    let k = keys.get(h);
    if (k === undefined) keys.set(h, (k = sameWordsKey(store.text(h.g))));
    return k;
  };
  for (const g of order) {
    const text = store.text(g);
    const hash = sameWordsHash(text);
    const alike = firsts.get(hash);
    const key = alike ? sameWordsKey(text) : undefined;
    const first = alike?.find((h) => keyOf(h) === key);
    const twin = first ? undefined : twinHolding(g, text, shown, symbolOf, docOf, keyOf);
    if (twin) {
      // the whole paragraph is shown in the slot of its part ranked higher, the part folded into it
      if (twin.whole) {
        twin.hit.copies.push(twin.hit.g);
        twin.hit.g = g;
        keys.delete(twin.hit);
      } else twin.hit.copies.push(g);
      continue;
    }
    if (first && docOf[first.g] !== docOf[g]) {
      const words = comparedWords(text).length;
      const oneDocument = symbolOf(g) !== undefined && symbolOf(g) === symbolOf(first.g);
      if (words >= MIN_WORDS || (words > 0 && oneDocument)) {
        if (first.copies.length === 0 && !page[first.g] && page[g] && score(g) >= score(first.g) * (1 - TIE)) {
          first.copies.push(first.g);
          first.g = g;
        } else first.copies.push(g);
        continue;
      }
    }
    const hit: FoldedHit = { g, copies: [] };
    shown.push(hit);
    if (first) continue;
    if (alike) alike.push(hit);
    else firsts.set(hash, [hit]);
  }
  return shown;
}

/**
 * A hit shown of another document with the same symbol (one document held twice: its PDF and its
 * .docx) whose words hold those of passage `g`, or are held by them (`whole`: `g` holds the hit's),
 * at least {@link MIN_WORDS} words in common: a PDF cuts a paragraph at a page break, or runs it on
 * into the next, where the .docx holds it whole (A/80/604/Add.6 para. 15 and "physical footprint",
 * QA23 F2). Tables the two read in another order stay apart.
 */
function twinHolding(
  g: number,
  text: string,
  shown: readonly FoldedHit[],
  symbolOf: (g: number) => string | undefined,
  docOf: LibraryStore['docOf'],
  keyOf: (h: FoldedHit) => string,
): { hit: FoldedHit; whole: boolean } | undefined {
  const symbol = symbolOf(g);
  if (symbol === undefined) return undefined;
  const twins = shown.filter((h) => docOf[h.g] !== docOf[g] && symbolOf(h.g) === symbol);
  if (!twins.length) return undefined;
  const words = comparedWords(text);
  if (words.length < MIN_WORDS) return undefined;
  const key = ` ${words.join(' ')} `;
  for (const h of twins) {
    const other = ` ${keyOf(h)} `;
    if (other.split(' ').length - 2 < MIN_WORDS) continue;
    if (other.includes(key)) return { hit: h, whole: false };
    if (key.includes(other)) return { hit: h, whole: true };
  }
  return undefined;
}
