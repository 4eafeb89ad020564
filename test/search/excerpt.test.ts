import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { tokens } from '../../src/index/analyzer.ts';
import { findPhrase, highlight, makeExcerpt } from '../../src/search/excerpt.ts';
import { parseQuery } from '../../src/search/query.ts';
import type { Excerpt } from '../../src/types.ts';

const sample = readFileSync(new URL('../../data/cnd-64-intersessional-2021-10.txt', import.meta.url), 'utf8');
const paragraphs = sample.split(/\n\s*\n/).map((p) => p.trim());
/** The sample's Colombia / Pakistan paragraph. */
const colombia = paragraphs.find((p) => p.includes('Pakistan'))!;
/** Colombia's 2021 General Debate speech (UNGDC, COL_76_2021.txt), paragraph 30. */
const duque =
  'We are moving forward with resolve, but we must make a difference by acting together. In Colombia, greater coca production means lower levels of peace and environmental protection. Every gram of coca consumed in demand-driven nations translates into homicide and ecocide in Colombia. For every hectare of coca that has been planted, two hectares of tropical rain forest are destroyed. Dealing with the worrisome increase in narcotics consumption throughout the world is urgent. It is time for members of the international community to assume their share of responsibility.';
/** A hard-wrapped UNGDC-style passage (line breaks kept inside the passage). */
const wrapped =
  'The right of peoples to self-determination remains\na cornerstone of the Charter. We recall that the\nCommittee on the Exercise of the Inalienable Rights\nof the Palestinian People has worked for twenty years\nto make that right real, and we call once more for\nan end to the occupation of Palestinian territory.';

/** Kenya's 1967 General Debate speech (UNGDC, KEN_22_1967.txt), paragraph 134. */
const kenya =
  "134. My Government stands strongly opposed to Portuguese colonialism in Mozambique, Angola and in so-called Portuguese Guinea. Portugal's colonial rule in Africa is more than 400 years old. Portugal has done nothing to develop the Territories under its rule except to exploit their economic resources for its own benefit. Kenya maintains that the only proper way to development is for Portugal to grant political independence to its colonies. It must realize, as have other colonial Powers, that its economic relations with Africa can best be served on the basis of equality and interdependence between sovereign States. By granting independence to its colonies the basis of the present conflict with African States will disappear.";
/** Azerbaijan's 1992 speech (UNGDC, AZE_47_1992.txt), as the file wraps it. */
const azerbaijan =
  'non-proliferation regime. I believe that it would be appropriate to make \nefforts to establish subregional restraint regimes; this is particularly \nurgent for the multiplicity of hot spots which are appearing against the \nbackground of a minimal military threat on a Europe-wide scale. Subregional \nrestraint could include reducing military force levels in limited \ngeographically remote areas. Thereafter such regimes could lay the groundwork \nfor the demilitarization of whole regions. Azerbaijan has already proposed \nthis concept for the Transcaucasian region.';
/** Rwanda's 1993 speech (UNGDC, RWA_48_1993.txt): a first sentence of 301 characters. */
const rwanda =
  'For the repatriation of Rwandese refugees in accordance with the Dar-es-Salaam Declaration of 19 February 1991, a donors’ meeting will be organized at the initiative of the Government, the Organization of African Unity (OAU) and the Office of the United Nations High Commissioner for Refugees (UNHCR). With the war, we saw all types of destruction, particularly the damaging and/or destruction of several thousands of hectares of forest which will even further aggravate the wood shortage. With the end of the war, the country will have to dispose of the funds to demobilize more than 31,000 military personnel.';
/** Paraguay's 1965 speech (UNGDC, PRY_20_1965.txt), paragraph 150: one sentence of 647 characters. */
const paraguay =
  "150. I deeply regret that in this era of interplanetary travel it should be necessary for me to draw the Assembly's attention to a problem concerning the right to free navigation on international rivers, aright which was referred to in the French National Convention's Decree of 16 November 1792 and is clearly recognized in international law as established in the Treaty of Paris (1814), at the Congresses of Vienna (1815), Berlin (1885), Barcelona (1921), and Lima (1847-48), and various inter-American conferences, in the definitions of the Inter-American Juridical Committee and the Inter-American Council of Jurists and in many bilateral treaties.";

