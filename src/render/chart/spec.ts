/**
 * A trend as a declarative chart (a Vega-Lite spec), its alt text and its summary lines. Pure: no
 * rendering here (png.ts turns the spec into an image), so what a chart says is tested as data.
 *
 * - by year or session: a line (year) or columns (session) of matches per 1,000 passages of that
 *   bucket (per 100 documents when counting documents), or raw counts;
 * - by country or speaker: the top 15 as horizontal bars, with their counts;
 * - title: the query and its filters (wrapped at the chart's width); subtitle: what is counted;
 *   last line: the source.
 */
import { describeFilters, type FilterLabel } from '../../search/filter-values.ts';
import type { SearchFilters, TrendBucket, TrendBy, TrendCounts, TrendPer } from '../../types.ts';
import { exportFileName } from '../csv.ts';
import { countOf, quotedQuery } from '../text.ts';

/** Bars shown for country and speaker trends. */
export const TOP_BARS = 15;
/** The chart's drawing size in CSS pixels (png.ts renders it at 1.5×). */
export const CHART_WIDTH = 760;
export const CHART_HEIGHT = 340;
/** Width of the bars' plot area (the labels take their own room to its left). */
export const BARS_WIDTH = 640;
/** Families in order: Latin first; Arabic and Chinese glyphs fall back to the next ones (png.ts loads them when needed). */
export const FONT_FAMILY = 'Noto Sans, Noto Sans Arabic, Noto Sans SC';

export interface ChartOptions {
  /** Raw counts instead of per-1,000 rates (year and session only). */
  raw?: boolean;
  /** The library's name, for the source line (e.g. the folder name). */
  libraryName?: string;
  /** How the title names filter values (a country code as its name), as /search does. */
  label?: FilterLabel;
}

export interface ChartRow {
  key: string;
  label: string;
  count: number;
  base: number;
  /** What is plotted: the rate or the count. */
  value: number | null;
}

export interface TrendChart {
  /** Vega-Lite spec (v6). */
  spec: Record<string, unknown>;
  title: string;
  /** The plotted rows, in order. */
  rows: ChartRow[];
  /** Alt text: what the chart shows, in words. */
  alt: string;
  /** The source line printed under the chart. */
  source: string;
  /** Every text the chart prints (for choosing fonts). */
  texts: string[];
}

const fmt = (n: number): string => n.toLocaleString('en-US');
const fmtRate = (n: number): string => (n >= 100 ? n.toFixed(0) : n >= 10 ? n.toFixed(1) : n.toFixed(2));

/** "“development” · country: Colombia, Mexico · from 2000": the query, and its filters as /search describes them. */
export function trendTitle(query: string, filters: SearchFilters, label?: FilterLabel): string {
  const line = describeFilters(filters, label);
  const short = query.length > 90 ? `${query.slice(0, 89)}…` : query;
  return `${quotedQuery(short)}${line ? ` · ${line}` : ''}`;
}

/**
 * A trend chart's file name: `verbatim-<query>-<by>.png`, with `-documents` and `-raw` when asked
 * (`verbatim-cold-war-year-documents-raw.png`), so that charts of one query drawn differently do
 * not overwrite each other; `prefix` words go before the query (`trend` in Discord).
 */
export function trendFileName(query: string, chart: { by: TrendBy; per: TrendPer; raw: boolean }, prefix = ''): string {
  const suffix = [chart.by, ...(chart.per === 'documents' ? ['documents'] : []), ...(chart.raw ? ['raw'] : [])];
  return exportFileName(`${prefix} ${query}`.trim(), 'png', suffix);
}

/** The title's font size, in CSS pixels. */
const TITLE_FONT_SIZE = 18;
/** Lines the chart's title takes at most (the last one cut with "…"). */
const TITLE_LINES = 4;

/**
 * The title cut into lines that fit `width`, between words, at most {@link TITLE_LINES}. Vega sizes
 * the picture by its own estimate of a text's width (0.8 × the font size a character, wider than the
 * glyphs drawn), so a line is kept within that estimate: a long title (many countries) then wraps
 * instead of widening the picture and shrinking the chart in Discord's preview.
 */
