/**
 * How figures are read (QA on the General Debate library, findings F6–F8): a percentage however it
 * is written ("per cent" as UN records write it, "percent", "%", "pct"), degrees written with the
 * sign ("1.5°C", "2 ℃") or as a word, and ordinals in digits or spelled out ("60th", "sixtieth").
 * Search, quoted phrases, excerpt marks, trends and follows read them alike (they share the analyzer).
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyse, compileFollow, matches } from '../../src/follows/matcher.ts';
import { closeExtractors, loadLibrary } from '../../src/ingest/load-library.ts';
import { createEngine, type VerbatimEngine } from '../../src/search/engine.ts';
import type { Hit } from '../../src/types.ts';
import { engineOfStatements, engineOfUnDocuments, markedWords } from '../support/library.ts';

const PERCENTAGES = [
  { id: 'oda', title: 'Aid', text: 'Only five donors gave 0.7 per cent of gross national income in official development assistance.' },
  { id: 'women', title: 'Women', text: 'Women make up 50 per cent of the population, yet they hold few seats in parliament.' },
  { id: 'youth', title: 'Youth', text: 'Youth unemployment stands at 50% in the region, and 12 pct among graduates.' },
  { id: 'typed', title: 'Typed', text: 'Prices rose by 50 percent in a single year.' },
  { id: 'cents', title: 'Bread', text: 'A loaf of bread now costs 50 cents more than it did last year.' },
  { id: 'years', title: 'Peace', text: 'For 50 years the Organization has kept the peace in the region.' },
  { id: 'density', title: 'Islands', text: 'The islands have a population density of less than 50 per square kilometre of land.' },
  { id: 'arabic', title: 'البطالة', text: 'بلغت نسبة البطالة بين الشباب 37٪ في المنطقة.' },
  { id: 'french', title: 'Chômage', text: 'Le chômage des jeunes atteint 44 pour cent dans la région.' },
];
const DEGREES = [
  { id: 'sign', title: 'Climate', text: 'Warming must be held to 1.5°C above pre-industrial levels, and well below 2 ℃.' },
  { id: 'spaced', title: 'Warming', text: 'Beyond 1.5 °C the reefs die; the science is clear.' },
  { id: 'word', title: 'Paris', text: 'The Paris Agreement aims to hold the increase to well below 2 degrees Celsius.' },
];
const ORDINALS = [
  { id: 'sixtieth', title: 'Anniversary', text: 'We celebrate the sixtieth anniversary of the Organization with pride.' },
  { id: '60th', title: 'Charter', text: 'On the 60th anniversary of the Charter we renew our pledge.' },
  { id: 'seventy-fifth', title: 'Session', text: 'At the seventy-fifth session the Assembly met online for the first time.' },
  { id: '75th', title: 'Meeting', text: 'The 75th session of the Assembly opened during the pandemic.' },
  { id: '21st', title: 'Century', text: 'The challenges of the 21st century call for cooperation.' },
  { id: '75years', title: 'Years', text: 'For 75 years the Charter has guided the work of the Member States.' },
];

let engine: VerbatimEngine;
beforeAll(async () => {
  engine = await engineOfStatements([...PERCENTAGES, ...DEGREES, ...ORDINALS]);
});

const ids = (hits: readonly Hit[]): string[] => hits.map((h) => h.source.document).sort();
const search = (q: string): Hit[] => engine.searchSync(q, { limit: 20 }).hits;
const marksIn = (q: string, id: string): string[] => markedWords(search(q).find((h) => h.source.document === id)!);

describe('a percentage is one word however it is written (F6)', () => {
  it('"50 percent" in quotes holds "50 per cent", "50%" and "50 percent", and not "50 cents"', () => {
    expect(ids(search('"50 percent"'))).toEqual(['typed', 'women', 'youth']);
    for (const q of ['"50 per cent"', '"50%"', '"50 %"']) expect(ids(search(q))).toEqual(['typed', 'women', 'youth']);
  });

  it('"50%" in quotes does not hold "50 years"; "cents" does not find a percentage', () => {
    expect(ids(search('"50%"'))).not.toContain('years');
    expect(ids(search('cents'))).toEqual(['cents']);
    expect(ids(search('percent'))).toEqual(['arabic', 'french', 'oda', 'typed', 'women', 'youth']);
  });

  it('"0.7 percent" holds "0.7 per cent", and "pct" after a number is a percentage', () => {
    expect(ids(search('"0.7 percent"'))).toEqual(['oda']);
    expect(ids(search('"12 per cent"'))).toEqual(['youth']);
  });

  it('50% of the population: the passage saying "50 per cent of the population" first, not "50 per square kilometre"', () => {
    expect(search('50% of the population')[0]?.source.document).toBe('women');
  });

  it('marks the percentage as the text writes it', () => {
    expect(marksIn('"50 percent"', 'women')).toEqual(['50 per cent']);
    expect(marksIn('"50 percent"', 'youth')).toEqual(['50%']);
    expect(marksIn('50%', 'women')).toEqual(['50', 'per cent']);
    expect(marksIn('percent', 'youth')).toEqual(['%', 'pct']);
  });

  it('the Arabic percent sign ٪ is a percentage too (R6)', () => {
    expect(ids(search('"37 percent"'))).toEqual(['arabic']);
    expect(marksIn('"37%"', 'arabic')).toEqual(['37٪']);
  });

  it('"pour cent" after a number is a percentage (gaps)', () => {
    expect(ids(search('"44 percent"'))).toEqual(['french']);
    expect(marksIn('"44%"', 'french')).toEqual(['44 pour cent']);
    expect(marksIn('percent', 'french')).toEqual(['pour cent']);
  });

  it('a percentage is still its number ("63%" finds "63 per cent"; 50 finds "50%")', () => {
    expect(ids(search('50 unemployment'))).toContain('youth');
    expect(search('0.7%')[0]?.source.document).toBe('oda');
  });

  it('counts and follows read a percentage as search does', async () => {
    expect((await engine.count('"50 percent"')).total).toBe(3);
    const follow = compileFollow({ id: 1, query: '"0.7 percent"', filters: {} });
    const passage = (text: string): ReturnType<typeof analyse> =>
      analyse({ id: 'p', docId: 'd', text, meta: {}, voice: { organisations: [] }, dateFrom: 0, dateTo: 0 });
    expect(matches(follow, passage(PERCENTAGES[0]!.text))).toBe(true);
    expect(matches(compileFollow({ id: 2, query: '"50 percent"', filters: {} }), passage(PERCENTAGES[4]!.text))).toBe(false);
  });
});

describe('a degree sign after a number is the word "degrees" (F7)', () => {
  it('1.5 degrees finds "1.5°C" and "1.5 °C", and marks the figure as written', () => {
    expect(ids(search('"1.5 degrees"'))).toEqual(['sign', 'spaced']);
    expect(marksIn('"1.5 degrees"', 'sign')).toEqual(['1.5°']);
    expect(marksIn('1.5 degrees', 'spaced')).toEqual(['1.5', '°']);
    // free words: the passages holding both first
    expect(ids(search('1.5 degrees').slice(0, 2))).toEqual(['sign', 'spaced']);
  });

  it('"2 degrees Celsius" and "2°C" meet, written with ℃ too', () => {
    expect(ids(search('"2 degrees Celsius"'))).toEqual(['sign', 'word']);
    expect(ids(search('"2°C"'))).toEqual(['sign', 'word']);
    expect(marksIn('"2°C"', 'word')).toEqual(['2 degrees Celsius']);
    expect(marksIn('"2 degrees Celsius"', 'sign')).toEqual(['2 ℃']);
  });

  it('°C, ° C or ℃ typed alone is degrees Celsius: it finds the temperatures, marked as written (R6)', () => {
    for (const q of ['°C', '° C', '℃', '"degrees Celsius"']) expect(ids(search(q))).toEqual(['sign', 'spaced', 'word']);
    expect(marksIn('°C', 'sign')).toEqual(['°C', '℃']);
    expect(marksIn('℃', 'word')).toEqual(['degrees', 'Celsius']);
  });
});

describe('an ordinal in digits is the ordinal spelled out (F8)', () => {
  it('"60th anniversary" holds "sixtieth anniversary", and back', () => {
    expect(ids(search('"60th anniversary"'))).toEqual(['60th', 'sixtieth']);
    expect(ids(search('"sixtieth anniversary"'))).toEqual(['60th', 'sixtieth']);
    expect(marksIn('"60th anniversary"', 'sixtieth')).toEqual(['sixtieth anniversary']);
  });

  it('"75th" meets "seventy-fifth", and "21st" "twenty-first", as words and in quotes', () => {
    expect(ids(search('75th session'))).toEqual(['75th', 'seventy-fifth']);
    expect(ids(search('seventy-fifth'))).toEqual(['75th', 'seventy-fifth']);
    expect(ids(search('"seventy-fifth session"'))).toEqual(['75th', 'seventy-fifth']);
    expect(ids(search('"75th session"'))).toEqual(['75th', 'seventy-fifth']);
    expect(ids(search('"twenty-first century"'))).toEqual(['21st']);
    expect(marksIn('75th', 'seventy-fifth')).toEqual(['seventy-fifth']);
  });

  it('a bare number finds its ordinal in digits, marked whole, but not the ordinal in words (R3)', async () => {
    expect(ids(search('75'))).toEqual(['75th', '75years']);
    expect(marksIn('75', '75th')).toEqual(['75th']);
    expect(ids(search('75th'))).toEqual(['75th', 'seventy-fifth']);
    // the passage saying the number and the word close together first
    expect(search('75 session')[0]?.source.document).toBe('75th');
    expect((await engine.count('75')).total).toBe(2);
    const follow = compileFollow({ id: 3, query: '75', filters: {} });
    const passage = (text: string): ReturnType<typeof analyse> =>
      analyse({ id: 'p', docId: 'd', text, meta: {}, voice: { organisations: [] }, dateFrom: 0, dateTo: 0 });
    expect(matches(follow, passage(ORDINALS[3]!.text))).toBe(true);
    expect(matches(follow, passage(ORDINALS[2]!.text))).toBe(false);
  });
});

describe('a Spanish statement writes ° for an ordinal (GA79_statement_Mexico_es.pdf)', () => {
  let mx: VerbatimEngine;
  beforeAll(async () => {
    ({ engine: mx } = await engineOfUnDocuments(['GA79_statement_Mexico_es.pdf']));
  }, 120_000);

  it('"del 79° periodo ordinario" is no temperature: `degrees` finds nothing, "79 periodo ordinario" holds it (R6)', () => {
    expect(mx.searchSync('degrees', { limit: 10 }).hits).toEqual([]);
    const hits = mx.searchSync('"79 periodo ordinario"', { limit: 10 }).hits;
    expect(hits.map((h) => markedWords(h))).toEqual([['79° periodo ordinario']]);
  });

  it('`"70 por ciento"` holds "Más del 70% de las víctimas", marked as written (gaps)', () => {
    const r = mx.searchSync('"70 por ciento"', { limit: 10 });
    expect(r.notices ?? []).toEqual([]);
    expect(r.hits.map((h) => markedWords(h))).toEqual([['70%']]);
  });
});

describe('a French statement writes "79e" for the 79th (GA79_statement_Senegal_fr.pdf)', () => {
  let sn: VerbatimEngine;
  beforeAll(async () => {
    ({ engine: sn } = await engineOfUnDocuments(['GA79_statement_Senegal_fr.pdf']));
  }, 120_000);

  it('`"79th session"` finds "79e Session ordinaire" and "cette 79e session", marked as written; `79` still finds them', () => {
    const hits = sn.searchSync('"79th session"', { limit: 10 }).hits;
    expect(hits.map((h) => markedWords(h))).toEqual([['79e Session'], ['79e session']]);
    expect(sn.searchSync('79', { limit: 10 }).hits.some((h) => markedWords(h).includes('79e'))).toBe(true);
  });
});

describe('the shipped sample (data/): the CND intersessional report', () => {
  it('`64` finds "the 64th session of the Commission", marked as written (R3)', async () => {
    const lib = await loadLibrary(path.join(fileURLToPath(new URL('../..', import.meta.url)), 'data'));
    const hits = createEngine(lib.documents, lib.report).searchSync('64', { limit: 10 }).hits;
    expect(hits.length).toBeGreaterThan(0);
    expect(hits[0]!.text).toMatch(/the 64th session of the Commission on Narcotic Drugs/);
    expect(markedWords(hits[0]!)).toEqual(['64th']);
  });
});

describe('a C right after a decimal is degrees Celsius, after a whole number a letter (UNGDC)', () => {
  // sentences of /work/ungdc-lib/2020/MHL_75_2020.txt and /work/ungdc-lib/1977/COG_32_1977.txt
  let gd: VerbatimEngine;
  beforeAll(async () => {
    gd = await engineOfStatements([
      {
        id: 'MHL_75_2020',
        title: 'Marshall Islands 2020',
        text: 'Adaptation to climate change will hold off the worst impacts if the world lives up to its promise of 1.5C.',
      },
      {
        id: 'COG_32_1977',
        title: 'Congo 1977',
        text: 'In 1961 South Africa acquired through a United States company a small thermal reactor of 2C megawatts.',
      },
    ]);
  });

  it('`"1.5 degrees Celsius"` holds "1.5C", marked as written; "2C megawatts" is no temperature', async () => {
    const hits = gd.searchSync('"1.5 degrees Celsius"', { limit: 10 }).hits;
    expect(hits.map((h) => markedWords(h))).toEqual([['1.5C']]);
    expect(gd.searchSync('°C', { limit: 10 }).hits.map((h) => h.source.document)).toEqual(['MHL_75_2020']);
    expect((await gd.count('"2 degrees"')).total).toBe(0);
  });
});

describe('ordinals spelled apart and above 100, in General Debate speeches (UNGDC)', () => {
  // sentences of the speeches named by their ids (/work/ungdc-lib/<year>/<id>.txt)
  const SPEECHES = [
    {
      id: 'TGO_33_1978',
      title: 'Togo 1978',
      text: 'May I also be permitted to salute, on behalf of the Government and people of Togo, Solomon Islands, which we welcome in our midst as the one hundred and fiftieth Member of our Organization.',
    },
    {
      id: 'BRB_41_1986',
      title: 'Barbados 1986',
      text: 'In 1988 we observe the 150th anniversary of the final phase of the ending of slavery in the British Empire.',
    },
    {
      id: 'HND_37_1982',
      title: 'Honduras 1982',
      text: 'On behalf of the people and Government of Honduras I should like most\nsincerely to congratulate you, Sir, on your fitting election as\nPresident of the thirty seventh session of the General Assembly.',
    },
    {
      id: 'JPN_39_1984',
      title: 'Japan 1984',
      text: 'I would urge all Member States to give serious consideration to how we can best invigorate the United Nations organization and functions as we look ahead to the twenty first century.',
    },
  ];
  let gd: VerbatimEngine;
  beforeAll(async () => {
    gd = await engineOfStatements(SPEECHES);
  });
  const find = (q: string): Hit[] => gd.searchSync(q, { limit: 10 }).hits;

  it('"150th" and "one hundred and fiftieth" meet, typed either way; `150` finds the digits only', () => {
    expect(ids(find('150th'))).toEqual(['BRB_41_1986', 'TGO_33_1978']);
    expect(ids(find('one hundred and fiftieth'))).toEqual(['BRB_41_1986', 'TGO_33_1978']);
    expect(find('"150th member"').map((h) => markedWords(h))).toEqual([['one hundred and fiftieth Member']]);
    expect(ids(find('150'))).toEqual(['BRB_41_1986']);
  });

  it('the one hundred and fiftieth Member is no "fiftieth member"', async () => {
    expect((await gd.count('"fiftieth member"')).total).toBe(0);
  });

  it('"thirty seventh session" and "twenty first century", written apart, are the 37th and the 21st', () => {
    expect(find('"37th session"').map((h) => markedWords(h))).toEqual([['thirty seventh session']]);
    expect(ids(find('"thirty-seventh session"'))).toEqual(['HND_37_1982']);
    expect(ids(find('"21st century"'))).toEqual(['JPN_39_1984']);
    expect(ids(find('twenty first'))).toEqual(['JPN_39_1984']);
  });
});

describe('a real UN record (S/PV.8699 (Resumption 1), A/50/PV.33)', () => {
  let un: VerbatimEngine;
  beforeAll(async () => {
    ({ engine: un } = await engineOfUnDocuments(['S_PV.8699_Resumption1.pdf', 'A_50_PV.33.pdf']));
  }, 120_000);
  afterAll(closeExtractors);

  it('"0.7 percent" finds "0.7 per cent of our gross national income", marked as written', () => {
    const hits = un.searchSync('"0.7 percent"', { limit: 10 }).hits;
    expect(hits).toHaveLength(1);
    expect(hits[0]!.text).toMatch(/more than 0\.7 per cent of our gross national income/);
    expect(markedWords(hits[0]!)).toEqual(['0.7 per cent']);
  });

  it('"44%" finds "44 per cent of them"', () => {
    const hits = un.searchSync('"44%"', { limit: 10 }).hits;
    expect(hits.map((h) => markedWords(h))).toEqual([['44 per cent']]);
  });

  it('"twentieth meeting" finds the records citing the "20th meeting", marked as written', () => {
    const hits = un.searchSync('"twentieth meeting"', { limit: 10 }).hits;
    expect(hits.map((h) => markedWords(h))).toEqual([['20th meeting']]);
  });
});
