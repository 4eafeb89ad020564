/**
 * `npm run bench:first [-- options]`: how fast the bot answers right after it starts. Starts the
 * loopback Discord server, starts the bot as a child process (as `npm start` does) on a library,
 * measures the time until it logs "loading library"/"library ready", then, the moment /about stops
 * saying "loading", sends the first searches (one alone, or a burst of simultaneous ones) and then
 * the same number again, and prints each answer time as Discord's user would see it.
 */
import { exitWithBotLog, libraryEnv, startLoopbackBot } from '../test/support/loopback-bot.ts';
import { benchArgs } from './lib/cli.ts';

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

const values = benchArgs(HELP, {
  data: { type: 'string', default: '/work/ungdc-lib' },
  cache: { type: 'string' },
  burst: { type: 'string', default: '1' },
  cmd: { type: 'string', default: 'node scripts/start.mjs --no-supervise' },
});
const burst = Number(values.burst);
/** First time (ms after spawn) the bot logged each message. */
const marks: Record<string, number> = {};
const bot = await startLoopbackBot({
  command: values.cmd.split(' '),
  env: libraryEnv(values.data, values.cache, true),
  onLine: (line, ms) => {
    const msg = /"msg":"([^"]+)"/.exec(line)?.[1];
    if (msg && !(msg in marks)) marks[msg] = ms;
  },
});
const fake = bot.fake;
exitWithBotLog(bot);
const servingAt = await bot.waitServing({ pollMs: 50 });
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
await bot.stop(10_000);
process.exit(0);
