/**
 * A stale index cache is dropped through its store, so its file descriptor is closed once: closed
 * directly and again when the store was collected, the second close hit whatever file had been given
 * the number in between. In the bot, that was the rebuilt cache after a restart with a new file in
 * the library ("EBADF: bad file descriptor, read" on every search until the next restart; QA19b #1).
 * The check needs a garbage collection on demand, so it runs in a child process with --expose-gc.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');

describe('opening a library whose cache is stale', () => {
  it('closes the stale cache once: no file opened afterwards is closed behind its owner’s back', () => {
    const out = execFileSync(
      process.execPath,
      ['--expose-gc', '--import', 'tsx', path.join(import.meta.dirname, 'support', 'reopen-after-change.ts')],
      {
        cwd: ROOT,
        encoding: 'utf8',
        timeout: 60_000,
      },
    );
    // before: "closed behind their owner's back: 20"
    expect(out.trim()).toBe('ok');
  }, 90_000);
});
