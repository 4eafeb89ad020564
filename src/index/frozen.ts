/**
 * The frozen index: what MiniSearch built for each partition, packed into typed arrays that the
 * engine scores from and the cache persists as raw bytes.
 *
 * - a term dictionary: the sorted terms (one UTF-8 blob, `\n`-separated) → term id;
 * - per term and field (text, meta), postings as global passage numbers (ascending) with their
 *   term frequencies; partitions are contiguous passage ranges, so a partition's postings of a
 *   term are found by binary search;
 * - per passage, the length of each field; per term, its document frequency (text ∪ meta).
 *
 * Fuzzy term lookup walks the sorted dictionary as an implicit trie (edit-distance rows shared by
 * terms with a common prefix, whole prefix ranges skipped by binary search once out of reach), so
 * it needs no tree built at start.
 */

import { cjkPairChars } from './analyzer.ts';

export interface IndexArrays {
  /** Sorted terms, UTF-8, joined by `\n`. */
  terms: Uint8Array;
  /**
   * Per term, its most frequent folded surface word when it differs from the term ('' otherwise),
   * then, each after a tab, the term's other frequent written words ({@link SURFACE_FORMS}); joined by `\n`.
   */
  surface: Uint8Array;
  df: Uint32Array;
  textOff: Uint32Array;
  textG: Int32Array;
  textTf: Uint16Array;
  metaOff: Uint32Array;
  metaG: Int32Array;
  metaTf: Uint16Array;
  /** Indexed words per passage in each field. */
  lenText: Uint32Array;
  lenMeta: Uint32Array;
}

/** One field's postings of one term: a range of the field's arrays. */
export interface PostingRange {
  g: Int32Array;
  tf: Uint16Array;
  start: number;
  end: number;
}

export class FrozenIndex {
  readonly a: IndexArrays;
  readonly termCount: number;
  /** Largest document frequency of any term. */
  readonly maxDf: number;
  private readonly list: string[];
  private readonly ids: Map<string, number>;
  private surfaces: string[] | undefined;
  /** Per term with other written words than its surface, those words (after the tabs of its surface entry). */
  private forms: Map<number, string[]> | undefined;
  /** Sorted terms of at least FREQUENT_TIERS[k] passages, built on first use. */
  private readonly tiers: Array<string[] | undefined> = [];
  /** Written words in sorted order with their term ids, by tier (all terms, then the FREQUENT_TIERS) and forms compared; built on first use. */
  private readonly surfaceTiers = new Map<string, { words: string[]; ids: Int32Array }>();
  /** Chinese or Japanese character → the bigram terms holding it, built on first use ({@link cjkPairs}). */
  private pairs: Map<string, string[]> | undefined;

  constructor(a: IndexArrays) {
    this.a = a;
    const s = Buffer.from(a.terms.buffer, a.terms.byteOffset, a.terms.byteLength).toString('utf8');
    this.list = s ? s.split('\n') : [];
    this.termCount = this.list.length;
    if (a.textOff.length !== this.termCount + 1 || a.metaOff.length !== this.termCount + 1 || a.df.length !== this.termCount) {
      throw new Error('frozen index arrays disagree with its dictionary');
    }
    this.ids = new Map();
    for (let i = 0; i < this.list.length; i++) this.ids.set(this.list[i]!, i);
    let max = 0;
    for (let i = 0; i < a.df.length; i++) if (a.df[i]! > max) max = a.df[i]!;
    this.maxDf = max;
  }

  /** Term id, or −1 when the term is not indexed. */
  termId(term: string): number {
    return this.ids.get(term) ?? -1;
  }

  term(id: number): string {
    return this.list[id]!;
  }

  /**
   * The indexed pairs of Chinese or Japanese characters (the tokenizer reads such text as
   * overlapping bigrams) that hold character `ch`, in dictionary order. The map is built on first
   * use from the dictionary's CJK terms alone.
   */
  cjkPairs(ch: string): readonly string[] {
    if (!this.pairs) {
      const pairs = new Map<string, string[]>();
      for (const t of this.list) {
        const [a, b] = cjkPairChars(t);
        if (a === undefined) continue;
        for (const c of a === b ? [a] : [a, b!]) {
          const list = pairs.get(c);
          if (list) list.push(t);
          else pairs.set(c, [t]);
        }
      }
      this.pairs = pairs;
    }
    return this.pairs.get(ch) ?? [];
  }

