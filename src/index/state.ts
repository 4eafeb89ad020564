/**
 * The index's state: what an engine queries and what the cache persists. The index owns it
 * (./build.ts builds it, ./update.ts changes it, ./cache.ts stores it); the search engine only reads
 * a state (src/search/engine.ts).
 */
import type { Acronym, AcronymCounts } from './acronyms.ts';
import type { FrozenIndex } from './frozen.ts';
import type { LibraryStore } from './store.ts';
import type { IngestReport } from '../types.ts';

/** One partition (a decade): a contiguous range of passages and the date range they cover. */
export interface Partition {
  key: string;
  /** Its passages are start … end-1. */
  start: number;
  end: number;
  /** Earliest / latest passage day in it (`YYYY-MM-DD`, '' for the undated partition). */
  from: string;
  to: string;
}

/** Everything an engine is made of; what the cache persists. */
export interface EngineState {
  store: LibraryStore;
  /** The frozen postings of the whole library (terms, postings, field lengths, surface words). */
  index: FrozenIndex;
  partitions: Partition[];
  report: IngestReport;
  indexedAt: string;
  /** The acronyms the library defines (src/index/acronyms.ts). */
  acronyms: Acronym[];
  /** What they were derived from, for incremental updates. */
  acronymCounts: AcronymCounts;
}
