/**
 * `npm run bench:burst [-- options]`: bursts of simultaneous searches, as Discord's members would see
 * them (issue 11, item 2). Starts the loopback Discord server and the bot as a child process (as
 * `npm start` does) on a library, waits until it serves, then sends rounds of N searches at the same
 * moment — heavy ones (`"united nations"`, `+peace +security +development`, `nations -united`: many
 * hits on the whole UNGDC library), then light ones (rare words) — and reports per round: how many
 * got no acknowledgement within 3 s (Discord's "The application did not respond"), the time to the
 * acknowledgement (deferral or direct answer), the time from a deferral to the answer, how many were
 * answered directly, and how many got the "busy" reply.
 *
 * Targets (issue 11): heavy — 0 unanswered, every answer within 10 s of its deferral; light — all
 * answered directly (no deferral) within 1 s.
 */
import { BUSY_MESSAGE } from '../src/discord/router.ts';
import type { InteractionHandle } from '../test/discord-server/fake-discord.ts';
import { exitWithBotLog, libraryEnv, startLoopbackBot } from '../test/support/loopback-bot.ts';
import { benchArgs } from './lib/cli.ts';

const HELP = `Bursts of simultaneous searches through the loopback Discord server.

Usage: npm run bench:burst -- [options]

Options:
  --data DIR      the library (default /work/ungdc-lib)
  --cache FILE    the index cache (default: the library's default cache path)
  --n N           searches sent at once in a round (default 50)
  --rounds R      rounds of each kind (default 5)
  --kind KIND     heavy, light or both (default both)
  --pause MS      quiet time between rounds (default 2000)
  --cmd CMD       how to start the bot (default "node scripts/start.mjs --no-supervise")
  --json          print the figures as JSON as well
  -h, --help      this help`;

const HEAVY = ['"united nations"', '+peace +security +development', 'nations -united'];
const LIGHT = [
  'Zaporizhzhya',
  'Bhutan happiness',
  'coffee growers',
  'heroin smuggled Afghanistan',
  'Tuvalu sea level',
  'Kiribati',
  'landmines Angola',
];
/** Discord's deadline for the first response. */
const DEADLINE_MS = 3000;

const values = benchArgs(HELP, {
  data: { type: 'string', default: '/work/ungdc-lib' },
  cache: { type: 'string' },
  n: { type: 'string', default: '50' },
  rounds: { type: 'string', default: '5' },
  kind: { type: 'string', default: 'both' },
  pause: { type: 'string', default: '2000' },
  cmd: { type: 'string', default: 'node scripts/start.mjs --no-supervise' },
  json: { type: 'boolean', default: false },
});
const n = Number(values.n);
const rounds = Number(values.rounds);
const pause = Number(values.pause);
if (!(n > 0 && rounds > 0 && pause >= 0) || !['heavy', 'light', 'both'].includes(values.kind)) {
  process.stderr.write(`bad options\n\n${HELP}\n`);
  process.exit(1);
}

let unknownInteraction = 0;
const bot = await startLoopbackBot({
  command: values.cmd.split(' '),
  // no live updates: the library does not change during the bench
  env: libraryEnv(values.data, values.cache, false),
  onLine: (line) => {
    if (/Unknown interaction/.test(line)) unknownInteraction++;
  },
});
const fake = bot.fake;
exitWithBotLog(bot);

const servingAt = await bot.waitServing({ pollMs: 200 });
// one of each query alone first (the first search of a term warms caches), not counted
for (const q of [...HEAVY, ...LIGHT]) await fake.slashCommand('search', { query: q }).response({ timeoutMs: 30_000 });

interface Round {
  kind: 'heavy' | 'light';
  round: number;
  n: number;
  /** No acknowledgement within 3 s: Discord showed "The application did not respond". */
  unanswered: number;
  /** Answered with the result directly (callback 4), no deferral. */
  direct: number;
  deferred: number;
  busy: number;
  /** Interaction sent → first callback (deferral or answer), ms. */
  ackP50: number;
  ackMax: number;
  /** Direct answers: sent → answer, ms (max). */
  directMax: number;
  /** Deferred ones: deferral → the answer (edit of the placeholder), ms. */
  deferToAnswerP50: number;
  deferToAnswerMax: number;
  /** Sent → answer, whatever the path (max). */
  answerMax: number;
}

