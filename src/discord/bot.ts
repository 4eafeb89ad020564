/**
 * Builds the bot without connecting it: a discord.js client with only the Guilds intent, the
 * router on interactionCreate, and the REST base of a Discord-compatible server when configured.
 * Only `start()` logs in.
 */
import { Client, Events, GatewayIntentBits, type ClientOptions } from 'discord.js';
import type { Logger } from 'pino';
import type { SlashCommand } from '../command.ts';
import type { LibraryHandle } from '../library/handle.ts';
import type { Config } from '../config.ts';
import { createRouter, type RouterOptions } from './router.ts';

export interface BotOptions {
  /** The library (loading, ready or failed); see src/library/handle.ts. */
  engineProvider: LibraryHandle;
  commands: readonly SlashCommand[];
  log: Logger;
  config: Pick<Config, 'token' | 'apiBase'>;
  /** Shown by /about. */
  version?: string;
  /** Named in chart source lines (the library folder's name). */
  libraryName?: string;
  /** Defer when an answer is not ready after this long (ms). */
  deferAfterMs?: number;
  /** Command runs accepted at once (running or queued) before new ones get a "busy" reply. */
  maxQueue?: number;
  /** Database-backed features (saved passages, follows); absent when the database is unavailable. */
  services?: RouterOptions['services'];
  /** Called once per handled interaction with its log fields (kind, command, outcome, ms). */
  onInteraction?: (fields: Readonly<Record<string, unknown>>) => void;
  /** Called when a malformed gateway event was dropped (after it is logged). */
  onDroppedEvent?: (event: { type: string; id?: string }) => void;
  /** Called when the gateway session goes up or down. */
  onGateway?: (connected: boolean) => void;
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

/** A gateway dispatch as discord.js hands it to its packet handlers. */
interface Packet {
  t?: unknown;
  d?: unknown;
}

/**
 * discord.js runs each dispatch's handler inside the websocket's message listener: a handler that
 * throws on a malformed event (an INTERACTION_CREATE without `data` does, in
 * InteractionCreateAction) becomes an unhandled rejection, and Node stops the process. Wraps the
 * client's packet handling so such an event is logged with its type and id and dropped, and every
 * other event is handled as before. Returns false when discord.js has no such hook (the guard is then off).
 */
export function guardGatewayEvents(client: Client, onDropped: (event: { type: string; id?: string; err: unknown }) => void): boolean {
  const manager = client.ws as unknown as { handlePacket?: (packet: Packet | undefined, shard: unknown) => boolean };
  const handle = manager.handlePacket;
  if (typeof handle !== 'function') return false;
  manager.handlePacket = function guardedHandlePacket(packet, shard) {
    try {
      return handle.call(this, packet, shard);
    } catch (err) {
      const d = packet?.d;
      const id = d && typeof d === 'object' && 'id' in d && (typeof d.id === 'string' || typeof d.id === 'number') ? String(d.id) : undefined;
      onDropped({ type: typeof packet?.t === 'string' ? packet.t : String(packet?.t), ...(id !== undefined ? { id } : {}), err });
      return true;
    }
  };
  return true;
}

export function createBot(options: BotOptions): Bot {
  const { log } = options;
  const client = new Client(clientOptions(options.config.apiBase));
  const route = createRouter({
    commands: options.commands,
    library: options.engineProvider,
    log,
    version: options.version ?? 'dev',
    ...(options.libraryName !== undefined ? { libraryName: options.libraryName } : {}),
    ...(options.deferAfterMs !== undefined ? { deferAfterMs: options.deferAfterMs } : {}),
    ...(options.maxQueue !== undefined ? { maxQueue: options.maxQueue } : {}),
    ...(options.services ? { services: options.services } : {}),
    ...(options.onInteraction ? { onInteraction: options.onInteraction } : {}),
  });
  const guarded = guardGatewayEvents(client, ({ type, id, err }) => {
    log.error({ type, id, err }, 'malformed gateway event dropped');
    options.onDroppedEvent?.(id !== undefined ? { type, id } : { type });
  });
  if (!guarded) log.warn('discord.js has no packet hook: malformed gateway events are not guarded');
  client.on(Events.InteractionCreate, (interaction) => {
    route(interaction).catch((err: unknown) => log.error({ err, interaction: interaction.id }, 'interaction handler failed'));
  });
  client.on(Events.ClientReady, () => options.onGateway?.(true));
  client.on(Events.ShardReady, () => options.onGateway?.(true));
  client.on(Events.ShardResume, () => options.onGateway?.(true));
  client.on(Events.ShardDisconnect, () => options.onGateway?.(false));
  client.on(Events.ShardReconnecting, () => options.onGateway?.(false));
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
