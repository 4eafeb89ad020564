/**
 * `npm run bench:live-bot [-- options]`: live updates as a member sees them. Starts the loopback
 * Discord server and the bot (a child process, as `npm start` runs it, live updates on) on the
 * hard-linked copy of the UNGDC library that `npm run bench:live` made, waits until it serves, then
 * has a member run /search every 150 ms while a folder of speeches (copies under new names) is
 * copied into the library, until 1.5 s after the bot logs `library updated`. Counts the searches
 * not acknowledged within 3 s ("The application did not respond") and the slowest acknowledgement;
 * then removes the folder again (a second update) so the copy is left as it was.
 */
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { InteractionHandle } from '../test/discord-server/fake-discord.ts';
import { libraryEnv, startLoopbackBot } from '../test/support/loopback-bot.ts';
import { benchArgs } from './lib/cli.ts';

const HELP = `Searches answered while the bot applies a live update.

Usage: npm run bench:live-bot -- [options]

Options:
  --copy DIR     the library copy (default /work/ungdc-copy; make it with npm run bench:live)
  --cache FILE   its index cache (default <copy>.cache/index.bin)
  --files N      speeches copied in (default 383)
  --every MS     one search every MS ms (default 150)
  --cmd CMD      how to start the bot (default "npx tsx src/main.ts")
  -h, --help     this help`;

const values = benchArgs(HELP, {
  copy: { type: 'string', default: '/work/ungdc-copy' },
  cache: { type: 'string' },
  files: { type: 'string', default: '383' },
  every: { type: 'string', default: '150' },
  cmd: { type: 'string', default: 'npx tsx src/main.ts' },
});
const copy = path.resolve(values.copy);
const cachePath = path.resolve(values.cache ?? `${copy}.cache/index.bin`);
const nFiles = Number(values.files);
const every = Number(values.every);
if (!existsSync(copy)) throw new Error(`${copy} does not exist: run npm run bench:live first`);
const folder = path.join(copy, 'bench-live-bot');
rmSync(folder, { recursive: true, force: true });

const QUERIES = ['climate change adaptation', 'nuclear disarmament', '"human rights" Africa', 'refugees', 'debt relief', 'water scarcity'];
const updates: string[] = [];
const bot = await startLoopbackBot({
  command: values.cmd.split(' '),
  env: libraryEnv(copy, cachePath, true),
  onLine: (line) => {
    if (line.includes('"msg":"library updated"')) updates.push(line);
  },
});
const fake = bot.fake;
await bot.waitServing({ pollMs: 200 });
// let the start settle (warm-up, first follows run)
await new Promise((r) => setTimeout(r, 3000));

const speeches: string[] = [];
for (const y of readdirSync(copy)
  .filter((d) => /^\d{4}$/.test(d))
  .sort()
  .reverse()) {
  for (const f of readdirSync(path.join(copy, y)).sort()) if (f.endsWith('.txt') && speeches.length < nFiles) speeches.push(path.join(y, f));
}

/** Searches every `every` ms until `until()`; resolves to each search's acknowledgement latency (Infinity: none within 10 s). */
async function searching(until: () => boolean): Promise<number[]> {
  const pending: Array<Promise<number>> = [];
  for (let i = 0; !until(); i++) {
    const h: InteractionHandle = fake.slashCommand('search', { query: QUERIES[i % QUERIES.length]! });
    pending.push(
      h.acknowledged({ timeoutMs: 10_000 }).then(
        (a) => a.latencyMs,
        () => Infinity,
      ),
    );
    await new Promise((r) => setTimeout(r, every));
  }
  return Promise.all(pending);
}

async function round(label: string, change: () => void): Promise<string> {
  const before = updates.length;
  let doneAt = Infinity;
  const t0 = Date.now();
  const watch = setInterval(() => {
    if (updates.length > before && doneAt === Infinity) doneAt = Date.now();
  }, 20);
  setTimeout(change, 1000);
  const acks = await searching(() => Date.now() > doneAt + 1500 || Date.now() - t0 > 120_000);
  clearInterval(watch);
  const late = acks.filter((ms) => ms > 3000).length;
  const ms = /"ms":(\d+)/.exec(updates[before] ?? '')?.[1];
  const mainMs = /"mainThreadMs":(\d+)/.exec(updates[before] ?? '')?.[1];
  const finite = acks.filter(Number.isFinite);
  return `${label}: ${acks.length} searches, ${late} not acknowledged within 3 s, slowest acknowledgement ${Math.round(Math.max(...finite))} ms${
    acks.some((a) => !Number.isFinite(a)) ? ' (some never)' : ''
  }; bot log: library updated ms ${ms ?? '?'}${mainMs ? `, mainThreadMs ${mainMs}` : ''}`;
}

const lines: string[] = [];
lines.push(
  await round(`copy ${speeches.length} files in`, () => {
    mkdirSync(folder);
    for (const s of speeches) cpSync(path.join(copy, s), path.join(folder, `copy-${path.basename(s)}`));
  }),
);
lines.push(await round(`remove them`, () => rmSync(folder, { recursive: true, force: true })));
process.stdout.write(lines.join('\n') + '\n');
const violations = fake.violations.filter((v) => v.kind !== 'did-not-respond');
if (violations.length) process.stdout.write(`other protocol violations: ${violations.map((v) => v.kind).join(', ')}\n`);
await bot.stop(15_000);
process.exit(0);
