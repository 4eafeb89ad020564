import { describe, expect, it } from 'vitest';
import { decodeHtml, extractHtml } from '../../../src/ingest/formats/html.ts';
import { fixture, LIMITS, sourceParagraphs } from './helpers.ts';

describe('HTML extraction', () => {
  it('keeps the article and drops navigation, scripts, banners and footer', async () => {
    const doc = await extractHtml(fixture('saved-page.html'), 'saved-page.html', LIMITS);
    const text = doc.paragraphs?.map((p) => p.text).join('\n') ?? '';
    for (const noise of [
      'Subscribe to our newsletter',
      'Peace and Security',
      'TRACKING-SCRIPT-TEXT',
      'SECOND-SCRIPT-TEXT',
      'Accept all cookies',
      'All rights reserved',
      'Related stories',
    ]) {
      expect(text).not.toContain(noise);
    }
    const speech = sourceParagraphs('rwa-76-2021.txt').map((p) => p.replace(/^•\s*/, ''));
    expect(doc.paragraphs?.map((p) => p.text)).toEqual(speech);
  });

  it('carries the h2 sections as headings', async () => {
    const paras = (await extractHtml(fixture('saved-page.html'), 'saved-page.html', LIMITS)).paragraphs ?? [];
    expect(paras[0]).toEqual({ text: 'Excellency, Abdulla Shahid, President of the General Assembly', heading: 'Salutations' });
    expect(paras.find((p) => p.text.startsWith('Fighting the COVID-19'))?.heading).toBe('The pandemic and global solidarity');
    expect(paras.at(-1)).toEqual({ text: 'Thank you for your kind attention.', heading: 'Climate, youth and the road ahead' });
  });

  it('reads title, canonical url, publication date and symbol', async () => {
    const doc = await extractHtml(fixture('saved-page.html'), 'saved-page.html', LIMITS);
    expect(doc.meta).toEqual({
      title: 'Statement by President Paul Kagame at the General Debate of the 76th session',
      url: 'https://news.example.org/2021/09/rwanda-general-debate',
      date: '2021-09-22',
      language: 'en',
      symbol: 'A/76/PV.4',
    });
  });

  it('decodes a page by the charset its <meta> declares', async () => {
    const doc = await extractHtml(fixture('windows-1252.html'), 'windows-1252.html', LIMITS);
    expect(doc.meta.title).toBe('Guinea-Bissau – General Debate 2021');
    expect(doc.paragraphs?.at(-1)?.text).toBe('Translated “unofficially” — the delegation’s own text prevails. Bissau, café à la une.');
  });

  it.each([
    ['UTF-8 with BOM', [0xef, 0xbb, 0xbf, ...Buffer.from('<p>café</p>')]],
    ['UTF-16LE with BOM', [0xff, 0xfe, ...Buffer.from('<p>café</p>', 'utf16le')]],
    ['undeclared Windows-1252', [...Buffer.from('<p>caf'), 0xe9, ...Buffer.from('</p>')]],
  ])('decodes %s', (_name, bytes) => {
    expect(decodeHtml(new Uint8Array(bytes))).toBe('<p>café</p>');
  });
});
