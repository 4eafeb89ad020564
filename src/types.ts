/**
 * The data contract shared by every step of the pipeline:
 * files → documents/passages (src/ingest) → index (src/index) → hits (src/search) → reply models (src/render).
 * Nothing here imports Discord, pino or dotenv.
 */

/** Metadata a document can carry. Every field is optional; see data/README.md for the contract. */
export interface DocumentMeta {
  title?: string;
  /** `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (first day when a range). */
  date?: string;
  /** Last day when the document covers a range of dates (`YYYY-MM-DD`). */
  dateEnd?: string;
  /** Meeting or body, e.g. "Commission on Narcotic Drugs, 64th session, first intersessional meeting". */
  meeting?: string;
  /** Session, e.g. "64" or "76". Kept as text. */
  session?: string;
  speaker?: string;
  /** The speaker's post, e.g. "Minister for Foreign Affairs". */
  post?: string;
  organisation?: string;
  /** ISO 3166-1 alpha-3 code (or a historical code such as YUG, or "EU"), normalised from a name or code. */
  country?: string;
  /** The country's English name, for display. */
  countryName?: string;
  /** BCP-47-ish language tag, e.g. "en". */
  language?: string;
  url?: string;
  /** UN document symbol, e.g. "E/CN.7/2021/12". */
  symbol?: string;
}

/** One citable unit of text. */
export interface Passage {
  /** Stable id: same file and same text → same id across rebuilds. Short, URL/custom_id safe ([A-Za-z0-9_-]). */
  id: string;
  /** The document id (hits report it as `source.document`). */
  docId: string;
  /** 1-based paragraph number within the document (the ¶ in citations). */
  paragraph: number;
  /** Position of the passage within its document (0-based), for neighbour look-ups. */
  ordinal: number;
  text: string;
  /** Title of the dated/headed section the passage sits in, when it could be read reliably. */
  sectionTitle?: string;
  /** Date of that section (`YYYY-MM-DD`), when it could be read reliably. */
  sectionDate?: string;
  /** 1-based page number (PDF sources). */
  page?: number;
  /** Last page, when the passage's paragraph runs over a page break (cited "pp. 4–5"). */
  pageEnd?: number;
}

/**
 * One speaker's statement inside a document: a turn in a verbatim record ("Mr. Duque Márquez
 * (Colombia): …"), or a statement a report narrates ("the representative of X from Y stated that …").
 * It covers the document's passages `first` … `last` (ordinals, inclusive); statements do not overlap
 * and come in document order. The document keeps its own metadata (the record or report is the source).
 */
export interface Statement {
  /** `turn`: the record gives the speaker's words; `reported`: a report narrates what they said. */
  kind: 'turn' | 'reported';
  /** As the document names them: "Mr. Duque Márquez", "The President", "Center for Governance Research (CGR)". */
  speaker: string;
  /** ISO code of the country in the parenthesis (or the "from …" of a narrated statement). */
  country?: string;
  countryName?: string;
  /** The parenthesis when it names a body, not a country ("European Union" is a code; "African Union" is not). */
  organisation?: string;
  /** "the Group of 77 and China" (from "…, on behalf of the Group of 77 and China" or the statement's first sentence). */
  onBehalfOf?: string;
  /** Words after the parenthesis that are not "on behalf of": "Co-Chair of the intergovernmental negotiations". */
  post?: string;
  /** The record's language note as written: "spoke in Spanish", "interpretation from French". */
  languageNote?: string;
  /** Code of the language the speaker used, when the note names it ("es"). */
  language?: string;
  first: number;
  last: number;
  /** First and last page (PDF); `pageEnd` only when it differs. */
  page?: number;
  pageEnd?: number;
}

