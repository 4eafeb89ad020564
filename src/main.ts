/** `npm start`: the bot on the configured library. Logs in at once; commands say "loading" until the library is ready. */
import { projectVersion } from './project.ts';
import 'dotenv/config';
import path from 'node:path';
import { commands } from '../commands/registry.ts';
import { warmUp } from '../commands/warm-up.ts';
import { ConfigError, parseConfig, type Config } from './config.ts';
import { createBot } from './discord/bot.ts';
import { createLibrary } from './library/handle.ts';
import { defaultCachePath, openLibraryInWorker } from './library/open.ts';
import { closeExtractors } from './ingest/load-library.ts';
import { LibraryWatcher } from './library/live.ts';
import { createLogger } from './logger.ts';
import { DatabaseError, openDatabase, type Database } from './db/database.ts';
import { discordOutbox } from './discord/outbox.ts';
import { FollowService } from './follows/service.ts';
import { SavedStore } from './saved/store.ts';
import type { SearchEngine } from './types.ts';
import { Metrics } from './health/metrics.ts';
import { startHealthServer, type HealthServer } from './health/server.ts';

/** Exit code for problems a restart cannot fix (configuration, token): the supervisor stops (sysexits EX_CONFIG). */
const EXIT_CONFIG = 78;
/** /library add takes files up to the extraction limit (EXTRACT_MAX_BYTES), 20 MB by default. */
const DEFAULT_UPLOAD_MAX_BYTES = 20 * 1024 * 1024;

let config: Readonly<Config>;
try {
  config = parseConfig(process.env);
} catch (err) {
  if (!(err instanceof ConfigError)) throw err;
  process.stderr.write(`${err.message} See .env.example (or search without Discord: npm run search -- "your words").\n`);
  process.exit(EXIT_CONFIG);
}

const log = createLogger(config.logLevel);
const version = projectVersion();
const dataDir = path.resolve(config.dataDir);
const cachePath = path.resolve(config.indexCache ?? defaultCachePath(dataDir));

const metrics = new Metrics();
log.info({ version, dataDir, uptimeMs: Math.round(process.uptime() * 1000) }, 'opening the library');
const limits = config.extractLimits ?? {};
const libraryLog = log.child({ part: 'library' });
let lastLogged = 0;
// The library is opened, and rebuilt (/reindex), on a worker thread: answers never wait for it.
// Live updates (WATCH_LIBRARY, on by default): files added, changed or removed are indexed incrementally.
const live =
  config.watchLibrary === false
    ? undefined
    : new LibraryWatcher({
        dataDir,
        cachePath,
        load: { limits },
        log: libraryLog,
        rebuild: () => openLibraryInWorker({ dataDir, cachePath, limits, rebuild: true, log: libraryLog }),
      });
const library = createLibrary(
  (onProgress, options) =>
    openLibraryInWorker({
      dataDir,
      cachePath,
      limits,
      rebuild: options?.rebuild ?? false,
      log: libraryLog,
      onProgress: (done: number, total: number) => {
        onProgress(done, total);
        if (Date.now() - lastLogged > 5000) {
          lastLogged = Date.now();
          log.info({ done, total }, 'loading library');
        }
      },
    }),
  {
    ...(live ? { live, onLiveError: (err: unknown) => log.warn({ err }, 'live library updates could not start') } : {}),
    warmUp: async (engine) => {
      log.info('warming up');
      const { runs, ms } = await warmUp(engine, commands);
      log.info({ runs, ms }, 'warmed up');
    },
    onWarmUpError: (err) => log.warn({ err }, 'warm-up failed; serving anyway'),
    onStatus: (status) => (metrics.status = status),
    onEngine: (engine: SearchEngine) => {
      metrics.libraryChanged(engine.stats());
      follows?.onEngine(engine);
    },
  },
);
// Follows and saved passages live in the database; without it search works and they say they are unavailable.
let database: Database | undefined;
try {
  database = openDatabase(config.databasePath);
  log.info({ databasePath: database.path, schema: database.version() }, 'database ready');
} catch (err) {
  if (!(err instanceof DatabaseError)) throw err;
  log.error({ databasePath: config.databasePath }, `${err.message} — follows and saved passages are off; search works`);
}
const follows = database ? new FollowService({ db: database, log: log.child({ part: 'follows' }) }) : undefined;
const saved = database ? new SavedStore(database) : undefined;
// (opened after the library has started opening: the engine callback above runs only once it is open)

