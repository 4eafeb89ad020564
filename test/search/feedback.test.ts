import { describe, expect, it } from 'vitest';
import type { VerbatimEngine } from '../../src/search/engine.ts';
import { INDEX_OPTIONS } from '../../src/index/options.ts';
import { rankedWith } from '../support/options.ts';
import { outbreakEngine } from '../support/outbreak-library.ts';

// test/support/outbreak-library.ts: three reports on the query's subject, each also naming its
// treatment; one passage on the treatment in other words; one holding a query word by chance; filler

// a description (eight ranked words), as feedback only serves descriptions
const query = 'outbreaks of waterborne disease in villages after floods, contaminated wells and sanitation';

describe('pseudo-relevance feedback', () => {
  it('finds a passage on the topic of the best matches that uses none of the query words', () => {
    const engine = outbreakEngine();
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
    const engine = outbreakEngine();
    const off = rankedWith(engine, { prf: { weight: 0 } });
    const q = 'cholera contaminated wells';
    expect(engine.searchSync(q).hits.map((h) => [h.id, h.score])).toEqual(off.searchSync(q).hits.map((h) => [h.id, h.score]));
  });
});
