/** `npm start`: the bot on the configured library. Logs in at once; commands say "loading" until the library is ready. */
import { projectVersion } from './project.ts';
import 'dotenv/config';
import path from 'node:path';
import { commands } from '../commands/index.ts';
import { ConfigError, parseConfig, type Config } from './config.ts';
import { createBot } from './discord/bot.ts';
import { createLibrary } from './discord/library.ts';
import { defaultCachePath, openLibraryInWorker } from './index/open.ts';
import { closeExtractors } from './ingest/library.ts';
import { LibraryWatcher } from './library/live.ts';
import { createLogger } from './logger.ts';
import { DatabaseError, openDatabase, type Database } from './db/database.ts';
import { discordOutbox } from './discord/outbox.ts';
import { FollowService } from './follows/service.ts';
import { SavedStore } from './saved/store.ts';
import type { SearchEngine } from './types.ts';

let config: Readonly<Config>;
try {
  config = parseConfig(process.env);
} catch (err) {
  if (!(err instanceof ConfigError)) throw err;
  process.stderr.write(`${err.message} See .env.example (or search without Discord: npm run search -- "your words").\n`);
  process.exit(1);
}

const log = createLogger(config.logLevel);
const version = projectVersion();
const dataDir = path.resolve(config.dataDir);
const cachePath = path.resolve(config.indexCache ?? defaultCachePath(dataDir));

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
    ...(follows ? { onEngine: (engine: SearchEngine) => follows.onEngine(engine) } : {}),
  },
);
const bot = createBot({
  engineProvider: library,
  commands,
  log,
  config,
  version,
  services: { ...(saved ? { saved } : {}), ...(follows ? { follows } : {}) },
});

async function shutdown(signal: string, code: number): Promise<void> {
  log.info({ signal }, 'shutting down');
  await follows?.stop().catch((err: unknown) => log.error({ err }, 'error while stopping follows'));
  await bot.stop().catch((err: unknown) => log.error({ err }, 'error while disconnecting'));
  await library.close().catch((err: unknown) => log.error({ err }, 'error while stopping live updates'));
  await closeExtractors().catch(() => undefined);
  database?.close();
  process.exit(code);
}
process.once('SIGINT', () => void shutdown('SIGINT', 0));
process.once('SIGTERM', () => void shutdown('SIGTERM', 0));

library.ready.then(
  ({ report, fromCache }) =>
    log.info({ documents: report.documents, passages: report.passages, skipped: report.skipped.length, fromCache, dataDir, watching: live !== undefined }, 'library ready'),
  (err: unknown) => {
    log.fatal({ err, dataDir }, `library could not be loaded: ${err instanceof Error ? err.message : String(err)}`);
    void shutdown('library-failed', 1);
  },
);

bot.start().then(
  () => follows?.start(discordOutbox(bot.client)),
  (err: unknown) => {
    log.fatal({ err }, `could not log in to Discord: ${err instanceof Error ? err.message : String(err)}`);
    void shutdown('login-failed', 1);
  },
);
