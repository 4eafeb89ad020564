import { describe, expect, it } from 'vitest';
import { extractPdf } from '../../../src/ingest/formats/pdf.ts';
import { fixture, LIMITS, sourceParagraphs } from './helpers.ts';

describe('PDF extraction', () => {
  it('gives back the statement paragraph for paragraph, in order, hyphenation resolved', async () => {
    const doc = await extractPdf(fixture('statement-3-pages.pdf'), 'statement-3-pages.pdf', LIMITS);
    const texts = (doc.paragraphs ?? []).map((p) => p.text);
    // The first paragraph is the bold heading typeset above the speech.
    expect(texts[0]).toBe('Address by Mr. Luis Lacalle Pou, President of the Eastern Republic of Uruguay');
    expect(texts.slice(1)).toEqual(sourceParagraphs('ury-76-2021.txt'));
  });

  it('joins soft line-end hyphens and keeps compound ones', async () => {
    const text = (await extractPdf(fixture('statement-3-pages.pdf'), 'x.pdf', LIMITS)).paragraphs?.map((p) => p.text).join('\n');
    // Each of these words is broken across two lines in the PDF (see make-fixtures output).
    for (const word of ['familiar', 'pandemic', 'undertook', 'Authoritarian', 'commitments']) expect(text).toContain(word);
    expect(text).toContain('developed and non-developed');
    expect(text).not.toMatch(/\p{L}- \p{Ll}/u);
  });

  it('drops the running header, footer and page numbers', async () => {
    const doc = await extractPdf(fixture('statement-3-pages.pdf'), 'x.pdf', LIMITS);
    const text = doc.paragraphs?.map((p) => p.text).join('\n') ?? '';
    expect(text).not.toContain('Seventy-sixth session');
    expect(text).not.toContain('21-26213');
    expect(text).not.toMatch(/\b[123]\/3\b/);
  });

  it('gives each paragraph the page it starts on, and joins paragraphs that run across a page break', async () => {
    const paras = (await extractPdf(fixture('statement-3-pages.pdf'), 'x.pdf', LIMITS)).paragraphs ?? [];
    expect(paras.map((p) => p.page)).toEqual([...paras.map((p) => p.page)].sort());
    // Page 3 holds only the end of a paragraph begun on page 2.
    expect(new Set(paras.map((p) => p.page))).toEqual(new Set([1, 2]));
    expect(paras.find((p) => p.text.startsWith('Almost two years ago'))?.page).toBe(1);
    // The closing paragraph starts on page 2 and ends on page 3.
    const last = paras[paras.length - 1];
    expect(last?.text).toMatch(/^I would like to conclude.*we are all one\.$/);
    expect(last?.page).toBe(2);
  });

  it('reads metadata: the info-dictionary title and the symbol from the first page', async () => {
    const doc = await extractPdf(fixture('statement-3-pages.pdf'), 'x.pdf', LIMITS);
    expect(doc.meta).toEqual({
      title: 'Address by the President of the Eastern Republic of Uruguay',
      symbol: 'A/76/PV.5',
    });
  });

  it('reads two columns left then right, across pages, under a full-width title', async () => {
    const doc = await extractPdf(fixture('two-columns.pdf'), 'two-columns.pdf', LIMITS);
    const texts = (doc.paragraphs ?? []).map((p) => p.text);
    expect(texts.slice(0, 2)).toEqual([
      'Statement by Mr. Marcelo Rebelo de Sousa, President of the Portuguese Republic',
      'General debate of the seventy-sixth session of the General Assembly',
    ]);
    expect(texts.slice(2)).toEqual(sourceParagraphs('prt-76-2021.txt'));
    expect(doc.meta.symbol).toBe('A/76/PV.6');
    expect(doc.paragraphs?.at(-1)?.page).toBe(2);
  });

  it.each([
    ['scanned.pdf', 'no text layer (scanned image?) — OCR is not supported'],
    ['encrypted.pdf', 'encrypted PDF (password-protected)'],
    ['truncated.pdf', 'corrupt or truncated PDF: invalid PDF structure'],
  ])('refuses %s with a reason fit for the report', async (name, reason) => {
    await expect(extractPdf(fixture(name), name, LIMITS)).rejects.toThrow(reason);
  });

  it('refuses a file over the size limit before parsing it', async () => {
    await expect(extractPdf(fixture('statement-3-pages.pdf'), 'x.pdf', { ...LIMITS, maxBytes: 1000 })).rejects.toThrow(/^too large/);
  });
});
