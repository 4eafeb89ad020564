/**
 * The one module of the ingest step that reads the disk: a library folder → documents → passages,
 * with a report of what was skipped and why. See data/README.md for the contract.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type {
  DocumentMeta, ExtractLimits, ExtractedDocument, ExtractedParagraph, Extractor, IngestReport, LibraryDocument, Problem,
} from '../types.ts';
import { BinaryFileError, decodeText } from './decode.ts';
import { claimDocumentId } from './document-id.ts';
import { closeExtractorWorkers, extractIsolated, findSymbol, parseTime } from './formats/index.ts';
import { SYMBOL_WINDOW } from './formats/symbol.ts';
import { FrontMatterError, cleanMeta, mergeMeta, parseManifest, splitFrontMatter, type ManifestRow, type MetaSource } from './metadata.ts';
import { toPassages } from './passages.ts';
import { attributeStatements, statementRanges } from './statements.ts';
import { normalizeText, reflow } from './reflow.ts';

/** Default limits for one file: 20 MB, 30 s. */
export const DEFAULT_LIMITS: ExtractLimits = { timeoutMs: 30_000, maxBytes: 20 * 1024 * 1024 };

/** Formats read here; others need an extractor (see `LoadOptions.extractors`). */
export const BUILTIN_FORMATS = ['.txt', '.md', '.json', '.jsonl'] as const;

/** Extractors that enforce the time limit themselves (in a worker they can terminate). */
const selfLimited = new WeakSet<Extractor>();

/**
 * The default extractors: PDF, Word and HTML parsed off the main thread by `extractInWorker`
 * (src/ingest/formats), each file under the time and size limits. Call {@link closeExtractors}
 * when done (end of a CLI run, bot shutdown) so the worker threads stop.
 */
export const DEFAULT_EXTRACTORS: Readonly<Record<string, Extractor>> = Object.freeze(
  Object.fromEntries(
    ['.pdf', '.docx', '.doc', '.html', '.htm', '.xml'].map((ext) => {
      const extractor: Extractor = (bytes, relPath, limits) => extractIsolated(ext, bytes, relPath, limits);
      selfLimited.add(extractor);
      return [ext, extractor];
    }),
  ),
);

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

function isIgnoredName(name: string): boolean {
  return name.startsWith('.') || name === 'node_modules';
}

/** README.md files describe a folder; they are not statements. */
function isReadme(name: string): boolean {
  return name.toLowerCase() === 'readme.md';
}

function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}

/**
 * Lists the library's files, sorted by path: candidate documents, sidecars and manifests (so a
 * change to any of them can be detected). Skips dotfiles and dot-folders, `node_modules` and files
 * named README.md.
 */
