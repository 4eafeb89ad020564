/**
 * Follows end to end: the bot as it runs (createBot, the real engine over a temp copy of the
 * fixture library, live updates, a real database file) logged in to the loopback Discord server.
 * Real General Debate statements (UNGDC, test/fixtures/ungdc-follows) are dropped into the library; what members see in
 * channels and DMs is asserted. The clock of the follow service is fake, for digests.
 */
import { appendFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { parse } from 'csv-parse/sync';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { commands } from '../../commands/registry.ts';
import { parseConfig } from '../../src/config.ts';
import Libsql from 'libsql';
import { openDatabase, type Database } from '../../src/db/database.ts';
import { MIGRATIONS } from '../../src/db/migrations.ts';
import { createBot, type Bot } from '../../src/discord/bot.ts';
import { deployCommands } from '../../src/discord/deploy.ts';
import { createLibrary, type Library } from '../../src/library/handle.ts';
import { discordOutbox } from '../../src/discord/outbox.ts';
import { FollowService } from '../../src/follows/service.ts';
import { openLibrary } from '../../src/library/open.ts';
import { closeExtractors } from '../../src/ingest/load-library.ts';
import { LibraryWatcher } from '../../src/library/live.ts';
import { createLogger } from '../../src/logger.ts';
import { escapeMarkdown } from '../../src/render/text.ts';
import { SavedStore } from '../../src/saved/store.ts';
import { MEMBER_PERMISSIONS, Permission, startFakeDiscord, type FakeDiscord, type StoredMessage } from '../discord-server/fake-discord.ts';
import { FIXTURE_LIBRARY } from '../support/library.ts';

type Obj = Record<string, unknown>;
const UNGDC = new URL('../fixtures/ungdc-follows/', import.meta.url).pathname;
const MODERATOR = { userId: 'admin', permissions: (MEMBER_PERMISSIONS | Permission.ManageChannels | Permission.ManageGuild).toString() };

let fake: FakeDiscord;
let root: string;
let cachePath: string;
let dbPath: string;
let config: ReturnType<typeof parseConfig>;
/** The follow service's clock (digests). */
let clock = Date.UTC(2026, 2, 2, 8, 0); // Monday 2 March 2026, 08:00 UTC
const logLines: Obj[] = [];

interface Stack {
  bot: Bot;
  library: Library;
  follows: FollowService;
  live: LibraryWatcher;
  db: Database;
}
let stack: Stack;

async function startStack(): Promise<Stack> {
  const log = createLogger('info', new Writable({ write: (c: Buffer, _e, done) => (logLines.push(JSON.parse(c.toString()) as Obj), done()) }));
  const db = openDatabase(dbPath);
  const follows = new FollowService({ db, log: log.child({ part: 'follows' }), now: () => clock, limits: { perUser: 15, perGuild: 40 } });
  const live = new LibraryWatcher({ dataDir: root, cachePath, debounceMs: 150, maxWaitMs: 2000 });
  const library = createLibrary(() => openLibrary({ dataDir: root, cachePath }), { live, onEngine: (e) => follows.onEngine(e) });
  const bot = createBot({ engineProvider: library, commands, log, config, version: 'test', services: { saved: new SavedStore(db), follows } });
  await bot.start();
  follows.start(discordOutbox(bot.client), 0);
  await library.ready;
  await follows.idle();
  return { bot, library, follows, live, db };
}

async function stopStack(s: Stack): Promise<void> {
  await s.follows.stop();
  await s.bot.stop();
  await s.library.close();
  s.db.close();
}

/** Copies a real General Debate statement (and its manifest row as a sidecar) into the library. */
function drop(file: string, as = path.basename(file)): void {
  const dir = path.join(root, 'drops');
  mkdirSync(dir, { recursive: true });
  const rows = parse(readFileSync(path.join(UNGDC, path.dirname(file), 'manifest.csv'), 'utf8'), { columns: true }) as Record<string, string>[];
  const row = rows.find((r) => r['file'] === path.basename(file))!;
  cpSync(path.join(UNGDC, file), path.join(dir, as));
  const meta = {
    title: row['title'],
    date: row['date'],
    session: row['session'],
    speaker: row['speaker'],
    post: row['post'],
    country: row['country'],
    meeting: row['meeting'],
  };
  writeFileSync(path.join(dir, `${as}.meta.json`), JSON.stringify(meta));
}

/** Lets the library take in what was dropped, and the follows match it and send their alerts. */
async function update(): Promise<void> {
  await stack.live.refresh();
  await stack.follows.idle();
}

const cardOf = (m: StoredMessage | { embeds: Obj[] }): Obj => m.embeds[0] ?? {};
const fieldsOf = (m: StoredMessage | { embeds: Obj[] }): { name: string; value: string }[] =>
  (cardOf(m)['fields'] as { name: string; value: string }[] | undefined) ?? [];
const componentsOf = (m: { components: Obj[] }): Obj[] => m.components.flatMap((row) => (row['components'] as Obj[] | undefined) ?? []);
const selectValues = (m: { components: Obj[] }, id: string): string[] =>
  ((componentsOf(m).find((c) => c['custom_id'] === id)?.['options'] as Obj[] | undefined) ?? []).map((o) => String(o['value']));
const alertsIn = (channelId: string, followId: number): StoredMessage[] =>
  fake
    .channelMessages(channelId)
    .filter((m) => String(cardOf(m)['footer'] ? (cardOf(m)['footer'] as Obj)['text'] : '').startsWith(`Follow #${followId} `));
const dmAlerts = (user: string, followId: number): StoredMessage[] =>
  fake.directMessages(user).filter((m) => String(cardOf(m)['footer'] ? (cardOf(m)['footer'] as Obj)['text'] : '').startsWith(`Follow #${followId} `));
const followIdOf = (content: string): number => Number(/\(#(\d+)\)/.exec(content)?.[1]);

beforeAll(async () => {
  const tmp = mkdtempSync(path.join(tmpdir(), 'verbatim-follows-'));
  root = path.join(tmp, 'library');
  cpSync(FIXTURE_LIBRARY, root, { recursive: true });
  cachePath = path.join(tmp, 'cache', 'index.bin');
  dbPath = path.join(tmp, 'data', 'verbatim.db');
  fake = await startFakeDiscord();
  config = parseConfig({
    DISCORD_TOKEN: fake.token,
    DISCORD_CLIENT_ID: fake.applicationId,
    DISCORD_GUILD_ID: fake.guildId,
    DISCORD_API_BASE: fake.apiBase,
    DATA_DIR: root,
  });
  await deployCommands(
    config,
    commands.map((c) => c.data),
  );
  stack = await startStack();
});

afterAll(async () => {
  if (stack) await stopStack(stack);
  await fake?.close();
  await closeExtractors();
});

afterEach(() => {
  const violations = fake.violations.filter((v) => v.kind !== 'unknown-route' || !/users\/\d+$/.test(v.path ?? ''));
  fake.clearLogs();
  expect(violations).toEqual([]);
});

describe('creating follows', () => {
  it('refuses a channel follow without Manage Channels, and says how to get alerts by DM instead', async () => {
    const r = await fake.slashCommand('follow', { add: { query: 'fentanyl', channel: fake.otherChannelId } }, { userId: 'alice' }).response();
    expect(r.ephemeral).toBe(true);
    expect(r.content).toMatch(/Manage Channels/);
    expect(r.content).toMatch(/Leave out `channel`/);
  });

  it('refuses a channel the bot cannot post in, at creation', async () => {
    fake.denyBot(fake.channelId, Permission.SendMessages);
    try {
      const r = await fake.slashCommand('follow', { add: { query: 'fentanyl', channel: fake.channelId } }, MODERATOR).response();
      expect(r.ephemeral).toBe(true);
      expect(r.content).toMatch(/^I cannot post in <#\d+>: I am missing Send Messages there/);
    } finally {
      fake.denyBot(fake.channelId, 0n);
    }
    const list = await fake.slashCommand('follow', { list: {} }, MODERATOR).response();
    expect(list.content).toMatch(/No follows yet/);
  });

  it('answers a query that does not parse with the same plain message as /search', async () => {
    const query = 'fentanyl year:twenty';
    const follow = await fake.slashCommand('follow', { add: { query } }, { userId: 'alice' }).response();
    const search = await fake.slashCommand('search', { query }).response();
    expect(follow.content).toBe(search.content);
    expect(follow.content).toMatch(/not a year/);
  });

  it('refuses a session that matches no session, which would never fire (QA19b #9)', async () => {
    // before: "Following “climate session:abc” (#7) … · session abc", a follow that could never send anything
    for (const options of [{ query: 'climate session:abc' }, { query: 'climate', session: 'abc' }]) {
      const r = await fake.slashCommand('follow', { add: options }, { userId: 'alice' }).response();
      expect(r.ephemeral).toBe(true);
      expect(r.content).toMatch(/^“session:abc” is not a session — write a session number or range, such as session:76 or session:70-76/);
    }
    expect(stack.follows.store.visibleTo(fake.users.alice.id, fake.guildId).filter((f) => /abc/.test(JSON.stringify(f)))).toEqual([]);
  });

  it('says how it read the query in the confirmation (alerts are matched that way), and nothing more for a query read as written', async () => {
    const made = await fake.slashCommand('follow', { add: { query: 'peace "law of the sea' } }, { userId: 'bob' }).response();
    const plain = await fake.slashCommand('follow', { add: { query: 'peace' } }, { userId: 'bob' }).response();
    const id = followIdOf(made.content);
    try {
      expect(made.ephemeral).toBe(true);
      expect(made.content).toBe(
        `Following “peace "law of the sea” (#${id}): new passages go to your direct messages, as passages arrive.\n` +
          `*${escapeMarkdown('The quote after “peace” is never closed: read as the phrase “law of the sea”, up to the end of the query.')}*\n` +
          'Only passages that enter the library from now on are sent, each once. `/follow list` shows your follows; `/follow remove` stops one.',
      );
      expect(plain.content).toBe(
        `Following “peace” (#${followIdOf(plain.content)}): new passages go to your direct messages, as passages arrive.\n` +
          'Only passages that enter the library from now on are sent, each once. `/follow list` shows your follows; `/follow remove` stops one.',
      );
    } finally {
      for (const f of stack.follows.store.visibleTo(fake.users.bob.id, fake.guildId))
        await fake.slashCommand('follow', { remove: { follow: String(f.id) } }, { userId: 'bob' }).response();
    }
    expect(stack.follows.store.visibleTo(fake.users.bob.id, fake.guildId)).toEqual([]);
  });

  it('reads a follow strictly: a filter written with a space is a filter, or the member is asked to write it plainly', async () => {
    // search reads these leniently ("from: 5" as words); a follow keeps its query for good, so it does not guess
    const date = await fake.slashCommand('follow', { add: { query: 'peace from: 5 years' } }, { userId: 'bob' }).response();
    expect(date.content).toMatch(/“5” is not a date/);
    const words = await fake.slashCommand('follow', { add: { query: 'peace country: risk factors' } }, { userId: 'bob' }).response();
    expect(words.content).toMatch(/A follow keeps its query for good, so write its filters without a space after the colon/);
    expect(stack.follows.store.visibleTo(fake.users.bob.id, fake.guildId)).toEqual([]);
  });

  it('refuses a DM follow when the member does not accept direct messages', async () => {
    fake.setDirectMessages('bob', false);
    try {
      const r = await fake.slashCommand('follow', { add: { query: 'fentanyl' } }, { userId: 'bob' }).response();
      expect(r.content).toMatch(/I cannot send you direct messages/);
      expect(stack.follows.store.visibleTo(fake.users.bob.id, fake.guildId)).toEqual([]);
    } finally {
      fake.setDirectMessages('bob', true);
    }
  });
});

let channelFollow: number;
let dmFollow: number;
let alertPassage: string;

describe('instant alerts', () => {
  it('posts an alert in the channel when a statement mentioning the topic enters the library, with the right passage', async () => {
    const made = await fake.slashCommand('follow', { add: { query: 'fentanyl', channel: fake.otherChannelId } }, MODERATOR).response();
    expect(made.ephemeral).toBe(true);
    expect(made.content).toMatch(/^Following “fentanyl” \(#\d+\): new passages go to <#\d+>, as passages arrive\./);
    channelFollow = followIdOf(made.content);
    const dm = await fake.slashCommand('follow', { add: { query: 'fentanyl', country: 'Colombia' } }, { userId: 'alice' }).response();
    dmFollow = followIdOf(dm.content);
    expect(fake.directMessages('alice').at(-1)?.content).toMatch(/You are following “fentanyl” · country: COL/);
    expect(fake.channelMessages(fake.otherChannelId)).toHaveLength(0);

    drop('2023/USA_78_2023.txt');
    await update();
    const [alert, ...more] = alertsIn(fake.otherChannelId, channelFollow);
    expect(more).toEqual([]);
    expect(String(cardOf(alert!)['title'])).toBe('New: 1 passage for “fentanyl”');
    const [field] = fieldsOf(alert!);
    expect(field?.name).toMatch(/Joseph R\. Biden \(United States/);
    expect(field?.value).toMatch(/\*\*fentanyl\*\*/);
    expect(field?.value).toMatch(/78th session/);
    alertPassage = selectValues(alert!, 'search:share')[0]!;
    const state = stack.library.state();
    if (state.status !== 'ready') throw new Error('not ready');
    expect(state.engine.passage(alertPassage)?.text).toMatch(/fentanyl/i);
    expect(state.engine.passage(alertPassage)?.source.document).toBe('drops/USA_78_2023');
    expect(selectValues(alert!, 'search:context')).toEqual([alertPassage]);
    expect(selectValues(alert!, 'saved:add')).toEqual([alertPassage]);
    expect(alert!.allowed_mentions).toMatchObject({ parse: [] });
    // alice's follow is for Colombia only: the United States statement is not sent to her
    expect(dmAlerts('alice', dmFollow)).toEqual([]);
  });

  it('Share… and Save work from the alert', async () => {
    const alert = alertsIn(fake.otherChannelId, channelFollow)[0]!;
    const shared = await fake.selectMenu('search:share', [alertPassage], { message: alert.id, userId: 'bob' }).response();
    expect(shared.ephemeral).toBe(false);
    expect(shared.content).toBe(`Shared by <@${fake.users.bob.id}>`);
    const saved = await fake.selectMenu('saved:add', [alertPassage], { message: alert.id, userId: 'bob' }).response();
    expect(saved.ephemeral).toBe(true);
    expect(saved.content).toMatch(/^Saved\./);
  });

  it('/saved lists what bob saved from the alert, privately, and exports it as a CSV attachment', async () => {
    const list = await fake.slashCommand('saved', { list: {} }, { userId: 'bob' }).response();
    expect(list.ephemeral).toBe(true);
    expect(fieldsOf(list)).toHaveLength(1);
    expect(fieldsOf(list)[0]?.value).toContain(alertPassage);
    const exported = fake.slashCommand('saved', { export: {} }, { userId: 'bob' });
    const view = await exported.response();
    expect(view.ephemeral).toBe(true);
    expect(view.content).toMatch(/^1 saved passage, attached as CSV/);
    expect(exported.requests.flatMap((r) => r.files)).toEqual(['verbatim-saved.csv']);
  });

  it("lets members remove their own follows (autocompleted), and others' channel follows only with Manage Channels", async () => {
    const choices = await fake.autocomplete('follow', { remove: { follow: 'fent' } }, 'follow', { userId: 'alice' }).response();
    const names = (choices.choices ?? []).map((c) => String(c.name));
    expect(names.some((n) => n.startsWith(`#${dmFollow} “fentanyl” · country: COL → DM`))).toBe(true);
    expect(names.some((n) => n.startsWith(`#${channelFollow} “fentanyl” → channel`))).toBe(true); // the server's channel follow
    const refused = await fake.slashCommand('follow', { remove: { follow: String(channelFollow) } }, { userId: 'alice' }).response();
    expect(refused.content).toMatch(/needs the \*\*Manage Channels\*\* permission/);
    const extra = await fake.slashCommand('follow', { add: { query: 'opium' } }, { userId: 'alice' }).response();
    const removed = await fake.slashCommand('follow', { remove: { follow: String(followIdOf(extra.content)) } }, { userId: 'alice' }).response();
    expect(removed.content).toMatch(/^Stopped follow #\d+ “opium”/);
  });

  it('sends a DM follow its own alert, and a passage already sent is never sent again', async () => {
    drop('2024/COL_79_2024.txt');
    await update();
    const dms = dmAlerts('alice', dmFollow);
    expect(dms).toHaveLength(1);
    expect(fieldsOf(dms[0]!)[0]?.value).toMatch(/\*\*fentanyl\*\*, the drug of death/);
    const channel = alertsIn(fake.otherChannelId, channelFollow);
    expect(channel).toHaveLength(2);
    expect(fieldsOf(channel[1]!)[0]?.name).toMatch(/Gustavo Petro/);
    // a rescan with nothing new sends nothing
    await update();
    expect(alertsIn(fake.otherChannelId, channelFollow)).toHaveLength(2);
  });

  it('a DM alert offers no Share…, and sharing from its More context says there is no channel there and how to post the passage', async () => {
    // before: the card was posted into the DM ("Shared by @alice", seen by alice alone), though the menu says "to the channel"
    const dm = dmAlerts('alice', dmFollow)[0]!;
    expect(selectValues(dm, 'search:share')).toEqual([]);
    const passage = selectValues(dm, 'search:context')[0]!;
    const before = fake.directMessages('alice').length;
    const inDm = { message: dm.id, userId: 'alice', context: 'bot-dm' } as const;
    // "More context" then "Share this passage": nothing is posted into the DM, and the reply says how to share
    const context = await fake.selectMenu('search:context', [passage], inDm).response();
    const shared = await fake.button(`quote:share:${passage}`, { ...inDm, message: context }).response();
    expect(shared.ephemeral).toBe(true);
    expect(shared.embeds).toEqual([]);
    expect(shared.content).toBe(
      `This is your direct message with Verbatim, so there is no channel here to share into. To post this passage in a channel, run \`/quote id:${passage}\` there.`,
    );
    expect(fake.directMessages('alice')).toHaveLength(before);
    // in a channel, Share… still posts the card (admin: bob shared this passage from this alert a moment ago, which a repeat would not post again)
    const channel = alertsIn(fake.otherChannelId, channelFollow)[0]!;
    const posted = await fake
      .selectMenu('search:share', [selectValues(channel, 'search:share')[0]!], { message: channel.id, userId: 'admin' })
      .response();
    expect(posted.ephemeral).toBe(false);
  });

  it('after a restart nothing is sent twice, a file added while the bot was off is sent once, and /reindex sends nothing', async () => {
    const before = fake.channelMessages(fake.otherChannelId).length;
    const dmsBefore = fake.directMessages('alice').length;
    await stopStack(stack);
    stack = await startStack();
    expect(fake.channelMessages(fake.otherChannelId)).toHaveLength(before);
    expect(fake.directMessages('alice')).toHaveLength(dmsBefore);

    await stopStack(stack);
    drop('2019/CHN_74_2019.txt'); // while the bot is off
    stack = await startStack();
    await fake.waitForChannelMessage(fake.otherChannelId, (m) => fieldsOf(m)[0]?.name.includes('Wang Yi') ?? false, 20_000);
    expect(fake.channelMessages(fake.otherChannelId)).toHaveLength(before + 1);
    // a /reindex rebuild: same passages, same ids, nothing new
    const reindexed = fake.slashCommand('reindex', {}, { userId: 'admin' });
    await reindexed.response({ timeoutMs: 20_000 });
    await vi.waitFor(() => expect(reindexed.current()?.content).toMatch(/Library reloaded/), { timeout: 20_000, interval: 50 });
    await stack.follows.idle();
    await update();
    expect(fake.channelMessages(fake.otherChannelId)).toHaveLength(before + 1);
    const alerts = alertsIn(fake.otherChannelId, channelFollow);
    expect(alerts).toHaveLength(3);
    expect(fieldsOf(alerts[2]!)[0]?.name).toMatch(/Wang Yi \(China\)/);
    expect(dmAlerts('alice', dmFollow)).toHaveLength(1);
  });

  it('shows five passages and opens the rest privately with "and N more"', async () => {
    const made = await fake.slashCommand('follow', { add: { query: 'climate', channel: fake.otherChannelId } }, MODERATOR).response();
    const id = followIdOf(made.content);
    drop('2023/COL_78_2023.txt');
    await update();
    const [alert] = alertsIn(fake.otherChannelId, id);
    const total = Number(/: (\d+) passages/.exec(String(cardOf(alert!)['title']))?.[1]);
    expect(total).toBeGreaterThan(5);
    expect(fieldsOf(alert!)).toHaveLength(5);
    const button = componentsOf(alert!).find((c) => c['label'] === `and ${total - 5} more`);
    expect(button).toBeDefined();
    const rest = await fake.button(String(button!['custom_id']), { message: alert!.id, userId: 'bob' }).response();
    expect(rest.ephemeral).toBe(true);
    expect(fieldsOf(rest)).toHaveLength(Math.min(5, total - 5));
    expect(fieldsOf(rest)[0]?.name).toMatch(/^6 · Gustavo Petro/);
    const shown = new Set([...selectValues(alert!, 'search:share'), ...selectValues(rest, 'search:share')]);
    expect(shown.size).toBe(Math.min(10, total));
    // the library already spoke of climate before the follow was made: only the new statement is sent
    const state = stack.library.state();
    if (state.status !== 'ready') throw new Error('not ready');
    expect((await state.engine.search('climate', { filters: { document: 'MEX_76_2021' } })).total).toBeGreaterThan(0);
    expect([...shown].map((p) => state.engine.passage(p)?.source.document)).toEqual([...shown].map(() => 'drops/COL_78_2023'));
    await fake.slashCommand('follow', { remove: { follow: String(id) } }, MODERATOR).response();
  });
});

describe('digests', () => {
  it('sends one daily digest at the server’s time with the period’s passages, and nothing when nothing came', async () => {
    const refused = await fake.slashCommand('follow', { settings: { time: '10:30' } }, { userId: 'alice' }).response();
    expect(refused.content).toMatch(/Manage Server/);
    const set = await fake.slashCommand('follow', { settings: { time: '10:30', timezone: 'Europe/Vienna' } }, MODERATOR).response();
    expect(set.content).toMatch(/daily at \*\*10:30\*\*.*Europe\/Vienna/);
    const made = await fake
      .slashCommand('follow', { add: { query: '"Sustainable Development Goals"', every: 'daily' } }, { userId: 'bob' })
      .response();
    // a phrase is echoed in the curly quotes a query of words gets (before: Following "Sustainable Development Goals")
    expect(made.content).toMatch(/^Following “Sustainable Development Goals” \(#\d+\): new passages go to your direct messages, daily at/);
    expect(made.content).toMatch(/daily at 10:30 \(Europe\/Vienna\)\. The first digest: <t:(\d+):f>\./);
    expect(Number(/<t:(\d+):f>/.exec(made.content)?.[1]) * 1000).toBe(Date.UTC(2026, 2, 2, 9, 30)); // 10:30 in Vienna, the same day
    const id = followIdOf(made.content);
    drop('2023/CAN_78_2023.txt');
    await update();
    expect(dmAlerts('bob', id)).toHaveLength(0); // not instant

    clock = Date.UTC(2026, 2, 2, 9, 0); // 10:00 in Vienna: not yet
    await stack.follows.tick();
    expect(dmAlerts('bob', id)).toHaveLength(0);
    clock = Date.UTC(2026, 2, 2, 9, 31); // 10:31 in Vienna
    await stack.follows.tick();
    const digests = dmAlerts('bob', id);
    expect(digests).toHaveLength(1);
    expect(String(cardOf(digests[0]!)['title'])).toMatch(/^Daily digest: \d+ passages? for “Sustainable Development Goals”/);
    expect(fieldsOf(digests[0]!)[0]?.value).toMatch(/\*\*Sustainable Development Goals\*\*/);
    await stack.follows.tick();
    clock = Date.UTC(2026, 2, 3, 9, 31); // the next day, nothing new
    await stack.follows.tick();
    expect(dmAlerts('bob', id)).toHaveLength(1);
  });
});

describe('when things go wrong', () => {
  it('pauses a channel follow whose channel the bot can no longer post in, logs why, tells the owner once, and does not retry', async () => {
    const made = await fake.slashCommand('follow', { add: { query: 'nuclear', channel: fake.channelId } }, MODERATOR).response();
    const id = followIdOf(made.content);
    fake.denyBot(fake.channelId, Permission.SendMessages);
    drop('2023/BEL_78_2023.txt');
    await update();
    expect(alertsIn(fake.channelId, id)).toHaveLength(0);
    const notices = fake.directMessages('admin').filter((m) => m.content.startsWith(`Your follow #${id} `));
    expect(notices).toHaveLength(1);
    expect(notices[0]!.content).toMatch(/is paused: I can no longer post in <#\d+> \(missing permission to post there\)/);
    expect(
      logLines.some((l) => l['msg'] === 'follows: follow paused' && l['follow'] === id && l['reason'] === 'missing permission to post there'),
    ).toBe(true);
    const posts = () => fake.requests.filter((r) => r.method === 'POST' && r.path === `/channels/${fake.channelId}/messages`).length;
    const tried = posts();
    drop('2023/JPN_78_2023.txt');
    await update();
    await stack.follows.tick();
    expect(posts()).toBe(tried);
    expect(fake.directMessages('admin').filter((m) => m.content.startsWith(`Your follow #${id} `))).toHaveLength(1);
    const list = await fake.slashCommand('follow', { list: {} }, MODERATOR).response();
    expect(JSON.stringify(list.embeds)).toMatch(new RegExp(`#${id}\\*\\*.*paused`));
    fake.denyBot(fake.channelId, 0n);
  });

  it('refuses follows past the per-member limit, clearly', async () => {
    let last = '';
    for (let i = 0; i < 16 && !/already have/.test(last); i++) {
      last = (await fake.slashCommand('follow', { add: { query: `water ${i}` } }, { userId: 'alice' }).response()).content;
    }
    expect(last).toBe('You already have 15 follows, the most one member may. Remove one with `/follow remove` first.');
    const about = await fake.slashCommand('about', {}).response();
    expect(JSON.stringify(about.embeds)).toMatch(/up to 15 follows per member and 40 per server/);
    for (const f of stack.follows.visibleTo(fake.users.alice.id, fake.guildId))
      if (f.query.startsWith('water')) stack.follows.remove({ id: f.ownerId, canManageChannels: false }, fake.guildId, f.id);
  });

  it('sends every alert of a burst exactly once through a storm of 429s', async () => {
    const ids: number[] = [];
    // ten follows (an identical follow is refused, so ten topics)
    const topics = ['terrorism', 'pandemic', 'development', 'democracy', 'hunger', 'security', 'inequality', 'women', 'poverty', 'nuclear'];
    for (const query of topics) {
      const r = await fake.slashCommand('follow', { add: { query, channel: fake.otherChannelId } }, MODERATOR).response();
      ids.push(followIdOf(r.content));
    }
    fake.failNext({ route: /^\/channels\/\d+\/messages$/, method: 'POST', status: 429, retryAfter: 0.25, times: 8 });
    drop('2023/ARG_78_2023.txt');
    drop('2023/BRA_78_2023.txt');
    await update();
    const limited = fake.requests.filter((r) => r.status === 429).length;
    expect(limited).toBe(8);
    for (const id of ids) expect(alertsIn(fake.otherChannelId, id)).toHaveLength(1);
    // every passage of the burst went out once per follow: the alerts' hits add up to what was matched
    const sent = ids.map((id) => stack.follows.store.sentCount(id));
    for (const [i, id] of ids.entries()) {
      const title = String(cardOf(alertsIn(fake.otherChannelId, id)[0]!)['title']);
      expect(Number(/: (\d+) passage/.exec(title)?.[1])).toBe(sent[i]);
    }
  });

  it('keeps an alert that failed with server errors and sends it at the next tick; drops one Discord refuses, without looping', async () => {
    const made = await fake.slashCommand('follow', { add: { query: 'Ukraine', channel: fake.channelId } }, MODERATOR).response();
    const id = followIdOf(made.content);
    // discord.js retries a 5xx three times; the fourth failure reaches us: the alert stays queued
    fake.failNext({ route: new RegExp(`^/channels/${fake.channelId}/messages$`), method: 'POST', status: 500, times: 4 });
    drop('2023/DEU_78_2023.txt');
    await update();
    expect(alertsIn(fake.channelId, id)).toHaveLength(0);
    expect(logLines.some((l) => l['msg'] === 'follows: alert not delivered; it stays queued for the next attempt' && l['follow'] === id)).toBe(true);
    await stack.follows.tick();
    expect(alertsIn(fake.channelId, id)).toHaveLength(1);

    fake.failNext({ route: new RegExp(`^/channels/${fake.channelId}/messages$`), method: 'POST', status: 400 });
    drop('2023/FRA_78_2023.txt');
    await update();
    expect(alertsIn(fake.channelId, id)).toHaveLength(1);
    expect(logLines.some((l) => l['msg'] === 'follows: Discord refused the alert; its passages are dropped' && l['follow'] === id)).toBe(true);
    const posts = fake.requests.filter((r) => r.method === 'POST' && r.path === `/channels/${fake.channelId}/messages`).length;
    await stack.follows.tick();
    expect(fake.requests.filter((r) => r.method === 'POST' && r.path === `/channels/${fake.channelId}/messages`).length).toBe(posts);
    expect(stack.follows.store.pending(id)).toEqual([]);
  });
});

describe('identical follows (QA17 finding 8)', () => {
  it('refuses a follow the member already has, naming it; the first is greeted once', async () => {
    // before: "Following “fentanyl” (#2)…" with no remark, a second greeting DM, then every alert twice
    const made = await fake.slashCommand('follow', { add: { query: 'fentanyl' } }, { userId: 'bob' }).response();
    expect(made.content).toMatch(/^Following “fentanyl” \(#\d+\): new passages go to your direct messages/);
    const id = followIdOf(made.content);
    const again = await fake.slashCommand('follow', { add: { query: 'fentanyl ', every: 'instant' } }, { userId: 'bob' }).response();
    expect(again.ephemeral).toBe(true);
    expect(again.content).toBe(
      `You already follow “fentanyl” (#${id}): new passages go to your direct messages, as passages arrive. \`/follow list\` shows your follows.`,
    );
    // the same words in other capitals are the same follow, as matching ignores case
    const capitals = await fake.slashCommand('follow', { add: { query: 'Fentanyl' } }, { userId: 'bob' }).response();
    expect(capitals.content).toMatch(new RegExp(`^You already follow “fentanyl” \\(#${id}\\)`));
    expect(fake.directMessages('bob').filter((m) => m.content.startsWith('You are following “fentanyl”'))).toHaveLength(1);
    const list = await fake.slashCommand('follow', { list: {} }, { userId: 'bob' }).response();
    const lines = String(list.embeds[0]?.['description']).split('\n');
    expect(lines.filter((l) => l.includes('“fentanyl” → your direct messages'))).toEqual([
      `**#${id}** “fentanyl” → your direct messages, as passages arrive`,
    ]);
    // another frequency is another follow
    const daily = await fake.slashCommand('follow', { add: { query: 'fentanyl', every: 'daily' } }, { userId: 'bob' }).response();
    expect(daily.content).toMatch(/^Following “fentanyl” \(#\d+\): new passages go to your direct messages, daily at/);
    await fake.slashCommand('follow', { remove: { follow: String(followIdOf(daily.content)) } }, { userId: 'bob' }).response();
  });

  it('sends a new passage once to a member whose identical follows date from before they were refused', async () => {
    const mine = stack.follows.store
      .visibleTo(fake.users.bob.id, fake.guildId)
      .find((f) => f.ownerId === fake.users.bob.id && !f.channelId && f.query === 'fentanyl')!;
    // a database from before the fix: the same follow twice
    const twin = stack.follows.store.insert({
      ownerId: mine.ownerId,
      guildId: mine.guildId,
      query: 'fentanyl',
      filters: {},
      every: 'instant',
      createdAt: clock,
      lastDigest: clock,
    });
    await stopStack(stack);
    stack = await startStack();
    // the speech saved again with a paragraph more: only that paragraph is new (the rest was told
    // when the speech first came, QA22 F2)
    drop('2023/USA_78_2023.txt', 'USA_78_2023_again.txt');
    appendFileSync(
      path.join(root, 'drops', 'USA_78_2023_again.txt'),
      '\n\nWe will keep working with our neighbours to stop fentanyl at the border.\n',
    );
    await update();
    const alerts = [...dmAlerts('bob', mine.id), ...dmAlerts('bob', twin.id)];
    expect(alerts).toHaveLength(1);
    expect(String(cardOf(alerts[0]!)['title'])).toBe('New: 1 passage for “fentanyl”');
    expect(fieldsOf(alerts[0]!)[0]?.value).toMatch(/stop \*\*fentanyl\*\* at the border/);
  });
});

describe('alert buttons open only for whom the alert is', () => {
  /** A plain-text statement of `n` paragraphs each naming `topic`, dropped into the library. */
  const dropText = (name: string, topic: string, n: number): void => {
    const dir = path.join(root, 'drops');
    mkdirSync(dir, { recursive: true });
    const paras = Array.from(
      { length: n },
      (_, i) => `Paragraph ${i + 1}: the delegation reports on ${topic} in region ${i + 1}, with figures for the year.`,
    );
    writeFileSync(path.join(dir, name), `Statement on ${topic}\n\n${paras.join('\n\n')}\n`);
  };
  const moreButton = (m: StoredMessage): string =>
    String(componentsOf(m).find((c) => String(c['custom_id']).startsWith('follow:more:'))?.['custom_id']);

  it("an old “and N more” never shows another member's follow, though the newest follow and alert were removed (QA19b #3)", async () => {
    // before: follow and alert numbers were given again once the newest were removed, and the
    // button did not check who pressed it: bob's old button opened alice's “heroin purity” alert
    const bobMade = await fake.slashCommand('follow', { add: { query: 'cocaine seizures' } }, { userId: 'bob' }).response();
    const bobFollow = followIdOf(bobMade.content);
    dropText('cocaine7.txt', 'cocaine seizures', 7);
    await update();
    const [bobAlert] = dmAlerts('bob', bobFollow);
    const bobButton = moreButton(bobAlert!);
    expect(bobButton).toMatch(/^follow:more:\d+:0$/);
    await fake.slashCommand('follow', { remove: { follow: String(bobFollow) } }, { userId: 'bob' }).response();

    const aliceMade = await fake.slashCommand('follow', { add: { query: 'heroin purity' } }, { userId: 'alice' }).response();
    const aliceFollow = followIdOf(aliceMade.content);
    expect(aliceFollow).toBeGreaterThan(bobFollow); // a removed follow's number is not given again
    dropText('heroin7.txt', 'heroin purity', 7);
    await update();
    const [aliceAlert] = dmAlerts('alice', aliceFollow);
    const aliceButton = moreButton(aliceAlert!);
    expect(aliceButton).not.toBe(bobButton); // nor an alert's

    // bob's stale button: his follow is gone, and he is told so privately
    const stale = await fake.button(bobButton, { message: bobAlert!.id, userId: 'bob', context: 'bot-dm' }).response();
    expect(stale.ephemeral).toBe(true);
    expect(stale.embeds).toEqual([]);
    expect(stale.content).toBe(
      'The follow behind this alert has been removed, so its passages can no longer be opened here. `/follow list` shows your follows.',
    );
    // a button naming alice's alert, pressed by bob (in a channel, or in his DM): refused, nothing of hers shown
    for (const where of [{ channelId: fake.channelId }, { context: 'bot-dm' as const }]) {
      const foreign = await fake.button(aliceButton, { userId: 'bob', ...where }).response();
      expect(foreign.ephemeral).toBe(true);
      expect(foreign.embeds).toEqual([]);
      expect(foreign.content).toMatch(/^This alert belongs to another member’s follow, so it does not open for you\./);
      expect(foreign.content).not.toMatch(/heroin/);
    }
    // alice herself opens it
    const hers = await fake.button(aliceButton, { message: aliceAlert!.id, userId: 'alice', context: 'bot-dm' }).response();
    expect(String(cardOf(hers)['title'])).toBe('6–7 of 7 new passages for “heroin purity”');
    await fake.slashCommand('follow', { remove: { follow: String(aliceFollow) } }, { userId: 'alice' }).response();
  });

  it('“and N more” and its pages count the five the alert shows: page 2 of 3 is 6–10 of 12', async () => {
    // before: the alert's "and 7 more" opened "6–10 of 12 … Page 1 of 2", its pages counted
    // apart from the five passages the alert itself shows
    const made = await fake.slashCommand('follow', { add: { query: 'opium poppy eradication' } }, { userId: 'bob' }).response();
    const follow = followIdOf(made.content);
    dropText('poppy12.txt', 'opium poppy eradication', 12);
    await update();
    const [alert] = dmAlerts('bob', follow);
    expect(String(cardOf(alert!)['title'])).toBe('New: 12 passages for “opium poppy eradication”');
    expect(fieldsOf(alert!)).toHaveLength(5);
    const button = componentsOf(alert!).find((c) => String(c['custom_id']).startsWith('follow:more:'))!;
    expect(button['label']).toBe('and 7 more');
    const second = await fake.button(String(button['custom_id']), { message: alert!.id, userId: 'bob', context: 'bot-dm' }).response();
    expect(String(cardOf(second)['title'])).toBe('6–10 of 12 new passages for “opium poppy eradication”');
    expect(cardOf(second)['description']).toBe('Page 2 of 3 (page 1 is the alert itself)');
    expect(fieldsOf(second).map((f) => f.name.split(' ·')[0])).toEqual(['6', '7', '8', '9', '10']);
    const next = componentsOf(second).find((c) => c['label'] === 'Next ▶')!;
    const third = await fake.button(String(next['custom_id']), { message: second.messageId!, userId: 'bob', context: 'bot-dm' }).response();
    expect(String(cardOf(third)['title'])).toBe('11–12 of 12 new passages for “opium poppy eradication”');
    expect(cardOf(third)['description']).toBe('Page 3 of 3 (page 1 is the alert itself)');
    expect(componentsOf(third).find((c) => c['label'] === 'Next ▶')?.['disabled']).toBe(true);
    await fake.slashCommand('follow', { remove: { follow: String(follow) } }, { userId: 'bob' }).response();
  });
});

describe('Share… double clicks (QA19b #6, review19 #2)', () => {
  it('two clicks on Share this passage post it once; a share answered privately (passage gone) does not count as posted', async () => {
    const dir = path.join(root, 'drops');
    mkdirSync(dir, { recursive: true });
    const file = path.join(dir, 'glaciers.txt');
    const text = 'Statement on glaciers\n\nThe delegation reported that glacier retreat monitoring stations recorded record losses this year.\n';
    writeFileSync(file, text);
    await update();
    const found = await fake.slashCommand('search', { query: 'glacier retreat monitoring stations' }).response();
    const id = selectValues(found, 'search:context')[0]!;
    const context = await fake.selectMenu('search:context', [id], { message: found }).response();
    const share = String(componentsOf(context).find((c) => c['label'] === 'Share this passage')!['custom_id']);
    const posted = (): StoredMessage[] =>
      fake.channelMessages().filter((m) => m.content.startsWith('Shared by') && /glacier retreat/.test(JSON.stringify(m.embeds)));

    // the passage leaves the library: each click is told so privately, none is taken for a post
    rmSync(file);
    await update();
    for (let i = 0; i < 2; i++) {
      const gone = await fake.button(share, { message: context }).response();
      expect(gone.ephemeral).toBe(true);
      expect(gone.content).toMatch(/^This result has expired/);
    }
    expect(posted()).toHaveLength(0);

    // back in the library (the same text, the same passage id): two quick clicks, one public post
    writeFileSync(file, text);
    await update();
    const answers = await Promise.all([0, 1].map(() => fake.button(share, { message: context }).response()));
    expect(answers.filter((a) => !a.ephemeral)).toHaveLength(1);
    const repeat = answers.find((a) => a.ephemeral)!;
    expect(repeat.content).toBe('You just shared that from this message; it was posted once and is not posted again.');
    expect(repeat.embeds).toEqual([]);
    expect(posted()).toHaveLength(1);
    rmSync(file);
    await update();
  });
});

describe('a DM follow whose direct messages close (QA22 F8.5)', () => {
  const noticesIn = (channelId: string, id: number): StoredMessage[] =>
    fake
      .channelMessages(channelId)
      .filter((m) => m.content.includes('paused: I can no longer send you direct messages') && m.content.includes(`#${id}`));

  it("pauses all the owner's DM follows, and tells them once in the channel the follow was made in, pinging them alone, without queries or alerts", async () => {
    // before: paused silently, the member learnt it only from /follow list; then (QA23 F4) one notice
    // per follow, each naming its query in a channel that may be public
    const made = await fake.slashCommand('follow', { add: { query: 'Aotearoa' } }, { userId: 'bob', channelId: fake.otherChannelId }).response();
    const id = followIdOf(made.content);
    const other = await fake.slashCommand('follow', { add: { query: 'Patagonia' } }, { userId: 'bob', channelId: fake.channelId }).response();
    const otherId = followIdOf(other.content);
    const bob = fake.users.bob.id;
    const ids = [
      id,
      ...stack.follows.store
        .activeDmFollowsOf(bob)
        .map((f) => f.id)
        .filter((x) => x !== id),
    ];
    expect(ids).toContain(otherId);
    fake.setDirectMessages('bob', false);
    try {
      drop('2022/NZL_77_2022.txt');
      await update();
      expect(dmAlerts('bob', id)).toHaveLength(0);
      // every DM follow of bob's is paused, the one that failed and those that would
      for (const f of ids) expect(stack.follows.store.get(f)?.paused).toBe('direct messages are closed');
      const notices = noticesIn(fake.otherChannelId, id);
      expect(notices).toHaveLength(1);
      expect(notices[0]!.content).toBe(
        `<@${bob}>, your ${ids.length} direct-message follows (${ids.map((x) => `#${x}`).join(', ')}) are paused: I can no longer send you direct messages. ` +
          'To get alerts again, allow direct messages from this server’s members (Privacy Settings in the server’s menu), ' +
          'then make the follows again with `/follow add` and remove the paused ones with `/follow remove` (`/follow list` shows them).',
      );
      expect(notices[0]!.content).not.toMatch(/Aotearoa|Patagonia/);
      expect(notices[0]!.embeds).toEqual([]); // no passage of the alert: the channel may be public
      expect(notices[0]!.allowed_mentions).toMatchObject({ parse: [], users: [bob] });
      // once: later updates and ticks tell nothing more, here or where the other follow was made
      await stack.follows.tick();
      expect(noticesIn(fake.otherChannelId, id)).toHaveLength(1);
      expect(noticesIn(fake.channelId, otherId)).toHaveLength(0);
      const list = await fake.slashCommand('follow', { list: {} }, { userId: 'bob' }).response();
      expect(JSON.stringify(list.embeds)).toMatch(new RegExp(`#${id}\\*\\*.*paused\\*\\*: direct messages are closed`));
    } finally {
      fake.setDirectMessages('bob', true);
    }
  });

  it('posts nothing where the bot can no longer post, and logs that at info without the query', async () => {
    const made = await fake.slashCommand('follow', { add: { query: 'peacekeeping' } }, { userId: 'bob', channelId: fake.channelId }).response();
    const id = followIdOf(made.content);
    fake.setDirectMessages('bob', false);
    fake.denyBot(fake.channelId, Permission.SendMessages);
    try {
      drop('2022/IRL_77_2022.txt');
      await update();
      expect(stack.follows.store.get(id)?.paused).toBe('direct messages are closed');
      expect(noticesIn(fake.channelId, id)).toHaveLength(0);
      const line = logLines.find(
        (l) =>
          l['msg'] === 'follows: could not tell the owner about the pause in the channel the follow was made in' &&
          Array.isArray(l['follows']) &&
          (l['follows'] as unknown[]).includes(id),
      );
      expect(line).toMatchObject({ level: 30, channel: fake.channelId });
      expect(JSON.stringify(line)).not.toMatch(/peacekeeping/i);
    } finally {
      fake.denyBot(fake.channelId, 0n);
      fake.setDirectMessages('bob', true);
    }
  });
});

describe('a database from before DM follows recorded where they were made (schema 4, QA22 F8.5)', () => {
  it('opens, and its follows still deliver; an old DM follow whose DMs closed is paused without a notice anywhere', async () => {
    await stopStack(stack);
    // the file as the previous release wrote it: the migrations it shipped (1–4), its follows row
    const old = path.join(mkdtempSync(path.join(tmpdir(), 'verbatim-follows-v4-')), 'verbatim.db');
    const raw = new Libsql(old);
    for (const sql of MIGRATIONS.slice(0, 4)) raw.exec(sql);
    raw.exec('PRAGMA user_version = 4');
    const insert = raw.prepare(
      'INSERT INTO follows (id, owner_id, guild_id, channel_id, query, filters, every, created_at, last_digest) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    insert.run(1, fake.users.alice.id, fake.guildId, null, 'First Nations', '{}', 'instant', clock, clock);
    insert.run(2, fake.users.admin.id, fake.guildId, fake.otherChannelId, 'First Nations', '{}', 'instant', clock, clock);
    insert.run(3, fake.users.bob.id, fake.guildId, null, '"First Nations"', '{}', 'instant', clock, clock);
    raw.close();
    dbPath = old;
    stack = await startStack();
    expect(stack.db.version()).toBe(MIGRATIONS.length);
    expect(stack.follows.store.get(1)).toMatchObject({ ownerId: fake.users.alice.id, query: 'First Nations' });
    expect(stack.follows.store.get(1)?.madeIn).toBeUndefined();
    fake.setDirectMessages('bob', false);
    try {
      const before = fake.channelMessages(fake.channelId).length + fake.channelMessages(fake.otherChannelId).length;
      drop('2022/AUS_77_2022.txt');
      await update();
      expect(fieldsOf(dmAlerts('alice', 1)[0]!)[0]?.value).toMatch(/\*\*First\*\* \*\*Nations\*\*/);
      expect(alertsIn(fake.otherChannelId, 2)).toHaveLength(1);
      expect(stack.follows.store.get(3)?.paused).toBe('direct messages are closed');
      // nothing but follow #2's alert was posted in a channel
      expect(fake.channelMessages(fake.channelId).length + fake.channelMessages(fake.otherChannelId).length).toBe(before + 1);
    } finally {
      fake.setDirectMessages('bob', true);
    }
  });
});
