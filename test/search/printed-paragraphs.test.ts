/**
 * Citations give a paragraph's number as the document prints it ("para. 11"), where the passage
 * opens with one, instead of the passage count ("¶ 41"), which a staffer would cite as the wrong
 * paragraph. Real documents: the Millennium Declaration (A/RES/55/2) and a report (A/80/590).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeExtractors } from '../../src/ingest/load-library.ts';
import { printedParagraphNumber } from '../../src/ingest/paragraph-number.ts';
import { contextReply } from '../../src/render/replies.ts';
import { citationLine, numbersWithDecimals, printedParagraphOf } from '../../src/search/citation.ts';
import type { VerbatimEngine } from '../../src/search/engine.ts';
import { engineOfStatements, engineOfUnDocuments } from '../support/library.ts';

let engine: VerbatimEngine;
/** A passage's text at ¶ `paragraph`. */
const at = (text: string, paragraph: number) => ({ text, paragraph });

beforeAll(async () => {
  ({ engine } = await engineOfUnDocuments(['A_RES_55_2.pdf', 'A_80_590.pdf']));
}, 120_000);
afterAll(closeExtractors);

describe('the printed paragraph number in citations', () => {
  it('A/RES/55/2 paragraph 11 is cited "para. 11", not by its passage count', async () => {
    const hit = (await engine.search('spare no effort to free our fellow men', { limit: 1 })).hits[0]!;
    expect(hit.text).toMatch(/^11\. We will spare no effort/);
    expect(hit.source.printedParagraph).toBe('11');
    expect(citationLine(hit.source)).toContain(' · para. 11 · ');
    expect(citationLine(hit.source)).not.toContain('¶');
  });

  it('a General Assembly resolution and report are cited with the session their symbol names, and session: finds them', async () => {
    // before: neither carried a session, so `session:55` found nothing and the citation gave none
    const hit = (await engine.search('spare no effort to free our fellow men', { limit: 1 })).hits[0]!;
    expect(hit.source.session).toBe('55');
    expect(citationLine(hit.source)).toContain(' · 55th session · 8 September 2000 · para. 11 · ');
    const report = (await engine.search('MINUSMA unencumbered balance session:80', { limit: 1 })).hits[0]!;
    expect(report.source.symbol).toBe('A/80/590');
    expect((await engine.search('MINUSMA unencumbered balance session:55')).hits).toHaveLength(0);
  });

  it('A/80/590 paragraph 58 is cited "para. 58"', async () => {
    const hit = (await engine.search('MINUSMA unencumbered balance', { limit: 1 })).hits[0]!;
    expect(hit.text).toMatch(/^58\. /);
    expect(citationLine(hit.source)).toContain('para. 58');
  });

  it('a list item is cited by the paragraph it falls under: each bullet of "9. We resolve therefore:" is "para. 9"', async () => {
    // before: the lead-in closed paragraph 8's passage ("…weapons of mass destruction. 9. We resolve
    // therefore:"), and each bullet was cited by its passage count ("¶ 21")
    const first = (await engine.search('strengthen respect for the rule of law in international as in national affairs', { limit: 1 })).hits[0]!;
    expect(first.text).toMatch(/^9\. We resolve therefore: • To strengthen respect for the rule of law/);
    const eight = (await engine.search('"weapons of mass destruction" scourge of war', { limit: 1 })).hits[0]!;
    expect(eight.text).toMatch(/^8\. We will spare no effort.*weapons of mass destruction\.$/);
    const drugs = (await engine.search('redouble our efforts to implement our commitment to counter the world drug problem', { limit: 1 })).hits[0]!;
    expect(drugs.text).toMatch(/^• To redouble our efforts/);
    expect(drugs.source.printedParagraph).toBe('9');
    expect(citationLine(drugs.source)).toContain(' · para. 9 · ');
  });

  it('a passage under no printed number in a numbered document is cited by where it stands, never by a passage count', async () => {
    // before: a table was cited "¶ 175", and A/80/590 has a real paragraph … 79; a heading "¶ 33" in A/RES/55/2
    const table = (await engine.search('"Group of expenditure"', { limit: 1 })).hits[0]!;
    expect(table.text).toMatch(/^\(Thousands of United States dollars\) \| Amount \| Group of expenditure · 2022\/23/);
    expect(table.source.printedParagraph).toBeUndefined();
    expect(table.source.unnumbered).toBe(true);
    expect(citationLine(table.source)).toContain(' · after para. 58 · p. 20 · A/80/590');
    expect(citationLine(table.source)).not.toContain('¶');
    // the resolution's opening lines stand before its first paragraph
    const title = (await engine.search('"Adopts the following Declaration"', { limit: 1 })).hits[0]!;
    expect(citationLine(title.source)).toContain(' · before para. 1 · p. 1 · ');
    // a footnote says it is one, by the number it is printed with
    const note = (await engine.search('"A/55/305-S/2000/809"', { limit: 1 })).hits[0]!;
    expect(note.text).toMatch(/^A\/55\/305-S\/2000\/809; see Official Records/);
    expect(citationLine(note.source)).toContain(' · footnote 1 · p. 3 · ');
    // one whose number is not known says where it stands
    const { footnoteNumber: _number, ...withoutNumber } = note.source;
    expect(citationLine(withoutNumber)).toContain(' · footnote after para. 9 · p. 3 · ');
    // a document that numbers none of its paragraphs keeps the passage count
    expect(citationLine({ document: 'd', paragraph: 4, page: 2, symbol: 'A/76/PV.5' })).toBe('d · ¶ 4 · p. 2 · A/76/PV.5');
    expect(
      printedParagraphOf(at('• To adopt a policy.', 3), {
        before: (back) => [at('A/55/305; see Official Records', 2), at('9. We resolve therefore:', 1)][back - 1],
      }),
    ).toBeUndefined();
    expect(
      printedParagraphOf(at('(e) Provide support to Member States;', 3), {
        before: (back) => [at('(d) Strengthen;', 2), at('16.20 The Office will', 1)][back - 1],
      }),
    ).toBe('16.20');
    // a heading ("(c) Streamlining the disposal of assets process") falls under no paragraph
    expect(
      printedParagraphOf(at('(c) Streamlining the disposal of assets process', 2), { before: () => at('43. The Mission disposed of', 1) }),
    ).toBeUndefined();
    // in a document numbered 16.1, 16.2 …, "3." opens a table's row, not a paragraph
    expect(
      printedParagraphOf(at('3. Meetings of the Human Rights Council: thematic plenary panel 1 1 1 1', 9), { decimal: () => true }),
    ).toBeUndefined();
    expect(numbersWithDecimals(['Overview', '16.1 The Office', '16.2 The mandates', '16.3 The Office will'])).toBe(true);
    expect(numbersWithDecimals(['1. We, heads of State', '2. We recognize', '3. We reaffirm'])).toBe(false);
    // a report's numbered section headings are no paragraph numbering
    expect(numbersWithDecimals(['2.1 Background', '3.1 Scope', '4.1 Findings', '12. The Panel found'])).toBe(false);
    expect(printedParagraphOf(at('The Office will', 2), { before: () => at('16.20 The Office will', 1) })).toBeUndefined();
    // the later part of a long paragraph cut at a sentence end shares its ¶ and its number
    expect(printedParagraphOf(at('A comparison of reviews showed', 7), { before: () => at('24.22 In the Pact for the Future', 7) })).toBe('24.22');
  });

  it('a bullet list over a page break keeps its paragraph number: footnotes between and "; and" endings are passed over (A/RES/55/2)', async () => {
    // before: "¶ 29" and "¶ 31" for the two halves of a bullet of para. 9 (the real paragraphs 29 and
    // 31 are other texts), "¶ 40"/"¶ 41" after a bullet ending "; and", "¶ 58", "¶ 75"–"¶ 81" and
    // "¶ 106"–"¶ 108" for bullets after the footnotes at the foot of the page before
    const cases: Array<[string, string]> = [
      ['Anti-personnel Mines Destruction', '9'],
      ['on Their Destruction amended mines protocol', '9'],
      ['enhanced programme of debt relief for the heavily indebted poor countries', '15'],
      ['grant more generous development assistance', '15'],
      ['benefits of new technologies especially information and communication technologies', '20'],
      ['respect fully and uphold the Universal Declaration of Human Rights', '25'],
      ['freedom of the media to perform their essential role', '25'],
      ['greater policy coherence and better cooperation between the United Nations', '30'],
    ];
    for (const [query, para] of cases) {
      const hit = (await engine.search(query, { limit: 1, filters: { document: 'A_RES_55_2' } })).hits[0]!;
      expect(hit.source.printedParagraph, query).toBe(para);
      expect(citationLine(hit.source), query).toContain(` · para. ${para} · `);
    }
    // the walk passes over a footnote only when it is marked as one
    expect(
      printedParagraphOf(at('• To adopt a policy.', 3), {
        before: (back) => [{ ...at('A/55/305; see Official Records', 2), footnote: true }, at('9. We resolve therefore:', 1)][back - 1],
      }),
    ).toBe('9');
    expect(
      printedParagraphOf(at('• To call on all States to accede to the Convention on Mines and', 3), {
        before: () => at('9. We resolve therefore:', 2),
      }),
    ).toBe('9');
  });

  it('a heading is not carried onto the numbered paragraph under it, which keeps its number (A/80/590 "(b) Human resources" | "44.")', async () => {
    const hit = (await engine.search('several human resources and administrative challenges', { limit: 1 })).hits[0]!;
    // before: "(b) Human resources 44. During the liquidation …" (earlier still cited "para. 43")
    expect(hit.text).toMatch(/^44\. During the liquidation/);
    expect(hit.source.printedParagraph).toBe('44');
    // the heading is the section of the paragraphs under it (QA21 F6), no passage of its own
    expect(hit.source.section).toBe('(b) Human resources');
    const [before] = engine.context(hit.id, 1);
    expect(before!.text).toMatch(/^43\. In addition, late identification/);
  });

  it('a stray fragment is not carried onto a numbered paragraph: A/81/6 (Sect. 24) para. 24.72 is cited "para. 24.72"', async () => {
    const sect = (await engineOfUnDocuments(['A_81_6_Sect.24.pdf'])).engine;
    const para = (await sect.search('"Table 24.16 lists all deliverables of the subprogramme"', { limit: 1 })).hits[0]!;
    // before: "and follow-up recommendations Deliverables 24.72 Table 24.16 lists …" (a table cell's last
    // words and the heading, carried onto it), cited "after para. 24.71", as was the table after it
    expect(para.text).toBe('24.72 Table 24.16 lists all deliverables of the subprogramme.');
    expect(citationLine(para.source)).toMatch(/ · para\. 24\.72 · p\. 34 · A\/81\/6 \(Sect\. 24\)$/);
    const row = (await sect.search('"Reports of the Human Rights Committee, including concluding observations"', { limit: 1 })).hits[0]!;
    expect(citationLine(row.source)).toContain(' · after para. 24.72 · p. 34 · ');
    // the subprogrammes' headings stand apart from their first paragraph likewise
    const objective = (await sect.search('"24.19 The objective, to which this subprogramme contributes"', { limit: 1 })).hits[0]!;
    expect(objective.text).toMatch(/^24\.19 The objective/);
  }, 60_000);

  it('a heading wrapped onto two lines is one passage, and the paragraph after it keeps its number (A/80/590 para. 53)', async () => {
    // before: "(e) Environmental mitigation and rehabilitation practices in closing" was one passage and
    // "peacekeeping missions 53. MINUSMA established…" the next, cited "¶ 79" (the report's last
    // paragraph is 79), then "after para. 52"
    const hit = (await engine.search('MINUSMA footprint environment working group', { limit: 1 })).hits[0]!;
    expect(hit.text).toMatch(/^53\. MINUSMA established the footprint and environment working group/);
    expect(citationLine(hit.source)).toContain(' · para. 53 · p. 12 · A/80/590');
    expect(hit.source.section).toBe('(e) Environmental mitigation and rehabilitation practices in closing peacekeeping missions');
  });

  it('in a budget section numbered 24.1, 24.2 …, a table row "3. Meetings of the Human Rights Council" is no paragraph', async () => {
    const sect = (await engineOfUnDocuments(['A_81_6_Sect.24.pdf'])).engine;
    const row = (await sect.search('thematic plenary panel on human rights mainstreaming', { limit: 1 })).hits[0]!;
    expect(row.text).toMatch(/^3\. Meetings of the Human Rights Council/);
    expect(row.source.printedParagraph).toBeUndefined();
    const para = (await sect.search('comparison of inter-agency reviews undertaken in 2022 and 2025', { limit: 1 })).hits[0]!;
    expect(para.source.printedParagraph).toMatch(/^24\.\d+$/);
  }, 60_000);

  it('the language versions of a resolution cite its sub-items alike: "(i)", "i)" and "(ط)" are para. 1', async () => {
    const { engine: versions } = await engineOfUnDocuments([
      'E_RES_2023_1-EN.xml',
      'E_RES_2023_1-FR.xml',
      'E_RES_2023_1-AR.xml',
      'E_RES_2023_1-RU.xml',
    ]);
    const res = await versions.search('E/RES/2023/1', { limit: 100 });
    const items = res.hits.filter((h) => /^(?:\(i\)|i\)|\(ط\)) /.test(h.text));
    // before: "para. 1" in English, "¶ 19" in French (no opening bracket) and Arabic (its notes and
    // its "1 -" number), where the report has a real paragraph 19
    expect(items.map((h) => h.source.document).sort()).toEqual(['E_RES_2023_1-AR', 'E_RES_2023_1-EN', 'E_RES_2023_1-FR', 'E_RES_2023_1-RU']);
    for (const h of items) expect(h.source.printedParagraph, h.source.document).toBe('1');
    // before: the Russian items а)–m) were "¶ 11"–"¶ 23": its footnotes stand between "1." and а)
    const ru = (await versions.search('форум по вопросам партнерства', { limit: 1 })).hits[0]!;
    expect(ru.source.document).toBe('E_RES_2023_1-RU');
    expect(ru.text).toMatch(/^а\) форум по вопросам партнерства/);
    expect(citationLine(ru.source)).toContain(' · para. 1 · E/RES/2023/1');
    expect(res.hits.find((h) => h.text.startsWith('2 - '))?.source.printedParagraph).toBe('2');
  }, 60_000);

  it('a short "1. 2." list does not make a note number its paragraphs; a resolution with two numbered paragraphs does (E/RES/2023/1)', async () => {
    const note = await engineOfStatements([
      {
        id: 'note',
        title: 'Note on the intersessional meetings',
        text: [
          'The Commission met in Vienna to review the work of its subsidiary bodies over the past year and the road ahead.',
          'The secretariat presented two options for the timing of the next intersessional meetings:',
          '1. Hold the meetings in October, before the budget is discussed in the Fifth Committee.',
          '2. Hold the meetings in January, after the budget has been adopted by the General Assembly.',
          'Several delegations preferred the second option, noting that the budget would then be known to all.',
          'The Chair closed the meeting after thanking the interpreters and the secretariat for their support.',
        ].join('\n\n'),
      },
    ]);
    const lines = note.searchSync('', { filters: { document: 'note' }, filtersAlone: true, limit: 10 }).hits.map((h) => citationLine(h.source));
    // before: "before para. 1", "before para. 1", …, "after para. 2", "after para. 2"
    expect(lines).toEqual([
      'Note on the intersessional meetings · ¶ 1',
      'Note on the intersessional meetings · ¶ 2',
      'Note on the intersessional meetings · para. 1',
      'Note on the intersessional meetings · para. 2',
      'Note on the intersessional meetings · ¶ 5',
      'Note on the intersessional meetings · ¶ 6',
    ]);
    // E/RES/2023/1 prints two numbers, and its items (a)–(m) fall under the first: its preamble and
    // closing line are still cited by where they stand, never by a passage count
    const { engine: resolution } = await engineOfUnDocuments(['E_RES_2023_1-EN.xml']);
    const all = resolution.searchSync('', { filters: { document: 'E_RES_2023_1-EN' }, filtersAlone: true, limit: 100 }).hits;
    const cited = (start: string) => citationLine(all.find((h) => h.text.startsWith(start))!.source);
    expect(cited('Reiterating that, as a principal organ')).toMatch(/ · before para\. 1 · E\/RES\/2023\/1$/);
    expect(cited('(m) The high-level segment')).toMatch(/ · para\. 1 · E\/RES\/2023\/1$/);
    expect(cited('1st plenary meeting')).toMatch(/ · after para\. 2 · E\/RES\/2023\/1$/);
    expect(all.some((h) => citationLine(h.source).includes('¶'))).toBe(false);
  }, 60_000);

  it('the "More context" view labels each passage as citations do', async () => {
    const drugs = (await engine.search('redouble our efforts to implement our commitment to counter the world drug problem', { limit: 1 })).hits[0]!;
    const around = engine.context(drugs.id, 1)!;
    const body = contextReply(around, drugs.id).cards?.[0]?.description ?? '';
    expect(body).toContain('**para. 9** ▶ • To redouble our efforts');
    expect(body).not.toMatch(/¶ \d+ • To/);
  });

  it('reads a printed number only where a paragraph opens with one', () => {
    expect(printedParagraphNumber('11. We will spare no effort')).toBe('11');
    expect(printedParagraphNumber('244. The reports of the United Nations mission')).toBe('244');
    expect(printedParagraphNumber('16.86 The Office will continue')).toBe('16.86');
    expect(printedParagraphNumber('2018/17. The rule of law')).toBeUndefined();
    expect(printedParagraphNumber('1.1.7 Percentage of all information')).toBeUndefined();
    expect(printedParagraphNumber('2024 was a year of crises.')).toBeUndefined();
    expect(printedParagraphNumber('5 See resolution 70/1.')).toBeUndefined();
    expect(printedParagraphNumber('We, heads of State')).toBeUndefined();
    expect(printedParagraphNumber('1. The Fifth Committee · 1 · 1 · 1')).toBeUndefined();
  });
});