  df(id: number): number {
    return id < 0 ? 0 : this.a.df[id]!;
  }

  /** The folded word most often indexed as this term (for "did you mean"). */
  surface(id: number): string {
    return this.surfaceList()[id] || this.list[id]!;
  }

  /** The term's other frequently written words than {@link surface}, most frequent first ([] for none). */
  otherForms(id: number): readonly string[] {
    this.surfaceList();
    return this.forms!.get(id) ?? [];
  }

  /** The term's surface entry as stored: its surface ('' for the term itself) and other forms, tab-separated. */
  surfaceEntry(id: number): string {
    const forms = this.otherForms(id);
    return forms.length ? [this.surfaceList()[id]!, ...forms].join('\t') : this.surfaceList()[id]!;
  }

  private surfaceList(): string[] {
    if (!this.surfaces) {
      const b = this.a.surface;
      const entries = Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('utf8').split('\n');
      this.forms = new Map();
      for (let i = 0; i < entries.length; i++) {
        const e = entries[i]!;
        if (!e.includes('\t')) continue;
        const [first, ...rest] = e.split('\t');
        entries[i] = first!;
        this.forms.set(i, rest);
      }
      this.surfaces = entries;
    }
    return this.surfaces;
  }

  /** Postings of term `id` in a field, restricted to passages [from, to). */
  postings(id: number, field: 'text' | 'meta', from = 0, to = 0x7fffffff): PostingRange {
    const a = this.a;
    const g = field === 'text' ? a.textG : a.metaG;
    const tf = field === 'text' ? a.textTf : a.metaTf;
    const off = field === 'text' ? a.textOff : a.metaOff;
    let start = off[id]!;
    let end = off[id + 1]!;
    if (from > 0) start = lowerBound(g, start, end, from);
    if (to < 0x7fffffff) end = lowerBound(g, start, end, to);
    return { g, tf, start, end };
  }

  /** Term frequency of term `id` in passage `g`'s field, 0 when absent (binary search). */
  tf(id: number, field: 'text' | 'meta', g: number): number {
    const r = this.postings(id, field);
    const i = lowerBound(r.g, r.start, r.end, g);
    return i < r.end && r.g[i] === g ? r.tf[i]! : 0;
  }

  /**
   * Indexed terms within `maxDistance` edits of `term`, with their distance — Levenshtein's insertions,
   * deletions and substitutions, and a swap of two neighbouring letters as one edit (Damerau's
   * transposition, as optimal string alignment: "nucelar" is one edit from "nuclear") unless
   * `transpositions` is false; with `minDf`, only terms of at least that document frequency (then a
   * shorter dictionary of frequent terms is walked).
   */
  fuzzyTerms(term: string, maxDistance: number, minDf = 0, transpositions = true): Array<[string, number]> {
    const tier = FREQUENT_TIERS.findLastIndex((floor) => minDf >= floor);
    let list = this.list;
    if (tier >= 0) {
      const floor = FREQUENT_TIERS[tier]!;
      list = this.tiers[tier] ??= this.list.filter((_, i) => this.a.df[i]! >= floor);
    }
    const out: Array<[string, number]> = [];
    for (const [i, d] of closeEntries(list, term, maxDistance, transpositions)) {
      const t = list[i]!;
      if (minDf <= 0 || this.df(this.termId(t)) >= minDf) out.push([t, d]);
    }
    return out;
  }

