/**
 * The query language: free words, "exact phrases", -exclusions, +required words and inline
 * filters (country:COL, year:2021, …). Pure: parsing never touches the index; the engine decides
 * what the parts mean for ranking.
 */
import { isStatement } from './statement.ts';
import { QueryError, type SearchFilters } from '../types.ts';
import {
  closeSpacedHyphens,
  compoundTerms,
  fold,
  FOREIGN_FUNCTION_WORDS,
  readTogether,
  tokens,
  typedCompounds,
  US_TERM,
  type Token,
} from '../index/analyzer.ts';
import { normalizeCountry } from '../ingest/country.ts';
import {
  addFilterValues,
  checkRange,
  filterValues,
  isListFilter,
  joinFilterValues,
  LIST_FILTERS,
  normalizeDateBound,
  type FilterValue,
} from './filter-values.ts';

export { normalizeDateBound } from './filter-values.ts';

export interface QueryWord {
  /** The word as typed (one word, "per cent" being one; compounds are split into their parts). */
  raw: string;
  /** The analyzer's query term (folded, stemmed), as indexed. */
  term: string;
  /** How many times the free words say it, when more than once (a compound's part typed alone too). */
  count?: number;
}

/** A hyphenated compound among the free words (`peace-keeping`): its closed form's term and its parts' terms. */
export interface QueryCompound {
  /** The compound as typed. */
  raw: string;
  /** The term of its closed form (`peacekeeping`), which the index also holds for every hyphenated one. */
  term: string;
  /** Its parts' terms, stop words left out (`follow-up`: follow). */
  parts: string[];
  /** A part is a stop word (`follow-up`): the other parts apart do not say the compound. */
  partial?: boolean;
}

/**
 * Whether a free word is said on its own, not only as a part of `compounds`: "peace" in `peace and
 * peace-keeping`, not in `peace-keeping peace-building` (QueryWord.count against the compounds holding it).
 */
export function saidApart(compounds: readonly QueryCompound[]): (w: QueryWord) => boolean {
  const inside = new Map<string, number>();
  for (const k of compounds) for (const p of k.parts) inside.set(p, (inside.get(p) ?? 0) + 1);
  return (w) => (w.count ?? 1) > (inside.get(w.term) ?? 0);
}

export interface QueryPhrase {
  /** The phrase as typed, without its quotes. */
  raw: string;
  /** Analyzer terms of every token, stop words included, in order (`Token.term`). */
  terms: string[];
  /** Typed in quotes (not a `+word`): its words hold in the form typed, a single word too. */
  quoted?: true;
}

export interface ParsedQuery {
  /** The query without its filters: whitespace collapsed, quotes straightened. */
  text: string;
  /** Ranked free words, stop words dropped, one per distinct term. */
  words: QueryWord[];
  /** The hyphenated compounds among the free words (their parts are among `words`). */
  compounds?: QueryCompound[];
  /** Phrases that must occur (a `+word` is a one-word phrase). */
  phrases: QueryPhrase[];
  excluded: QueryWord[];
  excludedPhrases: QueryPhrase[];
  filters: SearchFilters;
  /** How the query was read where it was read leniently (an unclosed quote; `from: 5 years` read as words), one sentence each, fit to show. */
  notices: string[];
  /** The query is filters alone, read with {@link ParseOptions.filtersAlone}: it has no word, phrase or exclusion. */
  filtersAlone?: true;
  /** Its words (no phrase, +word or -word) state something: a pasted claim (./statement.ts). */
  statement?: true;
}

export interface ParseOptions {
  /**
   * Quoted phrases and +words stress their words instead of requiring them, as in a description
   * (the engine's second reading of a query whose required phrases no passage holds).
   */
  relaxed?: boolean;
  /**
   * A query of filters alone (no word, nothing left out: `speaker:Arafat`, `country:LBN year:2024`)
   * is read as such ({@link ParsedQuery.filtersAlone}) instead of refused: a search lists the passages
   * the filters allow. A follow or a trend needs words, and leaves this unset.
   */
  filtersAlone?: boolean;
  /**
   * Read every filter written with a space as a filter, as before spaced values could be read as
   * words: for stored queries (follows), whose meaning must not change with the parser's heuristics.
   */
  strictFilters?: boolean;
}

/**
 * The longest query accepted: Discord's limit for a slash-command text option. Long
 * natural-language queries are ranked, not refused — the engine ranks their most informative words
 * (see {@link MAX_QUERY_PHRASES} for what stays an error).
 */
export const MAX_QUERY_LENGTH = 6000;
/**
 * Queries of more words than this are descriptions: their quoted phrases and +words are ranked as
 * words, not required (a pasted paragraph's quotation marks are not query syntax).
 */
export const MAX_STRICT_QUERY_WORDS = 32;
/** At most this many quoted phrases (each is checked word by word in every candidate). */
export const MAX_QUERY_PHRASES = 16;
/** At most this many -excluded words. */
export const MAX_QUERY_EXCLUSIONS = 32;

/** Filter keys as typed → the SearchFilters field (or a range form). */
const FILTER_KEYS: Readonly<Record<string, string>> = {
  country: 'country',
  speaker: 'speaker',
  org: 'organisation',
  organisation: 'organisation',
  organization: 'organisation',
  year: 'year',
  years: 'years',
  date: 'date',
  from: 'from',
  to: 'to',
  session: 'session',
  doc: 'document',
  document: 'document',
  symbol: 'symbol',
};

