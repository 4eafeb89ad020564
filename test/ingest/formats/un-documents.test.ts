/**
 * The real UN documents of test/fixtures/un-documents (copied byte for byte from
 * ../shared/corpora/un-documents; SOURCE.md says where each comes from), read as staff download
 * them: each failure listed in issue 9 on the file where it showed.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { getDocumentProxy } from 'unpdf';
import { afterAll, describe, expect, it } from 'vitest';
import { extractPdf } from '../../../src/ingest/formats/pdf.ts';
import { splitWordMender } from '../../../src/ingest/formats/split-words.ts';
import { toPassages } from '../../../src/ingest/passages.ts';
import { citationLine, sourceOf } from '../../../src/search/citation.ts';
import type { ExtractedDocument, ExtractedParagraph } from '../../../src/types.ts';
import { LIMITS } from './helpers.ts';

const ROOT = path.resolve(import.meta.dirname, '../../..');
export const UN_DOCUMENTS = path.resolve(ROOT, 'test/fixtures/un-documents');

const limits = { ...LIMITS, timeoutMs: 120_000 };
const cache = new Map<string, Promise<ExtractedDocument>>();
/** Each file is extracted once for the whole suite. */
function read(name: string): Promise<ExtractedDocument> {
  let doc = cache.get(name);
  if (!doc) {
    doc = extractPdf(new Uint8Array(readFileSync(path.join(UN_DOCUMENTS, name))), name, limits);
    cache.set(name, doc);
  }
  return doc;
}
const paras = async (name: string): Promise<ExtractedParagraph[]> => (await read(name)).paragraphs ?? [];
const body = async (name: string) => (await paras(name)).filter((p) => !p.kind);

const RECORDS = ['A_71_PV.1.pdf', 'A_50_PV.33.pdf', 'S_PV.8701.pdf', 'S_PV.8699_Resumption1.pdf'];

