import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildDocument, closeExtractors, loadFile } from '../../src/ingest/load-library.ts';
import { ordinalWord } from '../../src/text/ordinals.ts';
import { reflow } from '../../src/ingest/reflow.ts';
import {
  attributeStatements,
  countryOf,
  findNarrated,
  isRecord,
  parseSummaryTurn,
  parseTurn,
  readRecordHeader,
  splitAtTurns,
  statementOf,
} from '../../src/ingest/statements.ts';
import { citationLine, sourceOf } from '../../src/search/citation.ts';
import type { LibraryDocument } from '../../src/types.ts';

const repo = new URL('../../', import.meta.url).pathname;
/** The real UN records (a copy of ../shared/corpora/un-documents in the repository; see its SOURCE.md). */
const unDocs = path.join(repo, 'test/fixtures/un-documents');

afterAll(closeExtractors);

describe('parseTurn: a speaker turn at the start of a paragraph', () => {
  it.each([
    ['Mr. Duque Márquez (Colombia): I thank you.', { speaker: 'Mr. Duque Márquez', represents: 'Colombia' }],
    ['The President: I now give the floor to the representative of Kuwait.', { speaker: 'The President' }],
    ['The Acting President: I call on the next speaker.', { speaker: 'The Acting President' }],
    ['The Secretary-General: It is a great pleasure to join you.', { speaker: 'The Secretary-General' }],
    [
      'Mrs. Buenrostro Massieu (Mexico) (spoke in Spanish): We welcome…',
      { speaker: 'Mrs. Buenrostro Massieu', represents: 'Mexico', languageNote: 'spoke in Spanish', language: 'es' },
    ],
    [
      'Mr. Tejera-París (Venezuela) (interpretation from Spanish): The report…',
      { speaker: 'Mr. Tejera-París', represents: 'Venezuela', languageNote: 'interpretation from Spanish', language: 'es' },
    ],
    [
      'Mr. Akram (Pakistan), on behalf of the Group of 77 and China: The Group…',
      { speaker: 'Mr. Akram', represents: 'Pakistan', onBehalfOf: 'the Group of 77 and China' },
    ],
    [
      'Mr. Skinner-Klée Arenales (Guatemala), speaking on behalf of the Group of 77 and China (spoke in Spanish): …',
      { speaker: 'Mr. Skinner-Klée Arenales', represents: 'Guatemala', onBehalfOf: 'the Group of 77 and China', language: 'es' },
    ],
    ['Mr. Qin Huasun (China) (interpretation from Chinese): Fifty years ago…', { speaker: 'Mr. Qin Huasun', represents: 'China', language: 'zh' }],
    [
      'Mr. Abolhassani Shahreza (Islamic Republic of Iran): My delegation…',
      { speaker: 'Mr. Abolhassani Shahreza', represents: 'Islamic Republic of Iran' },
    ],
    ['Mr. Skoog (European Union): I have the honour…', { speaker: 'Mr. Skoog', represents: 'European Union' }],
    ['Mrs. Robinson: I thank you, Mr. President.', { speaker: 'Mrs. Robinson' }],
    ['Mr. ADODO (Togo): Allow me first…', { speaker: 'Mr. ADODO', represents: 'Togo' }],
    [
      'President Duque Márquez (spoke in Spanish): It is an honour…',
      { speaker: 'President Duque Márquez', languageNote: 'spoke in Spanish', language: 'es' },
    ],
    ['Prime Minister Modi (spoke in Hindi): Namaskar.', { speaker: 'Prime Minister Modi', languageNote: 'spoke in Hindi' }],
    ['King Abdullah II: In the name of God…', { speaker: 'King Abdullah II' }],
    // French, Spanish, Russian and Arabic records
    ['Le Président : Je donne maintenant la parole au représentant de la Colombie.', { speaker: 'Le Président' }],
    [
      'M. Duque Márquez (Colombie) (parle en espagnol) : Je vous remercie.',
      { speaker: 'M. Duque Márquez', represents: 'Colombie', languageNote: 'parle en espagnol', language: 'es' },
    ],
    ['El Presidente: Tiene la palabra el representante de Colombia.', { speaker: 'El Presidente' }],
    ['Sra. Buenrostro Massieu (México) (habla en inglés): Gracias.', { speaker: 'Sra. Buenrostro Massieu', represents: 'México', language: 'en' }],
    ['Председатель: Слово предоставляется представителю Колумбии.', { speaker: 'Председатель' }],
    ['Г-н Небензя (Российская Федерация): Спасибо.', { speaker: 'Г-н Небензя', represents: 'Российская Федерация' }],
    ['Г-н Дуке Маркес (Колумбия) (говорит по-испански): Спасибо.', { speaker: 'Г-н Дуке Маркес', language: 'es' }],
    ['الرئيس: أعطي الكلمة الآن لممثل كولومبيا.', { speaker: 'الرئيس' }],
    ['السيد دوكي ماركيز (كولومبيا) (تكلم بالإسبانية): شكرا.', { speaker: 'السيد دوكي ماركيز', represents: 'كولومبيا', language: 'es' }],
  ])('%s', (text, expected) => {
    expect(parseTurn(text)).toMatchObject(expected);
  });

  it.each([
    'Mr. President: allow me to thank you.',
    'Mr. President, allow me to thank you.',
    'The President of the General Assembly said that we must act.',
    'Colombia (2020): a year of change.',
    'Members: Belgium . . . . . . Ms. Schaetzen',
    'In accordance with rule 62 of the rules of procedure: silence.',
    'President: Mr. Thomson . . . . . . . . (Fiji)',
    'My delegation (Colombia): we think so.',
    'President Kennedy said: we choose to go to the Moon.',
  ])('no turn in %s', (text) => {
    expect(parseTurn(text)).toBeUndefined();
  });

  it('splits a paragraph where a turn follows a sentence end, and nowhere else', () => {
    expect(splitAtTurns('It was so decided. The President: I now give the floor to Colombia.')).toEqual([
      'It was so decided.',
      'The President: I now give the floor to Colombia.',
    ]);
    expect(splitAtTurns('We heard the President: a fine speech.')).toHaveLength(1);
  });
});

