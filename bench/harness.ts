/**
 * The benchmark harness behind `npm run bench`: the same passages and the same queries for Verbatim
 * (through openLibrary, exactly as the bot opens its library), MiniSearch with default options, and
 * Xapian 1.4 (python3-xapian). Each engine runs in a process of its own, so that build time, cold
 * start and peak memory are its own.
 */
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, createWriteStream, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseCsv } from 'csv-parse/sync';
import { loadFiles, loadLibrary, scanLibrary } from '../src/ingest/load-library.ts';
import type { LibraryDocument } from '../src/types.ts';
import { machineInfo, type MachineInfo } from './lib/machine.ts';
import { epochMs } from './lib/proc.ts';
import { buildQuerySet, KINDS, loadPerfQueries, type Kind } from './lib/queries.ts';
import { summarize, type LatencySummary } from './lib/stats.ts';
import type { Sample } from './lib/timing.ts';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const ENGINES = ['verbatim', 'minisearch', 'xapian'] as const;
export type EngineName = (typeof ENGINES)[number];
export const XAPIAN_INSTALL = 'apt-get update && apt-get install -y python3-xapian';

export interface BenchOptions {
  /** The library folder (imported UNGDC by default). */
  data: string;
  /** Run the UNGDC import into `data` when the folder is missing or empty. */
  importIfMissing: boolean;
  /** `small`: a deterministic subset of the first documents (by path) holding ~smallPassages passages. */
  size: 'full' | 'small';
  smallPassages: number;
  skip: ReadonlySet<EngineName>;
  /** Install python3-xapian with apt-get when missing. */
  install: boolean;
  queriesFile: string;
  /** Timed passes over the query set (every sample counts in the percentiles). */
  repeat: number;
  /** Untimed queries before timing starts. */
  warmup: number;
  /** Scratch folder for caches, the passages JSONL and the Xapian database. */
  workDir: string;
  /** In a full run, also cold-start Verbatim on a ~smallPassages subset (the 10k-passage target). */
  smallColdStart: boolean;
  log: (line: string) => void;
}

export interface KindResult extends LatencySummary {
  /** Queries that matched nothing (first pass), or failed with a query error (Verbatim: total -1). */
  zeroHits: number;
}

export interface EngineResult {
  engine: EngineName;
  label: string;
  /** Passages the engine indexed (all engines should report the corpus's count). */
  passages: number;
  buildS: number | null;
  /** New process → first query answered from the persisted index. */
  coldStartS: number | null;
  /** Opening the index inside the process (Verbatim: openLibrary; Xapian: Database()). */
  openMs: number | null;
  rss: { buildMb: number | null; loadMb: number | null; queryMb: number | null };
  heapMb?: number;
  latency: Partial<Record<Kind, KindResult>>;
  /** All kinds together. */
  overall: LatencySummary;
  notes: string[];
}

export interface TargetCheck {
  target: string;
  /** What was measured, as text (ms, s, MB). */
  value: string;
  /** null when it could not be measured in this run. */
  pass: boolean | null;
}

export interface BenchResults {
  machine: MachineInfo;
  corpus: { dataDir: string; size: 'full' | 'small'; documents: number; passages: number };
  queries: { file: string; perKind: Partial<Record<Kind, number>>; repeat: number; warmup: number };
  engines: Partial<Record<EngineName, EngineResult>>;
  skipped: { engine: EngineName; reason: string }[];
  smallColdStart?: { passages: number; coldStartS: number; peakRssLoadMb: number };
  targets: TargetCheck[];
  durationS: number;
}

