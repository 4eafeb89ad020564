/**
 * A delegation's statement read for who spoke, for which country and when from its heading
 * (src/ingest/statement-heading.ts): on the real GA79 statements of test/fixtures/un-documents, as a
 * user searches and cites them, and on headings as other delegations write them.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { closeExtractors, loadLibrary } from '../../src/ingest/load-library.ts';
import { createEngine } from '../../src/search/engine.ts';
import { countryOfFileName, firstCountryNamed, lastDateWritten, readStatementHeading } from '../../src/ingest/statement-heading.ts';
import { citationLine } from '../../src/search/citation.ts';
import { engineOfUnDocuments, loadUnDocument } from '../support/library.ts';

afterAll(() => closeExtractors());

const load = loadUnDocument;

const lines = (...texts: string[]) => texts.map((text) => ({ text, page: 1 }));

describe('the real GA79 statements', () => {
  it.each([
    // the country in the heading, Russian declined ("Республики Беларусь"), and the minister's name
    // in the nominative ("Министра … М.В.Рыженкова" is Maxim Ryzhenkov's speech); no date printed
    ['GA79_statement_Belarus_ru.pdf', { country: 'BLR', countryName: 'Belarus', session: '79', speaker: 'М. В. Рыженков' }],
    // the heading names no country: the file name does; "الدورة 79" is the session, and the
    // minister is named after "د." (Dr.), as the PDF spells it
    ['GA79_statement_Lebanon_ar.pdf', { country: 'LBN', date: '2024-09-26', session: '79', speaker: 'عبد الله بو حبیب' }],
    ['GA79_statement_Mexico_es.pdf', { country: 'MEX', date: '2024-09-28', session: '79', speaker: 'Alicia Bárcena Ibarra' }],
    // the date is on page 2, after the letterhead and the theme
    ['GA79_statement_Senegal_fr.pdf', { country: 'SEN', date: '2024-09-25', session: '79', speaker: 'Bassirou Diomaye Diakhar Faye' }],
  ])('%s', async (file, meta) => {
    expect((await load(file)).meta).toMatchObject(meta);
  });

  it('each is titled by the line that calls it a statement, as written, not by its file name (QA19 #12)', async () => {
    // before: no title, so a hit's header was "GA79_statement_Belarus_ru"
    expect((await load('GA79_statement_Belarus_ru.pdf')).meta.title).toBe(
      'ВЫСТУПЛЕНИЕ Министра иностранных дел Республики Беларусь М.В.Рыженкова 79-я сессия Генеральной Ассамблеи ООН Общая дискуссия',
    );
    expect((await load('GA79_statement_Senegal_fr.pdf')).meta.title).toMatch(
      /^Discours de SEM Bassirou Diomaye Diakhar FAYE, Président de la République/,
    );
    // a long line is cut after a word
    const mexico = (await load('GA79_statement_Mexico_es.pdf')).meta.title!;
    expect(mexico).toMatch(/^Mensaje de la secretaria de Relaciones Exteriores, Alicia Bárcena Ibarra, en el Debate General .* …$/);
    expect(mexico.length).toBeLessThanOrEqual(162);
    expect((await load('GA79_statement_Lebanon_ar.pdf')).meta.title).toMatch(/^كلمة وزیر الخارجیة والمغتربین/);
    expect(
      readStatementHeading(lines('Statement by H.E. Mr. John Smith, Minister for Foreign Affairs of Ireland', 'Mr. President,'), 'x.pdf').title,
    ).toBe('Statement by H.E. Mr. John Smith, Minister for Foreign Affairs of Ireland');
  });

  it('a user finds them by country and year, and the citation says who spoke, for which country, when', async () => {
    const { engine } = await engineOfUnDocuments(['GA79_statement_Mexico_es.pdf', 'GA79_statement_Senegal_fr.pdf', 'A_RES_79_191.pdf']);
    const mexico = engine.searchSync('country:MEX year:2024 veto', { limit: 3 });
    expect(mexico.hits[0]!.excerpt.text).toContain('México propone la eliminación del veto');
    expect(citationLine(mexico.hits[0]!.source)).toMatch(/^Alicia Bárcena Ibarra · Mexico · 79th session · 28 September 2024 · /);
    const senegal = engine.searchSync('country:Senegal paix', { limit: 3 });
    expect(senegal.total).toBeGreaterThan(0);
    expect(senegal.hits.every((h) => h.source.document === 'GA79_statement_Senegal_fr')).toBe(true);
    // the heading's theme ("… agir ensemble pour la paix …", ¶ 1) is Senegal's document but no one's words
    expect(engine.searchSync('session:79 speaker:Faye paix', { limit: 1 }).total).toBe(senegal.total - 1);
  });

  it('a heading is cited by the statement’s title, not as its speaker’s words; the speech from its salutation on is theirs', async () => {
    const { engine } = await engineOfUnDocuments([
      'GA79_statement_Belarus_ru.pdf',
      'GA79_statement_Lebanon_ar.pdf',
      'GA79_statement_Mexico_es.pdf',
      'GA79_statement_Senegal_fr.pdf',
    ]);
    /** The citation line and opening words of a statement's first passages, in order. */
    const opening = (document: string, n: number): string[] =>
      engine
        .searchSync('', { filters: { document }, filtersAlone: true, limit: n })
        .hits.map((h) => `${citationLine(h.source)} | ${h.text.slice(0, 40)}`);
    // before: every line here opened with the speaker's name ("М. В. Рыженков · Belarus · …")
    expect(opening('GA79_statement_Belarus_ru', 2)).toEqual([
      'ВЫСТУПЛЕНИЕ Министра иностранных дел Республики Беларусь М.В.Рыженкова 79-я сессия Генеральной Ассамблеи ООН Общая дискуссия · Belarus · 79th session · ¶ 1 · p. 1 | ВЫСТУПЛЕНИЕ Министра иностранных дел Рес',
      'М. В. Рыженков · Belarus · 79th session · ¶ 2 · p. 1 | Господин Председатель, уважаемые делегат',
    ]);
    const mexico = opening('GA79_statement_Mexico_es', 3);
    expect(mexico[0]).toMatch(
      /^Mensaje de la secretaria de Relaciones Exteriores, .* … · Mexico · 79th session · 28 September 2024 · ¶ 1 · p. 1 \| Mensaje de/,
    );
    expect(mexico[1]).toMatch(/^Mensaje de la secretaria .* · ¶ 2 · p. 1 \| Plenario de la Asamblea General, 12:00 h$/);
    expect(mexico[2]).toBe(
      'Alicia Bárcena Ibarra · Mexico · 79th session · 28 September 2024 · ¶ 3 · p. 1 | Mr. President, señor presidente. Querido',
    );
    const senegal = opening('GA79_statement_Senegal_fr', 4);
    const title = 'Discours de SEM Bassirou Diomaye Diakhar FAYE, Président de la République · Senegal · 79th session · 25 September 2024';
    expect(senegal.slice(0, 3)).toEqual([
      `${title} · ¶ 1 · p. 1 | 79e Session ordinaire de l’Assemblée gén`,
      `${title} · ¶ 2 · p. 1 | *** Discours de SEM Bassirou Diomaye Dia`,
      `${title} · ¶ 3 · pp. 1–2 | du Sénégal New York, 25 septembre 2024 S`,
    ]);
    expect(senegal[3]).toBe(
      'Bassirou Diomaye Diakhar Faye · Senegal · 79th session · 25 September 2024 · ¶ 4 · p. 2 | Monsieur le Président de l’Assemblée gén',
    );
    // the Lebanon heading and salutation are one passage each (before: one passage "كلمة وزير … 26 أيلول
    // 2024 سعادة السيد انطونيو غوتيريش، …", cited as the minister's)
    const lebanon = engine.searchSync('', { filters: { document: 'GA79_statement_Lebanon_ar' }, filtersAlone: true, limit: 2 }).hits;
    expect(lebanon[0]!.text).toBe('كلمة وزیر الخارجیة والمغتربین د. عبد الله بو حبیب أمام الدورة 79 للجمعیة العامة للأمم المتحدة 26 أیلول 2024');
    expect(citationLine(lebanon[0]!.source)).toBe(`${lebanon[0]!.text} · Lebanon · 79th session · 26 September 2024 · ¶ 1 · p. 1`);
    expect(lebanon[1]!.text).toMatch(/^سعادة السید انطونیو غوتیریش، الأمین العام للأمم المتحدة، .*أصحاب السعادة،$/);
    expect(citationLine(lebanon[1]!.source)).toBe('عبد الله بو حبیب · Lebanon · 79th session · 26 September 2024 · ¶ 2 · p. 1');
  });

  it('a heading run into the salutation with no paragraph break is cut apart there', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'verbatim-heading-'));
    try {
      writeFileSync(
        path.join(dir, 'ireland.txt'),
        'Statement by H.E. Mr. John Smith, Minister for Foreign Affairs of Ireland, New York, 25 September 2024. Mr. President, Ireland ' +
          'stands with the Charter of the United Nations and the rule of law in every region of the world.\n\nWe call on all States to uphold it.\n',
      );
      const lib = await loadLibrary(dir);
      const engine = createEngine(lib.documents, lib.report);
      const cited = lib.documents[0]!.passages.map((p) => `${citationLine(engine.passage(p.id)!.source)} | ${p.text.slice(0, 40)}`);
      // before: "John Smith · Ireland · 25 September 2024 · ¶ 1 | Statement by H.E. Mr. John Smith, …" (the heading and the first sentence)
      expect(cited.slice(0, 2)).toEqual([
        'Statement by H.E. Mr. John Smith, Minister for Foreign Affairs of Ireland, New York, 25 September 2024. · Ireland · 25 September 2024 · ¶ 1 | Statement by H.E. Mr. John Smith, Minist',
        'John Smith · Ireland · 25 September 2024 · ¶ 2 | Mr. President, Ireland stands with the C',
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("records, resolutions and reports are not read as a delegation's statement", async () => {
    for (const file of ['A_RES_55_2.pdf', 'A_80_590.pdf', 'S_PV.8701.pdf', 'A_C.3_80_L.3.pdf']) {
      const meta = (await load(file)).meta;
      expect(meta.speaker, file).toBeUndefined();
      expect(meta.country, file).toBeUndefined();
    }
  });
});

describe('headings as delegations write them', () => {
  it('English: the speaker after "H.E.", the country of the post, the date', () => {
    expect(
      readStatementHeading(
        lines(
          'Permanent Mission of the Republic of Kenya to the United Nations',
          'Statement by H.E. Mr. Musalia Mudavadi, Prime Cabinet Secretary and Cabinet Secretary for Foreign Affairs of the Republic of Kenya',
          'at the General Debate of the 79th Session of the United Nations General Assembly',
          'New York, September 26, 2024',
          'Mr. President,',
          'I congratulate you, Mr. Philemon Yang, on your election.',
        ),
        'kenya.pdf',
      ),
    ).toEqual({
      country: 'KEN',
      date: '2024-09-26',
      speaker: 'Musalia Mudavadi',
      session: '79',
      title: 'Statement by H.E. Mr. Musalia Mudavadi, Prime Cabinet Secretary and Cabinet Secretary for Foreign Affairs of the Republic of Kenya',
    });
  });

  it('the first country named is the speaker’s; China in "the Group of 77 and China" is not', () => {
    const heading = lines(
      'Statement on behalf of the Group of 77 and China by the Permanent Representative of Iraq',
      'Second Committee, 10 October 2024',
    );
    expect(readStatementHeading(heading, 'g77.pdf')).toMatchObject({ country: 'IRQ', date: '2024-10-10' });
    expect(firstCountryNamed('Statement by the Republic of Kenya on behalf of the African Group, with Nigeria')).toBe('KEN');
  });

  it('nothing is read from a document that does not call itself a statement, nor from a speech’s running text', () => {
    // a report's heading names a country and a date too
    expect(readStatementHeading(lines('Report of the Special Rapporteur on the situation in Myanmar', 'Geneva, 3 March 2024'), 'report.pdf')).toEqual(
      {},
    );
    // a General Debate speech as the corpus gives it: the salutation ends the heading at once
    expect(
      readStatementHeading(
        lines('1.\tPermit me first, Mr. President, to address this Assembly on behalf of Colombia, on 25 September 1978.'),
        'COL_33_1978.txt',
      ),
    ).toEqual({});
  });

  it('a statement word must open a heading line, and only the file’s own name counts', () => {
    // a qualifier before the word is allowed
    expect(readStatementHeading(lines('Joint statement by Chile and Peru', 'New York, 1 October 2024'), 'joint.pdf')).toMatchObject({
      country: 'CHL',
      date: '2024-10-01',
    });
    // "address" inside a title is no statement
    expect(readStatementHeading(lines('Measures to address the situation in Myanmar', 'Geneva, 3 March 2024'), 'measures.pdf')).toEqual({});
    expect(readStatementHeading(lines('Report on the situation in Myanmar', 'Geneva, 3 March 2024'), 'statements/report.pdf')).toEqual({});
    expect(readStatementHeading(lines('Report on the situation in Myanmar', 'Geneva, 3 March 2024'), 'speeches/statement_Myanmar.pdf')).toMatchObject(
      {
        country: 'MMR',
      },
    );
  });

  it('country names in the six languages, declined or joined to a particle', () => {
    expect(firstCountryNamed('выступление министра иностранных дел российской федерации')).toBe('RUS');
    expect(firstCountryNamed('discours du président de la république de côte d’ivoire')).toBe('CIV');
    expect(firstCountryNamed('كلمة وزير خارجية للسنغال')).toBe('SEN');
    expect(firstCountryNamed('中华人民共和国外交部长在联合国大会的发言')).toBe('CHN');
    expect(firstCountryNamed('statement by papua new guinea')).toBe('PNG');
    // "Мали" is no "малых": a stem of three letters does not match a declined word
    expect(firstCountryNamed('выступление от имени малых островных государств')).toBeUndefined();
  });

  it('a title of address inside the heading is not the salutation that ends it', () => {
    // before: "Monsieur le Président" cut the heading before "de la République du Sénégal"
    expect(
      readStatementHeading(
        lines(
          'Discours de Son Excellence Monsieur le Président de la République du Sénégal',
          'New York, le 24 septembre 2024',
          'Monsieur le Président,',
        ),
        'discours.pdf',
      ),
    ).toMatchObject({ country: 'SEN', date: '2024-09-24' });
  });

  it('a place or a post between commas is no speaker; a name does not run over a line', () => {
    const heading = readStatementHeading(
      lines('Intervención de la Delegación de Chile, Nueva York, 2 de octubre de 2024', 'Señor Presidente:'),
      'chile.pdf',
    );
    expect(heading).toEqual({
      country: 'CHL',
      date: '2024-10-02',
      title: 'Intervención de la Delegación de Chile, Nueva York, 2 de octubre de 2024',
    });
    expect(
      readStatementHeading(lines('Statement by John Smith', 'Permanent Representative of Ireland', 'Mr. President,'), 'ie.pdf').speaker,
    ).toBeUndefined();
  });

  it('a name written as the text writes it over one matched by its stem; common words are no countries', () => {
    expect(firstCountryNamed('выступление представителя нигерия')).toBe('NGA');
    expect(firstCountryNamed('mensaje del presidente de los estados unidos mexicanos')).toBe('MEX');
    expect(firstCountryNamed('statement on behalf of the group of latin america and the caribbean by peru')).toBe('PER');
    expect(firstCountryNamed('выступление того же представителя республики беларусь')).toBe('BLR');
  });

  it('a session is the General Assembly’s; a heading’s last date is its own', () => {
    expect(
      readStatementHeading(
        lines('Statement by Kenya at the 69th session of the Commission on the Status of Women', 'New York, 12 March 2025'),
        'k.pdf',
      ),
    ).toEqual({
      country: 'KEN',
      date: '2025-03-12',
      title: 'Statement by Kenya at the 69th session of the Commission on the Status of Women',
    });
    expect(
      readStatementHeading(
        lines('Statement by Norway on the fiftieth anniversary, 24 October 1995, of the Charter', 'New York, 24th October 2020'),
        'n.pdf',
      ).date,
    ).toBe('2020-10-24');
    // no month 13: no date, and no error that would skip the file
    expect(lastDateWritten('2024年13月5日')).toBeUndefined();
  });

  it('a file name names a country by name, never by a language tag', () => {
    expect(countryOfFileName('GA79_statement_State-of-Palestine_ar.pdf')).toBe('PSE');
    expect(countryOfFileName('GA79_statement_Mexico_es.pdf')).toBe('MEX');
    expect(countryOfFileName('statement_es.pdf')).toBeUndefined();
    expect(countryOfFileName('joint_statement_Chile_Peru.pdf')).toBeUndefined();
  });

  it('dates as each language writes them, and no day a month does not have', () => {
    expect(lastDateWritten('Nueva York, 28 de septiembre de 2024.')).toBe('2024-09-28');
    expect(lastDateWritten('Нью-Йорк, 25 сентября 2024 г.')).toBe('2024-09-25');
    expect(lastDateWritten('نيويورك، 26 أيلول 2024')).toBe('2024-09-26');
    expect(lastDateWritten('2024年9月25日，纽约')).toBe('2024-09-25');
    expect(lastDateWritten('le 1er octobre 2023')).toBe('2023-10-01');
    expect(lastDateWritten('31 février 2024')).toBeUndefined();
  });
});
