/**
 * Bursts (issue 11, item 2): many heavy searches at once, through the real discord.js client and
 * the loopback Discord server. Every member gets an answer (deferred then edited, or direct), none
 * sees "The application did not respond"; past the queue limit a member gets a polite "busy".
 */
import { Writable } from 'node:stream';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../../commands/registry.ts';
import { createBot, type Bot } from '../../src/discord/bot.ts';
import { BUSY_MESSAGE } from '../../src/discord/router.ts';
import { createLibrary, type Library, type LibraryHandle } from '../../src/library/handle.ts';
import { createLogger } from '../../src/logger.ts';
import type { SearchEngine } from '../../src/types.ts';
import { startFakeDiscord, type FakeDiscord } from '../discord-server/fake-discord.ts';
import { openFixtureLibrary } from '../support/library.ts';
import { engineWith } from '../support/engine.ts';

type Obj = Record<string, unknown>;
/** Each search blocks the main thread this long, like a heavy query on the whole UNGDC library. */
const SEARCH_MS = 80;
/** What each search costs now (ms of blocked main thread). */
let searchMs = SEARCH_MS;

let fake: FakeDiscord;
let library: Library;
const bots: Bot[] = [];
const logLines: Obj[] = [];

/** The real engine, made slow: every search busy-waits (blocks the event loop) `ms` first. */
function slow(engine: SearchEngine): SearchEngine {
  return engineWith(engine, {
    search(query, options) {
      const until = performance.now() + searchMs;
      while (performance.now() < until) {
        /* busy */
      }
      return engine.search(query, options);
    },
  });
}

async function startBot(maxQueue?: number): Promise<void> {
  for (const b of bots.splice(0)) await b.stop();
  const provider: LibraryHandle = {
    state() {
      const s = library.state();
      return s.status === 'ready' ? { status: 'ready', engine: slow(s.engine) } : s;
    },
    reload: () => library.reload(),
  };
  const sink = new Writable({ write: (chunk: Buffer, _e, done) => (logLines.push(JSON.parse(chunk.toString()) as Obj), done()) });
  const bot = createBot({
    engineProvider: provider,
    commands,
    log: createLogger('info', sink),
    config: { token: fake.token, apiBase: fake.apiBase },
    ...(maxQueue !== undefined ? { maxQueue } : {}),
  });
  bots.push(bot);
  await bot.start();
}

beforeAll(async () => {
  fake = await startFakeDiscord();
  library = createLibrary(() => openFixtureLibrary());
  await library.ready;
});

afterEach(() => {
  searchMs = SEARCH_MS;
  fake.clearLogs();
  logLines.length = 0;
});

afterAll(async () => {
  for (const b of bots) await b.stop();
  await library?.close();
  await fake?.close();
});

const QUERIES = ['"united nations"', '+peace +security +development', 'nations -united', 'pandemic', 'heroin smuggled Afghanistan'];

describe('a burst of heavy searches', () => {
  it('answers all 50 searches sent at once, none left unanswered', async () => {
    await startBot();
    const handles = Array.from({ length: 50 }, (_, i) => fake.slashCommand('search', { query: QUERIES[i % QUERIES.length]! }));
    const results = await Promise.allSettled(handles.map((h) => h.response({ timeoutMs: 30_000 })));
    const failed = results.flatMap((r, i) => (r.status === 'rejected' ? [`${i}: ${String(r.reason)}`] : []));
    expect(failed).toEqual([]);
    expect(handles.filter((h) => h.didNotRespond)).toEqual([]);
    const unknown = handles.flatMap((h) => h.requests.filter((r) => r.status === 404));
    expect(unknown).toEqual([]);
    expect(fake.violations).toEqual([]);
    // every member sees a real answer (results or "no hits"), not an apology or a "busy"
    for (const r of results) {
      const view = (r as PromiseFulfilledResult<Awaited<ReturnType<(typeof handles)[number]['response']>>>).value;
      const text = `${view.content} ${JSON.stringify(view.embeds)}`;
      expect(text).not.toMatch(/something went wrong|busy/i);
      expect(text.trim().length).toBeGreaterThan(0);
    }
    // a queue formed: the waiting ones were acknowledged (deferred) at once
    expect(handles.filter((h) => h.callbacks[0]?.type === 5).length).toBeGreaterThan(0);
  }, 60_000);

  it('turns away what is over the queue limit with a polite busy reply, answering the rest', async () => {
    await startBot(5);
    const handles = Array.from({ length: 20 }, () => fake.slashCommand('search', { query: '"united nations"' }));
    const views = await Promise.all(handles.map((h) => h.response({ timeoutMs: 30_000 })));
    const busy = views.filter((v) => v.content.includes(BUSY_MESSAGE));
    expect(busy.length).toBeGreaterThan(0);
    for (const v of busy) expect(v.ephemeral).toBe(true);
    const answered = views.filter((v) => !v.content.includes(BUSY_MESSAGE));
    expect(answered.length).toBeGreaterThanOrEqual(5);
    for (const v of answered) expect(`${v.content} ${JSON.stringify(v.embeds)}`).not.toMatch(/something went wrong/i);
    expect(fake.violations).toEqual([]);
    expect(logLines.filter((l) => l['outcome'] === 'busy').length).toBe(busy.length);
  }, 60_000);
});

