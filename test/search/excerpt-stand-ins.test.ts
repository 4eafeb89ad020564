/**
 * The excerpt shows the sentence that holds the most of the query. A term standing for a query
 * word (a typo's correction of a rare spelling, a country's adjective) counts as that word, at the
 * word's weight: the UNGDC text of Somalia's 2005 speech writes "Somaliaís" once (a garbled
 * apostrophe), a rare term whose own weight made the thank-you sentence holding it and "Somalia"
 * outweigh the sentence on the famine and the intervention the query asks about.
 */
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../src/search/engine.ts';
import type { LibraryDocument } from '../../src/types.ts';

const doc = (id: string, text: string, country?: string): LibraryDocument => ({
  id,
  path: `${id}.txt`,
  meta: { title: `${country ?? 'A'} statement`, ...(country && { country }) },
  passages: [{ id: `${id}-1`, docId: id, paragraph: 1, ordinal: 0, text }],
});

// the passage as the UNGDC corpus gives it (SOM_60_2005.txt, CC0)
const SOMALIA_2005 =
  "While assisting the destitute and providing safe sanctuary for an exodus of Somali refugees to neighbouring countries and elsewhere, the United Nations had the political will to invoke the morally compelling doctrine of humanitarian intervention, thereby successfully reversing a calamitous famine that could potentially have wiped out millions of Somalis. Moreover, during the two years that the Somalia National Reconciliation Conference met at Nairobi, Kenya, the United Nations played a helpful role in successfully finding a lasting and comprehensive settlement to Somalia's political crisis. The current Transitional Federal Government of Somalia is the outcome of that political settlement. Allow me to restate here Somaliaís indebtedness and profound appreciation to those who selflessly helped us during the Somali National Reconciliation Conference, as well as to those who continue to help us in our current pursuit of a peaceful and well-governed Somalia.";

const docs = [
  doc('som2005', SOMALIA_2005, 'SOM'),
  // the library speaks of Somalia often, of famine and intervention less
  ...Array.from({ length: 30 }, (_, i) => doc(`f${i}`, `Somalia needs the support of the international community, item ${i}.`)),
  ...Array.from({ length: 10 }, (_, i) => doc(`g${i}`, `The famine and the intervention of ${i} donors were debated.`)),
];

describe('an excerpt counts a stand-in as the word it stands for', () => {
  it('"Somalia famine intervention": the excerpt shows the sentence on the famine and the intervention', async () => {
    const engine = createEngine(docs, { documents: docs.length, passages: docs.length, skipped: [], warnings: [] });
    const hit = (await engine.search('Somalia famine intervention', { limit: 50 })).hits.find((h) => h.id === 'som2005-1')!;
    // before: "…Allow me to restate here Somaliaís indebtedness…", neither famine nor intervention in view
    expect(hit.excerpt.text).toContain('humanitarian intervention, thereby successfully reversing a calamitous famine');
    expect(hit.excerpt.text).not.toContain('Allow me to restate');
  });
});

describe('a common correction of a rare word counts at its own weight, not the word’s', () => {
  it('"drones warfare": the excerpt opens on the warfare sentence, not on a "done" the typo tolerance also marks', async () => {
    const many = (n: number, text: (i: number) => string, id: string) => Array.from({ length: n }, (_, i) => doc(`${id}${i}`, text(i)));
    const lib = [
      doc(
        'p',
        'We thank everyone for all that has been done this year, in every region of the world, by the Secretariat, by the agencies and by the many volunteers who gave their time and their skills to the common cause. Modern warfare is changing before our eyes, and the rules that govern it must follow, or they will be left behind by the machines now fielded on every front.',
      ),
      ...many(3, (i) => `Armed drones were used in ${i + 2} attacks.`, 'd'),
      ...many(200, (i) => `Much has been done, report ${i}.`, 'x'),
      ...many(20, (i) => `Warfare changed in region ${i}.`, 'w'),
    ];
    const engine = createEngine(lib, { documents: lib.length, passages: lib.length, skipped: [], warnings: [] });
    const hit = (await engine.search('drones warfare', { limit: 300 })).hits.find((h) => h.id === 'p-1')!;
    expect(hit.excerpt.text).toMatch(/^…?Modern warfare is changing/);
  });
});
