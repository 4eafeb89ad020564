/**
 * A letterhead or masthead line is no section: a statement's lines above its salutation (a State's
 * name and motto, the title, place and date), and a masthead's dateline (the day a resolution is
 * issued, the place under a record's day). Before, Senegal's GA79 statement had its motto "Un
 * Peuple-Un But-Une Foi" as the section of all 21 passages (CSV, JSON, citations), A/RES/79/191
 * "18 December 2024" as the section of all 146, and S/PV.8701 "New York" as that of two.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { buildDocument, closeExtractors } from '../../src/ingest/load-library.ts';
import { toPassages } from '../../src/ingest/passages.ts';
import { isDateLine, linesAboveSpeech } from '../../src/ingest/statement-heading.ts';
import type { LibraryDocument } from '../../src/types.ts';
import { loadUnDocument } from '../support/library.ts';

afterAll(() => closeExtractors());

const load = loadUnDocument;

const sections = (d: LibraryDocument): (string | undefined)[] => d.passages.map((p) => p.sectionTitle);

describe('the real documents', () => {
  it('Senegal’s statement: its motto, its name and its title are no section', async () => {
    const senegal = await load('GA79_statement_Senegal_fr.pdf');
    // 27 passages, as the PDF spaces its paragraphs (21 before its 8 pt between paragraphs were seen)
    expect(senegal.passages).toHaveLength(27);
    expect(new Set(sections(senegal))).toEqual(new Set([undefined]));
    // the speaker and date are still read from those lines
    expect(senegal.meta).toMatchObject({ country: 'SEN', speaker: 'Bassirou Diomaye Diakhar Faye', date: '2024-09-25' });
  });

  it('a resolution’s date of issue is no section; a record’s agenda item still is, its “New York” is not', async () => {
    expect(new Set(sections(await load('A_RES_79_191.pdf')))).toEqual(new Set([undefined]));
    const record = sections(await load('S_PV.8701.pdf'));
    expect(record).not.toContain('New York');
    expect(record.filter((s) => s === 'The situation in the Middle East')).toHaveLength(11);
    expect(record).toContain('Adoption of the agenda');
    expect(sections(await load('S_PV.8699_Resumption1.pdf'))).not.toContain('New York');
  });

  it('the other documents keep their headings', async () => {
    const assembly = sections(await load('A_50_PV.33.pdf'));
    expect(assembly).toContain('Agenda item 36');
    expect(assembly).toContain('Draft resolution (A/50/L.5)');
    const millennium = sections(await load('A_RES_55_2.pdf'));
    expect(millennium).toContain('II. Peace, security and disarmament');
    expect(sections(await load('A_C.3_80_L.3.pdf')).filter((s) => s === 'Italy: draft resolution')).toHaveLength(209);
  });
});

describe('General Debate speeches (the opening lines of UNGDC 2020 texts)', () => {
  const speech = (...lines: string[]): (string | undefined)[] =>
    buildDocument(
      'x',
      'x.txt',
      {},
      lines.map((text) => ({ text })),
    )!.passages.map((p) => p.sectionTitle);
  const body = 'We, the peoples of the United Nations, this year observe our 75th anniversary. We do so at a time of unprecedented global turmoil.';

  it('an invocation or a letterhead above the salutation is no section (Afghanistan, Bangladesh 2020)', () => {
    // before: "Bismillah Rahman-ur-Rahim" was the section of all 45 passages, "Hon’ble Prime Minister" of 35
    expect(speech('Bismillah Rahman-ur-Rahim', 'Mr. President, ladies and gentlemen,', body)).toEqual([undefined]);
    expect(speech('Hon’ble Prime Minister', 'Government of the People’s Republic of Bangladesh', 'Mr. President,', body)).toEqual([
      undefined,
      undefined,
    ]);
  });

  it('a numbered heading above the salutation is the speech’s first section (Latvia 2020)', () => {
    expect(speech('I\tIntroduction', 'Mr. President, Excellencies, ladies and gentlemen,', body, 'II\tGlobal security', body)).toEqual([
      'I Introduction',
      'I Introduction',
      'II Global security',
    ]);
  });
});

describe('the rule', () => {
  const speech = 'Monsieur le Président, permettez-moi de vous féliciter pour votre élection à la présidence de cette session.';

  it('no line above the salutation is a section, nor the heading an extractor gave them; a heading in the speech is', () => {
    const paragraphs = [
      { text: 'République du Sénégal', page: 1 },
      { text: 'Un Peuple-Un But-Une Foi', page: 1 },
      { text: speech, page: 1 },
      { text: 'Le climat', page: 2 },
      { text: 'Le Sahel subit les effets du changement climatique plus que toute autre région du monde.', page: 2 },
    ];
    expect(linesAboveSpeech(paragraphs)).toBe(2);
    const passages = toPassages('sn', paragraphs, { aboveSpeech: 2 });
    expect(passages.map((p) => p.sectionTitle)).toEqual([undefined, 'Le climat']);
    // without knowing where the speech starts, the motto heads it
    expect(toPassages('sn', paragraphs)[0]?.sectionTitle).toBe('Un Peuple-Un But-Une Foi');
    // the same letterhead with its place and date, and the text of the speech as before
    const dated = [...paragraphs.slice(0, 2), { text: 'New York, 25 septembre 2024', page: 1 }, ...paragraphs.slice(2)];
    expect(linesAboveSpeech(dated)).toBe(3);
    expect(toPassages('sn', dated, { aboveSpeech: 3 }).map((p) => [p.sectionTitle, p.text])).toEqual(passages.map((p) => [p.sectionTitle, p.text]));
    const html = toPassages(
      'html',
      [
        { text: speech, heading: 'Discours du Président' },
        { text: `${speech} Merci.`, heading: 'Discours du Président' },
      ],
      {
        aboveSpeech: 1,
      },
    );
    expect(html.map((p) => p.sectionTitle)).toEqual([undefined, undefined]);
  });

  it('reads a line that only writes a day, in English, French and Spanish', () => {
    for (const line of [
      '18 December 2024',
      'Monday, 13 January 2020, 10 a.m.',
      '25 septembre 2024',
      'Jueves, 28 de septiembre de 2024',
      'September 25, 2024',
    ])
      expect(isDateLine(line), line).toBe(true);
    for (const line of ['Decision of 18 December 2024', '53rd plenary meeting 17 December 2024', 'Agenda item 109', '2030 Agenda', 'New York'])
      expect(isDateLine(line), line).toBe(false);
  });

  it('takes a dateline out of a masthead only: further in, a day or a place heads its section', () => {
    const body = 'The Commission heard statements from the representatives of several Member States on the matter.';
    const masthead = toPassages('r', [
      { text: 'Seventy-fifth year', page: 1 },
      { text: 'Monday, 13 January 2020, 10 a.m.', page: 1 },
      { text: 'New York', page: 1 },
      { text: body, page: 1 },
    ]);
    expect(masthead.map((p) => p.sectionTitle)).toEqual([undefined]);
    const later = toPassages('r', [
      { text: body, page: 3 },
      { text: 'Tuesday, 20 October 2021', page: 3 },
      { text: body, page: 3 },
    ]);
    expect(later.map((p) => p.sectionTitle)).toEqual([undefined, 'Tuesday, 20 October 2021']);
    // a place and its day on one line, as a letterhead dates a speech
    expect(
      toPassages('s', [
        { text: 'Un Peuple-Un But-Une Foi', page: 1 },
        { text: 'New York, 25 septembre 2024', page: 1 },
        { text: body, page: 1 },
      ])[0]?.sectionTitle,
    ).toBeUndefined();
    // a place that stands next to no date is a heading as before
    expect(
      toPassages('r', [
        { text: 'Geneva', page: 1 },
        { text: body, page: 1 },
      ])[0]?.sectionTitle,
    ).toBe('Geneva');
  });
});