  /**
   * Indexed terms whose surface word ({@link surface}, the word most often written for the term) is
   * within `maxDistance` edits of the folded word `word`, with that distance (as {@link fuzzyTerms});
   * with `forms` above 1, a term's other written words ({@link otherForms}) up to `forms` in all
   * count too, the nearest giving the distance ("organsation" is two edits from "organization",
   * while its term's usual word may be "organized"); with `minDf`, only terms of at least that
   * document frequency. Stems can be far apart where the words are near: "univrsity" is the stem
   * univrs, next to univers (universal), while its written neighbour is "university".
   */
  fuzzySurfaces(word: string, maxDistance: number, minDf = 0, transpositions = true, forms = 1): Array<[string, number]> {
    const tier = FREQUENT_TIERS.findLastIndex((floor) => minDf >= floor);
    const floor = tier >= 0 ? FREQUENT_TIERS[tier]! : 0;
    const key = `${tier + 1}:${forms}`;
    let sorted = this.surfaceTiers.get(key);
    if (!sorted) {
      const words: string[] = [];
      const ids: number[] = [];
      for (let i = 0; i < this.termCount; i++) {
        if (this.a.df[i]! < floor) continue;
        words.push(this.surface(i));
        ids.push(i);
        for (const w of this.otherForms(i).slice(0, forms - 1)) {
          words.push(w);
          ids.push(i);
        }
      }
      const order = ids.map((_, k) => k).sort((x, y) => (words[x]! < words[y]! ? -1 : words[x]! > words[y]! ? 1 : 0));
      sorted = { words: order.map((k) => words[k]!), ids: Int32Array.from(order, (k) => ids[k]!) };
      this.surfaceTiers.set(key, sorted);
    }
    // a term written several ways is as near as its nearest written word
    const best = new Map<number, number>();
    for (const [k, d] of closeEntries(sorted.words, word, maxDistance, transpositions)) {
      const id = sorted.ids[k]!;
      if (minDf > 0 && this.a.df[id]! < minDf) continue;
      const was = best.get(id);
      if (was === undefined || d < was) best.set(id, d);
    }
    return [...best].map(([id, d]): [string, number] => [this.list[id]!, d]);
  }
}

/**
 * Positions in the sorted `list` of the entries within `maxDistance` edits of `word`, with their
 * distance (Levenshtein, and with `transpositions` a swap of two neighbouring letters as one edit).
 * The walk shares the rows of a common prefix and skips every entry under a prefix already out of reach.
 */
function closeEntries(list: readonly string[], word: string, maxDistance: number, transpositions: boolean): Array<[number, number]> {
  const m = word.length;
  const out: Array<[number, number]> = [];
  // rows[k]: edit distances between word[0..j) and the current prefix of length k
  const rows: Int32Array[] = [Int32Array.from({ length: m + 1 }, (_, j) => j)];
  let path = ''; // the prefix rows[1..] were computed for
  let valid = 0; // rows[0..valid] are valid for path[0..valid)
  let i = 0;
  outer: while (i < list.length) {
    const t = list[i]!;
    let k = 0;
    const lim = Math.min(valid, t.length);
    while (k < lim && t.charCodeAt(k) === path.charCodeAt(k)) k++;
    for (; k < t.length; k++) {
      const prev = rows[k]!;
      let row = rows[k + 1];
      if (!row) rows[k + 1] = row = new Int32Array(m + 1);
      row[0] = k + 1;
      let min = row[0];
      const c = t.charCodeAt(k);
      const before = transpositions && k > 0 ? rows[k - 1]! : null;
      const p = k > 0 ? t.charCodeAt(k - 1) : -1;
      for (let j = 1; j <= m; j++) {
        const sub = prev[j - 1]! + (word.charCodeAt(j - 1) === c ? 0 : 1);
        let v = Math.min(sub, prev[j]! + 1, row[j - 1]! + 1);
        // two neighbouring letters swapped ("nucelar") is one edit (optimal string alignment)
        if (before && j > 1 && c === word.charCodeAt(j - 2) && p === word.charCodeAt(j - 1) && c !== p) v = Math.min(v, before[j - 2]! + 1);
        row[j] = v;
        if (v < min) min = v;
      }
      if (min > maxDistance) {
        // nothing under this prefix can come within reach (a swap's cell is bounded by this row's
        // substitution cell): skip every entry that starts with it
        const prefix = t.slice(0, k + 1);
        path = t;
        valid = k;
        let lo = i + 1;
        let hi = list.length;
        while (lo < hi) {
          const mid = (lo + hi) >>> 1;
          if (list[mid]!.startsWith(prefix)) lo = mid + 1;
          else hi = mid;
        }
        i = lo;
        continue outer;
      }
    }
    path = t;
    valid = t.length;
    const d = rows[t.length]![m]!;
    if (d <= maxDistance) out.push([i, d]);
    i++;
  }
  return out;
}

/** Document frequencies above which fuzzy lookups walk a dictionary of the frequent terms only. */
const FREQUENT_TIERS = [32, 512, 8192];

