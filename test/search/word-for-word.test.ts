/**
 * An unquoted query with stop words among its words may be a line the user remembers ("the cold
 * war is over", "leave no one behind"). Ranking by indexed words alone reads it without its stop
 * words, so passages holding the line word for word come first among the best. Real documents:
 * two Security Council debates, the General Assembly's fiftieth-anniversary meeting, the
 * Millennium Declaration, the drug-problem resolution and the human-rights budget section.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeExtractors } from '../../src/ingest/load-library.ts';
import type { VerbatimEngine } from '../../src/search/engine.ts';
import type { QueryPlan } from '../../src/search/ranking/plan.ts';
import { wordForWordFirst } from '../../src/search/ranking/phrases.ts';
import { engineOfUnDocuments } from '../support/library.ts';
import { rankedWith } from '../support/options.ts';

let engine: VerbatimEngine;

beforeAll(async () => {
  ({ engine } = await engineOfUnDocuments([
    'A_RES_79_191.pdf',
    'S_PV.8699_Resumption1.pdf',
    'A_81_6_Sect.24.pdf',
    'A_50_PV.33.pdf',
    'A_RES_55_2.pdf',
    'S_PV.8701.pdf',
  ]));
}, 120_000);
afterAll(closeExtractors);

/** For each of the first 10 hits of `q`, whether its passage holds `q` word for word. */
async function saying(e: VerbatimEngine, q: string): Promise<boolean[]> {
  // as the line is read: each word in the singular or the plural, punctuation between words aside
  // ("We, the peoples of the United Nations" says "we the peoples")
  const line = new RegExp(
    q
      .split(' ')
      .map((w) => `${w.replace(/s$/, '')}s?`)
      .join('\\W+'),
    'i',
  );
  return (await e.search(q, { limit: 10 })).hits.map((h) => line.test(h.text));
}

describe('a remembered line typed without quotes', () => {
  it.each(['we the peoples', 'the scourge of war', 'the end of the cold war'])('%s: the passages saying it come first', async (q) => {
    const on = await saying(engine, q);
    expect(on[0]).toBe(true);
    // every passage saying it comes before every one that does not
    if (on.includes(false)) expect(on.slice(on.indexOf(false))).not.toContain(true);
    // before: ranked by "peoples", "scourge war", "end cold war", with passages saying the line among
    // the rest, or below the first ten
    const off = await saying(rankedWith(engine, { wordForWordMaxWords: 0 }), q);
    const lineFirst = off[0] === true && !off.slice(Math.max(0, off.indexOf(false))).includes(true);
    expect(lineFirst).toBe(false);
  });

  it('looks for the line past the re-ranked head: "we the peoples" said three times in the first ten, once without', async () => {
    // ranked by "peoples" alone, long passages saying "people" often outrank two of the three
    // passages saying the line (a Security Council speaker, and two quoting the Charter)
    const deep = await saying(engine, 'we the peoples');
    const head = await saying(rankedWith(engine, { wordForWordReach: 0 }), 'we the peoples');
    expect(deep.slice(0, 3)).toEqual([true, true, true]);
    expect(head.filter(Boolean).length).toBeLessThan(deep.filter(Boolean).length);
  });

  it('reorders only the first passages, and only queries with stop words, unquoted', () => {
    const plan = (text: string, quoted = false): QueryPlan =>
      ({ parsed: { text, phrases: quoted ? [{ raw: text, terms: [] }] : [], excluded: [], excludedPhrases: [] } }) as unknown as QueryPlan;
    const texts = ['cold war protagonists', 'the cold war is over', 'the cold war pressures', 'The Cold War is over.'];
    const texts3 = (g: number): string => texts[g]!;
    // a head of 4 with a window of 2: the third and fourth keep their places, as on a page of 2
    expect(wordForWordFirst(plan('the cold war is over'), [0, 1, 2, 3], 2, texts3, 8)).toEqual([1, 0, 2, 3]);
    expect(wordForWordFirst(plan('the cold war is over'), [0, 1, 2, 3], 4, texts3, 8)).toEqual([1, 3, 0, 2]);
    // no stop word: proximity already ranks the words together; quoted: the phrase check does
    expect(wordForWordFirst(plan('cold war protagonists'), [2, 0, 1], 3, texts3, 8)).toEqual([2, 0, 1]);
    expect(wordForWordFirst(plan('the cold war is over', true), [0, 1], 2, texts3, 8)).toEqual([0, 1]);
  });
});
