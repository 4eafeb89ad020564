/**
 * The page furniture of a verbatim record left in a plain-text speech (job numbers, the symbol and
 * date running head, the 1990s records' "General Assembly 14th meeting" heads, page numbers) is
 * taken out, and the paragraph it cut mid-sentence is whole again: on three real UNGDC speeches
 * (test/fixtures/ungdc-page-heads) and on lines cut from others.
 */
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadLibrary } from '../../src/ingest/load-library.ts';
import { reflow } from '../../src/ingest/reflow.ts';
import { dropRunningHeads, recordSymbolOfHeads } from '../../src/ingest/running-heads.ts';
import { createEngine, type VerbatimEngine } from '../../src/search/engine.ts';
import type { LibraryDocument } from '../../src/types.ts';

const FURNITURE = /\b\d{2}-\d{5}\b|A\/70\/PV\.22|01\/10\/2015|General Assembly 14th meeting|Forty-ninth session 3 October 1994/;

let engine: VerbatimEngine;
let documents: LibraryDocument[];
beforeAll(async () => {
  const lib = await loadLibrary(path.resolve(import.meta.dirname, '../fixtures/ungdc-page-heads'));
  documents = lib.documents;
  engine = createEngine(lib.documents, lib.report);
});

describe('real speeches with their records’ page furniture', () => {
  it.each([
    // Netanyahu 2015: "…a nuclear" / "28/55 15-29658" / "" / "01/10/2015 A/70/PV.22" / "arms race…"
    ['"unleashing a nuclear arms race"', '2015/ISR_70_2015', 'unleashing a nuclear arms race in their neighbourhoods'],
    // Al-Qadhafi 2009: "…they come here, they make" / "" / "09-52179 18" / "" / "speeches and then disappear."
    ['"make speeches and then disappear"', '2009/LBY_64_2009', 'make speeches and then disappear. This is who you are right now.'],
    // Mandela 1994: "…we can and must" / "8" / "General Assembly 14th meeting" / "Forty-ninth session 3 October 1994" / "do to ensure…"
    [
      '"what is it that we can and must do to ensure"',
      '1994/ZAF_49_1994',
      'what is it that we can and must do to ensure that democracy, peace and prosperity prevail everywhere?',
    ],
  ])('%s is found as written, in one passage without the head', (query, document, words) => {
    const res = engine.searchSync(query);
    expect(res.notices).toBeUndefined();
    expect(res.hits.map((h) => h.source.document)).toEqual([document]);
    expect(res.hits[0]!.text).toContain(words);
    expect(res.hits[0]!.text).not.toMatch(FURNITURE);
  });

  it('no passage holds a job number, the running head or a record’s head', () => {
    const held = documents.flatMap((d) => d.passages.filter((p) => FURNITURE.test(p.text)).map((p) => p.text.slice(0, 80)));
    expect(held).toEqual([]);
    // nor is there a passage opening on a sentence's second half
    const halves = documents.flatMap((d) => d.passages.filter((p) => /^(?:advance peace\?|speeches and then|do to ensure)/.test(p.text)));
    expect(halves).toEqual([]);
  });

  it('the paragraph the running head cut is cited as one: ¶ 7 of Netanyahu’s speech, as the file’s seventh paragraph', () => {
    const res = engine.searchSync('"Does anyone here think that Iran is doing that to advance peace"');
    expect(res.hits).toHaveLength(1);
    const hit = res.hits[0]!;
    expect(hit.source.paragraph).toBe(7);
    expect(hit.text).toMatch(/^I repeat, Iran has been doing all of this/);
    expect(hit.text).toContain('Does anyone here think that Iran is doing that to advance peace? Does anyone here think');
    // the paragraphs after it keep their places: the eighth line of text is ¶ 8
    expect(engine.searchSync('"began his so-called charm offensive"').hits[0]?.source.paragraph).toBe(8);
  });
});

