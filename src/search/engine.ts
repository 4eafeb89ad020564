/**
 * The search engine: faithful BM25F over passages (text + metadata fields) scored from the frozen
 * index (typed-array postings built by MiniSearch per decade partition, src/index/frozen.ts),
 * filters that restrict candidates before scoring (date filters read only their partitions' slice
 * of the postings), typo tolerance that never beats an exact match, acronyms the library defines
 * standing for their long form and back (src/index/acronyms.ts), country names and adjectives
 * standing for each other (./country-words.ts), quoted phrases verified on positions, and a
 * term-proximity re-rank of the best candidates. Passages holding every word of a short query rank
 * first. Every constant is in INDEX_OPTIONS (src/index/options.ts), with what it was measured to do.
 *
 * This class only wires the parts: ranking in stages (./ranking/rank.ts, with a glossary of its
 * names), filters and routing (./filters.ts), documents, facets and suggestions (./catalog.ts).
 * The engine reads an index state (src/index/state.ts); the index never imports the engine.
 */
import { inAnyForm } from '../index/analyzer.ts';
import { buildState, type BuildStateOptions } from '../index/build.ts';
import { INDEX_OPTIONS, type IndexOptions } from '../index/options.ts';
import type { EngineState } from '../index/state.ts';
import type { LibraryStore, StoredDocument } from '../index/store.ts';
import { applyChange, type LibraryChange } from '../index/update.ts';
import {
  MAX_HITS,
  type TrendCounts,
  type TrendOptions,
  type SearchFilters,
  type DocumentSummary,
  type Facet,
  type FacetValue,
  type Hit,
  type IngestReport,
  type LibraryDocument,
  type LibraryStats,
  type PassageMarks,
  type SearchEngine,
  type SearchOptions,
  type SearchResponse,
  type SortOrder,
  type Source,
  type Passage,
} from '../types.ts';
import { Catalog, libraryFacets, type LibraryFacets } from './catalog.ts';
import { MAX_NEAR, numberReader, numbersWithDecimals, printsParagraphNumbers, sourceOf, type PassageText } from './citation.ts';
import { Corpus } from './corpus.ts';
import { makeExcerpt, type ExcerptMatch } from './excerpt.ts';
import { restrict, sameFilterValue, type Restriction } from './filters.ts';
import { valueMatcher } from './filter-values.ts';
import { hasFilter, mergeFilters, parseQuery, type ParsedQuery } from './query.ts';
import { countTrend } from './count.ts';
import { matchAll } from './ranking/match.ts';
import { readSpeakerNames } from './ranking/names.ts';
import { rank, type Ranked } from './ranking/rank.ts';
import { foldCopies, type FoldedHit } from './fold-copies.ts';
import { Scratch } from './ranking/scratch.ts';

/** Builds the engine over `documents` (the CLI, bot, eval and bench all use this with INDEX_OPTIONS). */
export function createEngine(documents: readonly LibraryDocument[], report: IngestReport, options: BuildStateOptions = {}): VerbatimEngine {
  return new VerbatimEngine(buildState(documents, report, options));
}

/**
 * What building an engine computes from its state alone, computed ahead (on a worker thread, see
 * src/library/live-update.ts) so the thread that swaps the engine in does not: plain data, cloneable.
 */
export interface EnginePrepared {
  facets: LibraryFacets;
}

/** {@link EnginePrepared} for `state`. */
export function prepareEngine(state: EngineState): EnginePrepared {
  return { facets: libraryFacets(state.store.docs) };
}

/** A passage shown without a query: nothing to mark. */
const NO_MARKS: ExcerptMatch = { terms: new Set() };

export class VerbatimEngine implements SearchEngine {
  readonly state: EngineState;
  private readonly opts: IndexOptions;
  private readonly corpus: Corpus;
  private readonly catalog: Catalog;
  private readonly scratch: Scratch;

  /** `options` other than INDEX_OPTIONS are for experiments only; the product always uses the default. */
  constructor(state: EngineState, options: IndexOptions = INDEX_OPTIONS, prepared?: EnginePrepared) {
    this.opts = options;
    this.state = state;
    this.corpus = new Corpus(state, options);
    this.catalog = new Catalog(this.corpus, prepared?.facets);
    this.scratch = new Scratch(state.store.size, state.store.docs.length);
  }

  async search(query: string, options: SearchOptions = {}): Promise<SearchResponse> {
    return this.searchSync(query, options);
  }

