/**
 * Counting for trends: how many passages (or documents) match a query per year, session, country
 * or speaker. No scoring: the engine lists the matching passages (VerbatimEngine.matchAll, same
 * query language and filters as search) and this module buckets them from the store's arrays and
 * document metadata. Years and sessions come with their base (passages or documents of that bucket
 * under the same filters), so a chart can show matches per 1,000 passages.
 */
import type { LibraryStore } from '../index/store.ts';
import { normalizeCountry } from '../ingest/country.ts';
import { parseQuery } from './query.ts';
import { peopleOf } from './people.ts';
import { voiceName, voices } from './speakers.ts';
import type { SearchFilters, TrendBucket, TrendBy, TrendCounts, TrendOptions, TrendPer, TrendSeries } from '../types.ts';
import { filterValues, joinFilterValues } from './filter-values.ts';

/** What counting needs from the engine: its store and the matching passages. */
export interface Countable {
  readonly state: { readonly store: LibraryStore };
  matchAll(query: string, filters?: SearchFilters): Int32Array;
}

/** Per passage: its bucket number for one `by` (−1: none), and the bucket keys/labels; cached per store. */
interface Buckets {
  ofPassage: Int32Array;
  keys: string[];
  labels: string[];
}

const bucketCache = new WeakMap<LibraryStore, Map<TrendBy, Buckets>>();
/** Bases (passages/documents per bucket allowed by a set of filters), per store; a few kept. */
const baseCache = new WeakMap<LibraryStore, Map<string, Float64Array>>();
const BASES_KEPT = 32;

/**
 * Session: the document's. Country and speaker: who speaks in the passage (src/search/speakers.ts:
 * a statement's speaker in a record, else the document's), as the filters and facets read them; a
 * speaker as one person however spelled (src/search/people.ts), by the name the facets show.
 */
function passageBuckets(store: LibraryStore, by: Exclude<TrendBy, 'year'>): Buckets {
  let perBy = bucketCache.get(store);
  if (!perBy) bucketCache.set(store, (perBy = new Map()));
  const cached = perBy.get(by);
  if (cached) return cached;
  const index = new Map<string, number>();
  const keys: string[] = [];
  const labels: string[] = [];
  const ofPassage = new Int32Array(store.size).fill(-1);
  const bucket = (key: string | undefined, label: string | undefined): number => {
    if (!key) return -1;
    let b = index.get(key);
    if (b === undefined) {
      b = keys.length;
      index.set(key, b);
      keys.push(key);
      labels.push(label ?? key);
    }
    return b;
  };
  // a speaker however spelled is one bucket, under the name src/search/people.ts shows them by
  const people = by === 'speaker' ? peopleOf(store.docs) : undefined;
  const person = (country: string | undefined, name: string | undefined): string | undefined => {
    const p = people?.of(country, name);
    return p === undefined ? name?.trim() : people!.persons[p]!.label;
  };
  for (const d of store.docs) {
    if (by === 'session') {
      ofPassage.fill(bucket(d.meta.session?.trim().replace(/^0+(?=\d)/, ''), undefined), d.first, d.first + d.count);
      continue;
    }
    for (const v of voices(d)) {
      const b =
        by === 'country'
          ? bucket(v.country, (v.country && normalizeCountry(v.country)?.name) ?? v.countryName)
          : bucket(person(v.country, voiceName(v)), undefined);
      ofPassage.fill(b, d.first + v.first, d.first + v.last + 1);
    }
  }
  const out = { ofPassage, keys, labels };
  perBy.set(by, out);
  return out;
}

/** The year of each passage (from its effective date), 0 when undated. */
function yearOf(store: LibraryStore, g: number): number {
  return Math.floor(store.arrays.dateFrom[g]! / 10000);
}

/**
 * Counts per bucket: passages, or distinct documents (a document counts in the bucket of each of
 * its matching passages; for years that is the year of its passages).
 */
function tally(
  store: LibraryStore,
  passages: Int32Array,
  per: TrendPer,
  size: number,
  bucketOf: (g: number) => number,
): { counts: Float64Array; unbucketed: number; total: number } {
  const counts = new Float64Array(size);
  let unbucketed = 0;
  let total = 0;
  let lastDoc = -1;
  const seen = new Set<number>();
  const { docOf } = store;
  for (let i = 0; i < passages.length; i++) {
    const g = passages[i]!;
    const b = bucketOf(g);
    if (per === 'documents') {
      const d = docOf[g]!;
      // passages come in ascending order, a document's together: count it once per bucket
      if (d !== lastDoc) {
        total++;
        lastDoc = d;
        seen.clear();
      }
      if (seen.has(b)) continue;
      seen.add(b);
    } else total++;
    if (b < 0) unbucketed++;
    else counts[b] = counts[b]! + 1;
  }
  return { counts, unbucketed, total };
}

/**
 * Counts the query's matches per bucket (see {@link TrendCounts}), with the query's notices (how it
 * was read leniently) as search gives them. @throws QueryError like search.
 */
