/**
 * Speakers' names that stem like words. The metadata field holds a passage's speaker, so a query word
 * whose stem is a speaker's name reaches every passage of that speaker's speeches: `cooking fuel`
 * lifted Robin Cook's passages saying "fuel" (both "cooking" and "Cook" are the term cook),
 * `moorings` Mr. Moore's. A query word is a name only as the name is written ("Cook", "Cook's"); a
 * word that merely stems like one is not matched through a speaker's name, though it still is
 * through the title, the country and the section, and in the text.
 */
import { analyzeWord, tokens } from '../../index/analyzer.ts';
import type { LibraryStore } from '../../index/store.ts';
import { statementOf } from '../../ingest/statements.ts';

/** A speaker's name's words by term, each as written (folded, no apostrophe): cook → {cook}. */
type NameForms = ReadonlyMap<string, ReadonlySet<string>>;

const formsCache = new WeakMap<LibraryStore, NameForms>();

/** Reads the library's speakers' names once ({@link stemsLikeName} asks them), so that no query's time budget pays for it. */
export function readSpeakerNames(store: LibraryStore): void {
  nameForms(store);
}

/** The words of every speaker's name in the library (a document's, a statement's), by term. */
function nameForms(store: LibraryStore): NameForms {
  let forms = formsCache.get(store);
  if (forms) return forms;
  const map = new Map<string, Set<string>>();
  const seen = new Set<string>();
  const add = (name: string | undefined): void => {
    if (!name || seen.has(name)) return;
    seen.add(name);
    for (const [term, written] of nameWords(name)) {
      let set = map.get(term);
      if (!set) map.set(term, (set = new Set()));
      set.add(written);
    }
  };
  for (const d of store.docs) {
    add(d.meta.speaker);
    for (const s of d.statements ?? []) add(s.speaker);
  }
  forms = map;
  formsCache.set(store, forms);
  return forms;
}

/**
 * A name's words as (term, written) pairs, stop words left out; kept for the process's life, so
 * that a library reloaded after a live update reads only its new names (the UNGDC library's
 * 7,180 names take about 0.2 s to read).
 */
const wordsOfName = new Map<string, ReadonlyArray<readonly [string, string]>>();
function nameWords(name: string): ReadonlyArray<readonly [string, string]> {
  let words = wordsOfName.get(name);
  if (!words) {
    words = tokens(name)
      .filter((t) => !t.stop)
      .map((t) => [t.term, writtenAs(t.folded)] as const);
    wordsOfName.set(name, words);
  }
  return words;
}

/** A folded word without its apostrophes and possessive ending: "cook's" → cook. */
function writtenAs(folded: string): string {
  return folded.replace(/'s$/, '').replace(/'/g, '');
}

/**
 * Whether a query word (`raw` as typed, `term` its term) stems like a speaker's name without being
 * written as it: "cooking" (cook, as Robin Cook), not "Cook" or "Cook's".
 */
export function stemsLikeName(store: LibraryStore, raw: string | undefined, term: string): boolean {
  if (raw === undefined) return false;
  const forms = nameForms(store).get(term);
  if (!forms) return false;
  const folded = analyzeWord(raw)?.folded;
  return folded !== undefined && !forms.has(writtenAs(folded));
}

/**
 * For `term`: whether passage g's metadata holds it only through its speaker's name (the
 * statement's speaker in a record), not its title, country, organisation or section.
 */
export function heldByNameOnly(store: LibraryStore, term: string): (g: number) => boolean {
  const inNames = new Map<string, number>();
  return (g) => {
    const d = store.doc(g);
    const said = d.statements ? statementOf(d, { ordinal: store.arrays.ordinal[g]! }) : undefined;
    const speaker = said ? said.speaker : d.meta.speaker;
    if (!speaker) return false;
    let inName = inNames.get(speaker);
    if (inName === undefined) inNames.set(speaker, (inName = tokens(speaker).filter((t) => t.term === term).length));
    if (inName === 0) return false;
    return tokens(store.metaText(g)).filter((t) => t.term === term).length <= inName;
  };
}
