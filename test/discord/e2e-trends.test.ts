/**
 * End to end for the debate views (issue 14): newest first, Export CSV, /trend and /compare. The
 * bot as users run it (createBot, the real engine over real General Debate speeches of three
 * years) logged in to the loopback Discord-compatible server with the real discord.js client.
 * Assertions are about what a member sees and gets.
 */
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Bot } from '../../src/discord/bot.ts';
import { escapeMarkdown } from '../../src/render/text.ts';
import type { LibraryHandle } from '../../src/library/handle.ts';
import type { SearchEngine } from '../../src/types.ts';
import { ATTACHMENT_SIZE_LIMIT, type FakeDiscord, type ReplyView } from '../discord-server/fake-discord.ts';
import { countPixels, decodePng } from '../support/png.ts';
import { engineWith } from '../support/engine.ts';
import { botOnLoopback, closeOnLoopback, expectNoViolations, openOnLoopback, type OnLoopback } from '../support/in-process-bot.ts';

type Obj = Record<string, unknown>;

/** Real UNGDC speeches: Austria 1956; Bhutan, Colombia, Venezuela 2011; Brazil, Colombia 2021. */
const UNGDC = fileURLToPath(new URL('../fixtures/ungdc', import.meta.url));

let on: OnLoopback;
let fake: FakeDiscord;
let bot: Bot;
let engine: SearchEngine;
let makeBot: (deferAfterMs?: number) => Bot;
/** Added latency before the engine answers (to make the bot defer), in ms. */
let slowMs = 0;

beforeAll(async () => {
  on = await openOnLoopback(UNGDC);
  ({ fake, engine } = on);
  const { library } = on;
  const slow = async (): Promise<void> => {
    if (slowMs) await new Promise((r) => setTimeout(r, slowMs));
  };
  const provider: LibraryHandle = {
    state() {
      const s = library.state();
      if (s.status !== 'ready') return s;
      const e = s.engine;
      const slowEngine = engineWith(e, {
        search: async (q, o) => (await slow(), e.search(q, o)),
        count: async (q, o) => (await slow(), e.count(q, o)),
      });
      return { status: 'ready', engine: slowEngine };
    },
    reload: () => library.reload(),
  };
  makeBot = (deferAfterMs) => botOnLoopback(on, { engineProvider: provider, ...(deferAfterMs !== undefined ? { deferAfterMs } : {}) });
  bot = makeBot();
  await bot.start();
});

afterAll(() => closeOnLoopback(bot, on));
afterEach(() => expectNoViolations(fake));

const embed = (v: ReplyView): Obj => v.embeds[0] ?? {};
const fields = (v: ReplyView): { name: string; value: string }[] => (embed(v)['fields'] as { name: string; value: string }[] | undefined) ?? [];
const components = (v: ReplyView): Obj[] => v.components.flatMap((row) => (row['components'] as Obj[] | undefined) ?? []);
const byLabel = (v: ReplyView, label: string): Obj | undefined => components(v).find((c) => c['label'] === label);
/** The year in a hit's citation line (the last year it names). */
const citedYear = (f: { value: string }): number => Number([...(f.value.split('\n— ').pop() ?? '').matchAll(/\b(?:19|20)\d{2}\b/g)].pop()?.[0]);

describe('/search sort', () => {
  it('newest first puts the 2021 speeches before 2011 and 1956, and pages keep the order', async () => {
    const v = await fake.slashCommand('search', { query: 'peace', sort: 'newest' }).response();
    const years = fields(v).map(citedYear);
    expect(years.length).toBe(5);
    expect([...years].sort((a, b) => b - a)).toEqual(years);
    expect(years[0]).toBe(2021);
    expect(String(embed(v)['description'])).toContain('newest first');
    const next = await fake.button(String(byLabel(v, 'Next ▶')!['custom_id']), { message: v }).response();
    const later = fields(next).map(citedYear);
    expect(Math.max(...later)).toBeLessThanOrEqual(years.at(-1)!);
  });

  it('oldest first starts with Austria 1956', async () => {
    const v = await fake.slashCommand('search', { query: 'peace', sort: 'oldest' }).response();
    expect(fields(v)[0]!.name).toContain('Austria');
  });
});

