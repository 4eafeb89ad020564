/**
 * The trend chart checked as an image: it decodes as PNG, has the size its spec asks for, fits
 * Discord, has ink in the plot area, and its text is drawn with the fonts from npm packages (a known
 * label compared with a stored reference image).
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { openLibrary } from '../../src/library/open.ts';
import { FONTS, fontsFor, PNG_SCALE, renderChart, svgToPng } from '../../src/render/chart/png.ts';
import { measureBy, summaryLines, trendChart } from '../../src/render/chart/spec.ts';
import { LIMITS } from '../../src/render/discord-limits.ts';
import type { SearchEngine } from '../../src/types.ts';
import { LABEL_SVG, LABEL_TEXTS, REFERENCE } from '../fixtures/chart/label.ts';
import { countPixels, decodePng, meanDifference, type Image } from '../support/png.ts';

const UNGDC = fileURLToPath(new URL('../fixtures/ungdc', import.meta.url));
const TWO_YEARS = fileURLToPath(new URL('../fixtures/ungdc-quoted-line', import.meta.url));
const SPREAD = fileURLToPath(new URL('../fixtures/ungdc-speaker-names', import.meta.url));
let engine: SearchEngine;

beforeAll(async () => {
  engine = (await openLibrary({ dataDir: UNGDC, cachePath: path.join(mkdtempSync(path.join(tmpdir(), 'verbatim-chart-')), 'i.bin') })).engine;
});

/** Size the SVG declares, times the PNG zoom. */
function svgSize(svg: string): { width: number; height: number } {
  const m = /<svg[^>]*\swidth="([\d.]+)"[^>]*\sheight="([\d.]+)"/.exec(svg);
  return { width: Math.round(Number(m![1]) * PNG_SCALE), height: Math.round(Number(m![2]) * PNG_SCALE) };
}

const near =
  (r0: number, g0: number, b0: number, tol = 40) =>
  (r: number, g: number, b: number) =>
    Math.abs(r - r0) < tol && Math.abs(g - g0) < tol && Math.abs(b - b0) < tol;
const dark = (r: number, g: number, b: number): boolean => r + g + b < 300;
/** The middle of the picture, where the plot is (title above, source line below). */
const middle = (img: Image) => ({
  x: Math.round(img.width * 0.2),
  y: Math.round(img.height * 0.2),
  w: Math.round(img.width * 0.75),
  h: Math.round(img.height * 0.6),
});

