/**
 * The library folder watcher (src/library/watch-tree.ts): every folder watched on its own, so a file
 * saved by rename stays watched, and folders that come, go and come back are followed.
 */
import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, it } from 'vitest';
import { watchTree, type TreeWatcher } from '../../src/library/watch-tree.ts';

let watcher: TreeWatcher | undefined;
afterEach(() => watcher?.close());

/** Waits until `seen` holds a name matching `re`, or fails after `ms`. */
async function until(seen: string[], re: RegExp, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!seen.some((n) => re.test(n))) {
    if (Date.now() > end) throw new Error(`no event for ${re} in ${JSON.stringify(seen)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('watchTree', () => {
  it('follows a file saved by rename, a new folder, and a folder renamed away then made again', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'verbatim-watch-'));
    try {
      mkdirSync(path.join(root, 'a', 'b'), { recursive: true });
      writeFileSync(path.join(root, 'a', 'b', 'x.txt'), 'one');
      const seen: string[] = [];
      watcher = watchTree(
        root,
        (n) => seen.push(n),
        () => {},
      );
      // saved by rename, then appended to: both seen
      writeFileSync(path.join(root, 'a', 'b', '.x.tmp'), 'two');
      renameSync(path.join(root, 'a', 'b', '.x.tmp'), path.join(root, 'a', 'b', 'x.txt'));
      await until(seen, /a[\\/]b[\\/]x\.txt$/);
      seen.length = 0;
      writeFileSync(path.join(root, 'a', 'b', 'x.txt'), 'three', { flag: 'a' });
      await until(seen, /a[\\/]b[\\/]x\.txt$/);
      // a folder made later is watched
      mkdirSync(path.join(root, 'new'));
      await until(seen, /^new$/);
      writeFileSync(path.join(root, 'new', 'y.txt'), 'y');
      await until(seen, /new[\\/]y\.txt$/);
      // a folder renamed away, then made again at the same path with a subfolder: its files are seen
      renameSync(path.join(root, 'a'), path.join(root, 'old-a'));
      await until(seen, /^a$/);
      await new Promise((r) => setTimeout(r, 100));
      mkdirSync(path.join(root, 'a', 'b'), { recursive: true });
      await new Promise((r) => setTimeout(r, 200));
      seen.length = 0;
      writeFileSync(path.join(root, 'a', 'b', 'z.txt'), 'z');
      await until(seen, /a[\\/]b[\\/]z\.txt$/);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
