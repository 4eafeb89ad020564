/**
 * The search engine: faithful BM25F over passages (text + metadata fields) scored from the frozen
 * index (typed-array postings built by MiniSearch per decade partition, src/index/frozen.ts),
 * filters that restrict candidates before scoring (date filters read only their partitions' slice
 * of the postings), typo tolerance that never beats an exact match, acronyms the library defines
 * standing for their long form and back (src/index/acronyms.ts), country names and adjectives
 * standing for each other (./country-words.ts), quoted phrases verified on positions, and a
 * term-proximity re-rank of the best candidates. Passages holding every word of a short query rank
 * first. Every constant is in INDEX_OPTIONS (src/index/options.ts), with what it was measured to do.
 */
import { fold, termPositions, tokens, type Token } from '../index/analyzer.ts';
import { countryWordsIn } from './country-words.ts';
import { longFormTerms, shortFormTerm } from '../index/acronyms.ts';
import { INDEX_OPTIONS, type IndexOptions } from '../index/options.ts';
import { buildState, type BuildStateOptions } from '../index/build.ts';
import type { EngineState, Partition } from '../index/state.ts';
import { lowerBound, type FrozenIndex } from '../index/frozen.ts';
import { dayNumber, LibraryStore, type StoredDocument } from '../index/store.ts';
import { sourceOf } from './citation.ts';
import { makeExcerpt } from './excerpt.ts';
import { mergeFilters, normalizeDateBound, parseQuery, type ParsedQuery } from './query.ts';
import { resolveCountry } from './countries.ts';
import { applyChange, type LibraryChange } from '../index/update.ts';
import {
  QueryError,
  type DocumentSummary,
  type Facet,
  type FacetValue,
  type Hit,
  type IngestReport,
  type LibraryDocument,
  type LibraryStats,
  type SearchEngine,
  type SearchFilters,
  type SearchOptions,
  type SearchResponse,
} from '../types.ts';

/** Builds the engine over `documents` (the CLI, bot, eval and bench all use this with INDEX_OPTIONS). */
export function createEngine(
  documents: readonly LibraryDocument[],
  report: IngestReport,
  options: BuildStateOptions = {},
): VerbatimEngine {
  return new VerbatimEngine(buildState(documents, report, options));
}

/** A query word as ranked: its term, the fuzzy expansions standing in for it, and its bit. */
interface RankedWord {
  term: string;
  /** Query-term weight from its frequency in the query, (k3+1)·qtf/(k3+qtf). */
  qw: number;
  bit: number;
  expansions: Array<{ term: string; weight: number }>;
  /** The word is a defined acronym: its long form's content terms, which also stand for it. */
  longForm?: string[];
}

/** Filters resolved against the library. */
interface Restriction {
  /** Allowed documents (null: all). */
  docs: Uint8Array | null;
  /** Allowed passages of allowed documents, as global numbers (ascending; null: all). */
  passages: number[] | null;
  from: string;
  to: string;
  /** `from`/`to` as YYYYMMDD numbers (0: open). */
  fromN: number;
  toN: number;
}

export class VerbatimEngine implements SearchEngine {
  readonly state: EngineState;
  private readonly opts: IndexOptions;
  private readonly store: LibraryStore;
  private readonly parts: Partition[];
  private readonly index: FrozenIndex;
  private readonly N: number;
  /** BM25 length normalisation 1 − b + b·len/avg per passage and field. */
  private readonly normText: Float32Array;
  private readonly normMeta: Float32Array;
  private readonly avgText: number;
  // per-query scratch, reused (search is synchronous inside)
  private readonly score: Float64Array;
  private readonly mask: Uint32Array;
  /** Per document: the current query word's best passage contribution, and the summed document score. */
  private readonly wordBest: Float64Array;
  private readonly docScore: Float64Array;
  private readonly facets = new Map<Facet, FacetValue[]>();
  /** Defined acronyms: short-form term → long-form content terms; and long forms (joined) → short-form term. */
  private readonly longFormOf = new Map<string, string[]>();
  private readonly shortFormOf = new Map<string, string>();
  /** Country name term ↔ its adjectives' terms ("austria" ↔ "austrian"), where the library holds them. */
  private readonly demonyms: Map<string, string[]> = new Map();
  /** Short-form term → the long form's terms, stop words included (for marking it as a phrase). */
  private readonly longFormWords = new Map<string, string[]>();