describe('a burst of light searches', () => {
  it('answers each directly, without a deferral, when the queue will be through in time, even after a heavy burst', async () => {
    await startBot();
    const heavy = Array.from({ length: 20 }, () => fake.slashCommand('search', { query: '"united nations"' }));
    await Promise.all(heavy.map((h) => h.response({ timeoutMs: 30_000 })));
    expect(heavy.filter((h) => h.callbacks[0]?.type === 5).length).toBeGreaterThan(0);
    await new Promise((r) => setTimeout(r, 1500));
    // a light search (rare words) on the whole UNGDC library takes a few ms
    searchMs = 3;
    const words = ['Zaporizhzhya', 'Bhutan happiness', 'coffee growers', 'heroin smuggled Afghanistan', 'Kiribati'];
    for (let round = 0; round < 2; round++) {
      const handles = Array.from({ length: 25 }, (_, i) => fake.slashCommand('search', { query: words[i % words.length]! }));
      const views = await Promise.all(handles.map((h) => h.response({ timeoutMs: 30_000 })));
      // no "thinking…" first: the answer is the first response
      expect(views.filter((v) => v.deferred).length).toBe(0);
      expect(fake.violations).toEqual([]);
    }
  }, 60_000);
});

describe('answers acknowledged at once because a heavy queue formed', () => {
  /** Starts 20 heavy searches and waits for the first answer, so a queue with a known pace stands. */
  async function heavyQueue(): Promise<ReturnType<FakeDiscord['slashCommand']>[]> {
    await startBot();
    const heavy = Array.from({ length: 20 }, () => fake.slashCommand('search', { query: '"united nations"' }));
    await heavy[0]!.response({ timeoutMs: 30_000 });
    return heavy;
  }

  it('a public command whose answer turns out private shows it privately, leaving no public "thinking…" behind', async () => {
    const heavy = await heavyQueue();
    const quote = fake.slashCommand('quote', { id: 'no-such-id' });
    const v = await quote.response({ timeoutMs: 30_000 });
    expect(quote.callbacks[0]?.type).toBe(5); // deferred publicly at once: /quote's answers are public
    expect(v.ephemeral).toBe(true);
    expect(v.content).toContain('No passage with id');
    await Promise.all(heavy.map((h) => h.response({ timeoutMs: 30_000 })));
    expect(fake.channelMessages().filter((m) => m.interactionId === quote.id)).toEqual([]);
    expect(fake.violations).toEqual([]);
  }, 60_000);

  it('/search without a query still opens its form while heavy searches are queued', async () => {
    const heavy = await heavyQueue();
    const form = fake.slashCommand('search', {});
    const v = await form.response({ timeoutMs: 30_000 });
    expect(v.type).toBe(9);
    expect(form.callbacks.map((c) => c.type)).toEqual([9]);
    await Promise.all(heavy.map((h) => h.response({ timeoutMs: 30_000 })));
    expect(fake.violations).toEqual([]);
  }, 60_000);
});
