/**
 * The excerpt shows the sentences covering the most distinct query words, weighted by rarity: a
 * word the excerpt shows in the sentence it cuts at its end counts (for part of its weight), so a
 * short passage's excerpt does not drop the one sentence holding the word that makes it the
 * answer; and an acronym and its spelled-out form count as one word, not two. Passages from the
 * UNGDC corpus (CC0); weights are the words' idf in the UNGDC library, as the engine passes them.
 */
import { describe, expect, it } from 'vitest';
import { makeExcerpt } from '../../src/search/excerpt.ts';
import { createEngine } from '../../src/search/engine.ts';
import { parseQuery } from '../../src/search/query.ts';
import type { Excerpt, LibraryDocument } from '../../src/types.ts';

/** Saint Lucia, 2021 (LCA_76_2021.txt), paragraph 8. */
const saintLucia =
  'We have witnessed vaccine apartheid in various forms and not only in terms of production and distribution. Some countries which have stockpiled vaccines are now in the middle of debates about third doses and boosters, while other countries watch helplessly as COVID-related deaths continue to rise for want of a jab.';
/** Angola, 1994 (AGO_49_1994.txt), paragraph 10. */
const angola =
  'In southern Africa, we laud the courage and determination of the people of South Africa, which led to the fall of the inhuman and anachronistic apartheid regime. Today we rejoice to see the people of South Africa free at last. We again greet the new South Africa, led by President Mandela, this different South Africa, which emerged from a democratic election, whose results were accepted by all the political forces in the country.';
/** Belize, 2023 (BLZ_78_2023.txt), paragraph 5, as the corpus gives it. */
const belize =
  'At the fifteenth Conference of the Parties to the United Nations Framework Convention on Climate Change, developed countries committed to mobilizing $100 billion per year by 2020 for climate action. That commitment has yet to be met. Consequently. $381.6 billion in public climate finance has been forgone.';
/** Iran, 2019 (IRN_74_2019.txt), paragraph 6. */
const iran =
  'The attitude of the current United States Administration to the nuclear deal, otherwise known as the Joint Comprehensive Plan of Action (JCPOA), not only violates the provisions of Security Council resolution 2231 (2015) but also constitutes a breach of the sovereignty and political and economic independence of all the world’s countries. Despite the United States withdrawal from the JCPOA, for a full year Iran remained fully faithful to all of its nuclear commitments under the agreement. Out of respect for the Security Council’s resolution, we provided Europe with the opportunity to fulfil its 11 commitments in compensation for the United States’ withdrawal.';

/** Each word's idf in the UNGDC library (the engine's weights for these queries). */
const IDF: Record<string, number> = {
  covid: 5.25,
  vaccin: 6.05,
  apartheid: 4.25,
  mandela: 6.36,
  south: 2.75,
  africa: 2.59,
  1994: 3.98,
  new: 2.06,
  democraci: 3.62,
  100: 5.31,
  billion: 4.8,
  year: 1.97,
  climat: 3.44,
  financ: 4.21,
};

function weighted(text: string, query: string): Excerpt {
  const terms = new Set(parseQuery(query).words.map((w) => w.term));
  return makeExcerpt(text, { terms, weight: (t) => IDF[t] ?? 1 });
}
const marked = (e: Excerpt) => e.marks.map(([a, b]) => e.text.slice(a, b));

describe('the excerpt shows the sentence holding the telling word of a short passage', () => {
  it('"COVID vaccine apartheid": opens at "vaccine apartheid" and still shows COVID', () => {
    const e = weighted(saintLucia, 'COVID vaccine apartheid');
    // before: "…Some countries which have stockpiled vaccines…", "apartheid" not shown
    expect(e.text.startsWith('We have witnessed vaccine apartheid in various forms')).toBe(true);
    expect(marked(e)).toEqual(['vaccine', 'apartheid', 'vaccines', 'COVID']);
    expect(e.text.length).toBeLessThanOrEqual(302);
  });

  it('"Mandela apartheid South Africa 1994 new democracy": shows the apartheid sentence and Mandela', () => {
    const e = weighted(angola, 'Mandela apartheid South Africa 1994 new democracy');
    // before: "…Today we rejoice…", the sentence with "apartheid" cut
    expect(e.text.startsWith('In southern Africa, we laud the courage')).toBe(true);
    expect(marked(e)).toContain('apartheid');
    expect(marked(e)).toContain('Mandela');
  });

  it('"$100 billion a year climate finance": the cut keeps the "finance" that fits', () => {
    const e = weighted(belize, '$100 billion a year climate finance');
    // before: cut at "Consequently.…", before "climate finance"
    expect(e.text).toContain('$381.6 billion in public climate finance');
    expect(marked(e)).toContain('finance');
    expect(e.text.endsWith('…')).toBe(true);
    expect(e.text.length).toBeLessThanOrEqual(302);
  });

  it('an acronym and its spelled-out form count as one word (JCPOA)', () => {
    const terms = new Set(parseQuery('Iran nuclear deal JCPOA withdrawal').words.map((w) => w.term));
    // the UNGDC library's idf ("of", a stop word, is in no passage's text: its idf is the largest)
    const w: Record<string, number> = {
      iran: 4.22,
      nuclear: 3.17,
      deal: 3.82,
      jcpoa: 9.21,
      withdraw: 4.18,
      joint: 4.26,
      comprehens: 3.74,
      plan: 3.6,
      of: 9.99,
      action: 2.63,
    };
    const e = makeExcerpt(iran, {
      terms,
      forms: [['joint', 'comprehens', 'plan', 'of', 'action']],
      spells: ['jcpoa'],
      weight: (t) => w[t] ?? 1,
    });
    // before: the first sentence, "nuclear deal … (JCPOA)", won: it counted JCPOA twice, its long form at the weight of "of"
    expect(e.text.startsWith('…Despite the United States withdrawal from the JCPOA, for a full year Iran')).toBe(true);
    expect(marked(e).slice(0, 4)).toEqual(['withdrawal', 'JCPOA', 'Iran', 'nuclear']);
  });
});

describe('the engine counts an acronym the library defines and its long form as one word', () => {
  const doc = (id: string, text: string): LibraryDocument => ({
    id,
    path: `${id}.txt`,
    meta: { title: `${id} statement` },
    passages: [{ id: `${id}-1`, docId: id, paragraph: 1, ordinal: 0, text }],
  });
  const docs = [
    doc('irn2019', iran),
    doc(
      'ita',
      'The Joint Comprehensive Plan of Action (JCPOA) with Iran continues to represent a key element of the global non-proliferation architecture.',
    ),
    doc('chn', 'All the parties involved should work together to uphold the Joint Comprehensive Plan of Action (JCPOA).'),
    ...Array.from({ length: 20 }, (_, i) => doc(`n${i}`, `The nuclear deal was discussed, item ${i}.`)),
    ...Array.from({ length: 20 }, (_, i) => doc(`w${i}`, `Iran and the withdrawal of forces, item ${i}.`)),
  ];

  it('"Iran nuclear deal JCPOA withdrawal": the excerpt opens at the withdrawal sentence', async () => {
    const engine = createEngine(docs, { documents: docs.length, passages: docs.length, skipped: [], warnings: [] });
    const hit = (await engine.search('Iran nuclear deal JCPOA withdrawal', { limit: 50 })).hits.find((h) => h.id === 'irn2019-1')!;
    expect(hit.excerpt.text.startsWith('…Despite the United States withdrawal from the JCPOA')).toBe(true);
  });
});
