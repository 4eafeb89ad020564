/**
 * A country the query names says where, not what. Since delegations' statements are read for their
 * country, every passage of Lebanon's Arabic statement answers "Lebanon" through its metadata: it
 * must not bury the passages that hold the query's other words. Real documents: the Lebanon
 * statement, the Millennium Declaration and the Security Council's open debate on the Charter.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeExtractors } from '../../src/ingest/load-library.ts';
import { createEngine, type VerbatimEngine } from '../../src/search/engine.ts';
import type { LibraryDocument } from '../../src/types.ts';
import { engineOfUnDocuments } from '../support/library.ts';

let engine: VerbatimEngine;

beforeAll(async () => {
  ({ engine } = await engineOfUnDocuments(['GA79_statement_Lebanon_ar.pdf', 'A_RES_55_2.pdf', 'S_PV.8699_Resumption1.pdf']));
}, 120_000);
afterAll(closeExtractors);

describe('a country named beside other words', () => {
  it('"refugees Lebanon": the passages saying "refugees" before those holding only the country', async () => {
    const res = await engine.search('refugees Lebanon', { limit: 50 });
    const says = res.hits.map((h) => /refugee/i.test(h.text));
    // before: the 29 passages of the Arabic statement first, no word marked, the refugees after them
    expect(says[0]).toBe(true);
    expect(says.slice(says.indexOf(false))).not.toContain(true);
    // the statement still answers, after them
    expect(res.hits.some((h) => h.source.document === 'GA79_statement_Lebanon_ar')).toBe(true);
  });

  it('"refugees Lebanon 2024": a year is context too; passages holding only the country or the year come after', async () => {
    const res = await engine.search('refugees Lebanon 2024', { limit: 100 });
    const says = res.hits.map((h) => /refugee/i.test(h.text));
    // before: the Lebanon statement's heading (Lebanon, "2024") and the 2024 resolution's passages
    // ranked among the passages saying "refugees"
    expect(says[0]).toBe(true);
    expect(says.slice(says.indexOf(false))).not.toContain(true);
    // the year alone or the country and the year alone still find their passages
    expect((await engine.search('Lebanon 2024', { limit: 1 })).hits[0]!.source.document).toBe('GA79_statement_Lebanon_ar');
  });

  it('the country alone still gives its statement', async () => {
    const res = await engine.search('Lebanon', { limit: 5 });
    expect(res.hits[0]!.source.document).toBe('GA79_statement_Lebanon_ar');
  });
});

describe('a year without a country is what is asked', () => {
  it('"Agenda 2063": the passage on Africa in 2063 ranks by its score, not after every "agenda"', async () => {
    const doc = (id: string, text: string): LibraryDocument => ({
      id,
      path: `${id}.txt`,
      meta: {},
      passages: [{ id: `${id}-1`, docId: id, paragraph: 1, ordinal: 0, text }],
    });
    const docs = [
      doc('both', 'Agenda 2063 is the blueprint for the Africa we want.'),
      doc('year', 'By 2063 Africa will be integrated, prosperous and at peace.'),
      ...Array.from({ length: 12 }, (_, i) => doc(`agenda${i}`, `The provisional agenda of meeting ${i} was adopted.`)),
    ];
    const small = createEngine(docs, { documents: docs.length, passages: docs.length, skipped: [], warnings: [] });
    const ids = (await small.search('Agenda 2063', { limit: 20 })).hits.map((h) => h.source.document);
    expect(ids[0]).toBe('both');
    // (a review caught it after the first version, which read every year as context: 14th of 14)
    expect(ids[1]).toBe('year');
  });
});
