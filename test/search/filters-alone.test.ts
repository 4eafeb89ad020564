/**
 * A search of filters alone (`speaker:…`, `country:LBN`) lists the passages they allow, newest
 * document first, each first to last, and says so; before, it was refused ("Add at least one word").
 * It is for /search and the CLI's search (`filtersAlone`); /compare, a trend or a follow still needs words. Real documents: the delegations' statements of the 79th
 * General Debate (Lebanon in Arabic, Mexico in Spanish) and A/RES/79/191.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeExtractors } from '../../src/ingest/load-library.ts';
import type { VerbatimEngine } from '../../src/search/engine.ts';
import { explainNoHits } from '../../src/search/no-hits.ts';
import { parseQuery } from '../../src/search/query.ts';
import { QueryError } from '../../src/types.ts';
import { engineOfUnDocuments, openFixtureLibrary } from '../support/library.ts';

let engine: VerbatimEngine;

beforeAll(async () => {
  ({ engine } = await engineOfUnDocuments(['GA79_statement_Lebanon_ar.pdf', 'GA79_statement_Mexico_es.pdf', 'A_RES_79_191.pdf']));
}, 120_000);
afterAll(closeExtractors);

describe('a search of filters alone', () => {
  it("lists a country's statement, first to last, and says why", async () => {
    const all = await engine.search('country:LBN', { limit: 100, filtersAlone: true });
    expect(all.total).toBeGreaterThan(10);
    expect(all.hits).toHaveLength(all.total);
    expect(new Set(all.hits.map((h) => h.source.countryName))).toEqual(new Set(['Lebanon']));
    const paragraphs = all.hits.map((h) => h.source.paragraph!);
    expect(paragraphs).toEqual([...paragraphs].sort((a, b) => a - b));
    expect(all.notices).toEqual([
      'No words to search for: these are the passages the filters allow, newest document first, each first to last. Add words to search among them.',
    ]);
  });

  it('puts the newest document first, or the oldest when asked', async () => {
    const dates = async (sort?: 'oldest'): Promise<string[]> =>
      (await engine.search('session:79', { limit: 500, filtersAlone: true, ...(sort && { sort }) })).hits.map((h) => h.source.date ?? '');
    const newest = await dates();
    expect(new Set(newest).size).toBeGreaterThan(1);
    expect(newest).toEqual([...newest].sort().reverse());
    const oldest = await dates('oldest');
    expect(oldest).toEqual([...oldest].sort());
    expect((await engine.search('session:79', { sort: 'oldest', filtersAlone: true })).notices?.[0]).toMatch(/oldest document first/);
  });

  it('pages through the same list', async () => {
    const res = await engine.search('country:MEX', { limit: 100, filtersAlone: true });
    expect(res.total).toBeLessThan(100);
    const all = res.hits.map((h) => h.id);
    const paged: string[] = [];
    for (let offset = 0; offset < all.length; offset += 7)
      paged.push(...(await engine.search('country:MEX', { limit: 7, offset, filtersAlone: true })).hits.map((h) => h.id));
    expect(paged).toEqual(all);
  });

  it('takes filters given beside an empty query too, as --country LBN does', async () => {
    const typed = await engine.search('country:LBN', { limit: 5, filtersAlone: true });
    const given = await engine.search('', { limit: 5, filtersAlone: true, filters: { country: 'LBN' } });
    expect(given.hits.map((h) => h.id)).toEqual(typed.hits.map((h) => h.id));
  });

  it('reads each document first to last, a report with dated sections too', async () => {
    // the CND report dates its sections: by their own dates its paragraphs read 4, 3, 1, 2
    const { engine: fixture } = await openFixtureLibrary();
    const hits = (await fixture.search('doc:cnd-64-intersessional-2021-10', { limit: 100, filtersAlone: true })).hits;
    expect(new Set(hits.map((h) => h.source.date)).size).toBeGreaterThan(1);
    const paragraphs = hits.map((h) => h.source.paragraph!);
    expect(paragraphs).toEqual([...paragraphs].sort((a, b) => a - b));
  });

  it('says nothing about listing when the filters allow nothing', async () => {
    const res = await engine.search('country:LBN year:1990', { filtersAlone: true });
    expect(res.total).toBe(0);
    expect(res.notices ?? []).toEqual([]);
  });

  it('leaves out what the query excludes', async () => {
    // before: "The query only says what to leave out", though country:MEX alone listed
    const all = await engine.search('country:MEX', { limit: 100, filtersAlone: true });
    const res = await engine.search('country:MEX -drogas', { limit: 100, filtersAlone: true });
    expect(res.total).toBeGreaterThan(0);
    expect(res.total).toBeLessThan(all.total);
    for (const h of res.hits) expect(h.text).not.toMatch(/\bdrogas?\b/i);
    expect(res.notices?.[0]).toMatch(/^No words to search for: these are the passages the filters allow that do not say what the query leaves out/);
  });

  it('is refused where words are needed: with only words to leave out and no filter, only common words, in compare, trends and follows', async () => {
    await expect(engine.search('-drogas', { filtersAlone: true })).rejects.toThrow(/only says what to leave out/);
    await expect(engine.search('the country:MEX', { filtersAlone: true })).rejects.toThrow(/very common words/);
    // /compare searches without filtersAlone
    await expect(engine.search('country:MEX')).rejects.toThrow(/at least one word/);
    await expect(engine.count('country:MEX')).rejects.toThrow(/at least one word.*counted or followed/);
    expect(() => parseQuery('country:MEX')).toThrow(QueryError);
    expect(parseQuery('country:MEX', { filtersAlone: true }).filtersAlone).toBe(true);
  });
});

describe('filters alone that find nothing', () => {
  // before: "No passages match", the listing notice and (in the bot) "Try fewer or more general words"
  const why = async (query: string, filters = {}): Promise<string | undefined> => {
    expect((await engine.search(query, { filters, filtersAlone: true })).total).toBe(0);
    return (await explainNoHits(engine, query, filters)).emptyFilters;
  };

  it('name the filter that finds nothing in the library, in one sentence', async () => {
    expect(await why('speaker:Arafat')).toBe('No passages from speaker “Arafat” in this library.');
    expect(await why('country:BRA')).toBe('No passages from Brazil in this library.');
    expect(await why('symbol:E/CN.7/2099/1')).toBe('No passages with the symbol “E/CN.7/2099/1” in this library.');
  });

  it('say what dates and sessions the library has', async () => {
    expect(await why('year:2030')).toBe('No passages dated 2030 in this library: its documents are all from 2024.');
    expect(await why('', { from: '2030' })).toBe('No passages dated from 2030 on in this library: its documents are all from 2024.');
    expect(await why('session:200')).toBe('No passages from session 200 in this library: its only session is 79.');
  });

  it('name each filter that finds nothing, typed or given as an option', async () => {
    expect(await why('speaker:Arafat', { year: '2030' })).toBe(
      'No passages from speaker “Arafat” in this library, and none dated 2030: its documents are all from 2024.',
    );
    expect(await why('country:LBN year:2010')).toBe('No passages dated 2010 in this library: its documents are all from 2024.');
  });

  it('leave it to the usual lines when each filter finds passages but not together', async () => {
    expect((await engine.search('country:LBN speaker:Bárcena', { filtersAlone: true })).total).toBe(0);
    const help = await explainNoHits(engine, 'country:LBN speaker:Bárcena', {});
    expect(help.emptyFilters).toBeUndefined();
    expect(help.filtersAlone).toBe(true);
    expect(help.dropWords.map((d) => d.word)).toEqual(['country:LBN', 'speaker:Bárcena']);
  });

  it('are named to a search with words too, beside the usual lines (QA21 F11: session:999 climate named no session)', async () => {
    const help = await explainNoHits(engine, 'paz speaker:Arafat', {});
    expect(help.filtersAlone).toBeUndefined();
    expect(help.emptyFilters).toBe('No passages from speaker “Arafat” in this library.');
    expect(help.dropWords.map((d) => d.word)).toEqual(['speaker:Arafat']);
  });
});
