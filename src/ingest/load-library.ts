/**
 * The one module of the ingest step that reads the disk: a library folder → documents → passages,
 * with a report of what was skipped and why. See data/README.md for the contract.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type {
  DocumentMeta,
  ExtractLimits,
  ExtractedDocument,
  ExtractedParagraph,
  Extraction,
  Extractor,
  IngestReport,
  LibraryDocument,
  Problem,
} from '../types.ts';
import { MAX_PASSAGES } from '../types.ts';
import { normalizeCountry } from './country.ts';
import { decodeText } from './decode.ts';
import { fileDocumentId, resolveDocumentIds } from './document-id.ts';
import { closeExtractorWorkers, extractIsolated, parseTime } from './formats/worker-pool.ts';
import { extractMarkdown, extractStatementsJson, extractStatementsJsonl, extractText } from './formats/text-files.ts';
import { cleanMeta, mergeMeta, parseManifest, type ManifestRow, type MetaSource } from './metadata.ts';
import { toPassages, type PassageOptions } from './passages.ts';
import { attributeStatements, statementRanges, type AttributedParagraph } from './statements.ts';
import { offsetIn, takeSlicePages } from './page-breaks.ts';
import { closingText, unDocumentDate } from './formats/un-date.ts';
import { generalAssemblySession } from './formats/symbol.ts';
import { reflow } from './reflow.ts';
import { callsItselfAStatement, linesAboveSpeech, readStatementHeading, speechStartInParagraph } from './statement-heading.ts';

/** Default limits for one file: 20 MB, 30 s. */
export const DEFAULT_LIMITS: ExtractLimits = { timeoutMs: 30_000, maxBytes: 20 * 1024 * 1024 };

/** Extractors that enforce the time limit themselves (in a worker they can terminate). */
const selfLimited = new WeakSet<Extractor>();
/** The text formats: synchronous, so they need no time limit, and read the file's bytes in place. */
const inProcess = new WeakSet<Extractor>();

/**
 * The default extractors, one per format: plain text, Markdown and statements files read
 * in-process (./formats/text-files.ts); PDF, Word, HTML and UN XML parsed off the main thread by
 * `extractIsolated` (src/ingest/formats), each file under the time and size limits. Call
 * {@link closeExtractors} when done (end of a CLI run, bot shutdown) so the worker threads stop.
 */
export const DEFAULT_EXTRACTORS: Readonly<Record<string, Extractor>> = Object.freeze({
  ...Object.fromEntries(
    Object.entries({ '.txt': extractText, '.md': extractMarkdown, '.json': extractStatementsJson, '.jsonl': extractStatementsJsonl }).map(
      ([ext, extractor]) => {
        inProcess.add(extractor);
        return [ext, extractor];
      },
    ),
  ),
  ...Object.fromEntries(
    ['.pdf', '.docx', '.doc', '.html', '.htm', '.xml'].map((ext) => {
      const extractor: Extractor = (bytes, relPath, limits) => extractIsolated(ext, bytes, relPath, limits);
      selfLimited.add(extractor);
      return [ext, extractor];
    }),
  ),
});

/** Stops the extractor worker threads (they are restarted on demand). */
export function closeExtractors(): Promise<void> {
  return closeExtractorWorkers();
}

/** One file as loaded: how long it took (its parser's time when it was parsed), and why it was skipped when it was. */
export interface FileProgress {
  path: string;
  ms: number;
  skipped?: string;
}

export interface LoadOptions {
  /** Files loaded at the same time (default 8). */
  concurrency?: number;
  /** Called after each file with (files done, files in total, that file). */
  onProgress?: (done: number, total: number, file?: FileProgress) => void;
  /**
   * Extractors for further formats, keyed by extension with the dot (".pdf", ".docx", ".html"),
   * added to (and overriding) {@link DEFAULT_EXTRACTORS}.
   */
  extractors?: Record<string, Extractor>;
  limits?: Partial<ExtractLimits>;
  /**
   * Called with each file's result in the order of the paths (once the files before it are done),
   * before it is kept: it may take the documents out (see the library's limit on passages).
   */
  onResult?: (result: FileResult, relPath: string) => void;
}

