/**
 * QA22 F6: the Markdown a converter left in plain-text speeches (`**fulfilment of commitments**`,
 * `*Pact for the Future*`, `> *"…"*`) is taken out when the file is read, so excerpts, cards and
 * CSV rows show no escaped asterisks and the match marks sit on the words. On three real UNGDC 2024
 * speeches (test/fixtures/ungdc-markdown) and on lines cut from others; asterisks that are no
 * emphasis (footnotes, formulas, bullets, rules, scanned strays) stay.
 */
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS, loadLibrary } from '../../src/ingest/load-library.ts';
import { stripEmphasis, stripMarkdownMarks } from '../../src/ingest/markdown-marks.ts';
import { hitsCsv } from '../../src/render/csv.ts';
import { excerptMarkdown, quoteCard } from '../../src/render/replies.ts';
import { createEngine, type VerbatimEngine } from '../../src/search/engine.ts';
import { extractMarkdown } from '../../src/ingest/formats/text-files.ts';
import type { ExtractedDocument, LibraryDocument } from '../../src/types.ts';

let engine: VerbatimEngine;
let documents: LibraryDocument[];
beforeAll(async () => {
  const lib = await loadLibrary(path.resolve(import.meta.dirname, '../fixtures/ungdc-markdown'));
  documents = lib.documents;
  engine = createEngine(lib.documents, lib.report);
});

describe('real 2024 speeches written with Markdown emphasis', () => {
  it('the QA repro `clmate AND finnce` shows Pakistan’s ¶ with the marks on the words, no asterisks of the file', () => {
    const hit = engine.searchSync('clmate AND finnce').hits.find((h) => h.source.document === '2024/PAK_79_2024')!;
    expect(hit.text).toBe(
      'Pakistan looks forward to the fulfilment of commitments made by development partners, including a new annual goal beyond $100 billion in climate finance, to support SDGs and climate goals.',
    );
    // before: "the \*\*fulfilment of commitments\*\* … in \*\***climate** **finance**\*\*"
    const md = excerptMarkdown(hit);
    expect(md).toContain('in **climate** **finance**, to support');
    expect(md).not.toContain('\\*');
    expect(quoteCard(hit, undefined).cards![0]!.description).not.toContain('\\*');
    expect(hitsCsv([hit])).not.toContain('*');
  });

  it('no passage of the three speeches holds an emphasis or quotation mark', () => {
    const marked = documents.flatMap((d) => d.passages.filter((p) => /\*|^> /.test(p.text)).map((p) => `${d.id}: ${p.text.slice(0, 80)}`));
    expect(marked).toEqual([]);
  });

  it.each([
    // a bold salutation over five lines (Libya)
    ['"Mr Philémon Yang, President of the UN General Assembly"', '2024/LBY_79_2024', /^Mr Philémon Yang, President of the UN General Assembly,$/],
    // an italic word (Canada)
    ['"we will not abandon them"', '2024/CAN_79_2024', /^We must all show the Haitian people that we will not abandon them\.$/],
    // a quotation in italics under a Markdown quote mark (Pakistan)
    [
      '"We stand by the United Nations Charter"',
      '2024/PAK_79_2024',
      /declared in 1947 that: "We stand by the United Nations Charter and will gladly make our full contribution to peace and prosperity of the world\." Pakistan/,
    ],
  ])('%s reads as spoken, without the marks', (query, document, text) => {
    const hit = engine.searchSync(query).hits[0]!;
    expect(hit.source.document).toBe(document);
    expect(hit.text).toMatch(text);
  });
});

describe('stripEmphasis: only paired emphasis goes', () => {
  it.each([
    ['**Summit of the Future**', 'Summit of the Future'],
    ['I welcome the *Pact for the Future* and', 'I welcome the Pact for the Future and'],
    ['the theme—*“Working together”*—powerfully', 'the theme—“Working together”—powerfully'],
    ['as our coat of arms says, “*For the World’s Benefit*.”', 'as our coat of arms says, “For the World’s Benefit.”'],
    ['In **2014**, the Community', 'In 2014, the Community'],
    ['***bold italic***', 'bold italic'],
    ['__strong__ and _em_ words', 'strong and em words'],
    ['**a *nested* word**', 'a nested word'],
  ])('%j → %j', (line, clean) => {
    expect(stripEmphasis(line)).toBe(clean);
  });

  it.each([
    // footnotes, formulas, bullets, rules, identifiers
    ['the peace* and security of the world'],
    ['2*3*4 = 24'],
    ['* the first item'],
    ['***'],
    ['a variable named snake_case_name'],
    // strays of scanned records (UNGDC 1955, 1972, 1974) and a barcode of a job number (2017)
    ['speech and movements, forced confessions* taking of life, imprisonment'],
    ['Mr. AL-SOWEIDI (United Arab Emirates): ** Mr. President, it is with great pleasure'],
    ['where thousands of people have just die**, their homes destroyed'],
    ['17-29597 (E) *1729597*'],
  ])('%j stays', (line) => {
    expect(stripEmphasis(line)).toBe(line);
  });

  it('a bold run over the lines of one block goes, the lines kept in place; one across a blank line stays', () => {
    expect(stripMarkdownMarks(['**Mr President,', 'Ladies and Gentlemen,**', 'At the outset'])).toEqual([
      'Mr President,',
      'Ladies and Gentlemen,',
      'At the outset',
    ]);
    expect(stripMarkdownMarks(['**Mr President,', '', 'Ladies and Gentlemen,**'])).toEqual(['**Mr President,', '', 'Ladies and Gentlemen,**']);
    expect(stripMarkdownMarks(['> *“And He shall judge”*', '### V. Venezuela', '>2. I could'])).toEqual([
      '“And He shall judge”',
      'V. Venezuela',
      '>2. I could',
    ]);
  });
});

describe('a Markdown file', () => {
  it('reads its paragraphs and headings without emphasis or quotation marks', async () => {
    const md =
      '# Remarks\n\n## The **Pact** for the Future\n\nWe **must** act, as the *Pact for the Future* asks.\n\n> *“None of us acting alone can achieve success.”*\n';
    const doc = (await extractMarkdown(new TextEncoder().encode(md), 'remarks.md', DEFAULT_LIMITS)) as ExtractedDocument;
    expect(doc.paragraphs).toEqual([
      { text: 'We must act, as the Pact for the Future asks.', heading: 'The Pact for the Future' },
      { text: '“None of us acting alone can achieve success.”', heading: 'The Pact for the Future' },
    ]);
  });
});
