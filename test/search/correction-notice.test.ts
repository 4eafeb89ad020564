/**
 * When the passages shown hold a query word only through words spelled like it (typo tolerance),
 * the reply says so: QA on UNGDC questions found `drones country:TUV` showing "a job well done"
 * with no word of warning. Real documents: the Millennium Declaration and three records.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeExtractors } from '../../src/ingest/load-library.ts';
import type { VerbatimEngine } from '../../src/search/engine.ts';
import { engineOfUnDocuments } from '../support/library.ts';

let engine: VerbatimEngine;
beforeAll(async () => {
  ({ engine } = await engineOfUnDocuments(['A_RES_55_2.pdf', 'A_50_PV.33.pdf', 'S_PV.8699_Resumption1.pdf', 'A_C.3_80_L.3.pdf']));
}, 120_000);
afterAll(closeExtractors);

describe('a word found only through words spelled like it', () => {
  it('"requisite" in the Millennium Declaration, which never says it: the passages shown say "request", and the reply says so', async () => {
    const res = await engine.search('requisite symbol:A/RES/55/2', { limit: 5 });
    expect(res.hits.length).toBeGreaterThan(0);
    expect(res.hits.some((h) => /requisite/i.test(h.text))).toBe(false);
    // before: no notice at all
    expect(res.notices).toEqual(['No passage shown holds “requisite”: they hold words spelled like it (“request”).']);
  });

  it('no notice where the passages shown hold the word itself', async () => {
    const res = await engine.search('requisite', { limit: 3 });
    expect(res.hits[0]!.text).toMatch(/requisite/i);
    expect(res.notices ?? []).toEqual([]);
  });

  it('a word no passage holds: says what it was searched as', async () => {
    const res = await engine.search('clmate', { limit: 3 });
    expect(res.notices).toContainEqual('No passage holds “clmate”: searched as “climate”, spelled like it.');
  });
});