/** Trinidad and Tobago's 2002 speech (UNGDC, TTO_57_2002.txt), as the file wraps it. */
const trinidad =
  'Trinidad and Tobago remains committed to the\ninternational rule of law and to justice for all. Our role\nin the reintroduction into the international agenda of\nthe idea of the creation of a permanent International\nCriminal Court in 1989 is well known. And, since that\ntime, Trinidad and Tobago has not ceased to promote\nsupport for that Court, both regionally and\ninternationally. It continues to be the hope of my\nGovernment that at the Review Conference of 2009,\nthe crimes of drug-trafficking and terrorism will also\nbe included within the jurisdiction of the Court.';
/** Line breaks and runs of spaces read as one space. */
const oneLine = (s: string) => s.replace(/\s+/g, ' ');

function excerptFor(text: string, query: string, max = 300): Excerpt {
  const q = parseQuery(query);
  return makeExcerpt(text, { terms: new Set(q.words.map((w) => w.term)), phrases: q.phrases.map((p) => p.terms) }, max);
}
const marked = (e: Excerpt) => e.marks.map(([a, b]) => e.text.slice(a, b));
const body = (e: Excerpt) => e.text.replace(/^…/, '').replace(/…$/, '');

describe('makeExcerpt on real passages', () => {
  it.each([
    [colombia, 'heroin smuggled Afghanistan', ['heroin', 'smuggled', 'Afghanistan']],
    [colombia, 'cultivated coca', ['coca', 'cultivation']],
    [colombia, '"organized crime" Colombia', ['organized crime', 'Colombia']],
    [duque, 'coca hectares rain forest', ['hectare', 'coca', 'hectares', 'rain', 'forest']],
    [duque, 'narcotic consumption', ['narcotics', 'consumption']],
    [wrapped, '"inalienable rights" Palestinians', ['Inalienable Rights', 'Palestinian', 'Palestinian']],
  ])('%#: %s', (text, query, words) => {
    const e = excerptFor(text, query);
    expect(e.text.length).toBeLessThanOrEqual(452);
    expect(marked(e)).toEqual(words);
  });

  it('marks the stemmed form the passage uses: "cultivated" marks "cultivation"', () => {
    const e = excerptFor(colombia, 'cultivated');
    expect(marked(e)).toEqual(['cultivation']);
  });

  it('picks the region where the words are, not the start of the passage', () => {
    const e = excerptFor(colombia, 'heroin smuggled Afghanistan');
    expect(e.text.startsWith('…')).toBe(true);
    expect(e.text).toContain('87% of heroin was smuggled from Afghanistan');
  });

  it('prefers a window holding the whole phrase over one with more scattered words', () => {
    const e = excerptFor(duque, '"rain forest" coca Colombia', 120);
    expect(marked(e)).toContain('rain forest');
  });

  it('holds the whole matched sentence and starts at a sentence start when it fits', () => {
    for (const q of ['narcotics consumption urgent', 'gram consumed demand-driven nations']) {
      const inner = body(excerptFor(duque, q));
      const at = duque.indexOf(inner);
      expect(duque.slice(0, at)).toMatch(/(^|\. )$/);
    }
    expect(excerptFor(duque, 'narcotics consumption urgent').text).toContain(
      'Dealing with the worrisome increase in narcotics consumption throughout the world is urgent.',
    );
  });

  it('cuts at word boundaries, with an ellipsis on each cut side', () => {
    for (const q of ['heroin', 'Pacific region', 'Tajikistan', 'terrorism']) {
      const e = excerptFor(colombia, q, 120);
      const inner = body(e);
      const at = colombia.indexOf(inner);
      expect(at).toBeGreaterThanOrEqual(0);
      expect(e.text.startsWith('…')).toBe(at > 0);
      expect(e.text.endsWith('…')).toBe(at + inner.length < colombia.length);
      if (at > 0) expect(colombia[at - 1]).toMatch(/\s/);
      if (at + inner.length < colombia.length) expect(colombia[at + inner.length]).toMatch(/\s/);
    }
  });

  it('returns a short passage whole, trimmed, and keeps its line breaks', () => {
    const e = excerptFor(`  ${wrapped}\n`, 'Palestinian occupation', 400);
    expect(e.text).toBe(wrapped);
    expect(marked(e)).toEqual(['Palestinian', 'occupation', 'Palestinian']);
  });

  it('without any match, shows the start of the passage', () => {
    const e = makeExcerpt(colombia, { terms: new Set(['nowher']) }, 100);
    expect(e.marks).toEqual([]);
    expect(e.text.startsWith(colombia.slice(0, 40))).toBe(true);
    expect(e.text.endsWith('…')).toBe(true);
  });

  it('marks a hyphenated compound by its parts', () => {
    const e = excerptFor(wrapped, 'self-determination Charter');
    expect(marked(e)).toEqual(['self', 'determination', 'Charter']);
  });
});

