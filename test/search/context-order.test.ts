/**
 * Context, not topic (QA20 F1 and F4): a passage of a long speech that holds the query's words only
 * through its document's metadata (the speaker, the country, the year) comes after passages whose
 * text holds one; and a country the query names is a topic where a passage's text says it.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { VerbatimEngine } from '../../src/search/engine.ts';
import { engineOfStatements, markedWords } from '../support/library.ts';
import { rankedWith } from '../support/options.ts';

const paragraphs = (...ps: string[]): string => ps.join('\n\n');

let engine: VerbatimEngine;

beforeAll(async () => {
  const lines = [
    {
      id: 'irn-2010',
      title: 'Iran — General Debate, 65th session (2010)',
      speaker: 'Mahmoud Ahmadinejad',
      country: 'IRN',
      date: '2010-09-23',
      text: paragraphs(
        'I am grateful to the Almighty for granting me once more an opportunity to appear before this Assembly.',
        'Let me pay tribute to all those who lost their lives in the past year in natural disasters.',
        'Some European countries still use the Holocaust, after six decades, as an excuse to pay fines to the occupiers.',
        'Most nations of the world are unhappy with the current international circumstances and their injustice.',
        'We believe that the management of the world requires a collective effort of all nations.',
        'May the Almighty hasten the arrival of the promised one, who will bring justice and peace.',
      ),
    },
    {
      id: 'isr-2009',
      title: 'Israel — General Debate, 64th session (2009)',
      speaker: 'Benjamin Netanyahu',
      country: 'ISR',
      date: '2009-09-24',
      text: paragraphs(
        'Yesterday the man who calls the Holocaust a lie spoke from this rostrum.',
        'A country that denies history has no place among the nations of good will.',
        'We seek peace with all our neighbours, and we will defend ourselves.',
        'The answer is clear: the nations of the world must stand firm.',
      ),
    },
    {
      id: 'chn-2022',
      title: 'China — General Debate, 77th session (2022)',
      speaker: 'Wang Yi',
      country: 'CHN',
      date: '2022-09-24',
      text: paragraphs(
        'China supports all efforts conducive to the peaceful resolution of the Ukraine crisis.',
        'Development is the master key to solving all problems of the world.',
        'Any scheme to interfere in the internal affairs of other countries is bound to fail.',
        'We will work with all countries for a community with a shared future.',
      ),
    },
    ...['first', 'second', 'third', 'fourth', 'fifth'].map((n, i) => ({
      id: `lux-${i}`,
      title: `Luxembourg — statement ${n} (2022)`,
      speaker: 'Xavier Bettel',
      country: 'LUX',
      date: '2022-09-23',
      text: paragraphs(
        `Let me say a word on the ${n} item of our agenda, which the committee discussed at length.`,
        'The committee met several times during the year and adopted its report.',
        'Its members thanked the secretariat for the documents it prepared.',
        'The next meeting will be held in the spring.',
      ),
    })),
  ];
  engine = await engineOfStatements(lines);
});

describe('passages holding only their document’s metadata', () => {
  it('come after passages whose text says a query word: "Ahmadinejad Holocaust" shows no greetings before what others said', async () => {
    const order = (e: VerbatimEngine): boolean[] => e.searchSync('Ahmadinejad Holocaust', { limit: 20 }).hits.map((h) => markedWords(h).length > 0);
    const hits = engine.searchSync('Ahmadinejad Holocaust', { limit: 20 }).hits;
    expect(hits[0]!.text).toContain('Holocaust');
    expect(hits[0]!.source.document).toBe('irn-2010');
    // every hit marking a word before any hit marking nothing (his greetings, matched by his name alone)
    const marked = order(engine);
    expect(marked.indexOf(false)).toBeGreaterThan(marked.lastIndexOf(true));
    expect(hits.find((h) => h.source.document === 'isr-2009')?.text).toContain('Holocaust a lie');
    // before: his other paragraphs, on the rarer word of his name, came before Netanyahu's
    const before = order(rankedWith(engine, { context: { metaOnlyMinPassages: 0 } }));
    expect(before.indexOf(false)).toBeLessThan(before.lastIndexOf(true));
  });

  it('a query of one word is left as it was: every passage of the speaker’s speech holds it', async () => {
    const ids = (e: VerbatimEngine) => e.searchSync('Ahmadinejad', { limit: 20 }).hits.map((h) => h.id);
    expect(ids(engine)).toEqual(ids(rankedWith(engine, { context: { metaOnlyMinPassages: 0 } })));
    expect(ids(engine)).toHaveLength(6);
  });
});

describe('a country the passage’s text says', () => {
  it('is what the passage is about, not where it was said: "China say Ukraine 2022" finds China’s Ukraine passage before mere "say"s', async () => {
    const rank = (e: VerbatimEngine): number =>
      e.searchSync('China say Ukraine 2022', { limit: 30 }).hits.findIndex((h) => h.text.includes('resolution of the Ukraine crisis'));
    expect(rank(engine)).toBe(0);
    // before: holding only countries and the year, it came after every passage saying "say"
    expect(rank(rankedWith(engine, { context: { countryInText: false } }))).toBeGreaterThan(4);
  });

  it('a question\'s verb of saying is no topic: "what did China say about Ukraine in 2022" marks no "say" (review20 R4)', () => {
    const hits = engine.searchSync('what did China say about Ukraine in 2022', { limit: 30 }).hits;
    expect(hits[0]!.text).toContain('resolution of the Ukraine crisis');
    expect(hits.flatMap(markedWords).map((w) => w.toLowerCase())).not.toContain('say');
    // the lift of what the country said stays; without the frame, "say" is a word like any other
    expect(engine.searchSync('China say Ukraine 2022', { limit: 30 }).hits.flatMap(markedWords)).toContain('say');
  });
});
