/** Latency summaries: nearest-rank percentiles over individually timed queries. */

export interface LatencySummary {
  /** Timed samples (queries × repeats). */
  n: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
}

/** Nearest-rank percentile (`p` in 0–100) of an ascending-sorted array. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] as number;
}

/** p50/p95/p99/max/mean of latencies in ms, rounded to 0.01 ms. */
export function summarize(samples: readonly number[]): LatencySummary {
  const sorted = [...samples].sort((a, b) => a - b);
  const r = (x: number) => Math.round(x * 100) / 100;
  const mean = sorted.length ? sorted.reduce((s, x) => s + x, 0) / sorted.length : Number.NaN;
  return {
    n: sorted.length,
    p50: r(percentile(sorted, 50)),
    p95: r(percentile(sorted, 95)),
    p99: r(percentile(sorted, 99)),
    max: r(sorted.length ? (sorted[sorted.length - 1] as number) : Number.NaN),
    mean: r(mean),
  };
}
