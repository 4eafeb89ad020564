/** Questions that ask for a quantity, answered by the passage that states one. */
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadLibrary } from '../../src/ingest/load-library.ts';
import { createEngine, VerbatimEngine } from '../../src/search/engine.ts';
import { asksForQuantity, countedUnits, countsUnit, holdsQuantity } from '../../src/search/ranking/answer-type.ts';
import { INDEX_OPTIONS } from '../../src/index/options.ts';
import { rankedWith } from '../support/options.ts';

describe('answer type', () => {
  it.each([
    'how long has portugal ruled african colonies',
    'how many states signed the convention',
    'nigeria solidarity fund amount',
    'pakistan share of population under 25',
    'gaza war death toll',
  ])('“%s” asks for a quantity', (q) => expect(asksForQuantity(q)).toBe(true));

  it.each(['portugal african colonies', 'Reynolds numbers in boundary layers', 'rate of heat transfer', 'law of the sea'])('“%s” does not', (q) =>
    expect(asksForQuantity(q)).toBe(false),
  );

  it.each([
    ['Portugal’s colonial rule in Africa is more than 400 years old.', true],
    ['Fifteen West African States, representing approximately 130 million inhabitants', true],
    ['More than 63 per cent of our population is under the age of 25.', true],
    ['Over twenty years of service.', true],
    ['In August 2005, the armed forces intervened.', false],
    ['134. My Government stands strongly opposed to Portuguese colonialism.', false],
  ])('“%s” states a quantity: %s', (text, want) => expect(holdsQuantity(text)).toBe(want));

  it.each([
    ['UAE islands occupied by Iran how many years', ['year']],
    ['how many States signed the Hague convention', ['state']],
    ['how long has portugal ruled african colonies', ['year', 'month', 'week', 'day', 'decad', 'centuri', 'hour']],
    ['nigeria solidarity fund amount', []],
  ])('“%s” counts %j', (q, units) => expect(countedUnits(q)).toEqual(units));

  it.each([
    ['Abu Musa, which Iran has occupied for 47 years, in flagrant violation', true],
    ['Fiji’s participation, after more than 24 years, will conclude', true],
    ['In 1996, 240 million Africans were living on less than one dollar per day.', false],
    ['This is the year 2018.', false],
    ['Over twenty years of service.', true],
  ])('“%s” counts years: %s', (text, want) => expect(countsUnit(text, new Set(['year']))).toBe(want));
});

describe('answer type in the ranking (three real General Debate speeches on Portugal’s colonies)', () => {
  let engine: VerbatimEngine;
  let plain: VerbatimEngine;
  beforeAll(async () => {
    const lib = await loadLibrary(path.resolve(import.meta.dirname, '../fixtures/ungdc-answer-type'));
    engine = createEngine(lib.documents, lib.report);
    plain = rankedWith(engine, { answerType: { weight: 0 } });
  });

  it('“how long …” puts the passage that says for how long first', () => {
    const q = 'how long has portugal ruled african colonies';
    expect(engine.searchSync(q).hits[0]?.text).toContain('more than 400 years old');
    // the three speeches soften the library's length normalisation (bm25.bLong), which alone lets
    // the 740-character paragraph saying it rank first; weighed as abstracts are, the answer type does
    const asArticles = { bm25: { bLong: INDEX_OPTIONS.bm25.b } };
    expect(rankedWith(engine, { ...asArticles, answerType: { weight: 0 } }).searchSync(q).hits[0]?.text).not.toContain('400 years');
    expect(rankedWith(engine, asArticles).searchSync(q).hits[0]?.text).toContain('more than 400 years old');
  });

  it('a query that asks for no quantity ranks as before', () => {
    const q = 'portugal ruled african colonies';
    expect(engine.searchSync(q).hits.map((h) => h.id)).toEqual(plain.searchSync(q).hits.map((h) => h.id));
  });
});

describe('answer type: what the question counts (three real speeches of the United Arab Emirates)', () => {
  let engine: VerbatimEngine;
  let anyQuantity: VerbatimEngine;
  beforeAll(async () => {
    const lib = await loadLibrary(path.resolve(import.meta.dirname, '../fixtures/ungdc-counted'));
    engine = createEngine(lib.documents, lib.report);
    anyQuantity = rankedWith(engine, { answerType: { unit: 0 } });
  });

  it('“how many years” puts the passage that counts years first', () => {
    const q = 'for how many years has Iran occupied the islands';
    expect(anyQuantity.searchSync(q).hits[0]?.text).not.toContain('47 years');
    expect(engine.searchSync(q).hits[0]?.text).toContain('which Iran has occupied for 47 years');
  });
});
