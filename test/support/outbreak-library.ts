/**
 * A small library of one-passage documents for ranking tests of pseudo-relevance feedback: three
 * reports on cholera after floods, each also naming its treatment; one passage on the treatment in
 * other words ("topic"); one holding a query word by chance ("chance"); and unrelated filler.
 */
import { createEngine, type VerbatimEngine } from '../../src/search/engine.ts';
import type { LibraryDocument } from '../../src/types.ts';

/** A document of one passage, `${id}-1`. */
export const onePassageDoc = (id: string, text: string): LibraryDocument => ({
  id,
  path: `${id}.txt`,
  meta: { title: id },
  passages: [{ id: `${id}-1`, docId: id, paragraph: 1, ordinal: 0, text }],
});

export const OUTBREAK_DOCS: readonly LibraryDocument[] = [
  onePassageDoc(
    'r1',
    'Cholera outbreaks followed the floods: contaminated wells spread waterborne disease, and chlorination with oral rehydration saved lives in the villages.',
  ),
  onePassageDoc(
    'r2',
    'After the floods the villages faced waterborne disease; cholera came from contaminated wells until chlorination and sanitation teams arrived with oral rehydration salts.',
  ),
  onePassageDoc(
    'r3',
    'Sanitation failed in flooded villages and disease outbreaks spread from the wells; cholera patients needed oral rehydration and the water needed chlorination.',
  ),
  onePassageDoc('topic', 'Cholera is treated with oral rehydration salts, and chlorination of drinking water prevents it.'),
  onePassageDoc('chance', 'The wells of the old castle are a tourist attraction in summer.'),
  ...[
    'The committee adopted its budget for the next biennium after long negotiations.',
    'Trade in agricultural goods grew by a third over the decade, led by exports of grain.',
    'The delegation welcomed the election of the President of the General Assembly.',
    'Peacekeeping missions need clear mandates and sufficient resources to protect civilians.',
    'Disarmament talks resumed in Geneva with a new proposal on missile testing.',
    'Education for girls remains the best investment a country can make in its future.',
    'The court delivered its advisory opinion on the obligations of states under the treaty.',
    'Debt relief for the poorest countries must go together with fair terms of trade.',
    'Climate finance pledged at the conference has yet to reach small island states.',
    'Refugees returning home need security, shelter and a way to earn their living.',
  ].map((t, i) => onePassageDoc(`f${i}`, t)),
];

/** An engine over `docs` (the outbreak library by default). */
export function outbreakEngine(docs: readonly LibraryDocument[] = OUTBREAK_DOCS): VerbatimEngine {
  return createEngine([...docs], { documents: docs.length, passages: docs.length, skipped: [], warnings: [] });
}
