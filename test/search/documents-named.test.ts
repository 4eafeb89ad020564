/**
 * A document named by what people know (its symbol, its country, its title's words) is that
 * document or none: never another one whose name merely contains the text (review of round 17).
 */
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../src/search/engine.ts';
import type { DocumentMeta, LibraryDocument } from '../../src/types.ts';

const doc = (id: string, meta: DocumentMeta, text: string): LibraryDocument => ({
  id,
  path: `${id}.txt`,
  meta,
  passages: [{ id: `${id}-1`, docId: id, paragraph: 1, ordinal: 0, text }],
});
const docs = [
  doc(
    'A_RES_55_25',
    { symbol: 'A/RES/55/25', title: 'United Nations Convention against Transnational Organized Crime' },
    'Peace and the fight against organized crime.',
  ),
  doc('SOM_74_2019', { country: 'SOM', countryName: 'Somalia', date: '2019' }, 'Peace returns to Somalia.'),
  doc('BEN_25_1970', { country: 'BEN', countryName: 'Dahomey', date: '1970' }, 'Peace and development in Africa.'),
];
const engine = createEngine(docs, { documents: docs.length, passages: docs.length, skipped: [], warnings: [] });

describe('a document named by what people know', () => {
  it('a symbol no document has names none, not the one whose symbol starts with it', async () => {
    // before: doc:A/RES/55/2 searched A/RES/55/25 without a word
    await expect(engine.search('peace doc:A/RES/55/2')).rejects.toThrow(/No document/);
    await expect(engine.search('peace doc:a/res/55/2')).rejects.toThrow(/No document/);
    expect((await engine.search('peace doc:A/RES/55/25')).hits.map((h) => h.source.document)).toEqual(['A_RES_55_25']);
  });

  it('a name is matched where a word starts: "Mali" is not Somalia', async () => {
    await expect(engine.search('peace doc:Mali')).rejects.toThrow(/No document/);
    expect(engine.facet('document', 'Mali', 5)).toEqual([]);
    expect(engine.facet('document', 'Soma', 5).map((f) => f.value)).toEqual(['SOM_74_2019']);
  });

  it('a country is found by the name the document gives it and by today’s', async () => {
    for (const name of ['Dahomey', 'Benin'])
      expect((await engine.search(`peace doc:${name}`)).hits.map((h) => h.source.document)).toEqual(['BEN_25_1970']);
  });
});
