/** The timing loop every Node-side engine shares: warm-up, then each query timed on its own. */
import type { BenchQuery, Kind } from './queries.ts';

export interface Sample {
  kind: Kind;
  n: number;
  ms: number;
  /** Matching passages the engine reports (all pages). */
  total: number;
  /** Ids of the first hits (first repeat only), to compare engines by eye. */
  top: string[];
}

export interface Answer {
  total: number;
  ids: string[];
}

/**
 * Runs `warmup` queries from the list untimed, then every query `repeat` times, timing each call
 * individually with performance.now().
 */
export async function timeQueries(
  queries: readonly BenchQuery[],
  run: (q: BenchQuery) => Answer | Promise<Answer>,
  opts: { repeat: number; warmup: number },
): Promise<Sample[]> {
  for (const q of queries.slice(0, opts.warmup)) await run(q);
  const samples: Sample[] = [];
  for (let r = 0; r < opts.repeat; r++) {
    for (const q of queries) {
      const t = performance.now();
      const a = await run(q);
      const ms = performance.now() - t;
      samples.push({ kind: q.kind, n: q.n, ms: Math.round(ms * 1000) / 1000, total: a.total, top: r === 0 ? a.ids.slice(0, 3) : [] });
    }
  }
  return samples;
}
