/**
 * Chinese, written without spaces between words, as staff have it: the ECOSOC resolution
 * E/RES/2023/1 in UN XML (test/fixtures/un-documents). Words are read as overlapping bigrams, so a
 * word of any length is found where the text holds it, a quoted phrase holds exactly where the
 * text says it, and the excerpt marks the word whole.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyse, compileFollow, matches, type NewPassage } from '../../src/follows/matcher.ts';
import { closeExtractors } from '../../src/ingest/load-library.ts';
import { makeExcerpt } from '../../src/search/excerpt.ts';
import type { VerbatimEngine } from '../../src/search/engine.ts';
import { engineOfStatements, engineOfUnDocuments, markedWords as marked } from '../support/library.ts';

let engine: VerbatimEngine;
let texts: string[];

beforeAll(async () => {
  ({ engine, texts } = await engineOfUnDocuments(['E_RES_2023_1-ZH.xml']));
}, 60_000);
afterAll(closeExtractors);

const holding = (word: string): number => texts.filter((t) => t.includes(word)).length;

/** Searching `word` ranks every passage saying it (more than one) before the rest, and the first marks it. */
async function expectSayingItFirst(word: string): Promise<void> {
  const res = await engine.search(word, { limit: 100 });
  const n = holding(word);
  expect(n).toBeGreaterThan(1);
  expect(res.hits.slice(0, n).every((h) => h.text.includes(word))).toBe(true);
  expect(marked(res.hits[0]!)).toContain(word);
}

describe('Chinese records are searched by their words', () => {
  it('"经济" (economic), a word inside "经济及社会理事会", finds every paragraph naming the Council, those first', async () => {
    // the resolution's title names the Council too, so every passage matches; those saying it rank first
    await expectSayingItFirst('经济');
  });

  it('"可持续发展目标" (the Sustainable Development Goals) ranks the paragraph saying it first and marks it whole', async () => {
    const res = await engine.search('可持续发展目标', { limit: 5 });
    expect(res.hits[0]!.text).toContain('可持续发展目标');
    expect(marked(res.hits[0]!)).toContain('可持续发展目标');
  });

  it('a quoted phrase holds exactly where the text says it, in search and in a trend alike', async () => {
    const phrase = '高级别政治论坛';
    expect(holding(phrase)).toBeGreaterThan(0);
    const res = await engine.search(`"${phrase}"`, { limit: 50 });
    expect(res.notices).toBeUndefined();
    expect(res.total).toBe(holding(phrase));
    expect(res.hits.every((h) => h.text.includes(phrase))).toBe(true);
    const trend = await engine.count(`"${phrase}"`);
    expect(trend.total).toBe(holding(phrase));
  });

  it('one character typed alone ("论") finds every paragraph holding it inside its words, marks it alone, and a trend counts them', async () => {
    const n = holding('论');
    expect(n).toBeGreaterThan(2);
    const res = await engine.search('论', { limit: 100 });
    expect(res.total).toBe(n);
    expect(res.hits.every((h) => h.text.includes('论'))).toBe(true);
    expect(res.hits.every((h) => marked(h).length > 0 && marked(h).every((w) => w === '论'))).toBe(true);
    expect((await engine.count('论')).total).toBe(n);
    // beside another word, the paragraphs holding both come first
    const k = texts.filter((t) => t.includes('论') && t.includes('政治')).length;
    expect(k).toBeGreaterThan(0);
    const both = await engine.search('论 政治', { limit: 100 });
    expect(both.hits.slice(0, k).every((h) => h.text.includes('论') && h.text.includes('政治'))).toBe(true);
  });

  it('search, trends and follows agree on one character typed alone; quoted, it is asked for standing alone in all three', async () => {
    const follow = compileFollow({ id: 1, query: '论', filters: {} });
    const quoted = compileFollow({ id: 2, query: '"论"', filters: {} });
    const newPassage = (text: string): NewPassage => ({ id: 'p', docId: 'd', text, meta: {}, voice: { organisations: [] }, dateFrom: 0, dateTo: 0 });
    expect(texts.filter((t) => matches(follow, analyse(newPassage(t)))).length).toBe(holding('论'));
    expect(texts.filter((t) => matches(quoted, analyse(newPassage(t)))).length).toBe(0);
    expect((await engine.count('"论"')).total).toBe(0);
  });

  it('marks a word typed with one of its characters whole, and every character typed alone', async () => {
    const res = await engine.search('论坛 论', { limit: 5 });
    expect(marked(res.hits[0]!)).toContain('论坛');
    const both = await engine.search('论 坛', { limit: 5 });
    // (side by side, the two marks read as one)
    const spans = marked(both.hits[0]!);
    expect(spans.every((w) => /^[论坛]+$/.test(w))).toBe(true);
    expect(spans.join('')).toMatch(/论[^]*坛|坛[^]*论|论坛/);
    // a character doubled at the end of a run is marked both times (the two marks read as one)
    const twice = makeExcerpt('我们谈谈', { terms: new Set(['谈']) });
    expect(twice.marks.map(([a, b]) => twice.text.slice(a, b))).toEqual(['谈谈']);
  });

  it('finds a character in a pair with a character outside the Basic Multilingual Plane', async () => {
    const rare = await engineOfStatements([{ id: 'x', title: '', text: '和平𠀀水问题' }]);
    expect(rare.searchSync('水').hits.map((h) => h.source.document)).toEqual(['x']);
    expect(marked(rare.searchSync('𠀀').hits[0]!)).toEqual(['𠀀']);
  });

  it('a year beside Chinese characters is a number of its own ("2023年")', async () => {
    await expectSayingItFirst('2023');
  });
});

describe('Chinese list items are passages of their own, as in the other languages', () => {
  it('items (a) to (m) of paragraph 1 are each a passage, not joined as stray short lines (QA19 #11)', async () => {
    // before: (a)–(d) were one passage, (f)+(g) and (j)+(k) pairs: 20 passages where English has 25
    const items = texts.filter((t) => /^\([a-m]\)/.test(t));
    expect(items.map((t) => t.slice(0, 3))).toEqual(['(a)', '(b)', '(c)', '(d)', '(e)', '(f)', '(g)', '(h)', '(i)', '(j)', '(k)', '(l)', '(m)']);
    const english = await engineOfUnDocuments(['E_RES_2023_1-EN.xml']);
    expect(texts).toHaveLength(english.texts.length);
  });
});