const bot = createBot({
  engineProvider: library,
  commands,
  log,
  config,
  version,
  libraryName: path.basename(config.dataDir),
  services: {
    ...(saved ? { saved } : {}),
    ...(follows ? { follows } : {}),
    uploads: { dataDir, maxBytes: limits.maxBytes ?? DEFAULT_UPLOAD_MAX_BYTES, ...(config.libraryRoleId ? { roleId: config.libraryRoleId } : {}) },
  },
  onInteraction: (f) =>
    metrics.recordInteraction({
      kind: String(f['kind']),
      command: String(f['command'] ?? ''),
      outcome: String(f['outcome'] ?? 'ok'),
      ms: Number(f['ms']),
    }),
  onDroppedEvent: () => metrics.droppedEvents++,
  onGateway: (up) => (metrics.gatewayConnected = up),
});
let health: HealthServer | undefined;
if (config.healthPort !== undefined) {
  startHealthServer(metrics, { port: config.healthPort, ...(config.healthHost ? { host: config.healthHost } : {}) }).then(
    (server) => {
      health = server;
      log.info({ port: server.port, host: config.healthHost ?? '127.0.0.1' }, 'health endpoint listening (/health, /ready, /metrics)');
    },
    (err: unknown) => {
      log.fatal({ err, port: config.healthPort }, `health endpoint could not listen: ${err instanceof Error ? err.message : String(err)}`);
      void shutdown('health-failed', EXIT_CONFIG);
    },
  );
}

/** Runs a log call that must not throw (stdout may be a closed pipe while stopping). */
function quietly(write: () => void): void {
  try {
    write();
  } catch {
    // nothing left to tell
  }
}
let shuttingDown = false;
async function shutdown(signal: string, code: number): Promise<void> {
  if (shuttingDown) return;
  shuttingDown = true;
  // armed first: whatever hangs or throws below (a gateway that never closes, a closed stdout), the process ends
  setTimeout(() => process.exit(code), 10_000).unref();
  quietly(() => log.info({ signal }, 'shutting down'));
  await follows?.stop().catch((err: unknown) => log.error({ err }, 'error while stopping follows'));
  await bot.stop().catch((err: unknown) => log.error({ err }, 'error while disconnecting'));
  await library.close().catch((err: unknown) => log.error({ err }, 'error while stopping live updates'));
  await health?.close().catch(() => undefined);
  await closeExtractors().catch(() => undefined);
  database?.close();
  process.exit(code);
}
process.on('SIGINT', () => void shutdown('SIGINT', 0));
process.on('SIGTERM', () => void shutdown('SIGTERM', 0));
// Anything thrown outside the guarded paths is a bug whose effect is unknown: log it, stop, and
// let the supervisor (scripts/start.mjs, systemd, Docker) start a clean process.
let crashing = false;
const crash = (kind: string) => (err: unknown) => {
  if (crashing) return;
  crashing = true;
  quietly(() => log.fatal({ err, kind }, `${kind}: stopping so that the supervisor restarts the bot`));
  void shutdown(kind, 1);
};
process.on('uncaughtException', crash('uncaughtException'));
process.on('unhandledRejection', crash('unhandledRejection'));

library.ready.then(
  ({ report, fromCache }) =>
    log.info(
      { documents: report.documents, passages: report.passages, skipped: report.skipped.length, fromCache, dataDir, watching: live !== undefined },
      'library ready',
    ),
  (err: unknown) => {
    log.fatal({ err, dataDir }, `library could not be loaded: ${err instanceof Error ? err.message : String(err)}`);
    void shutdown('library-failed', 1);
  },
);

bot.start().then(
  () => follows?.start(discordOutbox(bot.client)),
  (err: unknown) => {
    log.fatal({ err }, `could not log in to Discord: ${err instanceof Error ? err.message : String(err)}`);
    // a rejected token will be rejected again: no restart; a network problem may pass
    const code = (err as { code?: unknown } | null)?.code;
    void shutdown('login-failed', code === 'TokenInvalid' || code === 'DisallowedIntents' ? EXIT_CONFIG : 1);
  },
);