describe('trend chart PNG', () => {
  it('by year: decodes, has the declared size, fits Discord, shows the line and its text', async () => {
    // speeches of 1961 and 1962: a line between two years (the other libraries here skip years)
    const twoYears = (await openLibrary({ dataDir: TWO_YEARS, cachePath: path.join(mkdtempSync(path.join(tmpdir(), 'verbatim-chart-')), 'i.bin') }))
      .engine;
    const counts = await twoYears.count('peace', { by: 'year' });
    const chart = trendChart(counts, { libraryName: 'ungdc' });
    const out = await renderChart(chart.spec, chart.texts);
    const img = decodePng(out.png);
    expect({ width: img.width, height: img.height }).toEqual(svgSize(out.svg));
    expect(img.width).toBeGreaterThan(1000);
    expect(img.width).toBeLessThan(2000);
    expect(out.png.byteLength).toBeLessThan(LIMITS.attachmentBytes);
    // the line (#2b6cb0) and the area under it (light blue) are drawn inside the plot
    expect(countPixels(img, middle(img), near(0x2b, 0x6c, 0xb0))).toBeGreaterThan(300);
    const lightBlue = (r: number, _g: number, b: number): boolean => r > 150 && b > 230 && b - r > 25;
    expect(countPixels(img, middle(img), lightBlue)).toBeGreaterThan(20000);
    // the title and source line are text in the picture: dark pixels above and below the plot
    expect(countPixels(img, { x: 0, y: 0, w: img.width, h: Math.round(img.height * 0.08) }, dark)).toBeGreaterThan(500);
    expect(
      countPixels(img, { x: 0, y: Math.round(img.height * 0.9), w: img.width, h: Math.round(img.height * 0.1) }, (r, g, b) => r + g + b < 450),
    ).toBeGreaterThan(300);
    expect(out.svg).toContain('“peace”');
    expect(out.svg).toContain('Source: library “ungdc” — 3 documents');
  });

  it('by year: breaks the line at years the library holds nothing of, and shows a year standing alone as a point', async () => {
    // six real speeches, none in consecutive years: the years between hold no passage, so no rate
    const gaps = (await openLibrary({ dataDir: SPREAD, cachePath: path.join(mkdtempSync(path.join(tmpdir(), 'verbatim-chart-')), 'i.bin') })).engine;
    const counts = await gaps.count('peace', { by: 'year' });
    expect(counts.buckets.filter((b) => b.base > 0).map((b) => b.key)).toEqual(['1968', '1972', '1997', '2004', '2015', '2024']);
    const chart = trendChart(counts, { libraryName: 'page heads' });
    const img = decodePng((await renderChart(chart.spec, chart.texts)).png);
    // no line or area drawn across the empty years (it joined 1968 to 1972 to … 2024 before)
    const lightBlue = (r: number, _g: number, b: number): boolean => r > 150 && b > 230 && b - r > 25;
    expect(countPixels(img, middle(img), lightBlue)).toBeLessThan(100);
    // the years that match are there, as points: blobs of the line's colour in as many places
    const blue = near(0x2b, 0x6c, 0xb0, 30);
    const columns: number[] = [];
    for (let x = 0; x < img.width; x++) if (countPixels(img, { x, y: 0, w: 1, h: img.height }, blue) > 3) columns.push(x);
    const runs = columns.filter((x, i) => i === 0 || x !== columns[i - 1]! + 1).length;
    expect(runs).toBe(counts.buckets.filter((b) => b.base > 0).length);
    expect(columns.length).toBeLessThan(120);
  });

  it('by year with two countries: a line per country in its own colour, named in a legend (QA22 F5)', async () => {
    // before: one line, the two countries' passages added together per year
    const counts = await engine.count('peace', { by: 'year', filters: { country: 'COL,BRA' } });
    const one = async (country: string) => (await engine.count('peace', { by: 'year', filters: { country } })).total;
    expect(counts.series?.values.map((v) => [v.value, v.total])).toEqual([
      ['COL', await one('COL')],
      ['BRA', await one('BRA')],
    ]);
    expect(counts.series!.values.every((v) => v.buckets.map((b) => b.key).join() === counts.buckets.map((b) => b.key).join())).toBe(true);
    const label = (k: string, v: string): string => (k === 'country' ? ({ COL: 'Colombia', BRA: 'Brazil' }[v] ?? v) : v);
    const chart = trendChart(counts, { label });
    // each line at its own country's rate, as the subtitle and the reply's measure say
    expect(chart.texts).toContain('Matching passages per 1,000 of each country’s passages of the year · ' + `${counts.total} passages in all`);
    expect(measureBy(counts, {})).toBe('matching passages per 1,000 of each country’s passages of each year');
    expect(chart.alt).toMatch(/one line per country: Colombia: \d+ passages, highest 20\d\d: .*; Brazil: \d+ passages, highest 2021/);
    expect(summaryLines(counts, { label }).map((l) => l.split(':')[0])).toEqual(['Colombia', 'Brazil']);
    const out = await renderChart(chart.spec, chart.texts);
    const img = decodePng(out.png);
    // each country's points in its colour in the plot (below the legend, which has them too), and
    // no pooled line in the single-line blue (the years between 2011 and 2021 hold no passage: points)
    const plot = { x: 0, y: Math.round(img.height * 0.18), w: img.width, h: Math.round(img.height * 0.7) };
    expect(countPixels(img, plot, near(0x4e, 0x79, 0xa7, 20))).toBeGreaterThan(30);
    expect(countPixels(img, plot, near(0xf2, 0x8e, 0x2b, 20))).toBeGreaterThan(15);
    expect(countPixels(img, plot, near(0x2b, 0x6c, 0xb0, 10))).toBe(0);
    expect(out.svg).toContain('Colombia');
    expect(out.svg).toContain('Brazil');
  });

  it('by country: one horizontal bar per country, longest first', async () => {
    const counts = await engine.count('peace', { by: 'country' });
    const chart = trendChart(counts);
    const out = await renderChart(chart.spec, chart.texts);
    const img = decodePng(out.png);
    expect({ width: img.width, height: img.height }).toEqual(svgSize(out.svg));
    const bar = near(0x2b, 0x6c, 0xb0, 10);
    // rows of bar colour: scan one column just right of the bars' left edge
    const rows: number[] = [];
    const x0 = (() => {
      for (let x = 0; x < img.width; x++) if (countPixels(img, { x, y: 0, w: 1, h: img.height }, bar) > 20) return x + 3;
      return -1;
    })();
    expect(x0).toBeGreaterThan(0);
    let inBar = false;
    const lengths: number[] = [];
    for (let y = 0; y < img.height; y++) {
      const o = (y * img.width + x0) * 4;
      const on = bar(img.data[o]!, img.data[o + 1]!, img.data[o + 2]!);
      if (on && !inBar) {
        rows.push(y);
        lengths.push(countPixels(img, { x: x0, y: y + 3, w: img.width - x0, h: 1 }, bar));
      }
      inBar = on;
    }
    expect(rows).toHaveLength(counts.buckets.length);
    expect([...lengths].sort((a, b) => b - a)).toEqual(lengths);
    expect(lengths[0]).toBeGreaterThan(lengths.at(-1)!);
  });
});

describe('chart text and fonts', () => {
  it('loads Arabic and Chinese fonts only when a text needs them', () => {
    expect(fontsFor(['Colombia 2021'])).toEqual([...FONTS.latin]);
    expect(fontsFor(['Colombia', 'مصر'])).toEqual([...FONTS.latin, ...FONTS.arabic]);
    expect(fontsFor(['中国'])).toEqual([...FONTS.latin, ...FONTS.cjk]);
    for (const f of [...FONTS.latin, ...FONTS.arabic, ...FONTS.cjk]) expect(readFileSync(f).subarray(0, 4).toString('hex')).toBe('00010000');
  });

  it('draws a known label like the stored reference image (Latin, Arabic and Chinese)', async () => {
    const reference = decodePng(readFileSync(REFERENCE));
    const img = decodePng((await svgToPng(LABEL_SVG, LABEL_TEXTS, 1)).png);
    expect(meanDifference(img, reference)).toBeLessThan(0.01);
    // and there is text: ink on both lines
    expect(countPixels(img, { x: 0, y: 10, w: 420, h: 45 }, dark)).toBeGreaterThan(800);
    expect(countPixels(img, { x: 0, y: 60, w: 420, h: 45 }, dark)).toBeGreaterThan(400);
  });

  it('would notice missing glyphs: without the Arabic and Chinese fonts the picture differs', async () => {
    const reference = decodePng(readFileSync(REFERENCE));
    const latinOnly = decodePng((await svgToPng(LABEL_SVG, [], 1)).png);
    // (resvg draws a box for each glyph it has no font for)
    expect(meanDifference(latinOnly, reference)).toBeGreaterThan(0.01);
  });
});
