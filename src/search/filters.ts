/**
 * Filters and routing: search filters resolved against the library into the documents and passages
 * they allow, the partitions (decades) a date filter reaches, and the per-passage check for what
 * routing cannot decide alone. Unknown countries and documents are a QueryError (shown to the user).
 */
import type { Partition } from '../index/state.ts';
import { dayNumber, type LibraryStore, type StoredDocument } from '../index/store.ts';
import { QueryError, type FacetValue, type SearchFilters } from '../types.ts';
import { namedDocument } from './catalog.ts';
import { resolveCountry } from './country-filter.ts';
import { fold } from '../index/analyzer.ts';
import { filterValues, LIST_FILTERS, listFilterTest, normalizeDateBound, sessionBounds, valueMatcher, type ListFilter } from './filter-values.ts';
import { peopleOf, type People } from './people.ts';
import { lowerBoundOf, type PassageCheck } from './ranking/postings.ts';
import { passagesWhere, voiceName, voices, type Voice, type VoiceTest } from './speakers.ts';

/** Filters resolved against the library. */
export interface Restriction {
  /** Allowed documents (null: all). */
  docs: Uint8Array | null;
  /** Allowed passages of allowed documents, as global numbers (ascending; null: all). */
  passages: number[] | null;
  /**
   * Per passage (global number), 1 when allowed: set only when a filter on who speaks (country,
   * speaker, organisation) allows part of a document — a statement in a record (null: whole documents).
   */
  mask: Uint8Array | null;
  from: string;
  to: string;
  /** `from`/`to` as YYYYMMDD numbers (0: open). */
  fromN: number;
  toN: number;
}

/**
 * Resolves filters against the library (`countries`: the library's country facet); throws
 * QueryError on an unknown country or document, or an empty date range.
 */
export function restrict(store: LibraryStore, f: SearchFilters, countries: readonly FacetValue[]): Restriction {
  const from = f.from ?? f.year;
  const to = f.to ?? f.year;
  const r: Restriction = {
    docs: null,
    passages: null,
    mask: null,
    from: from ? normalizeDateBound(from, 'from') : '',
    to: to ? normalizeDateBound(to, 'to') : '',
    fromN: 0,
    toN: 0,
  };
  r.fromN = dayNumber(r.from);
  r.toN = dayNumber(r.to);
  if (r.from && r.to && r.from > r.to) throw new QueryError(`The date range ${from} to ${to} is empty: the start is after the end.`);
  return { ...r, ...allowedBy(store, f, countries) };
}

/**
 * The documents and passages the list filters (country, speaker, organisation, session, document,
 * symbol) allow; null fields when there are none. Those of the most recent filters are kept per
 * library (a member paging, or following one country, asks again).
 */
function allowedBy(store: LibraryStore, f: SearchFilters, countries: readonly FacetValue[]): Allowed {
  if (LIST_FILTERS.every((k) => f[k] === undefined)) return NOTHING_FILTERED;
  const key = JSON.stringify(LIST_FILTERS.map((k) => f[k] ?? null));
  const cache = allowedCache(store);
  let allowed = cache.get(key);
  if (allowed)
    cache.delete(key); // re-inserted below: the most recent last
  else {
    const resolve = (k: ListFilter, value: string): string => resolveValue(store, k, value, countries);
    const byCountry = countryOnly(f, (v) => resolve('country', v));
    allowed = byCountry ? allowedCountries(store, byCountry) : walkAllowed(store, f, resolve);
    if (cache.size >= ALLOWED_CACHE_SIZE) cache.delete(cache.keys().next().value!);
  }
  cache.set(key, allowed);
  return allowed;
}

const NOTHING_FILTERED: Allowed = Object.freeze({ docs: null, passages: null, mask: null });

