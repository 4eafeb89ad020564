/** A country's common names ("USA", "South Korea", "Burma") find its statements as its UN name does. */
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { commonNames } from '../../src/ingest/country.ts';
import { loadLibrary } from '../../src/ingest/load-library.ts';
import { createEngine, type VerbatimEngine } from '../../src/search/engine.ts';

describe('common names of countries', () => {
  it.each([
    ['KOR', /South Korea/],
    ['PRK', /North Korea/],
    ['GBR', /\bUK\b/],
    ['RUS', /USSR/],
    ['MMR', /Burma/],
    ['USA', /USA/],
    ['DEU', /FRG/],
    ['DDR', /East Germany/],
  ])('%s is also called %s', (code, name) => expect(commonNames(code)).toMatch(name));

  it('adds nothing where the UN name is the common one', () => {
    expect(commonNames('COL')).toBe('');
    expect(commonNames(undefined)).toBe('');
  });

  it('“FRG” finds the Federal Republic of Germany (filed as DEU) before the German Democratic Republic, and filters by it', async () => {
    // real speeches of 1975; neither says "FRG", and the GDR's speaks of treaties more
    const lib = await loadLibrary(path.resolve(import.meta.dirname, '../fixtures/ungdc-germany'));
    const engine = createEngine(lib.documents, lib.report);
    expect(engine.searchSync('treaty').hits[0]?.source.country).toBe('DDR');
    expect(engine.searchSync('FRG treaty').hits[0]?.source.country).toBe('DEU');
    const frg = engine.searchSync('treaty', { filters: { country: 'FRG' } }).hits;
    expect(frg.length).toBeGreaterThan(0);
    expect(frg.every((h) => h.source.country === 'DEU')).toBe(true);
    expect(engine.searchSync('treaty', { filters: { country: 'Germany Democratic Republic' } }).hits[0]?.source.country).toBe('DDR');
  });

  describe('in search (real General Debate speeches of 2014–2020)', () => {
    let engine: VerbatimEngine;
    beforeAll(async () => {
      const lib = await loadLibrary(path.resolve(import.meta.dirname, '../fixtures/ungdc-query'));
      engine = createEngine(lib.documents, lib.report);
    });

    it('“USA”, which no speech says, finds the speech of the United States of America first', () => {
      const res = engine.searchSync('USA pandemic');
      expect(res.hits[0]?.source.country).toBe('USA');
      expect(res.hits[0]?.text).not.toMatch(/\bUSA\b/);
    });

    it('“US” in capitals is the United States, not the common word “us”', () => {
      // alone, "pandemic" finds Mexico's speech first
      expect(engine.searchSync('pandemic').hits[0]?.source.country).toBe('MEX');
      expect(engine.searchSync('US pandemic').hits[0]?.source.country).toBe('USA');
      expect(engine.searchSync('US climate').hits[0]?.source.country).toBe('USA');
      // "let us" is the common word, and a query all in capitals cannot tell them apart
      expect(engine.searchSync('let us fight the pandemic').hits[0]?.source.country).not.toBe('USA');
      expect(engine.searchSync('PANDEMIC US').hits.map((h) => h.id)).toEqual(engine.searchSync('pandemic').hits.map((h) => h.id));
    });
  });
});
