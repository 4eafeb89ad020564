/**
 * One live update's work, as the update worker thread runs it (./live-worker.ts; the watcher in
 * ./live.ts starts one per update): rescan the library, compare with the files the served index
 * reflects, load the added and changed files, load the served index from its file, apply the change
 * (src/index/update.ts), and write the result atomically to the index cache (or, when the cache
 * cannot be written, to a private temporary file). What goes back to the serving thread is the new
 * file's bytes before the passage text (one transferable buffer) and where the text is: the serving
 * thread opens the file and keeps the text on disk, as after opening the library (./open.ts).
 * Nothing of it runs on the thread that answers queries. No discord.js, pino or dotenv here.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import {
  closeExtractors,
  createLoadContext,
  fileKind,
  isPassageLimit,
  loadFiles,
  orphanProblems,
  scanLibrary,
  passageLimitProblem,
  SIDECAR,
  type ScannedFile,
} from '../ingest/load-library.ts';
import { isLostId } from '../ingest/document-id.ts';
import { parseManifest } from '../ingest/metadata.ts';
import {
  diffFiles,
  fileEntries,
  libraryFingerprint,
  loadCache,
  saveCacheForHandover,
  type FileEntry,
  type FileIdentity,
  type WrittenCache,
} from '../index/cache.ts';
import type { LibraryStore } from '../index/store.ts';
import { applyChange } from '../index/update.ts';
import { prepareEngine, type EnginePrepared } from '../search/engine.ts';
import { MAX_PASSAGES, type ExtractLimits, type IngestReport, type LibraryDocument, type Problem } from '../types.ts';

/** Per document file, what loading it reported (skipped and warnings, incl. its sidecar and manifest row). */
export type FileProblems = { skipped: Problem[]; warnings: Problem[] };

/** What the update worker is given (structured-cloned to it). */
export interface UpdateJob {
  dataDir: string;
  /** The file holding the index being served; `trusted`: this process checked it, it is that file (no checksum again). */
  source: { path: string; trusted?: FileIdentity };
  /** The library files the served index reflects (as the source file's header records them). */
  files: FileEntry[];
  /** Problems per document file, as the last update left them (absent: derived from the source's report). */
  perFile?: Array<[string, FileProblems]>;
  limits?: Partial<ExtractLimits>;
  /** Where the updated index goes: the index cache (absent: no cache configured)… */
  cachePath?: string;
  /** … or, when that cannot be written, this private temporary file. */
  fallbackPath: string;
}

/** What one live update changed. Paths are document files relative to the library root. */
export interface UpdateChanges {
  added: string[];
  /** Files whose content, sidecar or manifest row changed. */
  changed: string[];
  removed: string[];
  /** Problems with the files just loaded (the file is not indexed). */
  skipped: Problem[];
  /** Library size after the update. */
  documents: number;
  passages: number;
}

/** What the update worker sends back. */
export type UpdateResult =
  | { type: 'unchanged' }
  | (UpdateChanges & {
      type: 'done';
      /** The file now holding the updated index (the cache, or `fallbackPath`), and its bytes before the text. */
      path: string;
      written: WrittenCache;
      /** What building the engine needs beyond the index (computed here, not on the serving thread). */
      prepared: EnginePrepared;
      /** Why the cache could not be written (the update went to `fallbackPath`). */
      cacheError?: string;
      files: FileEntry[];
      perFile: Array<[string, FileProblems]>;
    })
  | {
      type: 'error';
      message: string;
      /** `scan`: reading the folder failed (retried at the next event); `apply`: the index could not be updated (rebuild it). */
      stage: 'scan' | 'apply';
      what?: { added: string[]; changed: string[]; removed: string[] };
    };

