/**
 * The re-rank of the best candidates, from their text: they gain a score for pairs of distinct
 * query words near each other (proximity), for a keyword query one for the query words standing
 * together in their best sentence-sized window (span coverage), the first passage of a document
 * without a title one for the query words its opening names (opening coverage), and, for a query
 * asking for a quantity, a lift when they state one (./answer-type.ts); then they are ordered again. Only the
 * best `proximity.depth` are re-ranked, whatever the page: pages stay consistent, and the passages
 * below keep scores no higher than those above (each part only raises a score).
 */
import { termPositions } from '../../index/analyzer.ts';
import type { Corpus } from '../corpus.ts';
import { countsUnit, holdsQuantity } from './answer-type.ts';
import type { QueryPlan } from './plan.ts';
import { speakerFactor } from './speaker.ts';
import type { Scratch } from './scratch.ts';
import type { RankedWord } from './words.ts';

/** Where a passage's query words stand: indexed-word positions, each with its query word's bit. */
type Positions = ReturnType<typeof termPositions>;

/**
 * Re-ranks the head of `order` in place (proximity, span and opening coverage, answer type); returns false when
 * the time budget ran out before every passage of the head was re-scored.
 */
export function rerankHead(
  c: Corpus,
  plan: QueryPlan,
  s: Scratch,
  head: number[],
  idfOf: ReadonlyMap<string, number>,
  cmp: (a: number, b: number) => number,
): boolean {
  const { words, deadline } = plan;
  const prox = c.opts.proximity.depth;
  const lift = plan.wantsQuantity ? c.opts.answerType.weight : 0;
  const unitLift = c.opts.answerType.unit;
  const units = new Set(unitLift > 0 ? plan.countedUnits : []);
  if ((words.length <= 1 && lift === 0) || prox <= 0) return true;
  const termBit = new Map<string, number>();
  words.forEach((w, i) => {
    termBit.set(w.term, i);
    for (const e of w.expansions) termBit.set(e.term, i);
  });
  const span = c.opts.span;
  const spans = words.length > 2 && span.weight > 0 && words.length <= span.maxWords;
  const pairWeight = spans ? span.pairs : 1;
  const opening = c.opts.opening;
  const worth = spans || opening.weight > 0 ? wordWorth(c, words, idfOf) : [];
  const whole = worth.reduce((a, b) => a + b, 0);
  let complete = true;
  const top = head.slice(0, prox);
  for (const g of top) {
    if (performance.now() > deadline) {
      complete = false;
      break;
    }
    const text = c.store.text(g);
    if (words.length > 1) {
      const at = termPositions(text, termBit);
      // the named speaker's lift applies to what the re-rank adds too (./speaker.ts)
      const f = speakerFactor(c, plan, s, g);
      s.score[g] = s.score[g]! + f * pairWeight * proximity(c, at, words, idfOf);
      if (spans) s.score[g] = s.score[g]! + f * spanCoverage(c, at, worth, whole);
      if (opening.weight > 0 && namedByOpening(c, g)) s.score[g] = s.score[g]! + f * openingCoverage(at, worth, whole, opening);
    }
    if (lift > 0 && holdsQuantity(text)) s.score[g] = s.score[g]! * (1 + lift + (units.size && countsUnit(text, units) ? unitLift : 0));
  }
  top.sort(cmp);
  head.splice(0, top.length, ...top);
  return complete;
}

/**
 * Term proximity: pairs of distinct query words within `window` indexed (non-stop) words of each
 * other count as a pseudo-term, weighted by the pair's mean idf and saturated as BM25 saturates tf.
 */
