import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { librarySettings, UsageError } from '../../src/cli/common.ts';

describe('CLI library settings: the environment as the bot reads it, flags on top', () => {
  it('takes the library, cache and limits from the environment', () => {
    const s = librarySettings({}, { DATA_DIR: 'lib', INDEX_CACHE: 'c.bin', EXTRACT_TIMEOUT_MS: '5000', EXTRACT_MAX_BYTES: '2MB' });
    expect(s).toEqual({ dataDir: path.resolve('lib'), cachePath: path.resolve('c.bin'), limits: { timeoutMs: 5000, maxBytes: 2 * 1024 ** 2 } });
  });

  it('lets each flag override its variable and keeps the others', () => {
    const s = librarySettings(
      { data: 'other', 'extract-max-bytes': '500KB' },
      { DATA_DIR: 'lib', INDEX_CACHE: 'c.bin', EXTRACT_TIMEOUT_MS: '5000', EXTRACT_MAX_BYTES: '2MB' },
    );
    expect(s).toEqual({ dataDir: path.resolve('other'), cachePath: path.resolve('c.bin'), limits: { timeoutMs: 5000, maxBytes: 500 * 1024 } });
  });

  it('takes the limit on passages in the library from MAX_PASSAGES or --max-passages', () => {
    expect(librarySettings({}, { MAX_PASSAGES: '500000' }).limits).toEqual({ maxPassages: 500_000 });
    expect(librarySettings({ 'max-passages': '2000' }, { MAX_PASSAGES: '500000' }).limits).toEqual({ maxPassages: 2000 });
  });

  it('defaults to ./data, as the bot does', () => {
    expect(librarySettings({}, { DATA_DIR: '' }).dataDir).toBe(path.resolve('data'));
  });

  it.each([
    [{}, { EXTRACT_TIMEOUT_MS: '3e4' }, 'EXTRACT_TIMEOUT_MS must be a whole number'],
    [
      {},
      { EXTRACT_MAX_BYTES: 'big', EXTRACT_TIMEOUT_MS: '-1' },
      'EXTRACT_TIMEOUT_MS must be a whole number of milliseconds, e.g. 30000; EXTRACT_MAX_BYTES must be a size',
    ],
    [{ 'extract-timeout': 'soon' }, {}, '--extract-timeout takes a whole number'],
    [{ 'extract-max-bytes': '0' }, {}, '--extract-max-bytes takes a size'],
    [{}, { MAX_PASSAGES: '1e6' }, 'MAX_PASSAGES must be a whole number of passages, e.g. 1000000'],
    [{ 'max-passages': 'many' }, {}, '--max-passages takes a whole number of passages, e.g. 1000000'],
  ])('rejects %o with %o as a usage error', (flags, env, message) => {
    expect(() => librarySettings(flags, env)).toThrow(UsageError);
    expect(() => librarySettings(flags, env)).toThrow(message);
  });
});