describe('makeExcerpt shows the answering sentence whole (UNGDC passages)', () => {
  it('starts at the answering sentence, not in the sentence before it, and shows what follows', () => {
    const e = excerptFor(kenya, 'how long has portugal ruled african colonies');
    expect(e.text.startsWith("…Portugal's colonial rule in Africa is more than 400 years old. Portugal has done nothing")).toBe(true);
    expect(e.text).toContain('to exploit their economic resources for its own benefit.');
    expect(e.text.length).toBeLessThanOrEqual(302);
  });

  it('shows the sentences holding the most query words whole, hard-wrapped lines and all', () => {
    const e = excerptFor(azerbaijan, 'azerbaijan subregional restraint transcaucasus demilitarization');
    expect(oneLine(e.text)).toBe(
      '…Subregional restraint could include reducing military force levels in limited geographically remote areas. Thereafter such regimes could lay the groundwork for the demilitarization of whole regions. Azerbaijan has already proposed this concept for the Transcaucasian region.',
    );
    expect(marked(e)).toEqual(['Subregional', 'restraint', 'demilitarization', 'Azerbaijan']);
  });

  it('shows a best sentence a little longer than the excerpt whole, alone', () => {
    const first = rwanda.slice(0, rwanda.indexOf('(UNHCR).') + '(UNHCR).'.length);
    expect(first.length).toBeGreaterThan(300);
    const e = excerptFor(rwanda, 'rwandese refugee repatriation donors meeting');
    expect(e.text).toBe(`${first}…`);
  });

  it('in a sentence too long to show whole, shows the part holding the query words, cut at word boundaries', () => {
    const e = excerptFor(paraguay, 'free navigation international rivers 1792 decree');
    expect(e.text.length).toBeLessThanOrEqual(302);
    expect(e.text.startsWith('…I deeply regret that')).toBe(true);
    expect(marked(e)).toEqual(['free', 'navigation', 'international', 'rivers', 'Decree', '1792']);
  });

  it('lets rare words outweigh common ones when the caller gives weights', () => {
    const terms = new Set(['colombia', 'urgent']);
    const rare = (w: Record<string, number>) => makeExcerpt(duque, { terms, weight: (t) => w[t] ?? 1 }, 120);
    expect(body(rare({ urgent: 6, colombia: 1 }))).toContain('is urgent.');
    expect(body(rare({ urgent: 1, colombia: 6 }))).toContain('In Colombia, greater coca production');
  });

  it("counts a spelled-out form (an acronym's long form) like one word, not as a quoted phrase", () => {
    const icc = tokens('International Criminal Court').map((t) => t.term);
    const terms = new Set(parseQuery('drug trafficking jurisdiction 2009 review').words.map((w) => w.term));
    const answer = 'It continues to be the hope of my Government that at the Review Conference of 2009';
    const spelled = makeExcerpt(trinidad, { terms, forms: [icc] });
    expect(oneLine(spelled.text).startsWith(`…${answer}`)).toBe(true);
    expect(marked(spelled)).toEqual(['Review', '2009', 'drug', 'trafficking', 'jurisdiction']);
    // quoted, the same words come first: the excerpt shows them
    const quoted = makeExcerpt(trinidad, { terms, phrases: [icc] });
    expect(marked(quoted)).toContain('International\nCriminal Court');
  });
});