/** A file of the library as the scan sees it. */
export interface ScannedFile {
  /** Relative to the library root, `/` separators. */
  path: string;
  size: number;
  mtimeMs: number;
  /** `document` (a candidate to index), `sidecar` (`*.meta.json`) or `manifest` (`manifest.csv`). */
  kind: 'document' | 'sidecar' | 'manifest';
}

/** What loading one file gives. */
export interface FileResult {
  documents: LibraryDocument[];
  /** The file (or statements in it) could not be indexed. */
  skipped: Problem[];
  warnings: Problem[];
  /** Time its parser worked on it (PDF, Word, HTML), queueing for a worker left out. */
  parseMs?: number;
}

/** Shared state for loading files of one library: options and parsed manifests (cached per folder). */
export interface LoadContext {
  root: string;
  extractors: Record<string, Extractor>;
  limits: ExtractLimits;
  /** Manifests by folder ('' for the root), parsed on first use. */
  manifests: Map<string, Promise<{ rows: Map<string, ManifestRow>; problems: Problem[] }>>;
  /** Known sidecar paths when a scan was made; when absent, sidecars are looked up on disk. */
  sidecars?: Set<string>;
}

/** A document's sidecar is its path plus this suffix (`speech.txt.meta.json`). */
export const SIDECAR = '.meta.json';
/** The file name of a folder's manifest. */
export const MANIFEST = 'manifest.csv';

/** What a library file is, by its path or name: a sidecar, a manifest, or a candidate document. */
export function fileKind(relPath: string): ScannedFile['kind'] {
  return relPath.endsWith(SIDECAR) ? 'sidecar' : path.posix.basename(relPath) === MANIFEST ? 'manifest' : 'document';
}

/** A file or folder name the library scan never reads: dotfiles and dot-folders, `node_modules`. */
export function isIgnoredName(name: string): boolean {
  return name.startsWith('.') || name === 'node_modules';
}

/**
 * Files that describe a folder or its provenance, not statements: README, SOURCE(S), LICENSE,
 * LICENCE, CHANGELOG, CONTRIBUTING and AUTHORS, as Markdown or plain text
 * (README.md, SOURCE.md, LICENSE.txt), in any case. A corpus's SOURCE.md describing each file was
 * indexed as a statement, and ranked first for the symbols it lists ("A/RES/79/191").
 */
const FOLDER_NOTES = /^(?:readme|sources?|licen[cs]e|changelog|contributing|authors)(?:\.(?:md|markdown|txt))?$/i;
function isFolderNote(name: string): boolean {
  return FOLDER_NOTES.test(name);
}

/**
 * An IR test collection's queries: `queries.jsonl` in a folder holding `corpus.jsonl`, as BEIR and
 * ../shared/eval/ir lay a collection out. Its lines look like statements (`_id`, `text`) but are
 * the questions to run against the corpus (`npm run search -- --batch`); indexed, each query was
 * its own first hit.
 */
const COLLECTION_CORPUS = /^corpus\.jsonl$/i;
const COLLECTION_QUERIES = /^queries\.jsonl$/i;

function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}

/**
 * Lists the library's files, sorted by path: candidate documents, sidecars and manifests (so a
 * change to any of them can be detected). Skips dotfiles and dot-folders, `node_modules` and the
 * files describing a folder (README.md, SOURCE.md, LICENSE …: {@link isFolderNote}); a test
 * collection's queries beside its corpus are left out too, reported by {@link scanLibraryReport}.
 */
export async function scanLibrary(root: string): Promise<ScannedFile[]> {
  return (await scanLibraryReport(root)).files;
}

/**
 * {@link scanLibrary}, with what the scan could not take: a subfolder removed while it was being
 * scanned (the rest is indexed), symbolic links (not followed), FIFOs, sockets or devices, and a
 * test collection's queries file beside its corpus.
 */
