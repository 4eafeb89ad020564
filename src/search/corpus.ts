/**
 * What ranking reads about a library, fixed for an engine's life: the index state, the BM25 length
 * norms, term statistics, and the relations between terms that stand for each other (acronyms and
 * their long forms, country names and their adjectives, nouns and their adjectives).
 */
import { isLanguageTerm, tokens } from '../index/analyzer.ts';
import { longFormTerms, shortFormTerm } from '../index/acronyms.ts';
import type { FrozenIndex } from '../index/frozen.ts';
import type { IndexOptions } from '../index/options.ts';
import type { EngineState, Partition } from '../index/state.ts';
import type { LibraryStore } from '../index/store.ts';
import { countryWordsIn } from './country-words.ts';
import { pertainymsIn } from './wordnet-relations.ts';

/** An indexed term close to a query word, with its document frequency. */
export interface CloseTerm {
  term: string;
  distance: number;
  df: number;
}

export class Corpus {
  readonly opts: IndexOptions;
  readonly store: LibraryStore;
  readonly parts: readonly Partition[];
  readonly index: FrozenIndex;
  /** Passages in the library (BM25's N). */
  readonly passageCount: number;
  /** BM25 length normalisation 1 − b + b·len/avg per passage, for the text and the metadata field. */
  readonly normText: Float32Array;
  readonly normMeta: Float32Array;
  /** Mean text length (indexed words) of a passage. */
  readonly avgText: number;
  /** The text field's length normalisation b ({@link libraryTextB}). */
  readonly textB: number;
  /**
   * Per passage: its text length norm over its document's (1 − b + b·docLen/avgDocLen, docLen the
   * sum of the document's passages): a passage's normalised tf times this is its share of the
   * document's normalised tf, for document evidence (./ranking/bm25f.ts).
   */
  readonly toDocNorm: Float32Array;
  /** Documents in the library (document evidence's N). */
  readonly documentCount: number;
  /** Per term id: how many documents hold the term (text or metadata); −1 until first asked. */
  private readonly docDfOf: Int32Array;
  /** Per document: the last {@link docDf} walk that counted it. */
  private readonly docSeen: Int32Array;
  private docWalk = 0;
  /** Defined acronyms: short-form term → long-form content terms; and long forms (joined) → short-form term. */
  readonly longFormOf = new Map<string, string[]>();
  readonly shortFormOf = new Map<string, string>();
  /** Short-form term → the long form's terms, stop words included (for marking it as a phrase). */
  readonly longFormWords = new Map<string, string[]>();
  /** Country name term ↔ its adjectives' terms ("austria" ↔ "austrian"), where the library holds them. */
  readonly demonyms: ReadonlyMap<string, string[]> = new Map();
  /** Noun term → its adjectives' terms ("sun" → "solar"), where the library holds them (./wordnet-relations.ts). */
  readonly pertainyms: ReadonlyMap<string, string[]> = new Map();

  constructor(state: EngineState, options: IndexOptions) {
    this.opts = options;
    this.store = state.store;
    this.parts = state.partitions;
    this.index = state.index;
    const N = (this.passageCount = this.store.size);
    const { lenText, lenMeta } = this.index.a;
    let sumText = 0;
    let sumMeta = 0;
    for (let g = 0; g < N; g++) {
      sumText += lenText[g]!;
      sumMeta += lenMeta[g]!;
    }
    const avgText = (this.avgText = N ? sumText / N || 1 : 1);
    const avgMeta = N ? sumMeta / N || 1 : 1;
    const { b } = this.opts.bm25;
    this.normText = new Float32Array(N);
    this.normMeta = new Float32Array(N);
    const bText = (this.textB = libraryTextB(this.store, this.opts));
    for (let g = 0; g < N; g++) {
      this.normText[g] = 1 - bText + (bText * lenText[g]!) / avgText;
      this.normMeta[g] = 1 - b + (b * lenMeta[g]!) / avgMeta;
    }
    this.toDocNorm = docNormFactors(this.store, lenText, this.normText, b);
    this.documentCount = this.store.docs.length;
    this.docDfOf = new Int32Array(this.index.termCount).fill(-1);
    this.docSeen = new Int32Array(this.documentCount);
    if (this.opts.countryWords.weight > 0) this.demonyms = countryWordsIn((t) => this.df(t) > 0);
    if (this.opts.pertainyms.weight > 0) this.pertainyms = pertainymsIn((t) => this.df(t) > 0);
    if (this.opts.acronyms.enabled) {
      for (const a of state.acronyms) {
        const short = shortFormTerm(a.short);
        const long = longFormTerms(a.long);
        // an acronym that is mostly an ordinary word in the library ("LAWS": laws) stands for nothing
        if (!short || long.length < 2 || this.df(short) === 0 || a.uses < this.opts.acronyms.minCapitals * this.df(short)) continue;
        this.longFormOf.set(short, long);
        this.longFormWords.set(
          short,
          tokens(a.long).map((t) => t.term),
        );
        this.shortFormOf.set(long.join(' '), short);
      }
    }
  }

