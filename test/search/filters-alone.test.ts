/**
 * A search of filters alone (`speaker:…`, `country:LBN`) lists the passages they allow, newest
 * first, each document first to last, and says so; before, it was refused ("Add at least one word").
 * A trend or a follow still needs words. Real documents: the delegations' statements of the 79th
 * General Debate (Lebanon in Arabic, Mexico in Spanish) and A/RES/79/191.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeExtractors } from '../../src/ingest/load-library.ts';
import type { VerbatimEngine } from '../../src/search/engine.ts';
import { parseQuery } from '../../src/search/query.ts';
import { QueryError } from '../../src/types.ts';
import { engineOfUnDocuments } from '../support/library.ts';

let engine: VerbatimEngine;

beforeAll(async () => {
  ({ engine } = await engineOfUnDocuments(['GA79_statement_Lebanon_ar.pdf', 'GA79_statement_Mexico_es.pdf', 'A_RES_79_191.pdf']));
}, 120_000);
afterAll(closeExtractors);

describe('a search of filters alone', () => {
  it("lists a country's statement, first to last, and says why", async () => {
    const all = await engine.search('country:LBN', { limit: 100 });
    expect(all.total).toBeGreaterThan(10);
    expect(all.hits).toHaveLength(all.total);
    expect(new Set(all.hits.map((h) => h.source.countryName))).toEqual(new Set(['Lebanon']));
    const paragraphs = all.hits.map((h) => h.source.paragraph!);
    expect(paragraphs).toEqual([...paragraphs].sort((a, b) => a - b));
    expect(all.notices).toEqual([
      'No words to search for: these are the passages the filters allow, newest first, each document first to last. Add words to search among them.',
    ]);
  });

  it('puts the newest document first, or the oldest when asked', async () => {
    const dates = async (sort?: 'oldest'): Promise<string[]> =>
      (await engine.search('session:79', { limit: 500, ...(sort && { sort }) })).hits.map((h) => h.source.date ?? '');
    const newest = await dates();
    expect(new Set(newest).size).toBeGreaterThan(1);
    expect(newest).toEqual([...newest].sort().reverse());
    const oldest = await dates('oldest');
    expect(oldest).toEqual([...oldest].sort());
    expect((await engine.search('session:79', { sort: 'oldest' })).notices?.[0]).toMatch(/oldest first/);
  });

  it('pages through the same list', async () => {
    const res = await engine.search('country:MEX', { limit: 100 });
    expect(res.total).toBeLessThan(100);
    const all = res.hits.map((h) => h.id);
    const paged: string[] = [];
    for (let offset = 0; offset < all.length; offset += 7)
      paged.push(...(await engine.search('country:MEX', { limit: 7, offset })).hits.map((h) => h.id));
    expect(paged).toEqual(all);
  });

  it('is still refused with only words to leave out or only common words, and in trends', async () => {
    await expect(engine.search('-drogas country:MEX')).rejects.toThrow(/only says what to leave out/);
    await expect(engine.search('the country:MEX')).rejects.toThrow(/very common words/);
    await expect(engine.count('country:MEX')).rejects.toThrow(/at least one word.*counted or followed/);
    expect(() => parseQuery('country:MEX')).toThrow(QueryError);
    expect(parseQuery('country:MEX', { filtersAlone: true }).filtersAlone).toBe(true);
  });
});
