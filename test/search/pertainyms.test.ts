import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readWordNet } from '../../scripts/gen-pertainyms.ts';
import { loadLibrary } from '../../src/ingest/load-library.ts';
import { createEngine, type VerbatimEngine } from '../../src/search/engine.ts';
import { derivePertainymPairs, pertainymsIn } from '../../src/search/pertainyms.ts';
import { PERTAINYM_PAIRS } from '../../src/search/pertainyms.data.ts';
import { rankedWith } from '../support/options.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');

describe('nouns and the adjectives that relate to them (WordNet pertainyms)', () => {
  it('the generated table is what WordNet and the analyzer give (else run npm run gen-pertainyms)', () => {
    expect(derivePertainymPairs(readWordNet())).toEqual(PERTAINYM_PAIRS.map(([a, b]) => [a, b]));
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

describe('a noun in the query finds its adjective', () => {
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

  it('"monetary" does not find a passage that says only "money"', async () => {
    const res = await ungdc.search('monetary', { limit: 100 });
    expect(res.total).toBeGreaterThan(0);
    for (const h of res.hits) expect(h.text).toMatch(/\bmonetary\b/i);
  });
});
