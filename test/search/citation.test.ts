import { describe, expect, it } from 'vitest';
import { citationLine, formatDate, passageUrl, sourceOf } from '../../src/search/citation.ts';
import type { DocumentMeta, Passage, Source } from '../../src/types.ts';

const cndMeta: DocumentMeta = {
  title: 'Report on the first intersessional meeting of the 64th session of the CND',
  meeting: 'Commission on Narcotic Drugs, 64th session, first intersessional meeting',
  session: '64',
  date: '2021-10-19',
  dateEnd: '2021-10-21',
  organisation: 'Office for Combating Drugs, Government of the Republic of Serbia',
  country: 'SRB',
  countryName: 'Serbia',
  language: 'en',
};
const pakistan: Passage = {
  id: 'p2',
  docId: 'cnd-64-intersessional-2021-10',
  paragraph: 2,
  ordinal: 1,
  text: 'At the first session on October 19, entitled “Links between drug trafficking and organized crime”, a representative … further east and west.',
  sectionTitle: 'Links between drug trafficking and organized crime',
  sectionDate: '2021-10-19',
};
const colombia2021: Source = {
  document: 'COL_76_2021',
  speaker: 'Iván Duque Márquez',
  post: 'President',
  country: 'COL',
  countryName: 'Colombia',
  session: '76',
  date: '2021',
  paragraph: 30,
};

describe('sourceOf', () => {
  it('fills the source from the document and the passage, the section date winning', () => {
    const s = sourceOf({ id: 'cnd-64-intersessional-2021-10', meta: { ...cndMeta, date: '2021-10' } }, pakistan);
    expect(s).toEqual({
      document: 'cnd-64-intersessional-2021-10',
      title: cndMeta.title,
      date: '2021-10-19',
      organisation: cndMeta.organisation,
      country: 'SRB',
      countryName: 'Serbia',
      meeting: cndMeta.meeting,
      session: '64',
      paragraph: 2,
      section: 'Links between drug trafficking and organized crime',
    });
  });

  it('leaves out what is unknown rather than setting it to undefined', () => {
    const s = sourceOf({ id: 'd', meta: {} }, { id: 'x', docId: 'd', paragraph: 1, ordinal: 0, text: 't', page: 4 });
    expect(s).toEqual({ document: 'd', paragraph: 1, page: 4 });
  });

  it('cites a passage that runs over a page break with both pages', () => {
    const s = sourceOf({ id: 'd', meta: { symbol: 'A/71/PV.1' } }, { id: 'x', docId: 'd', paragraph: 9, ordinal: 8, text: 't', page: 4, pageEnd: 5 });
    expect(s).toMatchObject({ page: 4, pageEnd: 5 });
    expect(citationLine(s)).toBe('d · ¶ 9 · pp. 4–5 · A/71/PV.1');
  });
});

describe('citationLine', () => {
  it.each<[string, Source, string]>([
    ['UNGDC speech', colombia2021, 'Iván Duque Márquez (President) · Colombia · 76th session · 2021 · ¶ 30'],
    [
      'CND report: neither the session the meeting names nor the country the organisation names is repeated',
      sourceOf({ id: 'cnd', meta: cndMeta }, pakistan),
      'Office for Combating Drugs, Government of the Republic of Serbia · Commission on Narcotic Drugs, 64th session, first intersessional meeting · 19 October 2021 · ¶ 2',
    ],
    [
      'long post left out, page and symbol shown',
      {
        document: 'x',
        speaker: 'Mr. Sergey Lavrov',
        post: 'Minister for Foreign Affairs of the Russian Federation and Special Envoy',
        paragraph: 7,
        page: 3,
        symbol: 'A/76/PV.12',
        date: '2021-09',
      },
      'Mr. Sergey Lavrov · September 2021 · ¶ 7 · p. 3 · A/76/PV.12',
    ],
    ['nothing known but the document', { document: 'notes/2021.txt', paragraph: 1 }, 'notes/2021.txt · ¶ 1'],
    ['title stands in for an author', { document: 'd', title: 'World Drug Report', date: '2023', paragraph: 12 }, 'World Drug Report · 2023 · ¶ 12'],
    ['country code when the name is missing', { document: 'd', country: 'EU', session: '1', paragraph: 2 }, 'EU · 1st session · ¶ 2'],
    ['speaker wins over organisation', { document: 'd', speaker: 'Ghada Waly', organisation: 'UNODC', paragraph: 5 }, 'Ghada Waly · ¶ 5'],
  ])('%s', (_name, source, line) => {
    expect(citationLine(source)).toBe(line);
  });

  it.each(['11', '12', '13', '111'])('session %s takes "th"', (n) => {
    expect(citationLine({ document: 'd', session: n, paragraph: 1 })).toContain(`${n}th session`);
  });

  it('has no dangling or doubled separators whatever is missing', () => {
    const full: Source = { ...colombia2021, meeting: 'General Debate', page: 2, symbol: 'A/76/PV.4', title: 'T' };
    const keys = Object.keys(full).filter((k) => k !== 'document' && k !== 'paragraph') as (keyof Source)[];
    for (let mask = 0; mask < 1 << keys.length; mask++) {
      const s: Source = { document: 'd', paragraph: 3 };
      keys.forEach((k, i) => {
        if (mask & (1 << i)) (s as unknown as Record<string, unknown>)[k] = full[k];
      });
      const line = citationLine(s);
      expect(line).not.toMatch(/^ ·|· $| · · |\(\)|undefined/);
      expect(line).toContain('¶ 3');
    }
  });
});