export function titleLines(title: string, width: number, fontSize = TITLE_FONT_SIZE): string[] {
  const max = Math.max(10, Math.floor(width / (0.8 * fontSize)));
  const lines: string[] = [];
  let cur = '';
  for (const word of title.split(' ')) {
    const next = cur ? `${cur} ${word}` : word;
    if (next.length <= max) cur = next;
    else {
      if (cur) lines.push(cur);
      cur = word;
      while (cur.length > max) {
        lines.push(cur.slice(0, max));
        cur = cur.slice(max);
      }
    }
  }
  if (cur) lines.push(cur);
  if (lines.length <= TITLE_LINES) return lines;
  const kept = lines.slice(0, TITLE_LINES);
  const last = kept[TITLE_LINES - 1]!;
  kept[TITLE_LINES - 1] = `${last.length < max ? last : last.slice(0, max - 1)}…`;
  return kept;
}

/** Whether the chart shows rates (year and session trends unless raw). */
export function isRate(counts: Pick<TrendCounts, 'by'>, options: ChartOptions): boolean {
  return (counts.by === 'year' || counts.by === 'session') && !options.raw;
}

/**
 * The note for a raw chart asked of countries or speakers, which are charted as counts anyway (raw
 * only turns the rates of years and sessions into counts); undefined when raw means something.
 * `option` is how the asker wrote it: `--raw`, or "The raw option".
 */
export function rawIgnoredNote(by: TrendBy, raw: boolean | undefined, option: string): string | undefined {
  if (!raw || by === 'year' || by === 'session') return undefined;
  return `${option} applies to years and sessions only: a chart by ${by} always shows counts.`;
}

/** Rate unit: per 1,000 passages, or per 100 documents (a percentage of documents). */
function unit(counts: TrendCounts): { scale: number; text: string } {
  return counts.per === 'documents' ? { scale: 100, text: 'per 100 documents' } : { scale: 1000, text: 'per 1,000 passages' };
}

/** The plotted rows: all years/sessions in order, or the top countries/speakers. */
export function chartRows(counts: TrendCounts, options: ChartOptions = {}): ChartRow[] {
  const rate = isRate(counts, options);
  const { scale } = unit(counts);
  const buckets: TrendBucket[] = counts.by === 'country' || counts.by === 'speaker' ? counts.buckets.slice(0, TOP_BARS) : counts.buckets;
  // a year the library (within the filters) holds nothing of has no value, rate or count alike: not a 0
  const timeline = counts.by === 'year' || counts.by === 'session';
  return buckets.map((b) => ({
    key: b.key,
    label: b.label,
    count: b.count,
    base: b.base,
    value: timeline && b.base === 0 ? null : rate ? Math.round(((b.count * scale) / b.base) * 100) / 100 : b.count,
  }));
}

function unitNoun(counts: TrendCounts): string {
  return counts.per === 'documents' ? 'documents' : 'passages';
}

/** The measure in words, for the axis and the alt text. */
export function measureText(counts: TrendCounts, options: ChartOptions): string {
  const noun = unitNoun(counts);
  if (!isRate(counts, options)) return `matching ${noun}`;
  return `matching ${noun} ${rateText(counts)} of the ${counts.by}`;
}

/**
 * The rate's unit in words: "per 1,000 passages"; with a line per value, each at its own rate, "per
 * 1,000 of each country’s passages".
 */
function rateText(counts: TrendCounts): string {
  const u = unit(counts);
  return counts.series ? `per ${fmt(u.scale)} of each ${counts.series.filter}’s ${unitNoun(counts)}` : u.text;
}

/**
 * The measure with what it is counted by, for the one-line answer: "matching passages per 1,000
 * passages of each year", "matching passages by country", "matching documents by year" (raw).
 */
export function measureBy(counts: TrendCounts, options: ChartOptions): string {
  const noun = unitNoun(counts);
  return isRate(counts, options) ? `matching ${noun} ${rateText(counts)} of each ${counts.by}` : `matching ${noun} by ${counts.by}`;
}

/** "Source: library “ungdc-lib” — 10,952 documents, 405,544 passages · Verbatim" */
export function sourceLine(counts: TrendCounts, options: ChartOptions): string {
  const name = options.libraryName ? `library “${options.libraryName}”` : 'the library';
  return `Source: ${name} — ${fmt(counts.library.documents)} documents, ${fmt(counts.library.passages)} passages · Verbatim`;
}

