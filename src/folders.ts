/**
 * Making a file's folders. Node 20's `mkdir(…, { recursive: true })` never returns for a path
 * under /proc (`--cache /proc/nope/x.bin` hung at full CPU, QA21 F10): the folders are made one
 * level at a time from the deepest one that exists, so a path that cannot be made fails with the
 * system's error (ENOENT, EACCES) like any other.
 */
import { mkdirSync, statSync } from 'node:fs';
import { mkdir, stat } from 'node:fs/promises';
import path from 'node:path';

/** The folders from the deepest existing one (exclusive) down to `dir`, outermost first. */
function missingFolders(dir: string, exists: (d: string) => boolean): string[] {
  const out: string[] = [];
  let d = path.resolve(dir);
  while (!exists(d)) {
    out.unshift(d);
    const up = path.dirname(d);
    if (up === d) break;
    d = up;
  }
  return out;
}

/** Makes `dir` and the folders above it that are missing. */
export async function makeFolders(dir: string): Promise<void> {
  const known = new Set<string>();
  for (let d = path.resolve(dir); ; d = path.dirname(d)) {
    const found = await stat(d).then(
      () => true,
      () => false,
    );
    if (found) known.add(d);
    if (found || path.dirname(d) === d) break;
  }
  for (const d of missingFolders(dir, (x) => known.has(x))) await mkdir(d).catch(ignoreExisting);
}

/** {@link makeFolders}, synchronously. */
export function makeFoldersSync(dir: string): void {
  for (const d of missingFolders(dir, (x) => statSync(x, { throwIfNoEntry: false }) !== undefined)) {
    try {
      mkdirSync(d);
    } catch (err) {
      ignoreExisting(err);
    }
  }
}

/** Another process may make the same folder meanwhile. */
function ignoreExisting(err: unknown): void {
  if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
}
