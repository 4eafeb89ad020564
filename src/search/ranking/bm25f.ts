/**
 * BM25F scoring: each query word's term (or, for a defined acronym, the acronym and its long form
 * as one term) and the expansions standing in for it are scored into the scratch, the text and
 * metadata fields summed per passage before saturation; then each passage gets document evidence,
 * its document's own BM25: per term, the passages' normalised tf summed and brought to the
 * document's length norm, saturated once and weighted by the term's idf among documents (a long
 * document is one text, not its best paragraph).
 */
import { idfOf, type Corpus } from '../corpus.ts';
import type { QueryPlan } from './plan.ts';
import { heldByNameOnly, stemsLikeName } from './names.ts';
import { forEachPosting, forEachPostingIn, conjunctive, inRanges, type Conjunction, type PostingVisitor } from './postings.ts';
import type { Scratch } from './scratch.ts';

export interface Scored {
  /** Each scored term's idf (the highest it was scored with), for the proximity re-rank. */
  idfOf: Map<string, number>;
  /** The time budget ran out while scoring: later terms were not scored. */
  cut: boolean;
}

/** Scores the plan's words, then its phrases' words, into `s`; only `required`'s documents when given. */
export function scoreBm25f(c: Corpus, plan: QueryPlan, s: Scratch, required: Conjunction | null): Scored {
  const scorer = new Bm25fScorer(c, plan, s, required);
  for (const w of plan.words) {
    if (w.longForm) scorer.acronym(w.term, w.longForm, w.qw, w.bit, w.compound);
    else scorer.term(w.term, w.qw, w.bit, true, stemsLikeName(c.store, w.raw, w.term));
    // a rank-only stand-in scores but sets no word bit: a passage holding only "solar" does not hold
    // "sun" for the all-words-first tier (as feedback terms do not)
    // a guess at a word the library holds ("looking" for "cooking", "reaching" for "bleaching") is
    // no mention of it either: it scores, below the word, and the passages holding the words as
    // typed come first (rank.ts)
    for (const e of w.expansions) scorer.term(e.term, w.qw * e.weight, e.rankOnly || e.guess ? NO_BIT : w.bit);
    scorer.endWord();
  }
  // phrase words rank too (a quoted phrase's rare words are evidence like any other)
  const seen = new Set(plan.words.map((w) => w.term));
  for (const t of plan.phraseContent) {
    if (seen.has(t)) continue;
    seen.add(t);
    scorer.term(t, 1, -1);
    scorer.endWord();
  }
  // a phrase's compound slot scores as a hyphenated word does: its closed term or its parts together
  for (const k of plan.phraseCompounds) {
    if (seen.has(k.term)) continue;
    seen.add(k.term);
    if (k.parts.length) scorer.acronym(k.term, k.parts, 1, -1, true);
    else scorer.term(k.term, 1, -1);
    scorer.endWord();
  }
  scorer.addDocumentEvidence();
  return { idfOf: scorer.idfOf, cut: scorer.cut };
}

/** The bit of a term that scores without standing for a query word in the passage mask. */
const NO_BIT = -2;

class Bm25fScorer {
  readonly idfOf = new Map<string, number>();
  cut = false;
  private readonly k1: number;
  /** Weight of document evidence (0: none). */
  private readonly docWeight: number;
  /** The query walks every passage of each term's postings (no filter, no required words). */
  private readonly wholeLibrary: boolean;
  /** The share of the way a passage's score moves up to its document's BM25 … */
  private readonly towardDocument: number;
  /** … in documents of at most this many passages (any size for a description). */
  private readonly towardMaxPassages: number;

  constructor(
    private readonly c: Corpus,
    private readonly plan: QueryPlan,
    private readonly s: Scratch,
    private readonly required: Conjunction | null,
  ) {
    this.k1 = c.opts.bm25.k1;
    this.docWeight = c.opts.document.weight;
    this.wholeLibrary = !required && plan.allow === null && plan.restriction.passages === null && plan.routed.length === c.parts.length;
    // a description (as many ranked words as feedback asks) states a topic, which a whole document
    // covers; a short document (an article) is one topic, whatever the query
    this.towardDocument = c.opts.document.towardDocument;
    this.towardMaxPassages = plan.words.length >= c.opts.prf.minWords ? Infinity : c.opts.document.shortDocumentPassages;
  }

  /** Adds a term's BM25 contribution (tfNorm `t`, weight × idf `wi`) to passage g, and its tf to its document's. */
  private visit(g: number, t: number, wi: number, bit: number, inText: boolean): void {
    const { score, mask, textMask, touched, termTf, termDocs } = this.s;
    const k1 = this.k1;
    if (mask[g] === 0 && score[g] === 0) touched.push(g);
    score[g] = score[g]! + (wi * t * (k1 + 1)) / (t + k1);
    if (this.docWeight > 0) {
      const d = this.c.store.docOf[g]!;
      if (termTf[d] === 0) termDocs.push(d);
      termTf[d] = termTf[d]! + t * this.c.toDocNorm[g]!;
    }
    if (bit >= 0) {
      mask[g]! |= 1 << bit;
      if (inText) textMask[g]! |= 1 << bit;
    } else if (bit !== NO_BIT && mask[g] === 0) mask[g] = 0x80000000;
  }

