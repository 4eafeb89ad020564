/**
 * Running for months: malformed gateway events are logged and dropped while the bot keeps
 * answering (the real discord.js client against the loopback Discord server), and the library is
 * warmed up before it is served.
 */
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { commands } from '../../commands/registry.ts';
import { warmUp } from '../../commands/warm-up.ts';
import { createBot, type Bot } from '../../src/discord/bot.ts';
import { createLibrary, type Library } from '../../src/library/handle.ts';
import { Metrics } from '../../src/health/metrics.ts';
import { createLogger } from '../../src/logger.ts';
import { startFakeDiscord, type FakeDiscord } from '../discord-server/fake-discord.ts';
import { openFixtureLibrary } from '../support/library.ts';

type Obj = Record<string, unknown>;
let fake: FakeDiscord;
let bot: Bot;
let library: Library;
const metrics = new Metrics();
const logLines: Obj[] = [];
const statusSeenByWarmUp: string[] = [];

beforeAll(async () => {
  fake = await startFakeDiscord();
  library = createLibrary(() => openFixtureLibrary(), {
    warmUp: async (engine) => {
      statusSeenByWarmUp.push(library.state().status);
      const summary = await warmUp(engine, commands);
      statusSeenByWarmUp.push(`runs:${summary.runs > 0}`);
    },
    onStatus: (s) => (metrics.status = s),
    onEngine: (engine) => metrics.libraryChanged(engine.stats()),
  });
  const sink = new Writable({ write: (chunk: Buffer, _e, done) => (logLines.push(JSON.parse(chunk.toString()) as Obj), done()) });
  bot = createBot({
    engineProvider: library,
    commands,
    log: createLogger('info', sink),
    config: { token: fake.token, apiBase: fake.apiBase },
    onInteraction: (f) =>
      metrics.recordInteraction({
        kind: String(f['kind']),
        command: String(f['command']),
        outcome: String(f['outcome'] ?? 'ok'),
        ms: Number(f['ms']),
      }),
    onDroppedEvent: () => metrics.droppedEvents++,
  });
  await bot.start();
  await library.ready;
});

afterAll(async () => {
  await bot?.stop();
  await library?.close();
  await fake?.close();
});

/** A complete guild interaction payload as Discord sends it, minus what `omit` names. */
function interactionPayload(id: string, omit: string[]): Obj {
  const payload: Obj = {
    id,
    application_id: fake.applicationId,
    type: 2,
    token: `tok-${id}`,
    version: 1,
    guild_id: fake.guildId,
    channel_id: fake.channelId,
    member: {
      user: { id: fake.users.alice.id, username: 'alice', discriminator: '0', global_name: null, avatar: null },
      roles: [],
      permissions: '0',
      joined_at: '2021-01-01T00:00:00.000Z',
      deaf: false,
      mute: false,
      flags: 0,
    },
    data: { id: '1', name: 'about', type: 1 },
    locale: 'en-US',
    app_permissions: '0',
    entitlements: [],
    authorizing_integration_owners: { '0': fake.guildId },
    context: 0,
  };
  for (const key of omit) delete payload[key];
  return payload;
}

describe('a malformed gateway event', () => {
  it.each([
    ['INTERACTION_CREATE without data', '1100000000000000001', ['data']],
    ['INTERACTION_CREATE without member or user', '1100000000000000002', ['member']],
  ])('%s is logged with its type and id, dropped, and the bot keeps answering', async (_name, id, omit) => {
    const dropped = metrics.droppedEvents;
    fake.dispatch('INTERACTION_CREATE', interactionPayload(id, omit));
    const about = await fake.slashCommand('about').response();
    expect((about.embeds[0]?.['fields'] as { name: string; value: string }[]).find((f) => f.name === 'Documents')?.value).toBe('4');
    const line = logLines.find((l) => l['msg'] === 'malformed gateway event dropped' && l['id'] === id);
    expect(line).toMatchObject({ type: 'INTERACTION_CREATE', id, level: 50 });
    expect(metrics.droppedEvents).toBe(dropped + 1);
    expect(fake.violations).toEqual([]);
  });

  it('counts answered interactions by outcome for /metrics', async () => {
    await fake.slashCommand('about').response();
    // the count is taken once the answer is sent, right after Discord has it
    await vi.waitFor(() => expect(metrics.render()).toMatch(/verbatim_interactions_total\{kind="command",command="about",outcome="ok"\} [1-9]/));
  });
});

describe('warm-up', () => {
  it('runs the commands on the opened library before it is served', () => {
    expect(statusSeenByWarmUp).toEqual(['loading', 'runs:true']);
    expect(metrics.status).toBe('ready');
    expect(metrics.passages).toBeGreaterThan(0);
  });
});