  /** The synchronous search behind {@link search} (for eval and benchmarks). */
  searchSync(query: string, options: SearchOptions = {}): SearchResponse {
    const listing = options.filtersAlone === true;
    let parsed: ParsedQuery =
      listing && !query.trim() && hasFilter(options.filters ?? {})
        ? { ...filtersOnly({}), filtersAlone: true }
        : parseQuery(query, { filtersAlone: listing });
    const started = performance.now();
    const countries = this.catalog.facetValues('country');
    // a query that is one document's symbol, typed bare (`A/RES/79/191`), asks for that document
    const symbol = documentSymbolQuery(this.corpus.store, query, options.filters ?? {});
    // (its passages in order, as a filter alone gives them: its words would pick a few)
    if (symbol) parsed = filtersOnly({ symbol: symbol.symbol }, parsed.notices);
    const filters = mergeFilters(parsed.filters, options.filters ?? {}, sameFilterValue(countries));
    const limit = Math.max(0, Math.min(options.limit ?? 10, MAX_HITS));
    const offset = Math.max(0, options.offset ?? 0);
    const restriction = restrict(this.corpus.store, filters, countries);
    // the ranking's time budget starts here: what a first query builds once for every later one (the
    // people behind a speaker filter, in `restrict`; the speakers' names) is not this query's time
    // (the first speaker-filtered search in a process took 823 ms, 0.5 s of it those, and under load
    // its ranking was cut short: a known item found or missed from run to run)
    readSpeakerNames(this.corpus.store);
    const budgetFrom = performance.now();
    const notices = [...parsed.notices];
    if (symbol) {
      const q = query.trim();
      notices.push(
        symbol.documents === 1
          ? `“${q}” is a document in the library: these are its passages, first to last. In quotes ("${q}") it is searched as words, in every document.`
          : `“${q}” names ${symbol.documents} documents in the library: these are their passages, each first to last. In quotes ("${q}") it is searched as words, in every document.`,
      );
    }
    // filters alone rank nothing: the passages they allow, newest document first (or as asked), each first to last
    const sort = parsed.filtersAlone && (options.sort ?? 'relevance') === 'relevance' ? 'newest' : (options.sort ?? 'relevance');
    // a page is filled from further hits when copies fold into hits above them: ranked deeper, at most twice more
    const listed = parsed.filtersAlone === true || symbol !== undefined;
    const want = offset + limit;
    let need = want;
    // a listing (filters alone, a symbol alone) is a document's passages in order: nothing folds
    const fold = (r: Ranked): FoldedHit[] => (listed ? r.order.map((g) => ({ g, copies: [] })) : foldCopies(r.order, this.corpus.store, scoreIn(r)));
    let { ranked, relaxed } = this.rankOrRelax(query, parsed, restriction, need, budgetFrom, sort);
    let folded = fold(ranked);
    for (let round = 0; round < 2 && folded.length < want && ranked.order.length < ranked.total && !ranked.partial; round++) {
      need = ranked.order.length + 2 * (want - folded.length);
      ({ ranked, relaxed } = this.rankOrRelax(query, parsed, restriction, need, budgetFrom, sort));
      folded = fold(ranked);
    }
    if (relaxed) notices.push(relaxedNotice(parsed, hasFilter(filters), ranked.held));
    if (parsed.filtersAlone && ranked.total > 0) {
      notices.push(
        `No words to search for: these are the passages the filters allow${parsed.excluded.length || parsed.excludedPhrases.length ? ' that do not say what the query leaves out' : ''}, ${sort === 'oldest' ? 'oldest' : 'newest'} document first, each first to last. Add words to search among them.`,
      );
    }
    const marks = {
      ...this.excerptMatch(ranked.markTerms, ranked.phrases, ranked.markWeights),
      compoundParts: ranked.compoundParts,
      phraseOnly: ranked.phraseOnly,
      sameAs: ranked.markSameAs,
    };
    const page = folded.slice(offset, offset + limit);
    const shown = page.map((f) => f.g);
    const hits = page.map((f) => this.hitOf(f.g, ranked.scores.get(f.g) ?? 0, marks, f.copies));
    // a word found only through words spelled like it, on this page: say so ("drones" shown as "done")
    for (const c of ranked.corrections) {
      if (!shown.length || shown.some((g) => this.corpus.inPassage(g, c.term))) continue;
      const like = c.typos.filter((t) => shown.some((g) => this.corpus.inPassage(g, t))).map((t) => `“${this.corpus.surfaceOf(t)}”`);
      if (!like.length) continue;
      notices.push(
        this.corpus.df(c.term) === 0
          ? `No passage holds “${c.raw}”: searched as ${like.join(', ')}, spelled like it.`
          : `No passage shown holds “${c.raw}”: they hold words spelled like it (${like.join(', ')}).`,
      );
    }
    // every match ranked: the total counts each text once; else, copies folded among the ranked, the
    // matches not ranked are taken to hold copies as often (an estimate: "1–5 of about 35")
    const allRanked = !ranked.estimated && ranked.order.length >= ranked.total;
    const foldedShare = ranked.order.length ? folded.length / ranked.order.length : 1;
    const total =
      listed || foldedShare === 1 ? ranked.total : allRanked ? folded.length : Math.max(folded.length, Math.round(ranked.total * foldedShare));
    const res: SearchResponse = {
      query,
      total,
      hits,
      tookMs: Math.round((performance.now() - started) * 100) / 100,
    };
    if (ranked.estimated || (!listed && !allRanked && foldedShare < 1)) res.totalEstimated = true;
    if (ranked.partial) res.partial = true;
    if (notices.length) res.notices = notices;
    // filters alone, or a document's symbol: the passages in order, no score
    if (listed) res.listed = true;
    return res;
  }

