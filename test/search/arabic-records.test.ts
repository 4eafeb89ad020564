/**
 * Arabic records as staff have them (test/fixtures/un-documents): the ECOSOC resolution in UN XML,
 * written with vowel signs where the text wants them ("يُعقد"), and Lebanon's GA79 statement, a PDF
 * that sets its Arabic in Persian letter forms ("رئیسا", "التھاني"). A query is typed without vowel
 * signs and in the common letters; it finds them, and the excerpt marks the word as written.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeExtractors } from '../../src/ingest/load-library.ts';
import type { VerbatimEngine } from '../../src/search/engine.ts';
import { engineOfUnDocuments, markedWords as marked } from '../support/library.ts';

let engine: VerbatimEngine;

beforeAll(async () => {
  ({ engine } = await engineOfUnDocuments(['E_RES_2023_1-AR.xml', 'GA79_statement_Lebanon_ar.pdf']));
}, 60_000);
afterAll(closeExtractors);

describe('Arabic typed plainly finds Arabic written with vowel signs or in other letter forms', () => {
  it('"يعقد" (is held) finds every paragraph of the resolution saying "يُعقد", and marks it', async () => {
    const plain = await engine.search('يعقد', { limit: 100 });
    const voweled = plain.hits.filter((h) => h.text.includes('يُعقد'));
    expect(voweled.length).toBeGreaterThanOrEqual(10);
    for (const h of voweled) expect(marked(h)).toContain('يُعقد');
    // typed with the vowel sign, the same passages
    const typed = await engine.search('يُعقد', { limit: 100 });
    expect(typed.hits.map((h) => h.id).sort()).toEqual(plain.hits.map((h) => h.id).sort());
    // the feminine form too, which the resolution only ever writes voweled
    const fem = await engine.search('تعقد', { limit: 10 });
    expect(fem.hits.length).toBeGreaterThan(0);
    expect(fem.hits.every((h) => h.text.includes('تُعقد'))).toBe(true);
  });

  it('"التهاني" and "مضيعة للوقت" find Lebanon\'s statement, which the PDF sets in Persian letter forms', async () => {
    const congrats = await engine.search('التهاني', { limit: 3 });
    expect(congrats.hits[0]?.source.document).toMatch(/Lebanon/);
    expect(marked(congrats.hits[0]!)).toContain('التھاني');
    const waste = await engine.search('"مضيعة للوقت"', { limit: 3 });
    expect(waste.total).toBe(1);
    expect(marked(waste.hits[0]!)).toContain('مضیعة للوقت');
  });
});

describe('Arabic function words are stop words, as English ones are', () => {
  it('"التعاون على الصعيد الدولي" is searched without على: nothing marks it, and it finds what the three other words find', async () => {
    const res = await engine.search('التعاون على الصعيد الدولي', { limit: 100 });
    expect(res.hits.length).toBeGreaterThan(0);
    for (const h of res.hits) expect(marked(h)).not.toContain('على');
    expect(res.total).toBe((await engine.search('التعاون الصعيد الدولي', { limit: 1 })).total);
    // in quotes the phrase still holds it, and marks it whole
    const quoted = await engine.search('"على الصعيد الحكومي"', { limit: 10 });
    expect(quoted.hits.map((h) => marked(h))).toEqual([['على الصعيد الحكومي']]);
  });

  it('in Lebanon\'s statement, set in Persian letter forms ("فی"), "في" is a stop word too; a query of them alone is refused', async () => {
    const res = await engine.search('لبنان في', { limit: 100 });
    for (const h of res.hits) expect(marked(h).filter((w) => /^ف[يی]$/u.test(w))).toEqual([]);
    await expect(engine.search('في على من', { limit: 1 })).rejects.toThrow(/only very common words/);
  });

  it('the name علي (Ali) is a word; the preposition على, which folds alike, is not', async () => {
    const { tokens } = await import('../../src/index/analyzer.ts');
    expect(tokens('على علي علی').map((t) => t.stop)).toEqual([true, false, true]);
  });
});

describe('Arabic words folding like a stop word written with alef maksura stay words', () => {
  it('آلي (automatic) is a word where إلى (to) is not; علي with a shadda is still the name', async () => {
    const { tokens } = await import('../../src/index/analyzer.ts');
    expect(tokens('إلى الى آلي').map((t) => t.stop)).toEqual([true, true, false]);
    expect(tokens('عليّ').map((t) => t.stop)).toEqual([false]);
  });
});

describe('an Arabic word the library does not hold is not taken for another', () => {
  it('"السوريين" (Syrians) finds nothing, rather than "الدورة" (session) one letter from its stem; "النازحين" finds its passages', async () => {
    // before: 7 hits marking للدورة, الدورة, دور; "اللاجئين" (refugees) gave 27 marking لعام
    const syrians = await engine.search('السوريين', { limit: 10 });
    expect(syrians.total).toBe(0);
    expect(engine.suggest('السوريين')).toBeUndefined();
    expect((await engine.search('اللاجئين', { limit: 10 })).total).toBe(0);
    const displaced = await engine.search('النازحين', { limit: 10 });
    expect(displaced.total).toBeGreaterThan(0);
    for (const h of displaced.hits) expect(marked(h).some((m) => m.includes('نازح'))).toBe(true);
  });
});
