/**
 * Building the frozen index from a store, partition by partition: each partition (a decade, a
 * contiguous range of passages) is indexed by its own MiniSearch, frozen into typed arrays and
 * dropped before the next, so only one partition's MiniSearch is in memory at a time.
 */
import { FrozenIndex, mergeParts, type PartFrozen } from './frozen.ts';
import { PartitionIndex, type IndexedPassage } from './partition.ts';
import type { LibraryStore } from './store.ts';
import type { Partition } from '../search/engine.ts';

export interface BuildIndexOptions {
  /** Called after each partition: passages indexed so far, total passages. */
  onProgress?: (done: number, total: number) => void;
}

/** The partitions of a store: runs of documents with the same partition key, with their date range. */
export function partitionsOf(store: LibraryStore): Partition[] {
  const out: Partition[] = [];
  const { dateFrom, dateTo } = store.arrays;
  for (let i = 0; i < store.docs.length; ) {
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
  const counts = new Map<string, Map<string, number>>();
  const onWord = (term: string, folded: string): void => {
    let m = counts.get(term);
    if (!m) counts.set(term, (m = new Map()));
    m.set(folded, (m.get(folded) ?? 0) + 1);
  };
  const N = store.size;
  const lenText = new Uint32Array(N);
  const lenMeta = new Uint32Array(N);
  const partitions = partitionsOf(store);
  const frozen: PartFrozen[] = [];
  for (const p of partitions) {
    const items = function* (): Generator<IndexedPassage> {
      for (let g = p.start; g < p.end; g++) yield { g, text: store.text(g), meta: store.metaText(g) };
    };
    frozen.push(PartitionIndex.build(items(), onWord).freeze(lenText, lenMeta));
    options.onProgress?.(p.end, N);
  }
  const surface = (term: string): string | undefined => {
    const m = counts.get(term);
    if (!m) return undefined;
    let best = '';
    let bestN = -1;
    for (const [w, n] of m) if (n > bestN || (n === bestN && w < best)) [best, bestN] = [w, n];
    return best !== term ? best : undefined;
  };
  const index = new FrozenIndex(mergeParts(frozen, lenText, lenMeta, surface));
  return { index, partitions };
}

/** YYYYMMDD → `YYYY-MM-DD` ('' for 0). */
function dayString(n: number): string {
  if (!n) return '';
  const s = String(n).padStart(8, '0');
  return `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}`;
}