/** Runs the whole benchmark and returns its results (printing and RESULTS.md are the caller's). */
export async function runBench(opts: BenchOptions): Promise<BenchResults> {
  const started = performance.now();
  const { log } = opts;
  mkdirSync(opts.workDir, { recursive: true });
  await ensureLibrary(opts);

  let dataDir = opts.data;
  let documents: LibraryDocument[];
  if (opts.size === 'small') {
    dataDir = path.join(opts.workDir, `subset-${opts.smallPassages}`);
    log(`making a ~${opts.smallPassages}-passage subset of ${opts.data} in ${dataDir} …`);
    makeSubsetLibrary(opts.data, dataDir, await firstDocumentsOnDisk(opts.data, opts.smallPassages));
  }
  log(`loading passages from ${dataDir} …`);
  // the passages as the loader reads the folder Verbatim will index: the same for every engine
  documents = (await loadLibrary(dataDir)).documents.sort(byPath);
  const passageCount = documents.reduce((s, d) => s + d.passages.length, 0);
  const passagesFile = path.join(opts.workDir, `passages-${opts.size}.jsonl`);
  await writePassages(documents, passagesFile);
  const documentCount = documents.length;
  log(`corpus: ${documentCount} documents, ${passageCount} passages (${opts.size})`);

  documents = [];

  const queries = buildQuerySet(loadPerfQueries(opts.queriesFile));
  const queriesFile = path.join(opts.workDir, 'queries.json');
  writeFileSync(queriesFile, JSON.stringify(queries));
  const perKind: Partial<Record<Kind, number>> = {};
  for (const q of queries) perKind[q.kind] = (perKind[q.kind] ?? 0) + 1;

  const results: BenchResults = {
    machine: machineInfo(),
    corpus: { dataDir: opts.data, size: opts.size, documents: documentCount, passages: passageCount },
    queries: { file: opts.queriesFile, perKind, repeat: opts.repeat, warmup: opts.warmup },
    engines: {},
    skipped: [],
    targets: [],
    durationS: 0,
  };

  const attempt = async (engine: EngineName, run: () => Promise<void>) => {
    try {
      await run();
    } catch (err) {
      const reason = `failed: ${(err as Error).message.slice(0, 2000)}`;
      log(`${engine} ${reason}`);
      results.skipped.push({ engine, reason });
    }
  };

  if (!opts.skip.has('verbatim'))
    await attempt('verbatim', async () => {
      results.engines.verbatim = await benchVerbatim(dataDir, path.join(opts.workDir, `verbatim-${opts.size}.cache`), queriesFile, opts);
      if (results.engines.verbatim.passages !== passageCount) {
        results.engines.verbatim.notes.push(
          `openLibrary indexed ${results.engines.verbatim.passages} passages, loadLibrary gave ${passageCount}: the engines do not see the same passages`,
        );
      }
      if (results.engines.verbatim.notes.length) for (const n of results.engines.verbatim.notes) log(`  note: ${n}`);
      if (opts.size === 'full' && opts.smallColdStart) {
        const subset = path.join(opts.workDir, `subset-${opts.smallPassages}`);
        const smallDocs = await firstDocumentsOnDisk(opts.data, opts.smallPassages);
        makeSubsetLibrary(opts.data, subset, smallDocs);
        const small = await benchVerbatim(subset, path.join(opts.workDir, 'verbatim-small.cache'), queriesFile, { ...opts, repeat: 0, warmup: 0 });
        results.smallColdStart = {
          passages: smallDocs.reduce((s, d) => s + d.passages.length, 0),
          coldStartS: small.coldStartS ?? Number.NaN,
          peakRssLoadMb: small.rss.loadMb ?? Number.NaN,
        };
      }
    });
  else results.skipped.push({ engine: 'verbatim', reason: '--skip verbatim' });

  if (!opts.skip.has('minisearch'))
    await attempt('minisearch', async () => {
      results.engines.minisearch = await benchMiniSearch(passagesFile, queriesFile, opts);
    });
  else results.skipped.push({ engine: 'minisearch', reason: '--skip minisearch' });

  if (!opts.skip.has('xapian')) {
    const python = findXapianPython(opts);
    if (python) {
      await attempt('xapian', async () => {
        results.engines.xapian = await benchXapian(python, passagesFile, queriesFile, opts);
      });
    } else {
      const reason = `python3-xapian is not installed; install it with: ${XAPIAN_INSTALL}  (or pass --install)`;
      log(reason);
      results.skipped.push({ engine: 'xapian', reason });
    }
  } else results.skipped.push({ engine: 'xapian', reason: '--skip xapian' });

  results.targets = checkTargets(results);
  results.durationS = round((performance.now() - started) / 1000, 1);
  return results;
}

