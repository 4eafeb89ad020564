/**
 * Letters each followed by a dot ("U.N.", "U.S.", "U.S.S.R.") are one word, the letters joined, so
 * that either spelling finds the other: on two real General Debate speeches of 2020 (Lesotho writes
 * "the U.N. General Assembly", Saint Kitts and Nevis "the U.N." and "The UN" side by side).
 */
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadLibrary } from '../../src/ingest/load-library.ts';
import { createEngine, type VerbatimEngine } from '../../src/search/engine.ts';
import { markedWords } from '../support/library.ts';

describe('initialisms on real speeches', () => {
  let engine: VerbatimEngine;
  beforeAll(async () => {
    const lib = await loadLibrary(path.resolve(import.meta.dirname, '../fixtures/initialisms'));
    expect(lib.report.skipped).toEqual([]);
    engine = createEngine(lib.documents, lib.report);
  });

  it('"UN" finds "U.N." and marks it whole', () => {
    const res = engine.searchSync('UN General Assembly embargo');
    const first = res.hits[0]!;
    expect(first.source.country).toBe('LSO');
    expect(first.text).toContain('the U.N. General Assembly has passed');
    expect(markedWords(first)).toContain('U.N.');
  });

  it('a quoted phrase holds across the dots, and typed with dots finds the plain spelling', () => {
    const withDots = engine.searchSync('"U.N. General Assembly" embargo').hits;
    expect(withDots[0]?.text).toContain('the U.N. General Assembly has passed');
    const plain = engine.searchSync('"paramount for the UN"').hits;
    expect(plain.map((h) => h.source.country)).toEqual(['KNA']);
    expect(markedWords(plain[0]!)).toContain('paramount for the U.N.');
  });

  it('trends count every passage saying it, with the dots or without', () => {
    const store = engine.state.store;
    const texts = Array.from({ length: store.size }, (_, g) => store.text(g));
    const saying = (re: RegExp): number => texts.filter((t) => re.test(t)).length;
    const phrase = saying(/\bU\.?N\.? General Assembly/);
    expect(phrase).toBeGreaterThan(0);
    expect(engine.matchAll('"UN General Assembly"').length).toBe(phrase);
    expect(engine.matchAll('"U.N. General Assembly"').length).toBe(phrase);
    expect(saying(/\bU\.N\./)).toBeGreaterThan(0);
    expect(saying(/\bUN\b/)).toBeGreaterThan(0);
    expect(engine.matchAll('UN').length).toBe(saying(/\bU\.?N\b/));
    expect(engine.matchAll('"U.N."').length).toBe(saying(/\bU\.?N\b/));
  });
});