describe('what is read as a record', () => {
  const turns = [
    { text: 'The President: I give the floor to the representative of Colombia.' },
    { text: 'Mr. Duque Márquez (Colombia): Thank you.' },
    { text: 'The President: I thank him.' },
  ];
  it('a record symbol, or three turns by two speakers; never a document that names its speaker', () => {
    expect(isRecord({ symbol: 'A/76/PV.5' }, [])).toBe(true);
    expect(isRecord({ symbol: 'E/2021/SR.5' }, [])).toBe(true);
    expect(isRecord({}, turns)).toBe(true);
    expect(isRecord({ speaker: 'Iván Duque Márquez' }, turns)).toBe(false);
    expect(isRecord({ symbol: 'A/RES/55/2' }, turns.slice(0, 2))).toBe(false);
    // UNGDC: TGO_44_1989 opens twice with "Mr. ADODO (Togo):" — one speaker, not a record.
    expect(isRecord({}, [{ text: 'Mr. ADODO (Togo): Allow me.' }, { text: 'Mr. ADODO (Togo): Again.' }, { text: 'Mr. ADODO (Togo): Thanks.' }])).toBe(
      false,
    );
  });

  it('a one-speaker statement is never split, even with a "The Acting President:" line in it (UNGDC MNG_72_2017)', () => {
    const a = attributeStatements({ speaker: 'Mr. Enkhtuvshin', country: 'MNG' }, [
      { text: 'The Acting President: I now call on His Excellency Mr. Aurélien Agbenonci.' },
      ...turns,
    ]);
    expect(a.statements).toEqual([]);
  });

  it('the UNGDC speeches in test/fixtures/ungdc are not split', async () => {
    for (const file of ['2021/COL_76_2021.txt', '2011/VEN_66_2011.txt', '1956/AUT_11_1956.txt']) {
      const r = await loadFile(path.join(repo, 'test/fixtures/ungdc'), file);
      expect(r.documents[0]?.statements, file).toBeUndefined();
    }
  });
});