  /**
   * The ranking for a page needing `need` passages; when no passage holds the query's quoted phrases
   * (or +words), rather than nothing, the passages holding their words (`relaxed`: the reply says
   * that none holds them as written).
   */
  private rankOrRelax(
    query: string,
    parsed: ParsedQuery,
    restriction: Restriction,
    need: number,
    started: number,
    sort: SortOrder,
  ): { ranked: Ranked; relaxed: boolean } {
    const ranked = rank(this.corpus, this.scratch, parsed, restriction, need, started, sort);
    if (ranked.total > 0 || parsed.phrases.length === 0) return { ranked, relaxed: false };
    const loose = rank(this.corpus, this.scratch, parseQuery(query, { relaxed: true }), restriction, need, started, sort, ranked.requiredWords);
    return loose.total > 0 ? { ranked: loose, relaxed: true } : { ranked, relaxed: false };
  }

  async count(query: string, options: TrendOptions = {}): Promise<TrendCounts> {
    return countTrend(this, query, options);
  }

  /**
   * Every passage matching the query in full, ascending, without scoring (./ranking/match.ts); an
   * empty query matches every passage the filters allow (the base a trend is normalised by).
   * @throws QueryError on a query or filter that cannot be used.
   */
  matchAll(query: string, filters: SearchFilters = {}): Int32Array {
    const parsed = query.trim() ? parseQuery(query) : filtersOnly({});
    const countries = this.catalog.facetValues('country');
    const merged = mergeFilters(parsed.filters, filters, sameFilterValue(countries));
    return matchAll(this.corpus, parsed, restrict(this.corpus.store, merged, countries));
  }

  /** A term's weight when an excerpt chooses its sentence: its idf, so rare words count more than common ones. */
  private readonly termWeight = (term: string): number => this.corpus.idf(term);

  /**
   * What excerpts mark and weigh: the marked terms; the quoted phrases; and apart from them the
   * spelled-out acronyms ranking marks as phrases too (a phrase equal to the long form of a marked
   * term), each counted as the acronym it spells out when the excerpt chooses its sentence.
   */
  private excerptMatch(terms: ReadonlySet<string>, phrases: readonly string[][], weights?: ReadonlyMap<string, number>): ExcerptMatch {
    const longForms = [...terms].flatMap((t) => {
      const form = this.corpus.longFormWords.get(t);
      return form ? [[t, form] as const] : [];
    });
    const spelled = (p: readonly string[]): string | undefined =>
      longForms.find(([, f]) => f.length === p.length && f.every((w, k) => w === inAnyForm(p[k]!)))?.[0];
    const forms = phrases.filter((p) => spelled(p) !== undefined);
    const weight = weights?.size ? (term: string): number => weights.get(term) ?? this.termWeight(term) : this.termWeight;
    return { terms, phrases: phrases.filter((p) => spelled(p) === undefined), forms, spells: forms.map(spelled), weight };
  }

  /** `marks` for passage g without the parts of the hyphenated compounds it says (`compoundParts`; peace-keeping: not each "peace"). */
  private compoundMarks(g: number, marks: ExcerptMatch): ExcerptMatch {
    const drop = new Set<string>();
    for (const [closed, ps] of marks.compoundParts ?? []) if (this.corpus.inText(g, closed)) for (const t of ps) drop.add(t);
    return drop.size ? { ...marks, terms: new Set([...marks.terms].filter((t) => !drop.has(t))) } : marks;
  }

