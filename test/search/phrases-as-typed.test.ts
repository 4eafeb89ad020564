/**
 * A quoted phrase is found by its words' stems, so "responsibility to protect" also holds in
 * "responses to protect" (Snowball makes both "respons"). The passages holding it as typed come
 * first. Real documents: the Security Council's open debate on the Charter (S/PV.8699
 * (Resumption 1)) and a budget section listing resolutions on "responses to protect cultural
 * property" (A/81/6 (Sect. 16)).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeExtractors } from '../../src/ingest/load-library.ts';
import type { VerbatimEngine } from '../../src/search/engine.ts';
import { engineOfUnDocuments } from '../support/library.ts';

let engine: VerbatimEngine;

beforeAll(async () => {
  ({ engine } = await engineOfUnDocuments(['S_PV.8699_Resumption1.pdf', 'A_81_6_Sect.16.pdf']));
}, 120_000);
afterAll(closeExtractors);

describe('a quoted phrase as typed ranks first', () => {
  it('"responsibility to protect": the passages saying it, before those saying "responses to protect"', async () => {
    const res = await engine.search('"responsibility to protect"', { limit: 10 });
    const says = res.hits.map((h) => /responsibility to protect/i.test(h.text));
    // before: "criminal justice responses to protect cultural property" first, the R2P passage 5th
    expect(says[0]).toBe(true);
    expect(says.indexOf(false)).toBeGreaterThan(0);
    // every passage saying it comes before every one that does not
    expect(says.slice(says.indexOf(false))).not.toContain(true);
    expect(res.hits.some((h) => h.text.includes('Croatia also upholds the responsibility to protect'))).toBe(true);
  });

  it('keeps inflections and spellings together ("responsibilities to protect" is the phrase too) and the date order as asked', async () => {
    const plural = await engine.search('"responsibilities to protect"', { limit: 10 });
    expect(/responsibilit(?:y|ies) to protect/i.test(plural.hits[0]!.text)).toBe(true);
    const newest = await engine.search('"responsibility to protect"', { limit: 10, sort: 'newest' });
    expect(newest.total).toBe((await engine.search('"responsibility to protect"', { limit: 10 })).total);
  });
});
