/**
 * A Russian statement as staff have it: Belarus at the GA79 general debate, a PDF
 * (test/fixtures/un-documents). Russian words meet in their forms, by Russian's Snowball stemmer.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeExtractors } from '../../src/ingest/load-library.ts';
import type { VerbatimEngine } from '../../src/search/engine.ts';
import { engineOfUnDocuments, markedWords as marked } from '../support/library.ts';

let engine: VerbatimEngine;

beforeAll(async () => {
  ({ engine } = await engineOfUnDocuments(['GA79_statement_Belarus_ru.pdf']));
}, 60_000);
afterAll(closeExtractors);

describe('Russian words are found in their other forms', () => {
  it('"организация" finds "Организации" as well as "организация", in a trend too', async () => {
    const res = await engine.search('организация', { limit: 20 });
    const words = new Set(res.hits.flatMap(marked).map((w) => w.toLowerCase()));
    expect(words).toEqual(new Set(['организации', 'организация']));
    const trend = await engine.count('организация');
    expect(trend.total).toBe(res.total);
  });
});

describe('Russian function words are stop words, as English ones are', () => {
  it('"права человека и развитие" is searched without "и": nothing marks it, and it finds what the other three words find', async () => {
    const res = await engine.search('права человека и развитие', { limit: 100 });
    expect(res.hits.length).toBeGreaterThan(0);
    for (const h of res.hits) expect(marked(h).map((w) => w.toLowerCase())).not.toContain('и');
    // before: 76 passages, most of them holding only "и"
    expect(res.total).toBe((await engine.search('права человека развитие', { limit: 1 })).total);
    expect(res.total).toBeLessThan(30);
    // in quotes the phrase still holds it, marked whole; neither its word alone ("право" elsewhere in
    // the passage: marked before round 17) nor "и" alone is marked
    const quoted = await engine.search('"права и"', { limit: 10 });
    expect(quoted.hits.map((h) => marked(h))).toEqual([['права и']]);
    await expect(engine.search('и в на', { limit: 1 })).rejects.toThrow(/only very common words/);
  });
});

describe('Russian hyphenated function words are stop words too', () => {
  it('"санкции из-за конфликта" searches санкции and конфликта: из-за is left out, as "because of" would be', async () => {
    const { parseQuery } = await import('../../src/search/query.ts');
    const q = parseQuery('санкции из-за конфликта');
    expect(q.words.map((w) => w.raw)).toEqual(['санкции', 'конфликта']);
    expect(q.compounds).toBeUndefined();
  });
});
