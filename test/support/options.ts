/**
 * The same library ranked with some options changed: for tests that compare a feature on and off.
 * Each section given is merged over INDEX_OPTIONS' (`{ prf: { weight: 0 } }` keeps prf's other values).
 */
import { INDEX_OPTIONS, type IndexOptions } from '../../src/index/options.ts';
import { VerbatimEngine } from '../../src/search/engine.ts';

export type OptionChange = { [K in keyof IndexOptions]?: IndexOptions[K] extends object ? Partial<IndexOptions[K]> : IndexOptions[K] };

export function rankedWith(engine: VerbatimEngine, change: OptionChange): VerbatimEngine {
  const opts: Record<string, unknown> = { ...INDEX_OPTIONS };
  for (const [key, value] of Object.entries(change)) {
    const base = (INDEX_OPTIONS as Record<string, unknown>)[key];
    opts[key] = typeof base === 'object' && base !== null ? { ...(base as object), ...(value as object) } : value;
  }
  return new VerbatimEngine(engine.state, opts as IndexOptions);
}
