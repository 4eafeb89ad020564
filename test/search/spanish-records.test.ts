/**
 * Spanish as staff have it: Mexico's GA79 statement (a PDF) and E/RES/2023/1 in Spanish (UN XML),
 * from test/fixtures/un-documents, beside the English resolution. Spanish words meet in their forms
 * by Spanish's Snowball stemmer, which the index applies to each word of a passage read as Spanish.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeExtractors } from '../../src/ingest/load-library.ts';
import type { VerbatimEngine } from '../../src/search/engine.ts';
import { engineOfUnDocuments, markedWords as marked } from '../support/library.ts';

let engine: VerbatimEngine;

beforeAll(async () => {
  ({ engine } = await engineOfUnDocuments(['E_RES_2023_1-ES.xml', 'GA79_statement_Mexico_es.pdf', 'E_RES_2023_1-EN.xml']));
}, 60_000);
afterAll(closeExtractors);

describe("Spanish words meet in their forms, by Spanish's Snowball stemmer", () => {
  it('"internacionales" finds "internacional" (which English stems apart), marked, and no French "internationale"', async () => {
    const res = await engine.search('internacionales', { limit: 50 });
    const words = new Set(res.hits.flatMap(marked).map((w) => w.toLowerCase()));
    expect(words).toContain('internacional');
    expect(words).toContain('internacionales');
    // a word the library holds is no typo: no correction to another language's spelling
    expect([...words].filter((w) => w.startsWith('internation'))).toEqual([]);
    expect((await engine.count('internacionales')).total).toBe(res.total);
  });

  it('"nacionales" finds "nacional", not "naciones" (before, a typo correction two letters away)', async () => {
    const res = await engine.search('nacionales', { limit: 50 });
    const words = new Set(res.hits.flatMap(marked).map((w) => w.toLowerCase()));
    expect(words).toContain('nacional');
    expect(words.has('naciones')).toBe(false);
  });

  it('"políticas" typed with or without its accent finds "política" and "políticos"', async () => {
    for (const q of ['políticas', 'politicas']) {
      const words = new Set((await engine.search(q, { limit: 50 })).hits.flatMap(marked).map((w) => w.toLowerCase()));
      expect(words).toContain('política');
      expect(words).toContain('políticos');
    }
  });

  it('an English query keeps its English reading in the English resolution', async () => {
    const res = await engine.search('international cooperation', { limit: 5 });
    expect(res.hits[0]!.source.document).toMatch(/EN/);
  });
});
