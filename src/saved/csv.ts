/**
 * The CSV of a person's saved passages (RFC 4180: comma-separated, CRLF, fields quoted when they
 * hold a comma, quote or line break). Deliberately small and specific to saved passages; a
 * general exporter of search results is issue 14's.
 */
import type { SavedPassage } from './store.ts';

export const SAVED_CSV_HEADER = ['saved_at', 'passage_id', 'source', 'citation', 'url', 'text'] as const;

/**
 * One field. A value a spreadsheet would run as a formula (starting with = + - @ or a tab) gets a
 * leading apostrophe, so opening the export never executes anything.
 */
export function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** The whole file, header first, with a UTF-8 byte order mark so spreadsheets read accents right. */
export function savedCsv(items: readonly SavedPassage[]): string {
  const lines = [SAVED_CSV_HEADER.join(',')];
  for (const s of items) {
    lines.push([new Date(s.savedAt).toISOString(), s.passageId, s.source, s.citation, s.url ?? '', s.text].map(csvField).join(','));
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