  /** `options` other than INDEX_OPTIONS are for experiments only; the product always uses the default. */
  constructor(state: EngineState, options: IndexOptions = INDEX_OPTIONS) {
    this.opts = options;
    this.state = state;
    this.store = state.store;
    this.parts = state.partitions;
    this.index = state.index;
    const N = (this.N = this.store.size);
    const { lenText, lenMeta } = this.index.a;
    let sumT = 0;
    let sumM = 0;
    for (let g = 0; g < N; g++) {
      sumT += lenText[g]!;
      sumM += lenMeta[g]!;
    }
    const avgT = (this.avgText = N ? sumT / N || 1 : 1);
    const avgM = N ? sumM / N || 1 : 1;
    const { b } = this.opts.bm25;
    this.normText = new Float32Array(N);
    this.normMeta = new Float32Array(N);
    for (let g = 0; g < N; g++) {
      this.normText[g] = 1 - b + (b * lenText[g]!) / avgT;
      this.normMeta[g] = 1 - b + (b * lenMeta[g]!) / avgM;
    }
    this.score = new Float64Array(N);
    this.mask = new Uint32Array(N);
    this.wordBest = new Float64Array(this.store.docs.length);
    this.docScore = new Float64Array(this.store.docs.length);
    this.buildFacets();
    if (this.opts.countryWords.weight > 0) this.demonyms = countryWordsIn((t) => this.df(t) > 0);
    if (this.opts.acronyms.enabled) {
      for (const a of state.acronyms) {
        const short = shortFormTerm(a.short);
        const long = longFormTerms(a.long);
        // an acronym that is mostly an ordinary word in the library ("LAWS": laws) stands for nothing
        if (!short || long.length < 2 || this.df(short) === 0 || a.uses < this.opts.acronyms.minCapitals * this.df(short)) continue;
        this.longFormOf.set(short, long);
        this.longFormWords.set(short, tokens(a.long).map((t) => t.term));
        this.shortFormOf.set(long.join(' '), short);
      }
    }
  }

  // ---------------------------------------------------------------- search

  async search(query: string, options: SearchOptions = {}): Promise<SearchResponse> {
    return this.searchSync(query, options);
  }

  /** The synchronous search behind {@link search} (for eval and benchmarks). */
  searchSync(query: string, options: SearchOptions = {}): SearchResponse {
    return this.searchParsed(query, parseQuery(query), options);
  }

  /** Search with an already parsed query (batch tools that build queries themselves). */
  searchParsed(query: string, parsed: ParsedQuery, options: SearchOptions = {}): SearchResponse {
    const started = performance.now();
    const filters = mergeFilters(parsed.filters, options.filters ?? {}, (key, a, b) => this.sameFilter(key, a, b));
    const limit = Math.max(0, Math.min(options.limit ?? 10, 1000));
    const offset = Math.max(0, options.offset ?? 0);
    const ranked = this.rank(parsed, filters, offset + limit, started);
    const hits = ranked.order.slice(offset, offset + limit).map((g) => this.hitOf(g, ranked.scores.get(g) ?? 0, ranked.markTerms, ranked.phrases));
    const res: SearchResponse = {
      query,
      total: ranked.total,
      hits,
      tookMs: Math.round((performance.now() - started) * 100) / 100,
    };
    if (ranked.partial) res.partial = true;
    return res;
  }

