/**
 * The bot in the test's own process against the loopback Discord-compatible server, as the
 * end-to-end suites start it: the fake Discord, a configuration pointing there, the commands
 * registered as `npm run deploy-commands` registers them, the library opened (its index cache in a
 * temporary folder) and a bot whose log goes nowhere. After each test the fake's record of
 * Discord's limits broken must be empty ({@link expectNoViolations}).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { expect } from 'vitest';
import { commands } from '../../commands/registry.ts';
import { parseConfig, type Config } from '../../src/config.ts';
import { createBot, type Bot, type BotOptions } from '../../src/discord/bot.ts';
import { deployCommands } from '../../src/discord/deploy.ts';
import { createLibrary, type Library } from '../../src/library/handle.ts';
import { openLibrary } from '../../src/library/open.ts';
import { createLogger } from '../../src/logger.ts';
import type { SearchEngine } from '../../src/types.ts';
import { startFakeDiscord, type FakeDiscord } from '../discord-server/fake-discord.ts';

export interface OnLoopback {
  fake: FakeDiscord;
  config: Readonly<Config>;
  library: Library;
  /** The library's engine once it is ready. */
  engine: SearchEngine;
}

/** Starts the fake Discord, registers the commands and opens the library at `dataDir` (ready when resolved). */
export async function openOnLoopback(dataDir: string): Promise<OnLoopback> {
  const fake = await startFakeDiscord();
  const config = parseConfig({
    DISCORD_TOKEN: fake.token,
    DISCORD_CLIENT_ID: fake.applicationId,
    DISCORD_GUILD_ID: fake.guildId,
    DATA_DIR: dataDir,
    INDEX_CACHE: path.join(mkdtempSync(path.join(tmpdir(), 'verbatim-e2e-')), 'index.bin'),
    LOG_LEVEL: 'info',
    DISCORD_API_BASE: fake.apiBase,
  });
  await deployCommands(
    config,
    commands.map((c) => c.data),
  );
  const library = createLibrary((onProgress) => openLibrary({ dataDir: config.dataDir, cachePath: config.indexCache!, onProgress }));
  const engine = (await library.ready).engine;
  return { fake, config, library, engine };
}

/** A bot over `on`'s library (or `options.engineProvider`), every command, its log discarded; not started. */
export function botOnLoopback(on: OnLoopback, options: Partial<Pick<BotOptions, 'engineProvider' | 'deferAfterMs'>> = {}): Bot {
  const sink = new Writable({ write: (_chunk: Buffer, _e, done) => done() });
  return createBot({
    engineProvider: options.engineProvider ?? on.library,
    commands,
    log: createLogger(on.config.logLevel, sink),
    config: on.config,
    version: '0.1.0',
    ...(options.deferAfterMs !== undefined ? { deferAfterMs: options.deferAfterMs } : {}),
  });
}

/** Stops the bot, the fake Discord and the library (each that was started). */
export async function closeOnLoopback(bot: Bot | undefined, on: OnLoopback | undefined): Promise<void> {
  await bot?.stop();
  await on?.fake.close();
  await on?.library.close();
}

/** No reply of the last test broke one of Discord's limits (the fake records each); clears the fake's logs. */
export function expectNoViolations(fake: FakeDiscord): void {
  const violations = [...fake.violations];
  fake.clearLogs();
  expect(violations).toEqual([]);
}
