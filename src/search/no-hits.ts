/**
 * Help for a search that found nothing: a spelling suggestion from the index's vocabulary, and
 * which filter or word to drop to find something. The CLI and the bot both show it.
 */
import type { SearchEngine, SearchFilters } from '../types.ts';

export interface NoHitsHelp {
  /** The query with misspelt words corrected ("did you mean …"). */
  suggestion?: string;
  /** Filters whose removal would find passages, with the count found without each. */
  dropFilters: { filter: string; total: number }[];
  /** Words whose removal would find passages. */
  dropWords: { word: string; total: number }[];
}

/** Works out what to suggest when `query` with `filters` found nothing. Runs a few cheap searches. */
export async function explainNoHits(engine: SearchEngine, query: string, filters: SearchFilters): Promise<NoHitsHelp> {
  const help: NoHitsHelp = { dropFilters: [], dropWords: [] };
  const suggestion = engine.suggest(query);
  if (suggestion && suggestion !== query) help.suggestion = suggestion;
  for (const key of Object.keys(filters) as (keyof SearchFilters)[]) {
    const rest = { ...filters };
    delete rest[key];
    const r = await engine.search(query, { filters: rest, limit: 1 }).catch(() => undefined);
    if (r && r.total > 0) help.dropFilters.push({ filter: key, total: r.total });
  }
  const words = query.split(/\s+/).filter(Boolean);
  if (help.dropFilters.length === 0 && words.length > 1 && words.length <= 8) {
    for (const [i, word] of words.entries()) {
      const rest = words.filter((_, j) => j !== i).join(' ');
      const r = await engine.search(rest, { filters, limit: 1 }).catch(() => undefined);
      if (r && r.total > 0) help.dropWords.push({ word, total: r.total });
    }
  }
  return help;
}
