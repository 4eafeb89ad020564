import { describe, expect, it } from 'vitest';
import { meaningfulTitle, titleBlock } from '../../../src/ingest/formats/title.ts';

describe('meaningfulTitle', () => {
  const page = 'United Nations A/77/PV.5\nGeneral Assembly\nSeventy-seventh session\n5th plenary meeting';
  it.each([
    ['Etpu'], // a placeholder three GA records carry in their PDF metadata
    ['Microsoft Word - N2259123.doc'],
    ['S/PV.8699_Resumption 1'],
    ['United Nations'],
    ['2212432E'],
  ])('rejects the placeholder %j', (raw) => {
    expect(meaningfulTitle(raw, page)).toBeUndefined();
  });

  it('keeps a real title, also behind a word processor’s prefix', () => {
    expect(meaningfulTitle('Microsoft Word - General Assembly plenary', page)).toBe('General Assembly plenary');
    expect(meaningfulTitle('Seventy-seventh session: general debate', page)).toBe('Seventy-seventh session: general debate');
  });
});

describe('titleBlock', () => {
  const row = (text: string, size = 10) => ({ text, size });
  it('names a verbatim record by organ, session and meeting', () => {
    const rows = [
      row('United Nations A/77/PV.5', 20),
      row('General Assembly Official Records', 20),
      row('Seventy-seventh session'),
      row('5th plenary meeting'),
      row('Tuesday, 20 September 2022, 3 p.m.'),
    ];
    expect(titleBlock(rows, 10, 'A/77/PV.5')).toBe('General Assembly, Seventy-seventh session, 5th plenary meeting');
  });

  it('takes a resolution’s own title, without its number', () => {
    const rows = [
      row('United Nations A/RES/79/157', 20),
      row('General Assembly Distr.: General', 20),
      row('Resolution adopted by the General Assembly', 14),
      row('79/157. Report of the Human Rights Council', 12),
      row('The General Assembly,'),
    ];
    expect(titleBlock(rows, 10, 'A/RES/79/157')).toBe('Report of the Human Rights Council');
  });

  it('gives none for a page without a UN masthead', () => {
    expect(titleBlock([row('République du Sénégal', 14), row('Discours de SEM', 14)], 14)).toBeUndefined();
  });
});
