/**
 * Help for a search that found nothing: a spelling suggestion from the index's vocabulary, and
 * which filter or word to drop to find something. The CLI and the bot both show it.
 */
import { normalizeCountry } from '../ingest/country.ts';
import type { SearchEngine, SearchFilters } from '../types.ts';
import { filterLabel, filterValues, isListFilter, joinFilterValues, type FilterLabel, type FilterValue, type ListFilter } from './filter-values.ts';
import { hasFilter, parseQuery } from './query.ts';

export interface NoHitsHelp {
  /** The query with misspelt words corrected ("did you mean …"). */
  suggestion?: string;
  /**
   * Filters whose removal would find passages, with the count found without each. `value` is set
   * when only part of a filter is dropped: its kept values (`COL,MEX`) or its left-out ones (`-USA`).
   */
  dropFilters: { filter: keyof SearchFilters; value?: string; total: number }[];
  /** Words whose removal would find passages. */
  dropWords: { word: string; total: number }[];
  /** The query is filters alone (`speaker:Arafat`, or an empty query with filters given): there are no words to advise on. */
  filtersAlone?: true;
  /**
   * Filters (the query's own or given) that find nothing in the library even on their own: one
   * sentence naming them ("No passages from speaker “Arafat” in this library.", "No passages from
   * session 999 in this library: its sessions run from 1 to 79."). With filters alone it is said
   * instead of "No passages match …"; with words, under it.
   */
  emptyFilters?: string;
}

/** Works out what to suggest when `query` with `filters` found nothing. Runs a few cheap searches. */
export async function explainNoHits(engine: SearchEngine, query: string, filters: SearchFilters): Promise<NoHitsHelp> {
  const help: NoHitsHelp = { dropFilters: [], dropWords: [] };
  const found = async (q: string, f: SearchFilters): Promise<number> =>
    (await engine.search(q, { filters: f, limit: 1, filtersAlone: true }).catch(() => undefined))?.total ?? 0;
  const alone = filtersAloneOf(query, filters);
  if (alone) {
    help.filtersAlone = true;
    const empty = await emptyFiltersSentence(engine, alone, found);
    if (empty) {
      help.emptyFilters = empty;
      return help;
    }
  } else {
    const suggestion = engine.suggest(query);
    if (suggestion && suggestion !== query) help.suggestion = suggestion;
    // a filter that finds nothing in the library at all (session:999, year:2030): named, with what the library holds
    const empty = await emptyFiltersSentence(engine, [queryFilters(query), filters], found);
    if (empty) help.emptyFilters = empty;
  }
  for (const key of Object.keys(filters) as (keyof SearchFilters)[]) {
    const raw = filters[key];
    if (raw === undefined) continue;
    // a filter that keeps some values and leaves others out (COL,MEX,-USA): try each part alone
    const values = isListFilter(key) ? partsOf(key, raw) : undefined;
    if (values && values.keep.length && values.drop.length) {
      for (const [dropped, kept] of [
        [values.keep, values.drop],
        [values.drop, values.keep],
      ] as const) {
        const total = await found(query, { ...filters, [key]: joinFilterValues(kept) });
        if (total > 0) help.dropFilters.push({ filter: key, value: joinFilterValues(dropped), total });
      }
      continue;
    }
    const rest = { ...filters };
    delete rest[key];
    const total = await found(query, rest);
    if (total > 0) help.dropFilters.push({ filter: key, total });
  }
  // the query's own words, exclusions (-general) and filters (country:COL, -country:USA) one at a time
  const words = query.split(/\s+/).filter(Boolean);
  if (help.dropFilters.length === 0 && words.length > 1 && words.length <= 8) {
    for (const [i, word] of words.entries()) {
      const rest = words.filter((_, j) => j !== i).join(' ');
      const total = await found(rest, filters);
      if (total > 0) help.dropWords.push({ word, total });
    }
  }
  return help;
}

/**
 * The filters of `query` and `filters` that find nothing in the library even on their own, in one
 * sentence ({@link NoHitsHelp.emptyFilters}); undefined when each finds passages. For a trend that
 * counted nothing, as search says it.
 */
export async function emptyFiltersNote(engine: SearchEngine, query: string, filters: SearchFilters): Promise<string | undefined> {
  const found = async (q: string, f: SearchFilters): Promise<number> =>
    (await engine.search(q, { filters: f, limit: 1, filtersAlone: true }).catch(() => undefined))?.total ?? 0;
  return emptyFiltersSentence(engine, [queryFilters(query), filters], found);
}

/** The filters written in a query (`session:999 climate`), none when it cannot be read. */
function queryFilters(query: string): SearchFilters {
  try {
    return parseQuery(query, { filtersAlone: true }).filters;
  } catch {
    return {};
  }
}

function partsOf(key: ListFilter, raw: string): { keep: FilterValue[]; drop: FilterValue[] } | undefined {
  try {
    const values = filterValues(key, raw);
    return { keep: values.filter((v) => !v.not), drop: values.filter((v) => v.not) };
  } catch {
    return undefined;
  }
}

/**
 * The filter sets of a query of filters alone, each as given (the query's own, then the options'),
 * for testing each filter on its own; undefined when the query has words to search for.
 */
function filtersAloneOf(query: string, filters: SearchFilters): SearchFilters[] | undefined {
  if (!query.trim()) return hasFilter(filters) ? [filters] : undefined;
  try {
    const parsed = parseQuery(query, { filtersAlone: true });
    return parsed.filtersAlone ? [parsed.filters, filters] : undefined;
  } catch {
    return undefined;
  }
}

