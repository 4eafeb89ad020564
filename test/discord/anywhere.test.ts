/**
 * Use it anywhere: /search, /quote, /about and the message menu work as a user-installed app (in
 * the bot's DM, in group DMs and in servers the bot is not in), next to the server install; the
 * server-only commands are not offered there. The real discord.js client against the loopback
 * Discord server, with the commands registered globally as `npm run deploy-commands` does without
 * DISCORD_GUILD_ID.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../../commands/registry.ts';
import { createBot, type Bot } from '../../src/discord/bot.ts';
import { deployCommands } from '../../src/discord/deploy.ts';
import { createLibrary, type Library } from '../../src/library/handle.ts';
import { createLogger } from '../../src/logger.ts';
import { startFakeDiscord, type FakeDiscord, type InteractionOpts } from '../discord-server/fake-discord.ts';
import { openFixtureLibrary } from '../support/library.ts';

type Obj = Record<string, unknown>;
let fake: FakeDiscord;
let bot: Bot;
let library: Library;

beforeAll(async () => {
  fake = await startFakeDiscord();
  await deployCommands(
    { token: fake.token, clientId: fake.applicationId, apiBase: fake.apiBase },
    commands.map((c) => c.data),
  );
  library = createLibrary(() => openFixtureLibrary());
  bot = createBot({ engineProvider: library, commands, log: createLogger('silent'), config: { token: fake.token, apiBase: fake.apiBase } });
  await bot.start();
  await library.ready;
});

afterAll(async () => {
  await bot?.stop();
  await fake?.close();
});

const embed = (v: { embeds: Obj[] }): Obj => v.embeds[0] ?? {};
const selectValues = (v: { components: Obj[] }, id: string): string[] =>
  v.components
    .flatMap((row) => (row['components'] as Obj[] | undefined) ?? [])
    .filter((c) => c['custom_id'] === id)
    .flatMap((c) => ((c['options'] as Obj[] | undefined) ?? []).map((o) => String(o['value'])));

const PLACES: [string, InteractionOpts][] = [
  ['the bot’s DM (user install)', { context: 'bot-dm', install: 'user' }],
  ['a group DM (user install)', { context: 'private-channel' }],
  ['a server the bot is not in (user install)', { context: 'guild', install: 'user' }],
  ['the server (server install)', { context: 'guild', install: 'guild' }],
];

describe('registration', () => {
  it('offers search, quote, about and the message menu to both installs everywhere; the rest to servers only', () => {
    const registered = fake.commands('global');
    const where = Object.fromEntries(registered.map((c) => [c.name, { contexts: c['contexts'], integration_types: c['integration_types'] }]));
    for (const name of ['search', 'quote', 'about', 'Find related statements'])
      expect(where[name], name).toEqual({ contexts: [0, 1, 2], integration_types: [0, 1] });
    for (const name of ['reindex', 'follow', 'sources', 'source']) expect(where[name], name).toEqual({ contexts: [0], integration_types: [0] });
  });
});

describe.each(PLACES)('in %s', (_place, o) => {
  it('/search answers privately, and Share… posts the card where the user is (in the bot’s DM, says how to post it in a channel)', async () => {
    const v = await fake.slashCommand('search', { query: 'coca cultivation' }, o).response();
    expect(v.ephemeral).toBe(true);
    expect(String(embed(v)['title'])).toMatch(/for “coca cultivation”$/);
    const id = selectValues(v, 'search:share')[0]!;
    const shared = await fake.selectMenu('search:share', [id], { ...o, message: v }).response();
    expect(shared.allowed_mentions).toEqual({ parse: [], replied_user: false });
    if (o.context === 'bot-dm') {
      // the DM with the bot has no one else to show the card to
      expect(shared.ephemeral).toBe(true);
      expect(shared.content).toContain(`there is no channel here to share into. To post this passage in a channel, run \`/quote id:${id}\` there.`);
      return;
    }
    expect(shared.ephemeral).toBe(false);
    expect(String(embed(shared)['description'])).toContain('coca cultivation');
  });

  it('/about and /quote answer', async () => {
    const about = await fake.slashCommand('about', {}, o).response();
    expect((embed(about)['fields'] as { name: string; value: string }[]).find((f) => f.name === 'Documents')?.value).toBe('4');
    const hit = (await library.ready).engine;
    const passage = (await hit.search('pandemic', { limit: 1 })).hits[0]!;
    const quote = await fake.slashCommand('quote', { id: passage.id }, o).response();
    expect(quote.ephemeral).toBe(false);
    expect(quote.content).toBe(`Shared by <@${fake.users.alice.id}>`);
  });

  it('the message menu searches with the message’s words', async () => {
    const v = await fake.messageContextMenu('Find related statements', 'What was said about money laundering?', o).response();
    expect(v.ephemeral).toBe(true);
    expect(String(embed(v)['title'])).toMatch(/money laundering/);
  });
});

describe('server-only commands', () => {
  it.each([
    ['reindex', { context: 'bot-dm', install: 'user' }],
    ['reindex', { context: 'private-channel' }],
    ['follow', { context: 'guild', install: 'user' }],
    ['sources', { context: 'bot-dm' }],
  ] as [string, InteractionOpts][])('/%s is not offered in %j', (name, o) => {
    expect(() => fake.slashCommand(name, {}, { ...o, userId: 'admin' })).toThrow(/not available/);
  });

  it('nothing the bot did was rejected', () => {
    expect(fake.violations).toEqual([]);
  });
});

describe('a long query in a form', () => {
  const paragraph =
    'We are deeply concerned that coca cultivation has increased, that cocaine is smuggled through new routes and that ' +
    'money laundering finances the criminal groups that traffic drugs across our borders; we call on every State to share ' +
    'intelligence, to strengthen judicial cooperation and to support alternative development for the farmers who depend on ' +
    'the crop, in line with the three international drug control conventions and the commitments made at the special session ' +
    'of the General Assembly, and we ask the Commission to report on progress.';

  it.each(PLACES)(
    '/search without a query or filter opens a paragraph form; its text is searched, with the filters it says (%s)',
    async (_place, o) => {
      expect(paragraph.length).toBeGreaterThan(500);
      // with a filter option and no query, /search lists the passages the filter allows (test/discord/e2e.test.ts)
      const opened = await fake.slashCommand('search', {}, o).response();
      expect(opened.type).toBe(9);
      const modal = opened.modal as { custom_id: string; components: { components: Obj[] }[] };
      const input = modal.components[0]!.components[0]!;
      expect(input).toMatchObject({ type: 4, style: 2, custom_id: 'query', max_length: 4000 });
      const v = await fake.modalSubmit(modal.custom_id, { query: `${paragraph} country:Colombia` }, o).response();
      expect(v.ephemeral).toBe(true);
      const fields = (embed(v)['fields'] as { name: string; value: string }[] | undefined) ?? [];
      expect(fields.length).toBeGreaterThan(0);
      // the country filter written in the form applies: every hit is Colombia's
      for (const f of fields) expect(f.name + f.value).toMatch(/Colombia|COL/);
      expect(fake.violations).toEqual([]);
    },
  );

  it('an empty form is a clear private message', async () => {
    const opened = await fake.slashCommand('search', {}).response();
    const v = await fake.modalSubmit(String((opened.modal as Obj)['custom_id']), { query: '   ' }).response();
    expect(v.ephemeral).toBe(true);
    expect(v.content).toMatch(/Give some words to search for/);
  });
});
