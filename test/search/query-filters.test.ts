/**
 * Issue 15 on real UN General Debate speeches (test/fixtures/ungdc + test/fixtures/ungdc-query):
 * `-word` leaves out what a passage's TEXT says (every passage's metadata says "General Debate"),
 * metadata is left out by negative filters, and filters take several values and session ranges.
 * Every expectation is computed from the speeches themselves, not written down.
 */
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { tokens } from '../../src/index/analyzer.ts';
import { loadLibrary } from '../../src/ingest/load-library.ts';
import { createEngine, type VerbatimEngine } from '../../src/search/engine.ts';
import { explainNoHits } from '../../src/search/no-hits.ts';
import type { Hit, IngestReport, SearchFilters } from '../../src/types.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
let engine: VerbatimEngine;

beforeAll(async () => {
  const a = await loadLibrary(path.join(ROOT, 'test/fixtures/ungdc'));
  const b = await loadLibrary(path.join(ROOT, 'test/fixtures/ungdc-query'));
  const report: IngestReport = {
    ...a.report,
    documents: a.report.documents + b.report.documents,
    passages: a.report.passages + b.report.passages,
    skipped: [...a.report.skipped, ...b.report.skipped],
    warnings: [...a.report.warnings, ...b.report.warnings],
  };
  engine = createEngine([...a.documents, ...b.documents], report);
});

/** Every hit (the library is small: all of them fit in one page). */
async function all(query: string, filters: SearchFilters = {}): Promise<Hit[]> {
  const r = await engine.search(query, { filters, limit: 1000 });
  expect(r.hits.length).toBe(r.total);
  return r.hits;
}
const ids = (hits: readonly Hit[]): string[] => hits.map((h) => h.id).sort();
/** Whether the passage's text says the word (in any of its forms: the analyzer's term). */
const says = (h: Hit, word: string): boolean => {
  const term = tokens(word)[0]!.term;
  return tokens(h.text).some((t) => t.term === term);
};
const saysPhrase = (h: Hit, phrase: string): boolean => {
  const want = tokens(phrase).map((t) => t.term);
  const have = tokens(h.text).map((t) => t.term);
  return have.some((_, i) => want.every((w, k) => have[i + k] === w));
};

describe('-word leaves out passages whose text says it, not their metadata', () => {
  it('assembly -general: the passages saying "assembly" but not "general" (every title says "General Debate")', async () => {
    const assembly = await all('assembly');
    expect(assembly.every((h) => /general/i.test(`${h.source.title} ${h.source.meeting}`))).toBe(true);
    const expected = assembly.filter((h) => !says(h, 'general'));
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.length).toBeLessThan(assembly.length); // some passages do say "General Assembly"
    const hits = await all('assembly -general');
    expect(ids(hits)).toEqual(ids(expected));
    for (const h of hits) expect(h.text).not.toMatch(/\bgeneral\b/i);
  });

  it('assembly -debate keeps the passages that never say "debate"', async () => {
    const expected = (await all('assembly')).filter((h) => !says(h, 'debate'));
    expect(expected.length).toBeGreaterThan(0);
    expect(ids(await all('assembly -debate'))).toEqual(ids(expected));
  });

  it('peace -colombia with country COL: Colombia’s passages on peace that do not name Colombia', async () => {
    const peace = await all('peace', { country: 'COL' });
    const expected = peace.filter((h) => !says(h, 'Colombia'));
    expect(peace.some((h) => says(h, 'Colombia'))).toBe(true);
    expect(expected.length).toBeGreaterThan(0);
    const hits = await all('peace -colombia', { country: 'COL' });
    expect(ids(hits)).toEqual(ids(expected));
    for (const h of hits) {
      expect(h.source.country).toBe('COL');
      expect(h.text).not.toMatch(/\bcolombia\b/i); // "Colombian" is another word
    }
    // the same written inline
    expect(ids(await all('peace -colombia country:COL'))).toEqual(ids(expected));
  });

  it('-"a phrase" leaves out the passages whose text holds the phrase, and keeps those with its words apart', async () => {
    const peace = await all('peace');
    const expected = peace.filter((h) => !saysPhrase(h, 'United Nations'));
    expect(expected.length).toBeLessThan(peace.length);
    expect(expected.some((h) => says(h, 'nations'))).toBe(true); // "all nations" stays
    expect(ids(await all('peace -"United Nations"'))).toEqual(ids(expected));
    // with a negative filter beside it
    const hits = await all('peace -"United Nations" -country:USA');
    expect(ids(hits)).toEqual(ids(expected.filter((h) => h.source.country !== 'USA')));
    for (const h of hits) expect(h.text).not.toMatch(/united\s+nations/i);
  });
});