/** One filter of a set, on its own: its key (`date` for year, from and to together) and the filters it is. */
interface OneFilter {
  key: keyof SearchFilters | 'date';
  filters: SearchFilters;
}

function eachFilter(sets: readonly SearchFilters[]): OneFilter[] {
  const out: OneFilter[] = [];
  const seen = new Set<string>();
  const add = (one: OneFilter): void => {
    const k = JSON.stringify(one.filters);
    if (seen.has(k)) return;
    seen.add(k);
    out.push(one);
  };
  for (const set of sets) {
    for (const key of Object.keys(set) as (keyof SearchFilters)[]) {
      if (key === 'year' || key === 'from' || key === 'to' || set[key] === undefined || set[key] === '') continue;
      add({ key, filters: { [key]: set[key] } });
    }
    const date: SearchFilters = {};
    for (const key of ['year', 'from', 'to'] as const) if (set[key] !== undefined && set[key] !== '') date[key] = set[key];
    if (Object.keys(date).length) add({ key: 'date', filters: date });
  }
  return out;
}

/**
 * Filters alone that find nothing: one sentence naming each filter that finds nothing in the library
 * even on its own ("No passages from speaker “Arafat” in this library", "No passages dated 2030 in
 * this library: its documents date from 1995 to 2026"); undefined when each finds passages on its own (then
 * it is their combination, and the usual "Without …" lines say which to drop).
 */
async function emptyFiltersSentence(
  engine: SearchEngine,
  sets: readonly SearchFilters[],
  found: (q: string, f: SearchFilters) => Promise<number>,
): Promise<string | undefined> {
  const label = filterLabel(engine);
  const phrases: string[] = [];
  const notes: string[] = [];
  for (const one of eachFilter(sets)) {
    if ((await found('', one.filters)) > 0) continue;
    const phrase = filterPhrase(one, label);
    if (!phrase) continue;
    phrases.push(phrase);
    const note = one.key === 'date' ? datesNote(engine) : one.key === 'session' ? sessionsNote(engine) : undefined;
    if (note && !notes.includes(note)) notes.push(note);
  }
  if (!phrases.length) return undefined;
  const rest = phrases.slice(1).map((p) => `, and none ${p}`);
  return `No passages ${phrases[0]} in this library${rest.join('')}${notes.length ? `: ${notes.join('; ')}` : ''}.`;
}

/** `“a”`, `“a” or “b”`, `“a”, “b” or “c”`. */
function orList(items: readonly string[]): string {
  return items.length > 1 ? `${items.slice(0, -1).join(', ')} or ${items.at(-1)}` : (items[0] ?? '');
}

/** How the sentence names one filter: "from speaker “Arafat”", "from Lebanon", "dated 2030"; undefined when it cannot. */
function filterPhrase(one: OneFilter, label: FilterLabel): string | undefined {
  if (one.key === 'date') {
    const { year, from, to } = one.filters;
    if (year !== undefined) return `dated ${year}`;
    if (from !== undefined && to !== undefined) return from === to ? `dated ${from}` : `dated from ${from} to ${to}`;
    return from !== undefined ? `dated from ${from} on` : `dated up to ${to}`;
  }
  const key = one.key;
  const raw = one.filters[key];
  if (raw === undefined || !isListFilter(key)) return undefined;
  let values: FilterValue[];
  try {
    values = filterValues(key, raw);
  } catch {
    return undefined;
  }
  const keep = values.filter((v) => !v.not);
  // a filter that only leaves out (-country:USA) and finds nothing: every passage is of what it leaves out
  if (!keep.length) {
    const of = filterPhrase({ key, filters: { [key]: joinFilterValues(values.map((v) => ({ ...v, not: false }))) } }, label);
    return of && `other than those ${of}`;
  }
  // a country the library does not hold is named as the country table names it (BRA: Brazil)
  const country = (v: string): string => {
    const named = label(key, v);
    return named !== v ? named : (normalizeCountry(v)?.name ?? v);
  };
  const names = orList(keep.map((v) => (key === 'country' ? country(v.value) : `“${label(key, v.value)}”`)));
  switch (key) {
    case 'country':
      return `from ${names}`;
    case 'speaker':
    case 'organisation':
      return `from ${key} ${names}`;
    case 'session':
      return `from session${keep.length > 1 || keep[0]!.value.includes('-') ? 's' : ''} ${orList(keep.map((v) => v.value.replace('-', '–')))}`;
    case 'document':
      return `in document ${names}`;
    case 'symbol':
      return `with the symbol ${names}`;
  }
}

/** "its documents date from 1995 to 2026" (the years of its dated documents), or that none is dated. */
function datesNote(engine: SearchEngine): string {
  let lo: string | undefined;
  let hi: string | undefined;
  for (const d of engine.documents()) {
    const y = /^\d{4}/.exec(d.meta.date ?? '')?.[0];
    if (!y) continue;
    if (lo === undefined || y < lo) lo = y;
    if (hi === undefined || y > hi) hi = y;
  }
  if (lo === undefined || hi === undefined) return 'none of its documents is dated';
  return lo === hi ? `its documents are all from ${lo}` : `its documents date from ${lo} to ${hi}`;
}

/** "its sessions run from 50 to 81" (the numbered sessions of its documents); undefined when none is numbered. */
function sessionsNote(engine: SearchEngine): string | undefined {
  const numbers = engine
    .facet('session', '', 1000)
    .map((f) => Number(f.value))
    .filter((n) => Number.isInteger(n));
  if (!numbers.length) return undefined;
  const lo = Math.min(...numbers);
  const hi = Math.max(...numbers);
  return lo === hi ? `its only session is ${lo}` : `its sessions run from ${lo} to ${hi}`;
}