/**
 * Words that close no hyphenated compound, and (but the articles a and an: A-bomb, A-level) open
 * none: a hyphen beside them is a dash set without spaces ("ELIZA-A Computer Program", "Algebra-the
 * Coefficients", "peace-and security"), its words read apart. In quotes a phrase holds the words in
 * order either way.
 */
const DASH_ENDS: ReadonlySet<string> = new Set(['a', 'an', 'the', 'and', 'or', 'but']);
const DASH_OPENINGS: ReadonlySet<string> = new Set(['the', 'and', 'or', 'but']);

const KNOWN_FILTERS = 'country:, speaker:, org:, year:, years:, from:, to:, date:, session:, doc:, symbol:';

/** Short, accurate description of the query syntax, for --help and /about. */
export const QUERY_HELP = `Query syntax
  heroin smuggled Afghanistan   free words: passages with all of them rank first; word forms meet
                                (cultivated finds cultivation) and small typos are forgiven
  "organized crime"             an exact phrase, its words in the form typed, singular or plural
                                ("developing countries" is not "developed countries"; “curly”
                                quotes work too; an unclosed quote runs to the end of the
                                query); when no passage holds it, the passages holding its
                                words, and the reply says so
  -cannabis  -"South Africa"    leave out passages whose text says the word or phrase (a title,
                                country or speaker is left out by a filter: -country:ZAF)
  +Balkan                       a word that must appear (in any form, as "Balkan" in quotes)
  country:COL  country:"South Africa"   speaker:Guterres   org:UNODC   session:76   doc:<id>
  year:2021  years:2019-2021  date:2021-10-19  from:2019 to:2021-06-30   symbol:E/CN.7/2021/12
                                filters; dates are written 2021, 2021-10 or 2021-10-19
  country:COL,MEX  session:70-76   several values: any of them (country:COL country:MEX is the
                                same); different filters must all hold
  -country:USA  -speaker:Trump  -session:75  -doc:<id>   leave out a country, speaker, session,
                                document (also -org:, -symbol:); dates are kept with from:/to:
  speaker:Arafat                filters alone, no word (or filter options and no query): in a
                                search, the passages they allow, newest document first, each
                                first to last
  the cold war is over          a short query with small words in it may be a line you remember:
                                passages holding it word for word come first among the best
Acronyms the library defines, such as IAEA, also find their name written out, and the name finds the acronym.
A country's common name finds its statements (South Korea, Burma, UK, USSR); US in capitals is the United States.
Letters written with dots are one word: U.N. finds UN, U.S.S.R. finds USSR, and U.S. is the United States.
Search also finds a noun's adjective where the two look unalike (sun: solar, city: urban), weighted lower;
a trend does not count it.
A filter written with a space whose value it cannot take (from: 5 years), and a name before a colon that is no
filter's (CPU:I/O, contry:COL), are searched as words, and the reply says so (and which filter was close).
A query that opens with a country (germany anti-islam video, what did France say about …) ranks what that country said higher.
A speaker is one person however the library spells them: speaker:"Joe Biden" finds "Joseph R. Biden, Jr" too,
speaker:Chávez finds "Hugo Chvez Frias"; trends by speaker give each person one bar.
Figures meet however written: 50%, 50٪, 50 percent, 50 per cent, 50 por ciento; 1.5°C, 1.5C and 1.5 degrees
(°C alone is degrees Celsius); 60th and sixtieth, 21st and twenty first, 150th and one hundred and fiftieth,
79th and French 79e (60 finds 60th, not sixtieth).
A word written closed (cooperation, "international cooperation") also finds it hyphenated (co-operation), and a
hyphenated word (co-operation, peace-keeping) finds it closed where the library writes it so, or its parts together;
one with a common word as a part (follow-up, in-depth, while-do) finds it closed or hyphenated only ("in-depth" in
quotes also finds "in depth"); -peace-keeping leaves out both spellings; in quotes too ("peace-keeping operations" finds "peacekeeping operations").
A hyphen a line break left spaced (self- determination, in scanned records and pasted text) joins its word.
A lone Greek letter is its name (TNF-α finds TNF-alpha, and back).
Long queries (a pasted paragraph) are ranked by their most telling words; in queries of more than
${MAX_STRICT_QUERY_WORDS} words, quotes and + stress words instead of requiring them.
The same text in two documents (a report as PDF and as .docx, a speech copied under another name) is one hit,
saying where else it is ("also in …"; JSON copies, CSV alsoIn). A quoted phrase's total past the first page is
estimated ("about N"), the same on every page.`;

/** How many words typed before a word it may be read with ({@link parseQuery}: "one hundred and fifty-fifth" is five). */
const MAX_READ_TOGETHER = 5;

const DOUBLE_QUOTES = '"\u201C\u201D\u201E\u00AB\u00BB\uFF02';
const SINGLE_OPEN = "'\u2018";
const SINGLE_CLOSE = "'\u2019";

interface Piece {
  kind: 'word' | 'phrase';
  sign: '' | '-' | '+';
  raw: string;
}

/**
 * Parse a query typed by a person.
 * @throws QueryError with a message fit to show, naming what to fix.
 */
