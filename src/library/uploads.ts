/**
 * Documents added to the library from outside (Discord's /library): checked, downloaded within a
 * size limit, stored under `<library>/uploads/<year>/` with a sidecar (the metadata given, who
 * added it and when), and removed by moving them to `<library>/.trash/` (restorable by moving them
 * back). Nothing is written unless everything succeeded: files are written under a dot-name the
 * library scan ignores, then renamed into place (sidecar first). No discord.js here.
 */
import { createHash, randomBytes } from 'node:crypto';
import { readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { makeFolders } from '../folders.ts';
import path from 'node:path';
import { fold } from '../index/analyzer.ts';
import { normalizeCountry } from '../ingest/country.ts';
import { decodeText } from '../ingest/decode.ts';
import { isMetaDate } from '../ingest/metadata.ts';

/** Formats /library add takes (what the library reads; JSON statements are left to the shell). */
export const UPLOAD_EXTENSIONS = ['.pdf', '.docx', '.html', '.htm', '.txt', '.md'] as const;
export const UPLOADS_DIR = 'uploads';
export const TRASH_DIR = '.trash';
const SIDECAR = '.meta.json';
/** Metadata fields a sidecar may set (data/README.md); the rest of the sidecar is provenance. */
export const UPLOAD_FIELDS = ['title', 'speaker', 'country', 'date', 'session', 'symbol'] as const;
export type UploadMeta = Partial<Record<(typeof UPLOAD_FIELDS)[number], string>>;

/**
 * The metadata given with an upload, checked as the library reads it and as searches filter by it,
 * before anything is stored: a date as 2021, 2021-10 or 2021-10-19 (or a range
 * 2021-10-19/2021-10-22), a country the country table knows (a name or an ISO code), and a session
 * as a number (`76`, `76th` → `76`), a special session (`ES-10`, `S-27`) or a session the library
 * already names (`sessionsHeld`, returned in its spelling). Before, such values were stored and
 * then dropped or left unusable by the library without a word (QA22 F3).
 * @returns the values to store.
 * @throws UploadError naming every value that cannot be read, and what is accepted.
 */
export function checkUploadMeta(given: UploadMeta, sessionsHeld: readonly string[] = []): UploadMeta {
  const out: UploadMeta = { ...given };
  const problems: string[] = [];
  const shown = (v: string): string => `“${v.length > 40 ? `${v.slice(0, 40)}…` : v}”`;
  if (given.date !== undefined && !isMetaDate(given.date)) {
    problems.push(`date ${shown(given.date)} is not a date: write 2021, 2021-10 or 2021-10-19.`);
  }
  if (given.country !== undefined && !normalizeCountry(given.country)) {
    problems.push(`country ${shown(given.country)} is not a country searches know: use a country name (Colombia) or an ISO code (COL).`);
  }
  if (given.session !== undefined) {
    const v = given.session.trim();
    const number = /^(?:session\s+)?0*(\d+)(?:st|nd|rd|th)?(?:\s+session)?$/i.exec(v);
    const special = /^(ES|S)\s*-\s*(\d+)$/i.exec(v);
    const named = sessionsHeld.find((s) => fold(s.trim()) === fold(v));
    if (number) out.session = number[1]!;
    else if (special) out.session = `${special[1]!.toUpperCase()}-${special[2]!}`;
    else if (named !== undefined) out.session = named.trim();
    else problems.push(`session ${shown(v)} is not a session: write a session number (76) or a special session (ES-10, S-27).`);
  }
  if (problems.length) {
    throw new UploadError(
      `Nothing was added:${problems.length === 1 ? ` the ${problems[0]!}` : `\n${problems.map((p) => `- the ${p}`).join('\n')}`}\nAdd the file again with ${problems.length === 1 ? 'that value' : 'those values'} corrected, or left out.`,
    );
  }
  return out;
}

/** Longest first line taken as an upload's title. */
const TITLE_LINE_MAX = 150;

/**
 * A title for a text or Markdown upload sent without `title:`, as a reader would title it: its
 * first line when that reads as a heading (a line of its own followed by a blank line, short, not
 * ending a sentence: "Statement by the delegation of Atlantis at the Commission"), else the file's
 * name without its extension ("w1252"). Before, such a document was titled by its id
 * (`uploads/2026/meta`, QA22 F8.2). Undefined for the other formats, whose extractors read a
 * title, and for Markdown that titles itself (front matter, or a first line `# Heading`).
 */
export function uploadTitle(name: string, bytes: Uint8Array): string | undefined {
  const ext = path.extname(name).toLowerCase();
  if (ext !== '.txt' && ext !== '.md') return undefined;
  let text: string;
  try {
    text = decodeText(bytes).text;
  } catch {
    text = '';
  }
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const first = lines.findIndex((l) => l.trim() !== '');
  if (ext === '.md' && first >= 0 && /^(?:---\s*$|#\s)/.test(lines[first]!.trim())) return undefined;
  const line =
    first < 0
      ? ''
      : lines[first]!.replace(/^#+\s*/, '')
          .replace(/\s+/g, ' ')
          .trim();
  const alone = first >= 0 && (lines[first + 1] ?? '').trim() === '';
  if (alone && line.length <= TITLE_LINE_MAX && /\p{L}{3}/u.test(line) && !/[.!?;:,…]$/.test(line)) return line;
  return path.basename(name, path.extname(name)).trim() || undefined;
}

/** A problem with an upload, worded for the person who made it. Nothing was written. */
export class UploadError extends Error {
  override name = 'UploadError';
}

export interface Uploader {
  id: string;
  name: string;
}

/** What a sidecar of an upload records besides the metadata. */
export interface UploadRecord {
  /** Path relative to the library root (posix). */
  path: string;
  meta: UploadMeta;
  addedBy: Uploader;
  addedAt: string;
  sha256: string;
  bytes: number;
}

/**
 * Checks a file name as given by the uploader; returns it when it can be stored as is.
 * @throws UploadError for path parts, control characters, hidden names, or a format not taken.
 */
export function checkUploadName(name: string): string {
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(name)) throw new UploadError('The file name has control characters; rename the file and try again.');
  if (/[/\\]/.test(name) || name.split(/[/\\]/).includes('..') || name === '..' || name === '.')
    throw new UploadError('The file name has a path in it (`/`, `\\` or `..`); give a plain file name.');
  if (name.startsWith('.')) throw new UploadError('The file name starts with a dot (a hidden file); rename it and try again.');
  if (name.length > 80) throw new UploadError('The file name is longer than 80 characters; shorten it and try again.');
  if (name.endsWith(SIDECAR)) throw new UploadError('That is a metadata sidecar, not a document.');
  const ext = path.extname(name).toLowerCase();
  if (!(UPLOAD_EXTENSIONS as readonly string[]).includes(ext))
    throw new UploadError(
      `${ext ? `\`${ext}\` files are` : 'A file without an extension is'} not taken; send PDF, Word (.docx), HTML, text (.txt) or Markdown (.md).`,
    );
  return name;
}

/**
 * Downloads `url` (an attachment's CDN address), refusing more than `maxBytes`.
 * @throws UploadError when it cannot be downloaded or is too large.
 */
export async function download(url: string, maxBytes: number, timeoutMs = 30_000): Promise<Buffer> {
  let res: Response;
  try {
    res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
  } catch {
    throw new UploadError('The file could not be downloaded from Discord (no answer); try again in a moment.');
  }
  if (!res.ok || !res.body) throw new UploadError(`The file could not be downloaded from Discord (HTTP ${res.status}); try attaching it again.`);
  const declared = Number(res.headers.get('content-length') ?? NaN);
  if (declared > maxBytes) throw new UploadError(tooLarge(declared, maxBytes));
  const chunks: Buffer[] = [];
  let total = 0;
  try {
    for await (const chunk of res.body) {
      total += chunk.length;
      if (total > maxBytes) throw new UploadError(tooLarge(total, maxBytes));
      chunks.push(Buffer.from(chunk));
    }
  } catch (err) {
    if (err instanceof UploadError) throw err;
    throw new UploadError('The download from Discord broke off; try again.');
  }
  return Buffer.concat(chunks);
}

function mb(n: number): string {
  return `${(n / 1024 / 1024).toFixed(n < 1024 * 1024 ? 2 : 1)} MB`;
}

export function tooLarge(size: number, maxBytes: number): string {
  return `The file is ${mb(size)}; the library takes files up to ${mb(maxBytes)}.`;
}

export function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Every document-like file of the library (dot-folders, node_modules and sidecars left out), relative posix paths. */
async function libraryFiles(root: string, rel = ''): Promise<string[]> {
  const out: string[] = [];
  let entries;
  try {
    entries = await readdir(path.join(root, rel), { withFileTypes: true });
  } catch {
    return out;
  }
  for (const e of entries) {
    if (e.name.startsWith('.') || e.name === 'node_modules') continue;
    const p = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(...(await libraryFiles(root, p)));
    else if (e.isFile() && !e.name.endsWith(SIDECAR) && e.name !== 'manifest.csv') out.push(p);
  }
  return out;
}

/** The library file with exactly these bytes, if any (compared by size first, then by hash). */
export async function findSameContent(root: string, bytes: Buffer): Promise<string | undefined> {
  const want = sha256(bytes);
  for (const p of await libraryFiles(root)) {
    const s = await stat(path.join(root, p)).catch(() => undefined);
    if (!s || s.size !== bytes.length) continue;
    if (sha256(await readFile(path.join(root, p))) === want) return p;
  }
  return undefined;
}

/** A disk problem in words (full disk, no permission), or the error's message. */
function diskProblem(err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'ENOSPC' || code === 'EDQUOT') return 'The library’s disk is full; nothing was added. Tell the bot’s administrator.';
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS')
    return 'The bot may not write to the library folder; nothing was added. Tell the bot’s administrator.';
  return `The file could not be stored (${code ?? 'error'}); nothing was added.`;
}

/**
 * Stores `bytes` as `uploads/<year>/<name>` (a free variant of the name when taken) with its
 * sidecar. Atomic per file: on any failure nothing is left behind.
 */
export async function storeUpload(opts: {
  root: string;
  name: string;
  bytes: Buffer;
  meta: UploadMeta;
  addedBy: Uploader;
  now?: Date;
}): Promise<UploadRecord> {
  const name = checkUploadName(opts.name);
  const now = opts.now ?? new Date();
  const folder = `${UPLOADS_DIR}/${now.getUTCFullYear()}`;
  const dir = path.join(opts.root, folder);
  const ext = path.extname(name);
  const base = name.slice(0, name.length - ext.length);
  const tmp = path.join(opts.root, `.upload-${randomBytes(6).toString('hex')}`);
  const written: string[] = [];
  try {
    await makeFolders(dir);
    let file = name;
    for (
      let n = 2;
      await stat(path.join(dir, file)).then(
        () => true,
        () => false,
      );
      n++
    )
      file = `${base}-${n}${ext}`;
    const record: UploadRecord = {
      path: `${folder}/${file}`,
      meta: opts.meta,
      addedBy: opts.addedBy,
      addedAt: now.toISOString(),
      sha256: sha256(opts.bytes),
      bytes: opts.bytes.length,
    };
    const sidecar = {
      ...opts.meta,
      addedBy: opts.addedBy.name,
      addedById: opts.addedBy.id,
      addedAt: record.addedAt,
      sha256: record.sha256,
      originalName: opts.name,
    };
    await writeFile(`${tmp}.doc`, opts.bytes);
    written.push(`${tmp}.doc`);
    await writeFile(`${tmp}.meta`, JSON.stringify(sidecar, null, 2) + '\n');
    written.push(`${tmp}.meta`);
    const target = path.join(dir, file);
    await rename(`${tmp}.meta`, `${target}${SIDECAR}`);
    written.splice(written.indexOf(`${tmp}.meta`), 1, `${target}${SIDECAR}`);
    await rename(`${tmp}.doc`, target);
    return record;
  } catch (err) {
    await Promise.all(written.map((p) => rm(p, { force: true }).catch(() => undefined)));
    if (err instanceof UploadError) throw err;
    throw new UploadError(diskProblem(err));
  }
}

/**
 * Moves an uploaded document and its sidecar to `.trash/<time>/<path>` (restorable by moving them
 * back). Only files under uploads/ can be removed this way.
 * @returns where the document went (relative to the library root)
 */
export async function trashUpload(root: string, relPath: string, now = new Date()): Promise<string> {
  const normal = path.posix.normalize(relPath);
  if (!normal.startsWith(`${UPLOADS_DIR}/`) || normal.split('/').includes('..'))
    throw new UploadError('Only documents added with /library add can be removed here.');
  const from = path.join(root, normal);
  if (
    !(await stat(from).then(
      (s) => s.isFile(),
      () => false,
    ))
  )
    throw new UploadError('That document is no longer in the library.');
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  const to = path.join(root, TRASH_DIR, stamp, normal);
  try {
    await makeFolders(path.dirname(to));
    await rename(from, to);
    await rename(`${from}${SIDECAR}`, `${to}${SIDECAR}`).catch(() => undefined);
  } catch (err) {
    throw new UploadError(diskProblem(err).replace('nothing was added', 'nothing was removed'));
  }
  return path.posix.join(TRASH_DIR, stamp, normal);
}

/** The uploads, newest first, from their sidecars. */
export async function recentUploads(root: string, limit = 10): Promise<UploadRecord[]> {
  const out: UploadRecord[] = [];
  for (const p of await libraryFiles(root, UPLOADS_DIR)) {
    try {
      const side = JSON.parse(await readFile(path.join(root, `${p}${SIDECAR}`), 'utf8')) as Record<string, unknown>;
      const meta: UploadMeta = {};
      for (const f of UPLOAD_FIELDS) if (typeof side[f] === 'string') meta[f] = side[f];
      out.push({
        path: p,
        meta,
        addedBy: { id: String(side['addedById'] ?? ''), name: String(side['addedBy'] ?? '?') },
        addedAt: String(side['addedAt'] ?? ''),
        sha256: String(side['sha256'] ?? ''),
        bytes: (await stat(path.join(root, p))).size,
      });
    } catch {
      // a file without a readable sidecar was not added through /library
    }
  }
  return out.sort((a, b) => b.addedAt.localeCompare(a.addedAt)).slice(0, limit);
}
