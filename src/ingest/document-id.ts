/** Document ids are unique in a library: the first file to claim one keeps it. Light on imports (the index's update path uses it). */
import type { Problem } from '../types.ts';

/**
 * Claims `doc.id` for `doc.path` in `owner` (document id → path of the file that has it). A second
 * file with the same id is refused: the problem to report is returned, and the first file keeps it.
 */
export function claimDocumentId(owner: Map<string, string>, doc: { id: string; path: string }): Problem | undefined {
  const first = owner.get(doc.id);
  if (first !== undefined) return { path: doc.path, reason: `duplicate document id "${doc.id}" (already used by ${first})` };
  owner.set(doc.id, doc.path);
  return undefined;
}

/** The id of a file's document: its path in the library without the extension (`2021/COL_76_2021`). */
export function fileDocumentId(relPath: string): string {
  return relPath.replace(/\.[^./]+$/, '');
}
