/**
 * `npm run bench:trend [-- options]`: trend latency (count + chart spec + SVG + PNG) for 50 queries
 * on the whole UNGDC library, p50/p95, and memory while rendering. Writes its section of
 * bench/RESULTS.md (between the `trends:start`/`trends:end` markers; `npm run bench` keeps it).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { defaultCachePath, openLibrary } from '../src/library/open.ts';
import { renderChart } from '../src/render/chart/png.ts';
import { trendChart } from '../src/render/chart/spec.ts';
import type { SearchFilters, TrendBy } from '../src/types.ts';
import { machineInfo } from './lib/machine.ts';
import { summarize } from './lib/stats.ts';

const REPO_ROOT = path.resolve(import.meta.dirname, '..');
/** The section's markers: npm run bench keeps every `<!-- name:start --> … <!-- name:end -->` section. */
export const TRENDS_BEGIN = '<!-- trends:start -->';
export const TRENDS_END = '<!-- trends:end -->';

/** 50 trend queries of staff: common and rare words, pairs, phrases, filters, every `by`. */
export const TREND_QUERIES: { query: string; by: TrendBy; filters?: SearchFilters }[] = [
  { query: 'development', by: 'year' },
  { query: 'development', by: 'country' },
  { query: 'peace', by: 'year' },
  { query: 'security', by: 'session' },
  { query: 'human rights', by: 'year' },
  { query: '"human rights"', by: 'year' },
  { query: 'climate change', by: 'year' },
  { query: '"climate change"', by: 'country' },
  { query: 'nuclear weapons', by: 'year' },
  { query: '"nuclear weapons"', by: 'country' },
  { query: 'terrorism', by: 'year' },
  { query: 'poverty', by: 'session' },
  { query: 'women', by: 'year' },
  { query: 'children', by: 'country' },
  { query: 'refugees', by: 'year' },
  { query: 'migration', by: 'year' },
  { query: 'pandemic', by: 'country' },
  { query: 'COVID-19', by: 'speaker' },
  { query: 'apartheid', by: 'year' },
  { query: 'colonialism', by: 'year' },
  { query: 'Palestine', by: 'year' },
  { query: 'Afghanistan', by: 'country' },
  { query: 'drugs', by: 'year' },
  { query: '"drug trafficking"', by: 'country' },
  { query: 'synthetic drugs', by: 'year' },
  { query: '"sustainable development"', by: 'year' },
  { query: 'oceans', by: 'year' },
  { query: '"small island"', by: 'country' },
  { query: 'debt', by: 'year' },
  { query: 'trade', by: 'session' },
  { query: 'globalization', by: 'year' },
  { query: 'democracy', by: 'year', filters: { from: '1990' } },
  { query: 'Security Council reform', by: 'year' },
  { query: 'disarmament', by: 'year' },
  { query: '"weapons of mass destruction"', by: 'year' },
  { query: 'cyber', by: 'year' },
  { query: '"artificial intelligence"', by: 'country' },
  { query: 'Ukraine', by: 'year' },
  { query: 'Syria', by: 'speaker' },
  { query: 'embargo', by: 'country' },
  { query: 'Namibia', by: 'year' },
  { query: 'Cold War', by: 'year' },
  { query: 'environment', by: 'year' },
  { query: 'water', by: 'year' },
  { query: 'food security', by: 'year' },
  { query: 'energy', by: 'year', filters: { country: 'Colombia' } },
  { query: 'health', by: 'year' },
  { query: 'peace process', by: 'year', filters: { country: 'COL' } },
  { query: 'coca', by: 'country' },
  { query: 'development -sustainable', by: 'year' },
];

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      data: { type: 'string', default: '/work/ungdc-lib' },
      cache: { type: 'string' },
      out: { type: 'string', default: path.join(REPO_ROOT, 'bench/RESULTS.md') },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    process.stdout.write('Usage: npm run bench:trend -- [--data DIR] [--cache FILE] [--out FILE|-]\n');
    return;
  }
  const dataDir = path.resolve(values.data);
  const machine = machineInfo();
  const t0 = performance.now();
  const { engine } = await openLibrary({ dataDir, cachePath: path.resolve(values.cache ?? defaultCachePath(dataDir)) });
  const openMs = performance.now() - t0;
  const stats = engine.stats();
  const rssBefore = process.memoryUsage().rss;
  const maxRssBefore = process.resourceUsage().maxRSS * 1024;

  // memory while rendering: sampled every 5 ms
  let peakRss = rssBefore;
  let peakHeap = process.memoryUsage().heapUsed;
  const sampler = setInterval(() => {
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed);
  }, 5);

  // the first chart loads Vega and resvg: timed apart (the bot pays it once)
  const c0 = performance.now();
  const first = await engine.count('peace', { by: 'year' });
  const firstChart = trendChart(first, { libraryName: path.basename(dataDir) });
  await renderChart(firstChart.spec, firstChart.texts);
  const coldMs = performance.now() - c0;

  const total: number[] = [];
  const count: number[] = [];
  const render: number[] = [];
  const rows: string[] = [];
  for (const q of TREND_QUERIES) {
    const s = performance.now();
    const counts = await engine.count(q.query, { by: q.by, ...(q.filters ? { filters: q.filters } : {}) });
    const s1 = performance.now();
    const chart = trendChart(counts, { libraryName: path.basename(dataDir) });
    const image = await renderChart(chart.spec, chart.texts);
    const s2 = performance.now();
    total.push(s2 - s);
    count.push(s1 - s);
    render.push(s2 - s1);
    const f = q.filters
      ? ` ${Object.entries(q.filters)
          .map(([k, v]) => `${k}:${v}`)
          .join(' ')}`
      : '';
    rows.push(
      `| \`${q.query}${f}\` | ${q.by} | ${counts.total.toLocaleString('en-US')} | ${(s1 - s).toFixed(0)} | ${(s2 - s1).toFixed(0)} | ${(s2 - s).toFixed(0)} | ${Math.round(image.png.byteLength / 1024)} |`,
    );
  }
  clearInterval(sampler);
  // resvg draws synchronously, where the sampler cannot look: the process's peak resident size covers it
  const maxRssAfter = process.resourceUsage().maxRSS * 1024;
  peakRss = Math.max(peakRss, maxRssAfter);
  const t = summarize(total);
  const c = summarize(count);
  const r = summarize(render);
  const mb = (b: number): string => `${(b / 1024 ** 2).toFixed(0)} MB`;
  const md = [
    TRENDS_BEGIN,
    '## Trends (issue 14): count + chart',
    '',
    `\`npm run bench:trend -- --data ${values.data}\` on ${machine.date.slice(0, 10)}: ${machine.nproc} cores (${machine.cpu}), Node ${machine.node}, load average ${machine.loadAvg.map((x) => x.toFixed(1)).join(' / ')} at the start (the machine is shared; timings vary with it).`,
    `Library: ${stats.documents.toLocaleString('en-US')} documents, ${stats.passages.toLocaleString('en-US')} passages, opened from its cache in ${(openMs / 1000).toFixed(1)} s.`,
    '',
    `| ${TREND_QUERIES.length} queries, each counted and drawn (PNG) | p50 | p95 | max |`,
    '| --- | --- | --- | --- |',
    `| count (matching passages per bucket, no scoring) | ${c.p50.toFixed(0)} ms | ${c.p95.toFixed(0)} ms | ${c.max.toFixed(0)} ms |`,
    `| chart (Vega-Lite spec → SVG → PNG) | ${r.p50.toFixed(0)} ms | ${r.p95.toFixed(0)} ms | ${r.max.toFixed(0)} ms |`,
    `| **trend, count + chart** (target p95 ≤ 1,500 ms) | **${t.p50.toFixed(0)} ms** | **${t.p95.toFixed(0)} ms** | ${t.max.toFixed(0)} ms |`,
    '',
    `First chart after start (loads Vega and resvg once): ${coldMs.toFixed(0)} ms. Memory while rendering: resident ${mb(rssBefore)} with the library open before the first chart (peak while opening ${mb(maxRssBefore)}), peak while counting and rendering ${mb(peakRss)} (+${mb(peakRss - rssBefore)} over the open library); peak JS heap ${mb(peakHeap)}.`,
    '',
    '<details><summary>Per query (ms; PNG size in KB)</summary>',
    '',
    '| query | by | matches | count | chart | total | KB |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...rows,
    '',
    '</details>',
    TRENDS_END,
  ].join('\n');
  process.stdout.write(md + '\n');
  if (values.out !== '-') {
    const file = path.resolve(values.out);
    const old = existsSync(file) ? readFileSync(file, 'utf8') : '';
    writeFileSync(file, replaceTrendsSection(old, md));
  }
}

/** `doc` with its trends section replaced by `section` (appended when it has none). */
export function replaceTrendsSection(doc: string, section: string): string {
  const a = doc.indexOf(TRENDS_BEGIN);
  const b = doc.indexOf(TRENDS_END);
  if (a >= 0 && b > a) return doc.slice(0, a) + section + doc.slice(b + TRENDS_END.length);
  return `${doc.replace(/\s*$/, '')}\n\n${section}\n`;
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  main().catch((err: unknown) => {
    process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exitCode = 1;
  });
}