/** What the list filters allow, by testing every document (and, for who speaks, each of its voices). */
function walkAllowed(store: LibraryStore, f: SearchFilters, resolve: (key: ListFilter, value: string) => string): Allowed {
  const docs = store.docs;
  const tests: Array<(d: StoredDocument) => boolean> = [];
  // Who speaks is decided per passage: in a record, Colombia's statement is Colombia's (src/search/speakers.ts).
  const voiceTests: VoiceTest[] = [];
  for (const key of LIST_FILTERS) {
    const raw = f[key];
    if (raw === undefined) continue;
    if (key === 'speaker') {
      // a person however spelled: "Joe Biden" finds "Joseph R. Biden" too (src/search/people.ts)
      voiceTests.push(speakerTest(peopleOf(docs), raw));
      continue;
    }
    // several values: any of those kept, none of those left out (-USA); src/search/filter-values.ts
    const pass = listFilterTest(key, raw, resolve);
    const voice = VOICE_FIELD[key as keyof typeof VOICE_FIELD];
    if (voice) voiceTests.push((v) => pass(voice(v)));
    else {
      const field = DOC_FIELD[key as keyof typeof DOC_FIELD];
      tests.push((d) => pass([field(d)]));
    }
  }
  const allowedDocs = new Uint8Array(docs.length);
  const passages: number[] = [];
  let mask: Uint8Array | null = null;
  docs.forEach((d, i) => {
    if (!tests.every((t) => t(d))) return;
    const some = passagesWhere(d, voiceTests);
    if (some === 'none') return;
    allowedDocs[i] = 1;
    if (some === 'all') {
      for (let g = d.first; g < d.first + d.count; g++) passages.push(g);
      return;
    }
    mask ??= new Uint8Array(store.size).fill(1);
    mask.fill(0, d.first, d.first + d.count);
    for (const o of some) {
      mask[d.first + o] = 1;
      passages.push(d.first + o);
    }
  });
  return { docs: allowedDocs, passages, mask };
}

type Allowed = Pick<Restriction, 'docs' | 'passages' | 'mask'>;

/** The country codes of a filter that is only `country:` with values to keep (no "-USA"); else null. */
function countryOnly(f: SearchFilters, resolve: (value: string) => string): string[] | null {
  if (f.country === undefined || LIST_FILTERS.some((k) => k !== 'country' && f[k] !== undefined)) return null;
  const values = filterValues('country', f.country);
  if (!values.length || values.some((v) => v.not)) return null;
  return [...new Set(values.map((v) => resolve(v.value).trim().toUpperCase()))];
}

/** Per country code: the documents with a passage spoken for it, and those passages (ascending); `partial` when some document is not wholly that country's. */
interface CountryPostings {
  docs: number[];
  passages: number[];
  partial: boolean;
}

/** The library's passages by who speaks for which country, built once per store (what a walk over every document would find). */
const countryIndexes = new WeakMap<LibraryStore, Map<string, CountryPostings>>();

function countryIndex(store: LibraryStore): Map<string, CountryPostings> {
  let idx = countryIndexes.get(store);
  if (idx) return idx;
  idx = new Map();
  store.docs.forEach((d, i) => {
    // passages per country in this document (a statement's heading and its speech are two voices of one country)
    const held = new Map<string, number>();
    for (const v of voices(d)) {
      if (!v.country) continue;
      const code = v.country.toUpperCase();
      let e = idx!.get(code);
      if (!e) idx!.set(code, (e = { docs: [], passages: [], partial: false }));
      if (!held.has(code)) e.docs.push(i);
      held.set(code, (held.get(code) ?? 0) + v.last - v.first + 1);
      for (let o = v.first; o <= v.last; o++) e.passages.push(d.first + o);
    }
    for (const [code, n] of held) if (n < d.count) idx!.get(code)!.partial = true;
  });
  countryIndexes.set(store, idx);
  return idx;
}