describe('real UN records: layout', () => {
  it('reads two columns apart: the left column’s sentence is not interleaved with the right one’s (A/71/PV.1)', async () => {
    const texts = (await paras('A_71_PV.1.pdf')).map((p) => p.text);
    expect(texts).toContain('The President: I declare open the seventy-first session of the General Assembly.');
    expect(texts.some((t) => t.includes('The President: I declare open') && t.includes('Development Goals'))).toBe(false);
    expect(texts.join('\n')).toContain(
      'The Secretary-General: It is a great pleasure to join everyone for the opening of the seventy-first session of the General Assembly.',
    );
  });

  it('finds the gutter when the columns’ baselines drift apart (S/PV.8699 (Resumption 1), p. 4)', async () => {
    const text = (await paras('S_PV.8699_Resumption1.pdf')).map((p) => p.text).join('\n');
    expect(text).toContain(
      'In the current environment, which is characterized by a trust deficit, the confidence-building mechanism that CICA provides',
    );
    expect(text).toContain('It is important to remember that the Charter was written in the blood of the millions of victims of world wars');
  });

  it('keeps running headers, footers, job numbers, barcodes and the disclaimer out of every passage', async () => {
    for (const name of RECORDS) {
      const text = (await paras(name))
        .filter((p) => (p.page ?? 1) > 1)
        .map((p) => p.text)
        .join('\n');
      expect(text, name).not.toMatch(/\b\d{2}-\d{5}\b/); // job number
      expect(text, name).not.toMatch(/\*\d{7}\*/); // barcode
      expect(text, name).not.toMatch(/\b\d{1,2}\/(?:2|21|35)\b/); // page counter n/N
      expect(text, name).not.toMatch(/\d{2}\/\d{2}\/(?:2016|2020)/); // the running header's date
      expect(text, name).not.toMatch(/This record (?:contains|is subject)/);
    }
    const all = (await paras('S_PV.8699_Resumption1.pdf')).map((p) => p.text);
    // The header alternates sides ("S/PV.8699 (Resumption 1) … 10/01/2020" / "10/01/2020 … S/PV. 8699 …").
    expect(all.filter((t) => /S\/PV\. ?8699 \(Resumption 1\)/.test(t))).toHaveLength(1);
    const first = (await paras('A_50_PV.33.pdf')).map((p) => p.text).join('\n');
    expect(first).not.toContain('95-86353');
    expect(first).not.toContain('This record contains the original text');
  });

  it('joins a paragraph cut by a page break into one, with both pages (A/71/PV.1 pp. 1–2)', async () => {
    const p = (await paras('A_71_PV.1.pdf')).find((q) => q.text.includes('towards a session that produces meaningful results for all'));
    expect(p).toMatchObject({ page: 1, pageEnd: 2 });
    const passages = toPassages('a71', await paras('A_71_PV.1.pdf'));
    const passage = passages.find((q) => q.text.includes('towards a session that produces meaningful results'));
    expect(passage?.pageEnd).toBe(2);
    const line = citationLine(sourceOf({ id: 'a71', meta: { symbol: 'A/71/PV.1' } }, passage!));
    expect(line).toContain('pp. 1–2');
  });

  it('joins a sentence cut by a column break in ragged-right text (A/50/PV.33, p. 3)', async () => {
    const text = (await paras('A_50_PV.33.pdf')).map((p) => p.text).join('\n');
    expect(text).toContain('reorienting the United Nations and its entire system towards its primary preventive objective');
  });

  it('takes footnote marks out of sentences and gives footnotes passages of their own (A/RES/79/191)', async () => {
    const all = await paras('A_RES_79_191.pdf');
    const text = all
      .filter((p) => !p.kind)
      .map((p) => p.text)
      .join('\n');
    expect(text).toContain('by the 1972 Protocol, the Convention on Psychotropic Substances of 1971, the United Nations Convention');
    expect(text).not.toMatch(/^\d{1,2} \d+\./m); // no stray mark before a paragraph number
    const notes = all.filter((p) => p.kind === 'footnote').map((p) => p.text);
    expect(notes).toContain('Resolution S-30/1, annex.');
    expect(notes).toContain('Ibid., vol. 1019, No. 14956.');
    expect(text).not.toContain('Ibid., vol. 1019');
    expect(text).not.toContain('________');
  });

  it('keeps a footnote that is only the symbol it cites, with its number, and every page footer out (QA21 F5)', async () => {
    // before: "A/79/120." (A/RES/79/191 note 28, p. 17) and "A/CONF.183/9." (A/RES/55/2 note 2, p. 3),
    // standing just above the page's footer, were dropped with it as running furniture
    const notes = async (name: string) => (await paras(name)).filter((p) => p.kind === 'footnote');
    expect(await notes('A_RES_79_191.pdf')).toContainEqual({ text: 'A/79/120.', page: 17, kind: 'footnote', mark: '28' });
    expect(await notes('A_RES_55_2.pdf')).toContainEqual({ text: 'A/CONF.183/9.', page: 3, kind: 'footnote', mark: '2' });
    expect((await notes('A_RES_79_191.pdf')).map((n) => n.mark)).toEqual(Array.from({ length: 28 }, (_, i) => String(i + 1)));
    // the footer beside it is still no passage: job number and page counter, the document's symbol
    const texts = (await paras('A_RES_79_191.pdf')).map((p) => p.text);
    expect(texts.filter((t) => /24-24134|17\/17|^A\/RES\/79\/191$/.test(t))).toEqual([]);
  });

  it('keeps a resolution’s closing line over its last page’s footnotes as a passage, no section of them (A/RES/79/157, A/RES/79/191)', async () => {
    // before: "53rd plenary meeting 17 December 2024", short and followed by a footnote, was read as
    // a heading: no passage held it, and the footnote had it as its section
    for (const name of ['A_RES_79_157.pdf', 'A_RES_79_191.pdf']) {
      const passages = toPassages('d', await paras(name));
      const closing = passages.find((p) => p.text === '53rd plenary meeting 17 December 2024');
      expect(closing, name).toBeDefined();
      expect(passages.filter((p) => p.sectionTitle === '53rd plenary meeting 17 December 2024')).toEqual([]);
    }
  });

  it('keeps a numbered paragraph set with a hanging indent whole (A/RES/55/2, A/81/6 Sect. 16)', async () => {
    const text = (await body('A_RES_55_2.pdf')).map((p) => p.text);
    // before: "…women and children from the" ended the passage, the rest was another
    expect(
      text.some((t) =>
        t.startsWith(
          '11. We will spare no effort to free our fellow men, women and children from the abject and dehumanizing conditions of extreme poverty',
        ),
      ),
    ).toBe(true);
    const sect = (await body('A_81_6_Sect.16.pdf')).map((p) => p.text);
    expect(
      sect.some((t) =>
        /^16\.1 The United Nations Office on Drugs and Crime \(UNODC\) is responsible for supporting Member States in making the world safer/.test(t),
      ),
    ).toBe(true);
  });

  it('carries such a paragraph on over a page break, one paragraph cited on both pages, and keeps the next heading apart', async () => {
    const res = await body('A_RES_55_2.pdf');
    // before: "…which has claimed more than 5 million lives in the" ended page 2, and "past decade."
    // (set at the hanging indent on page 3) was a paragraph of its own, cited without a number
    const eight = res.find((p) => p.text.startsWith('8. We will spare no effort to free our peoples from the scourge of war'))!;
    expect(eight.text).toMatch(
      /more than 5 million lives in the past decade\. We will also seek to eliminate the dangers posed by weapons of mass destruction\.$/,
    );
    expect([eight.page, eight.pageEnd]).toEqual([2, 3]);
    expect(res.some((p) => p.text.startsWith('past decade'))).toBe(false);
    const sect = (await body('A_81_6_Sect.16.pdf')).map((p) => p.text);
    expect(
      sect.some(
        (t) => t.startsWith('16.5 With regard to inter-agency coordination') && t.includes('on drug prevention, treatment and rehabilitation'),
      ),
    ).toBe(true);
    // a heading at the top of the next page does not carry on a paragraph ending on a stop
    expect(sect).toContain('Lessons learned and planned change');
  });

  it('carries an indented bullet or block quote on over a page break, the page’s footnote after it (A/RES/55/2 pp. 3–4, S/PV.8699 (Resumption 1) pp. 27–28)', async () => {
    // before: the bullet stopped at "…Anti-personnel Mines and", the footnote came next and "on
    // Their Destruction, …" was a passage of its own; the quote ended at "Now they are"
    const res = await paras('A_RES_55_2.pdf');
    const i = res.findIndex((p) => p.text.startsWith('• To call on all States to consider acceding to the Convention on the Prohibition'));
    expect(res[i]).toMatchObject({ page: 3, pageEnd: 4 });
    expect(res[i]!.text).toMatch(
      /Anti-personnel Mines and on Their Destruction, as well as the amended mines protocol to the Convention on conventional weapons\.$/,
    );
    expect(res[i + 1]).toMatchObject({ kind: 'footnote', page: 3 });
    expect(res[i + 1]!.text).toMatch(/^A\/55\/305-S\/2000\/809; see Official Records of the Security Council/);
    expect(res.some((p) => p.text.startsWith('on Their Destruction'))).toBe(false);
    const record = await paras('S_PV.8699_Resumption1.pdf');
    const quote = record.find((p) => p.text.startsWith('“Those are the moral obligations that the United Nations founders set forth.'));
    expect(quote).toMatchObject({
      text: '“Those are the moral obligations that the United Nations founders set forth. Now they are our responsibility. We must not fail.” (A/74/PV.3, pp. 39-40)',
      page: 27,
      pageEnd: 28,
    });
  });

  it('figures with no word beside them are not passages: chart axes, cells cut from their labels, a job number', async () => {
    for (const name of ['A_81_6_Sect.16.pdf', 'A_81_6_Sect.24.pdf', 'A_RES_55_2.pdf']) {
      const letterless = (await paras(name)).filter((p) => !/\p{L}/u.test(p.text)).map((p) => p.text);
      // before: Sect.16 had 176 such passages ("20 20 15 11 10 5 0"), Sect.24 84, A/RES/55/2 "00 55951";
      // what is left is Security Council resolutions cited by number and year, "1540 (2004)"
      expect(
        letterless.filter((t) => !/^(?:\d{3,4} \(\d{4}\) ?)+$/.test(t)),
        name,
      ).toEqual([]);
    }
    expect((await paras('A_81_6_Sect.16.pdf')).map((p) => p.text)).toContain('1540 (2004)');
    // a table row keeps its figures beside its label
    expect((await paras('A_80_590.pdf')).some((p) => p.text.includes('Civilian personnel · 68 552.0 · 50 969.8'))).toBe(true);
  });

  it('a unit’s raised exponent is no footnote mark: "2,050 m3 of general waste" (A/80/590)', async () => {
    const text = (await paras('A_80_590.pdf')).map((p) => p.text).join('\n');
    // before: "collecting 2,050 m of general waste and 12.5 m of incinerated…"
    expect(text).toContain('collecting 2,050 m3 of general waste and 12.5 m3 of incinerated');
  });

  it('every passage of a report has its page, the short lines around a table included (A/80/590)', async () => {
    const passages = toPassages('a80', await paras('A_80_590.pdf'));
    // before: "a Category Approved Actual Military contingents" (a table's heading lines, carried to
    // open the table and pushed alone when it came) and the contents' title had no page
    expect(passages.filter((p) => p.page === undefined).map((p) => p.text)).toEqual([]);
    // the column labels ("Category Approved Actual") are no section (QA21 F6) nor a passage alone:
    // they open the table under them (QA21 F7)
    expect(passages.filter((p) => /Category Approved Actual/.test(p.sectionTitle ?? ''))).toEqual([]);
    const table = passages.find((p) => p.text.includes('Approved deployment for the 2023/24 period · 687'));
    expect(table?.text).toMatch(/^Category Approved Actual \| Military contingents \| Approved deployment/);
    expect(table?.page).toBe(4);
  });

  it('drops a footnote mark and keeps the space after it (A/RES/55/2: "Action5 and" is "Action and", not "Actionand")', async () => {
    const text = (await body('A_RES_55_2.pdf')).map((p) => p.text).join('\n');
    expect(text).toContain('Barbados Programme of Action and the outcome');
    expect(text).toContain('Convention on Biological Diversity and the Convention to Combat Desertification');
    expect(text).toContain('Convention on the Rights of the Child and its optional protocols');
    expect(text).not.toMatch(/(?:Action|Diversity|Child)and\b/);
  });

  it('reads tables as tables, rows as "cell · cell", never glued into prose (A/80/590)', async () => {
    const all = await paras('A_80_590.pdf');
    const tables = all.filter((p) => p.kind === 'table').map((p) => p.text);
    expect(tables.some((t) => t.includes('Civilian personnel · 68 552.0 · 50 969.8 · 17 582.2 · 25.6'))).toBe(true);
    for (const p of all.filter((q) => !q.kind)) expect(p.text).not.toMatch(/(?:\d[\d.,]* ){4,}\d/);
  });

  it('gives Arabic as letters, not the presentation forms the PDF draws (Lebanon, GA79)', async () => {
    const text = (await paras('GA79_statement_Lebanon_ar.pdf')).map((p) => p.text).join('\n');
    expect(text).not.toMatch(/[\uFB50-\uFDFF\uFE70-\uFEFF]/);
    expect(text).toContain('كلمة وزیر الخارجیة');
  });

  it('reads a right-to-left line from the right: numbers stay where they are said, a word cut into two runs stays whole (Lebanon)', async () => {
    const text = (await paras('GA79_statement_Lebanon_ar.pdf')).map((p) => p.text).join('\n');
    // before: "للجمعیة العامة للأمم المتحدة 79 أمام الدورة 2024 أیلول 26" (the runs left to right)
    expect(text).toContain('أمام الدورة 79 للجمعیة العامة للأمم المتحدة 26 أیلول 2024');
    // before: "وھذا1701 شكل قرار مجلس الأمن الدولي رقمالصراع، ی": یشكل split, 1701 moved
    expect(text).toContain('الصراع، یشكل قرار مجلس الأمن الدولي رقم 1701، خط الدفاع الأول عن لبنان');
    expect(text).toContain('إن الالتزام بالقرار 1701 أمر ضروري');
    expect(text).not.toMatch(/\S1701|1701 (?:باشرت|اتنا)/);
  });

  it('puts no Arabic vowel mark on the wrong word: a tanween set apart goes back to its alef, a stray one is left out (Lebanon, QA21 F8)', async () => {
    const text = (await paras('GA79_statement_Lebanon_ar.pdf')).map((p) => p.text).join('\n');
    // before: "بالقرار 1701ً،", "مع المجتمع ً الدولي", "قرارا ً مھما" (marks moved by pdf.js's text order)
    expect(text).toContain('منھا بالقرار 1701، بحیث');
    expect(text).toContain('نعول على دعم المجتمع الدولي');
    expect(text).toContain('اتخذت الحكومة قراراً مھما بتطویع 1500');
    expect(text).not.toMatch(/(?:^|\s|[\d\p{P}])[\u064B-\u0652]/mu);
  });

  it('resolves line-end hyphens with the document’s own words: soft ones joined, compounds kept', async () => {
    const text = (await body('A_71_PV.1.pdf')).map((p) => p.text).join('\n');
    expect(text).toContain('the seventy-first session will welcome'); // "seventy-" | "first" at a line end
    expect(text).toContain('I now give the floor to the Secretary-General, His Excellency');
    expect(text).not.toMatch(/\p{Ll}- \p{Ll}/u);
  });

  it.each([
    // before: glued, so that neither "disaster risk" nor "disaster-risk" found them
    ['A_71_PV.1.pdf', 'from climate change to disaster-risk reduction', 'disasterrisk'],
    ['S_PV.8699_Resumption1.pdf', 'United Nations-led', 'Nationsled'],
    ['A_C.3_80_L.3.pdf', 'people-centred', 'peoplecentred'],
    ['S_PV.8699_Resumption1.pdf', 'twenty-five', 'twentyfive'],
    ['GA79_statement_Belarus_ru.pdf', 'кого-либо', 'коголибо'],
    ['A_80_590.pdf', 'end-of-mission', 'endof-mission'],
  ])(
    '%s: a compound hyphenated at a line end keeps its hyphen (two English words that make none joined, a Russian particle): %s',
    async (name, kept, glued) => {
      const text = (await paras(name)).map((p) => p.text).join('\n');
      expect(text).toContain(kept);
      expect(text).not.toContain(glued);
    },
  );
});