describe('statements of a record', () => {
  const paragraphs = [
    { text: 'United Nations A/76/PV.5', page: 1 },
    { text: 'General Assembly Official Records Seventy-sixth session', page: 1 },
    { text: '5th plenary meeting', page: 1 },
    { text: 'Tuesday, 21 September 2021, 3 p.m.', page: 1 },
    { text: 'The President: I now give the floor to His Excellency Mr. Iván Duque Márquez, President of the Republic of Colombia.', page: 11 },
    {
      text: 'Mr. Duque Márquez (Colombia) (spoke in Spanish): It is an honour to address this Assembly on behalf of the Colombian people.',
      page: 12,
    },
    { text: 'Colombia has received more than 1.8 million migrants from Venezuela and has given them temporary protection.', page: 12 },
    { text: 'Mr. Iván Duque Márquez, President of the Republic of Colombia, was escorted from the General Assembly Hall.', page: 12 },
    { text: 'It was so decided.', page: 13 },
    { text: 'Agenda item 8', page: 13 },
    { text: 'Mr. Akram (Pakistan): I have the honour to speak on behalf of the Group of 77 and China. The Group welcomes the report.', page: 13 },
  ];
  const doc = buildDocument('A_76_PV.5', 'A_76_PV.5.pdf', { symbol: 'A/76/PV.5' }, paragraphs)!;

  it('reads the masthead: body, session, meeting and date', () => {
    expect(readRecordHeader(paragraphs)).toEqual({ body: 'General Assembly', session: '76', meeting: '5th plenary meeting', date: '2021-09-21' });
    expect(doc.meta).toMatchObject({ date: '2021-09-21', session: '76', meeting: 'General Assembly, 5th plenary meeting' });
  });

  it('reads who presides from the masthead, with or without dot leaders', () => {
    const head = (line: string) =>
      readRecordHeader([
        { text: 'General Assembly Official Records', page: 1 },
        { text: line, page: 1 },
      ]).president;
    expect(head('President: Mr. Freitas do Amaral . . . . . . . . . . . . . . . . (Portugal)')).toBe('Mr. Freitas do Amaral (Portugal)');
    expect(head('President: Ms. Espinosa Garcés (Ecuador) Members: Belgium Mr. Pecsteen')).toBe('Ms. Espinosa Garcés (Ecuador)');
    expect(head('The President of the Republic of Colombia (Colombia)')).toBeUndefined();
  });

  it('gives each statement its speaker, country code, language note, on behalf of, passages and pages', () => {
    expect(doc.statements!.map(({ first, last, ...s }) => s)).toEqual([
      { kind: 'turn', speaker: 'The President', page: 11 },
      {
        kind: 'turn',
        speaker: 'Mr. Duque Márquez',
        country: 'COL',
        countryName: 'Colombia',
        languageNote: 'spoke in Spanish',
        language: 'es',
        page: 12,
      },
      { kind: 'turn', speaker: 'Mr. Akram', country: 'PAK', countryName: 'Pakistan', onBehalfOf: 'the Group of 77 and China', page: 13 },
    ]);
    // the masthead and the procedural line belong to no one
    const owner = (needle: string) => {
      const p = doc.passages.find((q) => q.text.includes(needle))!;
      return statementOf(doc, p)?.speaker;
    };
    expect(owner('1.8 million migrants')).toBe('Mr. Duque Márquez');
    expect(owner('It was so decided')).toBeUndefined();
    expect(owner('was escorted from the General Assembly Hall')).toBeUndefined();
    expect(owner('Seventy-sixth session')).toBeUndefined();
  });

  it("cites a passage as its speaker's, with the record as the source", () => {
    const p = doc.passages.find((q) => q.text.includes('1.8 million migrants'))!;
    expect(citationLine(sourceOf(doc, p))).toBe('Mr. Duque Márquez (Colombia) (spoke in Spanish) · A/76/PV.5 · 21 September 2021 · p. 12');
    const g77 = doc.passages.find((q) => q.text.includes('The Group welcomes'))!;
    expect(citationLine(sourceOf(doc, g77))).toBe(
      'Mr. Akram (Pakistan), on behalf of the Group of 77 and China · A/76/PV.5 · 21 September 2021 · p. 13',
    );
  });
});