export function parseQuery(input: string, options: ParseOptions = {}): ParsedQuery {
  if (input.length > MAX_QUERY_LENGTH) {
    throw new QueryError(
      `The query is ${input.length.toLocaleString('en-US')} characters long; the limit is ${MAX_QUERY_LENGTH.toLocaleString('en-US')}. Keep the words that matter most.`,
    );
  }
  const pieces: Piece[] = [];
  const notices: string[] = [];
  const filters: SearchFilters = {};
  const given = new Map<string, string>();
  // a hyphen a line break left spaced, as pasted text has it, joins its compound as the index reads it
  const s = closeSpacedHyphens(input);
  let i = 0;
  const isSpace = (c: string | undefined): boolean => c !== undefined && /\s/u.test(c);
  /**
   * The words read bare (no filter, no quotes) last, one space or more apart, the first maybe signed and
   * the rest not, and where the last ends: for a sign or word after them to join ("50 %", "one hundred
   * and fiftieth").
   */
  let bareRun: Piece[] = [];
  let lastBareEnd = -1;

  const lastWord = (): string | undefined => {
    for (let k = pieces.length - 1; k >= 0; k--) {
      const w = pieces[k]!.raw.split(/\s+/).filter(Boolean).pop();
      if (w) return w;
    }
    return undefined;
  };

  /**
   * Read a quoted run starting at the opening quote at `at`; returns the inside and the index after
   * the close. `filter`: the quote opens the value of that filter (`speaker:"Obama`), which an unclosed
   * quote's notice names instead of a phrase.
   */
  const readQuoted = (at: number, filter?: string): { inner: string; next: number } | null => {
    const open = s[at]!;
    if (DOUBLE_QUOTES.includes(open)) {
      for (let k = at + 1; k < s.length; k++) {
        if (DOUBLE_QUOTES.includes(s[k]!)) return { inner: s.slice(at + 1, k), next: k + 1 };
      }
      // never closed: read leniently, as Xapian's QueryParser does — the phrase runs to the end of
      // the query (or to a filter written after it, which stays a filter), and the reply says so
      const filterAt = filterAfter(at + 1);
      const end = filterAt >= 0 ? filterAt : s.length;
      const inner = s.slice(at + 1, end);
      const before = filter === undefined ? lastWord() : `${filter}:`;
      const where = before ? `after “${before}”` : 'at the start';
      const phrase = inner.trim().replace(/\s+/g, ' ');
      const read = filter === undefined ? 'the phrase' : `${FILTER_KEYS[filter.toLowerCase()] ?? filter}`;
      if (phrase)
        notices.push(
          `The quote ${where} is never closed: read as ${read} “${truncateWords(phrase, 12)}”, up to ${end === s.length ? 'the end of the query' : 'the filter after it'}.`,
        );
      else notices.push(`The quote ${where} is never closed and encloses nothing: it was ignored.`);
      return { inner, next: end };
    }
    // single quotes: a closing ’ or ' must end a word, so apostrophes (d’Ivoire) never close
    for (let k = at + 1; k < s.length; k++) {
      const next = s[k + 1];
      if (SINGLE_CLOSE.includes(s[k]!) && (next === undefined || !/[\p{L}\p{N}]/u.test(next))) {
        return { inner: s.slice(at + 1, k), next: k + 1 };
      }
    }
    return null;
  };

  /**
   * Where an unclosed quote opened before `from` stops: at the first filter after it — not at a
   * spaced one whose value the parser reads as words (`"effects of smoking from: 5 years`), which
   * stays in the phrase. -1 when none.
   */
  const filterAfter = (from: number): number => {
    for (const m of s.slice(from).matchAll(FILTER_AFTER)) {
      const at = from + m.index + m[0].length;
      if (!isSpace(s[at]) || m[0].includes('-') || options.strictFilters) return from + m.index;
      const name = m[1]!.toLowerCase();
      if (FILTER_KEYS[name] === 'country' && countryNameAt(at)) return from + m.index;
      if (spacedValue(at, name).reads) return from + m.index;
    }
    return -1;
  };

  /**
   * The value written after `name: ` at `at`, as the filter would read it, without noticing an
   * unclosed quote in it (that is read, and noticed, once, where the value is finally read): where
   * it ends, and whether it reads as the filter's value ({@link readsAsFilter}).
   */
  const spacedValue = (at: number, name: string): { reads: boolean; next: number } => {
    const before = notices.length;
    const v = readValue(at, name, true);
    notices.length = before;
    return { reads: readsAsFilter(FILTER_KEYS[name]!, name, v.value.replace(/,+$/, '')), next: v.next };
  };

  /**
   * The longest run of two to five plain words from `at` that names a country (`South Africa`,
   * `United States of America`), and the index after it; null when none does.
   */
  const countryNameAt = (at: number): { name: string; next: number } | null => {
    const words: Array<{ text: string; next: number }> = [];
    let k = at;
    while (words.length < 5) {
      while (k < s.length && isSpace(s[k])) k++;
      const b = readBare(k);
      if (!b.text || !/^[\p{L}'’.-]+[,;:?!]?$/u.test(b.text)) break;
      words.push(b);
      k = b.next;
      if (/[,;:?!]$/u.test(b.text)) break; // punctuation ends the name
    }
    for (let n = words.length; n >= 2; n--) {
      const last = words[n - 1]!.text;
      const name = [...words.slice(0, n - 1).map((w) => w.text), last.replace(/[,;:?!.]$/u, '').replace(/['’]s$/u, '')].join(' ');
      if (!normalizeCountry(name)) continue;
      if (last.endsWith(',')) {
        // "country: South Africa, Namibia": as for "country:COL, MEX", the next value would silently become words
        throw new QueryError(
          `Write several country: values without a space after the comma, and quote a value that holds spaces: country:"${name}",${truncateWords(s.slice(words[n - 1]!.next).trim(), 1) || '…'}.`,
        );
      }
      return { name, next: words[n - 1]!.next };
    }
    return null;
  };

  const readBare = (at: number): { text: string; next: number } => {
    let k = at;
    while (k < s.length && !isSpace(s[k]) && !DOUBLE_QUOTES.includes(s[k]!)) k++;
    return { text: s.slice(at, k), next: k };
  };

  /**
   * A filter value: quoted, or up to the next space; when empty, the next word (country: Colombia).
   * Several values are joined by commas, each quoted or not (country:COL,"South Africa").
   */
  const readValue = (at: number, key: string, probe = false): { value: string; next: number } => {
    let k = at;
    if (k >= s.length || isSpace(s[k])) {
      while (k < s.length && isSpace(s[k])) k++;
    }
    const parts: string[] = [];
    for (;;) {
      const c = s[k];
      let part = '';
      if (c !== undefined && (DOUBLE_QUOTES.includes(c) || SINGLE_OPEN.includes(c))) {
        const q = readQuoted(k, key);
        if (q) {
          part = q.inner.trim();
          k = q.next;
        }
      }
      if (!part && k < s.length && !isSpace(s[k])) {
        const b = readBare(k);
        part = b.text;
        k = b.next;
      }
      parts.push(part);
      // a comma after a quoted value, or a bare value ending in a comma before a quote: more values follow
      if (s[k] === ',' && k + 1 < s.length && !isSpace(s[k + 1])) k++;
      else if (!(part.endsWith(',') && k < s.length && DOUBLE_QUOTES.includes(s[k]!))) break;
    }
    const value = parts.join(',').replace(/,,+/g, ',');
    if (probe) return { value, next: k };
    if (value.endsWith(',')) {
      // "country:COL, MEX": MEX would silently become a search word
      const next = s.slice(k).trim().split(/\s+/)[0];
      throw new QueryError(
        `Write several ${key}: values without a space after the comma — ${key}:${value}${next ? next.replace(/^[-+]/, '') : '…'} — and quote a value that holds spaces: country:COL,"South Africa".`,
      );
    }
    if (!value || isFilterText(value)) {
      throw new QueryError(`The filter ${key}: has no value — write it as ${example(key)}.`);
    }
    return { value, next: k };
  };

  while (i < s.length) {
    if (isSpace(s[i])) {
      i++;
      continue;
    }
    let sign: Piece['sign'] = '';
    // a sign opens a word: a dash glued to a closing quote ("law of the sea"-related, 'n'-free) joins, it does not exclude
    if ((s[i] === '-' || s[i] === '+') && i > 0 && !isSpace(s[i - 1])) {
      i++;
      continue;
    }
    if (s[i] === '-' || s[i] === '+') {
      let k = i;
      while (s[k] === '-' || s[k] === '+') k++;
      if (k >= s.length || isSpace(s[k])) {
        i = k; // a lone dash or plus is punctuation
        continue;
      }
      sign = s[i] as '-' | '+';
      i = k;
    }
    const c = s[i]!;
    if (DOUBLE_QUOTES.includes(c) || SINGLE_OPEN.includes(c)) {
      const q = readQuoted(i);
      if (q) {
        if (q.inner.trim()) pieces.push({ kind: 'phrase', sign, raw: q.inner.trim().replace(/\s+/g, ' ') });
        i = q.next;
        continue;
      }
      i++; // an unmatched single quote is an apostrophe, not a phrase
      continue;
    }
    const key = /^([\p{L}]+):/u.exec(s.slice(i));
    if (key) {
      const name = key[1]!.toLowerCase();
      const field = FILTER_KEYS[name];
      const rest = s.slice(i + key[0].length);
      if (field) {
        const at = i + key[0].length;
        // a country's name of several words written unquoted after a space (country: South Africa,
        // -country: Guinea Bissau) is that country, even when its first word names another
        const lenient = isSpace(s[at]) && !options.strictFilters;
        const named = field === 'country' && lenient && sign !== '+' ? countryNameAt(at) : null;
        if (named) {
          addFilterValues(filters, 'country', named.name, sign === '-');
          i = named.next;
          continue;
        }
        if (lenient && sign === '') {
          // `name: value` with a space: a filter only when the value reads as one (country: Colombia);
          // otherwise text that happens to hold a colon (from: 5 years), read as words, as Xapian's
          // QueryParser reads a prefix it cannot parse — and the reply says how to write the filter.
          // A signed one (-country: …) was meant as a filter: it stays one, with its own error.
          const v = spacedValue(at, name);
          if (!v.reads) {
            const typed = s.slice(i, v.next).trim().replace(/\s+/g, ' ');
            const notice = `Read “${truncateWords(typed, 12)}” as words — ${spacedAdvice(name)} (no space after the colon).`;
            if (!notices.includes(notice)) notices.push(notice);
            pieces.push({ kind: 'word', sign, raw: key[1]! });
            i = at;
            continue;
          }
        }
        if (sign === '+') {
          throw new QueryError(`Filters are always required: remove the “+” before ${name}:.`);
        }
        if (sign === '-' && !isListFilter(field)) {
          throw new QueryError(`Dates cannot be left out: remove the “-” before ${name}: and give the range to keep (from:, to:, years:2019-2021).`);
        }
        const v = readValue(i + key[0].length, name);
        setFilter(filters, given, name, field, v.value, sign === '-');
        i = v.next;
        continue;
      }
      if (rest && !isSpace(rest[0]) && !rest.startsWith('//')) {
        // text holding a colon (Input:Output, CPU:I/O, TNF:IL-10, Data:Science) is read as words, as
        // Xapian's QueryParser reads a prefix it does not know, and the reply says so — naming the
        // filter a misspelt name was close to (contry:COL: did you mean country:?); a stored query
        // (follows) must name a filter
        // a close name whose value that filter would take (contry:COL, yaer:1980), not one of three
        // letters (Two:State, Dot:com) or whose value is none (Data:Science)
        const close = name.length >= 4 ? nearFilterName(name) : undefined;
        const near = close && readsAsFilter(FILTER_KEYS[close]!, close, rest.split(/\s/)[0]!.replace(/,+$/, '')) ? close : undefined;
        if (options.strictFilters) {
          throw new QueryError(
            `“${key[1]}:” is not a filter${near ? ` — did you mean ${near}:?` : '.'} Filters are ${KNOWN_FILTERS} — or put the text in quotes to search for it.`,
          );
        }
        const b = readBare(i);
        const notice = `Read “${sign}${truncateWords(b.text, 12)}” as words: “${key[1]}:” is not a filter${near ? ` — did you mean ${near}:?` : ''} (filters are ${KNOWN_FILTERS}).`;
        if (!notices.includes(notice)) notices.push(notice);
        pieces.push({ kind: 'word', sign, raw: b.text });
        i = b.next;
        continue;
      }
    }
    const b = readBare(i);
    // a sign or word that the words just before give their meaning ("50 %", "per cent", "1.5 °C", "one
    // hundred and fiftieth") is read with them, as the text reads it (the analyzer's emitWord): the
    // fewest words before it that read otherwise with it than apart
    const run =
      bareRun.length && pieces[pieces.length - 1] === bareRun[bareRun.length - 1] && sign === '' && /^\s+$/u.test(s.slice(lastBareEnd, i))
        ? bareRun
        : [];
    if (b.text) {
      let k = run.length - 1;
      for (; k >= Math.max(0, run.length - MAX_READ_TOGETHER); k--) {
        const before = run
          .slice(k)
          .map((p) => p.raw)
          .join(' ');
        if (!readTogether(before, b.text)) continue;
        run[k]!.raw = `${before} ${b.text}`;
        pieces.splice(pieces.length - (run.length - 1 - k));
        bareRun = run.slice(0, k + 1);
        break;
      }
      if (k < Math.max(0, run.length - MAX_READ_TOGETHER)) {
        const piece: Piece = { kind: 'word', sign, raw: b.text };
        pieces.push(piece);
        bareRun = [...run.slice(1 - MAX_READ_TOGETHER), piece];
      }
    }
    i = b.next;
    lastBareEnd = i;
  }

  checkRange(filters);
  // AND, OR and NOT in capitals between words, as other search tools take them: say how they are read
  const words = pieces.filter((p) => p.kind === 'word' && p.sign === '').map((p) => p.raw);
  const operator = words.slice(1, -1).find((w) => w === 'AND' || w === 'OR' || w === 'NOT');
  if (operator && words.some((w) => /\p{Ll}/u.test(w))) {
    notices.push(
      `“${operator}” is not an operator here: the words around it are searched as usual (in a short query, passages holding every word come first). Put + before a word that must be there (+heroin), - before one to leave out (-cannabis).`,
    );
  }
  const out: ParsedQuery = { ...assemble(pieces, filters, options.relaxed === true, options.filtersAlone === true), notices };
  // read on the words as typed, sentence ends and all (the parsed text keeps no lone punctuation)
  if (pieces.every((p) => p.kind === 'word' && p.sign === '') && isStatement(words.join(' '))) out.statement = true;
  return out;
}

/** Whether any filter is set. */
export function hasFilter(filters: SearchFilters): boolean {
  return Object.values(filters).some((v) => v !== undefined && v !== '');
}

/** A known filter written after a space (`country:`, `year:` …). */
const FILTER_AFTER = new RegExp(`\\s-?(${Object.keys(FILTER_KEYS).join('|')}):`, 'gi');

/** The first `n` words of `text`, with … when cut. */
function truncateWords(text: string, n: number): string {
  const w = text.split(' ');
  return w.length > n ? `${w.slice(0, n).join(' ')} …` : text;
}

/**
 * The filter name `name` is probably a misspelling of (one edit for names of up to five letters,
 * two for longer ones; a swap of neighbouring letters is one edit), or undefined.
 */
function nearFilterName(name: string): string | undefined {
  let best: string | undefined;
  let bestDistance = name.length <= 5 ? 1 : 2;
  for (const known of Object.keys(FILTER_KEYS)) {
    if (Math.abs(known.length - name.length) > bestDistance) continue;
    const d = editDistance(name, known);
    if (d < bestDistance || (d === bestDistance && best === undefined)) [best, bestDistance] = [known, d];
  }
  return best;
}

/** Optimal string alignment distance: insertions, deletions, substitutions and swaps of neighbours. */
export function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
    }
  }
  return d[a.length]![b.length]!;
}

/** Whether `value` is itself a filter (`country:` followed by `from:2019`): a filter with no value. */
function isFilterText(value: string): boolean {
  return /^-?[a-z]+:/i.test(value) && FILTER_KEYS[value.replace(/^-/, '').split(':')[0]!.toLowerCase()] !== undefined;
}

/**
 * Whether a value written after `name: ` (with a space) reads as that filter's value:
 * - a date or year that passes its checks, or that opens with four digits (`from: 2021-13` keeps
 *   its error: it was meant as a date);
 * - a session that holds a number;
 * - countries: a code in capitals (`COL`, or one only the library knows), or a name or code the
 *   country table knows that is not a stop word (`country: usa` reads; `country: in Africa` does not).
 * An empty value, or one that is itself a filter, counts as read, so its own error stands. Speaker,
 * organisation, document and symbol values are only known to the library: they read unless made
 * of common words alone (`org: The …`).
 */
function readsAsFilter(field: string, name: string, value: string): boolean {
  if (!value || isFilterText(value)) return true;
  switch (field) {
    case 'country': {
      let values: FilterValue[];
      try {
        values = filterValues('country', value);
      } catch {
        return false;
      }
      return values.every(
        (v) => /^\p{Lu}{2,3}$/u.test(v.value) || (normalizeCountry(v.value) !== undefined && !tokens(v.value).every((t) => t.stop)),
      );
    }
    case 'session':
      return value.split(',').every((v) => /\d/.test(v));
    case 'year':
    case 'years':
    case 'date':
    case 'from':
    case 'to':
      if (/^\d{4}/.test(value)) return true;
      try {
        setFilter({}, new Map(), name, field, value, false);
        return true;
      } catch (e) {
        if (e instanceof QueryError) return false;
        throw e;
      }
    default:
      // speaker, organisation, document and symbol values are known only to the library; common
      // words (Organization: The Consecutive Retrieval Property, Speaker: It is time, speaker: the
      // president) are text — not an acronym in capitals (org: WHO)
      return !(tokens(value).every((t) => t.stop) && !/^\p{Lu}{2,}$/u.test(value));
  }
}

/** How to write a filter whose spaced value was read as words. */
function spacedAdvice(name: string): string {
  switch (FILTER_KEYS[name]) {
    case 'country':
      return 'for a country filter write country:COL or country:"South Africa"';
    case 'year':
    case 'years':
      return 'for a year filter write year:2021 or years:2019-2021';
    case 'session':
      return 'for a session filter write session:76 or session:70-76';
    case 'date':
      return 'for a date filter write date:2021-10-19';
    case 'speaker':
      return `for a speaker filter write ${name}:Guterres`;
    case 'organisation':
      return `for an organisation filter write ${name}:UNODC`;
    case 'document':
      return `for a document filter write ${name}:<document id>`;
    case 'symbol':
      return `for a symbol filter write ${name}:E/CN.7/2021/12`;
    default:
      return `for a date filter write ${name}:2021 or ${name}:2021-10-19`;
  }
}

function example(key: string): string {
  switch (FILTER_KEYS[key]) {
    case 'country':
      return 'country:COL, country:"South Africa" or country:COL,MEX';
    case 'speaker':
      return 'speaker:Guterres';
    case 'organisation':
      return `${key}:UNODC`;
    case 'year':
      return 'year:2021';
    case 'years':
      return 'years:2019-2021';
    case 'session':
      return 'session:76 or session:70-76';
    case 'document':
      return `${key}:<document id>`;
    case 'symbol':
      return 'symbol:E/CN.7/2021/12';
    default:
      return `${key}:2021-10-19`;
  }
}

function setFilter(filters: SearchFilters, given: Map<string, string>, key: string, field: string, value: string, not: boolean): void {
  const once = (slot: string): void => {
    const before = given.get(slot);
    if (before !== undefined) {
      throw new QueryError(`The query has two ${slot} filters (${before} and ${key}:${value}) — keep one.`);
    }
    given.set(slot, `${key}:${value}`);
  };
  if (isListFilter(field)) {
    // several values are alternatives: country:COL,MEX = country:COL country:MEX; -country:USA leaves out
    addFilterValues(filters, field, value, not);
    return;
  }
  switch (field) {
    case 'year':
    case 'years': {
      once('year');
      const range = /^(\d{4})(?:\s*(?:-|–|\.\.)\s*(\d{4}))$/.exec(value);
      if (range) {
        filters.from = checkYear(range[1]!, key);
        filters.to = checkYear(range[2]!, key);
      } else if (/^\d{4}$/.test(value) && field === 'year') {
        filters.year = checkYear(value, key);
      } else {
        throw new QueryError(`“${key}:${value}” is not a year — write year:2021 or years:2019-2021.`);
      }
      return;
    }
    case 'date':
      once('year');
      normalizeDateBound(value, 'from');
      filters.from = value;
      filters.to = value;
      return;
    case 'from':
    case 'to':
      once(field);
      normalizeDateBound(value, field);
      filters[field] = value;
      return;
  }
}

function checkYear(y: string, key: string): string {
  const n = Number(y);
  if (n < 1000 || n > 2999) throw new QueryError(`“${key}:${y}” is not a year — write year:2021 or years:2019-2021.`);
  return y;
}

function assemble(pieces: Piece[], filters: SearchFilters, relaxed: boolean, filtersAlone: boolean): Omit<ParsedQuery, 'notices'> {
  const words: QueryWord[] = [];
  const phrases: QueryPhrase[] = [];
  const excluded: QueryWord[] = [];
  const excludedPhrases: QueryPhrase[] = [];
  const text: string[] = [];
  const compounds: QueryCompound[] = [];
  let stopOnly = 0;
  const seen = new Set<string>();
  const compoundsOf = (raw: string): void => {
    for (const k of typedCompounds(raw)) {
      if (k.parts.includes(k.term) || DASH_OPENINGS.has(k.written[0]!) || DASH_ENDS.has(k.written[k.written.length - 1]!)) continue;
      const compound: QueryCompound = { raw: raw.slice(k.start, k.end), term: k.term, parts: k.parts };
      if (k.parts.length < k.written.length) compound.partial = true;
      compounds.push(compound);
    }
  };

  const addWord = (list: QueryWord[], raw: string, term: string, tag: string): void => {
    if (seen.has(tag + term)) {
      const w = list.find((x) => x.term === term);
      if (w) w.count = (w.count ?? 1) + 1;
      return;
    }
    seen.add(tag + term);
    list.push({ raw, term });
  };
  // "US" in capitals is the United States, not the stop word "us", unless the whole query is in capitals
  const usMeansCountry = pieces.some((p) => /\p{Ll}/u.test(p.raw)) || pieces.every((p) => p.raw.trim() === 'US');
  const wordOf = (list: QueryWord[], raw: string, t: Token): void => {
    const surface = raw.slice(t.start, t.end);
    // a French or Spanish function word is a stop word in a query, unless typed in capitals (DE, LA)
    const foreignStop = FOREIGN_FUNCTION_WORDS.has(t.folded) && !(surface.length > 1 && surface === surface.toUpperCase());
    if (!t.stop && !foreignStop) addWord(list, surface, t.term, '');
    else if (surface === 'US' && usMeansCountry) addWord(list, surface, US_TERM, '');
    else stopOnly++;
  };
  let indexable = 0;
  const phraseOf = (raw: string, sign: Piece['sign'], quoted: boolean): QueryPhrase | null => {
    const toks = tokens(raw);
    if (sign !== '-' && toks.some((t) => !t.stop)) indexable++;
    if (!toks.length) return null;
    return quoted ? { raw, terms: toks.map((t) => t.term), quoted: true } : { raw, terms: toks.map((t) => t.term) };
  };

  // a long query is a description (a pasted paragraph, an information need): quotes and + in it
  // stress words rather than require them, or one quoted word would empty the results
  let length = 0;
  for (const p of pieces) if (p.sign !== '-') length += tokens(p.raw).length;
  const description = relaxed || length > MAX_STRICT_QUERY_WORDS;

  for (const p of pieces) {
    if (description && p.sign !== '-') {
      const toks = tokens(p.raw);
      if (!toks.length) continue;
      text.push(p.kind === 'phrase' ? `"${p.raw}"` : p.raw);
      for (const t of toks) wordOf(words, p.raw, t);
      compoundsOf(p.raw);
      continue;
    }
    if (p.kind === 'phrase') {
      const ph = phraseOf(p.raw, p.sign, true);
      if (!ph) continue;
      text.push(`${p.sign === '-' ? '-' : ''}"${p.raw}"`);
      (p.sign === '-' ? excludedPhrases : phrases).push(ph);
      continue;
    }
    const toks = tokens(p.raw);
    if (!toks.length) continue;
    text.push(p.sign + p.raw);
    if (p.sign === '-') {
      // an excluded compound (-self-determination) excludes the compound, not each part: written
      // apart, hyphenated or closed (its closed term, which the index holds for both spellings)
      if (toks.length > 1) {
        excludedPhrases.push({ raw: p.raw, terms: toks.map((t) => t.term) });
        for (const k of compoundTerms(p.raw)) addWord(excluded, p.raw.slice(k.start, k.end), k.term, '-');
      } else if (!toks[0]!.stop) addWord(excluded, p.raw, toks[0]!.term, '-');
      continue;
    }
    if (p.sign === '+') {
      const ph = phraseOf(p.raw, '+', false);
      if (ph) phrases.push(ph);
      continue;
    }
    for (const t of toks) wordOf(words, p.raw, t);
    compoundsOf(p.raw);
  }

  if (excluded.length > MAX_QUERY_EXCLUSIONS) {
    throw new QueryError(
      `The query leaves out ${excluded.length} words; the limit is ${MAX_QUERY_EXCLUSIONS}. Keep the exclusions that matter most.`,
    );
  }
  const quoted = phrases.length + excludedPhrases.length;
  if (quoted > MAX_QUERY_PHRASES) {
    throw new QueryError(
      `The query has ${quoted} quoted phrases; the limit is ${MAX_QUERY_PHRASES}. Keep the phrases that matter most, or drop the quotes around some.`,
    );
  }
  // a compound of stop words only (while-do) is searched as its closed term
  const closedOnly = compounds.filter((k) => k.parts.length === 0).length;
  const positive = words.length + phrases.length + closedOnly;
  if (positive === 0) {
    // filters alone, with words to leave out (country:LBN -terrorism) or none: a listing
    if (filtersAlone && !stopOnly && Object.keys(filters).length) {
      return { text: text.join(' '), words: [], phrases: [], excluded, excludedPhrases, filters, filtersAlone: true };
    }
    if (excluded.length || excludedPhrases.length) {
      throw new QueryError('The query only says what to leave out — add at least one word to search for (e.g. heroin -cannabis).');
    }
    if (stopOnly) {
      throw new QueryError(
        'The query has only very common words (like “the”, “of”, “and”), which are not searched on their own — add a more specific word or put an exact phrase in quotes.',
      );
    }
    throw new QueryError(
      Object.keys(filters).length
        ? 'Add at least one word — filters such as country: only narrow what is counted or followed (a search of filters alone lists the passages they allow).'
        : pieces.some((p) => p.kind === 'word' && p.raw.trim())
          ? 'The query has no words to search for (emoji, symbols and punctuation are not searched) — type a few words.'
          : 'The query is empty — type a few words to search for.',
    );
  }
  if (words.length + indexable + closedOnly === 0) {
    throw new QueryError(
      'Every word in the query is a very common word (like “the”, “of”, “to be”), which the index does not keep — add at least one more specific word.',
    );
  }
  for (const w of excluded) {
    if (words.some((x) => x.term === w.term) || phrases.some((p) => p.terms.length === 1 && p.terms[0] === w.term)) {
      throw new QueryError(`“${w.raw}” is both searched for and excluded — remove one of them.`);
    }
    // the closed spelling of a hyphenated word searched for: excluding it leaves out both spellings
    const compound = compounds.find((k) => k.term === w.term);
    if (compound) {
      const as = compound.raw === w.raw ? '' : ` (as “${compound.raw}”, its spelling with a hyphen)`;
      throw new QueryError(`“${w.raw}” is both searched for${as} and excluded — remove one of them.`);
    }
  }
  const out: Omit<ParsedQuery, 'notices'> = { text: text.join(' '), words, phrases, excluded, excludedPhrases, filters };
  if (compounds.length) out.compounds = compounds;
  return out;
}

/**
 * Combine filters written in the query with those given as options (CLI flags, slash-command
 * options, batch lines). The values a filter keeps must be the same in both places when both give
 * some (case- and accent-insensitive, or by `same`, e.g. a country name against its ISO code; the
 * option's spelling is kept); the values left out (`-USA`) add up. The date range (year, or
 * from/to) is compared as one range.
 * @throws QueryError naming both values when they conflict, or when a value is malformed.
 */
export function mergeFilters(
  inline: SearchFilters,
  options: SearchFilters,
  same: (key: keyof SearchFilters, a: string, b: string) => boolean = () => false,
): SearchFilters {
  const out: SearchFilters = {};
  for (const key of LIST_FILTERS) {
    const a = inline[key] === undefined ? [] : filterValues(key, inline[key]);
    const b = options[key] === undefined ? [] : filterValues(key, options[key]);
    const keepA = a.filter((v) => !v.not);
    const keepB = b.filter((v) => !v.not);
    const eq = (x: FilterValue, y: FilterValue): boolean => fold(x.value).trim() === fold(y.value).trim() || same(key, x.value, y.value);
    const covers = (xs: FilterValue[], ys: FilterValue[]): boolean => xs.every((x) => ys.some((y) => eq(x, y)));
    if (keepA.length && keepB.length && !(covers(keepA, keepB) && covers(keepB, keepA))) {
      throw new QueryError(
        `The query says ${key}:${joinFilterValues(keepA)} but the ${key} option says ${joinFilterValues(keepB)} — keep one of them.`,
      );
    }
    const values = [...(keepB.length ? keepB : keepA), ...b.filter((v) => v.not), ...a.filter((v) => v.not)];
    if (values.length) out[key] = joinFilterValues(values);
  }
  checkRange(options);
  checkRange(inline);
  const dated = (f: SearchFilters): boolean => f.year !== undefined || f.from !== undefined || f.to !== undefined;
  const range = (f: SearchFilters): string =>
    `${(f.from ?? f.year) ? normalizeDateBound((f.from ?? f.year)!, 'from') : ''}..${(f.to ?? f.year) ? normalizeDateBound((f.to ?? f.year)!, 'to') : ''}`;
  const describe = (f: SearchFilters): string =>
    f.year !== undefined ? `year ${f.year}` : [f.from && `from ${f.from}`, f.to && `to ${f.to}`].filter(Boolean).join(' ');
  if (dated(inline) && dated(options) && range(inline) !== range(options)) {
    throw new QueryError(`The query says ${describe(inline)} but the options say ${describe(options)} — keep one of them.`);
  }
  const dates = dated(options) ? options : inline;
  if (dates.year !== undefined) out.year = dates.year;
  if (dates.from !== undefined) out.from = dates.from;
  if (dates.to !== undefined) out.to = dates.to;
  return out;
}

/**
 * Turn arbitrary text (a Discord message for "Find related statements") into a query that parses:
 * quotes, filters-like `key:` words and leading dashes are neutralised, and at most `maxWords`
 * distinct non-stop words are kept, in order.
 */
export function queryFromText(text: string, maxWords = 24): string {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const t of tokens(text)) {
    if (t.stop || seen.has(t.term)) continue;
    seen.add(t.term);
    out.push(text.slice(t.start, t.end));
    if (out.length >= maxWords) break;
  }
  return out.join(' ');
}
