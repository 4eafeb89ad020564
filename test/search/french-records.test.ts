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
