/**
 * Test doubles over a real engine: every method answers from `engine`, except the ones given
 * (a slow search, a search that fails on cue). The answers stay the real library's.
 */
import type { SearchEngine } from '../../src/types.ts';

export function engineWith(engine: SearchEngine, overrides: Partial<SearchEngine>): SearchEngine {
  return {
    search: (query, options) => engine.search(query, options),
    count: (query, options) => engine.count(query, options),
    passage: (id, marks) => engine.passage(id, marks),
    context: (id, radius) => engine.context(id, radius),
    documents: (filter) => engine.documents(filter),
    document: (id) => engine.document(id),
    documentNamed: (text) => engine.documentNamed(text),
    facet: (facet, prefix, limit) => engine.facet(facet, prefix, limit),
    suggest: (query) => engine.suggest(query),
    stats: () => engine.stats(),
    ...overrides,
  };
}
