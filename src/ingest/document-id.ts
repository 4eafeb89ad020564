/**
 * Document ids are unique in a library, and which file keeps an id does not depend on the order
 * files arrive in (a full build and a live update agree): the file whose own name gives the id
 * keeps it against a statement that declares it; between two formats of one document (`X.pdf` and
 * `X.docx`) the PDF keeps it, whose passages are cited with their pages; otherwise the first file
 * in path order keeps it.
 * Light on imports (the index's update path uses it).
 */
import type { Problem } from '../types.ts';

/** A document's claim on its id. */
export interface IdClaim {
  id: string;
  /** The file it comes from, relative to the library root. */
  path: string;
}

/** The id of a file's document: its path in the library without the extension (`2021/COL_76_2021`). */
export function fileDocumentId(relPath: string): string {
  return relPath.replace(/\.[^./]+$/, '');
}

/** Whether the id is the one the file's own name gives (`2021/COL_76_2021`, or `speeches#3` for a statement). */
export function isOwnId(doc: IdClaim): boolean {
  const base = fileDocumentId(doc.path);
  return doc.id === base || (doc.id.startsWith(`${base}#`) && /^\d+$/.test(doc.id.slice(base.length + 1)));
}

/** Whether the two claims are the same file name in two formats (`X.pdf`, `X.docx`), each giving its own id. */
function twoFormats(a: IdClaim, b: IdClaim): boolean {
  return isOwnId(a) && isOwnId(b) && fileDocumentId(a.path) === fileDocumentId(b.path) && a.path !== b.path;
}

/** A PDF's passages carry their pages; a Word, HTML or text file's do not. */
const givesPages = (c: IdClaim): boolean => /\.pdf$/i.test(c.path);

/** Negative when `a` keeps an id against `b`. */
function precedes(a: IdClaim, b: IdClaim): number {
  const own = Number(isOwnId(b)) - Number(isOwnId(a));
  if (own) return own;
  const pages = twoFormats(a, b) ? Number(givesPages(b)) - Number(givesPages(a)) : 0;
  return pages || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);
}

/** Why `keeper` keeps the id `loser` claims too, as the indexing report says it. */
function whyKept(keeper: IdClaim, loser: IdClaim): string {
  if (twoFormats(keeper, loser) && givesPages(keeper) && !givesPages(loser)) {
    return 'the same document as a PDF, indexed instead because its citations give page numbers';
  }
  if (twoFormats(keeper, loser)) return 'the same document in another format, first in path order';
  return isOwnId(keeper) && !isOwnId(loser) ? 'its file name gives that id' : 'first in path order';
}

/**
 * Decides which documents keep their ids. Returns the documents that lose theirs (not indexed),
 * each with the problem to report, which names the file that keeps the id and why.
 */
export function resolveDocumentIds<T extends IdClaim>(docs: Iterable<T>): Map<T, Problem> {
  const keeper = new Map<string, T>();
  const claims: T[] = [];
  for (const d of docs) {
    claims.push(d);
    const k = keeper.get(d.id);
    if (k === undefined || precedes(d, k) < 0) keeper.set(d.id, d);
  }
  const losers = new Map<T, Problem>();
  for (const d of claims) {
    const k = keeper.get(d.id)!;
    if (k === d) continue;
    losers.set(d, { path: d.path, reason: `document id "${d.id}" is taken by ${k.path} (${whyKept(k, d)}); not indexed` });
  }
  return losers;
}

/** Whether a report line says a file lost a document id to another file (its rival may leave later). */
export function isLostId(p: Problem): boolean {
  return /^document id ".*" is taken by /.test(p.reason);
}
