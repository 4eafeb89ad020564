/**
 * A query that states something (a pasted claim, a line from a paper) is read as a claim: its one
 * answer is what it states, so pseudo-relevance feedback, which serves a description's topic, is
 * left out, and its rare words weigh more than its common ones (src/search/statement.ts,
 * INDEX_OPTIONS.statement). A topic, a question and a request are read as before.
 */
import { describe, expect, it } from 'vitest';
import type { VerbatimEngine } from '../../src/search/engine.ts';
import { parseQuery } from '../../src/search/query.ts';
import { isStatement } from '../../src/search/statement.ts';
import { rankedWith } from '../support/options.ts';
import { onePassageDoc, outbreakEngine } from '../support/outbreak-library.ts';

describe('a query that states something', () => {
  it.each([
    'ALDH1 expression is associated with poorer prognosis for breast cancer primary tumors.',
    'The improvement is greatest under a heavy I/O demand workload.',
    'Applications of these "generalized" data definition languages are also discussed',
    'Colombia has reduced coca cultivation by half since 2016',
    'Methadone maintenance can reduce the spread of HIV among people who inject drugs.',
  ])('is a claim: %s', (q) => expect(isStatement(q)).toBe(true));

  it.each([
    // topics, questions and requests: the open collections' queries are of these kinds
    'electron microscopy of lung or bronchi.',
    'what similarity laws must be obeyed when constructing aeroelastic models of heated high speed aircraft .',
    'How can actually pertinent data be retrieved automatically in response to information requests?',
    'I am interested in articles written either by Prieve or Udo Pooch',
    'Describe the cases where the committee has been able to agree on a budget',
    'MEASUREMENT OF DIELECTRIC CONSTANT OF LIQUIDS BY THE USE OF MICROWAVE TECHNIQUES',
    // two sentences: a description that opens with context
    'The average student has difficulty with the vocabulary of information retrieval. It appears important to study it.',
    'it is not likely that the airforces can be determined by purely analytical methods . is it possible to determine them by such method .',
    // a verb only as "to …"
    'proposals to be adopted by the commission on narcotic drugs',
  ])('is not: %s', (q) => expect(isStatement(q)).toBe(false));

  it('is read from the words as typed: phrases, required and excluded words make a search, not a claim', () => {
    expect(parseQuery('coca cultivation has fallen in Colombia').statement).toBe(true);
    expect(parseQuery('"coca cultivation" has fallen in Colombia').statement).toBeUndefined();
    expect(parseQuery('coca cultivation has fallen in Colombia -Peru').statement).toBeUndefined();
    expect(parseQuery('country:COL coca cultivation has fallen').statement).toBe(true);
  });
});

describe('a claim is searched for what it states', () => {
  // test/search/feedback.test.ts's library (test/support/outbreak-library.ts)
  const engine = outbreakEngine();
  const ids = (e: VerbatimEngine, q: string): string[] => e.searchSync(q, { limit: 10 }).hits.map((h) => h.id);
  // the same eight words, as a description and as a claim
  const description = 'outbreaks of waterborne disease in villages after floods, contaminated wells and sanitation';
  const claim = 'outbreaks of waterborne disease in villages after floods were caused by contaminated wells and poor sanitation';

  it('without feedback: no passage holding none of its words, which a description finds', () => {
    expect(ids(engine, description)).toContain('topic-1');
    const found = ids(engine, claim);
    expect(found.slice(0, 3).sort()).toEqual(['r1-1', 'r2-1', 'r3-1']);
    expect(found).not.toContain('topic-1');
    // read as a description (statement.feedback on), the claim drifts to the topic's passage too
    expect(ids(rankedWith(engine, { statement: { feedback: true } }), claim)).toContain('topic-1');
  });
});

describe("a claim's rare words weigh more than its common ones", () => {
  // one passage holds the claim's rarest word ("coca"); the others hold its common words, as much
  // of a statistics office's prose does
  const library = [
    onePassageDoc('common', 'The survey shows that cultivation in the region increased sharply, according to the report.'),
    onePassageDoc('coca', 'Coca growers there fear eradication.'),
    ...[
      'The survey of the region found that trade increased, according to the ministry.',
      'According to the annual survey, exports from the region increased sharply.',
      'Cultivation of maize increased in the northern region, the survey says.',
      'Rice cultivation fell in the coastal region, according to officials.',
      'The region saw investment increase sharply after the survey was published.',
      'Wheat cultivation increased sharply in the region last year.',
    ].map((t, i) => onePassageDoc(`g${i}`, t)),
  ];
  const engine = outbreakEngine(library);
  const claim = 'coca cultivation in the Andean region has increased sharply according to the survey';
  const ids = (e: VerbatimEngine): string[] => e.searchSync(claim, { limit: 4 }).hits.map((h) => h.id);

  it('the passage holding its rarest word comes before those holding only its common words', () => {
    const before = (order: string[]): string[] => order.slice(0, order.indexOf('coca-1')).filter((id) => id.startsWith('g'));
    // it comes before every passage of common words but the one holding nearly all of them
    expect(before(ids(engine))).toEqual([]);
    // each word at its own idf only, passages of common words came before it
    expect(before(ids(rankedWith(engine, { statement: { idfPower: 0 } }))).length).toBeGreaterThan(0);
  });
});