/** Alt text: the kind of chart, what it counts, its extremes and latest value (or its top bars). */
export function altText(counts: TrendCounts, rows: ChartRow[], options: ChartOptions): string {
  const title = trendTitle(counts.query, counts.filters, options.label);
  const noun = unitNoun(counts);
  const measure = measureText(counts, options);
  if (counts.by === 'country' || counts.by === 'speaker') {
    const top = rows
      .slice(0, 10)
      .map((r) => `${r.label} ${fmt(r.count)}`)
      .join(', ');
    return `Horizontal bar chart of ${measure} for ${title}, top ${rows.length} ${counts.by === 'country' ? 'countries' : 'speakers'}: ${top}. ${countOf(counts.total, noun)} in all.`;
  }
  const shown = rows.filter((r) => r.value !== null) as (ChartRow & { value: number })[];
  if (!shown.length) return `Chart of ${measure} for ${title}: no data.`;
  const rate = isRate(counts, options);
  const v = (r: ChartRow & { value: number }): string => (rate ? `${fmtRate(r.value)} (${countOf(r.count, noun)})` : fmt(r.value));
  const max = shown.reduce((a, b) => (b.value > a.value ? b : a));
  const last = shown[shown.length - 1]!;
  const first = shown[0]!;
  const kind = counts.by === 'year' ? 'Line chart' : 'Column chart';
  const lines = seriesRows(counts, options);
  if (lines.length) {
    const each = lines.map((l) => seriesLine(counts, l, options)).join('; ');
    const one = counts.series!.filter === 'country' ? 'country' : 'speaker';
    return `${kind} of ${measure} for ${title}, ${counts.by} ${first.label} to ${last.label}, one ${counts.by === 'year' ? 'line' : 'column'} per ${one}: ${each}. ${countOf(counts.total, noun)} in all.`;
  }
  return `${kind} of ${measure} for ${title}, ${counts.by} ${first.label} to ${last.label}. Highest: ${max.label}, ${v(max)}. Latest: ${last.label}, ${v(last)}. ${countOf(counts.total, noun)} in all.`;
}

/**
 * Whether a row's base (the documents or passages of its year or session) is too few for its rate
 * to lead: under 5, and under a tenth of the median base of the rows with any.
 */
function fewBase(rows: readonly ChartRow[]): (r: ChartRow) => boolean {
  const bases = rows
    .map((r) => r.base)
    .filter((b) => b > 0)
    .sort((a, b) => a - b);
  const median = bases[Math.floor(bases.length / 2)] ?? 0;
  return (r) => r.base < 5 && r.base < median / 10;
}

/** What the summary lines are: "Top years", "Top countries" …, or "Per country" for a trend per value. */
export function summaryHeading(counts: TrendCounts): string {
  if (counts.series) return `Per ${counts.series.filter}`;
  return { year: 'Top years', session: 'Top sessions', country: 'Top countries', speaker: 'Top speakers' }[counts.by];
}

/** A value's line in words: its total and its highest year or session ("Tuvalu: 120 passages, highest 2019: 3.20 per 1,000 passages"). */
function seriesLine(counts: TrendCounts, line: SeriesRows, options: ChartOptions): string {
  const rate = isRate(counts, options);
  const noun = unitNoun(counts);
  const few = rate ? fewBase(line.rows) : () => false;
  const top = [...line.rows]
    .filter((r) => r.count > 0 && r.value !== null)
    .sort((a, b) => Number(few(a)) - Number(few(b)) || (b.value ?? 0) - (a.value ?? 0) || b.count - a.count)[0];
  const highest = top
    ? `, highest ${top.label}: ${rate ? `${fmtRate(top.value ?? 0)} ${unit(counts).text} (${countOf(top.count, noun)})` : countOf(top.count, noun)}`
    : '';
  return `${line.label}: ${countOf(line.total, noun)}${highest}`;
}

