/**
 * A query that is one document's symbol, typed bare, asks for that document: its passages, first
 * to last, and a notice saying so. Before, `A/RES/79/191` ranked a budget section citing "79/191"
 * (and the corpus's SOURCE.md) above the resolution itself. Real documents: A/RES/79/191 and
 * A/C.3/80/L.3.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeExtractors } from '../../src/ingest/load-library.ts';
import type { VerbatimEngine } from '../../src/search/engine.ts';
import { engineOfUnDocuments } from '../support/library.ts';

let engine: VerbatimEngine;
let passagesOf79191: number;

beforeAll(async () => {
  ({ engine } = await engineOfUnDocuments(['A_RES_79_191.pdf', 'A_C.3_80_L.3.pdf']));
  passagesOf79191 = (await engineOfUnDocuments(['A_RES_79_191.pdf'])).texts.length;
}, 120_000);
afterAll(closeExtractors);

describe('a document symbol typed as the query', () => {
  it('gives that document, first to last, and says so; in any case', async () => {
    for (const q of ['A/RES/79/191', 'a/res/79/191 ']) {
      const res = await engine.search(q, { limit: 5 });
      expect(res.total).toBe(passagesOf79191);
      expect(res.hits.map((h) => h.source.symbol)).toEqual(Array(5).fill('A/RES/79/191'));
      expect(res.hits.map((h) => h.source.paragraph)).toEqual([1, 2, 3, 4, 5]);
      expect(res.notices).toEqual([
        `“${q.trim()}” is a document in the library: these are its passages, first to last. In quotes ("${q.trim()}") it is searched as words, in every document.`,
      ]);
    }
  });

  it('a symbol without its part in brackets names each part, as the symbol filter does', async () => {
    const { engine: records } = await engineOfUnDocuments(['S_PV.8699_Resumption1.pdf', 'S_PV.8701.pdf']);
    // before: "S/PV.8699" was searched as words, while symbol:S/PV.8699 listed the record
    const res = await records.search('S/PV.8699', { limit: 3 });
    expect(res.hits.map((h) => h.source.symbol)).toEqual(Array(3).fill('S/PV.8699 (Resumption 1)'));
    expect(res.notices).toEqual([
      '“S/PV.8699” is a document in the library: these are its passages, first to last. In quotes ("S/PV.8699") it is searched as words, in every document.',
    ]);
  }, 60_000);

  it('in quotes, with a filter, beside other words, or for a symbol no document has, it is a search as before', async () => {
    for (const q of ['"A/RES/79/191"', 'A/RES/79/191 year:2025', 'A/RES/79/191 drug', 'A/RES/99/999']) {
      const res = await engine.search(q, { limit: 5 });
      expect(
        (res.notices ?? []).some((n) => n.includes('is a document in the library')),
        q,
      ).toBe(false);
    }
  });
});
