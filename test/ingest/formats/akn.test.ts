import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { extractAkn } from '../../../src/ingest/formats/akn.ts';
import { extractDocx } from '../../../src/ingest/formats/docx.ts';
import { closeExtractors } from '../../../src/ingest/load-library.ts';
import { citationLine } from '../../../src/search/citation.ts';
import { engineOfUnDocuments } from '../../support/library.ts';
import { LIMITS } from './helpers.ts';

afterAll(closeExtractors);

const UN = path.resolve(import.meta.dirname, '../../fixtures/un-documents');
const read = (name: string) => new Uint8Array(readFileSync(path.join(UN, name)));

describe('UN Akoma Ntoso XML (E/RES/2023/1 in six languages)', () => {
  it.each([
    ['EN', 'en', 'Working arrangements for the 2023 session of the Economic and Social Council'],
    ['FR', 'fr', undefined],
    ['ES', 'es', undefined],
    ['RU', 'ru', 'Порядок работы сессии Экономического и Социального Совета 2023 года'],
    ['AR', 'ar', undefined],
    ['ZH', 'zh', undefined],
  ])('%s: symbol, adoption date, language and the resolution’s own title', async (code, language, title) => {
    const doc = await extractAkn(read(`E_RES_2023_1-${code}.xml`), 'x.xml', LIMITS);
    expect(doc.meta).toMatchObject({ symbol: 'E/RES/2023/1', date: '2022-07-25', language });
    if (title) expect(doc.meta.title).toBe(title);
    const paras = doc.paragraphs ?? [];
    // Four footnotes, out of the sentences; the masthead is not a passage.
    expect(paras.filter((p) => p.kind === 'footnote')).toHaveLength(4);
    expect(paras.some((p) => p.text === 'E/RES/2023/1' || /^Distr/.test(p.text))).toBe(false);
  });

  it('keeps each numbered paragraph’s number and reads sentences without their footnote marks', async () => {
    const paras = (await extractAkn(read('E_RES_2023_1-EN.xml'), 'x.xml', LIMITS)).paragraphs ?? [];
    const texts = paras.map((p) => p.text);
    expect(texts).toContain('(a) The partnership forum will be held on Tuesday, 31 January 2023;');
    expect(texts.some((t) => t.startsWith('1. Decides on the following working arrangements'))).toBe(true);
    expect(
      texts.some((t) =>
        t.includes(
          'the Addis Ababa Action Agenda of the Third International Conference on Financing for Development and the 2030 Agenda for Sustainable Development,',
        ),
      ),
    ).toBe(true);
    expect(paras.find((p) => p.kind === 'footnote' && p.text === 'See E/FFDF/2022/3.')).toBeTruthy();
  });

  it('Arabic: no empty "()" where a footnote was, in the sentence or opening the footnote (QA19 #10)', async () => {
    const paras = (await extractAkn(read('E_RES_2023_1-AR.xml'), 'x.xml', LIMITS)).paragraphs ?? [];
    // before: "…لتمويل التنمية() وخطةِ التنمية المستدامة لعام 2030()،" and notes opening "() قرار الجمعية العامة"
    expect(paras.filter((p) => p.text.includes('()')).map((p) => p.text)).toEqual([]);
    expect(paras.some((p) => p.text.includes('لتمويل التنمية وخطةِ التنمية المستدامة لعام 2030،'))).toBe(true);
    const notes = paras.filter((p) => p.kind === 'footnote').map((p) => p.text);
    expect(notes).toHaveLength(4);
    expect(notes[0]).toMatch(/^قرار الجمعية العامة 69\/313/);
  });

  it.each(['EN', 'FR', 'ES', 'RU', 'AR', 'ZH'])(
    '%s: each footnote follows the preambular paragraph holding its marker, with its number (QA21 F4)',
    async (code) => {
      // before: EN put the four notes after "The Economic and Social Council,", FR, ES, RU, AR and
      // ZH after item (m) of para. 1; the markers stand in the 4th and 5th preambular paragraphs
      const paras = (await extractAkn(read(`E_RES_2023_1-${code}.xml`), 'x.xml', LIMITS)).paragraphs ?? [];
      const notes = paras.flatMap((p, i) => (p.kind === 'footnote' ? [[i, p.mark]] : []));
      expect(notes).toEqual([
        [5, '1'],
        [6, '2'],
        [8, '3'],
        [9, '4'],
      ]);
      // the paragraphs before them: "Recalling the adoption of the Addis Ababa Action Agenda…",
      // "Recalling also … 24 April, to Thursday, 27 April 2023," (in each language)
      expect(paras[4]!.text).toMatch(/69\/313|Addis|Аддис|أديس|亚的斯/);
      expect(paras[7]!.text).toMatch(/27/);
      expect(paras[10]!.text).toMatch(/^1\.? ?-? ?\S/);
    },
  );

  it('a footnote is cited by its number, "footnote 4", in every language (QA21 F4)', async () => {
    // before: "footnote before para. 1" in English, "footnote after para. 1" in the other five
    const { engine } = await engineOfUnDocuments(['E_RES_2023_1-EN.xml', 'E_RES_2023_1-FR.xml', 'E_RES_2023_1-ES.xml']);
    for (const query of ['Eid al-Fitr observance confirmed', 'Eïd al-Fitr célébrée', 'celebración de Eid al-Fitr']) {
      const hit = (await engine.search(query, { limit: 1 })).hits[0]!;
      expect(hit.text).toMatch(/Eid al-Fitr|Eïd al-Fitr/);
      expect(citationLine(hit.source)).toMatch(/ · footnote 4 · E\/RES\/2023\/1$/);
      expect(hit.source).toMatchObject({ footnote: true, footnoteNumber: '4' });
    }
  }, 60_000);

  it('refuses XML that is not Akoma Ntoso, with a reason', async () => {
    await expect(extractAkn(new TextEncoder().encode('<?xml version="1.0"?><rss><channel/></rss>'), 'feed.xml', LIMITS)).rejects.toThrow(
      'XML that is not UN Akoma Ntoso (AKN4UN): not supported',
    );
  });
});

describe('legacy Word', () => {
  it('refuses a binary Word 97–2003 .doc with a reason', async () => {
    const ole = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...new Array(504).fill(0)]);
    await expect(extractDocx(ole, 'old.doc', LIMITS)).rejects.toThrow('a Word 97–2003 .doc (binary) file: not supported — save it as .docx');
  });
});
