/**
 * Search hits as a CSV file for spreadsheets: one row per hit with its rank, score, excerpt, the
 * whole passage, every source field, a link and the citation line. UTF-8 with a byte-order mark (Excel reads the file
 * as UTF-8 only with it), CRLF line ends and RFC 4180 quoting. Shared by the CLI (`--csv`) and the
 * bot's "Export CSV" button, so both write the same file.
 */
import { alsoInLine, citationLine, passageUrl } from '../search/citation.ts';
import type { Hit, Source } from '../types.ts';

/** The source fields, in column order; every one is a column even when no hit has it. */
export const CSV_SOURCE_FIELDS = [
  'document',
  'title',
  'date',
  'speaker',
  'post',
  'organisation',
  'country',
  'countryName',
  'meeting',
  'session',
  'paragraph',
  'page',
  'section',
  'symbol',
  'url',
  'printedParagraph',
  'pageEnd',
  'afterParagraph',
  'beforeParagraph',
  'unnumbered',
  'footnote',
  'part',
  'parts',
  'footnoteNumber',
] as const satisfies readonly (keyof Source)[];

/** Source fields that are flags: `true` or `false` in every row, as the JSON gives them. */
const CSV_FLAG_FIELDS: ReadonlySet<keyof Source> = new Set(['unnumbered', 'footnote']);

/**
 * Source fields of a speaker's statement inside a document (a turn in a record, a statement a report
 * narrates), which the citation reads: columns after `link`, added later, so older positions hold.
 */
export const CSV_STATEMENT_FIELDS = ['statement', 'reportedBy', 'onBehalfOf', 'languageNote'] as const satisfies readonly (keyof Source)[];

/**
 * The columns. `link` is the passage's link, else the document's through the UN's symbol resolver
 * (see passageUrl); `citation` the source line as the bot and the command line show it, plain text;
 * `alsoIn` where else the hit's text is, as they show it (empty for most hits; a copy folded into a
 * hit has no row of its own).
 */
export const CSV_COLUMNS = [
  'rank',
  'score',
  'passage',
  'excerpt',
  'text',
  ...CSV_SOURCE_FIELDS,
  'link',
  ...CSV_STATEMENT_FIELDS,
  'citation',
  'alsoIn',
] as const;

const BOM = '\uFEFF';

/**
 * A cell as text a spreadsheet shows as written: quoted when it holds a comma, quote or line break,
 * and prefixed with an apostrophe when it would otherwise be read as a formula (`=`, `+`, `@`, a
 * tab or CR, or `-` before anything but a space or a digit).
 */
export function csvCell(value: string | number | undefined): string {
  if (value === undefined) return '';
  let s = String(value);
  if (/^[=+@\t\r]|^-[^\s\d]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * A passage id as a user pastes it back from a CSV file (or a message): without the apostrophe
 * {@link csvCell} puts before an id starting with `-` (`'-_0pPAoHiPtH`), nor surrounding spaces
 * or backticks.
 */
export function pastedPassageId(value: string): string {
  return value
    .trim()
    .replace(/^`+|`+$/g, '')
    .replace(/^'(?=-)/, '');
}

/**
 * The CSV file for `hits` (ranks start at `firstRank`), as a string beginning with the BOM. Hits
 * `listed` rather than ranked (filters alone) have an empty score cell: their score means nothing.
 */
export function hitsCsv(hits: readonly Hit[], firstRank = 1, listed = false): string {
  const lines = [CSV_COLUMNS.join(',')];
  hits.forEach((hit, i) => {
    const s = hit.source;
    const row: (string | number | undefined)[] = [firstRank + i, listed ? undefined : hit.score, hit.id, hit.excerpt.text, hit.text];
    for (const f of CSV_SOURCE_FIELDS) {
      const v = s[f];
      row.push(CSV_FLAG_FIELDS.has(f) || typeof v === 'boolean' ? String(v === true) : v);
    }
    row.push(passageUrl(s, hit.text));
    for (const f of CSV_STATEMENT_FIELDS) row.push(s[f]);
    row.push(citationLine(s));
    row.push(alsoInLine(hit));
    lines.push(row.map(csvCell).join(','));
  });
  return BOM + lines.join('\r\n') + '\r\n';
}

/**
 * A file name for an export: `verbatim-<query words>.csv` (then the `suffix` words: `-year-raw`), the words' letters and digits in any
 * script (`verbatim-trend-لبنان-country.png`), Latin ones without their accents, joined by dashes:
 * no space, punctuation or path separator.
 */
export function exportFileName(query: string, ext = 'csv', suffix: readonly string[] = []): string {
  const words = query
    .normalize('NFKD')
    .replace(/(\p{Script=Latin})\p{M}+/gu, '$1')
    .normalize('NFC')
    .replace(/[^\p{L}\p{M}\p{N}]+/gu, ' ')
    .trim()
    .split(/\s+/)
    .filter((w) => /[\p{L}\p{N}]/u.test(w))
    .slice(0, 6)
    .join('-')
    .toLowerCase();
  // 60 characters at most, never half of one; then the `suffix` words, whatever the query's length
  const slug = [Array.from(words).slice(0, 60).join('').replace(/-+$/, ''), ...suffix].filter(Boolean).join('-');
  return `verbatim${slug ? `-${slug}` : ''}.${ext}`;
}
