/** A UN document's date from its first page (src/ingest/formats/un-date.ts), on lines as the real documents print them. */
import { describe, expect, it } from 'vitest';
import { unDocumentDate } from '../../src/ingest/formats/un-date.ts';

describe('unDocumentDate', () => {
  it("takes the resolution's own adoption line, else the masthead's distribution date", () => {
    expect(unDocumentDate('A/RES/79/191', 'Distr.: General\n18 December 2024\nResolution adopted by the General Assembly\non 17 December 2024')).toBe(
      '2024-12-17',
    );
    expect(
      unDocumentDate(
        'A/RES/55/2',
        'United Nations A/RES/55/2\nDistr.: General\nGeneral Assembly 18 September 2000\nResolution adopted by the General Assembly\n[without reference to a Main Committee (A/55/L.2)]',
      ),
    ).toBe('2000-09-18');
    expect(unDocumentDate('A/RES/79/191', 'Distr. GENERAL\n3 May 1999')).toBe('1999-05-03');
  });

  it("a resolution's closing plenary meeting line where its first page has no adoption line; never a report's", () => {
    const firstPage = 'United Nations A/RES/55/2\nDistr.: General\nGeneral Assembly 18 September 2000';
    expect(unDocumentDate('A/RES/55/2', firstPage, 'fellow human beings.\n8th plenary meeting 8 September 2000')).toBe('2000-09-08');
    // an adoption line on the first page wins
    expect(
      unDocumentDate('A/RES/79/191', 'Resolution adopted by the General Assembly on 17 December 2024', '52nd plenary meeting 16 December 2024'),
    ).toBe('2024-12-17');
    // a report recalling a plenary meeting keeps its own date
    expect(unDocumentDate('A/80/590', 'Distr.: General\n7 January 2026', 'at its 8th plenary meeting 8 September 2000')).toBe('2026-01-07');
  });

  it('not a decision the text recalls, nor a day the month does not have', () => {
    expect(
      unDocumentDate(
        'A/C.3/80/L.3',
        'Distr.: Limited\n14 October 2025\nRecalling the political declaration adopted by the General Assembly on 8 June 2021',
      ),
    ).toBe('2025-10-14');
    expect(unDocumentDate('A/RES/79/191', 'Distr.: General\n31 February 2024')).toBeUndefined();
  });
});
