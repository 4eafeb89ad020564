import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isHardWrapped, normalizeText, reflow, wrapStats } from '../../src/ingest/reflow.ts';

const fixture = (name: string): string => readFileSync(new URL(`../fixtures/ingest/${name}`, import.meta.url), 'utf8');
const hardWrapped = (text: string): boolean => isHardWrapped(wrapStats(normalizeText(text).split('\n')));

describe('reflow', () => {
  it('re-flows a hard-wrapped 1995 speech into its paragraphs', () => {
    const text = fixture('COL_50_1995-excerpt.txt');
    expect(hardWrapped(text)).toBe(true);
    const paragraphs = reflow(text);
    expect(paragraphs).toHaveLength(3);
    expect(paragraphs[0]).toBe(
      'On behalf of my Government I congratulate Mr. Freitas do Amaral of Portugal on his election to the presidency of the General Assembly at its fiftieth session, a crucial time in the history of the Organization. I should like at the outset to express our full readiness to make a major contribution to the success of the deliberations under his leadership.',
    );
    expect(paragraphs[1]).toMatch(/^I should also like to express our appreciation .* at its forty-ninth session\.$/);
    expect(paragraphs[2]).toMatch(/^The peoples of the world believed .* a heavy burden on our economies\.$/);
  });

  it('keeps one-paragraph-per-line text as it is, one paragraph a line', () => {
    const text = fixture('USA_30_1975-excerpt.txt');
    expect(hardWrapped(text)).toBe(false);
    const paragraphs = reflow(text);
    expect(paragraphs).toHaveLength(text.trim().split('\n').length);
    expect(paragraphs[2]).toMatch(/^63\. I want also to pay a tribute to the Secretary- General,/);
  });

  it('in one-paragraph-per-line text, joins a line that continues the open sentence of the line before', () => {
    // TTO_73_2018: a paragraph broken over two short lines and a blank line mid-sentence
    const text = fixture('TTO_73_2018-excerpt.txt');
    expect(hardWrapped(text)).toBe(false);
    const paragraphs = reflow(text);
    expect(paragraphs).toContainEqual(
      expect.stringMatching(
        /^However, no challenge is more pressing than climate change\. For small island developing States such as Trinidad and Tobago, casting doubt/,
      ),
    );
    expect(paragraphs.some((p) => /^(climate change|as Trinidad)/.test(p))).toBe(false);
    // whole lines that start a new sentence stay paragraphs of their own
    expect(paragraphs[0]).toMatch(/^In manifesting the intent of Agenda 2030/);
    expect(paragraphs[1]).toMatch(/^Our 2017-2021 National Strategic Plan/);
    expect(paragraphs).toHaveLength(4);
  });

  it('joins a line-final hyphen without a space', () => {
    const paragraphs = reflow(fixture('AND_53_1998-excerpt.txt'));
    const andorra = paragraphs.find((p) => p.startsWith('In Andorra'));
    expect(andorra).toContain('720 years of uninterrupted peace and self-government. We have a population');
    expect(paragraphs.join(' ')).not.toMatch(/self- government/);
  });

  it('does not end a paragraph at a page-break blank line falling mid-sentence', () => {
    const paragraphs = reflow(fixture('BRB_79_2024-excerpt.txt'));
    expect(paragraphs.some((p) => p.includes('chronic non-communicable diseases.'))).toBe(true);
    expect(paragraphs).toContain('If ever there was a time to pause and reset, it is now.');
  });

  it('handles a BOM, CRLF line ends and no-break spaces', () => {
    const text = fixture('SSD_67_2012-excerpt.txt');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const crlf = text.replace(/\n/g, '\r\n').replace(/the Secretary-General/, 'the\u00A0Secretary-General');
    const paragraphs = reflow(crlf);
    expect(paragraphs).toEqual(reflow(text));
    expect(paragraphs[0]).toMatch(/^Allow me, at the outset,/);
    expect(paragraphs[1]).toMatch(/^I would like to seize .* admission of the Republic of South Sudan into the United Nations\.$/);
  });
});
