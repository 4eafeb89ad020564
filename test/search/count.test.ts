/**
 * Counting for trends over real General Debate speeches (test/fixtures/ungdc: Austria 1956; Bhutan,
 * Colombia, Venezuela 2011; Brazil, Colombia 2021), checked against a brute-force reading of every
 * passage with the analyzer.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { phraseReading, tokens } from '../../src/index/analyzer.ts';
import { openLibrary } from '../../src/library/open.ts';
import type { VerbatimEngine } from '../../src/search/engine.ts';
import { phraseChecker } from '../../src/search/phrase-scan.ts';
import { holdsPhrase, passageTokens } from '../../src/search/ranking/phrases.ts';
import { QueryError } from '../../src/types.ts';

const UNGDC = fileURLToPath(new URL('../fixtures/ungdc', import.meta.url));
let engine: VerbatimEngine;
interface P {
  g: number;
  doc: number;
  year: string;
  country: string;
  terms: string[];
}
let passages: P[];

beforeAll(async () => {
  engine = (await openLibrary({ dataDir: UNGDC, cachePath: path.join(mkdtempSync(path.join(tmpdir(), 'verbatim-count-')), 'i.bin') })).engine;
  const store = engine.state.store;
  passages = Array.from({ length: store.size }, (_, g) => {
    const d = store.doc(g);
    return { g, doc: store.docOf[g]!, year: d.meta.date!.slice(0, 4), country: d.meta.country!, terms: tokens(store.text(g)).map((t) => t.term) };
  });
});

function tally(ps: P[], key: (p: P) => string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const p of ps) out[key(p)] = (out[key(p)] ?? 0) + 1;
  return out;
}
const has = (p: P, ...terms: string[]): boolean => terms.every((t) => p.terms.includes(t));
const hasRun = (p: P, run: string[]): boolean => p.terms.some((_, i) => run.every((t, k) => p.terms[i + k] === t));
const nonZero = (buckets: { key: string; count: number }[]): Record<string, number> =>
  Object.fromEntries(buckets.filter((b) => b.count > 0).map((b) => [b.key, b.count]));

describe('count', () => {
  it('by year: passages holding every word, per year, with the year’s passages as base', async () => {
    const r = await engine.count('international peace', { by: 'year' });
    const expected = passages.filter((p) => has(p, 'internation', 'peac'));
    expect(expected.length).toBeGreaterThan(3);
    expect(r.total).toBe(expected.length);
    expect(nonZero(r.buckets)).toEqual(tally(expected, (p) => p.year));
    expect(r.buckets[0]!.key).toBe('1956');
    expect(r.buckets.at(-1)!.key).toBe('2021');
    expect(r.buckets).toHaveLength(2021 - 1956 + 1);
    const base = Object.fromEntries(r.buckets.filter((b) => b.base > 0).map((b) => [b.key, b.base]));
    expect(base).toEqual(tally(passages, (p) => p.year));
    expect(r.library).toEqual({ documents: 6, passages: passages.length });
  });

  it('by country, per documents, with a filter', async () => {
    const byCountry = await engine.count('peace', { by: 'country' });
    expect(nonZero(byCountry.buckets)).toEqual(
      tally(
        passages.filter((p) => has(p, 'peac')),
        (p) => p.country,
      ),
    );
    expect(byCountry.buckets.map((b) => b.count)).toEqual([...byCountry.buckets.map((b) => b.count)].sort((a, b) => b - a));
    const docs = await engine.count('peace', { by: 'year', per: 'documents' });
    const holding = new Set(passages.filter((p) => has(p, 'peac')).map((p) => p.doc));
    expect(docs.total).toBe(holding.size);
    expect(docs.buckets.find((b) => b.key === '2011')).toMatchObject({ count: 3, base: 3 });
    const col = await engine.count('peace', { by: 'year', filters: { country: 'Colombia' } });
    expect(col.total).toBe(passages.filter((p) => p.country === 'COL' && has(p, 'peac')).length);
    expect(col.buckets.find((b) => b.key === '2011')!.base).toBe(passages.filter((p) => p.country === 'COL' && p.year === '2011').length);
    // inline filters are filters too
    expect((await engine.count('peace country:COL')).total).toBe(col.total);
  });

  it('quoted phrases are exact, exclusions are honoured', async () => {
    const phrase = await engine.count('"United Nations"');
    const expected = passages.filter((p) => hasRun(p, ['unit', 'nation']));
    expect(phrase.total).toBe(expected.length);
    expect(phrase.total).toBeLessThan(passages.filter((p) => has(p, 'unit', 'nation')).length);
    const without = await engine.count('peace -development');
    expect(without.total).toBe(passages.filter((p) => has(p, 'peac') && !has(p, 'develop')).length);
  });

  it('says how it read a query leniently, as search does: a spaced filter it cannot take counted as words', async () => {
    const lenient = await engine.count('peace country: security');
    expect(lenient.total).toBe(passages.filter((p) => has(p, 'peac', 'countri', 'secur')).length);
    expect(lenient.total).toBeGreaterThan(0);
    const notices = [
      'Read “country: security” as words — for a country filter write country:COL or country:"South Africa" (no space after the colon).',
    ];
    expect(lenient.notices).toEqual(notices);
    expect((await engine.search('peace country: security')).notices).toEqual(notices);
    expect((await engine.count('peace from: 5 years')).notices).toEqual([
      'Read “from: 5” as words — for a date filter write from:2021 or from:2021-10-19 (no space after the colon).',
    ]);
    expect((await engine.count('peace "united nations')).notices).toEqual([
      'The quote after “peace” is never closed: read as the phrase “united nations”, up to the end of the query.',
    ]);
    // none to say: no notices field at all, as in search
    expect('notices' in (await engine.count('peace'))).toBe(false);
  });

  it('says what is wrong with a bad filter, as search does', async () => {
    await expect(engine.count('peace', { filters: { country: 'Atlantis' } })).rejects.toThrow(QueryError);
  });
});

describe('phraseChecker', () => {
  it('agrees with the search’s phrase check on real passages and random phrases from them', () => {
    const store = engine.state.store;
    fc.assert(
      fc.property(fc.nat(store.size - 1), fc.nat(store.size - 1), fc.nat(200), fc.integer({ min: 1, max: 4 }), (a, b, at, n) => {
        const source = tokens(store.text(a));
        if (source.length === 0) return;
        const start = at % source.length;
        const phrase = source.slice(start, start + n).map((t) => t.term);
        for (const g of [a, b]) {
          const text = store.text(g);
          // as search and follows check it: the tokens as written, or with hyphenated compounds closed
          expect(phraseChecker([phrase])(text)).toBe(holdsPhrase(passageTokens(text), phrase));
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('agrees with it on phrases read as typed (each word in its form), from real passages, in other texts', () => {
    const store = engine.state.store;
    fc.assert(
      fc.property(fc.nat(store.size - 1), fc.nat(store.size - 1), fc.nat(200), fc.integer({ min: 1, max: 4 }), (a, b, at, n) => {
        const text0 = store.text(a);
        const source = tokens(text0);
        if (source.length === 0) return;
        const start = at % source.length;
        const span = source.slice(start, start + n);
        // the words as a user would type them in quotes, one or more (compounds, British spellings and plurals among them)
        const phrase = phraseReading(text0.slice(span[0]!.start, span.at(-1)!.end), () => true).terms;
        if (phrase.length === 0) return;
        for (const g of [a, b]) {
          const text = store.text(g);
          expect(phraseChecker([phrase])(text)).toBe(holdsPhrase(passageTokens(text), phrase));
        }
        // the passage it was taken from holds it
        expect(phraseChecker([phrase])(text0)).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });

  it.each([
    ['l’homme et la femme', ['l’homm'], false],
    ["Côte d'Ivoire's delegation", ['cote', 'ivoir'], true],
    ['1,500 tonnes, i.e. 97.4% of it', ['1500', 'tonn'], true],
    ['self-determination of peoples', ['determin', 'of', 'peopl'], true],
    ['the law of the sea', ['law', 'the', 'sea'], false],
    ['control of dying stars', ['control', 'of', 'die'], true],
    ['lying and tying', ['lie', 'and', 'tie'], true],
  ])('%j holds %j: %s', (text, phrase, expected) => {
    const terms = tokens(text).map((t) => t.term);
    expect(terms.some((_, i) => phrase.every((t, k) => terms[i + k] === t))).toBe(expected);
    expect(phraseChecker([phrase])(text)).toBe(expected);
  });

  it('holds several phrases only when it holds each, wherever in the text (the scan ends once all are seen)', () => {
    const terms = (q: string): string[] => tokens(q).map((t) => t.term);
    const text = 'The law of the sea was debated. Later, the sea bed and its resources; then international co-operation.';
    expect(phraseChecker([terms('law of the sea'), terms('sea bed')])(text)).toBe(true);
    expect(phraseChecker([terms('sea bed'), terms('law of the sea')])(text)).toBe(true);
    expect(phraseChecker([terms('law of the sea'), terms('its resources'), terms('sea level')])(text)).toBe(false);
    // one found as written early, the other only with a compound read closed at the end
    expect(phraseChecker([terms('law of the sea'), terms('international cooperation')])(text)).toBe(true);
  });

  // the scan reads a compound closed only after a word that may open one: these open with one letter, or not in plain ASCII
  it.each([
    ['e-commerce growth', ['ecommerc', 'growth'], true],
    ['G-77 and China', ['g77', 'and', 'china'], true],
    ['the école-maternelle system', ['ecolematernell', 'system'], true],
    ['e-commerce and growth', ['ecommerc', 'growth'], false],
  ])('%j holds %j closed: %s', (text, phrase, expected) => {
    expect(holdsPhrase(passageTokens(text), phrase)).toBe(expected);
    expect(phraseChecker([phrase])(text)).toBe(expected);
  });
});