  /**
   * Ranks passages for a parsed query. Returns the best `need` (at least) passages in order, their
   * scores, the total number of matches, and what the excerpts should mark.
   */
  rank(
    parsed: ParsedQuery,
    filters: SearchFilters,
    need: number,
    started = performance.now(),
  ): { order: number[]; scores: Map<number, number>; total: number; partial: boolean; markTerms: Set<string>; phrases: string[][] } {
    const deadline = started + this.opts.timeBudgetMs;
    const restriction = this.restrict(filters);
    const phrases = parsed.phrases.map((p) => p.terms).filter((t) => t.length > 0);
    // the indexed (non-stop) words of the phrases: "nots" stems to "not", so ask the analyzer, not the term
    const phraseContent = [...new Set(parsed.phrases.flatMap((p) => tokens(p.raw).filter((t) => !t.stop).map((t) => t.term)))];
    const excludedPhrases = parsed.excludedPhrases.map((p) => p.terms).filter((t) => t.length > 0);
    const words = this.rankedWords(parsed);
    const markTerms = new Set<string>();
    for (const w of words) {
      markTerms.add(w.term);
      for (const e of w.expansions) markTerms.add(e.term);
    }
    // a spelled-out acronym is marked as a phrase (its words alone would mark every "international")
    const markPhrases = words.flatMap((w) => (w.longForm ? [this.longFormWords.get(w.term) ?? []] : []));
    for (const p of phrases) for (const t of p) markTerms.add(t);

    const routed = this.route(restriction);
    const allow = this.allowFn(restriction);
    // required words/phrases: candidates first (intersection from the rarest term), then only their
    // documents' passages are scored (document evidence needs every passage of a candidate's document)
    const required = phrases.length ? [...new Set(phraseContent)] : [];
    const conj = required.length ? this.conjunctive(required, routed, allow) : null;
    const touched: number[] = [];
    const { score, mask } = this;
    const { k1 } = this.opts.bm25;
    const idfOf = new Map<string, number>();

    // document evidence: per query word, its best passage contribution in each document, summed
    const docW = this.opts.document.weight;
    const docOf = this.store.docOf;
    const { wordBest, docScore } = this;
    const wordDocs: number[] = [];
    const docsTouched: number[] = [];
    const endWord = (): void => {
      for (const d of wordDocs) {
        if (docScore[d] === 0) docsTouched.push(d);
        docScore[d] = docScore[d]! + wordBest[d]!;
        wordBest[d] = 0;
      }
      wordDocs.length = 0;
    };
    /** Adds a term's BM25 contribution (tfNorm `t`, weight × idf `wi`) to passage g and its document. */
    const visitTerm = (g: number, t: number, wi: number, bit: number): void => {
      if (mask[g] === 0 && score[g] === 0) touched.push(g);
      const c = (wi * t * (k1 + 1)) / (t + k1);
      score[g] = score[g]! + c;
      if (docW > 0) {
        const d = docOf[g]!;
        if (wordBest[d] === 0) wordDocs.push(d);
        if (c > wordBest[d]!) wordBest[d] = c;
      }
      if (bit >= 0) mask[g]! |= 1 << bit;
      else if (mask[g] === 0) mask[g] = 0x80000000;
    };
    const scoreTerm = (term: string, weight: number, bit: number): void => {
      const idf = this.idf(term);
      idfOf.set(term, Math.max(idfOf.get(term) ?? 0, idf));
      if (performance.now() > deadline) {
        cut = true;
        return;
      }
      // forEachPosting gives each passage once, its fields already summed (BM25F)
      const wi = weight * idf;
      const visit = (g: number, t: number): void => visitTerm(g, t, wi, bit);
      if (conj) this.forEachPostingIn(term, conj.ranges, allow, visit);
      else this.forEachPosting(term, routed, restriction, allow, visit);
    };
    /** Set when the time budget ran out while scoring: later terms were not scored. */
    let cut = false;
    /**
     * A defined acronym and its long form as one term: passages holding the acronym or every word of
     * the long form, tf the sum of the acronym's and the long form's (its rarest word's count),
     * idf from the passages holding either.
     */
    const scoreAcronym = (term: string, long: string[], weight: number, bit: number): void => {
      if (performance.now() > deadline) {
        cut = true;
        return;
      }
      const tfn = new Map<number, number>();
      const add = (g: number, t: number): void => void tfn.set(g, (tfn.get(g) ?? 0) + t);
      if (conj) this.forEachPostingIn(term, conj.ranges, allow, add);
      else this.forEachPosting(term, routed, restriction, allow, add);
      const spelled = this.conjunctive(long, routed, allow).cands;
      const ids = long.map((t) => this.index.termId(t));
      const wT = this.opts.fields.text;
      let both = 0;
      for (const g of spelled) {
        if (conj && !inRanges(conj.ranges, g)) continue;
        let f = Infinity;
        for (const id of ids) f = Math.min(f, this.index.tf(id, 'text', g));
        if (tfn.has(g)) both++;
        add(g, (wT * f) / this.normText[g]!);
      }
      const df = Math.min(this.N, this.df(term) + spelled.length - both);
      const idf = Math.log(1 + (this.N - df + 0.5) / (df + 0.5));
      idfOf.set(term, Math.max(idfOf.get(term) ?? 0, idf));
      for (const [g, t] of tfn) visitTerm(g, t, weight * idf, bit);
    };

    try {
      for (const w of words) {
        if (w.longForm) scoreAcronym(w.term, w.longForm, w.qw, w.bit);
        else scoreTerm(w.term, w.qw, w.bit);
        for (const e of w.expansions) scoreTerm(e.term, w.qw * e.weight, w.bit);
        endWord();
      }
      // phrase words rank too (a quoted phrase's rare words are evidence like any other)
      const seen = new Set(words.map((w) => w.term));
      for (const t of phraseContent) if (!seen.has(t)) { seen.add(t); scoreTerm(t, 1, -1); endWord(); }
      if (docW > 0) for (const g of touched) score[g] = score[g]! + docW * docScore[docOf[g]!]!;

      let cands: number[];
      if (words.length === 0 && phrases.length === 0) {
        cands = this.allAllowed(restriction, routed);
      } else {
        // every non-stop word of every phrase must be in the passage text before positions are checked
        cands = conj ? conj.cands : touched;
      }
      // exclusions
      const excludedTerms = parsed.excluded.map((w) => w.term);
      if (excludedTerms.length) cands = cands.filter((g) => !excludedTerms.some((t) => this.has(g, t)));

      const fullMask = words.length ? (2 ** words.length - 1) >>> 0 : 0;
      const tiered = words.length > 1 && words.length <= this.opts.allWordsFirstMaxWords;
      const tier = (g: number): number => (tiered && (mask[g]! & fullMask) === fullMask ? 1 : 0);
      const cmp = (a: number, b: number): number => tier(b) - tier(a) || score[b]! - score[a]! || a - b;

      let total = cands.length;
      let partial = cut;
      let order: number[];
      const tokenCache = new Map<number, Token[]>();
      const toks = (g: number): Token[] => {
        let t = tokenCache.get(g);
        if (!t) tokenCache.set(g, (t = tokens(this.store.text(g))));
        return t;
      };
      const depth = Math.max(need, this.opts.proximity.depth); // candidates ranked in full
      // a phrase of one indexed word (`+word`) is settled by the text postings (holdingAll): no positions to check
      const oneWord = new Set(parsed.phrases.filter((p) => p.terms.length === 1 && tokens(p.raw).some((t) => !t.stop)).map((p) => p.terms));
      const checked = phrases.filter((p) => !oneWord.has(p));
      if (checked.length || excludedPhrases.length) {
        const kept: number[] = [];
        let i = 0;
        // candidates checked at least, for the total's estimate (each check tokenizes a passage)
        const sample = Math.max(64, 2 * need);
        // usually the top `sample` candidates settle it: select them first, sort the rest only if needed
        const all = cands;
        cands = all.length > 8 * sample ? topK(all, sample, cmp) : all.sort(cmp);
        for (; i < all.length; i++) {
          if (i === cands.length) cands = all.sort(cmp); // same order (cmp is total), now complete
          if ((i & 15) === 15) {
            // enough hits and enough checked to estimate the total: stop; out of time: stop too
            if (kept.length >= depth && i >= sample) break;
            if (performance.now() > deadline) {
              if (kept.length < need) partial = true;
              break;
            }
          }
          const t = toks(cands[i]!);
          if (checked.every((p) => hasPhrase(t, p)) && !excludedPhrases.some((p) => hasPhrase(t, p))) kept.push(cands[i]!);
          if (tokenCache.size > depth * 4) tokenCache.clear();
        }
        total = i >= all.length ? kept.length : Math.round((kept.length * all.length) / i);
        order = kept;
      } else {
        order = topK(cands, depth, cmp);
      }

      // proximity re-rank of the best candidates
      const scores = new Map<number, number>();
      const head = order.slice(0, depth);
      const termBit = new Map<string, number>();
      words.forEach((w, i) => {
        termBit.set(w.term, i);
        for (const e of w.expansions) termBit.set(e.term, i);
      });
      // only the best `proximity.depth` are re-ranked, whatever the page: pages stay consistent, and
      // the passages below keep scores no higher than those above (proximity only adds)
      const prox = this.opts.proximity.depth;
      if (words.length > 1 && prox > 0) {
        const top = head.slice(0, prox);
        for (const g of top) {
          if (performance.now() > deadline) {
            partial = true;
            break;
          }
          score[g] = score[g]! + this.proximity(this.store.text(g), termBit, words, idfOf);
        }
        top.sort(cmp);
        head.splice(0, top.length, ...top);
      }
      for (const g of head) scores.set(g, Math.round(score[g]! * 1e4) / 1e4);
      return { order: head, scores, total, partial, markTerms, phrases: [...phrases, ...markPhrases] };
    } finally {
      for (const g of touched) {
        score[g] = 0;
        mask[g] = 0;
      }
      for (const d of docsTouched) docScore[d] = 0;
      for (const d of wordDocs) wordBest[d] = 0;
    }
  }

