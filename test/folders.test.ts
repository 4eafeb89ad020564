/** Making a file's folders: nested ones are made, and an impossible path fails instead of hanging (QA21 F10). */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeFolders, makeFoldersSync } from '../src/folders.ts';

describe('makeFolders', () => {
  it('makes the missing folders of a nested path, and again without complaint', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'verbatim-folders-'));
    const deep = path.join(root, 'a', 'b', 'c');
    await makeFolders(deep);
    expect(existsSync(deep)).toBe(true);
    await makeFolders(deep);
    makeFoldersSync(path.join(root, 'a', 'd', 'e'));
    expect(existsSync(path.join(root, 'a', 'd', 'e'))).toBe(true);
    rmSync(root, { recursive: true, force: true });
  });

  // Node 20's recursive mkdir never returns under /proc: `--cache /proc/nope/x.bin` hung the CLI
  it.runIf(process.platform === 'linux')(
    'fails with the system’s error under /proc, in a moment',
    async () => {
      await expect(makeFolders('/proc/nope/x')).rejects.toMatchObject({ code: 'ENOENT' });
      expect(() => makeFoldersSync('/proc/nope/x')).toThrow(/ENOENT/);
    },
    5_000,
  );
});
