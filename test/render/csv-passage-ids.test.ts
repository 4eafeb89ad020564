/**
 * A passage id goes from the CSV export back to /quote and /saved remove. Ids are base64url, so
 * about one in eighty starts with "-"; the export writes those "'-…" so that a spreadsheet does not
 * read them as a formula, and a user pastes that cell back. Real ids: a budget section's passages.
 */
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeExtractors } from '../../src/ingest/load-library.ts';
import { csvCell, hitsCsv, pastedPassageId } from '../../src/render/csv.ts';
import type { VerbatimEngine } from '../../src/search/engine.ts';
import { engineOfUnDocuments } from '../support/library.ts';

let engine: VerbatimEngine;
beforeAll(async () => {
  ({ engine } = await engineOfUnDocuments(['A_81_6_Sect.16.pdf']));
}, 120_000);
afterAll(closeExtractors);

describe('passage ids pasted back from a CSV export', () => {
  it('an id starting with "-" is written "\'-…" and found again as pasted; other ids are untouched', async () => {
    const hits = (await engine.search('programme', { limit: 100, offset: 0 })).hits;
    const more = (await engine.search('programme', { limit: 100, offset: 100 })).hits;
    const rows = parse(hitsCsv([...hits, ...more]).slice(1), { columns: true }) as Record<string, string>[];
    const guarded = rows.map((r) => r['passage']!).filter((id) => id.startsWith("'"));
    // the test has teeth: some real ids start with "-"
    expect(guarded.length).toBeGreaterThan(0);
    for (const cell of guarded) {
      // before: /quote looked the cell up as written and answered "No passage with id “'-…”"
      expect(engine.passage(cell)).toBeUndefined();
      const hit = engine.passage(pastedPassageId(cell));
      expect(hit?.id).toBe(cell.slice(1));
    }
    for (const h of [...hits, ...more]) expect(pastedPassageId(csvCell(h.id))).toBe(h.id);
  });

  it('takes spaces and backticks around an id away, and keeps an apostrophe before anything but "-"', () => {
    expect(pastedPassageId("  '-_0pPAoHiPtH ")).toBe('-_0pPAoHiPtH');
    expect(pastedPassageId('`abc-DEF`')).toBe('abc-DEF');
    expect(pastedPassageId("'abc")).toBe("'abc");
  });
});
