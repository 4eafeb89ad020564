/**
 * MiniSearch with default options (fields ['text'], no stored fields) over the benchmark's passages,
 * used the naive way: filters applied after scoring through the `filter` option, AND through
 * `combineWith`, typo tolerance through `fuzzy: 0.2, prefix: true`. MiniSearch has no phrases, so a
 * phrase query is its words with AND.
 *
 *   node --import tsx bench/minisearch-child.ts build PASSAGES.jsonl QUERIES.json OUT.json REPEAT WARMUP [SAVE.json]
 *     build, time every query, then save the index with JSON.stringify (when SAVE is given)
 *   node --import tsx bench/minisearch-child.ts load SAVE.json QUERIES.json OUT.json
 *     cold start: loadJSON the saved index and answer the first query
 */
import { createReadStream, readFileSync, writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import MiniSearch, { type SearchOptions } from 'minisearch';
import { epochMs, peakRssMb, resetPeakRss, rssMb } from './lib/proc.ts';
import { stripQuotes, type BenchQuery } from './lib/queries.ts';
import { timeQueries } from './lib/timing.ts';

interface Row {
  id: string;
  text: string;
  country?: string;
  year?: number;
}

const OPTIONS = { fields: ['text'] };

async function main(argv: string[]): Promise<void> {
  const [mode, passagesFile, queriesFile, outFile, repeatArg, warmupArg, saveFile] = argv;
  if (!passagesFile || !queriesFile || !outFile || (mode !== 'build' && mode !== 'load')) {
    throw new Error('usage: minisearch-child.ts build PASSAGES QUERIES OUT [REPEAT WARMUP SAVE] | load SAVE QUERIES OUT');
  }
  if (mode === 'load') return load(passagesFile, queriesFile, outFile);
  const queries = JSON.parse(readFileSync(queriesFile, 'utf8')) as BenchQuery[];
  const meta = new Map<string, { country: string | undefined; year: number | undefined }>();
  const ms = new MiniSearch<Row>(OPTIONS);

  const t0 = performance.now();
  const rl = createInterface({ input: createReadStream(passagesFile, 'utf8'), crlfDelay: Infinity });
  let passages = 0;
  for await (const line of rl) {
    if (!line) continue;
    const row = JSON.parse(line) as Row;
    meta.set(row.id, { country: row.country, year: row.year });
    ms.add(row);
    passages++;
  }
  const buildMs = performance.now() - t0;
  const peakRssBuildMb = peakRssMb();
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const heapMb = Math.round((process.memoryUsage().heapUsed / 1048576) * 10) / 10;
  const rssAfterBuildMb = rssMb();
  const resetWorked = resetPeakRss();

  const run = (q: BenchQuery) => {
    const opts: SearchOptions = {};
    let text = q.text;
    if (q.kind === 'and') opts.combineWith = 'AND';
    if (q.kind === 'phrase') {
      text = stripQuotes(text);
      opts.combineWith = 'AND';
    }
    if (q.kind === 'typo') {
      opts.fuzzy = 0.2;
      opts.prefix = true;
    }
    const f = q.filter;
    if (f?.country) {
      const c = f.country;
      opts.filter = (r) => meta.get(r.id as string)?.country === c;
    } else if (f?.from !== undefined) {
      const from = f.from;
      const to = f.to ?? from;
      opts.filter = (r) => {
        const y = meta.get(r.id as string)?.year;
        return y !== undefined && y >= from && y <= to;
      };
    }
    const results = ms.search(text, opts);
    return { total: results.length, ids: results.slice(0, 10).map((r) => r.id as string) };
  };
  const samples = await timeQueries(queries, run, { repeat: Number(repeatArg ?? 1), warmup: Number(warmupArg ?? 20) });

  const peakRssQueryMb = peakRssMb();
  let saved: { ok: boolean; bytes?: number; error?: string } | undefined;
  if (saveFile) {
    try {
      const json = JSON.stringify(ms);
      writeFileSync(saveFile, json);
      saved = { ok: true, bytes: Buffer.byteLength(json) };
    } catch (err) {
      saved = { ok: false, error: (err as Error).message };
    }
  }
  writeFileSync(
    outFile,
    JSON.stringify({
      saved,
      passages,
      buildMs,
      peakRssBuildMb,
      heapMb,
      heapMeasuredAfterGc: gc !== undefined,
      rssAfterBuildMb,
      peakRssQueryMb,
      peakResetWorked: resetWorked,
      samples,
    }),
  );
}

async function load(saveFile: string, queriesFile: string, outFile: string): Promise<void> {
  const first = (JSON.parse(readFileSync(queriesFile, 'utf8')) as BenchQuery[])[0];
  if (!first) throw new Error('no queries');
  const t0 = performance.now();
  const ms = MiniSearch.loadJSON<Row>(readFileSync(saveFile, 'utf8'), OPTIONS);
  const openMs = performance.now() - t0;
  ms.search(first.text);
  const firstAnswerEpochMs = epochMs();
  writeFileSync(outFile, JSON.stringify({ openMs, firstAnswerEpochMs, peakRssLoadMb: peakRssMb() }));
}

main(process.argv.slice(2)).catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exitCode = 1;
});