/** What a country filter allows, from the country index: the same documents, passages and mask as the walk. */
function allowedCountries(store: LibraryStore, codes: readonly string[]): Allowed {
  const idx = countryIndex(store);
  const entries = codes.map((c) => idx.get(c)).filter((e): e is CountryPostings => e !== undefined);
  const docs = new Uint8Array(store.docs.length);
  for (const e of entries) for (const i of e.docs) docs[i] = 1;
  const passages = entries.length === 1 ? entries[0]!.passages : entries.flatMap((e) => e.passages).sort((a, b) => a - b);
  let mask: Uint8Array | null = null;
  if (entries.some((e) => e.partial)) {
    // documents only partly allowed: the per-passage mask, as the walk builds it
    mask = new Uint8Array(store.size).fill(1);
    for (let i = 0; i < docs.length; i++) if (docs[i]) mask.fill(0, store.docs[i]!.first, store.docs[i]!.first + store.docs[i]!.count);
    for (const g of passages) mask[g] = 1;
  }
  return { docs, passages, mask };
}

/** Allowed sets of the most recent filters, per library store (recomputing one walks every document). */
const allowedCaches = new WeakMap<LibraryStore, Map<string, Allowed>>();
const ALLOWED_CACHE_SIZE = 32;

function allowedCache(store: LibraryStore): Map<string, Allowed> {
  let m = allowedCaches.get(store);
  if (!m) allowedCaches.set(store, (m = new Map()));
  return m;
}

/**
 * The speaker filter as a test on a voice: a value finds the people one of whose spellings holds it
 * (src/search/people.ts), and every passage they speak however the library spells them; a presiding
 * officer by the name the masthead gives too (speaker:Thomson). Kept values: any; left out: none.
 */
function speakerTest(people: People, raw: string): VoiceTest {
  const values = filterValues('speaker', raw);
  const matcher = (value: string): VoiceTest => {
    const persons = people.matching(value);
    const named = valueMatcher('speaker', value);
    return (v) => {
      const p = people.of(v.country, voiceName(v));
      return (p !== undefined && persons.has(p)) || named(v.speaker) || named(v.presiding);
    };
  };
  const keep = values.filter((v) => !v.not).map((v) => matcher(v.value));
  const drop = values.filter((v) => v.not).map((v) => matcher(v.value));
  return (v) => (!keep.length || keep.some((t) => t(v))) && !drop.some((t) => t(v));
}

/** What the filters on who speaks read of a voice (a statement's speaker, or the document's). */
const VOICE_FIELD: Record<'country' | 'organisation', (v: Voice) => readonly (string | undefined)[]> = {
  country: (v) => [v.country],
  organisation: (v) => v.organisations,
};

/** What the other list filters read of a document. */
const DOC_FIELD: Record<'session' | 'document' | 'symbol', (d: StoredDocument) => string | undefined> = {
  session: (d) => d.meta.session,
  document: (d) => d.id,
  symbol: (d) => d.meta.symbol,
};

/**
 * A filter value as the library holds it: a country name as its code; a document as its id, named
 * by its id, symbol, title or words of its name (src/search/catalog.ts reads them as /sources does).
 * @throws QueryError on an unknown country, a value that names no document, or one that names
 * several, or a session that is neither a number, a range nor a session the library names.
 */
function resolveValue(store: LibraryStore, key: ListFilter, value: string, countries: readonly FacetValue[]): string {
  if (key === 'country') return countryCode(value, countries);
  if (key === 'session') return checkSession(store, value);
  if (key === 'document') {
    const d = namedDocument(store.docs, value);
    if (!d) {
      throw new QueryError(
        `No document “${value.trim()}” in the library. Name a document by its id (its file name without the extension), its symbol (A/RES/55/2), title words or country; the bot's /sources lists them.`,
      );
    }
    return d.id;
  }
  return value;
}

/**
 * A session value as the library holds it: a session number or range as written (`76`, `70-76`: a
 * session the library does not hold yet is still one), or a session the library names, in its own
 * spelling (`es-10` is its `ES-10`). Anything else is refused: `session:abc` would match nothing,
 * and a follow with it would never fire. The CLI and the bot both search through here, so both
 * refuse it in the same words.
 * @throws QueryError naming the value, the forms a session takes and the library's sessions.
 */