  /**
   * Term proximity: pairs of distinct query words within `window` indexed (non-stop) words of each
   * other count as a pseudo-term, weighted by the pair's mean idf and saturated as BM25 saturates tf.
   */
  private proximity(text: string, termBit: Map<string, number>, words: RankedWord[], idfOf: Map<string, number>): number {
    const { window, weight, adjacentOnly } = this.opts.proximity;
    const { k1, b } = this.opts.bm25;
    const { pos, bits, count: n } = termPositions(text, termBit);
    if (pos.length < 2) return 0;
    const W = words.length;
    const tf = new Float64Array(W * W);
    for (let i = 0; i < pos.length; i++) {
      for (let j = i + 1; j < pos.length && pos[j]! - pos[i]! <= window; j++) {
        const a = Math.min(bits[i]!, bits[j]!);
        const c = Math.max(bits[i]!, bits[j]!);
        if (a === c || (adjacentOnly && c - a !== 1)) continue;
        tf[a * W + c] = tf[a * W + c]! + 1;
      }
    }
    const K = k1 * (1 - b + (b * n) / this.avgText);
    let s = 0;
    for (let a = 0; a < W; a++) {
      for (let c = a + 1; c < W; c++) {
        const f = tf[a * W + c]!;
        if (f === 0) continue;
        const idf = ((idfOf.get(words[a]!.term) ?? 0) + (idfOf.get(words[c]!.term) ?? 0)) / 2;
        s += (weight * idf * f * (k1 + 1)) / (f + K);
      }
    }
    return adjacentOnly ? s : (s * 2) / W;
  }

