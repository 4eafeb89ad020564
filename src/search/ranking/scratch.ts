/**
 * The per-query working memory of ranking, allocated once per engine and reused (a search runs
 * synchronously, so one query at a time uses it). Every stage that writes here records what it
 * touched, and {@link Scratch.reset} clears exactly that, so a query costs what it touches, not the
 * library's size.
 */
export class Scratch {
  /** Per passage: its BM25F score so far. */
  readonly score: Float64Array;
  /** Per passage: which query words it holds (bit i: word i; the top bit alone: only words past the 31st or phrase words). */
  readonly mask: Uint32Array;
  /** Per passage: which query words its text holds (as `mask`, without the metadata field). */
  readonly textMask: Uint32Array;
  /** Per document: the current query word's best contribution (over the terms standing for it). */
  readonly wordBest: Float64Array;
  /** Per document: the current term's normalised tf summed over the document's passages. */
  readonly termTf: Float64Array;
  /** Per document: the summed best contributions of the query words scored so far (document evidence). */
  readonly docScore: Float64Array;
  /** Passages with a score or mask set, in the order first reached. */
  readonly touched: number[] = [];
  /** Documents with a `wordBest` set for the current word. */
  readonly wordDocs: number[] = [];
  /** Documents with a `docScore` set. */
  readonly docsTouched: number[] = [];
  /** Documents with a `termTf` set for the current term. */
  readonly termDocs: number[] = [];

  constructor(passages: number, documents: number) {
    this.score = new Float64Array(passages);
    this.mask = new Uint32Array(passages);
    this.textMask = new Uint32Array(passages);
    this.wordBest = new Float64Array(documents);
    this.termTf = new Float64Array(documents);
    this.docScore = new Float64Array(documents);
  }

  /** Clears what the last query touched. */
  reset(): void {
    const { score, mask, textMask, docScore, wordBest, termTf } = this;
    for (const g of this.touched) {
      score[g] = 0;
      mask[g] = 0;
      textMask[g] = 0;
    }
    for (const d of this.docsTouched) docScore[d] = 0;
    for (const d of this.wordDocs) wordBest[d] = 0;
    for (const d of this.termDocs) termTf[d] = 0;
    this.touched.length = 0;
    this.termDocs.length = 0;
    this.docsTouched.length = 0;
    this.wordDocs.length = 0;
  }
}