/** Runs `job`. Never throws: failures come back as `{ type: 'error' }`. */
export async function runUpdateJob(job: UpdateJob): Promise<UpdateResult> {
  const root = job.dataDir;
  let scan: ScannedFile[];
  let plan: ReturnType<typeof planUpdate>;
  try {
    scan = await scanLibrary(root);
    plan = planUpdate(job.files, scan);
  } catch (err) {
    return { type: 'error', stage: 'scan', message: messageOf(err) };
  }
  if (!plan) return { type: 'unchanged' };
  const { files, added, changed, removed } = plan;
  const what = { added, changed, removed };
  // descriptors belong to the process, not to this thread: the source file is closed here, whatever happens
  let source: LibraryStore | undefined;
  try {
    // the served index, from its file (its text stays there until the splice reads it)
    const loaded = await loadCache(job.source.path, libraryFingerprint(job.files), job.source.trusted ? { trusted: job.source.trusted } : {});
    if ('reason' in loaded) throw new Error(`the served index could not be read from ${job.source.path}: ${loaded.reason}`);
    source = loaded.state.store;
    const perFile = job.perFile ? new Map(job.perFile) : await attribute(root, loaded.state.report, scan);
    // files that lost a document id to another file load again: that file may be leaving (see
    // src/ingest/document-id.ts); so do files left out for the passage limit: there may be room now
    const docsNow = new Set(scan.filter((f) => f.kind === 'document').map((f) => f.path));
    const rivals = [...perFile].filter(([p, f]) => docsNow.has(p) && f.skipped.some((s) => isLostId(s) || isPassageLimit(s))).map(([p]) => p);
    const reload = [...new Set([...plan.reload, ...rivals])].sort();
    let documents: LibraryDocument[] = [];
    let report: IngestReport;
    try {
      const ctx = createLoadContext(root, job.limits ? { limits: job.limits } : {}, scan);
      const results = await loadFiles(root, reload, { ...(job.limits ? { limits: job.limits } : {}), concurrency: 4 }, ctx);
      for (const p of removed) perFile.delete(p);
      // the passage limit (MAX_PASSAGES): files entering in path order while the library stays within it
      const maxPassages = job.limits?.maxPassages ?? MAX_PASSAGES;
      const leaving = new Set([...removed, ...reload]);
      let passages = loaded.state.store.docs.reduce((n, d) => (leaving.has(d.path) ? n : n + d.count), 0);
      for (const [i, p] of reload.entries()) {
        const r = results[i]!;
        const n = r.documents.reduce((sum, d) => sum + d.passages.length, 0);
        if (passages + n <= maxPassages) passages += n;
        else {
          r.documents = [];
          r.skipped.push(passageLimitProblem(p, maxPassages, n));
        }
        perFile.set(p, { skipped: r.skipped, warnings: r.warnings });
        documents.push(...r.documents);
      }
      report = assembleReport(perFile, await orphanProblems(ctx, scan));
    } finally {
      await closeExtractors();
    }
    const next = applyChange(loaded.state, { removedPaths: [...removed, ...reload], documents, report });
    documents = [];
    // duplicate ids found by the update belong to their file
    // (the documents of a file that stays may lose their id to an entering one)
    const reported = new Set(report.skipped);
    for (const s of next.report.skipped) {
      if (reported.has(s)) continue;
      const f = perFile.get(s.path);
      if (f) f.skipped.push(s);
      else perFile.set(s.path, { skipped: [s], warnings: [] });
    }
    let out = job.cachePath ?? job.fallbackPath;
    let written: WrittenCache;
    let cacheError: string | undefined;
    try {
      written = await saveCacheForHandover(out, next, files);
    } catch (err) {
      if (out === job.fallbackPath) throw err;
      cacheError = messageOf(err);
      out = job.fallbackPath;
      written = await saveCacheForHandover(out, next, files);
    }
    const result: UpdateResult = {
      type: 'done',
      path: out,
      written,
      prepared: prepareEngine(next),
      files,
      perFile: [...perFile],
      ...what,
      skipped: reload.flatMap((p) => perFile.get(p)?.skipped ?? []),
      documents: next.report.documents,
      passages: next.report.passages,
    };
    if (cacheError !== undefined) result.cacheError = cacheError;
    return result;
  } catch (err) {
    return { type: 'error', stage: 'apply', message: messageOf(err), what };
  } finally {
    source?.release();
  }
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/**
 * What changed between the files the index reflects and the scan: document files added, changed
 * (content, sidecar or manifest row) and removed, and the files to load again; null when nothing did.
 */
export function planUpdate(
  before: readonly FileEntry[],
  scan: readonly ScannedFile[],
): { files: FileEntry[]; added: string[]; changed: string[]; removed: string[]; reload: string[] } | null {
  const files = fileEntries(scan);
  const diff = diffFiles(before, files);
  if (!diff.added.length && !diff.changed.length && !diff.removed.length) return null;
  const docsNow = new Set(scan.filter((f) => f.kind === 'document').map((f) => f.path));
  const docsBefore = new Set(before.map((f) => f[0]).filter((p) => fileKind(p) === 'document'));
  const added = diff.added.filter((p) => fileKind(p) === 'document');
  const removed = diff.removed.filter((p) => fileKind(p) === 'document');
  const changed = new Set(diff.changed.filter((p) => fileKind(p) === 'document'));
  // sidecar and manifest changes → the documents they describe
  for (const p of [...diff.added, ...diff.changed, ...diff.removed]) {
    const kind = fileKind(p);
    if (kind === 'sidecar') {
      const target = p.slice(0, -SIDECAR.length);
      if (docsNow.has(target) && docsBefore.has(target)) changed.add(target);
    } else if (kind === 'manifest') {
      const folder = path.posix.dirname(p);
      for (const d of docsNow) if (path.posix.dirname(d) === folder && docsBefore.has(d)) changed.add(d);
    }
  }
  const reload = [...added, ...[...changed].filter((p) => !added.includes(p))].sort();
  return { files, added, changed: [...changed].sort(), removed, reload };
}

/**
 * Splits a full build's report into per-file problems (by the file they concern: the document,
 * its sidecar, its manifest row); the rest (orphan sidecars and rows, manifest problems) is
 * recomputed on every update.
 */
async function attribute(root: string, report: IngestReport, scan: readonly ScannedFile[]): Promise<Map<string, FileProblems>> {
  const docs = new Set(scan.filter((f) => f.kind === 'document').map((f) => f.path));
  const rows = new Map<string, Map<number, string>>();
  for (const f of scan) {
    if (f.kind !== 'manifest') continue;
    const folder = path.posix.dirname(f.path);
    try {
      const { rows: parsed } = parseManifest(await readFile(path.join(root, f.path), 'utf8'), f.path);
      rows.set(f.path, new Map(parsed.map((r) => [r.line, folder === '.' ? r.file : `${folder}/${r.file}`])));
    } catch {
      // unreadable: its problems are recomputed
    }
  }
  const owner = (p: Problem): string | undefined => {
    if (docs.has(p.path)) return p.path;
    if (p.path.endsWith(SIDECAR)) {
      const target = p.path.slice(0, -SIDECAR.length);
      return docs.has(target) ? target : undefined;
    }
    if (p.line !== undefined && !/^manifest row for a file that does not exist/.test(p.reason)) {
      const target = rows.get(p.path)?.get(p.line);
      return target !== undefined && docs.has(target) ? target : undefined;
    }
    return undefined;
  };
  const out = new Map<string, FileProblems>();
  const bucket = (p: string): FileProblems => {
    let b = out.get(p);
    if (!b) out.set(p, (b = { skipped: [], warnings: [] }));
    return b;
  };
  for (const s of report.skipped) {
    const o = owner(s);
    if (o) bucket(o).skipped.push(s);
  }
  for (const w of report.warnings) {
    const o = owner(w);
    if (o) bucket(o).warnings.push(w);
  }
  return out;
}

/** The library report from per-file problems (in path order) and the library-wide ones. */
function assembleReport(perFile: ReadonlyMap<string, FileProblems>, orphans: Problem[]): IngestReport {
  const skipped: Problem[] = [];
  const warnings: Problem[] = [];
  for (const p of [...perFile.keys()].sort()) {
    const f = perFile.get(p)!;
    skipped.push(...f.skipped);
    warnings.push(...f.warnings);
  }
  warnings.push(...orphans);
  // counts are set by the engine update
  return { documents: 0, passages: 0, skipped, warnings };
}
