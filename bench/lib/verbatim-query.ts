/** How a benchmark query kind is put to Verbatim: its own query language and filters, as a user would. */
import type { SearchFilters } from '../../src/types.ts';
import type { BenchQuery } from './queries.ts';

/**
 * The query string and filters for one benchmark query. Plain words are Verbatim's OR-with-all-words-
 * first; the AND kind requires every word with `+word`; phrases go as written; typos rely on the
 * engine's own tolerance (no option); a decade becomes `from`/`to` years.
 */
export function verbatimQuery(q: BenchQuery): { query: string; filters: SearchFilters } {
  const filters: SearchFilters = {};
  if (q.filter?.country) filters.country = q.filter.country;
  if (q.filter?.from !== undefined) {
    filters.from = String(q.filter.from);
    filters.to = String(q.filter.to ?? q.filter.from);
  }
  const query =
    q.kind === 'and'
      ? q.text
          .split(' ')
          .filter(Boolean)
          .map((w) => `+${w}`)
          .join(' ')
      : q.text;
  return { query, filters };
}
