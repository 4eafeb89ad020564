/** /trend and /compare as handlers (no Discord): ids, entity lists, autocomplete, spec wording. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { entityChoices, parseEntities, resolveEntity } from '../../commands/compare.ts';
import { parseTrendShareId, trendShareId, type TrendState } from '../../commands/trend.ts';
import { UserFacingError } from '../../src/command.ts';
import { openLibrary } from '../../src/library/open.ts';
import { StateStore } from '../../src/render/custom-id.ts';
import { LIMITS } from '../../src/render/discord-limits.ts';
import { altText, chartRows, summaryLines, titleLines, trendChart, trendTitle } from '../../src/render/chart/spec.ts';
import type { SearchEngine, TrendCounts } from '../../src/types.ts';

const UNGDC = fileURLToPath(new URL('../fixtures/ungdc', import.meta.url));
let engine: SearchEngine;
beforeAll(async () => {
  engine = (await openLibrary({ dataDir: UNGDC, cachePath: path.join(mkdtempSync(path.join(tmpdir(), 'verbatim-tc-')), 'i.bin') })).engine;
});

describe('/trend share ids', () => {
  it.each<TrendState>([
    { query: 'peace', filters: {}, by: 'year', per: 'passages', raw: false },
    { query: 'coca "alternative development"', filters: { country: 'COL', from: '2000' }, by: 'speaker', per: 'documents', raw: true },
    { query: 'x'.repeat(200), filters: {}, by: 'session', per: 'passages', raw: false },
  ])('%j survives the round trip within 100 characters', (state) => {
    const store = new StateStore();
    const id = trendShareId(state, { store });
    expect(id.length).toBeLessThanOrEqual(LIMITS.customId);
    expect(parseTrendShareId(id, { store })).toEqual(state);
  });
});

describe('/compare entities', () => {
  it.each([
    ['Colombia', { label: 'Colombia', filters: { country: 'COL' } }],
    ['col', { label: 'Colombia', filters: { country: 'COL' } }],
    ['BRA', { label: 'Brazil', filters: { country: 'BRA' } }],
    ['76', { label: 'Session 76', filters: { session: '76' } }],
    ['session 66th', { label: 'Session 66', filters: { session: '66' } }],
  ])('%j → %j', (typed, entity) => expect(resolveEntity(engine, typed)).toEqual(entity));

  it('finds speakers by name, and refuses what the library does not hold', () => {
    const speaker = engine.facet('speaker', '', 1)[0]!;
    expect(resolveEntity(engine, speaker.value)).toEqual({ label: speaker.label, filters: { speaker: speaker.value } });
    expect(resolveEntity(engine, 'Atlantis')).toBeUndefined();
    expect(resolveEntity(engine, '12')).toBeUndefined();
  });

  it('takes 2 to 6 distinct names', () => {
    expect(parseEntities(engine, 'Colombia, Brazil; 66').map((e) => e.label)).toEqual(['Colombia', 'Brazil', 'Session 66']);
    expect(() => parseEntities(engine, 'Colombia')).toThrow(UserFacingError);
    expect(() => parseEntities(engine, 'Colombia, COL')).toThrow(/same thing twice/);
    expect(() => parseEntities(engine, 'a, b, c, d, e, f, g')).toThrow(/got 7/);
  });

  it('autocompletes the last name of the list', () => {
    expect(entityChoices(engine, 'Ven').map((c) => c.value)).toEqual([expect.stringMatching(/^Venezuela/)]);
    expect(entityChoices(engine, 'Colombia,Bra').map((c) => c.value)).toContain('Colombia, Brazil');
    expect(entityChoices(engine, 'Colombia, 7').map((c) => c.name)).toContain('Colombia, Session 76');
  });
});

describe('chart wording', () => {
  const counts = (over: Partial<TrendCounts>): TrendCounts => ({
    query: 'coca',
    filters: {},
    by: 'year',
    per: 'passages',
    total: 30,
    unbucketed: 0,
    buckets: [
      { key: '2019', label: '2019', count: 10, base: 2000 },
      { key: '2020', label: '2020', count: 0, base: 0 },
      { key: '2021', label: '2021', count: 20, base: 1000 },
    ],
    library: { documents: 12, passages: 3000 },
    tookMs: 1,
    ...over,
  });

  it('normalises years per 1,000 passages, or shows raw counts (no value for a year without passages either way)', () => {
    expect(chartRows(counts({})).map((r) => r.value)).toEqual([5, null, 20]);
    expect(chartRows(counts({}), { raw: true }).map((r) => r.value)).toEqual([10, null, 20]);
    expect(chartRows(counts({ per: 'documents' }), { raw: true }).map((r) => r.value)).toEqual([10, null, 20]);
    expect(chartRows(counts({ per: 'documents' })).map((r) => r.value)).toEqual([0.5, null, 2]);
    expect(summaryLines(counts({}))).toEqual(['2021: 20.0 per 1,000 passages (20 passages)', '2019: 5.00 per 1,000 passages (10 passages)']);
  });

  it('by rate, a year of one document does not lead the top years (QA19b #10)', () => {
    const sparse = counts({
      per: 'documents',
      buckets: [
        { key: '1995', label: '1995', count: 1, base: 1 },
        { key: '2021', label: '2021', count: 40, base: 190 },
        { key: '2022', label: '2022', count: 30, base: 193 },
        { key: '2023', label: '2023', count: 20, base: 192 },
      ],
    });
    // before: "1995: 100 per 100 documents (1 document)" first
    expect(summaryLines(sparse).map((l) => l.slice(0, 4))).toEqual(['2021', '2022', '2023', '1995']);
    // as counts, it is simply the smallest
    expect(summaryLines(sparse, { raw: true }).at(-1)).toBe('1995: 1 document');
  });

  it('wraps a long title between words within the chart width, at most four lines', () => {
    expect(titleLines('“peace”', 760)).toEqual(['“peace”']);
    const long = `“peace” · country: ${Array.from({ length: 40 }, (_, i) => `Country ${i}`).join(', ')}`;
    const lines = titleLines(long, 760); // Vega counts 0.8 × 18 px a character: 52 characters
    expect(lines).toHaveLength(4);
    for (const l of lines) expect(l.length).toBeLessThanOrEqual(52);
    expect(lines.join(' ')).toMatch(/^“peace” · country: Country 0, Country 1, .*…$/);
  });

  it('says what it shows in the title, axis, source line and alt text', () => {
    const c = counts({ filters: { country: 'COL', from: '2019' } });
    const chart = trendChart(c, { libraryName: 'ungdc' });
    expect(trendTitle(c.query, c.filters)).toBe('“coca” · country: COL · from 2019');
    expect(trendTitle(c.query, c.filters, (k, v) => (k === 'country' && v === 'COL' ? 'Colombia' : v))).toBe(
      '“coca” · country: Colombia · from 2019',
    );
    expect(chart.source).toBe('Source: library “ungdc” — 12 documents, 3,000 passages · Verbatim');
    expect(chart.texts).toContain('Matches per 1,000 passages');
    expect(altText(c, chartRows(c), {})).toBe(
      'Line chart of matching passages per 1,000 passages of the year for “coca” · country: COL · from 2019, year 2019 to 2021. Highest: 2021, 20.0 (20 passages). Latest: 2021, 20.0 (20 passages). 30 passages in all.',
    );
    const bars = counts({
      by: 'country',
      buckets: Array.from({ length: 20 }, (_, i) => ({ key: `C${i}`, label: `Country ${i}`, count: 20 - i, base: 100 })),
    });
    expect(chartRows(bars)).toHaveLength(15);
    expect(trendChart(bars).alt).toMatch(/^Horizontal bar chart of matching passages for “coca”, top 15 countries: Country 0 20, Country 1 19/);
  });
});