// ---------------------------------------------------------------- library and passages

async function ensureLibrary(opts: BenchOptions): Promise<void> {
  if (existsSync(opts.data) && readdirSync(opts.data).length > 0) return;
  if (!opts.importIfMissing) throw new Error(`Library folder not found or empty: ${opts.data}`);
  opts.log(`importing the UNGDC library into ${opts.data} (npm run import-ungdc) …`);
  const t = performance.now();
  // the corpus unpacked once on this machine saves extracting the tarball again
  const unpacked = existsSync('/work/ungdc/TXT') ? ['--from-unpacked', '/work/ungdc'] : [];
  const r = await runChild(process.execPath, ['--import', 'tsx', path.join(REPO_ROOT, 'scripts/import-ungdc.ts'), opts.data, ...unpacked], {
    inheritOutput: true,
  });
  if (r.code !== 0) throw new Error(`import-ungdc failed (exit ${r.code}):\n${r.stderr}`);
  opts.log(`imported in ${round((performance.now() - t) / 1000, 1)} s`);
}

function byPath(a: LibraryDocument, b: LibraryDocument): number {
  return a.path < b.path ? -1 : a.path > b.path ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * The library's first documents by file path, until they hold at least `passages` passages; reads
 * only the files it needs.
 */
export async function firstDocumentsOnDisk(root: string, passages: number): Promise<LibraryDocument[]> {
  const files = (await scanLibrary(root)).filter((f) => f.kind === 'document').map((f) => f.path);
  const out: LibraryDocument[] = [];
  let n = 0;
  for (let i = 0; i < files.length && n < passages; i += 16) {
    for (const r of await loadFiles(root, files.slice(i, i + 16))) {
      for (const d of [...r.documents].sort(byPath)) {
        if (n >= passages) break;
        out.push(d);
        n += d.passages.length;
      }
    }
  }
  return out;
}

/**
 * A library folder holding only the files of `documents` (same relative paths, so the same document
 * and passage ids), their `.meta.json` sidecars, and each folder's `manifest.csv` cut down to the
 * rows of the copied files.
 */
export function makeSubsetLibrary(sourceDir: string, targetDir: string, documents: readonly LibraryDocument[]): void {
  rmSync(targetDir, { recursive: true, force: true });
  mkdirSync(targetDir, { recursive: true });
  const kept = new Set(documents.map((d) => d.path));
  const folders = new Map<string, Set<string>>();
  for (const rel of kept) {
    const to = path.join(targetDir, rel);
    mkdirSync(path.dirname(to), { recursive: true });
    cpSync(path.join(sourceDir, rel), to);
    if (existsSync(path.join(sourceDir, `${rel}.meta.json`))) cpSync(path.join(sourceDir, `${rel}.meta.json`), `${to}.meta.json`);
    const folder = path.posix.dirname(rel);
    if (!folders.has(folder)) folders.set(folder, new Set());
    folders.get(folder)?.add(path.posix.basename(rel));
  }
  for (const [folder, files] of folders) {
    const manifest = path.join(sourceDir, folder, 'manifest.csv');
    if (existsSync(manifest)) writeFileSync(path.join(targetDir, folder, 'manifest.csv'), filterManifest(readFileSync(manifest, 'utf8'), files));
  }
}

/** A manifest.csv with its header and only the rows whose `file` column names one of `files`. */
function filterManifest(text: string, files: ReadonlySet<string>): string {
  const records = parseCsv(text.replace(/^\uFEFF/, ''), { relax_column_count: true, skip_empty_lines: true, raw: true }) as Array<{
    record: string[];
    raw: string;
  }>;
  const header = records[0];
  if (!header) return text;
  const fileCol = header.record.findIndex((h) => h.trim().toLowerCase() === 'file');
  const rows = records.slice(1).filter((r) => files.has((r.record[fileCol] ?? '').trim().replace(/^\.\//, '')));
  return [header, ...rows].map((r) => r.raw.replace(/\r?\n$/, '')).join('\n') + '\n';
}

async function writePassages(documents: readonly LibraryDocument[], file: string): Promise<void> {
  const out = createWriteStream(file, 'utf8');
  for (const d of documents) {
    const year = d.meta.date ? Number(d.meta.date.slice(0, 4)) : undefined;
    for (const p of d.passages) {
      const row: { id: string; text: string; country?: string; year?: number } = { id: p.id, text: p.text };
      if (d.meta.country) row.country = d.meta.country;
      if (year !== undefined && Number.isFinite(year)) row.year = year;
      if (!out.write(JSON.stringify(row) + '\n')) await new Promise<void>((r) => out.once('drain', () => r()));
    }
  }
  await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
}

// ---------------------------------------------------------------- engines

interface VerbatimBuildOut {
  logged: string[];
  buildMs: number;
  fromCache: boolean;
  passages: number;
  peakRssBuildMb: number;
}
interface VerbatimQueryOut {
  fromCache: boolean;
  reason?: string;
  logged: string[];
  passages: number;
  openMs: number;
  firstQueryMs: number;
  firstAnswerEpochMs: number;
  sinceProcessStartMs: number;
  peakRssLoadMb: number;
  peakRssQueryMb: number;
  peakResetWorked: boolean;
  partialAnswers: number;
  queryErrors: { kind: string; n: number; message: string }[];
  samples: Sample[];
}

async function benchVerbatim(dataDir: string, cachePath: string, queriesFile: string, opts: BenchOptions): Promise<EngineResult> {
  // Verbatim runs compiled, as `npm start` runs the bot (tsx would add 1–2 s of start-up to the cold start).
  opts.log('verbatim: compiling (npm run build) …');
  const built = await runChild('npm', ['run', 'build', '--silent']);
  if (built.code !== 0) throw new Error(`npm run build failed (exit ${built.code}):\n${built.stderr}`);
  const child = path.join(REPO_ROOT, 'dist/bench/verbatim-child.js');
  const tag = path.basename(cachePath, '.cache');
  const buildOut = path.join(opts.workDir, `${tag}-build.json`);
  opts.log(`verbatim: building the index from scratch (${path.basename(dataDir)}) …`);
  const b = await runChild(process.execPath, [child, 'build', dataDir, cachePath, buildOut]);
  if (b.code !== 0) throw new Error(`verbatim build failed (exit ${b.code}):\n${b.stderr}`);
  const build = JSON.parse(readFileSync(buildOut, 'utf8')) as VerbatimBuildOut;
  opts.log(`verbatim: built in ${round(build.buildMs / 1000, 2)} s, peak RSS ${build.peakRssBuildMb} MB; cold start and queries …`);

  const queryOut = path.join(opts.workDir, `${tag}-query.json`);
  const q = await runChild(process.execPath, [child, 'query', dataDir, cachePath, queryOut, queriesFile, String(opts.repeat), String(opts.warmup)]);
  if (q.code !== 0) throw new Error(`verbatim queries failed (exit ${q.code}):\n${q.stderr}`);
  const run = JSON.parse(readFileSync(queryOut, 'utf8')) as VerbatimQueryOut;

  const notes: string[] = [];
  if (!run.fromCache) {
    notes.push(`the query process did not open from the cache (${run.reason ?? 'no reason given'}): cold start includes indexing`);
    for (const l of build.logged.filter((x) => x.startsWith('warn'))) notes.push(`build process: ${l.slice(0, 300)}`);
  }
  if (build.fromCache) notes.push('the build process reported fromCache: build time is not a fresh build');
  if (run.partialAnswers) notes.push(`${run.partialAnswers} answers were cut short by the time budget (partial)`);
  if (run.queryErrors.length)
    notes.push(
      `${run.queryErrors.length} queries were refused: ${run.queryErrors
        .slice(0, 3)
        .map((e) => `${e.kind}#${e.n} "${e.message}"`)
        .join('; ')}`,
    );
  if (!run.peakResetWorked) notes.push('peak RSS could not be reset between phases: the query peak includes loading');
  notes.push(
    `cold start ${round((run.firstAnswerEpochMs - q.spawnEpochMs) / 1000, 2)} s = process and module start ${round((run.sinceProcessStartMs - run.openMs - run.firstQueryMs) / 1000, 2)} s + openLibrary ${round(run.openMs / 1000, 2)} s + first query ${round(run.firstQueryMs, 1)} ms (spawn overhead is the rest)`,
  );
  return {
    engine: 'verbatim',
    label: 'Verbatim (openLibrary, INDEX_OPTIONS)',
    passages: run.passages,
    buildS: round(build.buildMs / 1000, 2),
    coldStartS: round((run.firstAnswerEpochMs - q.spawnEpochMs) / 1000, 3),
    openMs: round(run.openMs, 1),
    rss: { buildMb: build.peakRssBuildMb, loadMb: run.peakRssLoadMb, queryMb: run.peakRssQueryMb },
    latency: perKind(run.samples),
    overall: summarize(run.samples.map((s) => s.ms)),
    notes,
  };
}

/** A heap large enough for MiniSearch's index of the whole corpus (the default limit is smaller). */
const MINISEARCH_NODE_FLAGS = ['--expose-gc', '--max-old-space-size=12288'];

interface MiniSearchOut {
  saved?: { ok: boolean; bytes?: number; error?: string };
  passages: number;
  buildMs: number;
  peakRssBuildMb: number;
  heapMb: number;
  peakRssQueryMb: number;
  peakResetWorked: boolean;
  samples: Sample[];
}

async function benchMiniSearch(passagesFile: string, queriesFile: string, opts: BenchOptions): Promise<EngineResult> {
  opts.log('minisearch (default options): building and querying …');
  const out = path.join(opts.workDir, `minisearch-${opts.size}.json`);
  const saveFile = path.join(opts.workDir, `minisearch-${opts.size}.index.json`);
  const child = path.join(REPO_ROOT, 'bench/minisearch-child.ts');
  const node = [...MINISEARCH_NODE_FLAGS, '--import', 'tsx', child];
  const r = await runChild(process.execPath, [...node, 'build', passagesFile, queriesFile, out, String(opts.repeat), String(opts.warmup), saveFile]);
  if (r.code !== 0) throw new Error(`minisearch bench failed (exit ${r.code}):\n${r.stderr}`);
  const m = JSON.parse(readFileSync(out, 'utf8')) as MiniSearchOut;
  const notes = ['phrase queries run as AND of their words (MiniSearch has no phrases)', 'filters applied after scoring (filter option)'];
  if (!m.peakResetWorked) notes.push('peak RSS could not be reset between phases: the query peak includes building');
  let cold: { coldStartS: number; openMs: number; loadMb: number } | undefined;
  if (m.saved?.ok) {
    opts.log('minisearch: cold start (loadJSON of the saved index) …');
    const loadOut = path.join(opts.workDir, 'minisearch-load.json');
    const l = await runChild(process.execPath, [...node, 'load', saveFile, queriesFile, loadOut]);
    if (l.code === 0) {
      const lo = JSON.parse(readFileSync(loadOut, 'utf8')) as { openMs: number; firstAnswerEpochMs: number; peakRssLoadMb: number };
      cold = { coldStartS: round((lo.firstAnswerEpochMs - l.spawnEpochMs) / 1000, 3), openMs: round(lo.openMs, 1), loadMb: lo.peakRssLoadMb };
      notes.push(`cold start: loadJSON of the saved index (${round((m.saved.bytes ?? 0) / 1048576, 1)} MB of JSON) in a new process, then one query`);
    } else notes.push(`cold start failed: ${l.stderr.trim().split('\n').slice(-1)[0] ?? ''}`);
    rmSync(saveFile, { force: true });
  } else notes.push(`cold start not measured: the index could not be saved (${m.saved?.error ?? 'not attempted'})`);
  return {
    engine: 'minisearch',
    label: "MiniSearch 7 defaults (fields ['text'])",
    passages: m.passages,
    buildS: round(m.buildMs / 1000, 2),
    coldStartS: cold?.coldStartS ?? null,
    openMs: cold?.openMs ?? null,
    rss: { buildMb: m.peakRssBuildMb, loadMb: cold?.loadMb ?? null, queryMb: m.peakRssQueryMb },
    heapMb: m.heapMb,
    latency: perKind(m.samples),
    overall: summarize(m.samples.map((s) => s.ms)),
    notes,
  };
}

/** The python that can `import xapian` (the system one, not a pyenv shim), installing it on request. */
export function findXapianPython(opts: Pick<BenchOptions, 'install' | 'log'>): string | undefined {
  const candidates = ['/usr/bin/python3', 'python3'];
  const probe = () => candidates.find((py) => spawnSync(py, ['-c', 'import xapian'], { stdio: 'ignore' }).status === 0);
  const found = probe();
  if (found || !opts.install) return found;
  opts.log(`installing python3-xapian: ${XAPIAN_INSTALL}`);
  const r = spawnSync('sh', ['-c', XAPIAN_INSTALL], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  return r.status === 0 ? probe() : undefined;
}

interface XapianBuildOut {
  passages: number;
  buildMs: number;
  peakRssMb: number;
  indexBytes: number;
  spelling: boolean;
}
interface XapianQueryOut {
  openMs: number;
  firstAnswerEpochMs: number;
  peakRssLoadMb: number;
  peakRssQueryMb: number;
  peakResetWorked: boolean;
  samples: Sample[];
  xapian: string;
}

async function benchXapian(python: string, passagesFile: string, queriesFile: string, opts: BenchOptions): Promise<EngineResult> {
  const script = path.join(REPO_ROOT, 'bench/xapian_bench.py');
  const dbDir = path.join(opts.workDir, `xapian-${opts.size}.db`);
  opts.log('xapian: building the on-disk index …');
  const b = await runChild(python, [script, 'build', passagesFile, dbDir], { captureStdout: true });
  if (b.code !== 0) throw new Error(`xapian build failed (exit ${b.code}):\n${b.stderr}`);
  const build = JSON.parse(b.stdout) as XapianBuildOut;
  opts.log(`xapian: built in ${round(build.buildMs / 1000, 2)} s; cold start and queries …`);
  const q = await runChild(python, [script, 'query', dbDir, queriesFile, '--repeat', String(opts.repeat), '--warmup', String(opts.warmup)], {
    captureStdout: true,
  });
  if (q.code !== 0) throw new Error(`xapian queries failed (exit ${q.code}):\n${q.stderr}`);
  const run = JSON.parse(q.stdout) as XapianQueryOut;
  return {
    engine: 'xapian',
    label: `Xapian ${run.xapian} (BM25, english stemmer, STEM_SOME)`,
    passages: build.passages,
    buildS: round(build.buildMs / 1000, 2),
    coldStartS: round((run.firstAnswerEpochMs - q.spawnEpochMs) / 1000, 3),
    openMs: run.openMs,
    rss: { buildMb: build.peakRssMb, loadMb: run.peakRssLoadMb, queryMb: run.peakRssQueryMb },
    latency: perKind(run.samples),
    overall: summarize(run.samples.map((s) => s.ms)),
    notes: [
      `index on disk: ${round(build.indexBytes / 1048576, 1)} MB${build.spelling ? ', with spelling data' : ''}`,
      'typo kind: QueryParser spelling correction, then the corrected query',
      'no stop words (QueryParser default)',
    ],
  };
}

function perKind(samples: readonly Sample[]): Partial<Record<Kind, KindResult>> {
  const out: Partial<Record<Kind, KindResult>> = {};
  for (const kind of KINDS) {
    const mine = samples.filter((s) => s.kind === kind);
    if (!mine.length) continue;
    const firstPass = new Map<number, Sample>();
    for (const s of mine) if (!firstPass.has(s.n)) firstPass.set(s.n, s);
    const zeroHits = [...firstPass.values()].filter((s) => s.total <= 0).length;
    out[kind] = { ...summarize(mine.map((s) => s.ms)), zeroHits };
  }
  return out;
}

// ---------------------------------------------------------------- targets (issue 4)

const CORE_KINDS: readonly Kind[] = ['or', 'and', 'phrase', 'country', 'years'];

/** The speed and memory targets of issue 4, checked on Verbatim's figures. */
export function checkTargets(r: BenchResults): TargetCheck[] {
  const v = r.engines.verbatim;
  const x = r.engines.xapian;
  if (!v) return [];
  const out: TargetCheck[] = [];
  const ms = (n: number) => `${n} ms`;
  for (const k of CORE_KINDS) {
    const l = v.latency[k];
    if (!l) continue;
    out.push({ target: `${k}: p50 ≤ 15 ms`, value: ms(l.p50), pass: l.p50 <= 15 });
    out.push({ target: `${k}: p99 ≤ 100 ms`, value: ms(l.p99), pass: l.p99 <= 100 });
    const xl = x?.latency[k];
    out.push(
      xl
        ? { target: `${k}: p99 ≤ 8× Xapian p99`, value: `${ms(l.p99)} vs 8 × ${ms(xl.p99)} (${ratio(l.p99, xl.p99)}×)`, pass: l.p99 <= 8 * xl.p99 }
        : { target: `${k}: p99 ≤ 8× Xapian p99`, value: 'Xapian not run', pass: null },
    );
  }
  const typo = v.latency.typo;
  if (typo) out.push({ target: 'typo: p99 ≤ 250 ms', value: ms(typo.p99), pass: typo.p99 <= 250 });
  out.push({ target: 'every query ≤ 1 s (max)', value: ms(v.overall.max), pass: v.overall.max <= 1000 });
  if (r.corpus.size === 'full') {
    out.push({ target: 'cold start ≤ 5 s (whole library)', value: `${v.coldStartS} s`, pass: v.coldStartS !== null && v.coldStartS <= 5 });
  }
  const peak = Math.max(v.rss.buildMb ?? 0, v.rss.loadMb ?? 0, v.rss.queryMb ?? 0);
  out.push({ target: 'peak RSS ≤ 2.5 GB (build, load, queries)', value: `${peak} MB`, pass: peak <= 2560 });
  const small = r.corpus.size === 'small' ? { passages: r.corpus.passages, coldStartS: v.coldStartS ?? Number.NaN } : r.smallColdStart;
  out.push(
    small
      ? { target: '10k-passage library cold start ≤ 1 s', value: `${small.coldStartS} s (${small.passages} passages)`, pass: small.coldStartS <= 1 }
      : { target: '10k-passage library cold start ≤ 1 s', value: 'not run', pass: null },
  );
  return out;
}

// ---------------------------------------------------------------- helpers

/** a / b to two significant-ish decimals, as text ("–" when either is missing). */
export function ratio(a: number | null | undefined, b: number | null | undefined): string {
  if (a == null || b == null || !Number.isFinite(a) || !Number.isFinite(b) || b === 0) return '–';
  const r = a / b;
  return r >= 10 ? r.toFixed(0) : r >= 1 ? r.toFixed(1) : r.toFixed(2);
}

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

interface ChildResult {
  code: number | null;
  stdout: string;
  stderr: string;
  /** Wall-clock (epoch ms, high resolution) just before the process was spawned. */
  spawnEpochMs: number;
}

function runChild(cmd: string, args: string[], opts: { captureStdout?: boolean; inheritOutput?: boolean } = {}): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const spawnEpochMs = epochMs();
    const child = spawn(cmd, args, {
      cwd: REPO_ROOT,
      stdio: opts.inheritOutput ? 'inherit' : ['ignore', opts.captureStdout ? 'pipe' : 'ignore', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout?.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr?.setEncoding('utf8').on('data', (d: string) => {
      stderr = (stderr + d).slice(-20_000);
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr, spawnEpochMs }));
  });
}
