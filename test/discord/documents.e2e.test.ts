/**
 * Naming a document by what members know (QA17 finding 6), end to end: the bot as it runs
 * (createBot, the real engine over a temporary copy of real UN documents) logged in to the
 * loopback Discord server. `/source`, the `document` option of /search and its autocomplete take
 * the UN symbol as written, the country and the title's words, as `/sources` does; a value that
 * names several documents is refused, naming them.
 */
import { cpSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Bot } from '../../src/discord/bot.ts';
import type { FakeDiscord } from '../discord-server/fake-discord.ts';
import { botOnLoopback, closeOnLoopback, expectNoViolations, openOnLoopback, type OnLoopback } from '../support/in-process-bot.ts';

type Obj = Record<string, unknown>;
const UN = fileURLToPath(new URL('../fixtures/un-documents/', import.meta.url));
/** The Millennium Declaration, two General Debate statements with no title, one resolution in two languages (one symbol), a record where Belarus speaks. */
const FILES = [
  'A_RES_55_2.pdf',
  'GA79_statement_Mexico_es.pdf',
  'GA79_statement_Lebanon_ar.pdf',
  'GA79_statement_Belarus_ru.pdf',
  'E_RES_2023_1-EN.xml',
  'E_RES_2023_1-FR.xml',
  'A_50_PV.33.pdf',
];

let on: OnLoopback;
let fake: FakeDiscord;
let bot: Bot;

beforeAll(async () => {
  const root = path.join(mkdtempSync(path.join(tmpdir(), 'verbatim-documents-')), 'library');
  mkdirSync(root);
  for (const f of FILES) cpSync(path.join(UN, f), path.join(root, f));
  on = await openOnLoopback(root);
  fake = on.fake;
  bot = botOnLoopback(on);
  await bot.start();
}, 120_000);

afterAll(() => closeOnLoopback(bot, on));
afterEach(() => expectNoViolations(fake));

type View = Awaited<ReturnType<ReturnType<FakeDiscord['slashCommand']>['response']>>;
const embed = (v: View): Obj => v.embeds[0] ?? {};
const description = (v: View): string => String(embed(v)['description'] ?? '');
const fields = (v: View): { name: string; value: string }[] => (embed(v)['fields'] as { name: string; value: string }[] | undefined) ?? [];
const choices = async (command: string, options: Record<string, string>, option: string): Promise<string[]> =>
  ((await fake.autocomplete(command, options, option).response()).choices ?? []).map((c) => String(c.value));

describe('/source names a document by its symbol, country or title words, as /sources finds it', () => {
  it('finds the document /sources lists for the same words', async () => {
    for (const [typed, id] of [
      ['A/RES/55/2', 'A_RES_55_2'],
      ['a/res/55/2', 'A_RES_55_2'],
      ['Mexico', 'GA79_statement_Mexico_es'],
      ['Lebanon', 'GA79_statement_Lebanon_ar'],
      ['Millennium', 'A_RES_55_2'],
      ['A_RES_55_2', 'A_RES_55_2'],
    ] as const) {
      const listed = await fake.slashCommand('sources', { filter: typed }).response();
      expect(JSON.stringify(listed.embeds), typed).toContain(id);
      const v = await fake.slashCommand('source', { document: typed }).response();
      expect(v.content, typed).toBe('');
      expect(description(v), typed).toBe(`Document id: \`${id}\``);
    }
    const millennium = await fake.slashCommand('source', { document: 'A/RES/55/2' }).response();
    expect(embed(millennium)['title']).toBe('United Nations Millennium Declaration');
  });

  it('says which documents a value names when it names several, and what names none', async () => {
    const several = await fake.slashCommand('source', { document: 'E/RES/2023/1' }).response();
    expect(several.content).toBe(
      '“E/RES/2023/1” names 2 documents: E_RES_2023_1-EN (Working arrangements for the 2023 session of the Economic a…), ' +
        'E_RES_2023_1-FR (Organisation des travaux de la session de 2023 du Conseil é…) — pick one (symbol:E/RES/2023/1 finds them all).',
    );
    const none = await fake.slashCommand('source', { document: 'Atlantis' }).response();
    expect(none.content).toBe('No document matches “Atlantis”. /sources lists what the library holds.');
  });
});

