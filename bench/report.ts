/** Benchmark results as a terminal table and as bench/RESULTS.md. */
import { ratio, type BenchResults, type EngineName, type EngineResult } from './harness.ts';
import { KIND_LABELS, KINDS } from './lib/queries.ts';

const NAMES: Record<EngineName, string> = { verbatim: 'Verbatim', minisearch: 'MiniSearch (defaults)', xapian: 'Xapian' };

function fmt(x: number | null | undefined, digits = 1): string {
  if (x == null || !Number.isFinite(x)) return '–';
  return x.toFixed(digits);
}

function mdTable(head: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [line(head), line(head.map(() => '---')), ...rows.map(line)].join('\n');
}

function engines(r: BenchResults): EngineResult[] {
  return (['verbatim', 'minisearch', 'xapian'] as const).flatMap((e) => (r.engines[e] ? [r.engines[e]] : []));
}

/** Build, cold start and memory, one row per engine, with Verbatim's ratios. */
function overviewRows(r: BenchResults): string[][] {
  const v = r.engines.verbatim;
  return engines(r).map((e) => [
    NAMES[e.engine],
    String(e.passages),
    fmt(e.buildS, 2),
    fmt(e.coldStartS, 2),
    fmt(e.openMs, 1),
    fmt(e.rss.buildMb, 0),
    fmt(e.rss.loadMb, 0),
    fmt(e.rss.queryMb, 0),
    e.heapMb !== undefined ? fmt(e.heapMb, 0) : '–',
    e.engine === 'verbatim' || !v
      ? ''
      : `build ${ratio(v.buildS, e.buildS)}× · cold ${ratio(v.coldStartS, e.coldStartS)}× · peak RSS ${ratio(peak(v), peak(e))}×`,
  ]);
}

function peak(e: EngineResult): number {
  return Math.max(e.rss.buildMb ?? 0, e.rss.loadMb ?? 0, e.rss.queryMb ?? 0);
}

const OVERVIEW_HEAD = [
  'engine',
  'passages',
  'build s',
  'cold start s',
  'open ms',
  'peak RSS build MB',
  'load MB',
  'queries MB',
  'heap MB',
  'Verbatim ÷ this',
];

/** Latency per kind: every engine's p50/p95/p99/max, then Verbatim's ratios to the others. */
function latencyRows(r: BenchResults): string[][] {
  const v = r.engines.verbatim;
  const rows: string[][] = [];
  for (const kind of KINDS) {
    for (const e of engines(r)) {
      const l = e.latency[kind];
      if (!l) continue;
      const vl = v?.latency[kind];
      const ratios = e.engine === 'verbatim' || !vl ? '' : `p50 ${ratio(vl.p50, l.p50)}× · p99 ${ratio(vl.p99, l.p99)}×`;
      rows.push([
        KIND_LABELS[kind],
        NAMES[e.engine],
        String(l.n),
        fmt(l.p50, 2),
        fmt(l.p95, 2),
        fmt(l.p99, 2),
        fmt(l.max, 2),
        String(l.zeroHits),
        ratios,
      ]);
    }
  }
  return rows;
}

