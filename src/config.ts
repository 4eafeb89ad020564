/**
 * Configuration, parsed once from an environment object by pure functions: the library settings
 * the bot and the CLI share ({@link parseLibraryConfig}; the CLI layers its flags on top, with the
 * value parsers below), and the bot's own ({@link parseConfig}). Only the entry points read the
 * process environment (and the .env file); tests pass plain objects.
 */

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** What the bot and the CLI both read: where the library and its index are, and the extraction limits. */
export interface LibraryConfig {
  /** DATA_DIR (default ./data). */
  dataDir: string;
  /** INDEX_CACHE: the index cache file; when absent the library's default (.cache/index-<library>-<hash>.bin). */
  indexCache?: string;
  /**
   * Limits for extracting one PDF/Word/HTML file (EXTRACT_TIMEOUT_MS, EXTRACT_MAX_BYTES), and on
   * passages in the library (MAX_PASSAGES); absent: the defaults (30 s, 20 MB, 1,000,000).
   */
  extractLimits?: { timeoutMs?: number; maxBytes?: number; maxPassages?: number };
}

export interface Config extends LibraryConfig {
  token: string;
  clientId: string;
  /** Deploy commands to this guild (instant) instead of globally. */
  guildId?: string;
  logLevel: LogLevel;
  /** REST base of a Discord-compatible server, `http(s)://host[:port]/api` (no version, no trailing slash). */
  apiBase?: string;
  /** WATCH_LIBRARY: keep the index current with the library folder while running. Set only when given; absent means true. */
  watchLibrary?: boolean;
  /** DATABASE_PATH: the SQLite file for follows and saved passages (default .data/verbatim.db). */
  databasePath: string;
  /** HEALTH_PORT: serve /health, /ready and /metrics on this port; absent: no endpoint. */
  healthPort?: number;
  /** HEALTH_HOST: the address the endpoint listens on (default 127.0.0.1, localhost only). */
  healthHost?: string;
  /** LIBRARY_ROLE_ID: members of this role may use /library add and remove (besides Manage Server). */
  libraryRoleId?: string;
}

/** Configuration that cannot be used; the message names every bad variable on one line. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

type Env = Readonly<Record<string, string | undefined>>;
/** A variable's value, trimmed; unset and empty are the same. */
type Get = (name: string) => string | undefined;

const SNOWFLAKE = /^\d{15,22}$/;

function getter(env: Env): Get {
  return (name) => {
    const v = env[name]?.trim();
    return v ? v : undefined;
  };
}

/** `30000` → 30000; undefined unless a whole positive number of milliseconds. */
export function parseMilliseconds(text: string): number | undefined {
  const t = text.trim();
  return /^\d+$/.test(t) && Number(t) > 0 ? Number(t) : undefined;
}

/** `1000000` → 1000000; undefined unless a whole positive number. */
export function parseCount(text: string): number | undefined {
  const t = text.trim().replace(/[_,]/g, '');
  return /^\d+$/.test(t) && Number(t) > 0 ? Number(t) : undefined;
}

/** `20000000`, `20MB`, `512 KB`, `1.5mb` → bytes; undefined when not a positive size. */
export function parseBytes(text: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?)\s*(b|kb|mb|gb)?$/i.exec(text.trim());
  if (!m) return undefined;
  const unit = { b: 1, kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3 }[(m[2] ?? 'b').toLowerCase() as 'b' | 'kb' | 'mb' | 'gb'];
  const n = Math.round(Number(m[1]) * unit);
  return n > 0 ? n : undefined;
}

/** The library settings, each problem added to `problems`. */
function libraryConfig(get: Get, problems: string[]): LibraryConfig {
  const extractLimits: NonNullable<LibraryConfig['extractLimits']> = {};
  const timeout = get('EXTRACT_TIMEOUT_MS');
  if (timeout !== undefined) {
    const n = parseMilliseconds(timeout);
    if (n === undefined) problems.push('EXTRACT_TIMEOUT_MS must be a whole number of milliseconds, e.g. 30000');
    else extractLimits.timeoutMs = n;
  }
  const maxBytes = get('EXTRACT_MAX_BYTES');
  if (maxBytes !== undefined) {
    const n = parseBytes(maxBytes);
    if (n === undefined) problems.push('EXTRACT_MAX_BYTES must be a size such as 20MB, 500KB or 20000000');
    else extractLimits.maxBytes = n;
  }
  const maxPassages = get('MAX_PASSAGES');
  if (maxPassages !== undefined) {
    const n = parseCount(maxPassages);
    if (n === undefined) problems.push('MAX_PASSAGES must be a whole number of passages, e.g. 1000000');
    else extractLimits.maxPassages = n;
  }
  const config: LibraryConfig = { dataDir: get('DATA_DIR') ?? './data' };
  const cache = get('INDEX_CACHE');
  if (cache) config.indexCache = cache;
  if (Object.keys(extractLimits).length) config.extractLimits = extractLimits;
  return config;
}