export interface LibraryDocument {
  /** Document id: from a JSON statement's `id`, else derived from the file path relative to the library root. */
  id: string;
  /** Path relative to the library root, with `/` separators. */
  path: string;
  meta: DocumentMeta;
  passages: Passage[];
  /** Speakers' statements, when the document is a record of several speakers or a report narrating statements. */
  statements?: Statement[];
  /**
   * Ordinals of the passages that are footnotes (ascending), when it has any: a citation's walk back
   * to the paragraph a list item falls under passes over them (a footnote at a page's foot sits
   * between a paragraph's number and its bullets on the next page).
   */
  footnotes?: number[];
  /**
   * The marks the footnotes are printed with ("4", "*"), in the order of `footnotes` ('' where the
   * format gave none), when any is known: a footnote is cited by its number ("footnote 4").
   */
  footnoteMarks?: string[];
  /**
   * How many of its first passages are the heading of a speaker's statement (its title, letterhead,
   * place and date, above the salutation that opens the speech), when the document calls itself a
   * statement and its metadata names a speaker: no one speaks in them (src/search/speakers.ts
   * decides it for citations, filters, trends and follows alike).
   */
  heading?: number;
}

/** A file (or a line in it) that could not be used, and why. */
export interface Problem {
  /** Path relative to the library root. */
  path: string;
  /** 1-based line number, when the problem is on a line (manifest row, JSONL line, front matter). */
  line?: number;
  reason: string;
}

export interface IngestReport {
  documents: number;
  passages: number;
  /** Files not indexed at all. */
  skipped: Problem[];
  /** Indexed, but something was ignored (a bad manifest row, an unknown country name, …). */
  warnings: Problem[];
}

/** Filters as the CLI flags, batch lines and slash-command options give them. */
export interface SearchFilters {
  /** Country name or ISO code; normalised before use. */
  country?: string;
  /** Part of a speaker's name, case- and accent-insensitive. */
  speaker?: string;
  organisation?: string;
  /** Inclusive bounds, `YYYY` or `YYYY-MM-DD`. `year` is shorthand for from = to = year. */
  year?: string;
  from?: string;
  to?: string;
  session?: string;
  /** Document id. */
  document?: string;
  /** UN document symbol (`E/CN.7/2021/12`), exact but case-insensitive. */
  symbol?: string;
}

/** Order of hits: by score, or by date (newest or oldest first, then by score; undated last). */
export type SortOrder = 'relevance' | 'newest' | 'oldest';

export const SORT_ORDERS: readonly SortOrder[] = ['relevance', 'newest', 'oldest'];

/** Most hits one search returns (an export of all hits asks for this many). */
export const MAX_HITS = 5000;

export interface SearchOptions {
  filters?: SearchFilters;
  /** Hits to return (default 10, at most {@link MAX_HITS}). */
  limit?: number;
  /** Hits to skip, for paging (default 0). */
  offset?: number;
  /** Default 'relevance'. */
  sort?: SortOrder;
  /**
   * A query of filters alone (`speaker:Arafat`), or an empty query with `filters` given, lists the
   * passages the filters allow, newest first (or as `sort` asks), each document first to last,
   * instead of being refused: for /search and the CLI's search. Compare, follows and trends need words.
   */
  filtersAlone?: boolean;
}

/** A character range [start, end) in an excerpt's text that matched the query. */
export type Mark = readonly [start: number, end: number];

export interface Excerpt {
  /** About 300 characters opening at the best-matching sentence and showing it whole (up to 450 for one long sentence), cut at word boundaries, "…" where cut. */
  text: string;
  /** Matched words, as ranges into `text`, sorted, non-overlapping. The renderer decides how to show them. */
  marks: Mark[];
}

/** Everything needed to cite a passage. */
export interface Source {
  document: string;
  title?: string;
  date?: string;
  speaker?: string;
  post?: string;
  organisation?: string;
  country?: string;
  countryName?: string;
  meeting?: string;
  session?: string;
  paragraph: number;
  /**
   * The paragraph's number as the document prints it ("11" for "11. We will spare no effort…",
   * "16.86" in a budget section, "244" in an old verbatim record), when the passage opens with one:
   * citations give it ("para. 11") instead of the passage count `paragraph`, which differs.
   */
  printedParagraph?: string;
  /**
   * Set when the document prints its own paragraph numbers but this passage has none (a preamble
   * paragraph, a heading, a footnote, a table, a list whose number was lost): then `paragraph`, the
   * passage count, would read as one of the printed numbers and is not cited. Where it stands is
   * cited instead: after the printed number before it (`afterParagraph`), else before the one after
   * it (`beforeParagraph`).
   */
  unnumbered?: true;
  afterParagraph?: string;
  beforeParagraph?: string;
  /** Set with `unnumbered` when the passage is one of the document's footnotes. */
  footnote?: true;
  /** The footnote's number (or sign) as the document prints it, when known: cited "footnote 4". */
  footnoteNumber?: string;
  /**
   * Set when the passage is one of several its paragraph was cut into (a paragraph longer than a
   * passage): which one, from 1, and how many (`parts`), so that the parts' citations differ.
   */
  part?: number;
  parts?: number;
  page?: number;
  /** Last page when the passage runs over a page break. */
  pageEnd?: number;
  section?: string;
  symbol?: string;
  url?: string;
  /**
   * Set when the passage lies in a statement: then speaker, country, countryName and organisation are
   * the statement's (who spoke), and the document's own are in `reportedBy` (kind `reported`).
   */
  statement?: 'turn' | 'reported';
  /** "the Group of 77 and China". */
  onBehalfOf?: string;
  /** "spoke in Spanish". */
  languageNote?: string;
  /** Who wrote the report that narrates the statement: its organisation (else title), with its country. */
  reportedBy?: string;
}

