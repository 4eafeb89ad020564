/** Filter values as the CLI flags, batch lines, /search options and /follow give them (src/search/filter-values.ts). */
import { describe, expect, it } from 'vitest';
import { describeFilters, filterValues, parseFilters, valueMatcher } from '../../src/search/filter-values.ts';
import { QueryError } from '../../src/types.ts';

describe('reading filter values', () => {
  it('splits at commas, keeps a country name that holds one, reads dashes and ranges', () => {
    expect(filterValues('country', 'COL, MEX,-USA')).toEqual([
      { value: 'COL', not: false },
      { value: 'MEX', not: false },
      { value: 'USA', not: true },
    ]);
    expect(filterValues('country', 'Korea, Republic of,MEX').map((v) => v.value)).toEqual(['Korea, Republic of', 'MEX']);
    expect(filterValues('country', '-Iran, Islamic Republic of')).toEqual([{ value: 'Iran, Islamic Republic of', not: true }]);
    expect(filterValues('session', '70–76, 64th,-72')).toEqual([
      { value: '70-76', not: false },
      { value: '64', not: false },
      { value: '72', not: true },
    ]);
  });

  it('reads batch and /follow filters given as arrays or comma strings', () => {
    expect(parseFilters({ country: ['COL', 'MEX'], session: 76, years: '2019-2021' })).toEqual({
      country: 'COL,MEX',
      session: '76',
      from: '2019',
      to: '2021',
    });
    expect(parseFilters({ countries: 'COL,-USA', org: 'UNODC' })).toEqual({ country: 'COL,-USA', organisation: 'UNODC' });
  });

  it.each([
    [{ colour: 'red' }, /“colour” is not a filter/],
    [{ contry: 'COL' }, /“contry” is not a filter.*country/],
    [{ year: '9999' }, /“9999” is not a year.*2021/],
    [{ year: 9999 }, /“9999” is not a year.*2021/],
    [{ session: '76-70' }, /starts after it ends.*session:70-76/],
    [{ year: ['2019', '2021'] }, /takes one value.*years:2019-2021/],
    [{ country: { code: 'COL' } }, /takes text, a number or a list/],
    [{ from: '2022', to: '2021' }, /swap/],
  ])('refuses %j with a message that says what to write', (input, message) => {
    expect(() => parseFilters(input)).toThrow(QueryError);
    expect(() => parseFilters(input)).toThrow(message);
  });

  it('describes filters in one line: country: Colombia, Mexico · session 70–76 · not USA', () => {
    expect(describeFilters({ country: 'COL,MEX,-USA', session: '70-76' })).toBe('country: COL, MEX · session 70–76 · not USA');
    const names: Record<string, string> = { COL: 'Colombia', MEX: 'Mexico' };
    expect(describeFilters({ country: 'COL,MEX', session: '70-76,-75', speaker: '-Trump' }, (_k, v) => names[v] ?? v)).toBe(
      'country: Colombia, Mexico · session 70–76 · not speaker Trump · not session 75',
    );
  });
});

describe('a symbol filter', () => {
  it('is the symbol, case aside; without its part in brackets it names every part', () => {
    const match = (value: string, symbol: string) => valueMatcher('symbol', value)(symbol);
    expect(match('s/pv.8699', 'S/PV.8699')).toBe(true);
    // before: "symbol:S/PV.8699" found nothing in "S/PV.8699 (Resumption 1)"
    expect(match('S/PV.8699', 'S/PV.8699 (Resumption 1)')).toBe(true);
    expect(match('A/81/6', 'A/81/6 (Sect. 16)')).toBe(true);
    expect(match('A/81/6 (Sect. 16)', 'A/81/6 (Sect. 24)')).toBe(false);
    expect(match('S/PV.869', 'S/PV.8699 (Resumption 1)')).toBe(false);
    expect(match('A/81/6', 'A/81/6/Add.1')).toBe(false);
  });
});