const pct = (xs: number[], p: number): number => {
  if (!xs.length) return 0;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
};

async function round(kind: 'heavy' | 'light', r: number): Promise<Round> {
  const queries = kind === 'heavy' ? HEAVY : LIGHT;
  const handles: InteractionHandle[] = Array.from({ length: n }, (_, i) =>
    fake.slashCommand('search', { query: queries[(i + r) % queries.length]! }),
  );
  const views = await Promise.all(handles.map((h) => h.response({ timeoutMs: 60_000 }).catch(() => undefined)));
  const acks: number[] = [];
  const deferToAnswer: number[] = [];
  const directTimes: number[] = [];
  const answers: number[] = [];
  let unanswered = 0;
  let busy = 0;
  handles.forEach((h, i) => {
    const first = h.callbacks[0];
    const view = views[i];
    if (!first || h.didNotRespond || first.at - h.createdAt > DEADLINE_MS) {
      unanswered++;
      return;
    }
    acks.push(first.at - h.createdAt);
    if (!view) return;
    answers.push(view.latencyMs);
    if (view.content.includes(BUSY_MESSAGE)) busy++;
    if (view.deferred) deferToAnswer.push(view.latencyMs - (first.at - h.createdAt));
    else directTimes.push(view.latencyMs);
  });
  return {
    kind,
    round: r + 1,
    n,
    unanswered,
    direct: directTimes.length,
    deferred: deferToAnswer.length,
    busy,
    ackP50: pct(acks, 50),
    ackMax: Math.max(0, ...acks),
    directMax: Math.max(0, ...directTimes),
    deferToAnswerP50: pct(deferToAnswer, 50),
    deferToAnswerMax: Math.max(0, ...deferToAnswer),
    answerMax: Math.max(0, ...answers),
  };
}

const results: Round[] = [];
const kinds: ('heavy' | 'light')[] = values.kind === 'both' ? ['heavy', 'light'] : [values.kind as 'heavy' | 'light'];
for (const kind of kinds) {
  for (let r = 0; r < rounds; r++) {
    await new Promise((res) => setTimeout(res, pause));
    const res = await round(kind, r);
    results.push(res);
    process.stdout.write(
      `${kind} round ${res.round}: ${res.n} at once — unanswered ${res.unanswered}, direct ${res.direct} (max ${res.directMax} ms), deferred ${res.deferred}, busy ${res.busy}; ` +
        `ack p50 ${res.ackP50} ms, max ${res.ackMax} ms; deferral→answer p50 ${res.deferToAnswerP50} ms, max ${res.deferToAnswerMax} ms; answer max ${res.answerMax} ms\n`,
    );
  }
}

const heavy = results.filter((r) => r.kind === 'heavy');
const light = results.filter((r) => r.kind === 'light');
const lines = [`serving (/about no longer "loading"): ${servingAt} ms after spawn; "Unknown interaction" in the bot log: ${unknownInteraction}`];
if (heavy.length) {
  const ok = heavy.every((r) => r.unanswered === 0 && r.deferToAnswerMax <= 10_000 && r.direct + r.deferred === r.n);
  lines.push(
    `heavy: unanswered ${heavy.map((r) => r.unanswered).join(', ')}; ack max ${Math.max(...heavy.map((r) => r.ackMax))} ms; ` +
      `deferral→answer max ${Math.max(...heavy.map((r) => r.deferToAnswerMax))} ms; busy ${heavy.reduce((s, r) => s + r.busy, 0)} — target (0 unanswered, ≤ 10 s after deferral) ${ok ? 'met' : 'NOT met'}`,
  );
}
if (light.length) {
  const ok = light.every((r) => r.unanswered === 0 && r.direct === r.n && r.directMax <= 1000);
  lines.push(
    `light: unanswered ${light.map((r) => r.unanswered).join(', ')}; direct ${light.map((r) => r.direct).join(', ')} of ${n}; ` +
      `answer max ${Math.max(...light.map((r) => r.answerMax))} ms — target (all direct within 1 s) ${ok ? 'met' : 'NOT met'}`,
  );
}
lines.push(`violations seen by the fake Discord: ${fake.violations.length}`);
process.stdout.write(lines.join('\n') + '\n');
if (values.json) process.stdout.write(JSON.stringify(results) + '\n');

await bot.stop(10_000);
process.exit(0);
