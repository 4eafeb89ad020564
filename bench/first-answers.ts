/**
 * `npm run bench:first [-- options]`: how fast the bot answers right after it starts. Starts the
 * loopback Discord server, starts the bot as a child process (as `npm start` does) on a library,
 * measures the time until it logs "loading library"/"library ready", then, the moment /about stops
 * saying "loading", sends the first searches (one alone, or a burst of simultaneous ones) and then
 * the same number again, and prints each answer time as Discord's user would see it.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { startFakeDiscord } from '../test/discord-server/fake-discord.ts';
import { REPO_ROOT } from './harness.ts';

const HELP = `Answer times of the first searches after the bot starts.

Usage: npm run bench:first -- [options]

Options:
  --data DIR     the library (default /work/ungdc-lib)
  --cache FILE   the index cache (default: the library's default cache path)
  --burst N      simultaneous first searches (default 1: one search, then 5 more one by one)
  --cmd CMD      how to start the bot (default "node scripts/start.mjs --no-supervise")
  -h, --help     this help`;

const QUERIES = [
  'climate change adaptation',
  'nuclear disarmament',
  '"human rights" Africa',
  'terrorism financing',
  'sustainable development goals',
  'refugees',
  'debt relief',
  'water scarcity',
];

const { values } = parseArgs({
  options: {
    data: { type: 'string', default: '/work/ungdc-lib' },
    cache: { type: 'string' },
    burst: { type: 'string', default: '1' },
    cmd: { type: 'string', default: 'node scripts/start.mjs --no-supervise' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (values.help) {
  process.stdout.write(HELP + '\n');
  process.exit(0);
}
const burst = Number(values.burst);
const fake = await startFakeDiscord();
const [cmd, ...args] = values.cmd.split(' ');
const started = performance.now();
const child = spawn(cmd!, args, {
  cwd: REPO_ROOT,
  env: {
    PATH: process.env['PATH'] ?? '',
    HOME: process.env['HOME'] ?? '',
    DISCORD_TOKEN: fake.token,
    DISCORD_CLIENT_ID: fake.applicationId,
    DISCORD_GUILD_ID: fake.guildId,
    DISCORD_API_BASE: fake.apiBase,
    DATA_DIR: path.resolve(values.data),
    INDEX_CACHE: values.cache ? path.resolve(values.cache) : '',
    LOG_LEVEL: 'info',
    WATCH_LIBRARY: 'true',
    HEALTH_PORT: '',
  },
  stdio: ['ignore', 'pipe', 'inherit'],
  // its own process group: npm, the supervisor and the bot are stopped together
  detached: true,
});
const stopBot = (signal: NodeJS.Signals): void => {
  try {
    process.kill(-child.pid!, signal);
  } catch {
    // already gone
  }
};
const marks: Record<string, number> = {};
let buffered = '';
child.stdout.on('data', (d: Buffer) => {
  buffered += d.toString();
  let nl: number;
  while ((nl = buffered.indexOf('\n')) >= 0) {
    const line = buffered.slice(0, nl);
    botLog.push(`${Math.round(performance.now() - started)} ${line.slice(0, 300)}`);
    buffered = buffered.slice(nl + 1);
    const msg = /"msg":"([^"]+)"/.exec(line)?.[1];
    if (msg && !(msg in marks)) marks[msg] = Math.round(performance.now() - started);
  }
});
const botLog: string[] = [];
process.on('exit', () => {
  if (child.exitCode === null) stopBot('SIGKILL');
});
const fail = (err: unknown): never => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\nlast bot log lines:\n${botLog.slice(-15).join('\n')}\n`);
  process.exit(1);
};
process.on('uncaughtException', fail);
await fake.waitForGateway('ready', { after: 0, timeoutMs: 60_000 });
for (;;) {
  const about = await fake.slashCommand('about').response({ timeoutMs: 30_000 });
  if (!about.content.startsWith('Library is loading')) break;
  await new Promise((r) => setTimeout(r, 50));
}
const servingAt = Math.round(performance.now() - started);
const round = async (offset: number): Promise<number[]> => {
  if (burst > 1) {
    const handles = Array.from({ length: burst }, (_, i) => fake.slashCommand('search', { query: QUERIES[(i + offset) % QUERIES.length]! }));
    return Promise.all(handles.map(async (h) => (await h.response({ timeoutMs: 30_000 })).latencyMs));
  }
  const out: number[] = [];
  for (let i = 0; i < 6; i++)
    out.push((await fake.slashCommand('search', { query: QUERIES[(i + offset) % QUERIES.length]! }).response({ timeoutMs: 30_000 })).latencyMs);
  return out;
};
const first = await round(0);
await new Promise((r) => setTimeout(r, 3000));
const later = await round(3);
const fmt = (xs: number[]): string => `${xs.join(', ')} ms (max ${Math.max(...xs)})`;
process.stdout.write(
  [
    `bot log lines (ms after spawn): ${Object.entries(marks)
      .map(([m, t]) => `${m} ${t}`)
      .join('; ')}`,
    `serving (/about no longer "loading"): ${servingAt} ms after spawn`,
    `first ${burst > 1 ? `${burst} simultaneous searches` : '6 searches, one by one'}: ${fmt(first)}`,
    `3 s later, other searches: ${fmt(later)}`,
  ].join('\n') + '\n',
);
stopBot('SIGTERM');
await Promise.race([new Promise((r) => child.once('close', r)), new Promise((r) => setTimeout(r, 10_000))]);
await fake.close();
process.exit(0);