export interface Hit {
  /** Passage id. */
  id: string;
  score: number;
  excerpt: Excerpt;
  /** The whole passage text. */
  text: string;
  source: Source;
  /**
   * The same text in other documents, ranked below this hit and folded into it (a report as PDF
   * and as .docx, a speech copied under another name: src/search/fold-copies.ts), best first;
   * absent when there is none.
   */
  copies?: HitCopy[];
}

/** Another document's passage holding a hit's words, word for word: where else the text is. */
export interface HitCopy {
  /** Passage id. */
  id: string;
  /** The document's file, as the library names it ("A_80_604_Add.6.docx"). */
  file: string;
  source: Source;
}

export interface SearchResponse {
  query: string;
  /** Number of matching passages (all pages). */
  total: number;
  /**
   * Set when `total` is an estimate: with quoted phrases, the best candidates are checked until the
   * page is full, and how many of the rest hold the phrases is estimated from a sample of them.
   */
  totalEstimated?: boolean;
  hits: Hit[];
  tookMs: number;
  /** Set when the time budget cut the search short: the hits are the best found so far. */
  partial?: boolean;
  /** How the query was read where it was read leniently (an unclosed quote): sentences fit to show. */
  notices?: string[];
  /**
   * Set when the hits are listed, not ranked (filters alone, a document's symbol typed alone): their
   * `score` means nothing, and the CLI, JSON and CSV leave it out.
   */
  listed?: true;
}

/** A query or filter the user must fix; `message` is fit to show as is. */
export class QueryError extends Error {
  override name = 'QueryError';
}

export interface DocumentSummary {
  id: string;
  path: string;
  meta: DocumentMeta;
  passages: number;
  /** Statements in the document (a record or a report narrating statements), when it has any. */
  statements?: number;
  /** Who speaks in them, once each, in order of first turn: "Mr. Arcilla (Philippines)", "The President". */
  speakers?: string[];
}

export interface LibraryStats {
  documents: number;
  passages: number;
  /** ISO timestamp of when the index was built. */
  indexedAt: string;
  skipped: Problem[];
  warnings: Problem[];
}

/** What the library can be asked for facets (autocomplete, /sources filters). */
export type Facet = 'country' | 'speaker' | 'session' | 'document' | 'organisation';

export interface FacetValue {
  /** What a filter takes (ISO code, document id, session number, speaker name). */
  value: string;
  /** What a person reads (country name, document title, …). */
  label: string;
  /** Passages carrying it. */
  count: number;
  /**
   * A speaker's other spellings in the library ("Joe Biden", "Joseph R. Biden, Jr" for "Joseph R.
   * Biden"; src/search/people.ts): autocomplete finds the person by any of them.
   */
  spellings?: string[];
}

/** Trends: matches counted per bucket (src/search/count.ts). */
export type TrendBy = 'year' | 'session' | 'country' | 'speaker';
export type TrendPer = 'passages' | 'documents';
export const TREND_BYS: readonly TrendBy[] = ['year', 'session', 'country', 'speaker'];
export const TREND_PERS: readonly TrendPer[] = ['passages', 'documents'];

export interface TrendOptions {
  filters?: SearchFilters;
  /** Default 'year'. */
  by?: TrendBy;
  /** Count matching passages (default) or documents holding one. */
  per?: TrendPer;
}

