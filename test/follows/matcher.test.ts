/** Matching follows against new passages (word forms, phrases, exclusions, filters), and digest times. */
import { describe, expect, it } from 'vitest';
import { FollowIndex, analyse, compileFollow, matches, type NewPassage } from '../../src/follows/matcher.ts';
import { lastDue, nextDue, parseTime } from '../../src/follows/schedule.ts';
import { QueryError, type SearchFilters } from '../../src/types.ts';

const passage = (text: string, extra: Partial<NewPassage> = {}): NewPassage => ({
  id: extra.id ?? 'p1',
  docId: 'USA_78_2023',
  text,
  meta: { country: 'USA', speaker: 'Joseph R. Biden', session: '78', date: '2023' },
  voice: { country: 'USA', speaker: 'Joseph R. Biden', organisations: [] },
  dateFrom: 20230101,
  dateTo: 20231231,
  ...extra,
});
const BIDEN = 'We are working with China to stop the flow of fentanyl precursors, and synthetic drugs kill our young people.';

const follows = (query: string, filters: SearchFilters = {}): boolean => matches(compileFollow({ id: 1, query, filters }), analyse(passage(BIDEN)));

describe('a follow matches a new passage', () => {
  it.each([
    ['fentanyl', {}, true],
    ['Fentanyl precursor', {}, true], // word forms meet, as in /search
    ['fentanyl heroin', {}, false], // every word is needed
    ['"synthetic drugs"', {}, true],
    ['"drugs synthetic"', {}, false],
    ['fentanyl -China', {}, false],
    ['fentanyl -"young children"', {}, true],
    ['+precursors', {}, true],
    ['fentanyl', { country: 'USA' }, true],
    ['fentanyl', { country: 'COL' }, false],
    ['fentanyl', { speaker: 'biden' }, true],
    ['fentanyl', { session: '078' }, true],
    ['fentanyl', { year: '2023' }, true],
    ['fentanyl', { from: '2024' }, false],
    ['fentanyl', { document: 'USA_78_2023' }, true],
    ['fentanyl', { document: 'other' }, false],
    // filters as /search reads them: several values, -values left out, session ranges
    ['fentanyl', { country: 'COL,USA' }, true],
    ['fentanyl', { country: 'COL,MEX' }, false],
    ['fentanyl', { country: '-USA' }, false],
    ['fentanyl', { country: '-COL' }, true],
    ['fentanyl', { session: '70-78' }, true],
    ['fentanyl', { session: '70-77' }, false],
    ['fentanyl', { session: '70-78,-78' }, false],
    ['fentanyl', { speaker: '-biden' }, false],
  ] as [string, SearchFilters, boolean][])('%s %j → %s', (query, filters, expected) => expect(follows(query, filters)).toBe(expected));

  it('follows a session the library names, in any case, as search reads it (review20 R1: a follow with session:es-10 never fired)', () => {
    const special = analyse(
      passage('The delegation spoke on the occupied territories.', {
        meta: { country: 'USA', speaker: 'Joseph R. Biden', session: 'ES-10', date: '2023' },
      }),
    );
    expect(matches(compileFollow({ id: 1, query: 'territories', filters: { session: 'es-10' } }), special)).toBe(true);
    expect(matches(compileFollow({ id: 1, query: 'territories', filters: { session: 'ES-9' } }), special)).toBe(false);
  });

  it('follows one Chinese character where the text holds it inside a longer word, as search finds it', () => {
    // E/RES/2023/1 in Chinese (test/fixtures/un-documents): "the high-level political forum"
    const forum = analyse(passage('经社理事会主持召开的高级别政治论坛'));
    expect(matches(compileFollow({ id: 1, query: '论', filters: {} }), forum)).toBe(true);
    expect(matches(compileFollow({ id: 1, query: '政治', filters: {} }), forum)).toBe(true);
    expect(matches(compileFollow({ id: 1, query: '水', filters: {} }), forum)).toBe(false);
    const index = new FollowIndex();
    index.add(compileFollow({ id: 7, query: '论', filters: {} }));
    expect([...index.match([forum]).entries()]).toEqual([[7, ['p1']]]);
  });

  it('refuses queries an alert cannot use, with a message fit to show', () => {
    expect(() => compileFollow({ id: 1, query: '-fentanyl', filters: {} })).toThrow(/at least one word/);
    expect(() =>
      compileFollow({ id: 1, query: 'alpha beta gamma delta epsilon zeta theta iota kappa lambda omicron sigma omega', filters: {} }),
    ).toThrow(QueryError);
    expect(() => compileFollow({ id: 1, query: 'fentanyl year:twenty', filters: {} })).toThrow(/not a year/);
  });

  it('reads a stored query strictly: a filter written with a space stays a filter, as when the follow was made', () => {
    // stored with its country resolved when it was made; search now reads "country: us" as words
    const f = compileFollow({ id: 1, query: 'fentanyl country: us', filters: { country: 'USA' } });
    expect(f.required).toEqual(['fentanyl']);
    expect(() => compileFollow({ id: 1, query: 'fentanyl from: 5 years', filters: {} })).toThrow(/not a date/);
  });

  it('indexes follows by a key term and reports each matching passage once per follow', () => {
    const index = new FollowIndex();
    index.add(compileFollow({ id: 1, query: 'fentanyl', filters: {} }));
    index.add(compileFollow({ id: 2, query: 'synthetic drugs', filters: {} }));
    index.add(compileFollow({ id: 3, query: 'climate', filters: {} }));
    const found = index.match([analyse(passage(BIDEN, { id: 'a' })), analyse(passage('Climate finance and synthetic fuels.', { id: 'b' }))]);
    expect(Object.fromEntries(found)).toEqual({ 1: ['a'], 2: ['a'], 3: ['b'] });
    index.remove(1);
    expect([...index.match([analyse(passage(BIDEN, { id: 'a' }))]).keys()]).toEqual([2]);
  });
});