  /**
   * Closes a term: each document's tf (its passages' normalised tf summed at the document's length
   * norm), saturated and weighted `wi` (query weight × the term's idf among documents, as a
   * document's own BM25 counts it), bids for the word's document score.
   */
  private endTerm(wi: number): void {
    const { termTf, termDocs, wordBest, wordDocs } = this.s;
    const k1 = this.k1;
    for (const d of termDocs) {
      const t = termTf[d]!;
      termTf[d] = 0;
      const contribution = (wi * t * (k1 + 1)) / (t + k1);
      if (wordBest[d] === 0) wordDocs.push(d);
      if (contribution > wordBest[d]!) wordBest[d] = contribution;
    }
    termDocs.length = 0;
  }

  /** Every allowed passage holding `term` (within the required documents, if any). */
  private postings(term: string, fn: PostingVisitor): void {
    const { plan, required } = this;
    if (required) forEachPostingIn(this.c, term, required.ranges, plan.allow, fn);
    else forEachPosting(this.c, term, plan.routed, plan.restriction.passages, plan.allow, fn);
  }

  /**
   * Scores one term with query weight `weight` for the word of bit `bit` (-1: a phrase word; NO_BIT:
   * no word's); `inText` false: its mentions in a passage's text do not count as the word's there;
   * `notName`: the word only stems like a speaker's name (./names.ts), which does not hold it.
   */
  term(term: string, weight: number, bit: number, inText = true, notName = false): void {
    const idf = this.c.idf(term);
    this.idfOf.set(term, Math.max(this.idfOf.get(term) ?? 0, idf));
    if (performance.now() > this.plan.deadline) {
      this.cut = true;
      return;
    }
    // the walk gives each passage once, its fields already summed (BM25F)
    const wi = weight * idf;
    const byName = notName ? heldByNameOnly(this.c.store, term) : null;
    this.postings(term, (g, t, text) => {
      if (!text && byName?.(g)) return;
      this.visit(g, t, wi, bit, text && inText);
    });
    // a walk over the whole library has just counted the documents holding the term: no second walk
    if (this.docWeight > 0 && this.wholeLibrary) this.c.knowDocDf(term, this.s.termDocs.length);
    this.endTerm(this.docWeight > 0 ? weight * this.c.docIdf(term) : 0);
  }

  /**
   * A defined acronym and its long form as one term: passages holding the acronym or every word of
   * the long form, tf the sum of the acronym's and the long form's (its rarest word's count),
   * idf from the passages holding either. A hyphenated compound's closed term and its parts
   * (`compound`) likewise, but tf the larger of the two: the index holds each hyphenated
   * compound under its closed term too, so its parts count the same occurrences again.
   */
  acronym(term: string, long: string[], weight: number, bit: number, compound = false): void {
    if (performance.now() > this.plan.deadline) {
      this.cut = true;
      return;
    }
    const { c, plan, required } = this;
    const tfNorm = new Map<number, number>();
    const inText = new Set<number>();
    const add = (g: number, t: number, text: boolean): void => {
      tfNorm.set(g, (tfNorm.get(g) ?? 0) + t);
      if (text) inText.add(g);
    };
    this.postings(term, add);
    const spelled = conjunctive(c, long, plan.routed, plan.allow).cands;
    const ids = long.map((t) => c.index.termId(t));
    const wText = c.opts.fields.text;
    let both = 0;
    for (const g of spelled) {
      if (required && !inRanges(required.ranges, g)) continue;
      let f = Infinity;
      for (const id of ids) f = Math.min(f, c.index.tf(id, 'text', g));
      const t = (wText * f) / c.normText[g]!;
      const had = tfNorm.get(g);
      if (had !== undefined) both++;
      if (compound) {
        tfNorm.set(g, Math.max(had ?? 0, t));
        inText.add(g);
      } else add(g, t, true);
    }
    const N = c.passageCount;
    const df = Math.min(N, c.df(term) + spelled.length - both);
    const idf = idfOf(N, df);
    this.idfOf.set(term, Math.max(this.idfOf.get(term) ?? 0, idf));
    for (const [g, t] of tfNorm) this.visit(g, t, weight * idf, bit, inText.has(g));
    // among documents: those holding the acronym, or (as far as the filters let us see) its long form
    const docDf = Math.max(c.docDf(term), this.s.termDocs.length);
    this.endTerm(weight * idfOf(c.documentCount, docDf));
  }

  /** Closes the current query word: its best term's contribution per document joins the document's score. */
  endWord(): void {
    const { wordDocs, wordBest, docScore, docsTouched } = this.s;
    for (const d of wordDocs) {
      if (docScore[d] === 0) docsTouched.push(d);
      docScore[d] = docScore[d]! + wordBest[d]!;
      wordBest[d] = 0;
    }
    wordDocs.length = 0;
  }

  /**
   * Each scored passage gains its document's evidence, weighted; a passage of a document of several
   * passages (at most `shortDocumentPassages` of them, unless the query is a description) also moves
   * `towardDocument` of the way up to its document's BM25 when that is higher (the document as a
   * whole covers the topic; a one-passage document is its passage).
   */
  addDocumentEvidence(): void {
    if (this.docWeight <= 0) return;
    const { touched, score, docScore } = this.s;
    const { docOf, docs } = this.c.store;
    const toward = this.towardDocument;
    for (const g of touched) {
      const d = docOf[g]!;
      const doc = docScore[d]!;
      const own = score[g]!;
      const lift = toward > 0 && doc > own && docs[d]!.count > 1 && docs[d]!.count <= this.towardMaxPassages ? toward * (doc - own) : 0;
      score[g] = own + this.docWeight * doc + lift;
    }
  }
}