describe('filters with several values', () => {
  it('country:COL,MEX = country:COL country:MEX = the option "Colombia, Mexico": Colombia’s and Mexico’s passages', async () => {
    const col = await all('peace', { country: 'COL' });
    const mex = await all('peace', { country: 'MEX' });
    expect(col.length).toBeGreaterThan(0);
    expect(mex.length).toBeGreaterThan(0);
    const expected = ids([...col, ...mex]);
    expect(ids(await all('peace country:COL,MEX'))).toEqual(expected);
    expect(ids(await all('peace country:COL country:MEX'))).toEqual(expected);
    expect(ids(await all('peace', { country: 'Colombia, Mexico' }))).toEqual(expected);
    const countries = new Set((await all('peace country:COL,MEX')).map((h) => h.source.country));
    expect(countries).toEqual(new Set(['COL', 'MEX']));
  });

  it('-country:USA leaves out the United States’ passages and nothing else', async () => {
    const peace = await all('peace');
    expect(peace.some((h) => h.source.country === 'USA')).toBe(true);
    const expected = peace.filter((h) => h.source.country !== 'USA');
    expect(ids(await all('peace -country:USA'))).toEqual(ids(expected));
    expect(ids(await all('peace', { country: '-USA' }))).toEqual(ids(expected));
    expect(ids(await all('peace', { country: '-United States' }))).toEqual(ids(expected));
  });

  it('session:70-76: both ends included, 69 and 66 left out', async () => {
    const peace = await all('peace');
    const inRange = peace.filter((h) => Number(h.source.session) >= 70 && Number(h.source.session) <= 76);
    const sessions = new Set(inRange.map((h) => h.source.session));
    expect(sessions.has('70') && sessions.has('76')).toBe(true);
    expect(peace.some((h) => h.source.session === '69')).toBe(true);
    const hits = await all('peace session:70-76');
    expect(ids(hits)).toEqual(ids(inRange));
    expect(ids(await all('peace', { session: '70–76' }))).toEqual(ids(inRange));
    // a range less one session, and a list of a session and a range
    expect(ids(await all('peace session:70-76 -session:75'))).toEqual(ids(inRange.filter((h) => h.source.session !== '75')));
    expect(ids(await all('peace session:66,70-76'))).toEqual(ids(peace.filter((h) => h.source.session === '66' || inRange.includes(h))));
  });

  it('filters combine: any value within a filter, every filter across (country:COL,MEX session:70-76)', async () => {
    const expected = (await all('peace')).filter(
      (h) => ['COL', 'MEX'].includes(h.source.country!) && Number(h.source.session) >= 70 && Number(h.source.session) <= 76,
    );
    expect(expected.length).toBeGreaterThan(0);
    expect(ids(await all('peace country:COL,MEX session:70-76'))).toEqual(ids(expected));
  });

  it('-speaker: and -doc: leave out a speaker and a document', async () => {
    const peace = await all('peace');
    const trump = peace.filter((h) => h.source.speaker?.includes('Trump'));
    expect(trump.length).toBeGreaterThan(0);
    expect(ids(await all('peace -speaker:Trump'))).toEqual(ids(peace.filter((h) => !trump.includes(h))));
    const doc = trump[0]!.source.document;
    expect(ids(await all(`peace -doc:${doc}`))).toEqual(ids(peace.filter((h) => h.source.document !== doc)));
  });

  it('a negative filter names an unknown country or document as a positive one does', async () => {
    await expect(engine.search('peace -country:Atlantis')).rejects.toThrow(/Unknown country “Atlantis”/);
    await expect(engine.search('peace', { filters: { document: '-nope' } })).rejects.toThrow(/No document “nope”/);
  });
});

