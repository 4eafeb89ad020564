/**
 * One person however the UNGDC manifest spells them (QA21 F2): which spellings are one person, and
 * which stay apart. Every row is a real manifest row of /work/ungdc-lib: speaker, country, year.
 */
import { describe, expect, it } from 'vitest';
import { nameKey, People } from '../../src/search/people.ts';

type Row = [name: string, country: string, year: number];

/** The people `rows` make, each as its spellings (sorted), the people sorted by their first spelling. */
function people(rows: readonly Row[]): string[][] {
  const p = new People(rows.map(([name, country, year]) => ({ name, country, year, passages: 1 })));
  return p.persons.map((x) => [...x.spellings.keys()].sort()).sort((a, b) => (a[0]! < b[0]! ? -1 : 1));
}

function labels(rows: readonly Row[]): string[] {
  return new People(rows.map(([name, country, year]) => ({ name, country, year, passages: 1 }))).persons.map((x) => x.label).sort();
}

describe('one person however spelled', () => {
  it.each<[string, Row[], string]>([
    [
      'given names shortened, a middle initial, "Jr"',
      [
        ['Joe Biden', 'USA', 2021],
        ['Joseph R. Biden, Jr', 'USA', 2022],
        ['Joseph R. Biden', 'USA', 2023],
        ['Joseph R. Biden', 'USA', 2024],
      ],
      'Joseph R. Biden',
    ],
    [
      'a usual short form (Bill) and a middle name or initial',
      [
        ['William Clinton', 'USA', 1993],
        ['Mr. William Clinton', 'USA', 1994],
        ['William Jefferson Clinton', 'USA', 1996],
        ['Bill Clinton', 'USA', 1997],
        ['Bill Clinton', 'USA', 1998],
        ['William J. Clinton', 'USA', 1999],
      ],
      'William Clinton',
    ],
    [
      'a form of address',
      [
        ['Barack Obama', 'USA', 2014],
        ['Barack Obama', 'USA', 2015],
        ['Mr. Barack Obama', 'USA', 2016],
      ],
      'Barack Obama',
    ],
    [
      'accents',
      [
        ['Alicia Bárcena Ibarra', 'MEX', 2023],
        ['Alicia Barcena Ibarra', 'MEX', 2024],
      ],
      'Alicia Bárcena Ibarra',
    ],
    [
      'case and a form of address before a surname alone, shown in small letters',
      [
        ['Mr. Pahr', 'AUT', 1976],
        ['PAHR', 'AUT', 1977],
        ['Pahr', 'AUT', 1978],
        ['Pahr', 'AUT', 1979],
        ['Mr. PAHR', 'AUT', 1981],
      ],
      'Pahr',
    ],
    [
      'a letter lost to a bad conversion, a second surname, a middle name',
      [
        ['Hugo Chavez', 'VEN', 1999],
        ['Hugo Chávez Frías', 'VEN', 2001],
        ['Hugo Chávez', 'VEN', 2002],
        ['Mr. Hugo Chvez Frias', 'VEN', 2006],
        ['Hugo Rafael Chavez Frias', 'VEN', 2009],
      ],
      'Hugo Chávez',
    ],
    [
      'a surname alone, then the full name, spoken in the same years',
      [
        ['Bush', 'USA', 1989],
        ['GEORGE BUSH', 'USA', 1990],
        ['George Bush', 'USA', 1991],
        ['Mr. George BUSH', 'USA', 1992],
      ],
      'George Bush',
    ],
  ])('%s', (_what, rows, label) => {
    expect(people(rows)).toHaveLength(1);
    expect(labels(rows)).toEqual([label]);
  });
});

