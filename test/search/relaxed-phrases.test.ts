/**
 * A quoted phrase (or +word) that no passage holds: instead of nothing, the passages holding its
 * words, with a notice saying that none holds it as written. On the sample CND report.
 */
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadLibrary } from '../../src/ingest/load-library.ts';
import { createEngine, type VerbatimEngine } from '../../src/search/engine.ts';

let engine: VerbatimEngine;
beforeAll(async () => {
  const lib = await loadLibrary(path.resolve(import.meta.dirname, '../../data'));
  engine = createEngine(lib.documents, lib.report);
});

describe('a quoted phrase no passage holds', () => {
  it('still requires a phrase that some passage holds, and says nothing about it', () => {
    const res = engine.searchSync('"drug policy network"');
    expect(res.total).toBeGreaterThan(0);
    for (const h of res.hits) expect(h.text.toLowerCase()).toContain('drug policy network');
    expect(res.notices).toBeUndefined();
  });

  it('finds the passages holding its words, and the notice says none holds it as written', () => {
    const res = engine.searchSync('"afghanistan smuggled heroin"');
    expect(res.total).toBeGreaterThan(0);
    expect(res.hits[0]!.text).toContain('87% of heroin was smuggled from Afghanistan');
    expect(res.hits[0]!.excerpt.marks.length).toBeGreaterThan(0);
    expect(res.notices).toEqual(['No passage holds “afghanistan smuggled heroin” as written: these passages hold its words.']);
  });

  it('when no passage holds every word, finds those holding the most of them, and says how many', () => {
    const words = [/heroin/i, /\bcoca\b/i, /smuggl/i];
    const held = (text: string): number => words.filter((w) => w.test(text)).length;
    const res = engine.searchSync('"heroin coca smuggled"');
    expect(res.total).toBeGreaterThan(0);
    expect(res.hits[0]!.text).toContain('87% of heroin was smuggled from Afghanistan');
    // not every passage saying one of the words: each found holds two of the three
    for (const h of res.hits) expect(held(h.text)).toBe(2);
    expect(res.total).toBeLessThan(engine.searchSync('heroin OR coca OR smuggled').total);
    expect(res.notices).toEqual(['No passage holds “heroin coca smuggled” as written: these passages hold 2 of its 3 words.']);
    // +words alike, the same passages
    const plus = engine.searchSync('+heroin +coca +smuggled');
    expect(plus.hits.map((h) => h.id)).toEqual(res.hits.map((h) => h.id));
    expect(plus.notices).toEqual(['No passage holds “heroin”, “coca” and “smuggled” as written: these passages hold 2 of their 3 words.']);
  });

  it('with an excluded phrase, which only the phrase check sees, reads every passage holding any word, less those holding it', () => {
    // the one passage holding two of the three words says "from Afghanistan": before, nothing was found
    const res = engine.searchSync('"heroin coca smuggled" -"from Afghanistan"');
    expect(res.total).toBeGreaterThan(0);
    for (const h of res.hits) expect(h.text.toLowerCase()).not.toContain('from afghanistan');
  });

  it('with other words in the query, ranks every passage holding any word, as a plain search would', () => {
    const res = engine.searchSync('"heroin coca smuggled" cannabis');
    expect(res.hits.map((h) => h.id)).toEqual(engine.searchSync('heroin coca smuggled cannabis').hits.map((h) => h.id));
  });

  it('names every phrase and +word, and says when filters narrowed the search', () => {
    const res = engine.searchSync('"smuggled coca" +tajikistan', { filters: { year: '2021' } });
    expect(res.total).toBeGreaterThan(0);
    expect(res.notices).toEqual([
      'No passage within the filters holds “smuggled coca” and “tajikistan” as written: these passages hold 2 of their 3 words.',
    ]);
  });

  it('keeps excluded words out of the passages it finds', () => {
    const res = engine.searchSync('"heroin coca smuggled" -afghanistan');
    expect(res.total).toBeGreaterThan(0);
    for (const h of res.hits) expect(h.text.toLowerCase()).not.toContain('afghanistan');
  });

  it('finds nothing, and says nothing of phrases, when no passage holds any of its words', () => {
    const res = engine.searchSync('"zyxwv qwertz"');
    expect(res.total).toBe(0);
    expect(res.notices).toBeUndefined();
  });
});