export async function scanLibraryReport(root: string): Promise<{ files: ScannedFile[]; problems: Problem[] }> {
  const out: ScannedFile[] = [];
  const problems: Problem[] = [];
  async function walk(dir: string): Promise<void> {
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (dir === root || (code !== 'ENOENT' && code !== 'ENOTDIR')) throw err;
      problems.push({ path: toPosix(path.relative(root, dir)), reason: 'folder removed while the library was scanned: not indexed' });
      return;
    }
    const collection = entries.some((e) => e.isFile() && COLLECTION_CORPUS.test(e.name));
    for (const entry of entries) {
      if (isIgnoredName(entry.name)) continue;
      const full = path.join(dir, entry.name);
      if (collection && COLLECTION_QUERIES.test(entry.name)) {
        problems.push({
          path: toPosix(path.relative(root, full)),
          reason: 'the queries of a test collection (corpus.jsonl beside it), not statements: not indexed (run them with --batch)',
        });
        continue;
      }
      if (entry.isDirectory()) {
        await walk(full);
        continue;
      }
      if (isFolderNote(entry.name)) continue;
      if (entry.isSymbolicLink()) {
        problems.push({ path: toPosix(path.relative(root, full)), reason: 'symbolic link: not followed (copy the file into the library instead)' });
        continue;
      }
      if (!entry.isFile()) {
        const what = entry.isFIFO() ? 'a FIFO' : entry.isSocket() ? 'a socket' : 'a device';
        problems.push({ path: toPosix(path.relative(root, full)), reason: `not a regular file (${what}): not read` });
        continue;
      }
      let info;
      try {
        info = await stat(full);
      } catch {
        continue; // removed while scanning
      }
      const rel = toPosix(path.relative(root, full));
      out.push({ path: rel, size: info.size, mtimeMs: info.mtimeMs, kind: fileKind(entry.name) });
    }
  }
  await walk(root);
  out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { files: out, problems };
}

/** Creates the context `loadFile` needs. Pass the scan when there is one (saves disk look-ups). */
export function createLoadContext(root: string, opts: LoadOptions = {}, scan?: readonly ScannedFile[]): LoadContext {
  const ctx: LoadContext = {
    root,
    extractors: {
      ...DEFAULT_EXTRACTORS,
      ...Object.fromEntries(Object.entries(opts.extractors ?? {}).map(([k, v]) => [normalizeExt(k), v])),
    },
    limits: { ...DEFAULT_LIMITS, ...opts.limits },
    manifests: new Map(),
  };
  if (scan) ctx.sidecars = new Set(scan.filter((f) => f.kind === 'sidecar').map((f) => f.path));
  return ctx;
}

function normalizeExt(ext: string): string {
  const e = ext.toLowerCase();
  return e.startsWith('.') ? e : `.${e}`;
}

function manifestFor(ctx: LoadContext, folder: string): Promise<{ rows: Map<string, ManifestRow>; problems: Problem[] }> {
  let entry = ctx.manifests.get(folder);
  if (!entry) {
    const rel = folder ? `${folder}/${MANIFEST}` : MANIFEST;
    entry = readFile(path.join(ctx.root, rel)).then(
      (bytes) => {
        // a manifest saved as UTF-16 (Excel's "Unicode text") or Windows-1252 reads as well as UTF-8
        let text: string;
        try {
          text = decodeText(bytes).text;
        } catch (e) {
          return { rows: new Map<string, ManifestRow>(), problems: [{ path: rel, reason: `manifest.csv cannot be read: ${(e as Error).message}` }] };
        }
        const { rows, problems } = parseManifest(text, rel);
        return { rows: new Map(rows.map((r) => [r.file, r])), problems };
      },
      (e: NodeJS.ErrnoException) =>
        e.code === 'ENOENT'
          ? { rows: new Map<string, ManifestRow>(), problems: [] }
          : { rows: new Map<string, ManifestRow>(), problems: [{ path: rel, reason: `manifest.csv cannot be read: ${e.message}` }] },
    );
    ctx.manifests.set(folder, entry);
  }
  return entry;
}

