import { describe, expect, it } from 'vitest';
import { facetEntries, passagesWhere, voices, type SpeakingDocument } from '../../src/search/speakers.ts';

const record: SpeakingDocument = {
  id: 'A_76_PV.5',
  meta: { symbol: 'A/76/PV.5', date: '2021-09-21' },
  count: 10,
  statements: [
    { kind: 'turn', speaker: 'The President', first: 1, last: 1 },
    { kind: 'turn', speaker: 'Mr. Duque Márquez', country: 'COL', countryName: 'Colombia', first: 2, last: 5 },
    { kind: 'turn', speaker: 'Mr. Akram', country: 'PAK', countryName: 'Pakistan', onBehalfOf: 'the Group of 77 and China', first: 7, last: 9 },
  ],
};
const report: SpeakingDocument = {
  id: 'cnd',
  meta: { organisation: 'Office for Combating Drugs', country: 'SRB', countryName: 'Serbia' },
  count: 5,
  statements: [{ kind: 'reported', speaker: 'Center for Governance Research (CGR)', country: 'PAK', countryName: 'Pakistan', first: 2, last: 2 }],
};

describe('who speaks in each passage', () => {
  it('cuts a record into the masthead, the statements and the gaps between them', () => {
    expect(voices(record).map((v) => [v.first, v.last, v.speaker ?? null])).toEqual([
      [0, 0, null],
      [1, 1, 'The President'],
      [2, 5, 'Mr. Duque Márquez'],
      [6, 6, null],
      [7, 9, 'Mr. Akram'],
    ]);
  });

  it("country: Colombia's statement in a GA record; a narrated passage is its actor's, not the report author's", () => {
    expect(passagesWhere(record, [(v) => v.country === 'COL'])).toEqual([2, 3, 4, 5]);
    expect(passagesWhere(record, [(v) => v.country === 'FRA'])).toBe('none');
    expect(passagesWhere(report, [(v) => v.country === 'PAK'])).toEqual([2]);
    expect(passagesWhere(report, [(v) => v.country === 'SRB'])).toEqual([0, 1, 3, 4]);
    // a document without statements answers as a whole
    expect(passagesWhere({ id: 'x', meta: { country: 'COL' }, count: 3 }, [(v) => v.country === 'COL'])).toBe('all');
  });

  it("organisation: the report's author finds all of it, the narrated organisation its own passage", () => {
    const org = (s: string) => (v: { organisations: string[] }) => v.organisations.some((o) => o.includes(s));
    expect(passagesWhere(report, [org('Office for Combating Drugs')])).toBe('all');
    expect(passagesWhere(report, [org('CGR')])).toEqual([2]);
  });

  it('facets count the passages of each speaker and country', () => {
    expect(facetEntries(record, 'country')).toEqual([
      ['COL', 'Colombia', 4],
      ['PAK', 'Pakistan', 3],
    ]);
    expect(facetEntries(record, 'speaker')).toEqual([
      ['The President', 'The President', 1],
      ['Mr. Duque Márquez', 'Mr. Duque Márquez', 4],
      ['Mr. Akram', 'Mr. Akram', 3],
    ]);
    expect(facetEntries(report, 'country')).toEqual([
      ['SRB', 'Serbia', 4],
      ['PAK', 'Pakistan', 1],
    ]);
  });
});

describe('a record’s presiding officer', () => {
  it('is found by the name the masthead gives (speaker:Thomson finds "The President" of A/71/PV.1)', async () => {
    const { engineOfUnDocuments } = await import('../support/library.ts');
    const { engine } = await engineOfUnDocuments(['A_71_PV.1.pdf']);
    // before: "No passages match", though the citation read "The President, Mr. Thomson (Fiji)"
    const res = await engine.search('speaker:Thomson session', { limit: 5 });
    expect(res.total).toBeGreaterThan(0);
    for (const h of res.hits) expect(h.source).toMatchObject({ speaker: 'The President', post: 'Mr. Thomson (Fiji)' });
    // another speaker's post is not their name: the Secretary-General is no "Fiji"
    expect((await engine.search('speaker:Fiji session', { limit: 5 })).total).toBe(0);
    // autocomplete offers the name, which the filter takes (before: "The President", every record's)
    const offered = engine.facet('speaker', 'Thom', 5);
    expect(offered.map((v) => v.label)).toEqual(['Mr. Thomson']);
    expect(engine.facet('speaker', 'The Pres', 5)).toEqual([]);
    expect((await engine.search(`speaker:"${offered[0]!.value}" session`, { limit: 1 })).total).toBe(res.total);
    // a trend by speaker counts the presiding officer's turns under the name too
    const trend = await engine.count('session', { by: 'speaker' });
    expect(trend.buckets.map((b) => b.label)).toContain('Mr. Thomson');
    expect(trend.buckets.map((b) => b.label)).not.toContain('The President');
  }, 60_000);
});