describe('findPhrase', () => {
  it('finds phrases across punctuation and stop words, and only in order', () => {
    const toks = tokens(colombia);
    const terms = (s: string) => tokens(s).map((t) => t.term);
    expect(findPhrase(toks, terms('drug trafficking and organized crime'))).toHaveLength(1);
    expect(findPhrase(toks, terms('Pakistan, Iran and Tajikistan'))).toHaveLength(1);
    expect(findPhrase(toks, terms('crime organized'))).toHaveLength(0);
  });
});

describe('highlight', () => {
  it('wraps marks and escapes every piece of text', () => {
    const e = excerptFor('The **Balkan** route_1 is known.', 'Balkan route');
    const esc = (s: string) => s.replace(/[*_]/g, '\\$&');
    expect(highlight(e, '**', '**', esc)).toBe('The \\*\\***Balkan**\\*\\* **route**\\_1 is known.');
    expect(highlight(e, '[', ']')).toBe('The **[Balkan]** [route]_1 is known.');
  });
});

describe('makeExcerpt properties', () => {
  const vocabulary = [...new Set(tokens(sample).map((t) => sample.slice(t.start, t.end)))];
  const realistic = fc
    .array(fc.tuple(fc.constantFrom(...vocabulary), fc.constantFrom(' ', ' ', ' ', ', ', '. ', '\n', '-', ' “', '” ', ' (')), {
      minLength: 1,
      maxLength: 150,
    })
    .map((parts) => parts.map(([w, s]) => w + s).join(''));
  const anyText = fc.oneof(realistic, fc.string({ maxLength: 900 }), fc.fullUnicodeString({ maxLength: 600 }));

  const check = (text: string, e: Excerpt, max: number) => {
    // longer than `max` only to show one sentence whole: it then ends where the sentence (or the passage) ends
    expect(e.text.length).toBeLessThanOrEqual(Math.floor(max * 1.5) + 2);
    if (e.text.length > max + 2) {
      const inner = body(e);
      const after = text.slice(text.indexOf(inner) + inner.length);
      expect(after.trim() === '' || (/[.!?]["'”’)\]]?$/.test(inner) && /^\s/.test(after)) || /^\s*\n\s*\n/.test(after)).toBe(true);
    }
    let prev = -1;
    for (const [a, b] of e.marks) {
      expect(a).toBeGreaterThan(prev);
      expect(b).toBeGreaterThan(a);
      expect(b).toBeLessThanOrEqual(e.text.length);
      prev = b;
    }
    const variants = [e.text, e.text.replace(/^…/, ''), e.text.replace(/…$/, ''), body(e)];
    expect(variants.some((v) => text.includes(v))).toBe(true);
  };

  it('marks are in range, sorted, apart; the excerpt fits and comes from the passage', () => {
    fc.assert(
      fc.property(anyText, fc.integer({ min: 20, max: 400 }), fc.array(fc.constantFrom(...vocabulary), { maxLength: 6 }), (text, max, words) => {
        const terms = new Set(words.flatMap((w) => tokens(w).map((t) => t.term)));
        const phrase = tokens(words.slice(0, 2).join(' ')).map((t) => t.term);
        check(text, makeExcerpt(text, { terms, phrases: [phrase] }, max), max);
      }),
      { numRuns: Number(process.env.FC_RUNS ?? 300) },
    );
  });

  it('on realistic text, marks cover exactly the matched words in the excerpt', () => {
    fc.assert(
      fc.property(
        realistic,
        fc.integer({ min: 40, max: 400 }),
        fc.array(fc.constantFrom(...vocabulary), { minLength: 1, maxLength: 4 }),
        (text, max, words) => {
          const terms = new Set(words.flatMap((w) => tokens(w).map((t) => t.term)));
          const e = makeExcerpt(text, { terms }, max);
          check(text, e, max);
          const inside = tokens(e.text).filter((t) => terms.has(t.term));
          const covered = (t: { start: number; end: number }) => e.marks.some(([a, b]) => a <= t.start && t.end <= b);
          expect(inside.every(covered)).toBe(true);
          for (const [a, b] of e.marks) {
            expect(tokens(e.text.slice(a, b)).every((t) => terms.has(t.term))).toBe(true);
          }
        },
      ),
      { numRuns: Number(process.env.FC_RUNS ?? 300) },
    );
  });
});
