/**
 * Scientific text writes a Greek letter as a symbol or as its name (TNF-α and TNF-alpha, β-cells
 * and beta cells, NF-κB and NF-kappaB): a lone Greek letter is read as its name, in the index and
 * in queries, so either spelling finds the other; a Greek word stays as written.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { fold, queryTerm, tokens } from '../../src/index/analyzer.ts';
import type { VerbatimEngine } from '../../src/search/engine.ts';
import { engineOfStatements } from '../support/library.ts';

const terms = (text: string): string[] =>
  tokens(text)
    .filter((t) => !t.stop)
    .map((t) => t.term);

describe('a lone Greek letter is its name', () => {
  it.each([
    ['α', 'alpha'],
    ['β1', 'beta1'],
    ['κB', 'kappab'],
    ['Δ', 'delta'],
  ])('%s is the term of %s', (symbol, name) => {
    expect(queryTerm(symbol)).toBe(queryTerm(name));
  });

  it('leaves μ as written, as it mostly means micro (the micro sign folds to it): "μg" is no mug', () => {
    expect(queryTerm('\u00b5g')).toBe(queryTerm('μg'));
    expect(queryTerm('μg')).not.toBe(queryTerm('mug'));
  });

  it('keeps a Greek word as written, and two Greek letters together', () => {
    expect(fold('Ελλάδα')).toBe('ελλαδα');
    expect(terms('γδ T cells')).toContain('γδ');
    expect(terms('ΑΒΓ')).toEqual(['αβγ']);
  });

  it('spells the letter out inside a compound, so its closed form meets too', () => {
    expect(terms('TNF-α')).toEqual(terms('TNF-alpha'));
    expect(terms('NF-κB')).toEqual(terms('NF-kappaB'));
    // two letters joined by a hyphen are each lone: the closed form spells both out
    expect(terms('α-β')).toEqual(terms('alpha-beta'));
  });
});

describe('search finds either spelling', () => {
  let engine: VerbatimEngine;
  beforeAll(async () => {
    engine = await engineOfStatements([
      { id: 'tnf', title: 'Cytokines', text: 'Levels of TNF-α and IFN-γ rose after NF-κB activation in the treated group.' },
      { id: 'beta', title: 'Islets', text: 'Pancreatic beta cells secrete insulin in response to glucose.' },
      { id: 'other', title: 'Other', text: 'Levels of glucose rose in the control group after treatment.' },
    ]);
  });

  it('"TNF-alpha" finds the passage that writes TNF-α, and marks the letter', () => {
    const res = engine.searchSync('TNF-alpha levels', { limit: 5 });
    expect(res.hits[0]?.source.document).toBe('tnf');
    const { text, marks } = res.hits[0]!.excerpt;
    expect(marks.map(([a, b]) => text.slice(a, b))).toEqual(['Levels', 'TNF', 'α']);
  });

  it('"β-cells" finds "beta cells"', () => {
    const res = engine.searchSync('β-cells insulin', { limit: 5 });
    expect(res.hits[0]?.source.document).toBe('beta');
  });

  it('a quoted phrase written with names holds where the text writes symbols', () => {
    const res = engine.searchSync('"NF-kappaB activation"', { limit: 5 });
    expect(res.hits.map((h) => h.source.document)).toEqual(['tnf']);
    const back = engine.searchSync('"IFN-γ rose"', { limit: 5 });
    expect(back.hits.map((h) => h.source.document)).toEqual(['tnf']);
  });
});