  private hitOf(g: number, score: number, marks: ExcerptMatch, copies: readonly number[] = []): Hit {
    const { store } = this.corpus;
    const p = store.passage(g);
    const hit: Hit = { id: p.id, score, excerpt: makeExcerpt(p.text, this.compoundMarks(g, marks)), text: p.text, source: this.sourceAt(g, p) };
    if (copies.length) hit.copies = copies.map((k) => ({ id: store.id(k), file: store.doc(k).path, source: this.sourceAt(k) }));
    return hit;
  }

  /** Passage g's source (`p`: the passage, when read already). */
  private sourceAt(g: number, p: Passage = this.corpus.store.passage(g)): Source {
    const d = this.corpus.store.doc(g);
    const mark = this.footnoteMark(d, p.ordinal);
    return sourceOf(d, p, {
      before: (back) => this.passageBefore(g, back),
      decimal: () => this.decimalNumbered(d),
      numbered: () => this.printsNumbers(d),
      footnote: this.isFootnote(d, p.ordinal),
      ...(mark ? { footnoteMark: mark } : {}),
      nearest: () => this.nearestNumber(d, p.ordinal),
    });
  }

  /** Documents that number their paragraphs "16.1", "16.2" … (see Numbering), read from their first passages once. */
  private readonly decimalNumbering = new WeakMap<StoredDocument, boolean>();

  private decimalNumbered(d: StoredDocument): boolean {
    let decimal = this.decimalNumbering.get(d);
    if (decimal === undefined) {
      decimal = numbersWithDecimals(this.openingTexts(d));
      this.decimalNumbering.set(d, decimal);
    }
    return decimal;
  }

  /** The texts of a document's first 200 passages, read as iterated. */
  private *openingTexts(d: StoredDocument): Generator<string> {
    const { store } = this.corpus;
    for (let o = 0; o < Math.min(d.count, 200); o++) yield store.text(d.first + o);
  }

  /** A document's first 200 passages that are not footnotes, with their ¶, read as iterated. */
  private *openingPassages(d: StoredDocument): Generator<PassageText> {
    const { store } = this.corpus;
    for (let o = 0; o < Math.min(d.count, 200); o++) {
      if (!this.isFootnote(d, o)) yield { text: store.text(d.first + o), paragraph: store.paragraphOf(d.first + o) };
    }
  }

  /** Documents that print their own paragraph numbers (see Numbering), read from their first passages once. */
  private readonly printedNumbering = new WeakMap<StoredDocument, boolean>();

  private printsNumbers(d: StoredDocument): boolean {
    let numbered = this.printedNumbering.get(d);
    if (numbered === undefined) {
      const speech = d.meta.speaker !== undefined;
      numbered = printsParagraphNumbers(speech ? [] : this.openingPassages(d), speech);
      this.printedNumbering.set(d, numbered);
    }
    return numbered;
  }

  /** Each document's passages' own printed numbers (undefined for none, and for footnotes), read once. */
  private readonly ownNumbers = new WeakMap<StoredDocument, Array<string | undefined>>();

  /**
   * The printed numbers nearest the passage at `ordinal` of document d, before it (else after it),
   * within MAX_NEAR passages: from the document's numbers read once, not from its passages read
   * again for every hit (an export of thousands of a report's unnumbered table rows).
   */
  private nearestNumber(d: StoredDocument, ordinal: number): { after?: string; before?: string } {
    let own = this.ownNumbers.get(d);
    if (!own) {
      const { store } = this.corpus;
      const numberOf = numberReader(() => this.decimalNumbered(d));
      own = Array.from({ length: d.count }, (_, o) => (this.isFootnote(d, o) ? undefined : numberOf(store.text(d.first + o))));
      this.ownNumbers.set(d, own);
    }
    for (let o = ordinal - 1; o >= 0 && o >= ordinal - MAX_NEAR; o--) {
      const n = own[o];
      if (n !== undefined) return { after: n };
    }
    for (let o = ordinal + 1; o < own.length && o <= ordinal + MAX_NEAR; o++) {
      const n = own[o];
      if (n !== undefined) return { before: n };
    }
    return {};
  }

  /** Whether the passage at `ordinal` in document d is a footnote. */
  private isFootnote(d: StoredDocument, ordinal: number): boolean {
    return d.footnotes?.includes(ordinal) ?? false;
  }

