/**
 * Building the frozen index from a store, partition by partition: each partition (a decade, a
 * contiguous range of passages) is indexed by its own MiniSearch, frozen into typed arrays and
 * dropped before the next, so only one partition's MiniSearch is in memory at a time.
 */
import { FrozenIndex, mergeParts, type PartFrozen } from './frozen.ts';
import { PartitionIndex, type IndexedPassage } from './partition.ts';
import { documentPartitionKey, LibraryStore } from './store.ts';
import { INDEX_OPTIONS } from './options.ts';
import type { EngineState, Partition } from './state.ts';
import type { IngestReport, LibraryDocument } from '../types.ts';
import { AcronymMiner } from './acronyms.ts';

interface SurfaceCount {
  term: string;
  n: number;
  next?: SurfaceCount;
}

/** Passages indexed by one MiniSearch at a time. */
const BUILD_SLICE = 32_768;

export interface BuildIndexOptions {
  /** Called after each partition: passages indexed so far, total passages. */
  onProgress?: (done: number, total: number) => void;
}

/** The partitions of a store: runs of documents with the same partition key, with their date range. */
export function partitionsOf(store: LibraryStore): Partition[] {
  const out: Partition[] = [];
  const { dateFrom, dateTo } = store.arrays;
  for (let i = 0; i < store.docs.length;) {
    const key = store.docs[i]!.part;
    let j = i + 1;
    while (j < store.docs.length && store.docs[j]!.part === key) j++;
    const start = store.docs[i]!.first;
    const last = store.docs[j - 1]!;
    const end = last.first + last.count;
    i = j;
    if (end === start) continue;
    let from = 0;
    let to = 0;
    for (let g = start; g < end; g++) {
      const a = dateFrom[g]!;
      const b = dateTo[g]!;
      if (a && (!from || a < from)) from = a;
      if (b && b > to) to = b;
    }
    out.push({ key, start, end, from: dayString(from), to: dayString(to) });
  }
  return out;
}

/** Indexes the store's passages into a frozen index. */
export function buildIndex(store: LibraryStore, options: BuildIndexOptions = {}): { index: FrozenIndex; partitions: Partition[] } {
  // occurrences of each (folded word, term) pair: one map look-up per word indexed
  const seen = new Map<string, SurfaceCount>();
  const onWord = (term: string, folded: string): void => {
    let e = seen.get(folded);
    if (!e) seen.set(folded, (e = { term, n: 0 }));
    while (e.term !== term) e = e.next ??= { term, n: 0 };
    e.n++;
  };
  const N = store.size;
  const lenText = new Uint32Array(N);
  const lenMeta = new Uint32Array(N);
  const partitions = partitionsOf(store);
  const frozen: PartFrozen[] = [];
  for (const p of partitions) {
    // a large partition is indexed in slices (merged the same way): bounded MiniSearch memory
    for (let start = p.start; start < p.end; start += BUILD_SLICE) {
      const end = Math.min(p.end, start + BUILD_SLICE);
      const items = function* (): Generator<IndexedPassage> {
        for (let g = start; g < end; g++) yield { g, text: store.text(g), meta: store.metaText(g) };
      };
      frozen.push(PartitionIndex.build(items(), onWord).freeze(lenText, lenMeta));
      options.onProgress?.(end, N);
    }
  }
  // each term's most frequent folded word (ties: the first in code-unit order); a word written
  // closed before any hyphenated compound's form (co-operation), which only a term never written
  // closed keeps; then its other written words (surfaceEntry)
  const byTerm = new Map<string, Array<{ w: string; n: number }>>();
  for (const [w, first] of seen) {
    for (let e: SurfaceCount | undefined = first; e; e = e.next) {
      const list = byTerm.get(e.term);
      if (!list) byTerm.set(e.term, [{ w, n: e.n }]);
      else list.push({ w, n: e.n });
    }
  }
  seen.clear();
  const surface = (term: string): string | undefined => {
    const list = byTerm.get(term);
    return list ? surfaceEntry(term, list) : undefined;
  };
  const index = new FrozenIndex(mergeParts(frozen, lenText, lenMeta, surface));
  return { index, partitions };
}

export interface BuildStateOptions extends BuildIndexOptions {
  indexedAt?: string;
}

/**
 * The state over `documents` (the CLI, bot, eval and bench all build with INDEX_OPTIONS): the
 * packed store, then the frozen index partition by partition.
 */
export function buildState(documents: readonly LibraryDocument[], report: IngestReport, options: BuildStateOptions = {}): EngineState {
  const store = LibraryStore.fromDocuments(documents, (d) => documentPartitionKey(d, INDEX_OPTIONS.partitionYears));
  return stateFromStore(store, report, options);
}

/** The engine state over a packed store (the documents it was packed from can be dropped first). */
export function stateFromStore(store: LibraryStore, report: IngestReport, options: BuildStateOptions = {}): EngineState {
  const { index, partitions } = buildIndex(store, options);
  const miner = new AcronymMiner();
  for (let g = 0; g < store.size; g++) miner.add(store.text(g));
  return {
    store,
    index,
    partitions,
    report,
    indexedAt: options.indexedAt ?? new Date().toISOString(),
    acronyms: miner.result(),
    acronymCounts: miner.counts(),
  };
}

/** YYYYMMDD → `YYYY-MM-DD` ('' for 0). */
function dayString(n: number): string {
  if (!n) return '';
  const s = String(n).padStart(8, '0');
  return `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}`;
}

/**
 * How many other written words of a term its surface entry keeps, and how often each must be
 * written (at least twice, and at least this share of the surface word's count): a typo is
 * compared with them too ("organsation" with "organization" where the term's usual word is
 * "organized"), and a stray spelling is no form.
 */
export const SURFACE_FORMS = { max: 3, share: 0.05 } as const;

/**
 * A term's surface entry from its written words and their counts: the best surface
 * ({@link betterSurface}; '' when it is the term itself), then, each after a tab, up to
 * {@link SURFACE_FORMS}.max other words written closed, most frequent first; undefined when there is nothing to say.
 */
export function surfaceEntry(term: string, words: ReadonlyArray<{ w: string; n: number }>): string | undefined {
  let best = words[0]!;
  for (const x of words) if (betterSurface(x.w, x.n, best.w, best.n)) best = x;
  const others = words
    .filter((x) => x !== best && !x.w.includes('-') && x.n >= 2 && x.n >= best.n * SURFACE_FORMS.share)
    .sort((a, b) => b.n - a.n || (a.w < b.w ? -1 : 1))
    .slice(0, SURFACE_FORMS.max)
    .map((x) => x.w);
  const first = best.w !== term ? best.w : '';
  const entry = [first, ...others].join('\t');
  return entry || undefined;
}

/**
 * Whether folded word `w`, indexed `n` times, is a better surface for its term than `bw`
 * (`bn` times): a word written closed first, then the more frequent, then the first in code-unit order.
 */
export function betterSurface(w: string, n: number, bw: string, bn: number): boolean {
  const h = w.includes('-');
  if (h !== bw.includes('-')) return !h;
  return n > bn || (n === bn && w < bw);
}
