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
  for (const q of warmupQueries(queries, opts.warmup)) await run(q);
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

/**
 * The untimed warm-up: `n` queries taken in turn from each kind (or, and, phrase, country, …), so
 * that every kind's code paths are compiled before timing starts, as the bot's own warm-up does
 * (commands/warm-up.ts). bench/xapian_bench.py takes the same ones.
 */
export function warmupQueries(queries: readonly BenchQuery[], n: number): BenchQuery[] {
  const byKind = new Map<string, BenchQuery[]>();
  for (const q of queries) {
    const list = byKind.get(q.kind);
    if (list) list.push(q);
    else byKind.set(q.kind, [q]);
  }
  const out: BenchQuery[] = [];
  for (let i = 0; out.length < n && [...byKind.values()].some((l) => i < l.length); i++) {
    for (const list of byKind.values()) if (i < list.length && out.length < n) out.push(list[i]!);
  }
  return out;
}
