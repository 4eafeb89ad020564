/**
 * The one index and ranking configuration. The CLI, the bot, `npm run eval` and `npm run bench` all
 * use this constant, so the figures measured are the figures users get. Changing any value changes
 * {@link optionsHash}, which invalidates persisted caches.
 */
import { createHash } from 'node:crypto';

export const INDEX_OPTIONS = Object.freeze({
  /** Bump when the cache layout or the meaning of indexed data changes. */
  schemaVersion: 1,
  /**
   * Textbook BM25: k1 saturation, b length normalisation, and k3 for words repeated in a query
   * (Robertson et al., Okapi at TREC-3; Xapian's default k3 = 1).
   */
  bm25: Object.freeze({ k1: 1.2, b: 0.75, k3: 1 }),
  /**
   * BM25F field weights: the passage text, and a short metadata field (document title, speaker,
   * country name, organisation, section title) shared by a document's passages.
   */
  fields: Object.freeze({ text: 1, meta: 0.5 }),
  /** Index partitions: one MiniSearch per decade of the passage's date ("undated" for the rest). */
  partitionYears: 10,
  /** Term proximity (BM25TP, Rasolofo & Savoy 2003) re-rank of the best candidates. */
  proximity: Object.freeze({ depth: 150, window: 5 }),
  /**
   * Passages holding every query word rank first — for queries of at most this many words (longer
   * queries are descriptions, where no passage holds every word).
   */
  allWordsFirstMaxWords: 4,
  /** Typo tolerance: only words of ≥ minLength letters whose exact term is absent or rarer than rareDf. */
  fuzzy: Object.freeze({ minLength: 5, rareDf: 3, maxExpansions: 3, weight: 0.3 }),
  /** Stop spending time on a query after this long and return the best hits found so far. */
  timeBudgetMs: 800,
});

export type IndexOptions = typeof INDEX_OPTIONS;

/** A short hash of the options (and schema version): a cache built with other options is not reused. */
export function optionsHash(options: IndexOptions = INDEX_OPTIONS): string {
  return createHash('sha256').update(JSON.stringify(options)).digest('hex').slice(0, 16);
}
