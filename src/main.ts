/** `npm start`: the bot on the configured library. Logs in at once; commands say "loading" until the library is ready. */
import 'dotenv/config';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { commands } from '../commands/index.ts';
import { ConfigError, parseConfig, type Config } from './config.ts';
import { createBot } from './discord/bot.ts';
import { createLibrary } from './discord/library.ts';
import { defaultCachePath, openLibrary } from './index/open.ts';
import { createLogger } from './logger.ts';

let config: Readonly<Config>;
try {
  config = parseConfig(process.env);
} catch (err) {
  if (!(err instanceof ConfigError)) throw err;
  process.stderr.write(`${err.message} See .env.example.\n`);
  process.exit(1);
}

const log = createLogger(config.logLevel);
const version = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;
const dataDir = path.resolve(config.dataDir);
const cachePath = path.resolve(config.indexCache ?? defaultCachePath(dataDir));

let lastLogged = 0;
const library = createLibrary((onProgress) =>
  openLibrary({
    dataDir,
    cachePath,
    log: log.child({ part: 'library' }),
    onProgress: (done: number, total: number) => {
      onProgress(done, total);
      if (Date.now() - lastLogged > 5000) {
        lastLogged = Date.now();
        log.info({ done, total }, 'loading library');
      }
    },
  }),
);
const bot = createBot({ engineProvider: library, commands, log, config, version });

async function shutdown(signal: string, code: number): Promise<void> {
  log.info({ signal }, 'shutting down');
  await bot.stop().catch((err: unknown) => log.error({ err }, 'error while disconnecting'));
  process.exit(code);
}
process.once('SIGINT', () => void shutdown('SIGINT', 0));
process.once('SIGTERM', () => void shutdown('SIGTERM', 0));

library.ready.then(
  ({ report, fromCache }) =>
    log.info({ documents: report.documents, passages: report.passages, skipped: report.skipped.length, fromCache, dataDir }, 'library ready'),
  (err: unknown) => {
    log.fatal({ err, dataDir }, `library could not be loaded: ${err instanceof Error ? err.message : String(err)}`);
    void shutdown('library-failed', 1);
  },
);

bot.start().catch((err: unknown) => {
  log.fatal({ err }, `could not log in to Discord: ${err instanceof Error ? err.message : String(err)}`);
  void shutdown('login-failed', 1);
});