describe('real UN documents: spaces pdf.js writes inside words', () => {
  const text = async (name: string) => (await paras(name)).map((p) => p.text).join('\n');

  it('A/81/6 (Sect. 24) is titled and cited "Proposed programme budget for 2027", not "program me"; "follow up on" keeps its spaces', async () => {
    const doc = await read('A_81_6_Sect.24.pdf');
    expect(doc.meta.title).toMatch(/^Proposed programme budget for 2027: .*Section 24 Human rights$/);
    const passage = toPassages('sect24', doc.paragraphs ?? [])[0]!;
    expect(citationLine(sourceOf({ id: 'sect24', meta: doc.meta }, passage))).toContain('Proposed programme budget for 2027');
    const body = await text('A_81_6_Sect.24.pdf');
    expect(body).toContain('to assist States in their efforts to comply with their human rights obligations');
    expect(body).toContain('in preparing for and following up on their dialogue with');
    expect(body).not.toMatch(/\bprogram me\b/);
  });

  it('A/81/6 (Sect. 16) ¶ 16.86 has "Americas" beside "forensic" and "training", and its tables keep their figures apart', async () => {
    const passages = toPassages('sect16', await paras('A_81_6_Sect.16.pdf'));
    const p = passages.find((q) => q.text.includes('to support Member States in the Americas, the subprogramme developed'));
    expect(p?.text).toMatch(/forensic[\s\S]*Americas[\s\S]*training/);
    const body = await text('A_81_6_Sect.16.pdf');
    expect(body).toContain('international cooperation'); // "cooper ation", "coordinatio n", "th e" and more: one word each
    expect(body).not.toMatch(/\b(?:cooper ation|coordinatio n|inclu ding|th e)\b/);
    expect(body).toContain('while intensifying post-training follow-up');
    expect(body).toContain('due to the lower-than-projected value of seized');
  });

  it('A/RES/79/191: compounds have no space before their hyphen ("Non-custodial", "evidence-based"); a dash opening an aside keeps its space (Mexico)', async () => {
    const body = await text('A_RES_79_191.pdf');
    expect(body).toContain('Women Prisoners and Non-custodial Measures for Women Offenders');
    expect(body).toContain('require more scientific evidence-based evaluation');
    expect(body).toContain('reaffirming further the treaty-mandated roles');
    expect(body).not.toMatch(/\b(?:Non|evidence|treaty|drug|well) -\p{L}/u);
    // "la prosperidad compartida -porque la igualdad de las mujeres llegó ya-": the speech's own aside
    expect(await text('GA79_statement_Mexico_es.pdf')).toContain('en la prosperidad compartida -porque la igualdad');
    // A/80/590: the table's figures stay apart while its prose is mended
    const report = (await paras('A_80_590.pdf')).map((p) => p.text).join('\n');
    expect(report).toContain('a detailed inventory of United Nations-owned equipment and materials');
    expect(report).toContain('202 783.5 · 164 805.9 · 37 977.6 · 18.7');
  });

  it('the Senegal statement reads "79e Session" (superscript "e" after its number) and "Un Peuple-Un But-Une Foi"', async () => {
    const body = await text('GA79_statement_Senegal_fr.pdf');
    expect(body).toContain('79e Session ordinaire de l’Assemblée générale des Nations Unies');
    expect(body).toContain('Un Peuple-Un But-Une Foi');
    expect(body).toContain('de cette 79e session de l’Assemblée générale'); // a "79e" set on the line was already right
    expect(body).toContain('de se nourrir, de se loger, de s’éduquer et de'); // an elided word stays a word
    expect(body).toContain('New York, 25 septembre 2024'); // the heading's initial set apart: "N ew York"
  });
});

