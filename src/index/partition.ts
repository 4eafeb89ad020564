/**
 * One MiniSearch index per partition of the library. MiniSearch holds the inverted index (a radix
 * tree of terms → per-field postings with term frequencies and field lengths); the scoring is ours
 * (faithful BM25F, see src/search/engine.ts), so this subclass exposes the postings read-only.
 */
import MiniSearch, { type Options } from 'minisearch';
import { terms, tokens } from './analyzer.ts';

/** What a partition indexes for one passage: its global number and its two fields. */
export interface IndexedPassage {
  g: number;
  text: string;
  meta: string;
}

export const FIELDS = ['text', 'meta'] as const;
export type Field = (typeof FIELDS)[number];

/** MiniSearch options of every partition (loadJSON needs the very same). Text is never stored. */
export function miniSearchOptions(onWord?: OnWord): Options<IndexedPassage> {
  return {
    idField: 'g',
    fields: [...FIELDS],
    storeFields: [],
    tokenize: (text, field) => {
      if (!onWord || field !== 'text') return terms(text);
      const out: string[] = [];
      for (const t of tokens(text)) {
        if (t.stop) continue;
        out.push(t.term);
        onWord(t.term, t.folded);
      }
      return out;
    },
    processTerm: (term) => term,
    autoVacuum: false,
  };
}

/** Called for each indexed word of a passage text while building (term and folded surface form). */
export type OnWord = (term: string, folded: string) => void;

/** Per-field postings of one term: shortId → term frequency. */
export type Postings = ReadonlyMap<number, number>;

/** The MiniSearch internals we read (protected in its typings, stable within 7.x). */
interface Internals {
  _index: {
    get(term: string): Map<number, Map<number, number>> | undefined;
    fuzzyGet(term: string, maxDistance: number): Map<string, [unknown, number]>;
  };
  _fieldIds: Record<string, number>;
  _documentIds: Map<number, number>;
  _fieldLength: Map<number, number[]>;
}

/** A partition: a MiniSearch index plus read access to its postings. */
export class PartitionIndex {
  readonly ms: MiniSearch<IndexedPassage>;
  private readonly internals: Internals;
  private readonly textId: number;
  private readonly metaId: number;

  constructor(ms: MiniSearch<IndexedPassage>) {
    this.ms = ms;
    this.internals = ms as unknown as Internals;
    const { text, meta } = this.internals._fieldIds;
    if (text === undefined || meta === undefined) throw new Error('partition index lacks its fields');
    this.textId = text;
    this.metaId = meta;
  }

  /** Postings of `term` in `field`, undefined when absent. */
  postings(term: string, field: Field): Postings | undefined {
    const data = this.internals._index.get(term);
    if (!data) return undefined;
    return data.get(field === 'text' ? this.textId : this.metaId);
  }

  /** Indexed terms within `maxDistance` edits of `term`, with their edit distance. */
  fuzzyTerms(term: string, maxDistance: number): Array<[string, number]> {
    const out: Array<[string, number]> = [];
    for (const [t, [, d]] of this.internals._index.fuzzyGet(term, maxDistance)) out.push([t, d]);
    return out;
  }

  /** Each short id's global passage number and field lengths ([text, meta]). */
  *layout(): Generator<{ shortId: number; g: number; text: number; meta: number }> {
    const { _documentIds, _fieldLength } = this.internals;
    for (const [shortId, g] of _documentIds) {
      const lengths = _fieldLength.get(shortId);
      yield { shortId, g, text: lengths?.[this.textId] ?? 0, meta: lengths?.[this.metaId] ?? 0 };
    }
  }

  toJSON(): unknown {
    return this.ms.toJSON();
  }

  static build(passages: Iterable<IndexedPassage>, onWord?: OnWord): PartitionIndex {
    const ms = new MiniSearch<IndexedPassage>(miniSearchOptions(onWord));
    for (const p of passages) ms.add(p);
    return new PartitionIndex(ms);
  }

  static restore(json: string): PartitionIndex {
    return new PartitionIndex(MiniSearch.loadJSON<IndexedPassage>(json, miniSearchOptions()));
  }
}
