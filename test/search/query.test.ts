import { describe, expect, it } from 'vitest';
import { mergeFilters, normalizeDateBound, parseQuery, queryFromText, QUERY_HELP } from '../../src/search/query.ts';
import { QueryError } from '../../src/types.ts';

const terms = (q: string) => parseQuery(q).words.map((w) => w.term);

describe('parseQuery: words, phrases, exclusions', () => {
  it.each([
    // query, word terms, phrase terms, excluded terms, excluded phrase terms
    ['heroin smuggled Afghanistan', ['heroin', 'smuggl', 'afghanistan'], [], [], []],
    ['the heroin of Afghanistan', ['heroin', 'afghanistan'], [], [], []],
    ['kissinger "soldiers of peace" blue beret', ['kissing', 'blue', 'beret'], [['soldier', 'of', 'peac']], [], []],
    ['“Blue COP” oceans at heart of UNFCCC', ['ocean', 'heart', 'unfccc'], [['blue', 'cop']], [], []],
    ['coca -cannabis', ['coca'], [], ['cannabi'], []],
    ['drug -"South East Europe"', ['drug'], [], [], [['south', 'east', 'europ']]],
    ['+Balkan route', ['rout'], [['balkan']], [], []],
    ['self-determination Palestine', ['self', 'determin', 'palestin'], [], [], []],
    ['Palestine -self-determination', ['palestin'], [], ['selfdetermin'], [['self', 'determin']]],
    // a percentage is its number and the word percent, as "97.4 per cent" is indexed
    ['coca cultivation 97.4%', ['coca', 'cultiv', '97.4', 'percent'], [], [], []],
    // a sign or word typed apart that the word before gives its meaning is read with it
    ['50 % per cent', ['50', 'percent'], [], [], []],
    ['1.5 °C 2 degrees C', ['1.5', 'degre', 'celsius', '2'], [], [], []],
    ['UNODC CND report', ['unodc', 'cnd', 'report'], [], [], []],
    ["Côte d'Ivoire ‘rule book’", ['cote', 'ivoir'], [['rule', 'book']], [], []],
    ['heroin heroin smuggling', ['heroin', 'smuggl'], [], [], []],
    ['US backs the committee', ['usa', 'back', 'committe'], [], [], []],
    ['let us trade', ['let', 'trade'], [], [], []],
    ['LET US TRADE', ['let', 'trade'], [], [], []],
  ])('%s', (q, words, phrases, excluded, excludedPhrases) => {
    const p = parseQuery(q);
    expect(p.words.map((w) => w.term)).toEqual(words);
    expect(p.phrases.map((x) => x.terms)).toEqual(phrases);
    expect(p.excluded.map((w) => w.term)).toEqual(excluded);
    expect(p.excludedPhrases.map((x) => x.terms)).toEqual(excludedPhrases);
  });

  it('keeps the typed form of each word next to its term', () => {
    expect(parseQuery('Cultivated, coca!').words).toEqual([
      { raw: 'Cultivated', term: 'cultiv' },
      { raw: 'coca', term: 'coca' },
    ]);
  });

  it('a query word meets the forms the passage uses (cultivated / cultivation)', () => {
    expect(terms('cultivated')).toEqual(terms('cultivation'));
    expect(terms('routes')).toEqual(terms('route'));
  });

  it('gives the query text back without its filters', () => {
    expect(parseQuery('coca  country:COL   “organized crime” -heroin year:2021').text).toBe('coca "organized crime" -heroin');
  });

  it('a lone dash or plus is punctuation, not an exclusion', () => {
    expect(terms('coca - heroin + opium')).toEqual(['coca', 'heroin', 'opium']);
  });
});