export interface TrendBucket {
  /** Year, session number, ISO country code or speaker name. */
  key: string;
  /** What a person reads (the country's name for a code). */
  label: string;
  /** Matching passages (or documents) in the bucket. */
  count: number;
  /** All passages (or documents) of the bucket under the same filters. */
  base: number;
}

export interface TrendCounts {
  query: string;
  filters: SearchFilters;
  by: TrendBy;
  per: TrendPer;
  /** Matching passages (or documents) in all. */
  total: number;
  /** Of them, those with no value for `by` (undated, no session, …): in no bucket. */
  unbucketed: number;
  /**
   * Year and session: every bucket from the first to the last one the filters allow, in order
   * (zero counts included, years with no passages at all too, base 0). Country and speaker: the
   * buckets with matches, most first (ties by label).
   */
  buckets: TrendBucket[];
  /** The library counted over. */
  library: { documents: number; passages: number };
  tookMs: number;
  /** How the query was read leniently (as in {@link SearchResponse}): shown with the chart. Absent when none. */
  notices?: string[];
  /**
   * Year and session, when the country or speaker filter names 2–6 values: the counts of each
   * value apart (one line each on the chart), its buckets aligned with {@link buckets} (the same
   * keys, in the same order). `buckets` holds them together.
   */
  series?: TrendSeries;
}

/** A trend's counts per value of one filter (see {@link TrendCounts.series}). */
export interface TrendSeries {
  filter: 'country' | 'speaker';
  values: Array<{ value: string; total: number; buckets: TrendBucket[] }>;
}

/** Words to mark in a passage's excerpt. */
export interface PassageMarks {
  /** Analyzer terms. */
  terms: ReadonlySet<string>;
  /** Phrases: analyzer terms in order, stop words included; each occurrence is marked as one span. */
  phrases?: readonly (readonly string[])[];
  /** A hyphenated compound's closed term → its parts among `terms`, not marked where the passage says the compound. */
  compoundParts?: ReadonlyMap<string, readonly string[]>;
}

/**
 * The one interface the CLI, the commands and the Discord adapter talk to.
 * Implementations may answer from another thread, hence the promises on the query path.
 */
export interface SearchEngine {
  /** Ranked hits. Throws QueryError (message fit for a user) on a query or filter that cannot be used. */
  search(query: string, options?: SearchOptions): Promise<SearchResponse>;
  /**
   * Matching passages (or documents) per year, session, country or speaker; no scoring. A passage
   * matches when its text holds every word of the query (or a word standing for it), every phrase and
   * none of the excluded, within the filters. Throws QueryError like search.
   */
  count(query: string, options?: TrendOptions): Promise<TrendCounts>;
  /**
   * A passage as a hit: with no marks (for /quote, shares, "More context"), or with its excerpt
   * chosen and marked for `marks` (a follow's words), rare words weighing more, as in search.
   */
  passage(id: string, marks?: PassageMarks): Hit | undefined;
  /** The passage and up to `radius` passages on either side, in document order. */
  context(id: string, radius: number): Hit[];
  documents(filter?: string): DocumentSummary[];
  document(id: string): DocumentSummary | undefined;
  /**
   * The one document `text` names as people name it: its id, UN symbol (any case), title, or words
   * of its name (country, speaker…) as /sources finds them; undefined when it names none.
   * @throws QueryError when it names several, saying which.
   */
  documentNamed(text: string): DocumentSummary | undefined;
  /** Values of a facet whose label or value starts with `prefix` (case- and accent-insensitive), most frequent first. */
  facet(facet: Facet, prefix: string, limit: number): FacetValue[];
  /** A correction for a word not in the vocabulary ("did you mean …"), if one is close. */
  suggest(query: string): string | undefined;
  stats(): LibraryStats;
}

/** A paragraph as a format extractor delivers it (already re-flowed where the format knows its paragraphs). */
/** Page `page` begins at character `at` of a paragraph's text. */
export interface PageBreak {
  at: number;
  page: number;
}