describe('Export CSV', () => {
  it('attaches a CSV of every hit, in the order of the results, with source fields and links', async () => {
    const v = await fake.slashCommand('search', { query: 'development', country: 'Colombia' }).response();
    const total = Number(/of (\d+)/.exec(String(embed(v)['title']))![1]);
    expect(total).toBeGreaterThan(5);
    const exported = await fake.button(String(byLabel(v, 'Export CSV')!['custom_id']), { message: v }).response();
    expect(exported.ephemeral).toBe(true);
    expect(exported.content).toContain(`${total} hits of ${total}`);
    expect(exported.attachments).toHaveLength(1);
    const file = exported.attachments[0]!;
    expect(file.filename).toBe('verbatim-development.csv');
    expect(file.content_type).toBe('text/csv; charset=utf-8');
    expect(file.size).toBeLessThanOrEqual(ATTACHMENT_SIZE_LIMIT);
    // UTF-8 with a byte-order mark, so Excel reads it as UTF-8
    expect([...file.data.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parse(file.data.toString('utf8').slice(1), { columns: true }) as Record<string, string>[];
    const expected = await engine.search('development', { filters: { country: 'COL' }, limit: 5000 });
    expect(rows).toHaveLength(total);
    expect(rows.map((r) => r['passage'])).toEqual(expected.hits.map((h) => h.id));
    expect(rows.map((r) => Number(r['rank']))).toEqual(expected.hits.map((_, i) => i + 1));
    expect(rows.every((r) => r['country'] === 'COL' && r['countryName'] === 'Colombia')).toBe(true);
    expect(rows[0]!['text']).toBe(expected.hits[0]!.text);
    expect(rows[0]!['excerpt']).toBe(expected.hits[0]!.excerpt.text);
    expect(Number(rows[0]!['score'])).toBeCloseTo(expected.hits[0]!.score, 3);
    expect(Object.keys(rows[0]!)).toEqual(expect.arrayContaining(['speaker', 'session', 'date', 'paragraph', 'title', 'meeting', 'link']));
  });

  it('exports in the order the results were sorted', async () => {
    const v = await fake.slashCommand('search', { query: 'peace', sort: 'oldest' }).response();
    const exported = await fake.button(String(byLabel(v, 'Export CSV')!['custom_id']), { message: v }).response();
    const rows = parse(exported.attachments[0]!.data.toString('utf8').slice(1), { columns: true }) as Record<string, string>[];
    const dates = rows.map((r) => r['date']!);
    expect(dates[0]).toBe('1956');
    expect([...dates].sort()).toEqual(dates);
  });
});

describe('/trend', () => {
  it('says "1 passage in all" for a single match, not "1 passages"', async () => {
    // a phrase one passage holds: the first sentence of the first passage the library lists
    const hit = (await engine.search('peace', { limit: 1 })).hits[0]!;
    const words = hit.text.split(/\s+/).slice(0, 8).join(' ').replace(/["“”]/g, '');
    const query = `"${words}"`;
    expect((await engine.count(query, { by: 'year' })).total).toBe(1);
    const v = await fake.slashCommand('trend', { query, by: 'year' }).response({ timeoutMs: 20_000 });
    expect(v.content).toMatch(/: 1 passage in all\./);
  });

  it('answers privately with a PNG chart within Discord’s limits, alt text, the top years in words, and Share…', async () => {
    const v = await fake.slashCommand('trend', { query: 'peace', by: 'year' }).response({ timeoutMs: 20_000 });
    expect(v.ephemeral).toBe(true);
    expect(v.attachments).toHaveLength(1);
    const png = v.attachments[0]!;
    expect(png.content_type).toBe('image/png');
    expect(png.filename).toBe('verbatim-trend-peace-year.png');
    expect(png.size).toBeLessThanOrEqual(ATTACHMENT_SIZE_LIMIT);
    const img = decodePng(png.data);
    expect(img.width).toBeGreaterThan(1000);
    expect(img.height).toBeGreaterThan(500);
    const counts = await engine.count('peace', { by: 'year' });
    expect(png.description).toMatch(/^Line chart of matching passages per 1,000 passages of the year for “peace”, year 1956 to 2021\./);
    // before: "… per 1,000 passages of the year by year: …"
    expect(v.content).toContain(`**“peace”** — matching passages per 1,000 passages of each year: ${counts.total} passages in all.`);
    for (const b of counts.buckets.filter((x) => x.count > 0))
      expect(v.content).toMatch(new RegExp(`${b.key}: [\\d.]+ per 1,000 passages \\(${b.count} passages?\\)`));
    expect(v.allowed_mentions).toEqual({ parse: [], replied_user: false });

    const shared = await fake.button(String(byLabel(v, 'Share…')!['custom_id']), { message: v }).response({ timeoutMs: 20_000 });
    expect(shared.ephemeral).toBe(false);
    expect(shared.content).toMatch(new RegExp(`^Shared by <@${fake.users.alice.id}>\\n\\*\\*“peace”\\*\\*`));
    expect(shared.attachments).toHaveLength(1);
    expect(shared.attachments[0]!.data.equals(png.data)).toBe(true);
    expect(fake.channelMessages().some((m) => m.id === shared.messageId)).toBe(true);
    // a second click on the same Share… (a double click) does not post the chart again (QA19b #6)
    const again = await fake.button(String(byLabel(v, 'Share…')!['custom_id']), { message: v }).response({ timeoutMs: 20_000 });
    expect(again.ephemeral).toBe(true);
    expect(again.content).toBe('You just shared that from this message; it was posted once and is not posted again.');
    expect(fake.channelMessages().filter((m) => m.content.startsWith(`Shared by <@${fake.users.alice.id}>\n**“peace”**`))).toHaveLength(1);
  });

  it('by country, documents, with a filter: the top countries with counts; nothing matching says so', async () => {
    const v = await fake.slashCommand('trend', { query: 'peace', by: 'country', per: 'documents', from: '2000' }).response({ timeoutMs: 20_000 });
    expect(v.content).toContain('**“peace” · from 2000** — matching documents by country');
    expect(v.content).toMatch(/Top countries: (Colombia|Bhutan|Brazil|Venezuela[^:]*): \d documents?/);
    expect(v.attachments[0]!.description).toMatch(/^Horizontal bar chart of matching documents/);
    const none = await fake.slashCommand('trend', { query: 'xylophone' }).response();
    expect(none.attachments).toEqual([]);
    expect(none.content).toBe('No passages match **“xylophone”**, so there is no trend to draw. Try fewer or more general words.');
  });
});

describe('/trend with several countries', () => {
  it('names them as /search does (names, comma and space), and a long title wraps: the PNG keeps its width', async () => {
    const v = await fake
      .slashCommand('trend', { query: 'peace', by: 'country', country: 'Venezuela, Colombia, Brazil, Bhutan, Austria' })
      .response({ timeoutMs: 20_000 });
    const title = '“peace” · country: Venezuela, Colombia, Brazil, Bhutan, Austria';
    expect(v.content.split('\n')[0]).toMatch(new RegExp(`^\\*\\*${title}\\*\\* — matching passages by country: \\d+ passages in all\\.$`));
    expect(v.attachments[0]!.description).toContain(`for ${title}, top 5 countries:`);
    // the same five bars without the filter: the picture is as wide (the title takes more lines, not more width)
    const plain = await fake.slashCommand('trend', { query: 'peace', by: 'country' }).response({ timeoutMs: 20_000 });
    const [wide, normal] = [decodePng(v.attachments[0]!.data), decodePng(plain.attachments[0]!.data)];
    expect(wide.width).toBe(normal.width);
    expect(wide.height).toBeGreaterThan(normal.height);
    expect(wide.height).toBeLessThan(normal.height + 100);
  });

  it('Export CSV names the countries as the results do', async () => {
    const v = await fake.slashCommand('search', { query: 'development', country: 'Colombia, Brazil' }).response();
    expect(String(embed(v)['description'])).toContain('country: Colombia, Brazil');
    const exported = await fake.button(String(byLabel(v, 'Export CSV')!['custom_id']), { message: v }).response();
    expect(exported.content).toMatch(/^\d+ hits of \d+ for \*\*development\*\* · country: Colombia, Brazil as CSV: /);
  });
});

describe('/trend raw counts', () => {
  it('per documents, raw: years the library holds nothing of have no value, the line breaks there (neither joined nor a drop to 0)', async () => {
    const v = await fake.slashCommand('trend', { query: 'peace', per: 'documents', raw: true }).response({ timeoutMs: 20_000 });
    expect(v.content).toMatch(/^\*\*“peace”\*\* — matching documents by year: 6 documents in all\./);
    // named apart from the default chart's verbatim-trend-peace-year.png
    expect(v.attachments[0]!.filename).toBe('verbatim-trend-peace-year-documents-raw.png');
    const img = decodePng(v.attachments[0]!.data);
    // the library has speeches of 1956, 2011 and 2021: halfway along the axis (about 1985) nothing is
    // drawn, no area under a line joining 1956 and 2011 (as before) and no line along 0
    const lightBlue = (r: number, _g: number, b: number): boolean => r > 150 && b > 230 && b - r > 25;
    const line = (r: number, g: number, b: number): boolean => Math.abs(r - 0x2b) < 40 && Math.abs(g - 0x6c) < 40 && Math.abs(b - 0xb0) < 40;
    const strip = { x: Math.round(img.width * 0.45), y: Math.round(img.height * 0.15), w: 10, h: Math.round(img.height * 0.7) };
    expect(countPixels(img, strip, lightBlue)).toBe(0);
    expect(countPixels(img, strip, line)).toBe(0);
    // the three years are drawn, as points
    expect(countPixels(img, { x: 0, y: 0, w: img.width, h: img.height }, line)).toBeGreaterThan(100);
  });

  it('by country, says that raw changes nothing there (countries are charted as counts), privately and not when shared', async () => {
    // before: raw was ignored without a word
    const v = await fake.slashCommand('trend', { query: 'peace', by: 'country', raw: true }).response({ timeoutMs: 20_000 });
    const lines = v.content.split('\n');
    expect(lines[0]).toMatch(/^\*\*“peace”\*\* — matching passages by country: \d+ passages in all\.$/);
    expect(lines[1]).toBe('*The raw option applies to years and sessions only: a chart by country always shows counts.*');
    expect(lines[2]).toMatch(/^Top countries: /);
    const shared = await fake.button(String(byLabel(v, 'Share…')!['custom_id']), { message: v }).response({ timeoutMs: 20_000 });
    expect(shared.ephemeral).toBe(false);
    expect(shared.content).not.toContain('raw option');
    // without raw, no such line
    const plain = await fake.slashCommand('trend', { query: 'peace', by: 'country' }).response({ timeoutMs: 20_000 });
    expect(plain.content).not.toContain('raw option');
  });
});

describe('/trend notices', () => {
  const spaced = 'Read “country: security” as words — for a country filter write country:COL or country:"South Africa" (no space after the colon).';
  it('says how it read the query, in italics under the headline, privately and when shared', async () => {
    const v = await fake.slashCommand('trend', { query: 'peace country: security' }).response({ timeoutMs: 20_000 });
    const words = await engine.count('peace country security');
    expect(words.total).toBeGreaterThan(0);
    const lines = v.content.split('\n');
    expect(lines[0]).toBe(
      `**“peace country: security”** — matching passages per 1,000 passages of each year: ${words.total} passage${words.total === 1 ? '' : 's'} in all.`,
    );
    expect(lines[1]).toBe(`*${escapeMarkdown(spaced)}*`);
    expect(lines[2]).toMatch(/^Top years: /);
    expect(lines).toHaveLength(3);
    expect(v.attachments).toHaveLength(1);
    const shared = await fake.button(String(byLabel(v, 'Share…')!['custom_id']), { message: v }).response({ timeoutMs: 20_000 });
    expect(shared.content.split('\n').slice(1)).toEqual(lines);
  });

  it('says it with no match too, and a query read as written has no notice line', async () => {
    const none = await fake.slashCommand('trend', { query: 'peace from: 5 years' }).response();
    expect(none.attachments).toEqual([]);
    expect(none.content).toBe(
      'No passages match **“peace from: 5 years”**, so there is no trend to draw. Try fewer or more general words.\n' +
        `*${escapeMarkdown('Read “from: 5” as words — for a date filter write from:2021 or from:2021-10-19 (no space after the colon).')}*`,
    );
    const plain = await fake.slashCommand('trend', { query: 'peace' }).response({ timeoutMs: 20_000 });
    expect(plain.content.split('\n')).toEqual([expect.stringMatching(/^\*\*“peace”\*\* — /), expect.stringMatching(/^Top years: /)]);
  });
});

describe('/compare', () => {
  it('one field per country with its best passage, Share… per passage, and “nothing” for one without', async () => {
    const v = await fake.slashCommand('compare', { query: 'coca', with: 'Colombia, Venezuela, Austria' }).response();
    expect(v.ephemeral).toBe(true);
    const f = fields(v);
    expect(f).toHaveLength(3);
    expect(f[0]!.name).toMatch(/^Colombia · /);
    expect(f[1]!.name).toMatch(/^Venezuela.* · /);
    expect(f[2]!.name).toMatch(/^Austria · /);
    const col = await engine.search('coca', { filters: { country: 'COL' }, limit: 1 });
    expect(col.total).toBeGreaterThan(0);
    expect(f[0]!.name).toBe(`Colombia · ${col.total} passage${col.total === 1 ? '' : 's'}`);
    expect(f[0]!.value).toContain('**coca**');
    const aut = await engine.search('coca', { filters: { country: 'AUT' }, limit: 1 });
    expect(aut.total).toBe(0);
    expect(f[2]!.value).toBe('Nothing: no passage of Austria matches this query.');
    const shares = components(v).filter((c) => String(c['label']).startsWith('Share: '));
    expect(shares.map((c) => c['label'])).toEqual(f.filter((x) => !x.value.startsWith('Nothing')).map((x) => `Share: ${x.name.split(' · ')[0]}`));
    const card = await fake.button(String(shares[0]!['custom_id']), { message: v }).response();
    expect(card.ephemeral).toBe(false);
    expect(String(embed(card)['description'])).toContain(col.hits[0]!.text.slice(0, 40));
  });

  it('says how it read the query (an unclosed quote), in italics under its line, as /search does', async () => {
    // before: /compare said nothing of the quote, where /search notes it runs to the end
    const query = 'peace "security council';
    const notice = `*${escapeMarkdown('The quote after “peace” is never closed: read as the phrase “security council”, up to the end of the query.')}*`;
    const v = await fake.slashCommand('compare', { query, with: 'Colombia, Brazil' }).response();
    expect(v.ephemeral).toBe(true);
    expect(String(embed(v)['description']).split('\n')).toEqual(['Best passage for each of Colombia, Brazil.', notice]);
    const search = await fake.slashCommand('search', { query }).response();
    expect(String(embed(search)['description']).split('\n')).toContain(notice);
    // a query read as written: no notice line
    const plain = await fake.slashCommand('compare', { query: 'peace', with: 'Colombia, Brazil' }).response();
    expect(embed(plain)['description']).toBe('Best passage for each of Colombia, Brazil.');
  });

  it('compares sessions and speakers, autocompletes the last name of the list, and explains a bad list', async () => {
    const v = await fake.slashCommand('compare', { query: 'peace', with: '66, 76' }).response();
    expect(fields(v).map((x) => x.name.split(' · ')[0])).toEqual(['Session 66', 'Session 76']);
    const choices = (await fake.autocomplete('compare', { query: 'peace', with: 'Colombia, Bra' }, 'with').response()).choices ?? [];
    expect(choices.map((c) => c.value)).toContain('Colombia, Brazil');
    const one = await fake.slashCommand('compare', { query: 'peace', with: 'Colombia' }).response();
    expect(one.content).toMatch(/^Compare 2 to 6 countries, speakers or sessions, separated by commas \(got 1\)/);
    const unknown = await fake.slashCommand('compare', { query: 'peace', with: 'Colombia, Atlantis' }).response();
    expect(unknown.content).toBe('“Atlantis” is not a country, speaker or session of the library. Pick from the suggestions, or check /sources.');
  });

  it('names `with:` when the query’s filter chooses what it chooses, and asks for words when the query is filters alone', async () => {
    // before: "The query says country:COL but the country option says BRA — keep one of them." (there is no country option)
    for (const query of ['country:COL', 'peace country:COL']) {
      const v = await fake.slashCommand('compare', { query, with: 'Brazil, Colombia' }).response();
      expect(v.ephemeral).toBe(true);
      expect(v.content).toBe(
        'The query says `country:COL`, but /compare takes the countries to compare from `with:` (Brazil, Colombia) — take `country:COL` out of the query.',
      );
    }
    const speakers = await fake.slashCommand('compare', { query: 'peace speaker:Duque', with: 'Colombia, 66' }).response();
    expect(fields(speakers).map((x) => x.name.split(' · ')[0])).toEqual(['Colombia', 'Session 66']);
    // before: "Best passage for each" was ¶ 1 of each, with no word said
    const alone = await fake.slashCommand('compare', { query: 'session:76', with: 'Brazil, Colombia' }).response();
    expect(alone.ephemeral).toBe(true);
    expect(alone.content).toMatch(
      /^\/compare needs words to find each one’s best passage by: filters such as `session:76` only narrow the passages compared\./,
    );
    expect(alone.embeds).toEqual([]);
    // a filter of another kind than `with:` narrows each one's passages
    const narrowed = await fake.slashCommand('compare', { query: 'peace session:76', with: 'Brazil, Colombia' }).response();
    expect(fields(narrowed).filter((f) => !f.value.startsWith('Nothing')).length).toBeGreaterThan(0);
    for (const f of fields(narrowed)) if (!f.value.startsWith('Nothing')) expect(f.value).toMatch(/76th session/);
  });
});

describe('slow answers', () => {
  it('a deferred /trend still gets its chart (the file goes with the edit), and a deferred Share… too', async () => {
    await bot.stop();
    bot = makeBot(100);
    await bot.start();
    slowMs = 300;
    const v = await fake.slashCommand('trend', { query: 'peace', by: 'session' }).response({ timeoutMs: 20_000 });
    expect(v.deferred).toBe(true);
    expect(v.ephemeral).toBe(true);
    expect(v.attachments).toHaveLength(1);
    expect(decodePng(v.attachments[0]!.data).width).toBeGreaterThan(1000);
    expect(v.attachments[0]!.description).toMatch(/^Column chart of matching passages per 1,000 passages of the session/);
    const shared = await fake.button(String(byLabel(v, 'Share…')!['custom_id']), { message: v }).response({ timeoutMs: 20_000 });
    expect(shared.ephemeral).toBe(false);
    expect(shared.attachments).toHaveLength(1);
    const exported = await fake.slashCommand('search', { query: 'peace' }).response();
    const csv = await fake.button(String(byLabel(exported, 'Export CSV')!['custom_id']), { message: exported }).response();
    expect(csv.deferred).toBe(true);
    expect(csv.attachments[0]!.filename).toBe('verbatim-peace.csv');
    slowMs = 0;
  });
});
