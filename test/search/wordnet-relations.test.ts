import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readWordNet } from '../../scripts/gen-wordnet-relations.ts';
import { loadLibrary } from '../../src/ingest/load-library.ts';
import { createEngine, type VerbatimEngine } from '../../src/search/engine.ts';
import { PERTAINYMS_TEXT, SYNONYMS_TEXT } from '../../src/search/wordnet-relations.data.ts';
import { deriveWordNetRelations, pertainymsIn, synonymsIn } from '../../src/search/wordnet-relations.ts';
import { rankedWith } from '../support/options.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');

describe('WordNet relations', () => {
  it('the generated lines are what WordNet and the analyzer give (else run npm run gen-wordnet-relations)', () => {
    expect(deriveWordNetRelations(readWordNet())).toEqual({ pertainyms: PERTAINYMS_TEXT.trim(), synonyms: SYNONYMS_TEXT.trim() });
  });

  it('gives a word of one meaning its synonyms whose first meaning it is, and a word of several none', () => {
    const all = synonymsIn(() => true);
    expect(all.get('treati')).toContain('pact'); // treaty, stemmed
    expect(all.get('diseas')).toContain('patholog');
    expect(all.get('podium')).toContain('rostrum');
    for (const several of ['aid', 'water', 'arm', 'peac', 'state']) expect(all.get(several)).toBeUndefined();
    // countries are the country words'
    expect(all.get('burma')).toBeUndefined();
  });

  it('pairs a noun with the adjectives whose first sense relates to it, one way, where stemming leaves them apart', () => {
    const all = pertainymsIn(() => true);
    expect(all.get('sun')).toContain('solar');
    expect(all.get('kidney')).toContain('renal');
    expect(all.get('citi')).toContain('urban'); // city, stemmed
    expect(all.get('africa')).toContain('african');
    // one way: the adjective does not stand for the noun
    expect(all.get('solar')).toBeUndefined();
    // a minor sense is no pair: "civil" relates to "state" only in its third sense
    expect(all.get('state') ?? []).not.toContain('civil');
    // countries are the country words' (and WordNet pairs Mauritius with Mauritanian)
    expect(all.get('mauritius')).toBeUndefined();
    expect(all.get('pakistan')).toBeUndefined();
    // the stemmer already joins nation and national: no pair needed
    expect(all.get('nation')).toBeUndefined();
  });

  it('keeps only the adjectives the library holds', () => {
    const some = pertainymsIn((t) => t === 'solar');
    expect([...some]).toEqual([['sun', ['solar']]]);
  });
});

describe('a query word finds its adjective and its synonyms, ranked lower', () => {
  let ungdc: VerbatimEngine;
  beforeAll(async () => {
    // real General Debate speeches (test/fixtures/ungdc/README.md)
    const lib = await loadLibrary(path.join(ROOT, 'test/fixtures/ungdc'));
    ungdc = createEngine(lib.documents, lib.report);
  });

  it('"money" also finds "monetary", marked, below the passage that says "money"', async () => {
    const res = await ungdc.search('money', { limit: 100 });
    const marked = (i: number): string[] => res.hits[i]!.excerpt.marks.map(([a, b]) => res.hits[i]!.excerpt.text.slice(a, b).toLowerCase());
    expect(res.hits[0]!.text).toMatch(/\bmoney\b/i);
    const adjectiveOnly = res.hits.findIndex((h) => !/\bmoney\b/i.test(h.text));
    expect(adjectiveOnly).toBeGreaterThan(0);
    expect(res.hits[adjectiveOnly]!.text).toMatch(/\bmonetary\b/i);
    expect(marked(adjectiveOnly)).toContain('monetary');
    // without the pairs, only the passage saying "money"
    const without = await rankedWith(ungdc, { pertainyms: { weight: 0 } }).search('money', { limit: 100 });
    expect(without.hits.every((h) => /\bmoney\b/i.test(h.text))).toBe(true);
    expect(res.total).toBeGreaterThan(without.total);
  });

  it('a count (trends) needs the noun itself: the adjective only ranks', async () => {
    const search = await ungdc.search('money', { limit: 100 });
    const counted = ungdc.matchAll('money');
    expect(counted.length).toBe(search.hits.filter((h) => /\bmoney\b/i.test(h.text)).length);
    expect(counted.length).toBeLessThan(search.total);
  });

  it('"podium" also finds "rostrum" (a word of one meaning and its synonym), ranked below, and a count needs "podium"', async () => {
    const res = await ungdc.search('podium', { limit: 100 });
    expect(res.hits[0]!.text).toMatch(/\bpodium\b/i);
    const synonym = res.hits.findIndex((h) => /\brostrum\b/i.test(h.text) && !/\bpodium\b/i.test(h.text));
    expect(synonym).toBeGreaterThan(0);
    expect(res.hits[synonym]!.excerpt.marks.map(([a, b]) => res.hits[synonym]!.excerpt.text.slice(a, b).toLowerCase())).toContain('rostrum');
    expect(ungdc.matchAll('podium').length).toBe(res.hits.filter((h) => /\bpodium\b/i.test(h.text)).length);
    const without = await rankedWith(ungdc, { synonyms: { weight: 0 } }).search('podium', { limit: 100 });
    expect(without.hits.every((h) => /\bpodium\b/i.test(h.text))).toBe(true);
  });

  it('"monetary" does not find a passage that says only "money"', async () => {
    const res = await ungdc.search('monetary', { limit: 100 });
    expect(res.total).toBeGreaterThan(0);
    for (const h of res.hits) expect(h.text).toMatch(/\bmonetary\b/i);
  });
});