describe('/sources', () => {
  it('lists the documents newest first, undated last, and says so in one line when a filter finds none', async () => {
    const v = await fake.slashCommand('sources').response();
    // before: the order the files were read in (1995, 2000, 2024, 2023, …), which no one could scan
    const ids = [...description(v).matchAll(/^`([^`]+)`$/gm)].map((m) => m[1]);
    expect(ids).toEqual([
      'GA79_statement_Mexico_es', // 2024-09-28
      'GA79_statement_Lebanon_ar', // 2024-09-26
      'E_RES_2023_1-FR', // 2022-07-25, "Organisation des travaux …"
      'E_RES_2023_1-EN', // 2022-07-25, "Working arrangements …"
      'A_RES_55_2', // 2000-09-08
      'A_50_PV.33', // 1995-10-18
      'GA79_statement_Belarus_ru', // undated
    ]);
    expect(String((embed(v)['footer'] as Obj)['text'])).toBe('Page 1 of 1 · newest first · /source document:<id> for details');
    // before: a card titled "0 of 0 documents matching “resolution Atlantis”"
    const none = await fake.slashCommand('sources', { filter: 'resolution Atlantis' }).response();
    expect(none.embeds).toEqual([]);
    expect(none.content).toBe(
      'No document’s title, symbol, id, country or speaker holds “resolution Atlantis”. Try fewer words, or /sources alone for every document; /search finds what documents say.',
    );
  });
});

describe('/trend', () => {
  it('names the chart after a query in Arabic, in its own letters', async () => {
    // before: verbatim-trend-country.png, the query lost
    const v = await fake.slashCommand('trend', { query: 'لبنان', by: 'country' }).response({ timeoutMs: 20_000 });
    expect(v.attachments.map((a) => a.filename)).toEqual(['verbatim-trend-لبنان-country.png']);
  });
});

describe('the document option of /search takes a symbol, a country or title words naming one document', () => {
  it('searches the one document a symbol names', async () => {
    const v = await fake.slashCommand('search', { query: 'peace', document: 'A/RES/55/2' }).response();
    expect(v.content).toBe('');
    expect(String(embed(v)['title'])).toMatch(/^1–5 of \d+/);
    const cited = fields(v).map((f) => f.value);
    expect(cited.length).toBe(5);
    for (const c of cited) expect(c).toContain('A/RES/55/2');
    // the filter line names the document by its title
    expect(JSON.stringify(v.embeds)).toContain('document: United Nations Millennium Declaration');
  });

  it('refuses a value that names several documents, naming them, and never widens the filter', async () => {
    const v = await fake.slashCommand('search', { query: 'session', document: 'E/RES/2023/1' }).response();
    expect(v.embeds).toEqual([]);
    expect(v.content).toContain('“E/RES/2023/1” names 2 documents: E_RES_2023_1-EN');
    expect(v.content).toContain('— pick one (symbol:E/RES/2023/1 finds them all).');
    const inline = await fake.slashCommand('search', { query: 'peace doc:statement' }).response();
    expect(inline.content).toBe(
      '“statement” names 3 documents: GA79_statement_Belarus_ru (ВЫСТУПЛЕНИЕ Министра иностранных дел Республики Беларусь М.…), ' +
        'GA79_statement_Lebanon_ar (كلمة وزیر الخارجیة والمغتربین د. عبد الله بو حبیب أمام الدو…), ' +
        'GA79_statement_Mexico_es (Mensaje de la secretaria de Relaciones Exteriores, Alicia B…) — pick one.',
    );
  });
});

describe('document autocomplete offers what members type: symbol, country, title words', () => {
  it('completes a symbol as the UN writes it, any case, and a country', async () => {
    expect(await choices('source', { document: 'A/RES/55' }, 'document')).toEqual(['A_RES_55_2']);
    expect(await choices('search', { query: 'x', document: 'a/res/55/2' }, 'document')).toEqual(['A_RES_55_2']);
    expect(await choices('source', { document: 'Mex' }, 'document')).toEqual(['GA79_statement_Mexico_es']);
    expect(await choices('search', { query: 'x', document: 'Lebanon' }, 'document')).toEqual(['GA79_statement_Lebanon_ar']);
    // the statement of Belarus before the record where Belarus speaks
    expect(await choices('source', { document: 'Belarus' }, 'document')).toEqual(['GA79_statement_Belarus_ru', 'A_50_PV.33']);
    expect(await choices('source', { document: 'Millennium' }, 'document')).toEqual(['A_RES_55_2']);
  });
});
