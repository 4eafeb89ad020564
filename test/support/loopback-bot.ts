/**
 * The bot as a child process against the loopback Discord server (test/discord-server), shared by
 * the live end-to-end test and the benchmarks that drive the bot the way a member would
 * (bench/burst.ts, bench/first-answers.ts, bench/live-bot.ts): start the fake Discord, spawn the
 * bot with the environment that points it there, collect its log lines, wait until it serves,
 * stop both.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startFakeDiscord, type FakeDiscord } from '../discord-server/fake-discord.ts';

export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface LoopbackBotOptions {
  /** Command and arguments that start the bot, e.g. `['node', 'scripts/start.mjs', '--no-supervise']`. */
  command: readonly string[];
  /** Environment on top of PATH, HOME and the DISCORD_* variables that point at the fake (DATA_DIR, INDEX_CACHE, ...). */
  env: Record<string, string>;
  /** Own process group (default true): npm, the supervisor and the bot are stopped together. */
  detached?: boolean;
  /** Where the bot's stderr goes (default inherit). */
  stderr?: 'inherit' | 'pipe' | 'ignore';
  /** Called with each complete line of the bot's stdout and its time in ms after the spawn. */
  onLine?: (line: string, ms: number) => void;
}

export interface LogLine {
  /** ms after the spawn */
  at: number;
  line: string;
}

export interface LoopbackBot {
  fake: FakeDiscord;
  child: ChildProcess;
  /** performance.now() at the spawn. */
  startedAt: number;
  /** Every complete stdout line so far. */
  log: LogLine[];
  /** Sends `signal` to the bot (its whole process group when detached); no-op once it is gone. */
  signal(signal: NodeJS.Signals): void;
  /** Resolves once a stdout line contains `text` (true), or false after `timeoutMs`. */
  waitForLog(text: string, timeoutMs: number): Promise<boolean>;
  /**
   * Waits for the bot's gateway login, then asks /about every `pollMs` until it no longer says the
   * library is loading; resolves to the ms after the spawn when it first did not.
   */
  waitServing(opts: { pollMs: number; readyTimeoutMs?: number }): Promise<number>;
  /** The last `n` log lines, each as "ms line" cut at 300 characters. */
  tail(n: number): string;
  /** SIGTERM, waits for the bot to close (at most `timeoutMs`), then closes the fake Discord. */
  stop(timeoutMs: number): Promise<void>;
}

/** The bot's library settings: DATA_DIR, INDEX_CACHE (no `cache`: the library's default cache path), WATCH_LIBRARY. */
export function libraryEnv(data: string, cache: string | undefined, watch: boolean): Record<string, string> {
  return { DATA_DIR: path.resolve(data), INDEX_CACHE: cache ? path.resolve(cache) : '', WATCH_LIBRARY: String(watch) };
}

/** Starts the fake Discord and spawns the bot against it. */
export async function startLoopbackBot(opts: LoopbackBotOptions): Promise<LoopbackBot> {
  const fake = await startFakeDiscord();
  const [cmd, ...args] = opts.command;
  const detached = opts.detached ?? true;
  const startedAt = performance.now();
  const child = spawn(cmd!, args, {
    cwd: REPO_ROOT,
    env: {
      PATH: process.env['PATH'] ?? '',
      HOME: process.env['HOME'] ?? '',
      DISCORD_TOKEN: fake.token,
      DISCORD_CLIENT_ID: fake.applicationId,
      DISCORD_GUILD_ID: fake.guildId,
      DISCORD_API_BASE: fake.apiBase,
      LOG_LEVEL: 'info',
      HEALTH_PORT: '',
      ...opts.env,
    },
    stdio: ['ignore', 'pipe', opts.stderr ?? 'inherit'],
    detached,
  });
  const log: LogLine[] = [];
  const waiters: Array<{ text: string; resolve: (found: boolean) => void }> = [];
  let buffered = '';
  child.stdout!.on('data', (d: Buffer) => {
    buffered += d.toString();
    let nl: number;
    while ((nl = buffered.indexOf('\n')) >= 0) {
      const line = buffered.slice(0, nl);
      buffered = buffered.slice(nl + 1);
      const at = Math.round(performance.now() - startedAt);
      log.push({ at, line });
      opts.onLine?.(line, at);
      for (const w of waiters.filter((w) => line.includes(w.text))) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(true);
      }
    }
  });
  const signal = (sig: NodeJS.Signals): void => {
    try {
      if (detached) process.kill(-child.pid!, sig);
      else child.kill(sig);
    } catch {
      // already gone
    }
  };
  process.on('exit', () => {
    if (child.exitCode === null) signal('SIGKILL');
  });
  return {
    fake,
    child,
    startedAt,
    log,
    signal,
    waitForLog(text, timeoutMs) {
      if (log.some((l) => l.line.includes(text))) return Promise.resolve(true);
      return new Promise((resolve) => {
        const w = { text, resolve };
        waiters.push(w);
        setTimeout(() => {
          const i = waiters.indexOf(w);
          if (i >= 0) waiters.splice(i, 1);
          resolve(false);
        }, timeoutMs).unref();
      });
    },
    async waitServing({ pollMs, readyTimeoutMs = 60_000 }) {
      await fake.waitForGateway('ready', { after: 0, timeoutMs: readyTimeoutMs });
      for (;;) {
        const about = await fake.slashCommand('about').response({ timeoutMs: 30_000 });
        if (!about.content.startsWith('Library is loading')) break;
        await new Promise((r) => setTimeout(r, pollMs));
      }
      return Math.round(performance.now() - startedAt);
    },
    tail(n) {
      return log
        .slice(-n)
        .map((l) => `${l.at} ${l.line.slice(0, 300)}`)
        .join('\n');
    },
    async stop(timeoutMs) {
      signal('SIGTERM');
      await Promise.race([new Promise((r) => child.once('close', r)), new Promise((r) => setTimeout(r, timeoutMs))]);
      await fake.close();
    },
  };
}

/** On an uncaught error: its message and the bot's last log lines on stderr, exit code 1 (the bot is killed on exit). */
export function exitWithBotLog(bot: LoopbackBot): void {
  process.on('uncaughtException', (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\nlast bot log lines:\n${bot.tail(15)}\n`);
    process.exit(1);
  });
}
