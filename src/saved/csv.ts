/**
 * The CSV of a person's saved passages: the cells are written by the search-results exporter's
 * csvCell (src/render/csv.ts: RFC 4180 quoting, formula-safe), behind a UTF-8 byte order mark with
 * CRLF line ends, as that exporter writes its files.
 */
import { csvCell } from '../render/csv.ts';
import type { SavedPassage } from './store.ts';

export const SAVED_CSV_HEADER = ['saved_at', 'passage_id', 'source', 'citation', 'url', 'text'] as const;

/** The whole file, header first. */
export function savedCsv(items: readonly SavedPassage[]): string {
  const lines = [SAVED_CSV_HEADER.join(',')];
  for (const s of items) {
    lines.push([new Date(s.savedAt).toISOString(), s.passageId, s.source, s.citation, s.url ?? '', s.text].map(csvCell).join(','));
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