function configError(problems: readonly string[]): ConfigError {
  return new ConfigError(`Configuration: ${problems.join('; ')}.`);
}

/**
 * Parses the library settings (DATA_DIR, INDEX_CACHE, EXTRACT_TIMEOUT_MS, EXTRACT_MAX_BYTES, MAX_PASSAGES), as
 * the bot and the CLI read them. Unset and empty variables are the same.
 * @throws ConfigError listing every malformed variable at once.
 */
export function parseLibraryConfig(env: Env): Readonly<LibraryConfig> {
  const problems: string[] = [];
  const config = libraryConfig(getter(env), problems);
  if (problems.length) throw configError(problems);
  return Object.freeze(config);
}

function apiBaseProblem(value: string): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'DISCORD_API_BASE must be an http(s) URL like http://127.0.0.1:8080/api';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'DISCORD_API_BASE must be an http(s) URL like http://127.0.0.1:8080/api';
  if (value.endsWith('/')) return 'DISCORD_API_BASE must not end with a slash (use …/api)';
  if (/\/v\d+$/.test(url.pathname)) return 'DISCORD_API_BASE must not include the API version (use …/api, not …/api/v10)';
  if (url.search || url.hash) return 'DISCORD_API_BASE must not have a query or fragment';
  return undefined;
}

/** DATABASE_PATH, or the default `.data/verbatim.db` (also read by `npm run backup`, which needs no token). */
export function databasePath(env: Readonly<Record<string, string | undefined>>): string {
  return env['DATABASE_PATH']?.trim() || '.data/verbatim.db';
}

/**
 * Parses the bot's environment: its Discord settings and the library settings. Unset and empty
 * variables are the same.
 * @throws ConfigError listing every missing or malformed variable at once.
 */
export function parseConfig(env: Env): Readonly<Config> {
  const get = getter(env);
  const problems: string[] = [];
  const token = get('DISCORD_TOKEN');
  if (!token) problems.push('DISCORD_TOKEN is missing (the bot token from the Developer Portal)');
  else if (/\s/.test(token)) problems.push('DISCORD_TOKEN must not contain spaces');
  const clientId = get('DISCORD_CLIENT_ID');
  if (!clientId) problems.push('DISCORD_CLIENT_ID is missing (the application id)');
  else if (!SNOWFLAKE.test(clientId)) problems.push('DISCORD_CLIENT_ID must be a numeric id');
  const guildId = get('DISCORD_GUILD_ID');
  if (guildId && !SNOWFLAKE.test(guildId)) problems.push('DISCORD_GUILD_ID must be a numeric id');
  const level = (get('LOG_LEVEL') ?? 'info').toLowerCase();
  if (!(LOG_LEVELS as readonly string[]).includes(level)) problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}`);
  const apiBase = get('DISCORD_API_BASE');
  const apiProblem = apiBase === undefined ? undefined : apiBaseProblem(apiBase);
  if (apiProblem) problems.push(apiProblem);
  const watch = get('WATCH_LIBRARY')?.toLowerCase();
  if (watch !== undefined && !['true', 'false', '1', '0', 'yes', 'no', 'on', 'off'].includes(watch))
    problems.push('WATCH_LIBRARY must be true or false');
  const library = libraryConfig(get, problems);
  const healthPort = get('HEALTH_PORT');
  if (healthPort !== undefined && !(/^\d+$/.test(healthPort) && Number(healthPort) >= 1 && Number(healthPort) <= 65535))
    problems.push('HEALTH_PORT must be a port number (1-65535), e.g. 9464');
  const libraryRoleId = get('LIBRARY_ROLE_ID');
  if (libraryRoleId !== undefined && !SNOWFLAKE.test(libraryRoleId)) problems.push('LIBRARY_ROLE_ID must be a numeric role id');
  const healthHost = get('HEALTH_HOST');
  if (healthHost !== undefined && /[\s/]/.test(healthHost)) problems.push('HEALTH_HOST must be an address such as 127.0.0.1 or 0.0.0.0');
  if (problems.length) throw configError(problems);

  const config: Config = {
    token: token!,
    clientId: clientId!,
    ...library,
    logLevel: level as LogLevel,
    databasePath: databasePath(env),
  };
  if (watch !== undefined) config.watchLibrary = ['true', '1', 'yes', 'on'].includes(watch);
  if (guildId) config.guildId = guildId;
  if (apiBase) config.apiBase = apiBase;
  if (healthPort !== undefined) config.healthPort = Number(healthPort);
  if (healthHost !== undefined) config.healthHost = healthHost;
  if (libraryRoleId !== undefined) config.libraryRoleId = libraryRoleId;
  return Object.freeze(config);
}