describe('heads of State in the general debate', () => {
  it('"Address by …, President of the Republic of Colombia" gives "President Duque Márquez:" his country', () => {
    const doc = buildDocument('A_76_PV.3', 'A_76_PV.3.pdf', { symbol: 'A/76/PV.3', date: '2021-09-21' }, [
      { text: 'Address by Mr. Iván Duque Márquez, President of the Republic of Colombia', page: 11 },
      { text: 'Mr. Iván Duque Márquez, President of the Republic of Colombia, was escorted into the General Assembly Hall.', page: 11 },
      { text: 'The President: On behalf of the General Assembly, I have the honour to welcome His Excellency Mr. Iván Duque Márquez.', page: 11 },
      { text: 'President Duque Márquez (spoke in Spanish): Colombia has received more than 1.8 million migrants from Venezuela.', page: 12 },
      { text: 'Address by Mr. Boris Johnson, Prime Minister of the United Kingdom of Great Britain and Northern Ireland', page: 14 },
      { text: 'Prime Minister Johnson: It is an honour to address the Assembly.', page: 14 },
    ])!;
    expect(doc.statements!.map((s) => [s.speaker, s.country ?? null])).toEqual([
      ['The President', null],
      ['President Duque Márquez', 'COL'],
      ['Prime Minister Johnson', 'GBR'],
    ]);
    const p = doc.passages.find((q) => q.text.includes('1.8 million'))!;
    expect(citationLine(sourceOf(doc, p))).toBe('President Duque Márquez (Colombia) (spoke in Spanish) · A/76/PV.3 · 21 September 2021 · p. 12');
  });
});

describe('records in French, Spanish, Russian and Arabic', () => {
  it.each([
    ['Colombie', 'COL'],
    ['Колумбия', 'COL'],
    ['كولومبيا', 'COL'],
    ['México', 'MEX'],
    ['Allemagne', 'DEU'],
    ['Fédération de Russie', 'RUS'],
    ['Российская Федерация', 'RUS'],
    ['الاتحاد الروسي', 'RUS'],
    ['Venezuela (République bolivarienne du)', 'VEN'],
    ['Islamic Republic of Iran', 'IRN'],
    ['中国', 'CHN'],
  ])('%s → %s', (name, code) => {
    expect(countryOf(name)?.code).toBe(code);
  });

  it('bodies are no country', () => {
    expect(countryOf('Union africaine')).toBeUndefined();
    expect(countryOf('African Union')).toBeUndefined();
  });

  it('a French record: speakers, countries as written and coded, language notes', () => {
    const a = attributeStatements({ symbol: 'A/76/PV.5' }, [
      { text: 'Le Président : Je donne maintenant la parole au représentant de la Colombie.' },
      { text: 'M. Duque Márquez (Colombie) (parle en espagnol) : Je vous remercie, Monsieur le Président.' },
      { text: 'Mme Buenrostro Massieu (Mexique) : Le Mexique appuie le projet.' },
      { text: 'La séance est levée à 13 heures.' },
    ]);
    expect(a.statements).toEqual([
      { kind: 'turn', speaker: 'Le Président' },
      { kind: 'turn', speaker: 'M. Duque Márquez', country: 'COL', countryName: 'Colombie', languageNote: 'parle en espagnol', language: 'es' },
      { kind: 'turn', speaker: 'Mme Buenrostro Massieu', country: 'MEX', countryName: 'Mexique' },
    ]);
    expect(a.paragraphs.map((p) => p.statement ?? null)).toEqual([0, 1, 2, null]);
  });
});