describe('parseQuery: filters', () => {
  it.each([
    ['coca country:COL', { country: 'COL' }],
    ['sanctions country:"South Africa"', { country: 'South Africa' }],
    ['sanctions country:“South Africa”', { country: 'South Africa' }],
    ['coca country: Colombia', { country: 'Colombia' }],
    ['peace speaker:Guterres', { speaker: 'Guterres' }],
    ['drugs org:UNODC', { organisation: 'UNODC' }],
    ['drugs organization:"Drug Policy Network"', { organisation: 'Drug Policy Network' }],
    ['coca year:2021', { year: '2021' }],
    ['coca years:2019-2021', { from: '2019', to: '2021' }],
    ['coca year:2019..2021', { from: '2019', to: '2021' }],
    ['coca from:2019 to:2021-06-30', { from: '2019', to: '2021-06-30' }],
    ['coca date:2021-10-19', { from: '2021-10-19', to: '2021-10-19' }],
    ['coca session:76', { session: '76' }],
    ['coca session:64th', { session: '64' }],
    ['coca doc:cnd-64-intersessional-2021-10', { document: 'cnd-64-intersessional-2021-10' }],
    ['coca Country:COL', { country: 'COL' }],
    // several values: any of them; -filters leave out; session ranges
    ['coca country:COL,MEX', { country: 'COL,MEX' }],
    ['coca country:COL country:PAK', { country: 'COL,PAK' }],
    ['coca country:COL,"South Africa"', { country: 'COL,South Africa' }],
    ['coca -country:USA', { country: '-USA' }],
    ['coca country:COL -country:USA,CAN', { country: 'COL,-USA,-CAN' }],
    ['coca -speaker:Trump -doc:x1 -org:UNODC -symbol:A/75/1', { speaker: '-Trump', document: '-x1', organisation: '-UNODC', symbol: '-A/75/1' }],
    ['coca session:70-76', { session: '70-76' }],
    ['coca session:70–76 -session:75', { session: '70-76,-75' }],
  ])('%s', (q, filters) => {
    const p = parseQuery(q);
    expect(p.filters).toEqual(filters);
    expect(p.words.map((w) => w.term)).not.toContain('col');
  });

  it('a dash glued to a closing quote joins the next word, it does not exclude it', () => {
    const p = parseQuery(`hens for 'n'-free poults and "law of the sea"-related disputes`);
    expect(p.excluded).toEqual([]);
    expect(p.words.map((w) => w.term)).toEqual(['hen', 'free', 'poult', 'relat', 'disput']);
    expect(parseQuery('"law of the sea" -related').excluded.map((w) => w.term)).toEqual(['relat']);
  });

  it('a word ending in a colon is just a word', () => {
    expect(terms('Afghanistan: heroin')).toEqual(['afghanistan', 'heroin']);
  });

  const FILTERS = 'country:, speaker:, org:, year:, years:, from:, to:, date:, session:, doc:, symbol:';
  it.each([
    // text holding a colon, with a name no filter's is close to: words, and the reply says so
    ['coca colour:red', 'colour:red', ['coca', 'color', 'red']],
    // close to a filter's name, but no value of it, or a word of three letters: no filter suggested
    ['Data:Science curricula', 'Data:Science', ['data', 'scienc', 'curricula']],
    ['Two:State solution', 'Two:State', ['two', 'state', 'solut']],
    ['Dot:com bubble', 'Dot:com', ['dot', 'com', 'bubbl']],
    ['On Obtaining Correct Input:A New Approach', 'Input:A', ['obtain', 'correct', 'input', 'new', 'approach']],
    ['TNF:IL-10 ratio in sepsis', 'TNF:IL-10', ['tnf', 'il', '10', 'ratio', 'sepsi']],
  ])('an unknown name before a colon is text: %j', (q, read, terms) => {
    const p = parseQuery(q);
    expect(p.filters).toEqual({});
    expect(p.words.map((w) => w.term)).toEqual(terms);
    expect(p.notices).toEqual([`Read “${read}” as words: “${read.split(':')[0]}:” is not a filter (filters are ${FILTERS}).`]);
  });

  it.each([
    // a name one edit from a filter's (two for longer names): the notice names the filter meant
    ['coca contry:COL', 'contry:COL', 'country'],
    ['coca form:2019', 'form:2019', 'from'],
    ['coca speeker:Guterres', 'speeker:Guterres', 'speaker'],
    ['coca orgnization:UNODC', 'orgnization:UNODC', 'organization'],
    ['yaer:1980 peace', 'yaer:1980', 'year'],
  ])('a misspelt filter name is text, and the notice names the filter: %j', (q, read, meant) => {
    const p = parseQuery(q);
    expect(p.filters).toEqual({});
    expect(p.notices).toEqual([
      `Read “${read}” as words: “${read.split(':')[0]}:” is not a filter — did you mean ${meant}:? (filters are ${FILTERS}).`,
    ]);
  });

  it('an unknown name left out keeps its sign in the notice', () => {
    expect(parseQuery('peace -Iran:Iraq').notices[0]).toMatch(/^Read “-Iran:Iraq” as words/);
  });

  it('an unknown name before a colon stays an error in a stored query (follows), naming the filter meant', () => {
    expect(() => parseQuery('coca contry:COL', { strictFilters: true })).toThrow(/“contry:” is not a filter — did you mean country:\?/);
    expect(() => parseQuery('coca colour:red', { strictFilters: true })).toThrow(/“colour:” is not a filter\. Filters are/);
  });

  it('a web address is searched, not read as an unknown filter', () => {
    const p = parseQuery('heroin http://x.example');
    expect(p.words.map((w) => w.term)).toContain('heroin');
    expect(p.words.length).toBeGreaterThan(1);
  });
});