describe('the no-hits help names the value or filter to drop', () => {
  it('a filter that keeps a range and leaves sessions out: either part alone finds passages', async () => {
    const filters = { session: '70-76,-75,-76' };
    expect((await engine.search('pandemic', { filters })).total).toBe(0);
    const help = await explainNoHits(engine, 'pandemic', filters);
    const pandemic = await all('pandemic');
    const session = (h: Hit): number => Number(h.source.session);
    expect(help.dropFilters).toEqual([
      // without "70-76": every session but 75 and 76
      { filter: 'session', value: '70-76', total: pandemic.filter((h) => session(h) !== 75 && session(h) !== 76).length },
      // without "-75,-76": sessions 70 to 76
      { filter: 'session', value: '-75,-76', total: pandemic.filter((h) => session(h) >= 70 && session(h) <= 76).length },
    ]);
    expect(help.dropFilters.every((d) => d.total > 0)).toBe(true);
  });

  it('multi-valued option filters are dropped whole when they are the obstacle', async () => {
    // Canada and Venezuela never say "pandemic" (2016, 2011); the other countries did in 2020–2021
    const filters = { country: 'CAN,VEN', session: '66,71,75-76' };
    expect((await engine.search('pandemic', { filters })).total).toBe(0);
    const help = await explainNoHits(engine, 'pandemic', filters);
    expect(help.dropFilters).toEqual([{ filter: 'country', total: (await all('pandemic', { session: '66,71,75-76' })).length }]);
    expect(help.dropFilters[0]!.total).toBeGreaterThan(0);
  });

  it('negative filters written in the query are offered one by one', async () => {
    const q = 'pandemic session:75 -country:USA -country:MEX';
    expect((await engine.search(q)).total).toBe(0);
    const help = await explainNoHits(engine, q, {});
    const words = Object.fromEntries(help.dropWords.map((d) => [d.word, d.total]));
    expect(words['-country:USA']).toBe((await all('pandemic', { session: '75', country: 'USA' })).length);
    expect(words['-country:MEX']).toBe((await all('pandemic', { session: '75', country: 'MEX' })).length);
    expect(words['-country:USA']).toBeGreaterThan(0);
  });
});

describe('a filter written with a space whose value is no such value is read as words (Xapian’s lenient prefixes)', () => {
  /** The ranked hits of a query, and its notices (the order is compared, not only the set). */
  async function ranked(query: string): Promise<{ order: string[]; notices: string[] | undefined; hits: Hit[] }> {
    const r = await engine.search(query, { limit: 1000 });
    expect(r.hits.length).toBe(r.total);
    return { order: r.hits.map((h) => h.id), notices: r.notices, hits: r.hits };
  }

  it('peace from: 5 years finds the passages of "peace from 5 years" (from is a stop word) instead of refusing “5” as a date', async () => {
    const lenient = await ranked('peace from: 5 years');
    const words = await ranked('peace from 5 years');
    expect(words.order.length).toBeGreaterThan(0);
    expect(words.hits.some((h) => says(h, 'peace') && says(h, 'years'))).toBe(true);
    expect(lenient.order).toEqual(words.order);
    expect(lenient.notices).toEqual(['Read “from: 5” as words — for a date filter write from:2021 or from:2021-10-19 (no space after the colon).']);
    expect(words.notices).toBeUndefined();
  });

  it('country: sovereignty of small states searches its words instead of failing on the unknown country “sovereignty”', async () => {
    const lenient = await ranked('country: sovereignty of small states');
    const words = await ranked('country sovereignty of small states');
    expect(words.order.length).toBeGreaterThan(0);
    expect(words.hits.some((h) => says(h, 'sovereignty'))).toBe(true);
    expect(lenient.order).toEqual(words.order);
    expect(lenient.notices).toEqual([
      'Read “country: sovereignty” as words — for a country filter write country:COL or country:"South Africa" (no space after the colon).',
    ]);
    // the same value written as a filter, without the space, still names the unknown country
    await expect(engine.search('small states country:sovereignty')).rejects.toThrow(/Unknown country “sovereignty”/);
  });

  it('a spaced value that reads stays a filter: country: Colombia, from: 2019, session: 70-76', async () => {
    const col = await ranked('peace country: Colombia');
    expect(col.order.length).toBeGreaterThan(0);
    expect(col.order).toEqual((await ranked('peace country:COL')).order);
    expect(col.notices).toBeUndefined();
    expect(new Set(col.hits.map((h) => h.source.country))).toEqual(new Set(['COL']));
    expect((await ranked('peace from: 2019')).order).toEqual((await ranked('peace from:2019')).order);
    expect((await ranked('peace session: 70-76')).order).toEqual((await ranked('peace session:70-76')).order);
  });
});