function formatMB(bytes: number): string {
  // below 0.05 MB, "0.0 MB" says nothing
  return bytes < 52_429 ? `${Math.ceil(bytes / 1024)} KB` : `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** Metadata from the file's sidecar and manifest row, in precedence order (sidecar first). */
async function externalMeta(ctx: LoadContext, relPath: string, warnings: Problem[]): Promise<MetaSource[]> {
  const sources: MetaSource[] = [];
  const sidecarPath = relPath + SIDECAR;
  if (!ctx.sidecars || ctx.sidecars.has(sidecarPath)) {
    try {
      const raw = JSON.parse(await readFile(path.join(ctx.root, sidecarPath), 'utf8')) as unknown;
      if (raw && typeof raw === 'object' && !Array.isArray(raw)) {
        const meta = cleanMeta(raw as Record<string, unknown>, (reason) => warnings.push({ path: sidecarPath, reason }));
        sources.push({ label: `sidecar ${path.posix.basename(sidecarPath)}`, meta });
      } else {
        warnings.push({ path: sidecarPath, reason: 'sidecar is not a JSON object; ignored' });
      }
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') {
        warnings.push({ path: sidecarPath, reason: `sidecar cannot be read (${(e as Error).message}); ignored` });
      }
    }
  }
  const folder = path.posix.dirname(relPath) === '.' ? '' : path.posix.dirname(relPath);
  const manifest = await manifestFor(ctx, folder);
  const row = manifest.rows.get(path.posix.basename(relPath));
  if (row) {
    const manifestPath = folder ? `${folder}/${MANIFEST}` : MANIFEST;
    const meta = cleanMeta(row.fields, (reason) => warnings.push({ path: manifestPath, line: row.line, reason }));
    sources.push({ label: `manifest.csv line ${row.line}`, meta });
  }
  return sources;
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`gave up after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Loads one file of the library: read → extract (the format's extractor) → merge metadata (the
 * file's own, its sidecar, its manifest row) → split into passages. Gives its documents (one, or
 * one per statement in .json/.jsonl), plus what was skipped or ignored. Never throws for bad input.
 */
export async function loadFile(root: string, relPath: string, ctx: LoadContext = createLoadContext(root)): Promise<FileResult> {
  const result: FileResult = { documents: [], skipped: [], warnings: [] };
  const problem = (reason: string, line?: number): Problem => (line !== undefined ? { path: relPath, line, reason } : { path: relPath, reason });
  const skip = (reason: string, line?: number): FileResult => {
    result.skipped.push(problem(reason, line));
    return result;
  };
  const ext = path.posix.extname(relPath).toLowerCase();
  const extractor = ctx.extractors[ext];
  if (!extractor) return skip(`unsupported format ${ext || '(no extension)'}`);

  // read
  const full = path.join(root, relPath);
  let bytes: Buffer;
  try {
    const info = await stat(full);
    if (info.size > ctx.limits.maxBytes) {
      return skip(`file is ${formatMB(info.size)}, over the ${formatMB(ctx.limits.maxBytes)} limit`);
    }
    if (info.size === 0) return skip('empty file');
    bytes = await readFile(full);
  } catch (e) {
    return skip(`cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  const external = await externalMeta(ctx, relPath, result.warnings);

  // extract
  let extraction: Extraction;
  try {
    if (inProcess.has(extractor)) extraction = await extractor(bytes, relPath, ctx.limits);
    else {
      const running = extractor(new Uint8Array(bytes), relPath, ctx.limits);
      extraction = await (selfLimited.has(extractor) ? running : withTimeout(running, ctx.limits.timeoutMs));
      const ms = Array.isArray(extraction) ? undefined : parseTime(extraction);
      if (ms !== undefined) result.parseMs = ms;
    }
  } catch (e) {
    const line = (e as { line?: unknown }).line;
    return skip((e as Error).message || 'could not be read', typeof line === 'number' ? line : undefined);
  }

  // merge metadata, split
  const baseId = fileDocumentId(relPath);
  for (const item of Array.isArray(extraction) ? extraction : [extraction]) {
    if ('problem' in item) {
      (item.warning ? result.warnings : result.skipped).push(problem(item.problem, item.line));
      continue;
    }
    const meta = mergedMeta(item, external, (reason, line) => result.warnings.push(problem(reason, line)));
    const paragraphs = item.paragraphs ?? reflow(item.text ?? '').map((text) => ({ text }));
    // a heading is read where the format carries no author's metadata (PDF, Word, HTML, plain text files)
    const heading = !item.authored || item.authored.label === 'the file itself';
    const doc = buildDocument(item.id ?? baseId, relPath, meta, paragraphs, { heading });
    if (doc) result.documents.push(doc);
    else result.skipped.push(problem('no text', item.line));
  }
  return result;
}

/**
 * Paragraphs → the document: split into speakers' statements when it is a record (or a report
 * narrating statements; see ./statements.ts), then into passages. A record's masthead fills the
 * meeting, session and date when no metadata gives them, and a General Assembly symbol its session.
 * Undefined when there is no text.
 */
export function buildDocument(
  id: string,
  relPath: string,
  meta: DocumentMeta,
  paragraphs: readonly ExtractedParagraph[],
  opts: { heading?: boolean } = {},
): LibraryDocument | undefined {
  const attributed = attributeStatements(meta, paragraphs);
  const rec = attributed.record;
  // a delegation's statement: who spoke, for which country, when, from its heading
  if (opts.heading && !rec && attributed.statements.length === 0 && meta.symbol === undefined) fillFromHeading(meta, paragraphs, relPath);
  // a resolution's or report's date from its opening lines ("adopted by … on 2 July 2018"), where
  // its format's extractor found none
  if (!rec && meta.date === undefined) {
    const date = unDocumentDate(
      meta.symbol,
      paragraphs
        .slice(0, 20)
        .map((p) => p.text)
        .join('\n'),
      closingText(paragraphs),
    );
    if (date) meta.date = date;
  }
  if (rec) {
    if (meta.date === undefined && rec.date) meta.date = rec.date;
    if (meta.session === undefined && rec.session) meta.session = rec.session;
    if (meta.meeting === undefined && (rec.body || rec.meeting)) meta.meeting = [rec.body, rec.meeting].filter(Boolean).join(', ');
  }
  // a General Assembly document's session from its symbol (A/80/590, A/RES/79/157)
  if (meta.session === undefined && meta.symbol !== undefined) {
    const session = generalAssemblySession(meta.symbol);
    if (session) meta.session = session;
  }
  const passageOpts: PassageOptions = {};
  if (meta.date) passageOpts.date = meta.date;
  if (meta.dateEnd) passageOpts.dateEnd = meta.dateEnd;
  // a speech's opening lines (letterhead, motto, title, place and date) are no section of it, and
  // no words of its speaker
  let body = attributed.paragraphs;
  // a statement's heading (it calls itself one) is no one's words; a speech's lines above its
  // salutation that are no such heading are its speaker's, and no paragraph is cut for them
  let statement = false;
  if (!rec && attributed.statements.length === 0) {
    statement = callsItselfAStatement(body, relPath);
    if (statement) body = withSpeechApart(body);
    const above = linesAboveSpeech(body);
    if (above > 0) passageOpts.aboveSpeech = above;
  }
  const passages = toPassages(id, body, passageOpts);
  if (passages.length === 0) return undefined;
  const statements = statementRanges(attributed.statements, passages);
  const footnotes = passages.filter((p) => p.footnote).map((p) => p.ordinal);
  const footnoteMarks = passages.filter((p) => p.footnote).map((p) => p.footnoteMark ?? '');
  const heading = passages.findIndex((p) => !p.aboveSpeech);
  for (const p of passages) {
    delete p.statement;
    delete p.footnote;
    delete p.footnoteMark;
    delete p.aboveSpeech;
  }
  const doc: LibraryDocument = { id, path: relPath, meta, passages };
  if (statements.length) doc.statements = statements;
  if (footnotes.length) doc.footnotes = footnotes;
  if (footnoteMarks.some(Boolean)) doc.footnoteMarks = footnoteMarks;
  if (statement && meta.speaker !== undefined && heading > 0) doc.heading = heading;
  return doc;
}

/**
 * The paragraphs with the one holding a speech's salutation cut where it starts, when a heading runs
 * into it ("… 26 أيلول 2024 سعادة السيد انطونيو غوتيريش، …"): the heading above, the speech after.
 */
function withSpeechApart(paragraphs: AttributedParagraph[]): AttributedParagraph[] {
  const at = speechStartInParagraph(paragraphs);
  if (at === undefined) return paragraphs;
  const i = linesAboveSpeech(paragraphs);
  const p = paragraphs[i]!;
  const head = p.text.slice(0, at).trimEnd();
  const speech = p.text.slice(at).trimStart();
  const from = offsetIn(p.text, speech, at);
  const parts = [takeSlicePages({ ...p, text: head }, p, 0, head.length), takeSlicePages({ ...p, text: speech }, p, from, from + speech.length)];
  return [...paragraphs.slice(0, i), ...parts, ...paragraphs.slice(i + 1)];
}

/**
 * The speaker, country, date and session a statement's heading gives (./statement-heading.ts), each where
 * no metadata gives it. A country is not guessed where the metadata names one under another name.
 */
function fillFromHeading(meta: DocumentMeta, paragraphs: readonly ExtractedParagraph[], relPath: string): void {
  if (meta.country !== undefined && meta.date !== undefined && meta.speaker !== undefined && meta.session !== undefined && meta.title !== undefined)
    return;
  const heading = readStatementHeading(paragraphs, relPath);
  const country = heading.country === undefined ? undefined : normalizeCountry(heading.country);
  if (country && meta.country === undefined && meta.countryName === undefined) {
    meta.country = country.code;
    meta.countryName = country.name;
  }
  if (heading.date && meta.date === undefined) meta.date = heading.date;
  if (heading.speaker && meta.speaker === undefined) meta.speaker = heading.speaker;
  if (heading.session && meta.session === undefined) meta.session = heading.session;
  // a statement file has no title of its own: the line calling it a statement is what a reader
  // would cite ("Discours de SEM Bassirou Diomaye Diakhar FAYE, …"), not the file name
  if (heading.title && meta.title === undefined) meta.title = heading.title;
}

/**
 * A document's metadata: its own (validated), and its sidecar's and manifest row's. Metadata the
 * author wrote (front matter, statement fields) comes first and conflicts are reported; metadata
 * the format carries (PDF properties, HTML <title>) yields to sidecar and manifest, silently.
 */
function mergedMeta(doc: ExtractedDocument, external: MetaSource[], warn: (reason: string, line?: number) => void): DocumentMeta {
  const raw = { ...(doc.meta as Record<string, unknown>) };
  if (doc.authored) {
    const { label, line } = doc.authored;
    const own = cleanMeta(raw, (reason) => warn(reason, line));
    const meta = mergeMeta([{ label, meta: own }, ...external], (reason) => warn(reason, doc.line));
    if (meta.symbol === undefined && doc.symbol !== undefined) meta.symbol = doc.symbol;
    if (meta.title === undefined && doc.title !== undefined) meta.title = doc.title;
    return meta;
  }
  const own = cleanMeta(raw, (reason) => warn(reason));
  const meta = mergeMeta([...external, { label: 'the file itself', meta: own }], () => {});
  if (meta.symbol === undefined && doc.symbol !== undefined) meta.symbol = doc.symbol;
  if (meta.title === undefined && doc.title !== undefined) meta.title = doc.title;
  return meta;
}

/** The report line of a file left out because its `n` passages would take the library past `max` (MAX_PASSAGES). */
export function passageLimitProblem(relPath: string, max: number, n: number): Problem {
  return {
    path: relPath,
    reason: `the library is at its limit of ${max.toLocaleString('en-US')} passages: this file’s ${n.toLocaleString('en-US')} passages would pass it; not indexed (MAX_PASSAGES)`,
  };
}

/** Whether a report line says a file was left out for the library's passage limit (it may fit later). */
export function isPassageLimit(p: Problem): boolean {
  return /^the library is at its limit of [\d,]+ passages: /.test(p.reason);
}

/**
 * Loads every document of a library folder (recursively; see {@link scanLibrary} for what is
 * skipped), in path order. Bad input never throws: it lands in `report.skipped` (file not indexed)
 * or `report.warnings` (indexed, something ignored), with the path and line where known.
 */
export async function loadLibrary(root: string, opts: LoadOptions = {}): Promise<{ documents: LibraryDocument[]; report: IngestReport }> {
  const { files: scan, problems: scanProblems } = await scanLibraryReport(root);
  const ctx = createLoadContext(root, opts, scan);
  // files are taken in path order until the library's passages would pass the limit; a file that
  // would pass it is dropped as soon as it is loaded (memory), and smaller files after it may still fit
  const maxPassages = ctx.limits.maxPassages ?? MAX_PASSAGES;
  let passages = 0;
  const admit = (r: FileResult, relPath: string): void => {
    const n = r.documents.reduce((sum, d) => sum + d.passages.length, 0);
    if (passages + n <= maxPassages) {
      passages += n;
      return;
    }
    r.documents = [];
    r.skipped.push(passageLimitProblem(relPath, maxPassages, n));
  };
  const results = await loadFiles(
    root,
    scan.filter((f) => f.kind === 'document').map((f) => f.path),
    { ...opts, onResult: admit },
    ctx,
  );

  const documents: LibraryDocument[] = [];
  const skipped: Problem[] = [...scanProblems];
  const warnings: Problem[] = [];
  const lost = resolveDocumentIds(results.flatMap((r) => r?.documents ?? []));
  for (const r of results) {
    if (!r) continue;
    skipped.push(...r.skipped);
    warnings.push(...r.warnings);
    for (const doc of r.documents) {
      const problem = lost.get(doc);
      if (problem) skipped.push(problem);
      else documents.push(doc);
    }
  }
  warnings.push(...(await orphanProblems(ctx, scan)));
  const report: IngestReport = {
    documents: documents.length,
    passages: documents.reduce((n, d) => n + d.passages.length, 0),
    skipped,
    warnings,
  };
  return { documents, report };
}

/**
 * Manifest problems, manifest rows and sidecars whose file does not exist (pass the context of the
 * scan: its manifests are read once).
 */
export async function orphanProblems(ctx: LoadContext, scan: readonly ScannedFile[]): Promise<Problem[]> {
  const problems: Problem[] = [];
  const documents = new Set(scan.filter((f) => f.kind === 'document').map((f) => f.path));
  for (const f of scan) {
    if (f.kind === 'sidecar') {
      const target = f.path.slice(0, -SIDECAR.length);
      if (!documents.has(target)) problems.push({ path: f.path, reason: `sidecar for a file that does not exist (${target})` });
    } else if (f.kind === 'manifest') {
      const folder = path.posix.dirname(f.path) === '.' ? '' : path.posix.dirname(f.path);
      const manifest = await manifestFor(ctx, folder);
      problems.push(...manifest.problems);
      for (const row of manifest.rows.values()) {
        const target = folder ? `${folder}/${row.file}` : row.file;
        if (!documents.has(target))
          problems.push({ path: f.path, line: row.line, reason: `manifest row for a file that does not exist (${row.file})` });
      }
    }
  }
  return problems;
}

/**
 * Loads files of a library, `opts.concurrency` at a time (default 8), results in the order of
 * `relPaths`. A file that fails unexpectedly is reported as skipped, never thrown. Pass the context
 * of a scan when there is one.
 */
export async function loadFiles(
  root: string,
  relPaths: readonly string[],
  opts: LoadOptions = {},
  ctx: LoadContext = createLoadContext(root, opts),
): Promise<FileResult[]> {
  const results = new Array<FileResult>(relPaths.length);
  let next = 0;
  let done = 0;
  let ordered = 0;
  const worker = async (): Promise<void> => {
    for (let i = next++; i < relPaths.length; i = next++) {
      const p = relPaths[i]!;
      const started = performance.now();
      let r: FileResult;
      try {
        r = await loadFile(root, p, ctx);
      } catch (e) {
        r = { documents: [], skipped: [{ path: p, reason: `could not be loaded: ${(e as Error).message}` }], warnings: [] };
      }
      results[i] = r;
      while (ordered < relPaths.length && results[ordered] !== undefined) {
        opts.onResult?.(results[ordered]!, relPaths[ordered]!);
        ordered++;
      }
      const progress: FileProgress = { path: p, ms: r.parseMs ?? Math.round(performance.now() - started) };
      const reason = r.documents.length === 0 ? r.skipped[0]?.reason : undefined;
      if (reason !== undefined) progress.skipped = reason;
      opts.onProgress?.(++done, relPaths.length, progress);
    }
  };
  await Promise.all(Array.from({ length: Math.min(opts.concurrency ?? 8, relPaths.length) }, worker));
  return results;
}
