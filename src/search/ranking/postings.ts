/**
 * Walks over the frozen postings (src/index/frozen.ts) for ranking: one term's allowed passages with
 * their BM25F term frequency, and the passages holding every one of several terms. Names as in the
 * glossary of ./rank.ts.
 */
import { lowerBound, type PostingRange } from '../../index/frozen.ts';
import type { Corpus } from '../corpus.ts';

/**
 * Per-passage check of the filters, for what routing and the posting walk cannot decide alone:
 * passage `g` in partition `pi`; null when every routed passage is allowed (src/search/filters.ts).
 */
export type PassageCheck = ((g: number, pi: number) => boolean) | null;

/** No postings: a field left out. */
const NO_POSTINGS: PostingRange = { g: new Int32Array(0), tf: new Uint16Array(0), start: 0, end: 0 };

/** Receives a passage, its tfNorm (Σ over fields of field weight × tf / length norm) and whether its text holds the term. */
export type PostingVisitor = (g: number, tfNorm: number, inText: boolean) => void;

/** Candidates holding every required term, and their documents' passage ranges. */
export interface Conjunction {
  /** The allowed passages whose text holds every term, ascending. */
  cands: number[];
  /** Their documents' passage ranges as (start, end, partition) triples, ascending. */
  ranges: number[];
}

/**
 * Calls `fn(g, Σ_f w_f·tf_f / norm_f)` once for each allowed passage holding `term` (text and
 * metadata postings merged). Only the routed partitions' ranges of the postings are read; when
 * the filters leave few passages (`allowed`, ascending), those are looked up in the postings instead.
 * With `textOnly`, the metadata postings are left out: only passages whose text holds the term.
 */
export function forEachPosting(
  c: Corpus,
  term: string,
  routed: readonly number[],
  allowed: readonly number[] | null,
  allow: PassageCheck,
  fn: PostingVisitor,
  textOnly = false,
): void {
  const id = c.index.termId(term);
  if (id < 0) return;
  const wText = c.opts.fields.text;
  const wMeta = c.opts.fields.meta;
  const { normText, normMeta } = c;
  for (const pi of routed) {
    const part = c.parts[pi]!;
    const text = c.index.postings(id, 'text', part.start, part.end);
    const meta = textOnly ? NO_POSTINGS : c.index.postings(id, 'meta', part.start, part.end);
    const size = text.end - text.start + meta.end - meta.start;
    if (size === 0) continue;
    // the filter's passages in this partition
    const kFrom = allowed ? lowerBoundOf(allowed, part.start) : 0;
    const kTo = allowed ? lowerBoundOf(allowed, part.end) : 0;
    if (allowed && kFrom === kTo) continue;
    if (allowed && (kTo - kFrom) * 8 < size) {
      // the filter leaves few passages: look each up in the postings
      let i = text.start;
      let j = meta.start;
      for (let k = kFrom; k < kTo; k++) {
        const g = allowed[k]!;
        // the allowed passages ascend: gallop from the last position rather than search the rest anew
        i = gallop(text.g, i, text.end, g);
        j = gallop(meta.g, j, meta.end, g);
        const a = i < text.end && text.g[i] === g ? text.tf[i]! : 0;
        const b = j < meta.end && meta.g[j] === g ? meta.tf[j]! : 0;
        if ((a || b) && (!allow || allow(g, pi))) fn(g, (wText * a) / normText[g]! + (wMeta * b) / normMeta[g]!, a > 0);
      }
      continue;
    }
    const tg = text.g;
    const mg = meta.g;
    let i = text.start;
    let j = meta.start;
    while (i < text.end || j < meta.end) {
      const a = i < text.end ? tg[i]! : 0x7fffffff;
      const b = j < meta.end ? mg[j]! : 0x7fffffff;
      const g = a < b ? a : b;
      let t = 0;
      if (a === g) t += (wText * text.tf[i++]!) / normText[g]!;
      if (b === g) t += (wMeta * meta.tf[j++]!) / normMeta[g]!;
      if (allow && !allow(g, pi)) continue;
      fn(g, t, a === g);
    }
  }
}

/**
 * The allowed passages whose text holds every one of `terms` (ascending, partition by partition):
 * the rarest term's postings, each looked up in the others' (galloping from a moving cursor).
 */