describe('two people of one name stay two', () => {
  it.each<[string, Row[], string[][]]>([
    [
      'a father and a son of one given name, eight years apart',
      [
        ['Bush', 'USA', 1989],
        ['George Bush', 'USA', 1991],
        ['George W. Bush', 'USA', 2001],
        ['Mr. George W. Bush', 'USA', 2002],
      ],
      [
        ['Bush', 'George Bush'],
        ['George W. Bush', 'Mr. George W. Bush'],
      ],
    ],
    [
      'a father by his surname alone and a son by his full name, 28 years apart',
      [
        ['Abe', 'JPN', 1984],
        ['Mr. Abe', 'JPN', 1985],
        ['Shinzo Abe', 'JPN', 2013],
      ],
      [['Abe', 'Mr. Abe'], ['Shinzo Abe']],
    ],
    [
      'brothers of different given names in the same years',
      [
        ['Mahinda Rajapaksa', 'LKA', 2014],
        ['Mr. Gotabaya Rajapaksa', 'LKA', 2020],
        ['Gotabaya Rajapaksa', 'LKA', 2021],
      ],
      [['Gotabaya Rajapaksa', 'Mr. Gotabaya Rajapaksa'], ['Mahinda Rajapaksa']],
    ],
    [
      '"Mr." and "Mrs.": a man and a woman; written bare, it could be either, and joins neither',
      [
        ['Mr. BONGO', 'GAB', 1988],
        ['BONGO', 'GAB', 1990],
        ['Mrs. BONGO', 'GAB', 1991],
      ],
      [['BONGO'], ['Mr. BONGO'], ['Mrs. BONGO']],
    ],
    [
      'names written family name first: the last word is no surname',
      [
        ['Pham Binh Minh', 'VNM', 2014],
        ['Pham Binh Minh', 'VNM', 2022],
        ['Pham Minh Chinh', 'VNM', 2023],
      ],
      [['Pham Binh Minh'], ['Pham Minh Chinh']],
    ],
    [
      'a letter more at the start is another name (Ahmed Taleb Ibrahimi, Lakhdar Brahimi)',
      [
        ['TALEB IBRAHIMI', 'DZA', 1988],
        ['BRAHIMI', 'DZA', 1991],
      ],
      [['BRAHIMI'], ['TALEB IBRAHIMI']],
    ],
    [
      "a king's number is no surname: Mohammed VI is not the minister Mohamed Benaissa",
      [
        ['Mohamed Benaissa', 'MAR', 2002],
        ['Mohammed VI', 'MAR', 2003],
        ['His Majesty Mohammed VI', 'MAR', 2004],
      ],
      [['His Majesty Mohammed VI', 'Mohammed VI'], ['Mohamed Benaissa']],
    ],
    [
      'one name in two countries',
      [
        ['Mr. Castro', 'PHL', 1985],
        ['Castro', 'TTO', 1988],
      ],
      [['Castro'], ['Mr. Castro']],
    ],
  ])('%s', (_what, rows, expected) => {
    expect(people(rows)).toEqual(expected);
  });
});

describe('finding a person by a part of a name', () => {
  const p = new People(
    (
      [
        ['Joe Biden', 'USA', 2021],
        ['Joseph R. Biden', 'USA', 2023],
        ['George W. Bush', 'USA', 2001],
        ['Hugo Chávez', 'VEN', 2002],
        ['Mr. Hugo Chvez Frias', 'VEN', 2006],
      ] as Row[]
    ).map(([name, country, year]) => ({ name, country, year, passages: 1 })),
  );
  const found = (value: string): string[] => [...p.matching(value)].map((i) => p.persons[i]!.label).sort();

  it('finds the person any of whose spellings holds it, case, accents and "Mr." aside', () => {
    expect(found('Joe Biden')).toEqual(['Joseph R. Biden']);
    expect(found('joseph r. biden')).toEqual(['Joseph R. Biden']);
    expect(found('Chávez')).toEqual(['Hugo Chávez']);
    expect(found('Mr. Hugo Chvez')).toEqual(['Hugo Chávez']);
    expect(found('Bush')).toEqual(['George W. Bush']);
    expect(found('Obama')).toEqual([]);
    expect(p.of('VEN', 'Mr. Hugo Chvez Frias')).toBe(p.of('VEN', 'Hugo Chávez'));
    expect(p.of('USA', 'Hugo Chávez')).toBeUndefined();
  });

  it('reads a name without its forms of address and titles, its place, or its punctuation', () => {
    expect(nameKey('Mr. PAHR')).toBe('pahr');
    expect(nameKey('His Majesty King Mswati III')).toBe('mswati iii');
    expect(nameKey('His Serene Highness Prince Albert II of Monaco')).toBe('albert ii');
    expect(nameKey("Halldór Ásgr'msson")).toBe('halldor asgrmsson');
    expect(nameKey('Joseph R. Biden, Jr')).toBe('joseph r biden jr');
  });
});
