/**
 * End to end for one person however the manifest spells them (QA21 F2): /compare's speakers,
 * /trend by speaker and the speaker autocomplete, through the real discord.js client logged in to
 * the loopback Discord-compatible server. The library is twelve real UNGDC speeches whose manifest
 * spells Biden four ways, the two Bushes and Chávez three ways (test/fixtures/ungdc-people).
 */
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Bot } from '../../src/discord/bot.ts';
import type { SearchEngine } from '../../src/types.ts';
import type { FakeDiscord, ReplyView } from '../discord-server/fake-discord.ts';
import { botOnLoopback, closeOnLoopback, expectNoViolations, openOnLoopback, type OnLoopback } from '../support/in-process-bot.ts';

const PEOPLE = fileURLToPath(new URL('../fixtures/ungdc-people', import.meta.url));

let on: OnLoopback;
let fake: FakeDiscord;
let bot: Bot;
let engine: SearchEngine;

beforeAll(async () => {
  on = await openOnLoopback(PEOPLE);
  ({ fake, engine } = on);
  bot = botOnLoopback(on);
  await bot.start();
});

afterAll(() => closeOnLoopback(bot, on));
afterEach(() => expectNoViolations(fake));

const fields = (v: ReplyView): { name: string; value: string }[] =>
  ((v.embeds[0] ?? {})['fields'] as { name: string; value: string }[] | undefined) ?? [];
const plural = (n: number): string => `${n} passage${n === 1 ? '' : 's'}`;

describe('/compare with speakers', () => {
  it('“Joe Biden” is the person of all four speeches, under the name the library shows him by', async () => {
    // Biden's four speeches are the United States' of 2021 to 2024
    const biden = (await engine.search('terrorism', { filters: { country: 'USA', from: '2021' }, limit: 1 })).total;
    const son = (await engine.search('terrorism', { filters: { country: 'USA', year: '2001' }, limit: 1 })).total;
    expect(biden).toBeGreaterThan(0);
    expect(son).toBeGreaterThan(0);
    const v = await fake.slashCommand('compare', { query: 'terrorism', with: 'Joe Biden, George W. Bush' }).response();
    // before: "Joe Biden · …", his 2021 speech alone
    expect(fields(v).map((f) => f.name)).toEqual([`Joseph R. Biden · ${plural(biden)}`, `George W. Bush · ${plural(son)}`]);
  });

  it('“Chávez” finds the speech the manifest writes “Mr. Hugo Chvez Frias”', async () => {
    const all = (await engine.search('sulphur', { filters: { country: 'VEN' }, limit: 1 })).total;
    expect(all).toBeGreaterThan(1);
    const v = await fake.slashCommand('compare', { query: 'sulphur', with: 'Chávez, George Bush' }).response();
    // before: the 2009 speech alone (1 passage)
    expect(fields(v)[0]!.name).toMatch(new RegExp(`^Hugo .*Ch.vez.* · ${plural(all)}$`));
  });
});

describe('/trend by speaker', () => {
  it('draws one bar per person: Biden first, with all his passages', async () => {
    const biden = (await engine.search('democracy', { filters: { country: 'USA', from: '2021' }, limit: 1 })).total;
    const v = await fake.slashCommand('trend', { query: 'democracy', by: 'speaker', country: 'United States' }).response({ timeoutMs: 20_000 });
    // before: "Joe Biden", "Joseph R. Biden, Jr" and "Joseph R. Biden" each had a bar
    expect(v.content).toMatch(new RegExp(`Top speakers: Joseph R\\. Biden: ${plural(biden)}`));
    expect(v.content.match(/Biden/g)).toHaveLength(1);
    expect(v.attachments[0]!.description).toMatch(/top \d speakers?: Joseph R\. Biden/);
  });
});

describe('the speaker autocomplete', () => {
  it('offers each person once, by any of their spellings', async () => {
    const choices = async (typed: string): Promise<string[]> =>
      ((await fake.autocomplete('search', { query: 'x', speaker: typed }, 'speaker').response()).choices ?? []).map((c) => String(c.value));
    expect(await choices('Joe Bi')).toEqual(['Joseph R. Biden']);
    expect(await choices('Biden')).toEqual(['Joseph R. Biden']);
    const withChoices = (await fake.autocomplete('compare', { query: 'x', with: 'Mexico, Joe' }, 'with').response()).choices ?? [];
    expect(withChoices.map((c) => c.value)).toEqual(['Mexico, Joseph R. Biden']);
  });
});

describe('replies that say why (QA21 F11)', () => {
  it('name the sessions and dates the library holds when a filter finds nothing in it, with words too', async () => {
    // before: "No passages match **peace** · session 999." and which filter to drop, naming no session
    const search = await fake.slashCommand('search', { query: 'peace session:999' }).response();
    expect(search.content.split('\n').slice(0, 2)).toEqual([
      'No passages match **peace session:999**.',
      'No passages from session 999 in this library: its sessions run from 32 to 79.',
    ]);
    // before: "… so there is no trend to draw. Try fewer or more general words."
    const trend = await fake.slashCommand('trend', { query: 'peace', from: '2030' }).response();
    expect(trend.content.split('\n')).toEqual([
      'No passages match **“peace” · from 2030**, so there is no trend to draw.',
      'No passages dated from 2030 on in this library: its documents date from 1977 to 2024.',
    ]);
    expect(trend.attachments).toEqual([]);
  });
});