export interface ExtractedParagraph {
  text: string;
  /** 1-based page (PDF): where the paragraph starts. */
  page?: number;
  /** Last page, when the paragraph runs over a page (or column-and-page) break. */
  pageEnd?: number;
  /**
   * Where in `text` each later page begins (PDF): the character offset of the first word of page
   * `page`, in order. A part of a long paragraph is cited with the pages it spans, not the whole
   * paragraph's (see src/ingest/page-breaks.ts).
   */
  pageBreaks?: PageBreak[];
  /**
   * What the paragraph is when it is not running text: a table (rows joined by " | ", cells by
   * " · ") or a footnote (its mark removed). Such paragraphs are never joined to a neighbour.
   */
  kind?: 'table' | 'footnote';
  /** A footnote's mark as the document prints it ("4", "*"), where the format gives it: it is cited as "footnote 4". */
  mark?: string;
  /** The heading in force (Word headings, HTML h1–h3), used as the passage's section title. */
  heading?: string;
}

/**
 * What a format extractor returns for one document of a file (PDF, Word, HTML, plain text,
 * Markdown, or a statement of a .json/.jsonl file). Ingest validates the metadata, merges it with
 * the sidecar and manifest, and splits the text into passages.
 */
export interface ExtractedDocument {
  /**
   * Metadata the file itself carries (PDF info title, HTML <title> and canonical link, UN symbol,
   * Markdown front matter, a statement's fields), as found: ingest validates it.
   */
  meta: DocumentMeta | Readonly<Record<string, unknown>>;
  /** Either paragraphs (the format knew them) … */
  paragraphs?: ExtractedParagraph[];
  /** … or raw text to be re-flowed and split like a .txt file. */
  text?: string;
  /** Its id when a file holds several documents (statements); default: the file's path without its extension. */
  id?: string;
  /** The line of the file it comes from (.jsonl), where problems with it are reported. */
  line?: number;
  /** A UN symbol found in the text, used when no metadata gives one. */
  symbol?: string;
  /** A title the text suggests (a Markdown file's opening heading), used when no metadata gives one. */
  title?: string;
  /**
   * Set when `meta` was written by the library's author (front matter, statement fields, or none
   * at all in a text file): it then overrides sidecar and manifest, and conflicts between them are
   * reported under `label`; problems with `meta` itself at `line`. Unset: `meta` is what the
   * format carries (PDF properties, HTML <title>) and yields to sidecar and manifest.
   */
  authored?: { label: string; line?: number };
}

/** A part of a file that cannot be used (a statement without text); the rest of the file is kept. */
export interface ExtractedProblem {
  problem: string;
  line?: number;
  /** The file is indexed anyway (in part): a warning, not a skip. */
  warning?: boolean;
}

/** One document, or a file's documents and unusable parts in file order. */
export type Extraction = ExtractedDocument | Array<ExtractedDocument | ExtractedProblem>;

export interface ExtractLimits {
  /** Give up after this long (ms). */
  timeoutMs: number;
  /** Refuse files larger than this (bytes). */
  maxBytes: number;
  /** Statements read from one JSON or JSONL file; the rest is reported (default {@link MAX_STATEMENTS_PER_FILE}). */
  maxStatements?: number;
  /**
   * Passages in the whole library (MAX_PASSAGES; default {@link MAX_PASSAGES}): files are taken in
   * path order, and a file that would take the library past it is skipped with the reason.
   */
  maxPassages?: number;
}

/** One file cannot take the library down: a JSON array of a million tiny statements is cut here. */
export const MAX_STATEMENTS_PER_FILE = 50_000;

/**
 * One folder cannot take the bot down: the library indexes at most this many passages. The whole
 * UNGDC library (10,952 speeches) is 405,544 passages; its index fits the open worker's heap.
 */
export const MAX_PASSAGES = 1_000_000;

/**
 * Turns one file's bytes into documents: the one contract of every format (src/ingest/formats).
 * Throws an Error whose message is a reason fit for the index report ("encrypted PDF", "no text
 * layer (scanned image?)", "invalid JSON: …"; a numeric `line` on the error points at the line)
 * when the file cannot be used at all.
 */
export type Extractor = (bytes: Uint8Array, path: string, limits: ExtractLimits) => Promise<Extraction>;

/** An {@link Extractor} of formats that hold one document a file (PDF, Word, HTML). */
export type DocumentExtractor = (bytes: Uint8Array, path: string, limits: ExtractLimits) => Promise<ExtractedDocument>;