function proximity(c: Corpus, at: Positions, words: readonly RankedWord[], idfOf: ReadonlyMap<string, number>): number {
  const { window, weight, adjacentOnly } = c.opts.proximity;
  const { k1 } = c.opts.bm25;
  const b = c.textB;
  const { pos, bits, count: n } = at;
  if (pos.length < 2) return 0;
  const W = words.length;
  const tf = new Float64Array(W * W);
  for (let i = 0; i < pos.length; i++) {
    for (let j = i + 1; j < pos.length && pos[j]! - pos[i]! <= window; j++) {
      const a = Math.min(bits[i]!, bits[j]!);
      const z = Math.max(bits[i]!, bits[j]!);
      if (a === z || (adjacentOnly && z - a !== 1)) continue;
      tf[a * W + z] = tf[a * W + z]! + 1;
    }
  }
  const K = k1 * (1 - b + (b * n) / c.avgText);
  let sum = 0;
  for (let a = 0; a < W; a++) {
    for (let z = a + 1; z < W; z++) {
      const f = tf[a * W + z]!;
      if (f === 0) continue;
      const idf = ((idfOf.get(words[a]!.term) ?? 0) + (idfOf.get(words[z]!.term) ?? 0)) / 2;
      sum += (weight * idf * f * (k1 + 1)) / (f + K);
    }
  }
  return adjacentOnly ? sum : (sum * 2) / W;
}

/**
 * What each query word is worth to span coverage: its own idf when the library holds it, else its
 * best stand-in's (a misspelt word's own idf is that of a term no passage holds).
 */
function wordWorth(c: Corpus, words: readonly RankedWord[], idfOf: ReadonlyMap<string, number>): number[] {
  return words.map((w) => {
    let v = c.df(w.term) > 0 ? (idfOf.get(w.term) ?? 0) : 0;
    for (const e of w.expansions) v = Math.max(v, (idfOf.get(e.term) ?? 0) * e.weight);
    return v;
  });
}

/**
 * Span coverage: m² / M × weight, where m is the worth (see {@link wordWorth}) of the distinct query
 * words in the passage's best window of `span.window` indexed words and M (`whole`) the whole
 * query's (m × the share of the query the window covers). Zero when no window holds two distinct
 * query words.
 */
function spanCoverage(c: Corpus, at: Positions, worth: readonly number[], whole: number): number {
  const { window, weight } = c.opts.span;
  const { pos, bits } = at;
  if (pos.length < 2 || whole <= 0) return 0;
  // a sliding window over the positions: count of each word inside, worth of those present
  const inside = new Int32Array(worth.length);
  let mass = 0;
  let distinct = 0;
  let best = 0;
  for (let hi = 0, lo = 0; hi < pos.length; hi++) {
    const h = bits[hi]!;
    inside[h] = inside[h]! + 1;
    if (inside[h] === 1) {
      mass += worth[h]!;
      distinct++;
    }
    while (pos[hi]! - pos[lo]! >= window) {
      const l = bits[lo++]!;
      inside[l] = inside[l]! - 1;
      if (inside[l] === 0) {
        mass -= worth[l]!;
        distinct--;
      }
    }
    if (distinct >= 2 && mass > best) best = mass;
  }
  return (weight * best * best) / whole;
}

/**
 * Whether passage g opens a document that has no title, whose opening then names it: a short one
 * (at most `document.shortDocumentPassages` passages: an abstract, an article). A speech or a
 * report opens with its salutation or its occasion, which name the speaker's country and the
 * meeting, not what a question asks of it.
 */
function namedByOpening(c: Corpus, g: number): boolean {
  const d = c.store.doc(g);
  return g === d.first && !d.meta.title && d.count <= c.opts.document.shortDocumentPassages;
}

/**
 * Opening coverage: weight × m² / M, m the worth (see {@link wordWorth}) of the distinct query words
 * among the passage's first `words` indexed words, M (`whole`) the whole query's. Zero unless two
 * distinct query words stand there.
 */
function openingCoverage(
  at: Positions,
  worth: readonly number[],
  whole: number,
  { weight, words }: { readonly weight: number; readonly words: number },
): number {
  const { pos, bits } = at;
  if (whole <= 0) return 0;
  const seen = new Uint8Array(worth.length);
  let m = 0;
  let distinct = 0;
  for (let i = 0; i < pos.length && pos[i]! < words; i++) {
    const b = bits[i]!;
    if (seen[b]) continue;
    seen[b] = 1;
    m += worth[b]!;
    distinct++;
  }
  return distinct >= 2 ? (weight * m * m) / whole : 0;
}
