/**
 * Watches a folder and every folder under it, each with its own (non-recursive) `fs.watch`: a
 * folder's watch reports its files' changes whatever inode a file has now. Node 20's recursive
 * `fs.watch` on Linux watches each file by its inode instead, so a file saved by writing a new one
 * and renaming it over the old (`sed -i`, most editors, rsync) was not watched afterwards: later
 * appends to it went unseen until something else changed. Folders that appear are watched as they
 * come; dot-folders and `node_modules`, which the library scan skips, are not.
 */
import { readdirSync, watch, type FSWatcher } from 'node:fs';
import path from 'node:path';
import { isIgnoredName } from '../ingest/load-library.ts';

export interface TreeWatcher {
  close(): void;
}

/**
 * Calls `onChange(relativePath)` for each change under `root`; `onError` once if the root's own
 * watch fails (the caller then polls). A subfolder whose watch fails is left unwatched (it is
 * usually being removed).
 */
export function watchTree(root: string, onChange: (name: string) => void, onError: (err: Error) => void): TreeWatcher {
  const watchers = new Map<string, FSWatcher>();
  let closed = false;

  const add = (dir: string): void => {
    if (closed || watchers.has(dir)) return;
    let w: FSWatcher;
    try {
      w = watch(dir, (_event, name) => {
        const rel = path.relative(root, name ? path.join(dir, name.toString()) : dir);
        onChange(rel);
        // a folder that appeared (or was renamed in) is watched too, with what it holds
        if (name) addTree(path.join(dir, name.toString()));
      });
    } catch (err) {
      if (dir === root) throw err;
      return;
    }
    w.on('error', (err) => {
      w.close();
      watchers.delete(dir);
      if (dir === root && !closed) onError(err);
    });
    watchers.set(dir, w);
  };

  const drop = (dir: string): void => {
    for (const [d, w] of watchers) {
      if (d === dir || d.startsWith(dir + path.sep)) {
        w.close();
        watchers.delete(d);
      }
    }
  };

  const addTree = (dir: string): void => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      // not a folder (a file's event), or gone already; a folder that went away (removed, or renamed
      // away): its watch goes, and its subfolders' too, so that a folder made again at one of those
      // paths is watched afresh
      if (dir !== root) drop(dir);
      return;
    }
    add(dir);
    for (const e of entries) if (e.isDirectory() && !isIgnoredName(e.name)) addTree(path.join(dir, e.name));
  };

  addTree(root);
  if (!watchers.has(root)) throw new Error(`cannot watch ${root}`);
  return {
    close(): void {
      closed = true;
      for (const w of watchers.values()) w.close();
      watchers.clear();
    },
  };
}