function checkSession(store: LibraryStore, value: string): string {
  if (sessionBounds(value)) return value;
  const sessions = librarySessions(store);
  const want = fold(value.trim());
  const named = sessions.find((s) => fold(s) === want);
  if (named !== undefined) return named;
  const held = sessions.length <= 8 ? sessions.join(', ') : `${sessions.slice(0, 3).join(', ')} … ${sessions.slice(-3).join(', ')}`;
  throw new QueryError(
    `“session:${value.slice(0, 40)}” is not a session — write a session number or range, such as session:76 or session:70-76${held ? ` (the library holds ${sessions.length === 1 ? 'session' : `${sessions.length} sessions:`} ${held})` : ''}.`,
  );
}

/** The sessions a library's documents name, numbers in order first, then names; once per store. */
function librarySessions(store: LibraryStore): readonly string[] {
  let sessions = sessionLists.get(store);
  if (!sessions) {
    const names = new Set<string>();
    for (const d of store.docs) if (d.meta.session?.trim()) names.add(d.meta.session.trim());
    sessions = [...names].sort(sessionOrder);
    sessionLists.set(store, sessions);
  }
  return sessions;
}
const sessionLists = new WeakMap<LibraryStore, readonly string[]>();

function sessionOrder(a: string, b: string): number {
  const na = /^\d+$/.test(a) ? Number(a) : NaN;
  const nb = /^\d+$/.test(b) ? Number(b) : NaN;
  if (!Number.isNaN(na) && !Number.isNaN(nb)) return na - nb;
  if (!Number.isNaN(na)) return -1;
  if (!Number.isNaN(nb)) return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A country filter (name or code) as the ISO code documents carry. */
function countryCode(input: string, countries: readonly FacetValue[]): string {
  const code = resolveCountry(input, countries);
  if (code === undefined) {
    throw new QueryError(`Unknown country “${input}”. Use a country name (Colombia) or an ISO code (COL).`);
  }
  return code;
}

/** Whether two spellings are the same filter value (inline `country:COL` vs option "Colombia"). */
export function sameFilterValue(countries: readonly FacetValue[]): (key: keyof SearchFilters, a: string, b: string) => boolean {
  return (key, a, b) => {
    if (key !== 'country') return false;
    const ca = resolveCountry(a, countries);
    return ca !== undefined && ca === resolveCountry(b, countries);
  };
}

/** Partitions (their numbers) whose date range meets the filter's. */
export function route(parts: readonly Partition[], r: Restriction): number[] {
  const out: number[] = [];
  parts.forEach((p, pi) => {
    if (r.from || r.to) {
      if (!p.from) return; // undated passages never match a date filter
      if (r.from && p.to < r.from) return;
      if (r.to && p.from > r.to) return;
    }
    out.push(pi);
  });
  return out;
}

/** The per-passage check for what routing and the posting walk cannot decide alone, or null. */
export function passageCheck(store: LibraryStore, parts: readonly Partition[], r: Restriction): PassageCheck {
  const { docs, mask, from, to, fromN, toN } = r;
  if (!docs && !from && !to) return null;
  const { docOf } = store;
  const { dateFrom, dateTo } = store.arrays;
  const inside = parts.map((p) => (!from || p.from >= from) && (!to || p.to <= to));
  return (g, pi) => {
    if (docs && !docs[docOf[g]!]) return false;
    if (mask && !mask[g]) return false;
    if (inside[pi]) return true;
    const a = dateFrom[g]!;
    if (!a) return false;
    return (!fromN || dateTo[g]! >= fromN) && (!toN || a <= toN);
  };
}

/** Every allowed passage of the routed partitions, ascending (a query with no words: filters alone). */
export function allAllowed(store: LibraryStore, parts: readonly Partition[], r: Restriction, routed: readonly number[]): number[] {
  const allow = passageCheck(store, parts, r);
  const out: number[] = [];
  for (const pi of routed) {
    const p = parts[pi]!;
    if (r.passages) {
      for (let i = lowerBoundOf(r.passages, p.start); i < r.passages.length && r.passages[i]! < p.end; i++) {
        const g = r.passages[i]!;
        if (!allow || allow(g, pi)) out.push(g);
      }
    } else {
      for (let g = p.start; g < p.end; g++) if (!allow || allow(g, pi)) out.push(g);
    }
  }
  return out;
}
