/**
 * One MiniSearch index per partition of the library, used to build: MiniSearch tokenizes (through
 * the analyzer) and inverts each partition's passages, then `freeze` packs its postings into
 * typed arrays (src/index/frozen.ts) and the MiniSearch instance is dropped. The scoring is ours
 * (faithful BM25F, see src/search/engine.ts); MiniSearch's internals are read through a cast.
 */
import MiniSearch, { type Options } from 'minisearch';
import { CLOSED_FORM_JOINER, indexTokens } from './analyzer.ts';
import type { PartFrozen } from './frozen.ts';

/** What a partition indexes for one passage: its global number and its two fields. */
export interface IndexedPassage {
  g: number;
  text: string;
  meta: string;
}

export const FIELDS = ['text', 'meta'] as const;
export type Field = (typeof FIELDS)[number];

/**
 * MiniSearch options of every partition (loadJSON needs the very same). Text is never stored.
 * `surplus`, when given, receives for each field tokenised last how many more distinct tokens
 * MiniSearch counts as its length than the text has distinct words: a compound's closed form
 * riding on a part that also stands alone (`co-operation` beside `operation`) is one more.
 */
export function miniSearchOptions(onWord?: OnWord, surplus?: Record<Field, number>): Options<IndexedPassage> {
  return {
    idField: 'g',
    fields: [...FIELDS],
    storeFields: [],
    tokenize: (text, field) => {
      const toks = indexTokens(text, field === 'text' ? onWord : undefined, field === 'text', field === 'text');
      if (surplus) surplus[field as Field] = closedFormSurplus(toks);
      return toks;
    },
    // a hyphenated compound's closed form rides on its last part (indexTokens)
    processTerm: (term) => (term.includes(CLOSED_FORM_JOINER) ? term.split(CLOSED_FORM_JOINER) : term),
    autoVacuum: false,
  };
}

/** Distinct tokens beyond the distinct words ({@link miniSearchOptions}); 0 without compounds. */
function closedFormSurplus(toks: readonly string[]): number {
  if (!toks.some((t) => t.includes(CLOSED_FORM_JOINER))) return 0;
  return new Set(toks).size - new Set(toks.map((t) => t.split(CLOSED_FORM_JOINER)[0])).size;
}

/** Called for each indexed word of a passage text while building (term and folded surface form). */
export type OnWord = (term: string, folded: string) => void;

/** Per-field postings of one term: shortId → term frequency. */
export type Postings = ReadonlyMap<number, number>;

/** The MiniSearch internals we read (protected in its typings, stable within 7.x). */
interface Internals {
  _index: {
    get(term: string): Map<number, Map<number, number>> | undefined;
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

  /** Each short id's global passage number and field lengths ([text, meta]). */
  *layout(): Generator<{ shortId: number; g: number; text: number; meta: number }> {
    const { _documentIds, _fieldLength } = this.internals;
    for (const [shortId, g] of _documentIds) {
      const lengths = _fieldLength.get(shortId);
      yield { shortId, g, text: lengths?.[this.textId] ?? 0, meta: lengths?.[this.metaId] ?? 0 };
    }
  }

  /**
   * The partition's postings as sorted typed arrays keyed by global passage number, and its
   * passages' field lengths written into `lenText`/`lenMeta`. The MiniSearch index can be dropped after.
   */
  freeze(lenText: Uint32Array, lenMeta: Uint32Array): PartFrozen {
    const gOf = new Map<number, number>();
    for (const { shortId, g, text, meta } of this.layout()) {
      gOf.set(shortId, g);
      lenText[g] = text;
      lenMeta[g] = meta;
    }
    const entries: Array<[string, Map<number, Map<number, number>>]> = [];
    let nText = 0;
    let nMeta = 0;
    for (const [term, data] of this.internals._index as unknown as Iterable<[string, Map<number, Map<number, number>>]>) {
      entries.push([term, data]);
      nText += data.get(this.textId)?.size ?? 0;
      nMeta += data.get(this.metaId)?.size ?? 0;
    }
    entries.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    const out: PartFrozen = {
      terms: entries.map((e) => e[0]),
      textOff: new Uint32Array(entries.length + 1),
      textG: new Int32Array(nText),
      textTf: new Uint16Array(nText),
      metaOff: new Uint32Array(entries.length + 1),
      metaG: new Int32Array(nMeta),
      metaTf: new Uint16Array(nMeta),
    };
    let ti = 0;
    let mi = 0;
    const fill = (post: Map<number, number> | undefined, g: Int32Array, tf: Uint16Array, at: number): number => {
      if (!post) return at;
      const start = at;
      let sorted = true;
      for (const [s, f] of post) {
        const x = gOf.get(s)!;
        if (at > start && g[at - 1]! > x) sorted = false;
        g[at] = x;
        tf[at] = Math.min(f, 0xffff);
        at++;
      }
      if (!sorted) {
        const idx = Array.from({ length: at - start }, (_, i) => start + i).sort((a, b) => g[a]! - g[b]!);
        const gs = idx.map((i) => g[i]!);
        const fs = idx.map((i) => tf[i]!);
        g.set(gs, start);
        tf.set(fs, start);
      }
      return at;
    };
    entries.forEach(([, data], i) => {
      ti = fill(data.get(this.textId), out.textG, out.textTf, ti);
      mi = fill(data.get(this.metaId), out.metaG, out.metaTf, mi);
      out.textOff[i + 1] = ti;
      out.metaOff[i + 1] = mi;
    });
    return out;
  }

  static build(passages: Iterable<IndexedPassage>, onWord?: OnWord): PartitionIndex {
    const surplus: Record<Field, number> = { text: 0, meta: 0 };
    const ms = new MiniSearch<IndexedPassage>(miniSearchOptions(onWord, surplus));
    const index = new PartitionIndex(ms);
    let shortId = 0;
    for (const p of passages) {
      surplus.text = surplus.meta = 0;
      ms.add(p);
      // a field's length is its distinct words, whether or not a compound's closed form rides along
      if (surplus.text || surplus.meta) {
        const lengths = index.internals._fieldLength.get(shortId)!;
        lengths[index.textId]! -= surplus.text;
        lengths[index.metaId]! -= surplus.meta;
      }
      shortId++;
    }
    return index;
  }
}