describe('the record a speech was cut from, as its running heads name it (QA21 F3)', () => {
  it('cites Vanuatu 2015 "A/70/PV.20", its head read whole where it straddles the masthead window', () => {
    // before: "A/70/PV" (the head starts at character 1,492 and was cut at 1,500)
    const hit = engine.searchSync('Vanuatu 2008 world financial crisis').hits[0]!;
    expect(hit.source.document).toBe('2015/VUT_70_2015');
    expect(hit.source.symbol).toBe('A/70/PV.20');
    expect(new Set(engine.searchSync('climate symbol:A/70/PV.20').hits.map((h) => h.source.document))).toEqual(new Set(['2015/VUT_70_2015']));
  });

  it('cites Israel 2015 "A/70/PV.22" from heads past the first page, not the record its first paragraph quotes', () => {
    // before: no symbol, though four running heads say A/70/PV.22; ¶ 1 cites "(A/39/PV.32, para. 83)"
    const hit = engine.searchSync('"Gentlemen, check your fanaticism at the door"').hits[0]!;
    expect(hit.source.document).toBe('2015/ISR_70_2015');
    expect(hit.source.symbol).toBe('A/70/PV.22');
  });

  it('gives no symbol to a speech whose text holds none (Libya 2009: job numbers only), nor a cited one', () => {
    expect(documents.find((d) => d.id === '2009/LBY_64_2009')!.meta.symbol).toBeUndefined();
    expect(recordSymbolOfHeads(['We recall (see A/64/PV.3), as we said', 'A/64/PV.3', 'in 2009.'])).toBe('A/64/PV.3');
    expect(recordSymbolOfHeads(['As the Assembly heard (A/64/PV.3, p. 4), we act.', 'We act.'])).toBeUndefined();
    // heads naming two records name none
    expect(recordSymbolOfHeads(['Text goes', 'A/64/PV.3 23/09/2009', 'on and', 'A/64/PV.4 24/09/2009', 'on.'])).toBeUndefined();
  });
});