describe('real UN documents: symbols and titles from the first page', () => {
  it.each([
    ['A_71_PV.1.pdf', 'A/71/PV.1', 'General Assembly, Seventy-first session, 1st plenary meeting'],
    ['A_50_PV.33.pdf', 'A/50/PV.33', 'General Assembly, Fiftieth Session, 33rd plenary meeting'],
    ['S_PV.8701.pdf', 'S/PV.8701', 'Security Council, Seventy-fifth year, 8701st meeting'],
    ['S_PV.8699_Resumption1.pdf', 'S/PV.8699 (Resumption 1)', 'Security Council, Seventy-fifth year, 8699th meeting'],
    [
      'A_RES_79_191.pdf',
      'A/RES/79/191',
      'Addressing and countering the world drug problem through a comprehensive, integrated and balanced approach',
    ],
    ['A_RES_55_2.pdf', 'A/RES/55/2', 'United Nations Millennium Declaration'],
    ['A_RES_79_157.pdf', 'A/RES/79/157', 'Report of the Human Rights Council'],
    [
      'A_C.3_80_L.3.pdf',
      'A/C.3/80/L.3',
      'Strengthening the United Nations crime prevention and criminal justice programme, in particular its technical cooperation capacity',
    ],
    [
      'A_81_6_Sect.16.pdf',
      'A/81/6 (Sect. 16)',
      expect.stringMatching(/^Proposed programme budget for 2027: .*Section 16 International drug control/),
    ],
  ])('%s: %s, titled from its title block', async (name, symbol, title) => {
    const { meta } = await read(name);
    expect(meta.symbol).toBe(symbol);
    expect(meta.title).toEqual(title);
  });

  it.each([
    ['A_RES_79_191.pdf', '2024-12-17'], // "Resolution adopted by the General Assembly on 17 December 2024"
    // no adoption line on page 1 ("Distr.: General 18 September 2000" is its issue date): the day
    // it closes with, "8th plenary meeting 8 September 2000", when it was adopted
    ['A_RES_55_2.pdf', '2000-09-08'],
    ['A_80_590.pdf', '2026-01-07'],
    ['A_C.3_80_L.3.pdf', '2025-10-14'], // "Distr.: Limited"
    ['A_81_6_Sect.16.pdf', '2026-03-09'],
  ])('%s is dated %s from its first page or closing line (before: no date, and year: filters dropped it)', async (name, date) => {
    expect((await read(name)).meta.date).toBe(date);
  });

  it('takes no symbol and no placeholder title for a delegation’s speaking copy', async () => {
    for (const name of ['GA79_statement_Mexico_es.pdf', 'GA79_statement_Senegal_fr.pdf', 'GA79_statement_Belarus_ru.pdf']) {
      const { meta } = await read(name);
      expect(meta.symbol, name).toBeUndefined();
      expect(meta.title ?? '', name).not.toMatch(/^Microsoft|_|^United Nations$/);
    }
  });
});

