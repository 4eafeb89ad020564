/**
 * Words Snowball stems alike but that mean different things are searched apart: `internal` is not
 * "international", `organization` not "organs" (src/index/analyzer.ts, STEM_SPLITS). In UN documents,
 * where "international" is on every page, a search for "internal" drowned in it. Real documents:
 * the budget sections on human rights and on drugs, crime and terrorism (A/81/6 (Sect. 24),
 * (Sect. 16)) and an ACABQ report (A/80/590).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeExtractors } from '../../src/ingest/load-library.ts';
import type { VerbatimEngine } from '../../src/search/engine.ts';
import { engineOfUnDocuments } from '../support/library.ts';

let engine: VerbatimEngine;

beforeAll(async () => {
  ({ engine } = await engineOfUnDocuments(['A_81_6_Sect.24.pdf', 'A_81_6_Sect.16.pdf', 'A_80_590.pdf']));
}, 120_000);
afterAll(closeExtractors);

describe('words Snowball stems alike, searched apart', () => {
  it.each([
    ['internal', /\binternal/i, 'international'],
    ['internally displaced', /\binternal/i, 'international'],
    ['organization', /\borgani[sz]/i, 'organs'],
  ])('%s: every passage found says it, none only “%s”', async (q, says, other) => {
    const res = await engine.search(q, { limit: 10 });
    expect(res.hits.length).toBeGreaterThan(2);
    for (const h of res.hits) expect(h.text, h.text.slice(0, 120)).toMatch(says);
    // the library has passages saying the other word and not this one, which Snowball's stem found too
    const others = (await engine.search(other, { limit: 50 })).hits;
    expect(others.some((h) => !says.test(h.text))).toBe(true);
  });
});