describe('dropRunningHeads: only lines made of furniture go', () => {
  const kept = (lines: string[], hardWrapped = false): string[] => dropRunningHeads(lines, { hardWrapped }).lines.filter((l) => l.trim());

  it.each([
    // job numbers with a page, or pages, either side; the symbol and date; 1990s heads
    ['09-52179 16'],
    ['17 09-52179'],
    ['15-29658 27/55'],
    ['2/42 17-29597'],
    ['17-29597 (E) *1729597*'],
    ['A/70/PV.22 01/10/2015'],
    ['01/10/2015 A/70/PV.22'],
    ['General Assembly 14th meeting'],
    ['General Assembly 22nd plenary meeting'],
    ['Forty-ninth session 3 October 1994'],
    ['Forty-eighth session - 11 October l993 21'],
    ['22 General Assembly - Forty-eighth session'],
  ])('%j between two lines of text', (head) => {
    expect(kept(['We must act now, and the', head, '', 'world must act with us.'])).toEqual(['We must act now, and the', 'world must act with us.']);
  });

  it.each([
    // a sentence holding a symbol, a date, a meeting or a session is text
    ['resolution A/RES/70/1 of 25 September 2015, which we adopted together.'],
    ['Forty-ninth session of the General Assembly.'],
    ['General Assembly resolution 48/141 of 20 December 1993.'],
    ['at its 14th meeting, on 3 October 1994, the Assembly decided'],
    // a numbered paragraph keeps its number
    ['21. The Government of my country has always supported the Organization.'],
    // a year, a date alone, pages alone are not enough
    ['2015'],
    ['13/01/2021'],
    ['62/91'],
  ])('keeps %j', (line) => {
    expect(kept(['The Assembly met.', line, 'It adjourned.'])).toEqual(['The Assembly met.', line, 'It adjourned.']);
  });

  it('takes a bare page number next to a head, or standing mid-sentence; keeps one between sentences in unwrapped text', () => {
    expect(
      kept(['what is it that we can and must', '8', 'General Assembly 14th meeting', 'Forty-ninth session 3 October 1994', 'do to ensure']),
    ).toEqual(['what is it that we can and must', 'do to ensure']);
    expect(kept(['The United Nations has long been engaged in the', '28', '', '', 'fight against drug-trafficking.'])).toEqual([
      'The United Nations has long been engaged in the',
      'fight against drug-trafficking.',
    ]);
    expect(kept(['These are the three threats I see facing us.', '', '4', '', 'Mr. President, the second threat is climate change.'])).toEqual([
      'These are the three threats I see facing us.',
      '4',
      'Mr. President, the second threat is climate change.',
    ]);
  });

  it('keeps a figure the sentence reads on when nothing else says it is a page’s number; real page numbers still go (review20 R5)', () => {
    // before: "…had reached million, the highest…", "…listed in annex agreed…"
    expect(kept(['By the end of the year the number of displaced persons had reached', '28', 'million, the highest in its history.'])).toEqual([
      'By the end of the year the number of displaced persons had reached',
      '28',
      'million, the highest in its history.',
    ]);
    expect(kept(['The measures are those listed in annex', '2', 'agreed by the parties in Paris.'])).toEqual([
      'The measures are those listed in annex',
      '2',
      'agreed by the parties in Paris.',
    ]);
    // the same number goes where the file's page numbers run on through it ("27", "29" at other breaks)
    const paged = ['The first page ends here.', '27', 'A second page: the number had reached', '28', 'million in all.', '29', 'The end.'];
    expect(kept(paged)).toEqual(['The first page ends here.', '27', 'A second page: the number had reached', 'million in all.', '29', 'The end.']);
    // real page numbers standing mid-sentence still go: by a blank line, or where the sentence cannot take them
    // Qatar 1994 (hard-wrapped): "37" could be a figure of "years", but the page's blank lines follow it
    expect(
      kept(['rescheduling agreements concluded over the past few', '37', '', '', 'years, the servicing of debt continues to consume over'], true),
    ).toEqual(['rescheduling agreements concluded over the past few', 'years, the servicing of debt continues to consume over']);
    // Syria 1971 (a paragraph a line): no blank line, no other page number, but "crimes 7 against" reads as no figure
    const syria = [
      'Israel has also been condemned for crimes committed in every part of the occupied territories: crimes',
      '7',
      'against civilians; against children, women and old men; against sacred historical places.',
    ];
    expect(kept(syria)).toEqual([syria[0], syria[2]]);
  });

  it('takes a job number glued before a line’s text, and the line continues the sentence before it', () => {
    const r = dropRunningHeads(['The world in which we', '10/56 16-29296 live is facing multidimensional challenges.'], { hardWrapped: false });
    expect(r.lines).toEqual(['The world in which we', 'live is facing multidimensional challenges.']);
    expect(r.removed).toEqual([{ line: 2, text: '10/56 16-29296' }]);
    expect(reflow('The world in which we\n10/56 16-29296 live is facing multidimensional challenges.\n')).toEqual([
      'The world in which we live is facing multidimensional challenges.',
    ]);
  });
});