describe('digest times', () => {
  const vienna = { time: '10:30', timeZone: 'Europe/Vienna', weeklyDay: 1 };
  it.each([
    // now (UTC)                 every      last due (UTC)
    ['2026-03-02T09:31:00Z', 'daily', '2026-03-02T09:30:00.000Z'],
    ['2026-03-02T09:29:00Z', 'daily', '2026-03-01T09:30:00.000Z'],
    ['2026-07-02T08:31:00Z', 'daily', '2026-07-02T08:30:00.000Z'], // summer time: UTC+2
    ['2026-03-04T12:00:00Z', 'weekly', '2026-03-02T09:30:00.000Z'], // the Monday before
  ] as const)('%s %s → %s', (now, every, due) => expect(new Date(lastDue(Date.parse(now), every, vienna)).toISOString()).toBe(due));

  it('finds the next slot and reads times of day', () => {
    expect(new Date(nextDue(Date.parse('2026-03-02T09:29:00Z'), 'daily', vienna)).toISOString()).toBe('2026-03-02T09:30:00.000Z');
    expect(new Date(nextDue(Date.parse('2026-03-02T09:31:00Z'), 'weekly', vienna)).toISOString()).toBe('2026-03-09T09:30:00.000Z');
    expect([parseTime('9:05'), parseTime('23:59'), parseTime('24:00'), parseTime('noon')]).toEqual(['09:05', '23:59', undefined, undefined]);
  });
});

describe('a follow on a presiding officer', () => {
  it('matches the President’s turns by the name the record gives, as /search does (speaker:Thomson)', () => {
    const turn = analyse(
      passage('I declare open the seventy-first session of the General Assembly.', {
        voice: { speaker: 'The President', presiding: 'Mr. Thomson', organisations: [] },
      }),
    );
    expect(matches(compileFollow({ id: 1, query: 'session', filters: { speaker: 'Thomson' } }), turn)).toBe(true);
    expect(matches(compileFollow({ id: 1, query: 'session', filters: { speaker: '-Thomson' } }), turn)).toBe(false);
    expect(matches(compileFollow({ id: 1, query: 'session', filters: { speaker: 'Dang' } }), turn)).toBe(false);
  });
});
