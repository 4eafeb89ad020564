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