  /** Query words with their bits, and fuzzy expansions for long words whose term is absent or rare. */
  private rankedWords(parsed: ParsedQuery): RankedWord[] {
    const out: RankedWord[] = [];
    const { minLength, rareDf, maxExpansions, weight, channel } = this.opts.fuzzy;
    const qtf = new Map<string, number>();
    for (const t of tokens(parsed.text)) if (!t.stop) qtf.set(t.term, (qtf.get(t.term) ?? 0) + 1);
    const k3 = this.opts.bm25.k3;
    const qwOf = (term: string): number => {
      const f = Math.max(1, qtf.get(term) ?? 1);
      return ((k3 + 1) * f) / (k3 + f);
    };
    // a long query ranks its most informative words (query weight × idf), kept in query order
    let chosen = parsed.words.filter((w, i) => parsed.words.findIndex((x) => x.term === w.term) === i);
    const { maxTerms } = this.opts.query;
    if (chosen.length > maxTerms) {
      const keep = new Set(
        chosen
          .map((w, i) => ({ i, v: qwOf(w.term) * this.idf(w.term) }))
          .sort((a, b) => b.v - a.v || a.i - b.i)
          .slice(0, maxTerms)
          .map((x) => x.i),
      );
      chosen = chosen.filter((_, i) => keep.has(i));
    }
    for (const w of chosen) {
      const rw: RankedWord = { term: w.term, qw: qwOf(w.term), bit: out.length < 31 ? out.length : -1, expansions: [] };
      const folded = fold(w.raw);
      const df = this.df(w.term);
      if (folded.length >= minLength && !/^\p{N}/u.test(folded)) {
        // rare or absent: any more frequent neighbour; otherwise only a far more frequent one (a likely misspelling)
        const floor = df < rareDf ? df + 1 : df * this.opts.fuzzy.ratio;
        const cands = this.closeTerms(w.term, folded.length >= 8 ? 2 : 1, floor)
          .filter((c) => c.df >= floor && c.term !== w.term)
          .sort((a, b) => a.distance - b.distance || b.df - a.df || (a.term < b.term ? -1 : 1))
          .slice(0, maxExpansions);
        // noisy channel: the more frequent the neighbour against the word as typed, the likelier it was meant
        rw.expansions = cands.map((c) => ({ term: c.term, weight: (weight * c.df) / (c.df + channel * Math.max(1, df)) / c.distance }));
      } else if (/^\p{N}/u.test(w.term)) {
        // a number meets its percentage and back: 97.4 ↔ 97.4%
        const other = w.term.endsWith('%') ? w.term.slice(0, -1) : `${w.term}%`;
        if (this.df(other) > 0) rw.expansions = [{ term: other, weight: 1 }];
      }
      const long = this.longFormOf.get(w.term);
      if (long && rw.expansions.length === 0) rw.longForm = long;
      const kin = this.demonyms.get(w.term);
      if (kin && rw.expansions.length === 0) rw.expansions = kin.map((term) => ({ term, weight: this.opts.countryWords.weight }));
      out.push(rw);
    }
    // a long form spelled out in the query also finds the acronym: each of its words stands for
    // 1/n of the acronym, so a passage with the acronym scores one acronym match in all
    if (this.shortFormOf.size && out.length > 1) {
      const seq = out.map((w) => w.term);
      for (let i = 0; i < seq.length; i++) {
        for (let n = 2; i + n <= seq.length && n <= 12; n++) {
          const short = this.shortFormOf.get(seq.slice(i, i + n).join(' '));
          if (!short || seq.includes(short)) continue;
          for (let k = i; k < i + n; k++) out[k]!.expansions.push({ term: short, weight: 1 / n });
        }
      }
    }
    return out;
  }

  /**
   * Indexed terms within `maxDistance` edits, with their document frequency; only those of at least
   * `minDf` passages (the radix-tree walk is skipped when no term is that frequent).
   */
  private closeTerms(term: string, maxDistance: number, minDf = 1): Array<{ term: string; distance: number; df: number }> {
    if (minDf > this.index.maxDf) return [];
    const out: Array<{ term: string; distance: number; df: number }> = [];
    for (const [t, d] of this.index.fuzzyTerms(term, maxDistance, minDf)) {
      if (d === 0) continue;
      const df = this.df(t);
      if (df >= minDf) out.push({ term: t, distance: d, df });
    }
    return out;
  }

  /** Passages (text or metadata) holding `term`, over the whole library. */
  df(term: string): number {
    return this.index.df(this.index.termId(term));
  }

  private idf(term: string): number {
    const df = this.df(term);
    return Math.log(1 + (this.N - df + 0.5) / (df + 0.5));
  }

  private has(g: number, term: string): boolean {
    const id = this.index.termId(term);
    return id >= 0 && (this.index.tf(id, 'text', g) > 0 || this.index.tf(id, 'meta', g) > 0);
  }

  /**
   * Calls `fn(g, Σ_f w_f·tf_f / norm_f)` once for each allowed passage holding `term` (text and
   * metadata postings merged). Only the routed partitions' ranges of the postings are read; when
   * the filters leave few passages, those are looked up in the postings instead.
   */
  private forEachPosting(
    term: string,
    routed: number[],
    r: Restriction,
    allow: ((g: number, pi: number) => boolean) | null,
    fn: (g: number, tfNorm: number) => void,
  ): void {
    const id = this.index.termId(term);
    if (id < 0) return;
    const wT = this.opts.fields.text;
    const wM = this.opts.fields.meta;
    const { normText, normMeta } = this;
    for (const pi of routed) {
      const part = this.parts[pi]!;
      const T = this.index.postings(id, 'text', part.start, part.end);
      const M = this.index.postings(id, 'meta', part.start, part.end);
      const size = T.end - T.start + M.end - M.start;
      if (size === 0) continue;
      const allowed = r.passages;
      if (allowed && allowed.length * 8 < size) {
        // the filter leaves few passages: look each up in the postings
        let i = T.start;
        let j = M.start;
        for (let k = lowerBound32(allowed, part.start); k < allowed.length && allowed[k]! < part.end; k++) {
          const g = allowed[k]!;
          i = lowerBound(T.g, i, T.end, g);
          j = lowerBound(M.g, j, M.end, g);
          const a = i < T.end && T.g[i] === g ? T.tf[i]! : 0;
          const b = j < M.end && M.g[j] === g ? M.tf[j]! : 0;
          if ((a || b) && (!allow || allow(g, pi))) fn(g, (wT * a) / normText[g]! + (wM * b) / normMeta[g]!);
        }
        continue;
      }
      const tg = T.g;
      const mg = M.g;
      let i = T.start;
      let j = M.start;
      while (i < T.end || j < M.end) {
        const a = i < T.end ? tg[i]! : 0x7fffffff;
        const b = j < M.end ? mg[j]! : 0x7fffffff;
        const g = a < b ? a : b;
        let t = 0;
        if (a === g) t += (wT * T.tf[i++]!) / normText[g]!;
        if (b === g) t += (wM * M.tf[j++]!) / normMeta[g]!;
        if (allow && !allow(g, pi)) continue;
        fn(g, t);
      }
    }
  }