/** First index in [lo, hi) whose value is ≥ x (arr ascending). */
/**
 * Document frequency of each term: passages holding it in the text or the metadata field (the
 * union of its two sorted posting lists).
 */
export function documentFrequencies(
  T: number,
  textOff: ArrayLike<number>,
  textG: ArrayLike<number>,
  metaOff: ArrayLike<number>,
  metaG: ArrayLike<number>,
): Uint32Array {
  const df = new Uint32Array(T);
  for (let t = 0; t < T; t++) {
    let i = textOff[t]!;
    let j = metaOff[t]!;
    const ie = textOff[t + 1]!;
    const je = metaOff[t + 1]!;
    let n = 0;
    while (i < ie && j < je) {
      const a = textG[i]!;
      const b = metaG[j]!;
      if (a <= b) i++;
      if (b <= a) j++;
      n++;
    }
    df[t] = n + (ie - i) + (je - j);
  }
  return df;
}

export function lowerBound(arr: Int32Array, lo: number, hi: number, x: number): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (arr[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** One partition's frozen postings, local to its dictionary (terms sorted), before merging. */
export type PartFrozen = Pick<IndexArrays, 'textOff' | 'textG' | 'textTf' | 'metaOff' | 'metaG' | 'metaTf'> & { terms: string[] };

/**
 * Merges partitions (in passage order: partition i's passages all precede partition i+1's) into
 * one frozen index. `surface` gives a term's surface word; lengths are per global passage.
 */
export function mergeParts(
  parts: readonly PartFrozen[],
  lenText: Uint32Array,
  lenMeta: Uint32Array,
  surface: (term: string) => string | undefined,
): IndexArrays {
  const all = new Set<string>();
  for (const p of parts) for (const t of p.terms) all.add(t);
  const terms = [...all].sort();
  all.clear();
  const T = terms.length;
  const id = new Map<string, number>();
  terms.forEach((t, i) => id.set(t, i));
  const local = parts.map((p) => Int32Array.from(p.terms, (t) => id.get(t)!));
  const textOff = new Uint32Array(T + 1);
  const metaOff = new Uint32Array(T + 1);
  parts.forEach((p, pi) => {
    const map = local[pi]!;
    for (let i = 0; i < map.length; i++) {
      const k = map[i]! + 1;
      textOff[k] = textOff[k]! + p.textOff[i + 1]! - p.textOff[i]!;
      metaOff[k] = metaOff[k]! + p.metaOff[i + 1]! - p.metaOff[i]!;
    }
  });
  for (let i = 0; i < T; i++) {
    textOff[i + 1] = textOff[i + 1]! + textOff[i]!;
    metaOff[i + 1] = metaOff[i + 1]! + metaOff[i]!;
  }
  const textG = new Int32Array(textOff[T]!);
  const textTf = new Uint16Array(textOff[T]!);
  const metaG = new Int32Array(metaOff[T]!);
  const metaTf = new Uint16Array(metaOff[T]!);
  const tc = textOff.slice(0, T);
  const mc = metaOff.slice(0, T);
  parts.forEach((p, pi) => {
    const map = local[pi]!;
    for (let i = 0; i < map.length; i++) {
      const gid = map[i]!;
      const [ta, tb] = [p.textOff[i]!, p.textOff[i + 1]!];
      textG.set(p.textG.subarray(ta, tb), tc[gid]!);
      textTf.set(p.textTf.subarray(ta, tb), tc[gid]!);
      tc[gid] = tc[gid]! + tb - ta;
      const [ma, mb] = [p.metaOff[i]!, p.metaOff[i + 1]!];
      metaG.set(p.metaG.subarray(ma, mb), mc[gid]!);
      metaTf.set(p.metaTf.subarray(ma, mb), mc[gid]!);
      mc[gid] = mc[gid]! + mb - ma;
    }
  });
  const df = documentFrequencies(T, textOff, textG, metaOff, metaG);
  const enc = new TextEncoder();
  return {
    terms: enc.encode(terms.join('\n')),
    surface: enc.encode(terms.map((t) => surface(t) ?? '').join('\n')),
    df,
    textOff,
    textG,
    textTf,
    metaOff,
    metaG,
    metaTf,
    lenText,
    lenMeta,
  };
}