const LATENCY_HEAD = ['kind', 'engine', 'n', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms', 'no hits', 'Verbatim ÷ this'];

function targetRows(r: BenchResults): string[][] {
  return r.targets.map((t) => [t.target, t.value, t.pass === null ? 'not measured' : t.pass ? 'PASS' : 'FAIL']);
}

/** bench/RESULTS.md. */
export function renderMarkdown(r: BenchResults, command: string): string {
  const m = r.machine;
  const parts: string[] = [];
  parts.push('# Benchmark results');
  parts.push(
    [
      `Produced by \`${command}\` on ${m.date.slice(0, 10)} (${m.date}); the run took ${r.durationS} s.`,
      '',
      `- Machine: ${m.nproc} CPUs (${m.cpu}), ${m.ramGb} GB RAM, ${m.os}, Node ${m.node}; load average at start ${m.loadAvg.join(' / ')}`,
      `- Corpus: ${r.corpus.size === 'full' ? 'the whole library' : 'a small subset (first documents by path)'} at \`${r.corpus.dataDir}\` — ${r.corpus.documents} documents, ${r.corpus.passages} passages (the same passages for every engine)`,
      `- Queries: \`${r.queries.file}\`, ${Object.entries(r.queries.perKind)
        .map(([k, n]) => `${k} ${n}`)
        .join(
          ', ',
        )}; ${r.queries.warmup} warm-up queries (taken in turn from each kind), then ${r.queries.repeat} timed pass(es), each query timed on its own`,
      ...r.skipped.map((s) => `- Not run: ${NAMES[s.engine]} — ${s.reason}`),
      ...(r.corpus.size === 'small'
        ? [
            '- Small mode: the first documents by path are the earliest years, so many filtered and AND queries match nothing (see "no hits"); ratios on such kinds compare near-empty work.',
          ]
        : []),
    ].join('\n'),
  );
  parts.push(
    '**Caveat:** the machine is shared (other processes may run at the same time), so absolute figures are noisy; ' +
      'the ratios, taken in the same run on the same passages, are the more stable reading.',
  );
  if (r.targets.length) {
    parts.push('## Targets (issue 4), on Verbatim');
    parts.push(mdTable(['target', 'measured', 'result'], targetRows(r)));
    if (r.smallColdStart)
      parts.push(
        `10k-passage cold start measured on the first ${r.smallColdStart.passages} passages (by path): ${r.smallColdStart.coldStartS} s, peak RSS ${r.smallColdStart.peakRssLoadMb} MB.`,
      );
  }
  parts.push('## Build, cold start, memory');
  parts.push(mdTable(OVERVIEW_HEAD, overviewRows(r)));
  parts.push(
    'Cold start: a new process, from spawn to the first query answered from the persisted index (Verbatim: `node dist/bench/verbatim-child.js` compiled as `npm start` runs the bot, openLibrary, one search; ' +
      'Xapian: `python3`, open the database, one query). Peak RSS is the kernel high-water mark (VmHWM) of each phase, reset between phases.',
  );
  parts.push('## Query latency per kind');
  parts.push(mdTable(LATENCY_HEAD, latencyRows(r)));
  parts.push(
    [
      'How each kind is put to each engine:',
      '- OR: the query words without quotes. Verbatim: plain words (passages with all words rank first); MiniSearch: default (OR); Xapian: QueryParser, default op OR.',
      '- AND: Verbatim: every word as `+word`; MiniSearch: `combineWith: "AND"`; Xapian: default op AND.',
      '- phrase: the queries holding "quotes", as written. MiniSearch has no phrases: the words with AND.',
      "- filtered: the OR words plus the query's own filter (country ISO code, or decade → from/to years). Verbatim: SearchFilters; MiniSearch: `filter` after scoring; Xapian: OP_FILTER on a boolean term / value range.",
      '- typo: one deterministic typo (two inner letters swapped in the longest word). Verbatim: plain query (built-in tolerance); MiniSearch: `fuzzy: 0.2, prefix: true`; Xapian: QueryParser spelling correction, then the corrected query.',
      '- "no hits": queries (first pass) that matched nothing, or that Verbatim refused with a query error.',
    ].join('\n'),
  );
  const notes = engines(r).flatMap((e) => e.notes.map((n) => `- ${NAMES[e.engine]}: ${n}`));
  if (notes.length) parts.push('## Notes\n' + notes.join('\n'));
  return parts.join('\n\n') + '\n';
}

/** A plain-text summary for the terminal. */
export function renderText(r: BenchResults): string {
  const table = (head: string[], rows: string[][]) => {
    const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] ?? '').length)));
    const line = (cells: string[]) =>
      cells
        .map((c, i) => c.padEnd(widths[i] ?? 0))
        .join('  ')
        .trimEnd();
    return [line(head), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
  };
  const out = [
    `${r.corpus.documents} documents, ${r.corpus.passages} passages (${r.corpus.size}); ${r.machine.nproc} CPUs, Node ${r.machine.node}; ${r.durationS} s`,
    '',
    table(OVERVIEW_HEAD, overviewRows(r)),
    '',
    table(LATENCY_HEAD, latencyRows(r)),
  ];
  if (r.targets.length) out.push('', table(['target', 'measured', 'result'], targetRows(r)));
  for (const s of r.skipped) out.push(`not run: ${NAMES[s.engine]} — ${s.reason}`);
  return out.join('\n') + '\n';
}
