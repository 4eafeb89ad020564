/**
 * Help for a search that found nothing: a spelling suggestion from the index's vocabulary, and
 * which filter or word to drop to find something. The CLI and the bot both show it.
 */
import type { SearchEngine, SearchFilters } from '../types.ts';
import { filterValues, isListFilter, joinFilterValues, type FilterValue, type ListFilter } from './filter-values.ts';

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
}

/** Works out what to suggest when `query` with `filters` found nothing. Runs a few cheap searches. */
export async function explainNoHits(engine: SearchEngine, query: string, filters: SearchFilters): Promise<NoHitsHelp> {
  const help: NoHitsHelp = { dropFilters: [], dropWords: [] };
  const suggestion = engine.suggest(query);
  if (suggestion && suggestion !== query) help.suggestion = suggestion;
  const found = async (q: string, f: SearchFilters): Promise<number> =>
    (await engine.search(q, { filters: f, limit: 1, filtersAlone: true }).catch(() => undefined))?.total ?? 0;
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

function partsOf(key: ListFilter, raw: string): { keep: FilterValue[]; drop: FilterValue[] } | undefined {
  try {
    const values = filterValues(key, raw);
    return { keep: values.filter((v) => !v.not), drop: values.filter((v) => v.not) };
  } catch {
    return undefined;
  }
}