describe('parseQuery: malformed queries get a message that says what to fix', () => {
  it.each([
    ['', /empty/],
    ['   ', /empty/],
    // an emoji, a symbol or a zero-width space is not nothing: say what is not searched (QA 17)
    ['🔥🔥', /^The query has no words to search for \(emoji, symbols and punctuation are not searched\)/],
    ['\u200b', /no words to search for/],
    ['?!', /no words to search for/],
    ['-heroin -"South Africa"', /only says what to leave out.*add at least one word/],
    ['the of and', /very common words.*more specific word/],
    ['"to be or not to be"', /very common word.*more specific word/],
    ['coca year:21', /not a year.*year:2021/],
    ['coca year:9999', /not a year.*year:2021/],
    ['coca year:twenty', /not a year/],
    ['coca from:2021-13', /Dates are written 2021 or 2021-10-19/],
    ['coca to:2021-02-30', /Dates are written/],
    ['coca from:2022 to:2021', /starts \(2022\) after it ends \(2021\).*swap/],
    ['coca years:2021-2019', /swap/],
    ['coca year:2021 from:2019', /either year:2021 or a from:\/to: range/],
    ['coca country:', /country: has no value.*country:COL/],
    ['coca -year:2021', /Dates cannot be left out.*from:, to:/],
    ['coca +country:COL', /always required: remove the “\+”/],
    ['coca session:76-70', /starts after it ends.*session:70-76/],
    ['coca -country:-USA', /leaves out and keeps at once/],
    ['coca -country:', /country: has no value/],
    ['coca country:COL, MEX', /without a space after the comma — country:COL,MEX — and quote/],
    // a value that is no such value, written right after the colon: the filter syntax was meant
    ['coca from:xyz', /“xyz” is not a date/],
    ['effects of smoking from:5 years', /“5” is not a date/],
    ['year:a review', /“year:a” is not a year/],
    ['coca country: Colombia, Mexico', /without a space after the comma — country:Colombia,Mexico/],
    ['country:COL year:2021', /at least one word.*filters/],
    ['heroin -heroin', /both searched for and excluded/],
    ['coca ' + 'x'.repeat(6000), /6,005 characters long; the limit is 6,000/],
    [Array.from({ length: 17 }, (_, i) => `"word${i}"`).join(' '), /17 quoted phrases; the limit is 16/],
    ['peace ' + Array.from({ length: 33 }, (_, i) => `-word${i}`).join(' '), /leaves out 33 words; the limit is 32/],
  ])('%j', (q, message) => {
    let error: unknown;
    try {
      parseQuery(q);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(QueryError);
    expect((error as Error).message).toMatch(message);
  });
});

describe('parseQuery: long queries are ranked, not refused', () => {
  // CISI query 97 (library science): a natural-language information need of ~150 words
  const need =
    'There has been a good deal of work on information retrieval systems that have continuous weights assigned to the index terms ' +
    'that describe the records in the database, and/or to the query terms that describe the user queries. Recent articles have ' +
    'analyzed retrieval systems with continuous weights of either type and/or with a Boolean structure for the queries. We also ' +
    "look at the weights from an entirely different approach involving thresholds, and we discuss the 'threshold' semantics.";

  it('keeps every distinct word of a pasted paragraph', () => {
    const p = parseQuery(need);
    expect(need.split(/\s+/).length).toBeGreaterThan(60);
    expect(p.words.length).toBeGreaterThan(25);
    expect(new Set(p.words.map((w) => w.term)).size).toBe(p.words.length);
    expect(p.words.map((w) => w.term)).toContain('boolean');
  });

  it('in a long query, a quoted word stresses the word instead of requiring it', () => {
    const p = parseQuery(need);
    expect(p.phrases).toEqual([]);
    expect(p.words.map((w) => w.term)).toContain('threshold');
    // a short query keeps its quotes as an exact phrase
    expect(parseQuery("continuous weights 'threshold'").phrases.map((x) => x.terms)).toEqual([['threshold']]);
  });

  it('accepts a query as long as a Discord option allows, and still honours its filters and exclusions', () => {
    const long = `${need} `.repeat(10).slice(0, 5950) + ' -cannabis country:COL';
    const p = parseQuery(long);
    expect(p.filters).toEqual({ country: 'COL' });
    expect(p.excluded.map((w) => w.term)).toEqual(['cannabi']);
  });
});

describe('normalizeDateBound', () => {
  it.each([
    ['2021', 'from', '2021-01-01'],
    ['2021', 'to', '2021-12-31'],
    ['2020-02', 'to', '2020-02-29'],
    ['2021-02', 'to', '2021-02-28'],
    ['2021-10', 'from', '2021-10-01'],
    ['2021-10-19', 'to', '2021-10-19'],
  ] as const)('%s (%s) → %s', (v, side, out) => {
    expect(normalizeDateBound(v, side)).toBe(out);
  });

  it.each(['21', '2021/10/19', '19 October 2021', '2021-00', '2021-02-29', '2021-1-5'])('rejects %s', (v) => {
    expect(() => normalizeDateBound(v, 'from')).toThrow(/Dates are written 2021 or 2021-10-19/);
  });
});

describe('mergeFilters', () => {
  it('combines the query’s filters with the options', () => {
    expect(mergeFilters({ country: 'COL' }, { year: '2021' })).toEqual({ country: 'COL', year: '2021' });
  });

  it('accepts the same value twice, keeping the option’s spelling', () => {
    expect(mergeFilters({ speaker: 'duque' }, { speaker: 'Duque' })).toEqual({ speaker: 'Duque' });
    expect(mergeFilters({ year: '2021' }, { from: '2021-01-01', to: '2021-12-31' })).toEqual({
      from: '2021-01-01',
      to: '2021-12-31',
    });
  });

  it('names both values when they conflict', () => {
    expect(() => mergeFilters({ country: 'COL' }, { country: 'PAK' })).toThrow(/country:COL.*country option says PAK/);
    expect(() => mergeFilters({ year: '2021' }, { year: '2020' })).toThrow(/year 2021.*year 2020/);
  });

  it('adds up what each side leaves out, and compares the values kept as sets', () => {
    expect(mergeFilters({ country: 'COL,-USA' }, { country: 'COL,-CAN' })).toEqual({ country: 'COL,-CAN,-USA' });
    expect(mergeFilters({ country: 'MEX,COL' }, { country: 'col,mex' })).toEqual({ country: 'col,mex' });
    expect(mergeFilters({ country: '-USA' }, { country: 'MEX' })).toEqual({ country: 'MEX,-USA' });
    expect(() => mergeFilters({ country: 'COL,MEX' }, { country: 'COL' })).toThrow(/country:COL,MEX but the country option says COL/);
  });

  it('lets the caller say two spellings are the same (country name and code)', () => {
    const same = (_k: string, a: string, b: string) => [a, b].sort().join() === 'COL,Colombia';
    expect(mergeFilters({ country: 'COL' }, { country: 'Colombia' }, same)).toEqual({ country: 'Colombia' });
  });

  it('checks the options’ dates too', () => {
    expect(() => mergeFilters({}, { from: '2021-31-12' })).toThrow(/Dates are written/);
    expect(() => mergeFilters({}, { from: '2022', to: '2021' })).toThrow(/swap/);
  });
});

describe('queryFromText (message → query)', () => {
  it('turns any message into a query that parses', () => {
    const msg = 'Re: @everyone see "this" — https://x.org/a?b=1 -heroin smuggled from:Afghanistan, the route!';
    const q = queryFromText(msg);
    const p = parseQuery(q);
    expect(p.filters).toEqual({});
    expect(p.excluded).toEqual([]);
    expect(p.words.map((w) => w.term)).toEqual(expect.arrayContaining(['heroin', 'smuggl', 'afghanistan', 'rout']));
  });
});

it('QUERY_HELP documents every construct the parser accepts', () => {
  for (const s of ['"', '-', '+', 'country:', 'speaker:', 'org:', 'year:', 'years:', 'from:', 'to:', 'date:', 'session:', 'doc:']) {
    expect(QUERY_HELP).toContain(s);
  }
});

describe('parseQuery: an unclosed quote is read leniently, as Xapian does', () => {
  it('the phrase runs to the end of the query, and a notice says so', () => {
    const p = parseQuery('"law of the sea');
    expect(p.phrases.map((x) => x.raw)).toEqual(['law of the sea']);
    expect(p.notices).toEqual(['The quote at the start is never closed: read as the phrase “law of the sea”, up to the end of the query.']);
  });

  it('words before the quote stay words; a filter after it stays a filter', () => {
    const p = parseQuery('heroin "smuggled Afghanistan country:COL');
    expect(p.words.map((w) => w.term)).toEqual(['heroin']);
    expect(p.phrases.map((x) => x.raw)).toEqual(['smuggled Afghanistan']);
    expect(p.filters).toEqual({ country: 'COL' });
    expect(p.notices[0]).toMatch(/quote after “heroin” is never closed: read as the phrase “smuggled Afghanistan”, up to the filter after it/);
    // a negative filter after it too
    const n = parseQuery('heroin "smuggled Afghanistan -country:USA');
    expect(n.phrases.map((x) => x.raw)).toEqual(['smuggled Afghanistan']);
    expect(n.filters).toEqual({ country: '-USA' });
  });

  it("a quote opening a filter's value is read as that value, and the notice says so, not a phrase (QA21 F11)", () => {
    const p = parseQuery('climate speaker:"Obama');
    expect(p.filters).toEqual({ speaker: 'Obama' });
    expect(p.phrases).toEqual([]);
    // before: "read as the phrase “Obama”", beside results filtered on the speaker Obama
    expect(p.notices).toEqual(['The quote after “speaker:” is never closed: read as speaker “Obama”, up to the end of the query.']);
    expect(parseQuery('peace org:"UN Women').notices).toEqual([
      'The quote after “org:” is never closed: read as organisation “UN Women”, up to the end of the query.',
    ]);
  });

  it('a closed quote gives no notice; a dangling quote at the end is ignored with one', () => {
    expect(parseQuery('"law of the sea" convention').notices).toEqual([]);
    const p = parseQuery('law of the sea "');
    expect(p.phrases).toEqual([]);
    expect(p.words.map((w) => w.term)).toEqual(['law', 'sea']);
    expect(p.notices[0]).toMatch(/encloses nothing/);
  });
});

describe('parseQuery: a filter written with a space whose value is no such value is read as words', () => {
  const date = 'for a date filter write from:2021 or from:2021-10-19 (no space after the colon).';
  const country = 'for a country filter write country:COL or country:"South Africa" (no space after the colon).';
  it.each([
    // query, the words searched (as typed), the notice
    ['effects of smoking from: 5 years on', ['effects', 'smoking', '5', 'years'], `Read “from: 5” as words — ${date}`],
    ['country: risk factors for heart disease', ['country', 'risk', 'factors', 'heart', 'disease'], `Read “country: risk” as words — ${country}`],
    [
      'year: a review',
      ['year', 'review'],
      'Read “year: a” as words — for a year filter write year:2021 or years:2019-2021 (no space after the colon).',
    ],
    [
      'session: outcomes',
      ['session', 'outcomes'],
      'Read “session: outcomes” as words — for a session filter write session:76 or session:70-76 (no space after the colon).',
    ],
    [
      'trade to: be agreed',
      ['trade', 'agreed'],
      'Read “to: be” as words — for a date filter write to:2021 or to:2021-10-19 (no space after the colon).',
    ],
    ['the date: TBC', ['date', 'TBC'], 'Read “date: TBC” as words — for a date filter write date:2021-10-19 (no space after the colon).'],
    // a code in small letters is a word (as a query's leading "us" is), a list with a non-country in it is words
    ['country: in Africa', ['country', 'Africa'], `Read “country: in” as words — ${country}`],
    ['country: New ideas', ['country', 'New', 'ideas'], `Read “country: New” as words — ${country}`],
    ['country: poor, rich and middle', ['country', 'poor', 'rich', 'middle'], `Read “country: poor,” as words — ${country}`],
    // a speaker, organisation, document or symbol of common words alone is text (a paper's title)
    [
      'File Organization: The Consecutive Retrieval Property',
      ['File', 'Organization', 'Consecutive', 'Retrieval', 'Property'],
      'Read “Organization: The” as words — for an organisation filter write organization:UNODC (no space after the colon).',
    ],
    [
      'speaker: the president',
      ['speaker', 'president'],
      'Read “speaker: the” as words — for a speaker filter write speaker:Guterres (no space after the colon).',
    ],
    [
      'org: a list of agencies',
      ['org', 'list', 'agencies'],
      'Read “org: a” as words — for an organisation filter write org:UNODC (no space after the colon).',
    ],
    // a transcript's label: a common word, capitalised, is no speaker (speaker:May, without the space, is)
    [
      'Speaker: It is time for peace',
      ['Speaker', 'time', 'peace'],
      'Read “Speaker: It” as words — for a speaker filter write speaker:Guterres (no space after the colon).',
    ],
  ])('%j', (q, words, notice) => {
    const p = parseQuery(q);
    expect(p.filters).toEqual({});
    expect(p.words.map((w) => w.raw)).toEqual(words);
    expect(p.notices).toEqual([notice]);
  });

  it('an unclosed quote runs on over a spaced filter read as words, and stops at one that reads', () => {
    const p = parseQuery('"effects of smoking from: 5 years');
    expect(p.phrases.map((x) => x.raw)).toEqual(['effects of smoking from: 5 years']);
    expect(p.filters).toEqual({});
    expect(p.notices).toEqual([
      'The quote at the start is never closed: read as the phrase “effects of smoking from: 5 years”, up to the end of the query.',
    ]);
    const f = parseQuery('"effects of smoking from: 2019');
    expect(f.phrases.map((x) => x.raw)).toEqual(['effects of smoking']);
    expect(f.filters).toEqual({ from: '2019' });
    expect(f.notices).toEqual(['The quote at the start is never closed: read as the phrase “effects of smoking”, up to the filter after it.']);
  });

  it('a quoted value that is no country stays a phrase, and its unclosed quote is noticed once', () => {
    const p = parseQuery('country: "risk factors" heart');
    expect(p.phrases.map((x) => x.raw)).toEqual(['risk factors']);
    expect(p.filters).toEqual({});
    expect(p.notices).toEqual([`Read “country: "risk factors"” as words — ${country}`]);
    const open = parseQuery('country: "risk factors');
    expect(open.phrases.map((x) => x.raw)).toEqual(['risk factors']);
    expect(open.notices).toHaveLength(2);
    expect(open.notices[1]).toMatch(/quote after “country” is never closed/);
  });

  it.each([
    ['coca country: Colombia', { country: 'Colombia' }],
    ['coca country: USA', { country: 'USA' }],
    ['coca country: Burma', { country: 'Burma' }],
    ['coca country: COL,MEX', { country: 'COL,MEX' }],
    ['coca country: Colombia,"South Africa"', { country: 'Colombia,South Africa' }],
    ['coca country: "Korea, Republic of"', { country: 'Korea, Republic of' }],
    ['coca -country: USA', { country: '-USA' }],
    ['coca from: 2019 to: 2021-06', { from: '2019', to: '2021-06' }],
    ['coca year: 2021', { year: '2021' }],
    ['coca years: 2019-2021', { from: '2019', to: '2021' }],
    ['coca date: 2021-10-19', { from: '2021-10-19', to: '2021-10-19' }],
    ['coca session: 76th', { session: '76' }],
    ['coca session: 70-76', { session: '70-76' }],
    ['coca speaker: Guterres', { speaker: 'Guterres' }],
    ['coca org: UNODC', { organisation: 'UNODC' }],
    // an acronym that is also a common word: the acronym
    ['coca org: WHO', { organisation: 'WHO' }],
    // a code in small letters that is no stop word, in mixed case, or only the library knows
    ['coca country: usa', { country: 'usa' }],
    ['coca country: col,mex', { country: 'col,mex' }],
    ['coca country: Usa', { country: 'Usa' }],
    ['coca country: XKX', { country: 'XKX' }],
    // signed: meant as a filter
    ['coca -country: United', { country: '-United' }],
    // a name of several words, unquoted
    ['coca country: South Africa', { country: 'South Africa' }],
    ['coca country: United States of America', { country: 'United States of America' }],
    // the longest name wins over its first word's (Guinea), signed too
    ['coca country: Guinea Bissau', { country: 'Guinea Bissau' }],
    ['coca -country: Guinea Bissau', { country: '-Guinea Bissau' }],
    ['coca country: Congo Kinshasa', { country: 'Congo Kinshasa' }],
    ["coca country: Korea Democratic People's Republic of", { country: "Korea Democratic People's Republic of" }],
    ['coca -country: South Africa', { country: '-South Africa' }],
    // punctuation ends the name
    ['coca country: South Africa?', { country: 'South Africa' }],
    ["coca country: South Africa's", { country: 'South Africa' }],
  ])('a spaced value that reads stays a filter: %j', (q, filters) => {
    const p = parseQuery(q);
    expect(p.filters).toEqual(filters);
    expect(p.words.map((w) => w.raw)).toEqual(['coca']);
    expect(p.notices).toEqual([]);
  });

  it('a value meant as a date keeps its error: it opens with four digits', () => {
    expect(() => parseQuery('coca from: 2021-13')).toThrow(/not a date/);
    expect(() => parseQuery('coca years: 2021')).toThrow(/not a year/);
  });

  it('a signed filter written with a space stays a filter and keeps its error', () => {
    expect(() => parseQuery('coca +country: risk')).toThrow(/Filters are always required/);
    expect(() => parseQuery('coca -from: 5 years')).toThrow(/Dates cannot be left out/);
  });

  it('a name of several words before a comma gets the advice a spaced list gets', () => {
    expect(() => parseQuery('peace country: South Africa, Namibia')).toThrow(/without a space after the comma.*country:"South Africa",Namibia/);
  });

  it('an unclosed quote stops at a spaced country filter of several words', () => {
    const p = parseQuery('"law of the sea country: South Africa');
    expect(p.phrases.map((x) => x.raw)).toEqual(['law of the sea']);
    expect(p.filters).toEqual({ country: 'South Africa' });
  });

  it('with strictFilters (stored follows) every spaced filter is a filter, as before the lenient reading', () => {
    expect(parseQuery('peace country: us', { strictFilters: true }).filters).toEqual({ country: 'us' });
    expect(() => parseQuery('peace from: 5 years', { strictFilters: true })).toThrow(/not a date/);
    const open = parseQuery('"effects of smoking from: 2019', { strictFilters: true });
    expect(open.filters).toEqual({ from: '2019' });
  });

  it('the same reading is noticed once', () => {
    const p = parseQuery('coca to: be or not to: be');
    expect(p.notices).toEqual(['Read “to: be” as words — for a date filter write to:2021 or to:2021-10-19 (no space after the colon).']);
  });

  it('an unclosed quote runs on over a spaced filter whose quoted value is read as words', () => {
    const p = parseQuery(`"abc country: 'risk factors' x`);
    expect(p.filters).toEqual({});
    expect(p.phrases.map((x) => x.raw)).toEqual([`abc country: 'risk factors' x`]);
    expect(p.notices[0]).toMatch(/up to the end of the query/);
  });

  it('without the space the filter stays a filter, and a wrong value is named (country:Narnia at search time)', () => {
    expect(parseQuery('coca country:Narnia').filters).toEqual({ country: 'Narnia' });
    expect(parseQuery('coca country:risk').notices).toEqual([]);
  });
});

describe('parseQuery: AND, OR and NOT in capitals are no operators, and the reply says so', () => {
  it('between words: a notice saying how the words are read and what + and - do', () => {
    for (const op of ['AND', 'OR', 'NOT']) {
      const q = parseQuery(`veto ${op} sanctions`);
      expect(q.words.map((w) => w.term)).toEqual(['veto', 'sanction']);
      expect(q.notices).toEqual([
        `“${op}” is not an operator here: the words around it are searched as usual (in a short query, passages holding every word come first). Put + before a word that must be there (+heroin), - before one to leave out (-cannabis).`,
      ]);
    }
  });

  it('not for "and" in small letters, a query all in capitals, or a word at either end', () => {
    expect(parseQuery('law and order').notices).toEqual([]);
    expect(parseQuery('LAW AND ORDER').notices).toEqual([]);
    expect(parseQuery('AND heroin').notices).toEqual([]);
    expect(parseQuery('"veto AND sanctions"').notices).toEqual([]);
  });
});
