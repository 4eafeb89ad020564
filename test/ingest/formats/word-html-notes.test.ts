/**
 * Word and HTML as UN staff meet them: footnote references inside sentences, tables, the document's
 * own title property, cookie banners. Word files are built here as real OOXML packages (the parts
 * Word writes: document, footnotes, core properties) and read by the real extractor.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { extractDocx } from '../../../src/ingest/formats/docx.ts';
import { extractHtml } from '../../../src/ingest/formats/html.ts';
import { toPassages } from '../../../src/ingest/passages.ts';
import { LIMITS } from './helpers.ts';

const UN = path.resolve(import.meta.dirname, '../../fixtures/un-documents');
const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';

const run = (t: string) => `<w:r><w:t xml:space="preserve">${t}</w:t></w:r>`;
const noteRef = (id: number) => `<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:footnoteReference w:id="${id}"/></w:r>`;
const para = (...runs: string[]) => `<w:p>${runs.join('')}</w:p>`;
const cell = (t: string) => `<w:tc><w:p>${run(t)}</w:p></w:tc>`;

/** A minimal Word package: body paragraphs and tables, footnotes, a title property. */
async function docx(body: string, notes: string[], title: string): Promise<Uint8Array> {
  const zip = new JSZip();
  zip.file(
    '[Content_Types].xml',
    `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/footnotes.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>`,
  );
  zip.file(
    '_rels/.rels',
    `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>`,
  );
  zip.file(
    'word/_rels/document.xml.rels',
    `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes" Target="footnotes.xml"/></Relationships>`,
  );
  zip.file('word/document.xml', `<?xml version="1.0" encoding="UTF-8"?><w:document ${W}><w:body>${body}</w:body></w:document>`);
  zip.file(
    'word/footnotes.xml',
    `<?xml version="1.0" encoding="UTF-8"?><w:footnotes ${W}>${notes.map((n, i) => `<w:footnote w:id="${i + 1}">${para(run(n))}</w:footnote>`).join('')}</w:footnotes>`,
  );
  zip.file(
    'docProps/core.xml',
    `<?xml version="1.0" encoding="UTF-8"?><cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>${title}</dc:title></cp:coreProperties>`,
  );
  return zip.generateAsync({ type: 'uint8array' });
}

const SENTENCE = 'We speak for the people who have witnessed the consequences of illicit drug trafficking in our region.';

describe('Word: footnotes, tables, title property', () => {
  it('takes the footnote reference out of the sentence and gives the footnote its own passage', async () => {
    const body =
      para(run('We speak for the people who'), noteRef(1), run(' have witnessed the consequences of illicit drug trafficking in our region.')) +
      `<w:tbl><w:tr>${cell('Seizures (tons)')}${cell('2021')}${cell('2022')}</w:tr><w:tr>${cell('Cocaine')}${cell('12.4')}${cell('13.1')}</w:tr></w:tbl>` +
      para(run('And it is in danger when the routes shift faster than our cooperation does, as the Commission heard.'));
    const bytes = await docx(body, ['See E/CN.7/2022/1, para. 4.'], 'Statement of the Group of Friends on drug trafficking');
    const doc = await extractDocx(bytes, 'statement.docx', LIMITS);
    const paras = doc.paragraphs ?? [];
    expect(paras[0]).toEqual({ text: SENTENCE });
    expect(paras).toContainEqual({ text: 'Seizures (tons) · 2021 · 2022 | Cocaine · 12.4 · 13.1', kind: 'table' });
    expect(paras).toContainEqual({ text: 'See E/CN.7/2022/1, para. 4.', kind: 'footnote' });
    // The table is not glued into the prose around it, and the footnote's symbol is not the document's.
    const passages = toPassages('s', paras).map((p) => p.text);
    expect(passages.some((p) => p.includes('13.1 And it is in danger'))).toBe(false);
    expect(doc.meta.symbol).toBeUndefined();
    expect(doc.meta.title).toBe('Statement of the Group of Friends on drug trafficking');
  });

  it('ignores a placeholder title property', async () => {
    const doc = await extractDocx(await docx(para(run(SENTENCE)), [], 'Etpu'), 'x.docx', LIMITS);
    expect(doc.meta.title).toBeUndefined();
  });

  it('reads the symbol from the header parts, not a report the body cites (A/80/604/Add.6)', async () => {
    const doc = await extractDocx(new Uint8Array(readFileSync(path.join(UN, 'A_80_604_Add.6.docx'))), 'x.docx', LIMITS);
    expect(doc.meta.symbol).toBe('A/80/604/Add.6');
    expect(doc.meta.title).toMatch(/^Budget performance for the period from 1 July 2024 to 30 June 2025 and proposed budget/);
    const paras = doc.paragraphs ?? [];
    const table = paras.find((p) => p.kind === 'table');
    expect(table?.text).toMatch(/^Appropriation for 2024\/25 · \$43,684,700 \| Allotment for 2024\/25 · \$43,684,700/);
    expect(paras.filter((p) => p.kind === 'footnote').map((p) => p.text)).toContain(
      'Detailed and updated information on the nationalities of staff in UNMIK is available on the United Nations Secretariat Workforce Portal.',
    );
    expect(paras.map((p) => p.text).join('\n')).not.toMatch(/↑|Appropriation for 2024\/25 \$43/);
  });

  it('reads an ODS ".DOC" that is really OOXML: symbol from its header, title and date from the resolution (E/RES/2018/17)', async () => {
    const doc = await extractDocx(new Uint8Array(readFileSync(path.join(UN, 'E_RES_2018_17_N1822426.DOC'))), 'x.DOC', LIMITS);
    expect(doc.meta).toEqual({
      symbol: 'E/RES/2018/17',
      title: 'The rule of law, crime prevention and criminal justice in the context of the Sustainable Development Goals',
      // "Resolution adopted by the Economic and Social Council on 2 July 2018"
      date: '2018-07-02',
    });
  });
});

describe('HTML: footnote references, tables, banners', () => {
  const page = `<!doctype html><html lang="en"><head><title>Statement to the Commission</title></head><body>
    <div class="cookie">This site uses cookies. By continuing to browse you agree to our use of cookies and to our privacy policy.</div>
    <main><article><h1>Statement to the Commission</h1>
    <p>${SENTENCE.replace('who have', 'who<sup><a href="#fn1" id="ref1">[1]</a></sup> have')} We have said so for many years and we say it again today.</p>
    <table><tr><th>Indicator</th><th>2021</th><th>2022</th></tr><tr><td>Climate finance (billion euros)</td><td>5.1</td><td>5.9</td></tr></table>
    <p>And it is in danger when the routes shift faster than our cooperation does, as the Commission heard last year.</p>
    <ol class="footnotes"><li id="fn1">See the report of the Executive Director. <a href="#ref1">↩</a></li></ol>
    </article></main></body></html>`;

  it('reads the sentence whole, the table as a table, and no banner', async () => {
    const doc = await extractHtml(new TextEncoder().encode(page), 'x.html', LIMITS);
    const paras = doc.paragraphs ?? [];
    const text = paras.map((p) => p.text).join('\n');
    expect(text).toContain(SENTENCE);
    expect(text).not.toMatch(/cookies|\[1\]/);
    expect(paras).toContainEqual({ text: 'Indicator · 2021 · 2022 | Climate finance (billion euros) · 5.1 · 5.9', kind: 'table' });
    expect(paras.find((p) => p.kind === 'footnote')?.text).toBe('See the report of the Executive Director.');
  });
});