export async function scanLibrary(root: string): Promise<ScannedFile[]> {
  const out: ScannedFile[] = [];
  async function walk(dir: string): Promise<void> {
    const entries = await readdir(dir, { withFileTypes: true });
    for (const entry of entries) {
      if (isIgnoredName(entry.name)) continue;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        await walk(full);
        continue;
      }
      if (!entry.isFile() || isReadme(entry.name)) continue;
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
  return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
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
    entry = readFile(path.join(ctx.root, rel), 'utf8').then(
      (text) => {
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

function paragraphsOfMarkdown(body: string): ExtractedParagraph[] {
  const out: ExtractedParagraph[] = [];
  let heading: string | undefined;
  let block: string[] = [];
  const flush = (): void => {
    if (block.length === 0) return;
    let text = '';
    for (const line of block) text = !text ? line : /\p{L}-$/u.test(text) ? text + line : `${text} ${line}`;
    text = text.replace(/\s+/g, ' ').trim();
    if (text) out.push(heading !== undefined ? { text, heading } : { text });
    block = [];
  };
  for (const raw of normalizeText(body).split('\n')) {
    const line = raw.trim();
    const h = /^#{1,6}\s+(.*?)\s*#*$/.exec(line);
    if (h) {
      flush();
      heading = h[1] || undefined;
      continue;
    }
    if (!line) {
      flush();
      continue;
    }
    if (/^(?:[-*+]|\d{1,3}[.)])\s/.test(line)) flush();
    block.push(line);
  }
  flush();
  return out;
}

/**
 * The document's own UN symbol in a text file: one that starts a line within the first
 * SYMBOL_WINDOW characters (a masthead such as "E/CN.7/2021/12" or "A/76/PV.3  General Assembly").
 * Symbols inside sentences — "(see A/73/PV.7)" — are citations of other documents, not this one's.
 */
export function mastheadSymbol(text: string): string | undefined {
  for (const line of normalizeText(text.slice(0, SYMBOL_WINDOW)).split('\n')) {
    const t = line.trim().replace(/^#+\s*/, '');
    const symbol = t ? findSymbol(t) : undefined;
    if (symbol && t.startsWith(symbol) && !/^[\s.,;:]*\)/.test(t.slice(symbol.length))) return symbol;
  }
  return undefined;
}

/**
 * Paragraphs → the document: split into speakers' statements when it is a record (or a report
 * narrating statements; see ./statements.ts), then into passages. A record's masthead fills the
 * meeting, session and date when no metadata gives them. Undefined when there is no text.
 */
export function buildDocument(
  id: string,
  relPath: string,
  meta: DocumentMeta,
  paragraphs: readonly ExtractedParagraph[],
): LibraryDocument | undefined {
  const attributed = attributeStatements(meta, paragraphs);
  const rec = attributed.record;
  if (rec) {
    if (meta.date === undefined && rec.date) meta.date = rec.date;
    if (meta.session === undefined && rec.session) meta.session = rec.session;
    if (meta.meeting === undefined && (rec.body || rec.meeting)) meta.meeting = [rec.body, rec.meeting].filter(Boolean).join(', ');
  }
  const passageOpts: { date?: string; dateEnd?: string } = {};
  if (meta.date) passageOpts.date = meta.date;
  if (meta.dateEnd) passageOpts.dateEnd = meta.dateEnd;
  const passages = toPassages(id, attributed.paragraphs, passageOpts);
  if (passages.length === 0) return undefined;
  const statements = statementRanges(attributed.statements, passages);
  for (const p of passages) delete p.statement;
  const doc: LibraryDocument = { id, path: relPath, meta, passages };
  if (statements.length) doc.statements = statements;
  return doc;
}

interface Statement {
  id?: unknown;
  text?: unknown;
  [key: string]: unknown;
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`gave up after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Loads one file of the library: its documents (one, or one per statement in .json/.jsonl) with
 * passages and merged metadata, plus what was skipped or ignored. Never throws for bad input.
 */
export async function loadFile(root: string, relPath: string, ctx: LoadContext = createLoadContext(root)): Promise<FileResult> {
  const result: FileResult = { documents: [], skipped: [], warnings: [] };
  const skip = (reason: string, line?: number): FileResult => {
    result.skipped.push(line !== undefined ? { path: relPath, line, reason } : { path: relPath, reason });
    return result;
  };
  const ext = path.posix.extname(relPath).toLowerCase();
  const builtin = (BUILTIN_FORMATS as readonly string[]).includes(ext);
  const extractor = builtin ? undefined : ctx.extractors[ext];
  if (!builtin && !extractor) return skip(`unsupported format ${ext || '(no extension)'}`);

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
  const warn = (reason: string, line?: number): void => {
    result.warnings.push(line !== undefined ? { path: relPath, line, reason } : { path: relPath, reason });
  };
  const baseId = relPath.replace(/\.[^./]+$/, '');

  const addDocument = (id: string, own: MetaSource[], paragraphs: ExtractedParagraph[], line?: number, symbol?: string): void => {
    const meta = mergeMeta([...own, ...external], (reason) => warn(reason, line));
    if (meta.symbol === undefined && symbol !== undefined) meta.symbol = symbol;
    const doc = buildDocument(id, relPath, meta, paragraphs);
    if (!doc) {
      result.skipped.push(line !== undefined ? { path: relPath, line, reason: 'no text' } : { path: relPath, reason: 'no text' });
      return;
    }
    result.documents.push(doc);
  };

  if (extractor) {
    let extracted: ExtractedDocument;
    try {
      const running = extractor(new Uint8Array(bytes), relPath, ctx.limits);
      extracted = await (selfLimited.has(extractor) ? running : withTimeout(running, ctx.limits.timeoutMs));
      const ms = parseTime(extracted);
      if (ms !== undefined) result.parseMs = ms;
    } catch (e) {
      return skip((e as Error).message || 'could not be read');
    }
    const own = cleanMeta({ ...extracted.meta }, (reason) => warn(reason));
    const paragraphs = extracted.paragraphs ?? reflow(extracted.text ?? '').map((text) => ({ text }));
    // The file's own metadata (PDF info, HTML <title>) yields to sidecar and manifest.
    const meta = mergeMeta([...external, { label: 'the file itself', meta: own }], () => {});
    const doc = buildDocument(baseId, relPath, meta, paragraphs);
    if (!doc) return skip('no text');
    result.documents.push(doc);
    return result;
  }

  let text: string;
  try {
    text = decodeText(bytes).text;
  } catch (e) {
    if (e instanceof BinaryFileError) return skip(e.message);
    throw e;
  }
  if (!text.trim()) return skip('empty file (whitespace only)');

  if (ext === '.txt') {
    addDocument(baseId, [], reflow(text).map((t) => ({ text: t })), undefined, mastheadSymbol(text));
    return result;
  }

  if (ext === '.md') {
    let fm;
    try {
      fm = splitFrontMatter(text);
    } catch (e) {
      if (e instanceof FrontMatterError) return skip(e.message, e.line);
      throw e;
    }
    const own: MetaSource[] = fm.data
      ? [{ label: 'front matter', meta: cleanMeta(fm.data, (reason) => warn(reason, 1)) }]
      : [];
    addDocument(baseId, own, paragraphsOfMarkdown(fm.body), undefined, mastheadSymbol(fm.body));
    return result;
  }

  const seenIds = new Set<string>();
  const addStatement = (value: unknown, fallbackId: string, line?: number): void => {
    const fail = (reason: string): void => {
      result.skipped.push(line !== undefined ? { path: relPath, line, reason } : { path: relPath, reason });
    };
    if (!value || typeof value !== 'object' || Array.isArray(value)) return fail('not a statement object');
    const st = value as Statement;
    // a statement with a title and no body (a catalogue record, an abstract-less article) is
    // searchable by its title: the title becomes its one passage
    const body = typeof st.text === 'string' ? st.text : '';
    const title = typeof st.title === 'string' ? st.title.trim() : '';
    if (st.text !== undefined && st.text !== null && typeof st.text !== 'string') return fail('statement "text" is not text');
    if (!body.trim() && !title) return fail('statement has no "text" and no "title"');
    let id = fallbackId;
    if (st.id !== undefined) {
      if ((typeof st.id !== 'string' && typeof st.id !== 'number') || String(st.id).trim() === '') return fail('statement "id" is not text');
      id = String(st.id).trim();
    }
    if (seenIds.has(id)) return fail(`duplicate statement id "${id}"`);
    seenIds.add(id);
    const { id: _id, text: _text, ...rest } = st;
    const meta = cleanMeta(rest, (reason) => warn(reason, line));
    const paragraphs = body.trim() ? reflow(body).map((t) => ({ text: t })) : [{ text: title }];
    addDocument(id, [{ label: line !== undefined ? `line ${line}` : 'statement', meta }], paragraphs, line);
  };

  if (ext === '.json') {
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch (e) {
      return skip(`invalid JSON: ${(e as Error).message}`);
    }
    if (Array.isArray(data)) data.forEach((item, i) => addStatement(item, `${baseId}#${i + 1}`));
    else addStatement(data, baseId);
    return result;
  }

  // .jsonl: one statement per line; a bad line is reported, the others kept.
  normalizeText(text).split('\n').forEach((lineText, i) => {
    if (!lineText.trim()) return;
    let data: unknown;
    try {
      data = JSON.parse(lineText);
    } catch (e) {
      result.skipped.push({ path: relPath, line: i + 1, reason: `invalid JSON: ${(e as Error).message}` });
      return;
    }
    addStatement(data, `${baseId}#${i + 1}`, i + 1);
  });
  return result;
}

/**
 * Loads every document of a library folder (recursively; see {@link scanLibrary} for what is
 * skipped), in path order. Bad input never throws: it lands in `report.skipped` (file not indexed)
 * or `report.warnings` (indexed, something ignored), with the path and line where known.
 */
export async function loadLibrary(root: string, opts: LoadOptions = {}): Promise<{ documents: LibraryDocument[]; report: IngestReport }> {
  const scan = await scanLibrary(root);
  const ctx = createLoadContext(root, opts, scan);
  const results = await loadFiles(
    root,
    scan.filter((f) => f.kind === 'document').map((f) => f.path),
    opts,
    ctx,
  );

  const documents: LibraryDocument[] = [];
  const skipped: Problem[] = [];
  const warnings: Problem[] = [];
  const owner = new Map<string, string>();
  for (const r of results) {
    if (!r) continue;
    skipped.push(...r.skipped);
    warnings.push(...r.warnings);
    for (const doc of r.documents) {
      const duplicate = claimDocumentId(owner, doc);
      if (duplicate) skipped.push(duplicate);
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
        if (!documents.has(target)) problems.push({ path: f.path, line: row.line, reason: `manifest row for a file that does not exist (${row.file})` });
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
      const progress: FileProgress = { path: p, ms: r.parseMs ?? Math.round(performance.now() - started) };
      const reason = r.documents.length === 0 ? r.skipped[0]?.reason : undefined;
      if (reason !== undefined) progress.skipped = reason;
      opts.onProgress?.(++done, relPaths.length, progress);
    }
  };
  await Promise.all(Array.from({ length: Math.min(opts.concurrency ?? 8, relPaths.length) }, worker));
  return results;
}