describe('2024 converters’ page lines, and a symbol a page cut (real speeches)', () => {
  const held = (document: string, pattern: RegExp): string[] =>
    documents.filter((d) => d.id === document).flatMap((d) => d.passages.filter((p) => pattern.test(p.text)).map((p) => p.text.slice(-80)));

  it('Russia 2024: no passage ends on "--- --- ### Page 3 (continued):"', () => {
    // before: 7 passages held a converter's page line and its rules
    expect(held('2024/RUS_79_2024', /### Page|\S\s+---|---\s+\S/)).toEqual([]);
    const res = engine.searchSync('"sovereign equality of states"', { filters: { document: '2024/RUS_79_2024' } });
    expect(res.hits[0]!.text).toMatch(/on the basis of the Charter’s principle of the sovereign equality of states\.$/);
  });

  it('Liberia 2024: "Page 5|6" is out, and the sentence it cut is found whole', () => {
    expect(held('2024/LBR_79_2024', /Page \d\|6/)).toEqual([]);
    const res = engine.searchSync('"will not accept the region being used for proxy conflicts"');
    expect(res.notices).toBeUndefined();
    expect(res.hits.map((h) => h.source.document)).toEqual(['2024/LBR_79_2024']);
  });

  it('Slovakia 2024: the ornament line "z 11" it repeats at its breaks is out', () => {
    expect(held('2024/SVK_79_2024', /\bz 11\b/)).toEqual([]);
  });

  it('Nigeria 2016: "(see A/70/" | "14/18 16-29302 PV.15)" reads "(see A/70/PV.15)"', () => {
    // before: "(see A/70/ PV.15)"
    expect(held('2016/NGA_71_2016', /A\/70\/ PV/)).toEqual([]);
    const text = documents.find((d) => d.id === '2016/NGA_71_2016')!.passages[1]!.text;
    expect(text).toContain('after my assumption of office as President of the Federal Republic of Nigeria (see A/70/PV.15). Indeed');
  });

  it('a slash ending a line joins its word (Ethiopia 2001, "HIV/" | "AIDS"); one with a space after it stays apart (Chad 1992, "thus far/ ")', () => {
    const ethiopia = [
      'in waging it. Our strategy in fighting poverty touches',
      'on everything we do — in politics, diplomacy and the',
      'economic domain.',
      'We want to succeed in the fight against the HIV/',
      'AIDS pandemic affecting our country. This major',
      'scourge must be defeated. We are determined to fight',
      'against corruption, and our record is unambiguous in',
    ].join('\n');
    // before: "… the HIV/ AIDS pandemic …"
    expect(reflow(ethiopia)[1]).toMatch(/^We want to succeed in the fight against the HIV\/AIDS pandemic affecting our country\./);
    expect(
      reflow('Europe, for example, an area that had been spared violent upheavals thus far/ \n\nwe are now helplessly witnessing a situation\n'),
    ).toEqual(['Europe, for example, an area that had been spared violent upheavals thus far/ we are now helplessly witnessing a situation']);
  });
});

describe('reflow across a page whose furniture was taken out', () => {
  it('joins a sentence that runs on into a capital ("…by the United" / "Nations of Palestine…"), one paragraph a line', () => {
    const text = [
      'Mauritius strongly condemns the recent coup in Burkina Faso and appreciates the current initiatives of the United Nations.',
      'We congratulate the Palestinian Authority on the occasion of the formal recognition by the United',
      '15-29816 13/45',
      '',
      'A/70/PV.25 02/10/2015',
      'Nations of Palestine as an Observer State. Mauritius calls on the parties to resume negotiations.',
      'Climate change is the defining challenge of our time.',
    ].join('\n');
    expect(reflow(text)).toEqual([
      'Mauritius strongly condemns the recent coup in Burkina Faso and appreciates the current initiatives of the United Nations.',
      'We congratulate the Palestinian Authority on the occasion of the formal recognition by the United Nations of Palestine as an Observer State. Mauritius calls on the parties to resume negotiations.',
      'Climate change is the defining challenge of our time.',
    ]);
  });

  it('keeps the paragraph break when the page ended a sentence, and a numbered paragraph after it', () => {
    const text = [
      'We welcome the report of the Secretary-General on the work of the Organization.',
      '09-52179 16',
      '',
      '21. The Government of my country has always supported the Organization',
      'A/64/PV.3 23/09/2009',
      '22. We call on all States to join the Treaty.',
    ].join('\n');
    expect(reflow(text)).toEqual([
      'We welcome the report of the Secretary-General on the work of the Organization.',
      '21. The Government of my country has always supported the Organization',
      '22. We call on all States to join the Treaty.',
    ]);
  });
});