describe('summary records (third person)', () => {
  it.each([
    ['12. Mr. Duque Márquez (Colombia) said that his Government had acted.', { speaker: 'Mr. Duque Márquez', represents: 'Colombia' }],
    ['The Chair said that the Committee would take up item 4.', { speaker: 'The Chair' }],
    [
      '3. Ms. Buenrostro (Mexico), speaking on behalf of the Group of Friends of Mediation, said that…',
      { speaker: 'Ms. Buenrostro', represents: 'Mexico', onBehalfOf: 'the Group of Friends of Mediation' },
    ],
  ])('%s', (text, expected) => {
    expect(parseSummaryTurn(text)).toMatchObject(expected);
  });

  it('someone named in passing is no turn', () => {
    expect(parseSummaryTurn('Mr. Guterres said in 2019 that the climate crisis was a race.')).toBeUndefined();
    expect(parseSummaryTurn('The delegation of Colombia said that it agreed.')).toBeUndefined();
  });

  it('splits an A/C.3/…/SR record by speaker; "He also said" stays with the speaker', () => {
    const a = attributeStatements({ symbol: 'A/C.3/76/SR.5' }, [
      { text: '1. The Chair said that the Committee would begin its general discussion of item 25.' },
      { text: '2. Mr. Duque Márquez (Colombia) said that his country had received 1.8 million migrants.' },
      { text: '3. He also said that temporary protection had been granted to them.' },
      { text: '4. Ms. Buenrostro (Mexico) (spoke in Spanish) said that Mexico supported the draft.' },
      { text: 'The meeting rose at 1 p.m.' },
    ]);
    expect(a.statements.map((s) => [s.speaker, s.country ?? null, s.language ?? null])).toEqual([
      ['The Chair', null, null],
      ['Mr. Duque Márquez', 'COL', null],
      ['Ms. Buenrostro', 'MEX', 'es'],
    ]);
    expect(a.paragraphs.map((p) => p.statement ?? null)).toEqual([0, 1, 1, 2, null]);
  });
});

describe('statements a report narrates', () => {
  it('finds the actor, its country and acronym', () => {
    expect(
      findNarrated(
        '…, while the representative of the civil society organization Center for Governance Research (CGR) from Pakistan stated that about 87% …',
      ),
    ).toMatchObject([{ actor: 'Center for Governance Research (CGR)', from: 'Pakistan' }]);
    expect(
      findNarrated(
        'a representative of the civil society organization Drug Policy Network South East Europe, from the Republic of Serbia (DPNSEE), pointed out that',
      ),
    ).toMatchObject([{ actor: 'Drug Policy Network South East Europe (DPNSEE)', from: 'Serbia' }]);
    expect(findNarrated('the participants got acquainted with the data of the Global Drug Policy Observatory (UK), which determined that')).toEqual(
      [],
    );
  });

  it("the sample report: the 87% passage is the CGR's, reported in Serbia's report", async () => {
    const r = await loadFile(path.join(repo, 'data'), 'cnd-64-intersessional-2021-10.txt');
    const doc = r.documents[0]!;
    const p = doc.passages.find((q) => q.text.includes('87% of heroin'))!;
    expect(p.text.startsWith('while the representative of the civil society organization Center for Governance Research (CGR)')).toBe(true);
    expect(p.text).not.toContain('97.4%');
    const s = sourceOf(doc, p);
    expect(s).toMatchObject({
      statement: 'reported',
      speaker: 'Center for Governance Research (CGR)',
      country: 'PAK',
      reportedBy: 'Office for Combating Drugs, Government of the Republic of Serbia',
    });
    expect(citationLine(s)).toBe(
      'Center for Governance Research (CGR), Pakistan — reported in: Office for Combating Drugs, Government of the Republic of Serbia · ' +
        'Commission on Narcotic Drugs, 64th session — first intersessional meeting · 19 October 2021 · ¶ 2',
    );
    // the part before it is the Colombian foundation's, and keeps the same ¶
    const before = doc.passages.find((q) => q.text.includes('97.4%'))!;
    expect(sourceOf(doc, before)).toMatchObject({ speaker: 'Fundacion objectivo cero', country: 'COL', paragraph: 2 });
    // the report's own opening paragraph stays the report's
    const opening = sourceOf(doc, doc.passages[0]!);
    expect(opening.statement).toBeUndefined();
    expect(opening.country).toBe('SRB');
  });
});

