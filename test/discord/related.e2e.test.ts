/**
 * "Find related statements" on a message of few words (QA22 F8.4), through the real discord.js
 * client logged in to the loopback Discord-compatible server. The library is Canada's and the United
 * Kingdom's General Debate speeches of 2020 (test/fixtures/ungdc-related), which say "ok" once each.
 */
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Bot } from '../../src/discord/bot.ts';
import type { FakeDiscord, ReplyView } from '../discord-server/fake-discord.ts';
import { botOnLoopback, closeOnLoopback, expectNoViolations, openOnLoopback, type OnLoopback } from '../support/in-process-bot.ts';

const RELATED = fileURLToPath(new URL('../fixtures/ungdc-related', import.meta.url));

let on: OnLoopback;
let fake: FakeDiscord;
let bot: Bot;

beforeAll(async () => {
  on = await openOnLoopback(RELATED);
  fake = on.fake;
  bot = botOnLoopback(on);
  await bot.start();
});

afterAll(() => closeOnLoopback(bot, on));
afterEach(() => expectNoViolations(fake));

const related = (message: string): Promise<ReplyView> => fake.messageContextMenu('Find related statements', message).response();
const card = (v: ReplyView): Record<string, unknown> => v.embeds[0] ?? {};
const fields = (v: ReplyView): { name: string; value: string }[] => (card(v)['fields'] as { name: string; value: string }[] | undefined) ?? [];

describe('"Find related statements" on a message of few words', () => {
  it('says “lol ok 👍” has too few words to search with, instead of listing the passages saying “ok”', async () => {
    // before: the passages saying "ok", Boris Johnson's users "clicking “ok”" and Justin Trudeau's "come out the other side ok"
    const v = await related('lol ok 👍');
    expect(v.ephemeral).toBe(true);
    expect(v.embeds).toEqual([]);
    expect(v.content).toBe(
      'This message has too few words to search with: only “ok” (“lol” is in no passage; small words such as “the”, emoji, links and mentions do not count). ' +
        'Find related statements needs at least 2 words that passages hold; to search for “ok” alone, use `/search query: ok`.',
    );
    // one word the library holds is too few too
    expect((await related('thanks! 🙏')).content).toMatch(/^This message has too few words to search with: only “thanks” /);
  });

  it('searches a message of some but few words and says which words it searched with; a longer message, or one whose words no passage holds, is searched as before', async () => {
    const v = await related('lol what about the pandemic and vaccines? <@123456789012345678>');
    expect(String(card(v)['title'])).toMatch(/ for “pandemic vaccines”$/);
    expect(String(card(v)['description'])).toContain('*Searched with this message’s few words: “pandemic”, “vaccines” (“lol” is in no passage).*');
    expect(fields(v)[0]?.value).toMatch(/\*\*(?:pandemic|vaccines?)\*\*/);
    const long = await related('Has anyone looked at what the leaders said about the pandemic, vaccines for everyone and the climate crisis?');
    expect(fields(long).length).toBeGreaterThan(0);
    expect(String(card(long)['description'])).not.toContain('Searched with');
    // words no passage holds are not "too few": search's own answer says none matches
    expect((await related('what about nuclear disarmament?')).content).toMatch(/^No passages match \*\*nuclear disarmament\*\*/);
  });
});
