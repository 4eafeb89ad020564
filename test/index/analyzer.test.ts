/** What a "word" is, for indexing, queries and marks alike — on phrases from the sample and UNGDC. */
import { describe, expect, it } from 'vitest';
import { CLOSED_FORM_JOINER, compoundTerms, forEachWordSpan, indexTokens, queryTerm, termPositions, tokens } from '../../src/index/analyzer.ts';

/** The terms a text's words are indexed under (stop words left out). */
const terms = (text: string): string[] =>
  tokens(text)
    .filter((t) => !t.stop)
    .map((t) => t.term);

describe('analyzer', () => {
  it.each([
    ['Fundación', 'Fundacion'],
    ['cultivated', 'cultivation'],
    ['routes', 'route'],
    ['smuggled', 'smuggling'],
    ['Pakistan’s', 'Pakistan'],
    ['COUNTRIES', 'countries'],
    ['ECOWAS', 'ecowas'],
    ['UNAIDS', 'unaids'],
  ])('%s and %s meet on one term', (a, b) => {
    expect(queryTerm(a)).not.toBeNull();
    expect(queryTerm(a)).toBe(queryTerm(b));
  });

  it.each([
    ['university', 'universal'],
    ['universities', 'universality'],
    ['organization', 'organ'],
    ['organisations', 'organisms'],
    ['internal', 'international'],
    ['internally', 'internationally'],
    ['internment', 'international'],
    ['interns', 'international'],
    ['authority', 'author'],
    ['authorized', 'authors'],
    ['positive', 'position'],
    ['relative', 'relations'],
    ['executive', 'execution'],
    ['conservative', 'conservation'],
    ['liberal', 'liberation'],
  ])('%s and %s, which Snowball stems alike, are different words', (a, b) => {
    expect(queryTerm(a)).not.toBe(queryTerm(b));
  });

  it.each([
    ['university', 'universities'],
    ['organization', 'organised'],
    ['organizations', 'organizational'],
    ['internal', 'internally'],
    ['international', 'internationally'],
    ['internationalization', 'internationally'],
    ['authorities', 'authority'],
    ['authorize', 'authorisation'],
  ])('%s and %s, split off a shared stem, still meet', (a, b) => {
    expect(queryTerm(a)).toBe(queryTerm(b));
  });

  it.each([
    ['coca cultivation has increased by 97.4% in the past ten years', '97.4'],
    ['about 87% of heroin', '87'],
    ['800,000 refugees have crossed the Austrian borders', '800000'],
    ['the 2019 Ministerial Declaration', '2019'],
  ])('keeps numbers and percentages as terms: %s', (text, term) => {
    expect(terms(text)).toContain(term);
  });

  it.each([
    ['63%', '63 per cent'],
    ['12.5%', '12.5 per cent'],
    ['40 percent', '40 per cent'],
  ])('a percentage typed as %s finds %s, as UN texts write it', (typed, text) => {
    for (const term of terms(typed)) expect(terms(text)).toContain(term);
  });

  it.each([
    ['1st', 'first'],
    ['2nd', 'second'],
    ['3RD', 'third'],
    ['11th', 'eleventh'],
    ['12th', 'twelfth'],
    ['13th', 'thirteenth'],
    ['60th', 'sixtieth'],
    ['100th', 'hundredth'],
  ])('the ordinal %s is the word %s', (digits, word) => {
    expect(queryTerm(digits)).toBe(queryTerm(word));
  });

  it('reads an ordinal from 21st on as its compound written closed, the term the index holds for it', () => {
    const closed = (compound: string): string[] => compoundTerms(compound).map((c) => c.term);
    expect(terms('21st')).toEqual(closed('twenty-first'));
    expect(terms('75th')).toEqual(closed('seventy-fifth'));
    expect(terms('99th')).toEqual(closed('ninety-ninth'));
    // proximity finds it too, though its term does not begin as the digits do
    expect(termPositions('the 60th anniversary', new Map([['sixtieth', 0]]))).toEqual({ pos: [0], bits: [0], count: 2 });
  });

  it('indexes an ordinal in digits under its number too, at its one position (R3)', () => {
    expect(indexTokens('the 75th anniversary')).toEqual([`seventyfifth${CLOSED_FORM_JOINER}75`, 'anniversari']);
    expect(tokens('the 75th').map((t) => t.alt)).toEqual([undefined, '75']);
    // the ordinal in words and a query's ordinal carry no number
    expect(indexTokens('the seventy-fifth anniversary')).not.toContain(expect.stringContaining('75'));
    expect(tokens('seventy-fifth').every((t) => t.alt === undefined)).toBe(true);
    expect(termPositions('the 75th anniversary', new Map([['75', 0]]))).toEqual({ pos: [0], bits: [0], count: 2 });
  });

  it.each([
    ['2th', '2'],
    ['112nd', '112'],
    ['0th', '0'],
  ])("an ordinal suffix not its number's leaves the number: %s", (written, term) => {
    expect(terms(written)).toEqual([term]);
  });

  it('reads an ordinal above 100 as a term of its own, its number beside it, and spelled out as the same term', () => {
    expect(indexTokens('the 150th anniversary')).toEqual([`150th${CLOSED_FORM_JOINER}150`, 'anniversari']);
    expect(indexTokens('the 1337th meeting')).toEqual([`1337th${CLOSED_FORM_JOINER}1337`, 'meet']);
    // spelled, without the number; hyphenated words inside it are no compounds of their own
    for (const spelled of ['one hundred and fiftieth', 'One Hundred Fiftieth', 'one-hundred-and-fiftieth', 'one-hundred- and-fiftieth'])
      expect(indexTokens(spelled)).toEqual(['150th']);
    expect(indexTokens('the one hundred and fifty-fifth Member')).toEqual(['155th', 'member']);
    expect(indexTokens('one hundred and ninety first')).toEqual(['191st']);
    expect(indexTokens('two hundredth anniversary')).toEqual(['200th', 'anniversari']);
    // "one hundredth" is as often a fraction; "three hundred and thirteen" no ordinal
    expect(terms('one hundredth')).toEqual(['one', 'hundredth']);
    expect(terms('three hundred and thirteen')).toEqual(['three', 'hundr', 'thirteen']);
  });

  it('reads "pour cent" and "por ciento" after a number as percent, not elsewhere', () => {
    expect(terms('atteint 44 pour cent, del 70 por  ciento')).toEqual(['atteint', '44', 'percent', 'del', '70', 'percent']);
    expect(terms('pour cent ans, multiplicado por ciento veinte')).toEqual(['pour', 'cent', 'an', 'multiplicado', 'por', 'ciento', 'veint']);
  });

  it('reads a capital C or F right after a decimal as degrees, after a whole number as a letter', () => {
    expect(terms('rise to 1.5C. 98.6F, 1.5Ca')).toEqual(['rise', '1.5', 'degre', 'celsius', '98.6', 'degre', 'fahrenheit', '1.5', 'ca']);
    expect(terms('2C megawatts in 198C, 2212432C, annex 1C, 1,5C')).toEqual([
      '2',
      'c',
      'megawatt',
      '198',
      'c',
      '2212432',
      'c',
      'annex',
      '1',
      'c',
      '1,5',
      'c',
    ]);
  });

  it('reads a French ordinal in a French text ("79e", "1re", "1 er"), not an item of an English one ("Article 73e")', () => {
    const french = 'Le Sénégal à la 79e session, la 1re séance et le mercredi 1 er février, pour la 2ème fois';
    expect(
      tokens(french)
        .filter((t) => t.alt !== undefined)
        .map((t) => [french.slice(t.start, t.end), t.term, t.alt]),
    ).toEqual([
      ['79e', queryTerm('79th'), '79'],
      ['1re', 'first', '1'],
      ['1 er', 'first', '1'],
      ['2ème', 'second', '2'],
    ]);
    expect(terms('Powers under Article 73e of the Charter')).toEqual(['power', 'articl', '73', 'e', 'charter']);
  });

  it('reads an ordinal 21st–99th written apart as the compound, not "twenty first-time"', () => {
    expect(terms('the twenty first century')).toEqual([compoundTerms('twenty-first')[0]!.term, 'centuri']);
    expect(terms('the thirty\nseventh session')).toEqual(['thirtyseventh', 'session']);
    expect(terms('twenty first-time voters')).toEqual(['twenti', 'first', 'time', 'voter']);
  });

  it('keeps acronyms whole', () => {
    expect(terms('UNODC and the CND met; UNGASS followed')).toEqual(expect.arrayContaining(['unodc', 'cnd', 'ungass']));
  });

  it('drops stop words from the indexed terms but keeps them, flagged, for phrases', () => {
    const text = 'the law of the sea';
    expect(terms(text)).toEqual(['law', 'sea']);
    expect(tokens(text).map((t) => [t.folded, t.stop])).toEqual([
      ['the', true],
      ['law', false],
      ['of', true],
      ['the', true],
      ['sea', false],
    ]);
  });

  it('splits compounds so either half is found, with offsets into the original text', () => {
    const text = 'the right to self-determination';
    const toks = tokens(text).filter((t) => !t.stop);
    expect(toks.map((t) => text.slice(t.start, t.end))).toEqual(['right', 'self', 'determination']);
  });

  it.each([
    // Arabic vowel signs (harakat) inside a word: the word written with them meets it written without
    ['يُعقد', 'يعقد'],
    ['تُعقد', 'تعقد'],
    // letters PDFs and writers set in more than one form (Lucene's Arabic and Persian normalizers)
    ['رئیسا', 'رئيسا'],
    ['التھاني', 'التهاني'],
    ['مضیعة', 'مضيعه'],
    ['الأمم', 'الامم'],
    ['كبيـــر', 'كبير'],
    // decomposed accents and a soft hyphen inside a word
    ['e\u0301tat', 'état'],
    ['devel\u00ADopment', 'development'],
  ])('%s is one word, the word %s', (written, typed) => {
    expect(tokens(written)).toHaveLength(1);
    expect(queryTerm(written)).toBe(queryTerm(typed));
  });

  it('marks the whole word written with vowel signs, from its first letter to its last sign', () => {
    const text = '(أ) يُعقد منتدى الشراكات';
    const word = tokens(text).find((t) => t.term === queryTerm('يعقد'))!;
    expect(text.slice(word.start, word.end)).toBe('يُعقد');
  });

  it('reads Chinese, written without spaces, as overlapping bigrams, with offsets into the text', () => {
    const text = '决定经济及社会理事会2023年届会';
    expect(tokens(text).map((t) => [t.term, text.slice(t.start, t.end)])).toEqual([
      ['决定', '决定'],
      ['定经', '定经'],
      ['经济', '经济'],
      ['济及', '济及'],
      ['及社', '及社'],
      ['社会', '社会'],
      ['会理', '会理'],
      ['理事', '理事'],
      ['事会', '事会'],
      ['2023', '2023'],
      ['年届', '年届'],
      ['届会', '届会'],
    ]);
    // one character alone is a word; Latin letters beside it are a word of their own
    expect(tokens('第61/16号 COVID疫情').map((t) => t.term)).toEqual(['第', '61', '16', '号', 'covid', '疫情']);
  });

  it('reads Japanese kana with their voicing marks and the long-vowel mark inside words', () => {
    const terms = (text: string): string[] => tokens(text).map((t) => t.term);
    // がくせい (student) and かくせい (awakening) differ only by a voicing mark
    expect(terms('がくせい')).not.toEqual(terms('かくせい'));
    expect(terms('がくせい')).toEqual(['がく', 'くせ', 'せい']);
    // the long-vowel mark is part of the run, not a word of its own
    expect(terms('コーヒー')).toEqual(['コー', 'ーヒ', 'ヒー']);
    // a halfwidth voicing mark standing apart is dropped, as before, not a word of its own
    expect(terms('ｶﾞｸ')).toEqual(['カ', 'ク']);
    // accents elsewhere still fold
    expect(terms('Fundación')).toEqual(terms('fundacion'));
  });

  it('reads letters each followed by a dot as one word, the letters joined ("U.S.S.R." is USSR)', () => {
    const terms = (text: string): string[] =>
      tokens(text)
        .filter((t) => !t.stop)
        .map((t) => t.term);
    expect(terms('the U.S.S.R. and the U.N.')).toEqual([...terms('the USSR and the UN')]);
    expect(terms('U.K. delegation')).toEqual(terms('UK delegation'));
    // "U.S." is the United States (USA), never the stop word "us"; lower case and a possessive too
    expect(terms("U.S. aid, u.s. policy, U.S.A, the U.S.'s view")).toEqual(terms('USA aid, USA policy, USA, the USA view'));
    expect(terms('help us')).toEqual(['help']);
    // a number is no initialism: a decimal keeps its point
    expect(terms('mach 1.0 to 0.2, 6.8 and 97.4')).toEqual(['mach', '1.0', '0.2', '6.8', '97.4']);
    // two letters before the first dot, or a space after it, are not an initialism
    expect(terms('a Ph.D. thesis on E. coli')).toEqual(['ph', 'd', 'thesi', 'e', 'coli']);
    // nor the letters of a numbered item, after a digit or a dot
    expect(terms('paragraph 2.a.i. of the text')).toEqual(['paragraph', '2', 'text']);
    // Greek letters join as letters, and a stop word joined is a stop word ("H.E."), but "U.S." is not
    expect(terms('α.β. cells')).toEqual(terms('αβ cells'));
    expect(terms('H.E. the U.S. President')).toEqual(['usa', 'presid']);
    expect(termPositions('H.E. said U.S. aid', new Map([['aid', 0]]))).toEqual({ pos: [2], bits: [0], count: 3 });
    // the word spans the letters and their dots
    expect(tokens('J.F.K. said').map((t) => [t.term, t.start, t.end])).toEqual([
      ['jfk', 0, 6],
      ['said', 7, 11],
    ]);
  });

  it('the phrase scanner splits words exactly as the tokenizer does, marks, soft hyphens and Chinese included', async () => {
    const { forEachWord } = await import('../../src/search/phrase-scan.ts');
    for (const text of [
      '决定经济及社会理事会2023年届会的工作安排如下，同时 第61/16号 COVID疫情 𠀀𠀁字',
      '(أ) يُعقد منتدى الشراكات يوم 31 كانون',
      'e\u0301tat et devel\u00ADopment, l’État 12.5% ً بعد',
      'رئیسا ً للدورة',
      '〇〇〇 and 〇.2',
      'في ﺍﻟﻤﻨﺘﺪﻯ الدولي',
      'qu’en tant qu’organe, jusqu’à l’ombre',
      'がくせい か\u3099く コーヒー ｶﾞｸ 人々は 漢a.b. 2.a.i. x.y.z 𝐀.𝐁. é.g. e\u0301.g.',
      'the U.S.S.R.’s view, U.S.-Soviet, Ph.D. e.g. E. coli S.aureus X.Y.Z3 a.b.c.d. U.S.\u0301 I.A.E.A.\u0027S',
      // figures: percentages, degrees and ordinals (emitWord)
      '50 per cent, 50%, 50\u00a0% 12 pct 12pct. PCT per  cent. per centre per cent’s 1.5°C 1.5° C 2 ℃ 3℉ 1ºC El 1º 45° c) 2 degrees C 2 degrees c',
      '60th 21st’s 2th 150th 4thly 3RD 1,021st 1.5th 〇〇% 20 %20',
      '°C ° C (°C) ℃ ℉, ºC N°C 45 ° c 50٪ ５０％ ٥٠٪ 1.5º C',
      'the twenty first session, one hundred and fifty-fifth, one-hundred- and-fiftieth, two hundredth, twenty first-time 1337th',
      'Le Sénégal à la 79e Session ordinaire, la 1re séance, le mercredi 1 er février, la 2ème fois et le 2 e) de cet alinéa',
      '44 pour cent, 70 Por  Ciento, pour cent ans, 1.5C 2C 98.6F 1.50C 2212432C annex 1C',
      'En el Debate General del 79° periodo ordinario de sesiones, los 2° C y el 1º de enero',
    ]) {
      const scanned: string[] = [];
      forEachWord(text, (a, b) => scanned.push(text.slice(a, b)));
      expect(scanned).toEqual(tokens(text).map((t) => text.slice(t.start, t.end)));
      // and reads the same signs as standing for the same words ("%" for percent)
      const read = (scan: typeof forEachWord): string[] => {
        const out: string[] = [];
        scan(text, (a, b, as) => out.push(`${text.slice(a, b)}=${as ?? ''}`));
        return out;
      };
      expect(read(forEachWord)).toEqual(read(forEachWordSpan));
    }
  });

  it.each([
    // the script tells the language: Cyrillic words take Russian's Snowball stemmer, Arabic-script words Arabic's
    ['конференции', 'конференцию'],
    ['Организации', 'организация'],
    ['государств', 'государства'],
    ['المنتدى', 'منتدى'],
    ['الاجتماعات', 'اجتماع'],
    // й is a letter of Russian's, not и with a mark: -ой, -ый are endings
    ['Генеральной', 'Генеральная'],
    ['Российской', 'Российская'],
    // teh marbuta is an ending Arabic's stemmer takes off, with the article or without
    ['التنمية', 'تنمية'],
    ['المتحدة', 'متحدة'],
    // an article or pronoun elided onto a word (French, Italian) is not part of it
    ["l'Organisation", 'organisation'],
    ['d’un', 'un'],
    ['qu’organe', 'organe'],
    ["dell'Assemblea", 'assemblea'],
  ])("%s and %s meet on one term (their language's stemmer, or an elided article taken off)", (a, b) => {
    expect(queryTerm(a)).toBe(queryTerm(b));
  });

  it('leaves Latin-script words to the English stemmer, whatever their language', () => {
    expect(queryTerm('organisations')).toBe(queryTerm('organization'));
    expect(queryTerm('конференции')).not.toBe('конференции');
  });

  it('checks a phrase in Arabic presentation forms as the tokenizer reads it (ﺍﻟﻤﻨﺘﺪﻯ is المنتدى)', async () => {
    const { phraseChecker } = await import('../../src/search/phrase-scan.ts');
    const text = 'في ﺍﻟﻤﻨﺘﺪﻯ الدولي';
    expect(tokens(text).map((t) => t.term)).toContain(queryTerm('منتدى'));
    expect(phraseChecker([[queryTerm('منتدى')!]])(text)).toBe(true);
  });

  it("leaves English apostrophes alone: possessives, contractions, O'Brien", () => {
    expect(tokens("the people's O'Brien can't").map((t) => t.term)).toEqual(['the', 'peopl', 'obrien', 'cant']);
  });
});