  /**
   * The allowed passages whose text holds every one of `terms` (ascending, partition by partition):
   * the rarest term's postings, each looked up in the others' (galloping from a moving cursor).
   * `ranges` lists their documents' passage ranges as (start, end, partition) triples, ascending.
   */
  private conjunctive(
    terms: string[],
    routed: number[],
    allow: ((g: number, pi: number) => boolean) | null,
  ): { cands: number[]; ranges: number[] } {
    const cands: number[] = [];
    const ranges: number[] = [];
    const ids = terms.map((t) => this.index.termId(t));
    if (ids.some((id) => id < 0)) return { cands, ranges };
    const { docOf, docs } = this.store;
    let lastDoc = -1;
    for (const pi of routed) {
      const part = this.parts[pi]!;
      const lists = ids.map((id) => this.index.postings(id, 'text', part.start, part.end)).sort((x, y) => x.end - x.start - (y.end - y.start));
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
   * {@link forEachPosting} over the passage ranges of {@link conjunctive} only (same per-passage
   * value, same order within a passage's fields).
   */
  private forEachPostingIn(
    term: string,
    ranges: number[],
    allow: ((g: number, pi: number) => boolean) | null,
    fn: (g: number, tfNorm: number) => void,
  ): void {
    const id = this.index.termId(term);
    if (id < 0 || ranges.length === 0) return;
    const wT = this.opts.fields.text;
    const wM = this.opts.fields.meta;
    const { normText, normMeta } = this;
    const T = this.index.postings(id, 'text');
    const M = this.index.postings(id, 'meta');
    const tg = T.g;
    const mg = M.g;
    let i = T.start;
    let j = M.start;
    let prevEnd = 0;
    for (let r = 0; r < ranges.length; r += 3) {
      const s = ranges[r]!;
      const e = ranges[r + 1]!;
      const pi = ranges[r + 2]!;
      if (s < prevEnd) {
        i = T.start;
        j = M.start;
      }
      prevEnd = e;
      i = gallop(tg, i, T.end, s);
      j = gallop(mg, j, M.end, s);
      for (;;) {
        const a = i < T.end && tg[i]! < e ? tg[i]! : 0x7fffffff;
        const b = j < M.end && mg[j]! < e ? mg[j]! : 0x7fffffff;
        if (a === 0x7fffffff && b === 0x7fffffff) break;
        const g = a < b ? a : b;
        let t = 0;
        if (a === g) t += (wT * T.tf[i++]!) / normText[g]!;
        if (b === g) t += (wM * M.tf[j++]!) / normMeta[g]!;
        if (allow && !allow(g, pi)) continue;
        fn(g, t);
      }
    }
  }

  /** Partitions whose date range meets the filter's. */
  private route(r: Restriction): number[] {
    const out: number[] = [];
    this.parts.forEach((p, pi) => {
      if (r.from || r.to) {
        if (!p.from) return; // undated passages never match a date filter
        if (r.from && p.to < r.from) return;
        if (r.to && p.from > r.to) return;
      }
      out.push(pi);
    });
    return out;
  }

  /** Per-passage check for what routing and the posting walk cannot decide alone, or null. */
  private allowFn(r: Restriction): ((g: number, pi: number) => boolean) | null {
    const { docs, from, to, fromN, toN } = r;
    if (!docs && !from && !to) return null;
    const { docOf } = this.store;
    const { dateFrom, dateTo } = this.store.arrays;
    const inside = this.parts.map((p) => (!from || p.from >= from) && (!to || p.to <= to));
    return (g, pi) => {
      if (docs && !docs[docOf[g]!]) return false;
      if (inside[pi]) return true;
      const a = dateFrom[g]!;
      if (!a) return false;
      return (!fromN || dateTo[g]! >= fromN) && (!toN || a <= toN);
    };
  }

  private allAllowed(r: Restriction, routed: number[]): number[] {
    const allow = this.allowFn(r);
    const out: number[] = [];
    for (const pi of routed) {
      const p = this.parts[pi]!;
      if (r.passages) {
        for (let i = lowerBound32(r.passages, p.start); i < r.passages.length && r.passages[i]! < p.end; i++) {
          const g = r.passages[i]!;
          if (!allow || allow(g, pi)) out.push(g);
        }
      } else {
        for (let g = p.start; g < p.end; g++) if (!allow || allow(g, pi)) out.push(g);
      }
    }
    return out;
  }

  // ---------------------------------------------------------------- filters

  /** Resolves filters against the library; throws QueryError on an unknown country or document. */
  private restrict(f: SearchFilters): Restriction {
    const from = f.from ?? f.year;
    const to = f.to ?? f.year;
    const r: Restriction = {
      docs: null,
      passages: null,
      from: from ? normalizeDateBound(from, 'from') : '',
      to: to ? normalizeDateBound(to, 'to') : '',
      fromN: 0,
      toN: 0,
    };
    r.fromN = dayNumber(r.from);
    r.toN = dayNumber(r.to);
    if (r.from && r.to && r.from > r.to) throw new QueryError(`The date range ${from} to ${to} is empty: the start is after the end.`);
    const docs = this.store.docs;
    const tests: Array<(d: StoredDocument) => boolean> = [];
    if (f.country !== undefined) {
      const code = this.countryCode(f.country);
      tests.push((d) => d.meta.country === code);
    }
    if (f.speaker !== undefined) {
      const s = fold(f.speaker).trim();
      tests.push((d) => d.meta.speaker !== undefined && fold(d.meta.speaker).includes(s));
    }
    if (f.organisation !== undefined) {
      const s = fold(f.organisation).trim();
      tests.push((d) => d.meta.organisation !== undefined && fold(d.meta.organisation).includes(s));
    }
    if (f.session !== undefined) {
      const s = f.session.trim().replace(/^0+(?=\d)/, '');
      tests.push((d) => d.meta.session !== undefined && d.meta.session.trim().replace(/^0+(?=\d)/, '') === s);
    }
    if (f.document !== undefined) {
      const id = f.document.trim();
      if (this.store.docNumber(id) === undefined) {
        throw new QueryError(`No document “${id}” in the library. /sources lists the documents and their ids.`);
      }
      tests.push((d) => d.id === id);
    }
    if (f.symbol !== undefined) {
      const symbol = f.symbol.trim().replace(/\s+/g, ' ').toLowerCase();
      tests.push((d) => d.meta.symbol !== undefined && d.meta.symbol.toLowerCase() === symbol);
    }
    if (tests.length) {
      r.docs = new Uint8Array(docs.length);
      r.passages = [];
      docs.forEach((d, i) => {
        if (tests.every((t) => t(d))) {
          r.docs![i] = 1;
          for (let g = d.first; g < d.first + d.count; g++) r.passages!.push(g);
        }
      });
    }
    return r;
  }

  /** A country filter (name or code) as the ISO code documents carry. */
  private countryCode(input: string): string {
    const code = resolveCountry(input, this.facetValues('country'));
    if (code === undefined) {
      throw new QueryError(
        `Unknown country “${input}”. Use a country name (Colombia) or an ISO code (COL).`,
      );
    }
    return code;
  }

  /** Two spellings of the same filter value (inline `country:COL` vs option "Colombia"). */
  private sameFilter(key: keyof SearchFilters, a: string, b: string): boolean {
    if (key !== 'country') return false;
    const values = this.facetValues('country');
    const ca = resolveCountry(a, values);
    return ca !== undefined && ca === resolveCountry(b, values);
  }

  // ---------------------------------------------------------------- hits, documents, facets

  private hitOf(g: number, score: number, terms: ReadonlySet<string>, phrases: string[][]): Hit {
    const p = this.store.passage(g);
    const d = this.store.doc(g);
    return {
      id: p.id,
      score,
      excerpt: makeExcerpt(p.text, { terms, phrases }),
      text: p.text,
      source: sourceOf(d, p),
    };
  }

  passage(id: string): Hit | undefined {
    const g = this.store.passageNumber(id);
    return g === undefined ? undefined : this.hitOf(g, 0, new Set(), []);
  }

  context(id: string, radius: number): Hit[] {
    const g = this.store.passageNumber(id);
    if (g === undefined) return [];
    const d = this.store.doc(g);
    const r = Math.max(0, Math.floor(radius));
    const out: Hit[] = [];
    for (let i = Math.max(d.first, g - r); i <= Math.min(d.first + d.count - 1, g + r); i++) out.push(this.hitOf(i, 0, new Set(), []));
    return out;
  }

  documents(filter?: string): DocumentSummary[] {
    const f = filter ? fold(filter).trim() : '';
    return this.store.docs
      .filter((d) => !f || fold(`${d.id} ${d.meta.title ?? ''} ${d.path}`).includes(f))
      .map(summary);
  }

  document(id: string): DocumentSummary | undefined {
    const i = this.store.docNumber(id);
    return i === undefined ? undefined : summary(this.store.docs[i]!);
  }

  facet(facet: Facet, prefix: string, limit: number): FacetValue[] {
    const p = fold(prefix).trim();
    const out: FacetValue[] = [];
    for (const v of this.facetValues(facet)) {
      if (out.length >= limit) break;
      if (!p || startsWord(fold(v.label), p) || fold(v.value).startsWith(p)) out.push(v);
    }
    return out;
  }

  private facetValues(facet: Facet): FacetValue[] {
    return this.facets.get(facet) ?? [];
  }

  private buildFacets(): void {
    const add = (m: Map<string, FacetValue>, value: string | undefined, label: string | undefined, count: number): void => {
      if (!value) return;
      const v = m.get(value);
      if (v) v.count += count;
      else m.set(value, { value, label: label ?? value, count });
    };
    const maps = new Map<Facet, Map<string, FacetValue>>(
      (['country', 'speaker', 'session', 'document', 'organisation'] as Facet[]).map((f) => [f, new Map()]),
    );
    for (const d of this.store.docs) {
      const m = d.meta;
      add(maps.get('country')!, m.country, m.countryName, d.count);
      add(maps.get('speaker')!, m.speaker, m.speaker, d.count);
      add(maps.get('session')!, m.session, m.session, d.count);
      add(maps.get('document')!, d.id, m.title, d.count);
      add(maps.get('organisation')!, m.organisation, m.organisation, d.count);
    }
    for (const [f, m] of maps) {
      this.facets.set(
        f,
        [...m.values()].sort((a, b) => b.count - a.count || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0)),
      );
    }
  }

  suggest(query: string): string | undefined {
    let parsed: ParsedQuery;
    try {
      parsed = parseQuery(query);
    } catch {
      return undefined;
    }
    let out = query;
    let changed = false;
    for (const w of parsed.words) {
      const folded = fold(w.raw);
      if (folded.length < 4 || /^\p{N}/u.test(folded) || this.df(w.term) > 0) continue;
      const best = this.closeTerms(w.term, folded.length >= 7 ? 2 : 1)
        .filter((c) => c.df > 0)
        .sort((a, b) => a.distance - b.distance || b.df - a.df || (a.term < b.term ? -1 : 1))[0];
      if (!best) continue;
      const word = this.index.surface(this.index.termId(best.term));
      const re = new RegExp(`(?<![\\p{L}\\p{N}])${escapeRe(w.raw)}(?![\\p{L}\\p{N}])`, 'u');
      if (re.test(out)) {
        out = out.replace(re, word);
        changed = true;
      }
    }
    return changed && out !== query ? out : undefined;
  }

  /**
   * A new engine with `change` applied incrementally (src/index/update.ts: only the entering
   * passages are indexed). This engine is left as it was and keeps answering until the new one is
   * swapped in.
   */
  update(change: LibraryChange): VerbatimEngine {
    return new VerbatimEngine(applyChange(this.state, change), this.opts);
  }

  stats(): LibraryStats {
    const { report, indexedAt } = this.state;
    return {
      documents: this.store.docs.length,
      passages: this.N,
      indexedAt,
      skipped: report.skipped,
      warnings: report.warnings,
    };
  }
}

/** True when passage g lies in one of `ranges` ((start, end, partition) triples, ascending by start). */
function inRanges(ranges: readonly number[], g: number): boolean {
  let lo = 0;
  let hi = ranges.length / 3;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (ranges[mid * 3 + 1]! <= g) lo = mid + 1;
    else hi = mid;
  }
  return lo < ranges.length / 3 && ranges[lo * 3]! <= g;
}

function summary(d: StoredDocument): DocumentSummary {
  return { id: d.id, path: d.path, meta: d.meta, passages: d.count };
}

function startsWord(label: string, prefix: string): boolean {
  if (label.startsWith(prefix)) return true;
  for (let i = label.indexOf(' '); i >= 0; i = label.indexOf(' ', i + 1)) if (label.startsWith(prefix, i + 1)) return true;
  return false;
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** True when the passage tokens hold `phrase` (analyzer terms, stop words included) consecutively. */
function hasPhrase(toks: readonly Token[], phrase: readonly string[]): boolean {
  const n = phrase.length;
  outer: for (let i = 0; i + n <= toks.length; i++) {
    for (let k = 0; k < n; k++) if (toks[i + k]!.term !== phrase[k]) continue outer;
    return true;
  }
  return false;
}

/** The best `k` items under `cmp` (sorted), without sorting everything when there are many. */
export function topK(items: number[], k: number, cmp: (a: number, b: number) => number): number[] {
  if (items.length <= k * 4) return [...items].sort(cmp).slice(0, k);
  // binary heap holding the k best, worst at the root
  const heap: number[] = [];
  const worse = (a: number, b: number): boolean => cmp(a, b) > 0;
  const up = (i: number): void => {
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!worse(heap[i]!, heap[p]!)) break;
      [heap[i], heap[p]] = [heap[p]!, heap[i]!];
      i = p;
    }
  };
  const down = (i: number): void => {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < heap.length && worse(heap[l]!, heap[m]!)) m = l;
      if (r < heap.length && worse(heap[r]!, heap[m]!)) m = r;
      if (m === i) return;
      [heap[i], heap[m]] = [heap[m]!, heap[i]!];
      i = m;
    }
  };
  for (const x of items) {
    if (heap.length < k) {
      heap.push(x);
      up(heap.length - 1);
    } else if (cmp(x, heap[0]!) < 0) {
      heap[0] = x;
      down(0);
    }
  }
  return heap.sort(cmp);
}

/** First index of a sorted number array whose value is ≥ x. */
function lowerBound32(arr: readonly number[], x: number): number {
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
