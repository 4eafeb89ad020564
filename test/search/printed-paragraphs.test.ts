/**
 * Citations give a paragraph's number as the document prints it ("para. 11"), where the passage
 * opens with one, instead of the passage count ("¶ 41"), which a staffer would cite as the wrong
 * paragraph. Real documents: the Millennium Declaration (A/RES/55/2) and a report (A/80/590).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeExtractors } from '../../src/ingest/load-library.ts';
import { citationLine, printedParagraphNumber } from '../../src/search/citation.ts';
import type { VerbatimEngine } from '../../src/search/engine.ts';
import { engineOfUnDocuments } from '../support/library.ts';

let engine: VerbatimEngine;

beforeAll(async () => {
  ({ engine } = await engineOfUnDocuments(['A_RES_55_2.pdf', 'A_80_590.pdf']));
}, 120_000);
afterAll(closeExtractors);

describe('the printed paragraph number in citations', () => {
  it('A/RES/55/2 paragraph 11 is cited "para. 11", not by its passage count', async () => {
    const hit = (await engine.search('spare no effort to free our fellow men', { limit: 1 })).hits[0]!;
    expect(hit.text).toMatch(/^11\. We will spare no effort/);
    expect(hit.source.printedParagraph).toBe('11');
    expect(citationLine(hit.source)).toContain(' · para. 11 · ');
    expect(citationLine(hit.source)).not.toContain('¶');
  });

  it('A/80/590 paragraph 58 is cited "para. 58"', async () => {
    const hit = (await engine.search('MINUSMA unencumbered balance', { limit: 1 })).hits[0]!;
    expect(hit.text).toMatch(/^58\. /);
    expect(citationLine(hit.source)).toContain('para. 58');
  });

  it('reads a printed number only where a paragraph opens with one', () => {
    expect(printedParagraphNumber('11. We will spare no effort')).toBe('11');
    expect(printedParagraphNumber('244. The reports of the United Nations mission')).toBe('244');
    expect(printedParagraphNumber('16.86 The Office will continue')).toBe('16.86');
    expect(printedParagraphNumber('2018/17. The rule of law')).toBeUndefined();
    expect(printedParagraphNumber('1.1.7 Percentage of all information')).toBeUndefined();
    expect(printedParagraphNumber('2024 was a year of crises.')).toBeUndefined();
    expect(printedParagraphNumber('5 See resolution 70/1.')).toBeUndefined();
    expect(printedParagraphNumber('We, heads of State')).toBeUndefined();
    expect(printedParagraphNumber('1. The Fifth Committee · 1 · 1 · 1')).toBeUndefined();
  });
});
