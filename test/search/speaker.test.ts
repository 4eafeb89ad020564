/** A query that opens with a country's name asks what that country said. */
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadLibrary } from '../../src/ingest/load-library.ts';
import { leadingCountry } from '../../src/search/country-filter.ts';
import { createEngine, VerbatimEngine } from '../../src/search/engine.ts';
import { rankedWith } from '../support/options.ts';

describe('the country a query opens with', () => {
  it.each([
    ['germany on anti-islam video hurting believers', 'DEU'],
    ['Papua New Guinea security council permanent seats', 'PNG'],
    ['the Netherlands on drug policy', 'NLD'],
    ['US backs the committee of the whole', 'USA'],
    ['UAE islands occupied by Iran', 'ARE'],
    ['south korea urges north on denuclearization', 'KOR'],
    // a question's frame comes first (QA20 F1: the country's own speech fell out of the top 50)
    ['what did france say about nuclear tests', 'FRA'],
    ['what did the United States say about climate change in 2021', 'USA'],
    ['did India mention Ukraine in 2022', 'IND'],
    ["India's statement on the war in Ukraine 2022", 'IND'],
  ])('“%s” opens with %s', (q, code) => expect(leadingCountry(q)?.code).toBe(code));

  it("after a question's frame, gives the verb of saying, which is no topic", () => {
    expect(leadingCountry('what did France say about nuclear tests')?.verb).toBe('say');
    expect(leadingCountry('has Japan proposed a ban')?.verb).toBe('proposed');
    expect(leadingCountry('France says nuclear tests must end')?.verb).toBeUndefined();
  });

  it.each([
    'let us talk about trade', // "us" is a word
    'can we stop drug trafficking', // "can" is not Canada
    'IS THERE A LAW OF THE SEA', // in a query all in capitals, IS is not Iceland
    'SG speech on peacekeeping', // a code is not a name
    'what did the assembly decide on nuclear tests', // a frame, then no country
    'did nothing change in chad', // the frame's subject is not a country
    'when did brunei join ASEAN', // asks about Brunei, not what it said (blind set 3's kb-162)
    'how long has portugal ruled african colonies',
  ])('“%s” opens with none', (q) => expect(leadingCountry(q)).toBeUndefined());
});

describe('the named country in the ranking (three real General Debate speeches of 2012)', () => {
  let engine: VerbatimEngine;
  let unnamed: VerbatimEngine;
  beforeAll(async () => {
    const lib = await loadLibrary(path.resolve(import.meta.dirname, '../fixtures/ungdc-speaker'));
    engine = createEngine(lib.documents, lib.report);
    unnamed = rankedWith(engine, { leadingCountry: { weight: 0 } });
  });
  const countries = (e: VerbatimEngine, q: string): Array<string | undefined> => e.searchSync(q, { limit: 3 }).hits.map((h) => h.source.country);

  it('puts the named country’s passage on the subject first', () => {
    const q = 'germany on anti-islam video hurting believers';
    // on the words alone, Niger's passage on the video comes first and Germany's third
    expect(countries(unnamed, q)).toEqual(['NER', 'MDV', 'DEU']);
    expect(countries(engine, q)[0]).toBe('DEU');
    expect(engine.searchSync(q).hits[0]?.text).toContain('shameful anti-Islam video');
  });

  it('leaves a query that names no country first, or only a country, as the words rank it', () => {
    for (const q of ['anti-islam video hurting believers', 'germany']) {
      expect(engine.searchSync(q).hits.map((h) => [h.id, h.score])).toEqual(unnamed.searchSync(q).hits.map((h) => [h.id, h.score]));
    }
  });
});
