/**
 * Document metadata from front matter, sidecars (`<file>.meta.json`) and per-folder `manifest.csv`,
 * validated and merged (front matter > sidecar > manifest; disagreements are reported).
 */
import { parse as parseCsv } from 'csv-parse/sync';
import { parse as parseYaml } from 'yaml';
import type { DocumentMeta, Problem } from '../types.ts';
import { countryNameOn, normalizeCountry } from './country.ts';

/** The metadata fields a source may set (see data/README.md). */
export const META_FIELDS = [
  'title',
  'date',
  'dateEnd',
  'meeting',
  'session',
  'speaker',
  'post',
  'organisation',
  'country',
  'countryName',
  'language',
  'url',
  'symbol',
] as const satisfies ReadonlyArray<keyof DocumentMeta>;

type MetaField = (typeof META_FIELDS)[number];

/** Accepted spellings of field names (lower-cased) → field. */
const FIELD_ALIASES: Record<string, MetaField> = {
  body: 'meeting',
  organization: 'organisation',
  org: 'organisation',
  author: 'speaker',
  lang: 'language',
  link: 'url',
  source: 'url',
  date_end: 'dateEnd',
  'date-end': 'dateEnd',
  dateend: 'dateEnd',
  country_name: 'countryName',
  countryname: 'countryName',
  role: 'post',
};

