/**
 * The benchmark's query set: the 200 realistic policy queries of shared/eval/perf-queries.json, each
 * turned into the query kinds the issue measures (OR, AND, phrase, filtered by country, filtered by
 * years, typo). Every engine gets the same list; each engine maps a kind onto its own query options.
 */
import { readFileSync } from 'node:fs';

export interface PerfQuery {
  q: string;
  filter: { country?: string; decade?: number };
}

export const KINDS = ['or', 'and', 'phrase', 'country', 'years', 'typo'] as const;
export type Kind = (typeof KINDS)[number];

export const KIND_LABELS: Record<Kind, string> = {
  or: 'OR (plain words)',
  and: 'AND (all words)',
  phrase: 'phrase ("quoted")',
  country: 'filtered: country',
  years: 'filtered: decade',
  typo: 'typo tolerance',
};

export interface BenchQuery {
  kind: Kind;
  /** Index of the source query in perf-queries.json. */
  n: number;
  /**
   * The words to search: the query as written for `phrase`; with the quotes removed for the other
   * kinds (so `country`/`years` differ from `or` only by their filter); with one typo for `typo`.
   */
  text: string;
  /** Only on `country` and `years`. */
  filter?: { country?: string; from?: number; to?: number };
}

/** Reads and validates perf-queries.json. */
export function loadPerfQueries(file: string): PerfQuery[] {
  const raw = JSON.parse(readFileSync(file, 'utf8')) as unknown;
  if (!Array.isArray(raw)) throw new Error(`${file}: expected a JSON array`);
  return raw.map((x: unknown, i) => {
    const o = x as { q?: unknown; filter?: { country?: unknown; decade?: unknown } };
    if (typeof o.q !== 'string' || !o.q.trim()) throw new Error(`${file}: query ${i} has no "q"`);
    const filter: PerfQuery['filter'] = {};
    if (typeof o.filter?.country === 'string') filter.country = o.filter.country;
    if (typeof o.filter?.decade === 'number') filter.decade = o.filter.decade;
    return { q: o.q, filter };
  });
}

/** The query without its double quotes (typographic ones included), spaces collapsed. */
export function stripQuotes(q: string): string {
  return q
    .replace(/["\u201C\u201D]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** True when the query holds a quoted phrase. */
export function hasPhrase(q: string): boolean {
  return /["\u201C\u201D]/.test(q);
}

/**
 * A deterministic one-typo variant: in the longest word of at least 6 letters (else at least 4; the
 * first on ties), swap the two adjacent inner letters nearest the middle that differ. Returns the
 * query unchanged when no word qualifies.
 */
export function typoVariant(q: string): string {
  const words = q.split(' ');
  let best = -1;
  for (const min of [6, 4]) {
    for (let i = 0; i < words.length; i++) {
      const len = (words[i] ?? '').length;
      if (/^\p{L}+$/u.test(words[i] ?? '') && len >= min && (best < 0 || len > (words[best] ?? '').length)) best = i;
    }
    if (best >= 0) break;
  }
  if (best < 0) return q;
  const w = words[best] as string;
  const mid = Math.floor(w.length / 2) - 1;
  // candidate pairs (j, j+1) with 1 <= j and j+1 <= len-2, ordered by distance from the middle
  const pairs: number[] = [];
  for (let j = 1; j + 1 <= w.length - 2; j++) pairs.push(j);
  pairs.sort((a, b) => Math.abs(a - mid) - Math.abs(b - mid) || a - b);
  for (const j of pairs) {
    if (w[j] !== w[j + 1]) {
      words[best] = w.slice(0, j) + w[j + 1] + w[j] + w.slice(j + 2);
      return words.join(' ');
    }
  }
  return q;
}

/** Every benchmark query, kind by kind, in a fixed order. */
export function buildQuerySet(queries: readonly PerfQuery[]): BenchQuery[] {
  const out: BenchQuery[] = [];
  const plain = queries.map((x) => stripQuotes(x.q));
  queries.forEach((_, n) => out.push({ kind: 'or', n, text: plain[n] as string }));
  queries.forEach((_, n) => out.push({ kind: 'and', n, text: plain[n] as string }));
  queries.forEach((x, n) => {
    if (hasPhrase(x.q)) out.push({ kind: 'phrase', n, text: x.q });
  });
  queries.forEach((x, n) => {
    if (x.filter.country) out.push({ kind: 'country', n, text: plain[n] as string, filter: { country: x.filter.country } });
  });
  queries.forEach((x, n) => {
    const d = x.filter.decade;
    if (d !== undefined) out.push({ kind: 'years', n, text: plain[n] as string, filter: { from: d, to: d + 9 } });
  });
  queries.forEach((_, n) => {
    const t = typoVariant(plain[n] as string);
    if (t !== plain[n]) out.push({ kind: 'typo', n, text: t });
  });
  return out;
}
