/**
 * The section a passage of a real UN document is cited under (JSON and CSV `section`, searched as
 * metadata): the document's own headings, never a table's row, cell or column labels (QA21 F6).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { closeExtractors } from '../../src/ingest/load-library.ts';
import { isColumnLabels } from '../../src/ingest/column-labels.ts';
import type { LibraryDocument } from '../../src/types.ts';
import { engineOfUnDocuments, loadUnDocument } from '../support/library.ts';

afterAll(() => closeExtractors());

const sections = (doc: LibraryDocument): Set<string> => new Set(doc.passages.flatMap((p) => (p.sectionTitle ? [p.sectionTitle] : [])));
const passage = (doc: LibraryDocument, start: string) => doc.passages.find((p) => p.text.startsWith(start));

describe('a heading longer than a stray line is a section', () => {
  it('A/RES/55/2: para. 19 (the poverty target) stands under "III. Development and poverty eradication"', async () => {
    // before: "III. …", "V. …" and "VII. …" (40 characters or more) were passages, and para. 19 was
    // cited under "II. Peace, security and disarmament"
    const res = await loadUnDocument('A_RES_55_2.pdf');
    expect(passage(res, '19. We resolve further')?.sectionTitle).toBe('III. Development and poverty eradication');
    expect(passage(res, '24. We will spare no effort to promote democracy')?.sectionTitle).toBe('V. Human rights, democracy and good governance');
    expect(passage(res, '27. We will support the consolidation of democracy in Africa')?.sectionTitle).toBe(
      'VII. Meeting the special needs of Africa',
    );
    expect(res.passages.filter((p) => /^(?:III|V|VII)\. /.test(p.text))).toEqual([]);
  });

  it('A/80/604/Add.6 and A/80/590: a heading over a numbered paragraph, a lettered one, one wrapped onto two lines', async () => {
    const acabq = await loadUnDocument('A_80_604_Add.6.pdf');
    expect(passage(acabq, '35. Upon enquiry')?.sectionTitle).toBe('Equitable geographical representation and gender parity');
    expect(passage(acabq, '11. The mandate of UNMIK')?.sectionTitle).toBe('A. Mandate and planning assumptions');
    const report = await loadUnDocument('A_80_590.pdf');
    expect(passage(report, '44. During the liquidation')?.sectionTitle).toBe('(b) Human resources');
    expect(passage(report, '60. ')?.sectionTitle).toBe('IV. Analysis of variances');
  });
});

describe('a table’s row, cell or labels is no section', () => {
  it('A/80/604/Add.6: the D-2 row is a row of its table, and the paragraphs after it are not under it', async () => {
    // before: "D-2 United States of America, Poland" was in no passage's text and the section of
    // paras. 37–38; `Poland doc:A/80/604/Add.6` found three passages through the section, none marked
    const acabq = await loadUnDocument('A_80_604_Add.6.pdf');
    expect(acabq.passages.filter((p) => p.sectionTitle?.startsWith('D-2'))).toEqual([]);
    expect(acabq.passages.find((p) => p.text.includes('D-2 · United States of America, Poland'))?.text).toMatch(
      /^Grade level1 · Nationalities · Notes \| Head of Mission · – · Post was vacant \| D-2 · United States of America, Poland \| D-1 · /,
    );
    const { engine } = await engineOfUnDocuments(['A_80_604_Add.6.pdf']);
    const hits = (await engine.search('Poland doc:A_80_604_Add.6', { limit: 5 })).hits;
    expect(hits).toHaveLength(1);
    expect(hits[0]!.excerpt.marks).toHaveLength(1);
  }, 60_000);

  it.each([
    [
      'A_80_590.pdf',
      ['Yes', 'Government', 'Variance', '2024/25: 90 per cent)', 'Completed (number or', 'Formed police units $2 912.8 34.3%', 'Original: English'],
    ],
    [
      'A_81_6_Sect.24.pdf',
      ['Page', 'Planned Actual', 'Regular Migration', 'Category and subcategory', '73/161 World Braille Day', 'Office of the United Nations High'],
    ],
    [
      'A_81_6_Sect.16.pdf',
      ['Page', 'Planned Actual', 'Second beneficial', 'Security Code-Maputo security plans and', '20/4 Promoting further cooperation in'],
    ],
  ])(
    '%s: none of the false sections QA21 listed',
    async (file, falseSections) => {
      const found = sections(await loadUnDocument(file));
      expect(falseSections.filter((s) => found.has(s))).toEqual([]);
    },
    60_000,
  );
});

describe('a table’s column labels open the table under them (QA21 F7)', () => {
  it.each(['A_80_604_Add.6.pdf', 'A_80_590.pdf', 'A_81_6_Sect.16.pdf', 'A_81_6_Sect.24.pdf'])(
    '%s: no passage is made of column labels only',
    async (file) => {
      // before: 42 such passages over these four ("Category and subcategory · planned · actual …",
      // "(Thousands of United States dollars) Variance Apportionment Expenditure …")
      const doc = await loadUnDocument(file);
      expect(doc.passages.filter((p) => isColumnLabels(p.text)).map((p) => p.text)).toEqual([]);
    },
    60_000,
  );

  it('A/80/604/Add.6: the vacancy table is one passage, its labels first, its rows after them', async () => {
    // before: the header "Actual as at Actual average, … Category · 2024/25 · 2024/25 …" was a passage
    // of its own, ranked first for "UNMIK budget implementation rate 2024/25"; its rows were three more
    const acabq = await loadUnDocument('A_80_604_Add.6.pdf');
    const table = acabq.passages.find((p) => p.text.includes('Actual as at Actual average, Actual as at'))!;
    expect(table.text).toMatch(/^Actual average July \| Actual as at Actual average/);
    expect(table.text).toContain(
      '| International staff 16.8 10.6 8.8 21.2 13.3 36.3 19.5 1.1 | National staff | National Professional Officers · 0.0',
    );
    expect(table.text).toContain('| United Nations Volunteers | International 12.5 8.3');
    const { engine } = await engineOfUnDocuments(['A_80_604_Add.6.pdf']);
    const hits = (await engine.search('MINUSMA civilian personnel apportionment expenditure variance', { limit: 3 })).hits;
    expect(hits.filter((h) => isColumnLabels(h.text))).toEqual([]);
  }, 60_000);
});
