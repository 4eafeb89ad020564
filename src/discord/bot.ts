/**
 * Builds the bot without connecting it: a discord.js client with only the Guilds intent, the
 * router on interactionCreate, and the REST base of a Discord-compatible server when configured.
 * Only `start()` logs in.
 */
import { Client, Events, GatewayIntentBits, type ClientOptions } from 'discord.js';
import type { Logger } from 'pino';
import type { LibraryHandle, SlashCommand } from '../../commands/types.ts';
import type { Config } from '../config.ts';
import { createRouter, type RouterOptions } from './router.ts';

export interface BotOptions {
  /** The library (loading, ready or failed); see library.ts. */
  engineProvider: LibraryHandle;
  commands: readonly SlashCommand[];
  log: Logger;
  config: Pick<Config, 'token' | 'apiBase'>;
  /** Shown by /about. */
  version?: string;
  /** Defer when an answer is not ready after this long (ms). */
  deferAfterMs?: number;
  /** Database-backed features (saved passages, follows); absent when the database is unavailable. */
  services?: RouterOptions['services'];
}

export interface Bot {
  client: Client;
  /** Logs in; resolves once the gateway session is ready. */
  start(): Promise<void>;
  /** Disconnects (idempotent). */
  stop(): Promise<void>;
}

/** discord.js client options; `rest.api` only when a base URL is configured (undefined would not fall back to Discord). */
export function clientOptions(apiBase: string | undefined): ClientOptions {
  return {
    intents: [GatewayIntentBits.Guilds],
    allowedMentions: { parse: [], repliedUser: false },
    ...(apiBase ? { rest: { api: apiBase } } : {}),
  };
}

export function createBot(options: BotOptions): Bot {
  const { log } = options;
  const client = new Client(clientOptions(options.config.apiBase));
  const route = createRouter({
    commands: options.commands,
    library: options.engineProvider,
    log,
    version: options.version ?? 'dev',
    ...(options.deferAfterMs !== undefined ? { deferAfterMs: options.deferAfterMs } : {}),
    ...(options.services ? { services: options.services } : {}),
  });
  client.on(Events.InteractionCreate, (interaction) => void route(interaction));
  client.on(Events.Error, (err) => log.error({ err }, 'discord client error'));
  client.on(Events.Warn, (message) => log.warn({ message }, 'discord client warning'));
  client.on(Events.ShardDisconnect, (event, shard) => log.warn({ code: event.code, shard }, 'gateway disconnected'));
  client.on(Events.ShardResume, (shard, replayed) => log.info({ shard, replayed }, 'gateway resumed'));
  let stopped = false;

  return {
    client,
    async start() {
      const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
      await client.login(options.config.token);
      await ready;
      log.info({ user: client.user?.tag, guilds: client.guilds.cache.size }, 'logged in');
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      await client.destroy();
      log.info('disconnected');
    },
  };
}