export function conjunctive(c: Corpus, terms: readonly string[], routed: readonly number[], allow: PassageCheck): Conjunction {
  const cands: number[] = [];
  const ranges: number[] = [];
  const ids = terms.map((t) => c.index.termId(t));
  if (ids.some((id) => id < 0)) return { cands, ranges };
  const { docOf, docs } = c.store;
  let lastDoc = -1;
  for (const pi of routed) {
    const part = c.parts[pi]!;
    const lists = ids.map((id) => c.index.postings(id, 'text', part.start, part.end)).sort((x, y) => x.end - x.start - (y.end - y.start));
    const [first, ...rest] = lists;
    if (!first || first.start === first.end) continue;
    const at = rest.map((r) => r.start);
    next: for (let i = first.start; i < first.end; i++) {
      const g = first.g[i]!;
      for (let k = 0; k < rest.length; k++) {
        const r = rest[k]!;
        const j = (at[k] = gallop(r.g, at[k]!, r.end, g));
        if (j >= r.end) break next;
        if (r.g[j] !== g) continue next;
      }
      if (allow && !allow(g, pi)) continue;
      cands.push(g);
      const d = docOf[g]!;
      if (d !== lastDoc) {
        lastDoc = d;
        const doc = docs[d]!;
        ranges.push(Math.max(doc.first, part.start), Math.min(doc.first + doc.count, part.end), pi);
      }
    }
  }
  return { cands, ranges };
}

/**
 * {@link forEachPosting} over the passage ranges of a {@link conjunctive} result only (same
 * per-passage value, same order within a passage's fields; `textOnly` as there).
 */
export function forEachPostingIn(
  c: Corpus,
  term: string,
  ranges: readonly number[],
  allow: PassageCheck,
  fn: PostingVisitor,
  textOnly = false,
): void {
  const id = c.index.termId(term);
  if (id < 0 || ranges.length === 0) return;
  const wText = c.opts.fields.text;
  const wMeta = c.opts.fields.meta;
  const { normText, normMeta } = c;
  const text = c.index.postings(id, 'text');
  const meta = textOnly ? NO_POSTINGS : c.index.postings(id, 'meta');
  const tg = text.g;
  const mg = meta.g;
  let i = text.start;
  let j = meta.start;
  let prevEnd = 0;
  for (let r = 0; r < ranges.length; r += 3) {
    const s = ranges[r]!;
    const e = ranges[r + 1]!;
    const pi = ranges[r + 2]!;
    if (s < prevEnd) {
      i = text.start;
      j = meta.start;
    }
    prevEnd = e;
    i = gallop(tg, i, text.end, s);
    j = gallop(mg, j, meta.end, s);
    for (;;) {
      const a = i < text.end && tg[i]! < e ? tg[i]! : 0x7fffffff;
      const b = j < meta.end && mg[j]! < e ? mg[j]! : 0x7fffffff;
      if (a === 0x7fffffff && b === 0x7fffffff) break;
      const g = a < b ? a : b;
      let t = 0;
      if (a === g) t += (wText * text.tf[i++]!) / normText[g]!;
      if (b === g) t += (wMeta * meta.tf[j++]!) / normMeta[g]!;
      if (allow && !allow(g, pi)) continue;
      fn(g, t, a === g);
    }
  }
}

/** True when passage g lies in one of `ranges` ((start, end, partition) triples, ascending by start). */
export function inRanges(ranges: readonly number[], g: number): boolean {
  let lo = 0;
  let hi = ranges.length / 3;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (ranges[mid * 3 + 1]! <= g) lo = mid + 1;
    else hi = mid;
  }
  return lo < ranges.length / 3 && ranges[lo * 3]! <= g;
}

/** First index of a sorted number array whose value is ≥ x. */
export function lowerBoundOf(arr: readonly number[], x: number): number {
  let lo = 0;
  let hi = arr.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (arr[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** First index in `arr[lo, hi)` (sorted) whose value is ≥ x: exponential steps from `lo`, then binary search. */
function gallop(arr: Int32Array, lo: number, hi: number, x: number): number {
  if (lo >= hi || arr[lo]! >= x) return lo;
  let step = 1;
  let prev = lo;
  let at = lo + 1;
  while (at < hi && arr[at]! < x) {
    prev = at;
    step *= 2;
    at = prev + step;
  }
  return lowerBound(arr, prev + 1, Math.min(at + 1, hi), x);
}
