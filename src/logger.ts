/** pino, configured once: structured lines, the token redacted, pretty output left to the reader's tools. */
import { pino, type DestinationStream, type Logger } from 'pino';
import type { LogLevel } from './config.ts';

/** Paths that may hold the bot token, wherever a config or client object is logged. */
export const REDACT = ['token', '*.token', 'config.token', 'DISCORD_TOKEN', '*.DISCORD_TOKEN', 'headers.authorization', '*.headers.authorization'];

/** The bot's logger; `destination` defaults to stdout (tests pass a stream to read lines back). */
export function createLogger(level: LogLevel, destination?: DestinationStream): Logger {
  const options = { level, base: { app: 'verbatim' }, redact: { paths: REDACT, censor: '[redacted]' } };
  return destination ? pino(options, destination) : pino(options);
}