/**
 * Lines of running text on a PDF page as pdf.js gives them: items of 9+ words, inner words only (so
 * no line-end hyphen), leaving out what recurs on another page (a letterhead, a running footer).
 * The spaces pdf.js writes inside words ("comp ly") are taken out as the extractor takes them out.
 */
async function pageSentences(file: string, pageNo: number): Promise<string[]> {
  const pdf = await getDocumentProxy(new Uint8Array(readFileSync(file)), { verbosity: 0 });
  try {
    const pages: string[][] = [];
    for (let k = 1; k <= pdf.numPages; k++) {
      const content = await (await pdf.getPage(k)).getTextContent();
      // Compared as people type them: presentation forms (Arabic shapes) as letters, like the extractor gives.
      pages.push(
        (content.items as { str?: string }[]).map((i) => (i.str ?? '').replace(/[\uFB00-\uFDFF\uFE70-\uFEFF]+/g, (m) => m.normalize('NFKC'))),
      );
    }
    const mend = splitWordMender(pages.flat());
    const lines = pages.map((items) => items.map((s) => mend(s).replace(/\s+/g, ' ').trim()));
    const n = Math.min(pageNo, pdf.numPages);
    const elsewhere = new Set(lines.flatMap((items, k) => (k + 1 === n ? [] : items)));
    return lines[n - 1]!.filter((s) => s.split(' ').length >= 9 && /^[\p{L}\p{N} ,.’'()-]+$/u.test(s) && !elsewhere.has(s)).map((s) =>
      s.split(' ').slice(1, -1).join(' '),
    );
  } finally {
    await pdf.destroy();
  }
}

const pdfs = readdirSync(UN_DOCUMENTS).filter((f) => f.endsWith('.pdf') && !f.includes('scanned'));

describe('real UN documents: a sentence from page 3 reads as the record reads', () => {
  let tmp: string | undefined;
  afterAll(() => {
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  it.each(pdfs)('%s: every long line of page 3 lies whole inside one paragraph', async (name) => {
    const lines = await pageSentences(path.join(UN_DOCUMENTS, name), 3);
    expect(lines.length, 'page 3 has lines of running text').toBeGreaterThan(0);
    // A long paragraph is cut into passages at sentence ends: a line may straddle such a cut. A
    // heading's line is the section title of the passages under it.
    const byParagraph = new Map<number, string>();
    const sections = new Set<string>();
    for (const p of toPassages(name, await paras(name))) {
      const before = byParagraph.get(p.paragraph);
      byParagraph.set(p.paragraph, before ? `${before} ${p.text}` : p.text);
      if (p.sectionTitle) sections.add(p.sectionTitle);
    }
    const texts = [...byParagraph.values(), ...sections];
    const missed = lines.filter((l) => !texts.some((p) => p.includes(l)));
    expect(missed).toEqual([]);
  });

  it('`npm run search` over the folder finds a page-3 sentence of each PDF, in that PDF', async () => {
    tmp = mkdtempSync(path.join(tmpdir(), 'verbatim-un-'));
    const queries: { id: string; query: string; expect: string }[] = [];
    for (const name of pdfs) {
      const lines = await pageSentences(path.join(UN_DOCUMENTS, name), 3);
      const line = lines[Math.floor(lines.length / 2)];
      if (line) queries.push({ id: name, query: `"${line.replace(/"/g, '')}"`, expect: name });
    }
    const batch = path.join(tmp, 'queries.jsonl');
    writeFileSync(batch, queries.map((q) => JSON.stringify({ id: q.id, query: q.query })).join('\n') + '\n');
    const out = await new Promise<string>((resolve, reject) => {
      execFile(
        path.join(ROOT, 'node_modules/.bin/tsx'),
        [path.join(ROOT, 'src/cli/search.ts'), '--data', UN_DOCUMENTS, '--batch', batch, '--json', '--limit', '3'],
        { cwd: ROOT, env: { ...process.env, INDEX_CACHE: path.join(tmp!, 'cache.bin'), EXTRACT_TIMEOUT_MS: '120000' }, timeout: 280_000 },
        (err, stdout, stderr) => (err ? reject(new Error(`${err.message}\n${stderr}`)) : resolve(stdout)),
      );
    });
    const results = out
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { id: string; hits: { source: { document: string } }[] });
    for (const q of queries) {
      const r = results.find((x) => x.id === q.id);
      // The same sentence may stand in two documents (a draft and the resolution it became): the
      // PDF it was taken from must be among the hits.
      expect(r?.hits.map((h) => h.source.document) ?? [], q.query).toContain(q.expect.replace(/\.pdf$/, ''));
    }
  }, 300_000);
});
