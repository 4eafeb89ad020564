import { describe, expect, it } from 'vitest';
import { createEngine, VerbatimEngine } from '../../src/search/engine.ts';
import { INDEX_OPTIONS } from '../../src/index/options.ts';
import type { LibraryDocument } from '../../src/types.ts';
import { rankedWith } from '../support/options.ts';

const doc = (id: string, text: string): LibraryDocument => ({
  id,
  path: `${id}.txt`,
  meta: { title: id },
  passages: [{ id: `${id}-1`, docId: id, paragraph: 1, ordinal: 0, text }],
});

// three reports on the query's subject, each also naming its treatment; one passage on the
// treatment in other words; one holding a query word by chance; and unrelated filler
const docs = [
  doc(
    'r1',
    'Cholera outbreaks followed the floods: contaminated wells spread waterborne disease, and chlorination with oral rehydration saved lives in the villages.',
  ),
  doc(
    'r2',
    'After the floods the villages faced waterborne disease; cholera came from contaminated wells until chlorination and sanitation teams arrived with oral rehydration salts.',
  ),
  doc(
    'r3',
    'Sanitation failed in flooded villages and disease outbreaks spread from the wells; cholera patients needed oral rehydration and the water needed chlorination.',
  ),
  doc('topic', 'Cholera is treated with oral rehydration salts, and chlorination of drinking water prevents it.'),
  doc('chance', 'The wells of the old castle are a tourist attraction in summer.'),
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
  ].map((t, i) => doc(`f${i}`, t)),
];

// a description (eight ranked words), as feedback only serves descriptions
const query = 'outbreaks of waterborne disease in villages after floods, contaminated wells and sanitation';

describe('pseudo-relevance feedback', () => {
  it('finds a passage on the topic of the best matches that uses none of the query words', () => {
    const engine = createEngine(docs, { documents: docs.length, passages: docs.length, skipped: [], warnings: [] });
    expect(INDEX_OPTIONS.prf.weight).toBeGreaterThan(0);
    const ids = (e: VerbatimEngine): string[] => e.searchSync(query, { limit: 10 }).hits.map((h) => h.id);
    const withFeedback = ids(engine);
    const without = ids(rankedWith(engine, { prf: { weight: 0 } }));
    // the reports holding the query words stay first
    expect(withFeedback.slice(0, 3).sort()).toEqual(['r1-1', 'r2-1', 'r3-1']);
    // without feedback, the passage on cholera treatment is not found at all; with it, it ranks
    // above the passage that holds a query word by chance
    expect(without).not.toContain('topic-1');
    expect(withFeedback).toContain('topic-1');
    expect(withFeedback.indexOf('topic-1')).toBeLessThan(withFeedback.indexOf('chance-1'));
  });

  it('leaves short look-up queries alone', () => {
    const engine = createEngine(docs, { documents: docs.length, passages: docs.length, skipped: [], warnings: [] });
    const off = rankedWith(engine, { prf: { weight: 0 } });
    const q = 'cholera contaminated wells';
    expect(engine.searchSync(q).hits.map((h) => [h.id, h.score])).toEqual(off.searchSync(q).hits.map((h) => [h.id, h.score]));
  });
});