  /** Passages (text or metadata) holding `term`, over the whole library. */
  df(term: string): number {
    return this.index.df(this.index.termId(term));
  }

  idf(term: string): number {
    return idfOf(this.passageCount, this.df(term));
  }

  /**
   * Documents (text or metadata) holding `term`, over the whole library: counted from its postings
   * the first time a query asks, then remembered (the library is fixed for the corpus's life).
   */
  docDf(term: string): number {
    const id = this.index.termId(term);
    if (id < 0) return 0;
    const known = this.docDfOf[id]!;
    if (known >= 0) return known;
    const walk = ++this.docWalk;
    const { docOf } = this.store;
    let n = 0;
    for (const field of ['text', 'meta'] as const) {
      const r = this.index.postings(id, field);
      for (let i = r.start; i < r.end; i++) {
        const d = docOf[r.g[i]!]!;
        if (this.docSeen[d] === walk) continue;
        this.docSeen[d] = walk;
        n++;
      }
    }
    this.docDfOf[id] = n;
    return n;
  }

  /** Records how many documents hold `term` when a query has just counted them over the whole library. */
  knowDocDf(term: string, n: number): void {
    const id = this.index.termId(term);
    if (id >= 0 && this.docDfOf[id]! < 0) this.docDfOf[id] = n;
  }

  /** BM25's idf of `term` among documents, for document evidence. */
  docIdf(term: string): number {
    return idfOf(this.documentCount, this.docDf(term));
  }

  /** Passages whose text (not their metadata, which repeats a document's title in each) holds `term`. */
  textDf(term: string): number {
    const id = this.index.termId(term);
    if (id < 0) return 0;
    const r = this.index.postings(id, 'text');
    return r.end - r.start;
  }

  /** The folded word most often indexed as `term` ("climate" for climat); the term itself when unknown. */
  surfaceOf(term: string): string {
    const id = this.index.termId(term);
    return id < 0 ? term : this.index.surface(id);
  }

  /** Whether passage `g` holds `term`, in its text or its metadata. */
  inPassage(g: number, term: string): boolean {
    const id = this.index.termId(term);
    return id >= 0 && (this.index.tf(id, 'text', g) > 0 || this.index.tf(id, 'meta', g) > 0);
  }

  /** Whether passage `g`'s text (not its metadata: title, country, speaker, meeting) holds `term`. */
  inText(g: number, term: string): boolean {
    const id = this.index.termId(term);
    return id >= 0 && this.index.tf(id, 'text', g) > 0;
  }

  /**
   * Whether the library's text writes a hyphenated compound's closed form closed (`peacekeeping`
   * beside `peace-keeping`): the term is in the text field and its surface word, which prefers a
   * closed spelling, has no hyphen. Then the closed term, indexed for both spellings, finds what a
   * query's compound means. (Surfaces are taken from the text field only: a term only in titles
   * or metadata has none, which says nothing of its spelling.)
   */
  writtenClosed(term: string): boolean {
    const id = this.index.termId(term);
    if (id < 0) return false;
    const text = this.index.postings(id, 'text');
    return text.end > text.start && !this.index.surface(id).includes('-');
  }

