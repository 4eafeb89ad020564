/**
 * One person however the manifest spells them, in what a member sees (QA21 F2): the `speaker:`
 * filter, its autocomplete, and trends by speaker. Twelve real UNGDC speeches whose manifest rows
 * spell Biden four ways, the two Bushes, Chávez three ways (one with its "á" lost) and Pahr two ways
 * (test/fixtures/ungdc-people).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { openLibrary } from '../../src/library/open.ts';
import type { VerbatimEngine } from '../../src/search/engine.ts';

const PEOPLE = fileURLToPath(new URL('../fixtures/ungdc-people', import.meta.url));
let engine: VerbatimEngine;

beforeAll(async () => {
  engine = (await openLibrary({ dataDir: PEOPLE, cachePath: path.join(mkdtempSync(path.join(tmpdir(), 'verbatim-people-')), 'i.bin') })).engine;
});

/** The documents a query's passages come from, in order. */
const documents = (query: string): string[] =>
  [...new Set(engine.searchSync(query, { limit: 1000, filtersAlone: true }).hits.map((h) => h.source.document))].sort();

describe('the speaker filter', () => {
  it('finds all four of Biden’s speeches by any of his spellings', () => {
    const biden = ['2021/USA_76_2021', '2022/USA_77_2022', '2023/USA_78_2023', '2024/USA_79_2024'];
    // before: speaker:"Joe Biden" found the 2021 speech only
    for (const name of ['Joe Biden', 'Joseph R. Biden', 'joseph r. biden, jr', 'Biden']) expect(documents(`speaker:"${name}"`), name).toEqual(biden);
    expect(documents('speaker:"Joe Biden" climate')).toEqual(biden);
    expect(documents('-speaker:"Joe Biden" country:USA')).toEqual(['1989/USA_44_1989', '1990/USA_45_1990', '2001/USA_56_2001']);
  });

  it('keeps the father and the son apart: "George Bush" is 1989–90, "George W. Bush" 2001', () => {
    expect(documents('speaker:"George Bush"')).toEqual(['1989/USA_44_1989', '1990/USA_45_1990']);
    expect(documents('speaker:"George W. Bush"')).toEqual(['2001/USA_56_2001']);
    expect(documents('speaker:Bush')).toEqual(['1989/USA_44_1989', '1990/USA_45_1990', '2001/USA_56_2001']);
  });

  it('finds Chávez’s 2006 speech, which the manifest writes “Mr. Hugo Chvez Frias”', () => {
    // before: 'sulphur speaker:Chávez' found only the 2009 speech
    expect(documents('sulphur speaker:Chávez')).toEqual(['2006/VEN_61_2006', '2009/VEN_64_2009']);
    expect(engine.searchSync('sulphur speaker:Chávez').hits[0]!.text).toContain('smells of sulphur');
    expect(documents('speaker:"Hugo Chávez"')).toEqual(['2002/VEN_57_2002', '2006/VEN_61_2006', '2009/VEN_64_2009']);
  });
});

describe('the speaker autocomplete', () => {
  it('offers each person once, under one name, by any of their spellings', () => {
    const shown = (typed: string): string[] => engine.facet('speaker', typed, 25).map((f) => f.label);
    expect(shown('Joe Bi')).toEqual(['Joseph R. Biden']);
    expect(shown('biden')).toEqual(['Joseph R. Biden']);
    expect(shown('chvez')).toHaveLength(1);
    expect(shown('chávez')).toEqual(shown('chvez'));
    expect(shown('hugo rafael')).toEqual(shown('chvez'));
    expect(shown('pahr')).toEqual(['PAHR']);
    expect(shown('bush').sort()).toEqual(['GEORGE BUSH', 'George W. Bush']);
    const biden = engine.facet('speaker', 'biden', 1)[0]!;
    const all = engine.searchSync('country:USA from:2021', { filtersAlone: true }).total;
    expect(biden.count).toBe(all);
  });
});

describe('trends by speaker', () => {
  it('count one person in one bar, however spelled', async () => {
    const t = await engine.count('democracy', { by: 'speaker', filters: { country: 'USA' } });
    const bars = Object.fromEntries(t.buckets.map((b) => [b.label, b.count]));
    // before: "Joe Biden", "Joseph R. Biden, Jr" and "Joseph R. Biden" were three bars
    const biden = engine.searchSync('democracy country:USA from:2021', { limit: 1000 }).total;
    expect(bars['Joseph R. Biden']).toBe(biden);
    expect(Object.keys(bars).filter((k) => /biden/i.test(k))).toEqual(['Joseph R. Biden']);
    expect(t.buckets[0]!.label).toBe('Joseph R. Biden');
    // the father (as "Bush" in 1989 and "GEORGE BUSH" in 1990) is one bar, the son another
    const peace = await engine.count('peace', { by: 'speaker', filters: { country: 'USA' } });
    const bush = Object.fromEntries(peace.buckets.filter((b) => /bush/i.test(b.label)).map((b) => [b.label, b.count]));
    expect(bush).toEqual({
      'GEORGE BUSH': engine.searchSync('peace country:USA to:1990', { limit: 1000 }).total,
      'George W. Bush': engine.searchSync('peace country:USA year:2001', { limit: 1000 }).total,
    });
    // "PAHR" (1977) and "Mr. PAHR" (1981): one bar
    const pahr = await engine.count('peace', { by: 'speaker', filters: { country: 'AUT' } });
    expect(pahr.buckets.map((b) => [b.label, b.count])).toEqual([['PAHR', engine.searchSync('peace country:AUT', { limit: 1000 }).total]]);
  });
});
