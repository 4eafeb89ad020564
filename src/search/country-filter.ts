/**
 * Country filters: a name or an ISO code, resolved to the code documents carry. The library's own
 * countries are tried first (code, then display name), then the ingest normaliser, so "Colombia",
 * "colombia" and "COL" all mean the same filter.
 */
import { fold } from '../index/analyzer.ts';
import { countryByName, normalizeCountry } from '../ingest/country.ts';
import type { FacetValue } from '../types.ts';

/** The ISO code for `input`, given the library's country facet values; undefined when unknown. */
export function resolveCountry(input: string, library: readonly FacetValue[]): string | undefined {
  const raw = input.trim();
  if (!raw) return undefined;
  const upper = raw.toUpperCase();
  const f = fold(raw).replace(/\s+/g, ' ');
  for (const v of library) if (v.value.toUpperCase() === upper) return v.value;
  for (const v of library) if (fold(v.label).replace(/\s+/g, ' ').trim() === f) return v.value;
  return normalizeCountry(raw)?.code;
}

/**
 * The country a query opens with ("germany on anti-islam video", "Papua New Guinea seats", "US
 * backs …"): its code, its name and the query's words naming it; undefined when none. A question
 * that begins with a country's name mostly asks what that country said. Names only (not codes), up
 * to five words: a two- or three-letter name counts only when written in capitals in a query that
 * is not all capitals ("US", "UK", "UAE"; not "us", "car").
 */
export function leadingCountry(text: string): { code: string; name: string; words: string[] } | undefined {
  const words = text.split(/\s+/).filter(Boolean);
  const shouting = !/\p{Ll}/u.test(text);
  for (let n = Math.min(5, words.length); n >= 1; n--) {
    const head = words.slice(0, n);
    const name = head.join(' ');
    if (n === 1 && /^[\p{L}]{2,3}$/u.test(name) && (shouting || name !== name.toUpperCase())) continue;
    const found = countryByName(name);
    if (found) return { code: found.code, name: found.name, words: head };
  }
  return undefined;
}