  /** The printed mark of the footnote at `ordinal` in document d ("4"), when it is one and the mark is known. */
  private footnoteMark(d: StoredDocument, ordinal: number): string | undefined {
    const i = d.footnoteMarks ? (d.footnotes?.indexOf(ordinal) ?? -1) : -1;
    return i >= 0 ? d.footnoteMarks![i] || undefined : undefined;
  }

  /**
   * The passage `back` places before passage g in its document (after it, for a negative `back`):
   * for the printed paragraph a list item falls under, or the nearest one.
   */
  private passageBefore(g: number, back: number): PassageText | undefined {
    const { store } = this.corpus;
    const k = g - back;
    if (k < 0 || k >= store.size || store.doc(k) !== store.doc(g)) return undefined;
    // the text is read from the cache file only if the walk needs it (most passages carry on nothing)
    let text: string | undefined;
    const d = store.doc(k);
    return {
      paragraph: store.paragraphOf(k),
      footnote: this.isFootnote(d, store.arrays.ordinal[k]!),
      get text(): string {
        return (text ??= store.text(k));
      },
    };
  }

  passage(id: string, marks?: PassageMarks): Hit | undefined {
    const g = this.corpus.store.passageNumber(id);
    return g === undefined ? undefined : this.hitOf(g, 0, marks ? { ...marks, weight: this.termWeight } : NO_MARKS);
  }

  context(id: string, radius: number): Hit[] {
    const { store } = this.corpus;
    const g = store.passageNumber(id);
    if (g === undefined) return [];
    const d = store.doc(g);
    const r = Math.max(0, Math.floor(radius));
    const out: Hit[] = [];
    for (let i = Math.max(d.first, g - r); i <= Math.min(d.first + d.count - 1, g + r); i++) out.push(this.hitOf(i, 0, NO_MARKS));
    return out;
  }

  documents(filter?: string): DocumentSummary[] {
    return this.catalog.documents(filter);
  }

  document(id: string): DocumentSummary | undefined {
    return this.catalog.document(id);
  }

  documentNamed(text: string): DocumentSummary | undefined {
    return this.catalog.named(text);
  }

  facet(facet: Facet, prefix: string, limit: number): FacetValue[] {
    return this.catalog.facet(facet, prefix, limit);
  }

  suggest(query: string): string | undefined {
    return this.catalog.suggest(query);
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
      documents: this.corpus.store.docs.length,
      passages: this.corpus.passageCount,
      indexedAt,
      skipped: report.skipped,
      warnings: report.warnings,
    };
  }
}

/** A ranking's score of passage g (0 for one outside its head). */
function scoreIn(ranked: Ranked): (g: number) => number {
  return (g) => ranked.scores.get(g) ?? 0;
}

/** A query of filters alone (no word, no phrase): every passage they allow, in library order. */
function filtersOnly(filters: SearchFilters, notices: string[] = []): ParsedQuery {
  return { text: '', words: [], phrases: [], excluded: [], excludedPhrases: [], filters, notices };
}

/**
 * The symbol of the library's document that `query` is, typed bare and alone (`A/RES/79/191`,
 * `s/pv.8701`, case aside; not in quotes), when no filter is set; else undefined. Only a query
 * with a slash, as every symbol has, is compared with the documents' symbols.
 */
function documentSymbolQuery(store: LibraryStore, query: string, filters: SearchFilters): { symbol: string; documents: number } | undefined {
  const q = query.trim();
  if (!q.includes('/') || hasFilter(filters)) return undefined;
  // as the symbol filter reads it: "S/PV.8699" names "S/PV.8699 (Resumption 1)" too
  const names = valueMatcher('symbol', q);
  const documents = store.docs.filter((d) => names(d.meta.symbol)).length;
  return documents ? { symbol: q, documents } : undefined;
}

/**
 * What a reply says when no passage held a query's quoted phrases or +words as written, and how
 * many of their words the passages shown hold (`held`, when counted: all, or the most any holds).
 */
function relaxedNotice(parsed: ParsedQuery, filtered: boolean, held?: { words: number; of: number }): string {
  const quoted = parsed.phrases.map((p) => `“${p.raw}”`);
  const list = quoted.length > 1 ? `${quoted.slice(0, -1).join(', ')} and ${quoted.at(-1)}` : quoted[0];
  const their = quoted.length > 1 ? 'their' : 'its';
  const which = held && held.words < held.of ? `${held.words} of ${their} ${held.of} words` : `${their} words`;
  return `No passage${filtered ? ' within the filters' : ''} holds ${list} as written: these passages hold ${which}.`;
}
