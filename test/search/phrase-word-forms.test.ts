/**
 * A quoted phrase's words hold in the form typed, singular or plural: "developing countries" is not
 * held in "developed countries", though Snowball stems "developing" and "developed" alike. Search,
 * its total, the trend count, the excerpt's marks and follows read a phrase the same way. Real
 * General Debate speeches (test/fixtures/ungdc-speaker-names: Ghana 1972 says both, ten and four
 * times; Israel 1968, the United Kingdom 1997 and 2004, Germany 2015, Tanzania 2024). A quoted single
 * word meets every form, as a +word does.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyse, compileFollow, matches } from '../../src/follows/matcher.ts';
import { phraseReading } from '../../src/index/analyzer.ts';
import { openLibrary } from '../../src/library/open.ts';
import type { VerbatimEngine } from '../../src/search/engine.ts';
import { phraseChecker } from '../../src/search/phrase-scan.ts';
import { holdsPhrase, passageTokens } from '../../src/search/ranking/phrases.ts';
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

  it('a quoted word alone, a +word and an unquoted word meet every form of its stem (the index holds stems)', async () => {
    const forms = texts.filter((t) => /\bdevelop(?:s|ed|ing|ment|ments)?\b/i.test(t));
    expect(texts.filter((t) => /\bdevelop(?:ment|ed)\b/i.test(t) && !/\bdeveloping\b/i.test(t)).length).toBeGreaterThan(3);
    const quoted = await engine.search('"developing"', { limit: 5 });
    const plus = await engine.search('+developing', { limit: 5 });
    expect(quoted.total).toBe(forms.length);
    expect(plus.total).toBe(forms.length);
    expect((await engine.count('"developing"', { by: 'year' })).total).toBe(forms.length);
  });

  it('a word meets its plural in -s or -es, and a compound written closed or hyphenated holds in its own form only', async () => {
    const search = async (q: string): Promise<string[]> => (await engine.search(q, { limit: 100 })).hits.map((h) => h.text).sort();
    const saying = (re: RegExp): string[] => texts.filter((t) => re.test(t)).sort();
    // "process" and "processes" meet (its plural in -es)
    expect(saying(/\bpolitical processes\b/i).length).toBeGreaterThan(0);
    expect(saying(/\bpolitical process\b/i).length).toBeGreaterThan(0);
    expect(await search('"political process"')).toEqual(saying(/\bpolitical process(?:es)?\b/i));
    expect(await search('"political processes"')).toEqual(saying(/\bpolitical process(?:es)?\b/i));
    // "co-operation" is "cooperation" hyphenated; "co-operate" and "co-operated" are other forms
    expect(saying(/\bregional co-operation\b/i).length).toBeGreaterThan(0);
    expect(await search('"regional cooperation"')).toEqual(saying(/\bregional co-?operations?\b/i));
    expect(saying(/\bhas co-operated\b/i).length).toBeGreaterThan(0);
    expect(await search('"to co-operate"')).toEqual(saying(/\bto co-?operates?\b/i));
    expect(await search('"has cooperated"')).toEqual(saying(/\bhas co-?operated\b/i));
    // the closed spelling's other form is no match ("regional cooperative" is said nowhere; before, it held in "regional co-operation")
    const cooperative = await engine.search('"regional cooperative"', { limit: 100 });
    expect(cooperative.notices?.some((n) => n.includes('as written'))).toBe(true);
    const marked = (await engine.search('"regional cooperation"', { limit: 100 })).hits.flatMap(markedWords);
    expect(marked.length).toBeGreaterThan(1);
    for (const m of marked) expect(m).toMatch(/^regional co-?operations?$/i);
  });

  it('a plural in -es meets its singular (embargoes, viruses), in another library of real speeches', async () => {
    const dir = fileURLToPath(new URL('../fixtures/ungdc', import.meta.url));
    const other = (await openLibrary({ dataDir: dir, cachePath: path.join(mkdtempSync(path.join(tmpdir(), 'verbatim-forms-')), 'i.bin') })).engine;
    const all = Array.from({ length: other.state.store.size }, (_, g) => other.state.store.text(g));
    const hits = async (q: string): Promise<string[]> => (await other.search(q, { limit: 50 })).hits.map((h) => h.text).sort();
    const embargo = all.filter((t) => /\barms embargo(?:es)?\b/i.test(t)).sort();
    expect(embargo.length).toBeGreaterThan(0);
    expect(await hits('"arms embargoes"')).toEqual(embargo);
    const virus = all.filter((t) => /\blethal virus(?:es)?\b/i.test(t)).sort();
    expect(virus.length).toBeGreaterThan(0);
    expect(await hits('"lethal viruses"')).toEqual(virus);
  });

  // the scanner's cheap test of a word's form (phrase-scan formTest) must never refuse a text that holds it
  it.each([
    ['"USSR delegation"', 'the U.S.S.R. delegation said'],
    ['"50 percent"', 'some 50% of them'],
    ['"twentieth session"', 'at its 20th session'],
    ['"regional cooperation"', 'regional co- operation'],
    ['"regional cooperation"', 'regional co\u2010operation'],
    ['"organization internationale"', "l'organisation internationale"],
    ['"colour television"', 'color televisions'],
    ['"naive realism"', 'naïve realism'],
    ['"beta cells"', 'β-cells'],
  ])('%s holds in %j', (query, text) => {
    const phrase = phraseReading(query.slice(1, -1), () => true).terms;
    expect(phraseChecker([phrase])(text)).toBe(true);
    expect(holdsPhrase(passageTokens(text), phrase)).toBe(true);
  });
});