/** Top buckets with counts, for the message text ("the answer without the picture"); a trend per value: each value's line. */
export function summaryLines(counts: TrendCounts, options: ChartOptions = {}, n = 10): string[] {
  const lines = seriesRows(counts, options);
  if (lines.length) return lines.map((l) => seriesLine(counts, l, options));
  const rows = chartRows(counts, options);
  const rate = isRate(counts, options);
  const noun = unitNoun(counts);
  // by rate, a year of few documents or passages ranks after the rest: 1 of 1 document is
  // "100 per 100 documents", which says little next to 40 of 200
  const few = rate ? fewBase(rows) : () => false;
  const ranked =
    counts.by === 'country' || counts.by === 'speaker'
      ? rows
      : [...rows].filter((r) => r.count > 0).sort((a, b) => Number(few(a)) - Number(few(b)) || (b.value ?? 0) - (a.value ?? 0) || b.count - a.count);
  return ranked
    .slice(0, n)
    .map((r) =>
      rate ? `${r.label}: ${fmtRate(r.value ?? 0)} ${unit(counts).text} (${countOf(r.count, noun)})` : `${r.label}: ${countOf(r.count, noun)}`,
    );
}

/** Colours of the lines of a trend per value (Tableau 10's first six: told apart in print and by most colour-blind readers). */
const SERIES_COLOURS = ['#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f', '#edc948'];

/** A trend per value's lines: each value's label and plotted rows. */
export interface SeriesRows {
  label: string;
  total: number;
  rows: ChartRow[];
}

/** Each value's rows (`counts.series`), labelled as the title names the value. */
export function seriesRows(counts: TrendCounts, options: ChartOptions = {}): SeriesRows[] {
  const series = counts.series;
  if (!series) return [];
  const label = options.label ?? ((_k: string, v: string) => v);
  return series.values.map((v) => ({
    label: label(series.filter, v.value),
    total: v.total,
    rows: chartRows({ ...counts, buckets: v.buckets, total: v.total }, options),
  }));
}

