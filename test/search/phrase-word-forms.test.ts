/**
 * A quoted phrase's words hold in the form typed, singular or plural: "developing countries" is not
 * held in "developed countries", though Snowball stems "developing" and "developed" alike. Search,
 * its total, the trend count, the excerpt's marks and follows read a phrase the same way. Real
 * General Debate speeches (test/fixtures/ungdc-speaker-names: Ghana 1972 says both, ten and four
 * times; Israel 1968, the United Kingdom 1997 and 2004, Germany 2015, Tanzania 2024).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyse, compileFollow, matches } from '../../src/follows/matcher.ts';
import { openLibrary } from '../../src/library/open.ts';
import type { VerbatimEngine } from '../../src/search/engine.ts';
import { markedWords } from '../support/library.ts';

const SPEECHES = fileURLToPath(new URL('../fixtures/ungdc-speaker-names', import.meta.url));
let engine: VerbatimEngine;
let texts: string[];
let years: string[];

beforeAll(async () => {
  engine = (await openLibrary({ dataDir: SPEECHES, cachePath: path.join(mkdtempSync(path.join(tmpdir(), 'verbatim-forms-')), 'i.bin') })).engine;
  const store = engine.state.store;
  texts = Array.from({ length: store.size }, (_, g) => store.text(g));
  years = Array.from({ length: store.size }, (_, g) => store.doc(g).meta.date!.slice(0, 4));
}, 120_000);

/** The passages saying a developing country or countries (possessives too), read by a pattern, not by the analyzer. */
const DEVELOPING = /\bdeveloping\s+countr(?:y|ies)\b/i;
const DEVELOPED_ONLY = (t: string): boolean => /\bdeveloped\s+countr(?:y|ies)\b/i.test(t) && !DEVELOPING.test(t);

describe('a quoted phrase holds in the form typed', () => {
  it('"developing countries" finds the passages saying it, not those saying only "developed countries"', async () => {
    const saying = texts.filter((t) => DEVELOPING.test(t));
    // the test has teeth: passages saying only "developed countries", which the phrase found before
    expect(texts.filter(DEVELOPED_ONLY).length).toBeGreaterThan(0);
    expect(saying.length).toBeGreaterThan(3);
    const res = await engine.search('"developing countries"', { limit: 50 });
    expect(res.hits.map((h) => h.text).sort()).toEqual([...saying].sort());
    expect(res.total).toBe(saying.length);
    for (const h of res.hits) for (const m of markedWords(h)) expect(m).toMatch(/^developing\s+countr(?:y|ies)$/i);
  });

  it('"developed countries" likewise, and the singular typed finds the plural', async () => {
    const developed = texts.filter((t) => /\bdeveloped\s+countr(?:y|ies)\b/i.test(t));
    const res = await engine.search('"developed countries"', { limit: 50 });
    expect(res.hits.map((h) => h.text).sort()).toEqual([...developed].sort());
    const singular = await engine.search('"developing country"', { limit: 50 });
    expect(singular.total).toBe(texts.filter((t) => DEVELOPING.test(t)).length);
  });

  it('a trend counts the same passages', async () => {
    const r = await engine.count('"developing countries"', { by: 'year' });
    expect(r.total).toBe(texts.filter((t) => DEVELOPING.test(t)).length);
    const perYear: Record<string, number> = {};
    texts.forEach((t, g) => {
      if (DEVELOPING.test(t)) perYear[years[g]!] = (perYear[years[g]!] ?? 0) + 1;
    });
    expect(Object.fromEntries(r.buckets.filter((b) => b.count > 0).map((b) => [b.key, b.count]))).toEqual(perYear);
  });

  it('a follow is told only of the passages saying it', () => {
    const follow = compileFollow({ id: 1, query: '"developing countries"', filters: {} });
    const told = texts.filter((text) =>
      matches(follow, analyse({ id: 'p', docId: 'd', text, meta: {}, voice: { organisations: [] }, dateFrom: 0, dateTo: 0 })),
    );
    expect(told.sort()).toEqual(texts.filter((t) => DEVELOPING.test(t)).sort());
  });

  it('an excluded phrase leaves out only its own form: -"developed countries"', async () => {
    const res = await engine.search('"developing countries" -"developed countries"', { limit: 50 });
    expect(res.hits.map((h) => h.text).sort()).toEqual(texts.filter((t) => DEVELOPING.test(t) && !/\bdeveloped\s+countr(?:y|ies)\b/i.test(t)).sort());
  });

  it('a quoted word alone holds in the form typed; a +word and an unquoted word in every form of its stem', async () => {
    const developing = texts.filter((t) => /\bdeveloping\b/i.test(t));
    // the test has teeth: "development" and "developed" share its stem
    expect(texts.filter((t) => /\bdevelop(?:ment|ed)\b/i.test(t) && !/\bdeveloping\b/i.test(t)).length).toBeGreaterThan(3);
    const quoted = await engine.search('"developing"', { limit: 100 });
    expect(quoted.hits.map((h) => h.text).sort()).toEqual([...developing].sort());
    expect((await engine.count('"developing"', { by: 'year' })).total).toBe(developing.length);
    const follow = compileFollow({ id: 1, query: '"developing"', filters: {} });
    const told = texts.filter((text) =>
      matches(follow, analyse({ id: 'p', docId: 'd', text, meta: {}, voice: { organisations: [] }, dateFrom: 0, dateTo: 0 })),
    );
    expect(told.sort()).toEqual([...developing].sort());
    const plus = await engine.search('+developing', { limit: 5 });
    const free = await engine.search('developing', { limit: 5 });
    expect(plus.total).toBeGreaterThan(developing.length);
    expect(plus.total).toBe(free.total);
  });
});