  /**
   * Indexed terms within `maxDistance` edits (a swap of two neighbouring letters one edit, unless
   * `transpositions` is false), with their document frequency; only those of at least `minDf`
   * passages (the dictionary walk is skipped when no term is that frequent).
   */
  closeTerms(term: string, maxDistance: number, minDf = 1, transpositions = true): CloseTerm[] {
    if (minDf > this.index.maxDf) return [];
    return this.keptClose(this.index.fuzzyTerms(term, maxDistance, minDf, transpositions), minDf);
  }

  /**
   * Indexed terms whose usual written word is within `maxDistance` edits of the folded word `word`
   * (see {@link FrozenIndex.fuzzySurfaces}), as {@link closeTerms} gives them.
   */
  closeSurfaces(word: string, maxDistance: number, minDf = 1, transpositions = true): CloseTerm[] {
    if (minDf > this.index.maxDf) return [];
    return this.keptClose(this.index.fuzzySurfaces(word, maxDistance, minDf, transpositions, this.opts.fuzzy.forms), minDf);
  }

  /** Close terms a typo may be corrected to, with their document frequency. */
  private keptClose(close: Array<[string, number]>, minDf: number): CloseTerm[] {
    const out: CloseTerm[] = [];
    for (const [t, d] of close) {
      // a French or Spanish stem (fr:action) is no word to correct to ("fraction")
      if (d === 0 || isLanguageTerm(t)) continue;
      const df = this.df(t);
      // a rare term only ever written as a hyphenated compound (hell-bent) corrects no typo ("wellbeng");
      // a common one does (self-defence for "selfdefnce")
      if (df < HYPHENATED_ONLY_MIN_DF && this.index.surface(this.index.termId(t)).includes('-')) continue;
      if (df >= minDf) out.push({ term: t, distance: d, df });
    }
    return out;
  }
}

/** Passages a term only ever written hyphenated needs to be a typo's correction (see {@link Corpus.closeTerms}). */
const HYPHENATED_ONLY_MIN_DF = 50;

/** BM25's idf of a term held by `df` of `n` units (passages or documents). */
export function idfOf(n: number, df: number): number {
  return Math.log(1 + (n - df + 0.5) / (df + 0.5));
}

/**
 * The text field's length normalisation b of a library: `bm25.b` for a library of abstracts and
 * articles, `bm25.bLong` for one of speeches and reports (documents of more than
 * `document.shortDocumentPassages` passages), in between by the share of its passages that belong
 * to such documents. One b for every passage of the library, so that a short notice and a
 * speech's paragraph are weighed alike.
 */
export function libraryTextB(store: LibraryStore, opts: IndexOptions): number {
  const { b, bLong } = opts.bm25;
  const max = opts.document.shortDocumentPassages;
  let inLong = 0;
  let all = 0;
  for (const d of store.docs) {
    all += d.count;
    if (d.count > max) inLong += d.count;
  }
  return all ? b + ((bLong - b) * inLong) / all : b;
}

/** Each passage's text length norm divided by its document's (see {@link Corpus.toDocNorm}). */
function docNormFactors(store: LibraryStore, lenText: ArrayLike<number>, normText: Float32Array, b: number): Float32Array {
  const { docs, docOf } = store;
  const docLen = new Float64Array(docs.length);
  let sum = 0;
  docs.forEach((d, i) => {
    let len = 0;
    for (let g = d.first; g < d.first + d.count; g++) len += lenText[g]!;
    docLen[i] = len;
    sum += len;
  });
  const avg = sum / Math.max(1, docs.length) || 1;
  const out = new Float32Array(normText.length);
  for (let g = 0; g < out.length; g++) out[g] = normText[g]! / (1 - b + (b * docLen[docOf[g]!]!) / avg);
  return out;
}