describe('real records in test/fixtures/un-documents', () => {
  const load = async (file: string): Promise<LibraryDocument> => {
    const r = await loadFile(unDocs, file, undefined);
    expect(r.skipped).toEqual([]);
    return r.documents[0]!;
  };
  const first = (doc: LibraryDocument, n: number) => doc.statements!.slice(0, n).map((s) => citationLine(sourceOf(doc, doc.passages[s.first]!)));

  it('A/50/PV.33: the Philippines, Venezuela (interpretation from Spanish), then the President', async () => {
    const doc = await load('A_50_PV.33.pdf');
    expect(doc.meta).toMatchObject({ symbol: 'A/50/PV.33', date: '1995-10-18', session: '50' });
    expect(first(doc, 3)).toEqual([
      'Mr. Arcilla (Philippines) · A/50/PV.33 · 18 October 1995 · p. 1',
      'Mr. Tejera-París (Venezuela) (interpretation from Spanish) · A/50/PV.33 · 18 October 1995 · p. 2',
      'The President, Mr. Freitas do Amaral (Portugal) · A/50/PV.33 · 18 October 1995 · p. 3',
    ]);
    const codes = new Set(doc.statements!.map((s) => s.country).filter(Boolean));
    for (const c of ['PHL', 'VEN', 'IND', 'PAK', 'RUS', 'ESP', 'CHN', 'JPN', 'USA', 'ISR', 'FRA']) expect(codes, c).toContain(c);
    // India's right of reply and Pakistan's answer are two statements, not one
    const india = doc.statements!.find((s) => s.country === 'IND')!;
    const pakistan = doc.statements!.find((s) => s.country === 'PAK')!;
    expect(pakistan.first).toBe(india.last + 1);
  });

  it("A/50/PV.33: an adoption line naming the draft's symbol is nobody's words", async () => {
    const doc = await load('A_50_PV.33.pdf');
    const said = (start: string) => {
      const p = doc.passages.find((q) => q.text.startsWith(start));
      expect(p, start).toBeDefined();
      return statementOf(doc, p!)?.speaker;
    };
    // before: cited "— The President, Mr. Freitas do Amaral (Portugal) · A/50/PV.33 · 18 October 1995 · p. 20"
    // ("[^.]" could not pass the dots of "A/50/L.3" and "Corr.1")
    expect(said('Draft resolution A/50/L.3 and Corr.1 was adopted (resolution 50/5).')).toBeUndefined();
    expect(said('The draft resolution was adopted (resolution 50/4).')).toBeUndefined();
    // the President's words before it are still his, and his next turn is his again
    expect(said('May I take it that the Assembly decides to adopt draft resolution A/50/L.3')).toBe('The President');
    expect(said('The President: The representative of France has requested')).toBe('The President');
  });

  it('S/PV.8701: the meeting and date from the masthead; the vote belongs to no one', async () => {
    const doc = await load('S_PV.8701.pdf');
    expect(doc.meta).toMatchObject({ symbol: 'S/PV.8701', date: '2020-01-13', meeting: 'Security Council, 8701st meeting' });
    expect(doc.statements!.map((s) => s.speaker)).toEqual(['The President', 'The President']);
    // who presides comes from the masthead ("President: Mr. Dang (Viet Nam)"); the turn is not Viet Nam's statement
    expect(doc.statements![0]).toMatchObject({ post: 'Mr. Dang (Viet Nam)' });
    expect(doc.statements![0]!.country).toBeUndefined();
    const vote = doc.passages.find((p) => p.text.startsWith('A vote was taken'))!;
    expect(statementOf(doc, vote)).toBeUndefined();
  });

  it('A/71/PV.1: opened by the President, session 71, 13 September 2016', async () => {
    const doc = await load('A_71_PV.1.pdf');
    expect(doc.meta).toMatchObject({ date: '2016-09-13', session: '71', meeting: 'General Assembly, 1st plenary meeting' });
    expect(doc.statements![0]).toMatchObject({ speaker: 'The President', post: 'Mr. Thomson (Fiji)', page: 1 });
  });

  it("delegations' statements and resolutions are not records", async () => {
    for (const f of ['GA79_statement_Mexico_es.pdf', 'A_RES_55_2.pdf']) {
      const doc = await load(f);
      expect(doc.statements, f).toBeUndefined();
    }
  });
});

describe('ordinal words', () => {
  it.each([
    ['Seventy-first', 71],
    ['Fiftieth', 50],
    ['Tenth', 10],
    ['first', 1],
    ['Eightieth', 80],
    ['Seventy-sixth', 76],
    ['Thirty', undefined],
  ])('%s', (w, n) => {
    expect(ordinalWord(w)).toBe(n);
  });
});

it('a plain text record is split too (reflowed .txt with turns)', () => {
  const text = readFileSync(path.join(repo, 'test/fixtures/ungdc/2021/COL_76_2021.txt'), 'utf8');
  const doc = buildDocument(
    'x',
    'x.txt',
    {},
    reflow(text).map((t) => ({ text: t })),
  )!;
  expect(doc.statements).toBeUndefined();
});
