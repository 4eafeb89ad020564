/**
 * Verbatim as the bot runs it, in a process of its own so that its memory and start-up are its own.
 *
 *   node dist/bench/verbatim-child.js build   (compiled by npm run build; tsx works too)
 *   node --import tsx bench/verbatim-child.ts build DATA_DIR CACHE OUT.json
 *     index the library from scratch (no cache) and persist the index: build time and peak RSS.
 *   node --import tsx bench/verbatim-child.ts query DATA_DIR CACHE OUT.json QUERIES.json REPEAT WARMUP
 *     open from the persisted cache, answer the first query (cold start ends there), then time
 *     every query: peak RSS while loading and while querying.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { openLibrary } from '../src/library/open.ts';
import { QueryError } from '../src/types.ts';
import { epochMs, peakRssMb, resetPeakRss, rssMb } from './lib/proc.ts';
import type { BenchQuery } from './lib/queries.ts';
import { timeQueries } from './lib/timing.ts';
import { verbatimQuery } from './lib/verbatim-query.ts';

/** What openLibrary logs (cache reasons, save failures), kept for the results. */
const logged: string[] = [];
const log = {
  info: (obj: object, msg: string) => void logged.push(`info: ${msg} ${JSON.stringify(obj)}`),
  warn: (obj: object, msg: string) => void logged.push(`warn: ${msg} ${JSON.stringify(obj)}`),
};

async function main(argv: string[]): Promise<void> {
  const [mode, dataDir, cachePath, outFile, queriesFile, repeatArg, warmupArg] = argv;
  if (!dataDir || !cachePath || !outFile || (mode !== 'build' && mode !== 'query')) {
    throw new Error('usage: verbatim-child.ts build|query DATA_DIR CACHE OUT [QUERIES REPEAT WARMUP]');
  }
  if (mode === 'build') {
    rmSync(cachePath, { recursive: true, force: true });
    const t0 = performance.now();
    const { report, fromCache } = await openLibrary({ dataDir, cachePath, rebuild: true, log });
    const buildMs = performance.now() - t0;
    writeFileSync(
      outFile,
      JSON.stringify({
        buildMs,
        fromCache,
        logged,
        documents: report.documents,
        passages: report.passages,
        peakRssBuildMb: peakRssMb(),
        rssAfterBuildMb: rssMb(),
      }),
    );
    return;
  }

  if (!queriesFile) throw new Error('query mode needs QUERIES.json');
  const queries = JSON.parse(readFileSync(queriesFile, 'utf8')) as BenchQuery[];
  const first = queries[0];
  if (!first) throw new Error('no queries');
  const tOpen = performance.now();
  const { engine, report, fromCache, reason } = await openLibrary({ dataDir, cachePath, log });
  const openMs = performance.now() - tOpen;
  const f = verbatimQuery(first);
  const tFirst = performance.now();
  const firstResponse = await engine.search(f.query, { filters: f.filters, limit: 10 });
  const firstQueryMs = performance.now() - tFirst;
  const firstAnswerEpochMs = epochMs();
  // performance.now() counts from this process's start: module loading + opening + first query.
  const sinceProcessStartMs = performance.now();
  const peakRssLoadMb = peakRssMb();
  const resetWorked = resetPeakRss();

  const errors: { kind: string; n: number; message: string }[] = [];
  let partial = 0;
  const tookMs: number[] = [];
  const samples = await timeQueries(
    queries,
    async (q) => {
      const { query, filters } = verbatimQuery(q);
      try {
        const r = await engine.search(query, { filters, limit: 10 });
        if (r.partial) partial++;
        tookMs.push(r.tookMs);
        return { total: r.total, ids: r.hits.map((h) => h.id) };
      } catch (err) {
        if (!(err instanceof QueryError)) throw err;
        if (errors.length < 50) errors.push({ kind: q.kind, n: q.n, message: err.message });
        return { total: -1, ids: [] };
      }
    },
    { repeat: Number(repeatArg ?? 1), warmup: Number(warmupArg ?? 20) },
  );
  writeFileSync(
    outFile,
    JSON.stringify({
      fromCache,
      reason,
      logged,
      documents: report.documents,
      passages: report.passages,
      openMs,
      firstQueryMs,
      firstTotal: firstResponse.total,
      firstAnswerEpochMs,
      sinceProcessStartMs,
      peakRssLoadMb,
      peakRssQueryMb: peakRssMb(),
      peakResetWorked: resetWorked,
      partialAnswers: partial,
      queryErrors: errors,
      samples,
    }),
  );
}

main(process.argv.slice(2)).catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exitCode = 1;
});
