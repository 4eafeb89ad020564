/**
 * A quoted phrase's words hold in the form typed, singular or plural: "responsibility to protect"
 * is not held in "responses to protect", though Snowball makes both "respons". Among the passages
 * holding it, those holding it word for word come first. Real documents: the Security Council's open debate on the Charter (S/PV.8699
 * (Resumption 1)) and a budget section listing resolutions on "responses to protect cultural
 * property" (A/81/6 (Sect. 16)).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeExtractors } from '../../src/ingest/load-library.ts';
import type { VerbatimEngine } from '../../src/search/engine.ts';
import type { QueryPlan } from '../../src/search/ranking/plan.ts';
import { asTypedFirst } from '../../src/search/ranking/phrases.ts';
import type { Hit } from '../../src/types.ts';
import { engineOfUnDocuments } from '../support/library.ts';

let engine: VerbatimEngine;

beforeAll(async () => {
  ({ engine } = await engineOfUnDocuments(['S_PV.8699_Resumption1.pdf', 'A_81_6_Sect.16.pdf']));
}, 120_000);
afterAll(closeExtractors);

describe('a quoted phrase as typed ranks first', () => {
  it('"responsibility to protect": only the passages saying it, not those saying "responses to protect"', async () => {
    const res = await engine.search('"responsibility to protect"', { limit: 10 });
    expect(res.hits.length).toBeGreaterThan(0);
    // first: "criminal justice responses to protect cultural property" first, the R2P passage 5th;
    // then (round 23) the passages saying it first, those saying "responses to protect" after; now
    // a phrase's words hold in the form typed, singular or plural, and those are no match
    for (const h of res.hits) expect(h.text).toMatch(/responsibilit(?:y|ies) to protect/i);
    expect(res.hits.some((h) => h.text.includes('Croatia also upholds the responsibility to protect'))).toBe(true);
    const responses = await engine.search('"responses to protect"', { limit: 10 });
    expect(responses.hits.length).toBeGreaterThan(0);
    for (const h of responses.hits) expect(h.text).toMatch(/responses? to protect/i);
  });

  it("marks a quoted phrase's words only inside the phrase where the passage holds it; free words everywhere", async () => {
    const marked = (h: Hit): string[] => h.excerpt.marks.map(([a, b]) => h.excerpt.text.slice(a, b).toLowerCase());
    const quoted = (await engine.search('"international law" symbol:S/PV.8699', { limit: 30 })).hits;
    // the test has teeth: excerpts that say "law" or "international" outside the phrase ("rule of law")
    const alone = quoted.filter((h) => /\b(?:laws?|international)\b/i.test(h.excerpt.text.replace(/international laws?/gi, '')));
    expect(alone.length).toBeGreaterThan(3);
    // before: "…the rule of law" marked "law" beside "international law"
    for (const h of quoted) expect(marked(h).every((m) => /^international laws?$/.test(m))).toBe(true);
    // the same words unquoted are marked wherever they stand
    const free = (await engine.search('international law symbol:S/PV.8699', { limit: 30 })).hits;
    expect(free.some((h) => marked(h).some((m) => /^(?:laws?|international)$/.test(m)))).toBe(true);
  });

  it('keeps inflections and spellings together ("responsibilities to protect" is the phrase too)', async () => {
    const plural = await engine.search('"responsibilities to protect"', { limit: 10 });
    expect(/responsibilit(?:y|ies) to protect/i.test(plural.hits[0]!.text)).toBe(true);
  });

  it('reorders only the first passages, the same for every page size', () => {
    const plan = { parsed: { phrases: [{ raw: 'responsibility to protect', terms: [] }], words: [] } } as unknown as QueryPlan;
    const texts = ['responses to protect', 'the responsibility to protect', 'responses to protect', 'the responsibility to protect'];
    // a head of 4 with a window of 2: the third and fourth keep their places, as on a page of 2
    expect(asTypedFirst(plan, [0, 1, 2, 3], 2, (g) => texts[g]!)).toEqual([1, 0, 2, 3]);
    expect(asTypedFirst(plan, [0, 1], 2, (g) => texts[g]!)).toEqual([1, 0]);
  });

  it('pages through the same order: no passage on two pages, none on no page', async () => {
    const all = await engine.search('"responsibility to protect"', { limit: 100 });
    const paged: string[] = [];
    for (let offset = 0; offset < all.hits.length; offset += 3) {
      paged.push(...(await engine.search('"responsibility to protect"', { limit: 3, offset })).hits.map((h) => h.id));
    }
    expect(paged).toEqual(all.hits.map((h) => h.id));
  });
});