export function countTrend(engine: Countable, query: string, options: TrendOptions = {}, withSeries = true): TrendCounts {
  const started = performance.now();
  const by = options.by ?? 'year';
  const per = options.per ?? 'passages';
  const filters = options.filters ?? {};
  const store = engine.state.store;
  const matches = engine.matchAll(query, filters);

  let size: number;
  let bucketOf: (g: number) => number;
  let keyOf: (b: number) => string;
  let labelOf: (b: number) => string;
  let yearBase = 0;
  if (by === 'year') {
    let lo = Infinity;
    let hi = -Infinity;
    const { dateFrom } = store.arrays;
    for (let g = 0; g < store.size; g++) {
      const y = Math.floor(dateFrom[g]! / 10000);
      if (y > 0) {
        if (y < lo) lo = y;
        if (y > hi) hi = y;
      }
    }
    yearBase = Number.isFinite(lo) ? lo : 0;
    size = Number.isFinite(lo) ? hi - lo + 1 : 0;
    bucketOf = (g) => {
      const y = yearOf(store, g);
      return y > 0 ? y - yearBase : -1;
    };
    keyOf = (b) => String(b + yearBase);
    labelOf = keyOf;
  } else {
    const buckets = passageBuckets(store, by);
    const { ofPassage } = buckets;
    size = buckets.keys.length;
    bucketOf = (g) => ofPassage[g]!;
    keyOf = (b) => buckets.keys[b]!;
    labelOf = (b) => buckets.labels[b]!;
  }

  const { counts, unbucketed, total } = tally(store, matches, per, size, bucketOf);
  const base = baseFor(engine, store, filters, by, per, size, bucketOf);

  let buckets: TrendBucket[] = [];
  const make = (b: number): TrendBucket => ({ key: keyOf(b), label: labelOf(b), count: counts[b]!, base: base[b]! });
  if (by === 'year' || by === 'session') {
    // from the first to the last bucket the filters allow
    let first = -1;
    let last = -1;
    for (let b = 0; b < size; b++) {
      if (base[b]! > 0) {
        if (first < 0) first = b;
        last = b;
      }
    }
    const order = [];
    if (by === 'year') for (let b = Math.max(0, first); first >= 0 && b <= last; b++) order.push(b);
    else for (let b = 0; b < size; b++) if (base[b]! > 0) order.push(b);
    buckets = order.map(make);
    if (by === 'session') buckets.sort((a, b) => sessionOrder(a.key, b.key));
  } else {
    for (let b = 0; b < size; b++) if (counts[b]! > 0) buckets.push(make(b));
    buckets.sort((a, b) => b.count - a.count || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0));
  }
  const out: TrendCounts = {
    query,
    filters,
    by,
    per,
    total,
    unbucketed,
    buckets,
    library: { documents: store.docs.length, passages: store.size },
    tookMs: Math.round((performance.now() - started) * 100) / 100,
  };
  const series = withSeries && (by === 'year' || by === 'session') ? seriesOf(engine, query, options, buckets) : undefined;
  if (series) out.series = series;
  // how the query was read leniently (an unclosed quote, a spaced filter read as words), as search
  // says it; matchAll above has already thrown on a query that cannot be read at all
  const notices = query.trim() ? parseQuery(query).notices : [];
  if (notices.length) out.notices = [...notices];
  return out;
}

/** A chart draws a line per value for at most this many values of a filter. */
export const MAX_SERIES = 6;

/**
 * The counts of each value of the country (else speaker) filter apart, when it names 2 to
 * {@link MAX_SERIES} values (values left out, `-USA`, stay left out of each): "Tuvalu, United
 * States" is a comparison, not one pooled line. Each value's buckets take the keys of the whole
 * trend's `buckets`, in order.
 */
function seriesOf(engine: Countable, query: string, options: TrendOptions, buckets: readonly TrendBucket[]): TrendSeries | undefined {
  const filters = options.filters ?? {};
  for (const filter of ['country', 'speaker'] as const) {
    const raw = filters[filter];
    if (raw === undefined) continue;
    const values = filterValues(filter, raw);
    const kept = values.filter((v) => !v.not);
    if (kept.length < 2 || kept.length > MAX_SERIES) continue;
    const leftOut = values.filter((v) => v.not);
    return {
      filter,
      values: kept.map((v) => {
        const one = countTrend(engine, query, { ...options, filters: { ...filters, [filter]: joinFilterValues([v, ...leftOut]) } }, false);
        const byKey = new Map(one.buckets.map((b) => [b.key, b]));
        return {
          value: v.value,
          total: one.total,
          buckets: buckets.map((b) => byKey.get(b.key) ?? { key: b.key, label: b.label, count: 0, base: 0 }),
        };
      }),
    };
  }
  return undefined;
}

/** Numeric sessions in number order, others after them alphabetically. */
function sessionOrder(a: string, b: string): number {
  const na = Number(a);
  const nb = Number(b);
  if (Number.isFinite(na) && Number.isFinite(nb)) return na - nb;
  if (Number.isFinite(na)) return -1;
  if (Number.isFinite(nb)) return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Passages (or documents) per bucket that the filters allow, whatever the query; cached. */
function baseFor(
  engine: Countable,
  store: LibraryStore,
  filters: SearchFilters,
  by: TrendBy,
  per: TrendPer,
  size: number,
  bucketOf: (g: number) => number,
): Float64Array {
  let cache = baseCache.get(store);
  if (!cache) baseCache.set(store, (cache = new Map()));
  const key = JSON.stringify([
    by,
    per,
    Object.entries(filters)
      .filter(([, v]) => v !== undefined)
      .sort(),
  ]);
  const hit = cache.get(key);
  if (hit) return hit;
  const all = engine.matchAll('', filters);
  const { counts } = tally(store, all, per, size, bucketOf);
  if (cache.size >= BASES_KEPT) cache.delete(cache.keys().next().value!);
  cache.set(key, counts);
  return counts;
}
