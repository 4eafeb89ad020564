/**
 * Country filters: a name or an ISO code, resolved to the code documents carry. The library's own
 * countries are tried first (code, then display name), then the ingest normaliser, so "Colombia",
 * "colombia" and "COL" all mean the same filter.
 */
import { fold } from '../index/analyzer.ts';
import { normalizeCountry } from '../ingest/country.ts';
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
