/** Option helpers shared by commands: reading submitted values, autocomplete over facets, resolving typed text. */
import type { Choice } from '../src/render/models.ts';
import { fold } from '../src/index/analyzer.ts';
import type { Facet, SearchEngine, SearchFilters } from '../src/types.ts';
import type { AutocompleteInput, CommandInput } from './types.ts';

export function stringOption(input: Pick<CommandInput, 'options'>, name: string): string | undefined {
  const v = input.options[name];
  if (v === undefined || v === '') return undefined;
  const s = String(v).trim();
  return s === '' ? undefined : s;
}

/** Autocomplete choices for a facet: what the index holds, matching the typed prefix. */
export function facetChoices(engine: SearchEngine, facet: Facet, prefix: string): Choice[] {
  return engine.facet(facet, prefix.trim(), 25).map((f) => ({
    name: f.label === f.value || facet === 'session' ? `${f.label} (${f.count})` : `${f.label} — ${f.value} (${f.count})`,
    value: f.value,
  }));
}

/**
 * Resolves what was submitted for a facet option again: a value, a label, a choice's name sent as
 * text, or a prefix that names one value. Anything else is passed on as typed (the engine's
 * filters accept names and codes, and report what they cannot use).
 */
export function resolveFacet(engine: SearchEngine, facet: Facet, typed: string): string {
  const bare = typed.replace(/\s+\(\d+\)$/, '').replace(/\s+—\s+.*$/, '').trim();
  const want = fold(bare);
  const candidates = engine.facet(facet, bare, 25);
  const exact = candidates.find((c) => fold(c.value) === want || fold(c.label) === want);
  if (exact) return exact.value;
  const fromName = /—\s+(.+?)(?:\s+\(\d+\))?$/.exec(typed)?.[1];
  if (fromName && engine.facet(facet, fromName, 25).some((c) => c.value === fromName)) return fromName;
  if (candidates.length === 1 && candidates[0]) return candidates[0].value;
  return bare;
}

const FACET_OPTIONS: Partial<Record<keyof SearchFilters, Facet>> = {
  country: 'country',
  speaker: 'speaker',
  session: 'session',
  document: 'document',
};

/** The filters given as options, facet values resolved. */
export function filtersFrom(input: Pick<CommandInput, 'options'>, engine: SearchEngine): SearchFilters {
  const filters: SearchFilters = {};
  for (const key of ['country', 'speaker', 'organisation', 'year', 'from', 'to', 'session', 'document'] as const) {
    const raw = stringOption(input, key);
    if (raw === undefined) continue;
    const facet = FACET_OPTIONS[key];
    filters[key] = facet ? resolveFacet(engine, facet, raw) : raw;
  }
  return filters;
}

/** Autocomplete for the facet options of a command. */
export function autocompleteFacet(input: AutocompleteInput, engine: SearchEngine): Choice[] {
  const facet = FACET_OPTIONS[input.option as keyof SearchFilters];
  return facet ? facetChoices(engine, facet, input.value) : [];
}
