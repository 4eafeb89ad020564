import { describe, expect, it } from 'vitest';
import { countryWordsIn, deriveCountryWordPairs } from '../../src/search/country-words.ts';
import { COUNTRY_WORD_PAIRS } from '../../src/search/country-words.data.ts';

describe('country names and their adjectives', () => {
  it('the generated table is what the country list and the analyzer give (else run npm run gen-country-words)', () => {
    expect(deriveCountryWordPairs()).toEqual(COUNTRY_WORD_PAIRS.map(([a, b]) => [a, b]));
  });

  it('pairs regular adjectives, both ways, and leaves out a form two countries could claim', () => {
    const all = countryWordsIn(() => true);
    expect(all.get('austria')).toContain('austrian');
    expect(all.get('korean')).toEqual(['korea']);
    expect(all.get('rwanda')).toContain('rwandes'); // Rwandese, stemmed
    // Nigerian: Nigeria + n, or Niger + ian
    expect(all.get('nigerian')).toBeUndefined();
    expect(all.get('niger') ?? []).not.toContain('nigerian');
  });

  it('keeps only the terms the library holds', () => {
    const held = new Set(['austria', 'austrian', 'korea']);
    const some = countryWordsIn((t) => held.has(t));
    expect([...some.keys()].sort()).toEqual(['austria', 'austrian']);
  });
});