describe('formatDate', () => {
  it.each([
    ['2021-10-19', '19 October 2021'],
    ['2021-10-01', '1 October 2021'],
    ['2021-02', 'February 2021'],
    ['1946', '1946'],
    ['2021-13-01', '2021-13-01'],
    ['sometime', 'sometime'],
  ])('%s → %s', (iso, human) => {
    expect(formatDate(iso)).toBe(human);
  });
});

describe('passageUrl', () => {
  const text =
    'We are moving forward with resolve, but we must make a difference by acting together. In Colombia, greater coca production means lower levels of peace - and environmental protection & more.';

  it('is undefined without a url', () => {
    expect(passageUrl(colombia2021, text)).toBeUndefined();
  });

  it('points a PDF at the passage’s page', () => {
    expect(passageUrl({ document: 'd', paragraph: 1, page: 3, url: 'https://undocs.org/A/76/PV.4.pdf' }, text)).toBe(
      'https://undocs.org/A/76/PV.4.pdf#page=3',
    );
  });

  it('gives a PDF without a page, or a local file, as is', () => {
    expect(passageUrl({ document: 'd', paragraph: 1, url: 'https://x.org/r.pdf' }, text)).toBe('https://x.org/r.pdf');
    expect(passageUrl({ document: 'd', paragraph: 1, url: 'file:///tmp/r.html' }, text)).toBe('file:///tmp/r.html');
  });

  it('links a web page to the passage with a text fragment of its first and last words', () => {
    const url = passageUrl({ document: 'd', paragraph: 1, url: 'https://gadebate.un.org/en/76/colombia' }, text)!;
    expect(url).toBe(
      'https://gadebate.un.org/en/76/colombia#:~:text=We%20are%20moving%20forward%20with%20resolve,environmental%20protection%20%26%20more',
    );
  });

  it('percent-encodes the characters the text fragment syntax reserves (- & ,)', () => {
    const url = passageUrl({ document: 'd', paragraph: 1, url: 'https://x.org/a' }, 'Self-determination, peace & security')!;
    const directive = url.split(':~:text=')[1]!;
    expect(directive).toBe('Self%2Ddetermination%2C%20peace%20%26%20security');
    expect(decodeURIComponent(directive)).toBe('Self-determination, peace & security');
  });

  it('keeps an existing fragment and adds the directive after it', () => {
    const url = passageUrl({ document: 'd', paragraph: 1, url: 'https://x.org/a#speech' }, 'Short passage.')!;
    expect(url).toBe('https://x.org/a#speech:~:text=Short%20passage');
  });
});

describe('citations of passages inside statements (issue 9)', () => {
  const record: Source = {
    document: 'A_76_PV.5',
    symbol: 'A/76/PV.5',
    date: '2021-09-21',
    meeting: 'General Assembly, 5th plenary meeting',
    paragraph: 40,
    page: 12,
  };
  it.each<[string, Record<string, string | number | undefined>, string]>([
    [
      'a delegate',
      { speaker: 'Mr. Duque Márquez', countryName: 'Colombia', country: 'COL' },
      'Mr. Duque Márquez (Colombia) · A/76/PV.5 · 21 September 2021 · p. 12',
    ],
    ['the President', { speaker: 'The President' }, 'The President · A/76/PV.5 · 21 September 2021 · p. 12'],
    [
      'a language note',
      { speaker: 'Mrs. X', countryName: 'Mexico', languageNote: 'spoke in Spanish' },
      'Mrs. X (Mexico) (spoke in Spanish) · A/76/PV.5 · 21 September 2021 · p. 12',
    ],
    [
      'on behalf of a group',
      { speaker: 'Mr. Akram', countryName: 'Pakistan', onBehalfOf: 'the Group of 77 and China' },
      'Mr. Akram (Pakistan), on behalf of the Group of 77 and China · A/76/PV.5 · 21 September 2021 · p. 12',
    ],
    [
      'a body, not a country',
      { speaker: 'Mr. Skoog', organisation: 'African Union' },
      'Mr. Skoog (African Union) · A/76/PV.5 · 21 September 2021 · p. 12',
    ],
    [
      'no symbol: the meeting',
      { speaker: 'The Chair', symbol: undefined },
      'The Chair · General Assembly, 5th plenary meeting · 21 September 2021 · p. 12',
    ],
    ['no page: the paragraph', { speaker: 'The Chair', page: undefined }, 'The Chair · A/76/PV.5 · 21 September 2021 · ¶ 40'],
  ])('%s', (_, extra, line) => {
    const s: Record<string, unknown> = { ...record, statement: 'turn', ...extra };
    for (const k of Object.keys(s)) if (s[k] === undefined) delete s[k];
    expect(citationLine(s as unknown as Source)).toBe(line);
  });

  it('sourceOf: the statement\'s speaker and country replace the document\'s; the report becomes "reported in"', () => {
    const doc = {
      id: 'cnd-64-intersessional-2021-10',
      meta: cndMeta,
      statements: [
        { kind: 'reported' as const, speaker: 'Center for Governance Research (CGR)', country: 'PAK', countryName: 'Pakistan', first: 1, last: 1 },
      ],
    };
    const s = sourceOf(doc, pakistan);
    expect(s).toMatchObject({
      speaker: 'Center for Governance Research (CGR)',
      country: 'PAK',
      countryName: 'Pakistan',
      statement: 'reported',
      reportedBy: 'Office for Combating Drugs, Government of the Republic of Serbia',
    });
    expect(s.organisation).toBeUndefined();
    expect(citationLine(s)).toBe(
      'Center for Governance Research (CGR), Pakistan — reported in: Office for Combating Drugs, Government of the Republic of Serbia · Commission on Narcotic Drugs, 64th session, first intersessional meeting · 19 October 2021 · ¶ 2',
    );
    // a passage outside every statement is the report's own
    expect(sourceOf(doc, { ...pakistan, ordinal: 0 }).country).toBe('SRB');
  });
});
