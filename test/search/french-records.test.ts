/**
 * French as staff have it: Senegal's GA79 statement (a PDF) and E/RES/2023/1 in French (UN XML),
 * from test/fixtures/un-documents. French elides an article or pronoun onto the next word
 * (l'Organisation, d'un, qu'en): the word is found by itself.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeExtractors } from '../../src/ingest/load-library.ts';
import type { VerbatimEngine } from '../../src/search/engine.ts';
import { engineOfUnDocuments, markedWords as marked } from '../support/library.ts';

let engine: VerbatimEngine;

beforeAll(async () => {
  ({ engine } = await engineOfUnDocuments(['E_RES_2023_1-FR.xml', 'GA79_statement_Senegal_fr.pdf']));
}, 60_000);
afterAll(closeExtractors);

describe('French words are found behind an elided article', () => {
  it('"Organisation" finds "l’Organisation" and "d’organisation", and marks them', async () => {
    const res = await engine.search('Organisation', { limit: 50 });
    const words = new Set(res.hits.flatMap(marked));
    expect(words).toContain('l’Organisation');
    expect(words).toContain('d’organisation');
  });

  it('"Afrique" finds "l’Afrique" as well as "Afrique"', async () => {
    const res = await engine.search('Afrique', { limit: 10 });
    expect(new Set(res.hits.flatMap(marked))).toEqual(new Set(['Afrique', 'l’Afrique']));
  });

  it('a quoted phrase holds across elisions, in search and in a trend alike ("l’ombre de l’oppression")', async () => {
    for (const q of ['"ombre de oppression"', '"l’ombre de l’oppression"']) {
      const res = await engine.search(q, { limit: 5 });
      expect(res.notices).toBeUndefined();
      expect(res.total).toBe(1);
      expect(res.hits[0]!.text).toContain('l’ombre de l’oppression');
      expect((await engine.count(q)).total).toBe(1);
    }
  });
});

describe("French words meet in their forms, by French's Snowball stemmer", () => {
  it('"sociaux" finds "social" and "sociales" (before: nothing), marked, in a trend too', async () => {
    const res = await engine.search('sociaux', { limit: 50 });
    expect(res.total).toBeGreaterThanOrEqual(4);
    const words = new Set(res.hits.flatMap(marked).map((w) => w.toLowerCase()));
    expect(words).toContain('social');
    expect(words).toContain('sociales');
    expect((await engine.count('sociaux')).total).toBe(res.total);
  });

  it('"internationaux" finds "internationale", "international" and "internationales" alike', async () => {
    const res = await engine.search('internationaux', { limit: 50 });
    const words = new Set(res.hits.flatMap(marked).map((w) => w.toLowerCase()));
    for (const w of ['internationale', 'international', 'internationales']) expect(words).toContain(w);
  });

  it('the French resolution and statement are read as French, an English text never', async () => {
    const { textLanguage } = await import('../../src/index/analyzer.ts');
    const res = await engine.search('développement durable', { limit: 20 });
    expect(res.hits.length).toBeGreaterThan(5);
    for (const h of res.hits.filter((x) => x.text.length > 200)) expect(textLanguage(h.text)).toBe('fr');
    expect(textLanguage('The Commission on Narcotic Drugs adopted the resolution and the report of the Board.')).toBeNull();
    // a few words tell nothing: no French stems for them
    expect(textLanguage('Le Monde')).toBeNull();
  });
});

describe('a follow is told of French forms as search finds them', () => {
  it('follow "sociaux" wakes on the resolution\'s "social" paragraphs, the ones search finds, and marks the word', async () => {
    const { FollowIndex, analyse, compileFollow } = await import('../../src/follows/matcher.ts');
    const res = await engine.search('sociaux', { limit: 50 });
    const index = new FollowIndex();
    const follow = compileFollow({ id: 1, query: 'sociaux', filters: {} });
    index.add(follow);
    const all = await engine.search('social sociale sociales sociaux', { limit: 100 });
    const told = index.match(
      all.hits.map((h) =>
        analyse({ id: h.id, docId: h.source.document, text: h.text, meta: {}, voice: { organisations: [] }, dateFrom: 0, dateTo: 0 }),
      ),
    );
    expect(new Set(told.get(1))).toEqual(new Set(res.hits.map((h) => h.id)));
    const alert = engine.passage(res.hits[0]!.id, follow.marks)!;
    expect(marked(alert).map((w) => w.toLowerCase())).toEqual(expect.arrayContaining([expect.stringMatching(/^socia/)]));
  });
});

describe("the index's French stems are no words to correct a typo to", () => {
  it('"front" finds no French "ont" (fr:ont is one letter from it), and no suggestion shows a stem', async () => {
    const res = await engine.search('front', { limit: 50 });
    // a typo correction to an English word ("font") may come; the French "ont" by its stem does not
    expect(res.hits.flatMap(marked).map((w) => w.toLowerCase())).not.toContain('ont');
    expect(engine.suggest('front') ?? '').not.toMatch(/fr:|es:/);
    expect(engine.suggest('fraction') ?? '').not.toMatch(/fr:|es:/);
  });
});
