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
    expect(e.text.length).toBeLessThanOrEqual(302);
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
    expect(e.text.length).toBeLessThanOrEqual(max + 2);
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