/** Builds the chart spec for a trend. */
export function trendChart(counts: TrendCounts, options: ChartOptions = {}): TrendChart {
  const rows = chartRows(counts, options);
  const lines = seriesRows(counts, options);
  const title = trendTitle(counts.query, counts.filters, options.label);
  const measure = measureText(counts, options);
  const source = sourceLine(counts, options);
  const bars = counts.by === 'country' || counts.by === 'speaker';
  const noun = unitNoun(counts);
  const subtitle = bars
    ? `Top ${rows.length} ${counts.by === 'country' ? (rows.length === 1 ? 'country' : 'countries') : rows.length === 1 ? 'speaker' : 'speakers'} by ${measure} · ${countOf(counts.total, noun)} in all`
    : `${measure[0]!.toUpperCase()}${measure.slice(1)} · ${countOf(counts.total, noun)} in all`;
  // short: a rotated axis title longer than the plot widens the chart (Vega estimates text widths)
  const axisTitle = isRate(counts, options) ? `Matches ${unit(counts).text}` : `Matching ${noun}`;
  const data = { values: rows.map((r) => ({ ...r, label: r.label.length > 34 ? `${r.label.slice(0, 33)}…` : r.label })) };
  // the picture's normal width, by Vega's estimate: the plot, and for bars the labels to its left (12 px type)
  const labelsWidth = bars ? Math.max(0, ...data.values.map((r) => r.label.length)) * 0.8 * 12 : 0;
  let chart: Record<string, unknown>;
  if (bars) {
    const y = { field: 'label', type: 'nominal', sort: null, title: null, axis: { labelLimit: 0, labelFontSize: 12 } };
    chart = {
      width: BARS_WIDTH,
      height: Math.max(120, rows.length * 20),
      data,
      layer: [
        {
          mark: { type: 'bar', color: '#2b6cb0' },
          encoding: { y, x: { field: 'value', type: 'quantitative', title: axisTitle, axis: { format: ',d', tickMinStep: 1 } } },
        },
        {
          mark: { type: 'text', align: 'left', dx: 4, fontSize: 11, color: '#333' },
          encoding: { y, x: { field: 'value', type: 'quantitative' }, text: { field: 'value', type: 'quantitative', format: ',d' } },
        },
      ],
    };
  } else {
    const x =
      counts.by === 'year'
        ? { field: 'label', type: 'temporal', timeUnit: 'utcyear', title: 'Year', axis: { format: '%Y', labelOverlap: true, tickCount: 12 } }
        : { field: 'label', type: 'ordinal', sort: null, title: 'Session', axis: { labelOverlap: true, labelAngle: 0 } };
    const plotted = rows.filter((r) => r.value !== null).length;
    const yAxis = { field: 'value', type: 'quantitative', title: axisTitle, axis: { titleFontSize: 12 } };
    if (lines.length) {
      // one line (year) or one column of each group (session) per value, a legend above
      const names = lines.map((l) => (l.label.length > 34 ? `${l.label.slice(0, 33)}…` : l.label));
      const values = lines.flatMap((l, i) =>
        l.rows.map((r) => ({ ...r, series: names[i]!, label: counts.by === 'year' ? `${r.key}-07-01` : r.label })),
      );
      const color = {
        field: 'series',
        type: 'nominal',
        sort: names,
        scale: { domain: names, range: SERIES_COLOURS.slice(0, names.length) },
        legend: { title: null, orient: 'top', direction: 'horizontal', labelFontSize: 12, symbolStrokeWidth: 3, labelLimit: 0 },
      };
      chart =
        counts.by === 'year'
          ? {
              width: CHART_WIDTH,
              height: CHART_HEIGHT,
              data: { values },
              mark: { type: 'line', strokeWidth: 2, point: plotted <= 40 ? { size: 40, filled: true } : false },
              encoding: { x, y: yAxis, color },
            }
          : {
              width: CHART_WIDTH,
              height: CHART_HEIGHT,
              data: { values },
              mark: { type: 'bar' },
              // sessions in the trend's order, though the first value has none in some
              encoding: { x: { ...x, sort: rows.map((r) => r.label) }, xOffset: { field: 'series', type: 'nominal', sort: names }, y: yAxis, color },
            };
    } else if (counts.by === 'year') {
      // a year with no passages at all has no rate: the line breaks there (Vega-Lite breaks paths at
      // null) rather than joining the years around it as if they were measured; a year standing
      // alone between such gaps is a point, or it would not be drawn at all
      const values = data.values.map((r, i, all) => ({
        ...r,
        label: `${r.key}-07-01`,
        alone: r.value !== null && (all[i - 1]?.value ?? null) === null && (all[i + 1]?.value ?? null) === null,
      }));
      const points = plotted <= 40;
      chart = {
        width: CHART_WIDTH,
        height: CHART_HEIGHT,
        data: { values },
        encoding: { x, y: yAxis },
        layer: [
          {
            mark: {
              type: 'area',
              line: { color: '#2b6cb0', strokeWidth: 2 },
              color: '#bee3f8',
              point: points ? { color: '#2b6cb0', size: 40 } : false,
            },
          },
          ...(points
            ? []
            : [{ transform: [{ filter: 'datum.alone' }], mark: { type: 'point', filled: true, opacity: 1, color: '#2b6cb0', size: 40 } }]),
        ],
      };
    } else {
      chart = { width: CHART_WIDTH, height: CHART_HEIGHT, data, mark: { type: 'bar', color: '#2b6cb0' }, encoding: { x, y: yAxis } };
    }
  }
  const spec: Record<string, unknown> = {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    background: 'white',
    padding: 16,
    title: {
      text: titleLines(title, bars ? BARS_WIDTH + labelsWidth : CHART_WIDTH),
      subtitle,
      anchor: 'start',
      fontSize: TITLE_FONT_SIZE,
      subtitleFontSize: 13,
      subtitleColor: '#444',
      offset: 8,
    },
    spacing: 8,
    vconcat: [
      chart,
      {
        width: bars ? BARS_WIDTH : CHART_WIDTH,
        height: 12,
        data: { values: [{ s: source }] },
        mark: { type: 'text', align: 'left', baseline: 'top', fontSize: 10.5, color: '#555', x: 0, y: 0 },
        encoding: { text: { field: 's', type: 'nominal' } },
      },
    ],
    config: {
      font: FONT_FAMILY,
      view: { stroke: null },
      axis: { labelFont: FONT_FAMILY, titleFont: FONT_FAMILY, labelColor: '#333', titleColor: '#333', gridColor: '#e2e8f0' },
      title: { font: FONT_FAMILY, subtitleFont: FONT_FAMILY },
      text: { font: FONT_FAMILY },
    },
  };
  const texts = [title, subtitle, source, axisTitle, ...rows.map((r) => r.label), ...lines.map((l) => l.label)];
  return { spec, title, rows, alt: altText(counts, rows, options), source, texts };
}