/** The field a key names, or undefined when it is not a metadata field. */
export function metaField(key: string): MetaField | undefined {
  const k = key.trim();
  if ((META_FIELDS as readonly string[]).includes(k)) return k as MetaField;
  const lower = k.toLowerCase();
  return ((META_FIELDS as readonly string[]).find((f) => f.toLowerCase() === lower) as MetaField | undefined) ?? FIELD_ALIASES[lower];
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const PARTIAL = /^\d{4}(?:-\d{2})?$/;

function validDay(d: string): boolean {
  if (!DAY.test(d)) return false;
  const t = new Date(`${d}T00:00:00Z`);
  return !Number.isNaN(t.getTime()) && t.toISOString().slice(0, 10) === d;
}

function validDate(d: string): boolean {
  if (DAY.test(d)) return validDay(d);
  if (!PARTIAL.test(d)) return false;
  const month = d.length === 7 ? Number(d.slice(5)) : 1;
  return month >= 1 && month <= 12;
}

/** A metadata date (`YYYY`, `YYYY-MM`, `YYYY-MM-DD` or a range `YYYY-MM-DD/YYYY-MM-DD`) as its bounds; undefined when it is none. */
function dateRange(date: string): { from: string; to?: string } | undefined {
  const [from, to, ...rest] = date.split('/').map((s) => s.trim());
  if (rest.length === 0 && from && validDate(from) && (to === undefined || (validDay(to) && to >= from))) return to ? { from, to } : { from };
  return undefined;
}

/** Whether a document's metadata takes `date` as a date (`YYYY`, `YYYY-MM`, `YYYY-MM-DD` or a range `YYYY-MM-DD/YYYY-MM-DD`), as {@link cleanMeta} reads it. */
export function isMetaDate(date: string): boolean {
  return dateRange(date.trim()) !== undefined;
}

/**
 * Turns raw key/values (from any source) into validated DocumentMeta. Unknown keys are ignored;
 * invalid values are dropped with a warning `reason` (via `warn`). Dates take `YYYY`, `YYYY-MM`,
 * `YYYY-MM-DD` or a range `YYYY-MM-DD/YYYY-MM-DD` (→ date + dateEnd); country names and codes are
 * normalised (an unknown one is kept as `countryName`); urls must be http(s).
 */
export function cleanMeta(raw: Record<string, unknown>, warn: (reason: string) => void): DocumentMeta {
  const meta: DocumentMeta = {};
  for (const [key, value] of Object.entries(raw)) {
    const field = metaField(key);
    if (!field || value === null || value === undefined) continue;
    let text: string;
    if (value instanceof Date) text = value.toISOString().slice(0, 10);
    else if (typeof value === 'string' || typeof value === 'number') text = String(value).trim();
    else {
      warn(`metadata field "${key}" is not text; ignored`);
      continue;
    }
    if (!text) continue;
    meta[field] = text;
  }
  if (meta.date) {
    const range = dateRange(meta.date);
    if (range) {
      meta.date = range.from;
      if (range.to) meta.dateEnd = range.to;
    } else {
      warn(`date "${meta.date}" is not YYYY, YYYY-MM, YYYY-MM-DD or a range YYYY-MM-DD/YYYY-MM-DD; ignored`);
      delete meta.date;
    }
  }
  if (meta.dateEnd && !(validDay(meta.dateEnd) && (!meta.date || meta.dateEnd >= meta.date))) {
    warn(`dateEnd "${meta.dateEnd}" is not a YYYY-MM-DD date on or after the date; ignored`);
    delete meta.dateEnd;
  }
  if (meta.country) {
    const c = normalizeCountry(meta.country);
    if (c) {
      meta.country = c.code;
      // the name it bore when it spoke: the USSR's 1961 speech (filed under RUS) is not the Russian Federation's
      meta.countryName ??= countryNameOn(c.code, c.name, meta.date);
    } else {
      warn(`unknown country "${meta.country}"; kept as a name, not usable as a country filter`);
      meta.countryName ??= meta.country;
      delete meta.country;
    }
  } else if (meta.countryName) {
    const c = normalizeCountry(meta.countryName);
    if (c) meta.country = c.code;
  }
  if (meta.url && !/^https?:\/\/\S+$/i.test(meta.url)) {
    warn(`url "${meta.url}" is not an http(s) address; ignored`);
    delete meta.url;
  }
  return meta;
}

/** Result of splitting a Markdown/text file into front matter and body. */
export interface FrontMatter {
  /** Raw YAML fields, or undefined when the file has no front matter. */
  data?: Record<string, unknown>;
  body: string;
  /** 1-based line in the file where the body starts. */
  bodyLine: number;
}

/** Thrown for front matter that cannot be read; carries the file line where known. */
export class FrontMatterError extends Error {
  override name = 'FrontMatterError';
  constructor(
    message: string,
    readonly line?: number,
  ) {
    super(message);
  }
}

/**
 * Splits `---` fenced YAML front matter from the body. Throws {@link FrontMatterError} when the
 * fence is not closed, the YAML does not parse, or it is not a mapping.
 */
export function splitFrontMatter(text: string): FrontMatter {
  const m = /^---[ \t]*\r?\n/.exec(text);
  if (!m) return { body: text, bodyLine: 1 };
  const rest = text.slice(m[0].length);
  const close = /^(?:---|\.\.\.)[ \t]*$/m.exec(rest);
  if (!close) throw new FrontMatterError('front matter opened with "---" is never closed', 1);
  const yamlText = rest.slice(0, close.index);
  let data: unknown;
  try {
    data = parseYaml(yamlText, { prettyErrors: true });
  } catch (e) {
    const pos = (e as { linePos?: Array<{ line: number }> }).linePos?.[0]?.line;
    if (e instanceof RangeError || /call stack/i.test((e as Error).message))
      throw new FrontMatterError('front matter is nested too deeply (more levels than any metadata needs)', 2);
    const first = ((e as Error).message.split('\n')[0] ?? 'invalid YAML').trim();
    throw new FrontMatterError(`broken front matter: ${first}`, pos !== undefined ? pos + 1 : 1);
  }
  if (data !== null && data !== undefined && (typeof data !== 'object' || Array.isArray(data))) {
    throw new FrontMatterError('front matter is not a list of "field: value" lines', 2);
  }
  const fmLines = (text.slice(0, m[0].length) + yamlText).split('\n').length;
  const afterClose = rest.slice(close.index).replace(/^[^\n]*\n?/, '');
  const result: FrontMatter = { body: afterClose, bodyLine: fmLines + 1 };
  if (data) result.data = data as Record<string, unknown>;
  return result;
}

/** One manifest row, keyed by the file it describes (relative to the manifest's folder). */
export interface ManifestRow {
  file: string;
  /** 1-based line in manifest.csv. */
  line: number;
  fields: Record<string, string>;
}

/**
 * Parses a folder's `manifest.csv` (header row with `file` and any of the metadata columns).
 * Bad rows (wrong column count, no file, duplicate file) are reported with their line number and
 * skipped; the rest are returned.
 */
export function parseManifest(text: string, manifestPath: string): { rows: ManifestRow[]; problems: Problem[] } {
  const problems: Problem[] = [];
  const rows: ManifestRow[] = [];
  let records: Array<{ record: string[]; info: { lines: number } }>;
  try {
    records = parseCsv(text.replace(/^\uFEFF/, ''), {
      bom: true,
      relax_column_count: true,
      skip_empty_lines: true,
      info: true,
    }) as Array<{ record: string[]; info: { lines: number } }>;
  } catch (e) {
    const line = (e as { lines?: number }).lines;
    const p: Problem = { path: manifestPath, reason: `manifest.csv cannot be read: ${(e as Error).message}` };
    if (line !== undefined) p.line = line;
    return { rows, problems: [p] };
  }
  const header = records[0]?.record.map((h) => h.trim());
  if (!header || !header.some((h) => h.toLowerCase() === 'file')) {
    return { rows, problems: [{ path: manifestPath, line: 1, reason: 'manifest.csv has no header row with a "file" column' }] };
  }
  const fileCol = header.findIndex((h) => h.toLowerCase() === 'file');
  for (const h of header) {
    if (h.toLowerCase() !== 'file' && h && !metaField(h)) {
      problems.push({ path: manifestPath, line: 1, reason: `manifest.csv column "${h}" is not a metadata field; ignored` });
    }
  }
  const seen = new Map<string, number>();
  for (const { record, info } of records.slice(1)) {
    const line = info.lines;
    if (record.length !== header.length) {
      problems.push({ path: manifestPath, line, reason: `manifest row has ${record.length} columns, the header has ${header.length}; row ignored` });
      continue;
    }
    const file = (record[fileCol] ?? '').trim().replace(/\\/g, '/').replace(/^\.\//, '');
    if (!file) {
      problems.push({ path: manifestPath, line, reason: 'manifest row has no file name; row ignored' });
      continue;
    }
    const earlier = seen.get(file);
    if (earlier !== undefined) {
      problems.push({ path: manifestPath, line, reason: `manifest row for "${file}" repeats line ${earlier}; row ignored` });
      continue;
    }
    seen.set(file, line);
    const fields: Record<string, string> = {};
    header.forEach((h, i) => {
      if (i !== fileCol && h) fields[h] = record[i] ?? '';
    });
    rows.push({ file, line, fields });
  }
  return { rows, problems };
}

/** A metadata source, by precedence (earlier wins). */
export interface MetaSource {
  /** Shown in warnings, e.g. "front matter", "sidecar report.txt.meta.json", "manifest.csv line 4". */
  label: string;
  meta: DocumentMeta;
}

/**
 * Merges metadata sources; the first source that sets a field wins. A field set differently by two
 * sources is reported through `warn`, naming both sources and values.
 */
export function mergeMeta(sources: readonly MetaSource[], warn: (reason: string) => void): DocumentMeta {
  const merged: DocumentMeta = {};
  const from: Partial<Record<MetaField, string>> = {};
  for (const { label, meta } of sources) {
    for (const field of META_FIELDS) {
      const value = meta[field];
      if (value === undefined) continue;
      const current = merged[field];
      if (current === undefined) {
        merged[field] = value;
        from[field] = label;
      } else if (current !== value && field !== 'countryName') {
        warn(`${field}: ${from[field]} says "${current}", ${label} says "${value}"; using "${current}"`);
      }
    }
  }
  return merged;
}
