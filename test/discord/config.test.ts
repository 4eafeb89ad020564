import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig, parseLibraryConfig } from '../../src/config.ts';
import { clientOptions } from '../../src/discord/bot.ts';
import { createLogger } from '../../src/logger.ts';

const valid = { DISCORD_TOKEN: 'MTIz.abc.def', DISCORD_CLIENT_ID: '123456789012345678' };

function problem(env: Record<string, string>): string {
  try {
    parseConfig(env);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as Error).message;
  }
  throw new Error('expected a ConfigError');
}

describe('parseConfig', () => {
  it('fills in defaults', () => {
    expect(parseConfig(valid)).toEqual({
      token: 'MTIz.abc.def',
      clientId: '123456789012345678',
      dataDir: './data',
      logLevel: 'info',
      databasePath: '.data/verbatim.db',
    });
  });

  it('reads every variable', () => {
    const config = parseConfig({
      ...valid,
      DISCORD_GUILD_ID: '876543210987654321',
      DATA_DIR: '/srv/library',
      INDEX_CACHE: '/var/cache/verbatim.json',
      LOG_LEVEL: 'DEBUG',
      DISCORD_API_BASE: 'http://127.0.0.1:8080/api',
      DATABASE_PATH: '/var/lib/verbatim/bot.db',
    });
    expect(config).toMatchObject({
      guildId: '876543210987654321',
      dataDir: '/srv/library',
      indexCache: '/var/cache/verbatim.json',
      logLevel: 'debug',
      apiBase: 'http://127.0.0.1:8080/api',
      databasePath: '/var/lib/verbatim/bot.db',
    });
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('names every missing or malformed variable at once, on one line', () => {
    const message = problem({ DISCORD_CLIENT_ID: 'my-app', LOG_LEVEL: 'loud', DISCORD_GUILD_ID: 'guild' });
    expect(message).not.toContain('\n');
    for (const name of [
      'DISCORD_TOKEN is missing',
      'DISCORD_CLIENT_ID must be a numeric id',
      'DISCORD_GUILD_ID must be a numeric id',
      'LOG_LEVEL must be one of',
    ]) {
      expect(message).toContain(name);
    }
  });

  it.each([
    ['http://127.0.0.1:8080/api/v10', 'must not include the API version'],
    ['http://127.0.0.1:8080/api/', 'must not end with a slash'],
    ['127.0.0.1:8080/api', 'must be an http(s) URL'],
    ['ftp://127.0.0.1/api', 'must be an http(s) URL'],
    ['not a url', 'must be an http(s) URL'],
  ])('rejects DISCORD_API_BASE=%s', (value, why) => {
    expect(problem({ ...valid, DISCORD_API_BASE: value })).toContain(why);
  });

  it('treats empty variables as unset (as a copied .env.example leaves them)', () => {
    expect(parseConfig({ ...valid, DISCORD_GUILD_ID: '', DISCORD_API_BASE: '', INDEX_CACHE: '' })).not.toHaveProperty('apiBase');
  });
});

describe('parseLibraryConfig (the bot and the CLI)', () => {
  it('reads the library settings alone, without Discord variables', () => {
    expect(parseLibraryConfig({ DATA_DIR: '/srv/library', EXTRACT_TIMEOUT_MS: '20000', EXTRACT_MAX_BYTES: '5MB' })).toEqual({
      dataDir: '/srv/library',
      extractLimits: { timeoutMs: 20000, maxBytes: 5 * 1024 ** 2 },
    });
  });

  it('gives the bot the same settings', () => {
    const env = { ...valid, DATA_DIR: '/srv/library', INDEX_CACHE: '/tmp/i.bin', EXTRACT_MAX_BYTES: '512 KB' };
    expect(parseConfig(env)).toMatchObject(parseLibraryConfig(env));
  });

  it('names every bad library variable at once', () => {
    expect(() => parseLibraryConfig({ EXTRACT_TIMEOUT_MS: '30s', EXTRACT_MAX_BYTES: '-5' })).toThrow(
      'Configuration: EXTRACT_TIMEOUT_MS must be a whole number of milliseconds, e.g. 30000; EXTRACT_MAX_BYTES must be a size such as 20MB, 500KB or 20000000.',
    );
  });
});

describe('client options', () => {
  it('asks only for the Guilds intent and passes rest.api only when configured', () => {
    expect(clientOptions(undefined)).not.toHaveProperty('rest');
    expect(clientOptions(undefined).intents).toEqual([1]);
    expect(clientOptions('http://127.0.0.1:8080/api').rest).toEqual({ api: 'http://127.0.0.1:8080/api' });
  });
});

describe('logger', () => {
  it('never writes the token', () => {
    const lines: string[] = [];
    const sink = new Writable({ write: (chunk: Buffer, _enc, done) => (lines.push(chunk.toString()), done()) });
    const log = createLogger('info', sink);
    const config = parseConfig(valid);
    log.info({ config }, 'starting');
    log.info({ token: config.token, headers: { authorization: `Bot ${config.token}` } }, 'request');
    expect(lines.join('')).not.toContain('MTIz.abc.def');
    expect(lines.join('')).toContain('[redacted]');
  });
});
