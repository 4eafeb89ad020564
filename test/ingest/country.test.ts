import { describe, expect, it } from 'vitest';
import { normalizeCountry } from '../../src/ingest/country.ts';

describe('normalizeCountry', () => {
  it.each([
    ['Colombia', 'COL'],
    ['COL', 'COL'],
    ['col', 'COL'],
    ['CO', 'COL'],
    ['United States', 'USA'],
    ['USA', 'USA'],
    ['United States of America', 'USA'],
    ['us', 'USA'],
    ['UK', 'GBR'],
    ['United Kingdom of Great Britain and Northern Ireland', 'GBR'],
    ['GB', 'GBR'],
    ['Russia', 'RUS'],
    ['Russian Federation', 'RUS'],
    ['USSR', 'RUS'],
    ['Iran', 'IRN'],
    ['Iran, Islamic Republic of', 'IRN'],
    ['Islamic Republic of Iran', 'IRN'],
    ["Côte d'Ivoire", 'CIV'],
    ['Côte d’Ivoire', 'CIV'],
    ['cote d ivoire', 'CIV'],
    ['Ivory Coast', 'CIV'],
    ['Türkiye', 'TUR'],
    ['Turkey', 'TUR'],
    ['the Netherlands', 'NLD'],
    ['The Gambia', 'GMB'],
    ['Bolivia (Plurinational State of)', 'BOL'],
    ['Democratic Republic of the Congo', 'COD'],
    ['Congo', 'COG'],
    ['St. Lucia', 'LCA'],
    ['Swaziland', 'SWZ'],
    ['Austria', 'AUT'],
    ['Sweden', 'SWE'],
    ['Nigeria', 'NGA'],
    ['Niger', 'NER'],
    ['YUG', 'YUG'],
    ['Yugoslavia', 'YUG'],
    ['CSK', 'CSK'],
    ['DDR', 'DDR'],
    ['German Democratic Republic', 'DDR'],
    ['YMD', 'YMD'],
    ['Democratic Yemen', 'YMD'],
    ['SUN', 'SUN'],
    ['EU', 'EU'],
    ['European Union', 'EU'],
    ['Serbia', 'SRB'],
    ['Pakistan', 'PAK'],
  ])('%s → %s', (input, code) => {
    expect(normalizeCountry(input)?.code).toBe(code);
  });

  it('gives an English display name', () => {
    expect(normalizeCountry('col')?.name).toBe('Colombia');
    expect(normalizeCountry('civ')?.name).toBe("Côte d'Ivoire");
  });

  it.each(['Narnia', '', 'XYZ', 'Republic of'])('does not recognise %j', (input) => {
    expect(normalizeCountry(input)).toBeUndefined();
  });
});
