/**
 * The same text twice in a page of results (QA22 G30): a document the library holds twice (a
 * report as PDF and as .docx, the sample CND report beside its Word version, a General Debate speech
 * copied under another name) showed each of its paragraphs twice, one after the other, each taking
 * a slot of the page. Now the copy ranked below is folded into the hit above it, which says where
 * else the text is ("also in …"), and the page is filled from further hits. Real documents only.
 */
import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { jsonResult, textResult } from '../../src/cli/print.ts';
import { closeExtractors, loadLibrary } from '../../src/ingest/load-library.ts';
import { hitsCsv } from '../../src/render/csv.ts';
import { StateStore } from '../../src/render/custom-id.ts';
import { renderReply } from '../../src/render/discord.ts';
import { searchReply } from '../../src/render/replies.ts';
import { alsoInLine } from '../../src/search/citation.ts';
import { createEngine, type VerbatimEngine } from '../../src/search/engine.ts';
import { sameWordsKey } from '../../src/text/same-words.ts';
import type { Hit } from '../../src/types.ts';
import { engineOfStatements } from '../support/library.ts';

const fixture = (p: string): string => fileURLToPath(new URL(`../fixtures/${p}`, import.meta.url));
const DATA = fileURLToPath(new URL('../../data', import.meta.url));

/** An engine over a library of `files` (source path → name in the library), from a temporary folder removed once read. */
async function engineOf(files: ReadonlyArray<[string, string]>): Promise<VerbatimEngine> {
  const dir = mkdtempSync(path.join(tmpdir(), 'verbatim-copies-'));
  try {
    for (const [from, to] of files) {
      mkdirSync(path.dirname(path.join(dir, to)), { recursive: true });
      cpSync(from, path.join(dir, to));
    }
    const lib = await loadLibrary(dir);
    if (lib.report.skipped.length) throw new Error(`not indexed: ${JSON.stringify(lib.report.skipped)}`);
    return createEngine(lib.documents, lib.report);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The texts that more than one hit of `hits` holds, word for word. */
function repeated(hits: readonly Hit[]): string[] {
  const seen = new Set<string>();
  return hits.map((h) => sameWordsKey(h.text)).filter((k) => seen.has(k) || !seen.add(k));
}

afterAll(closeExtractors);

describe('a report held as PDF and as .docx (A/80/604/Add.6)', () => {
  // the .docx under the name a download gives it: under the PDF's own name it is not indexed at all
  const word = 'A_80_604_Add.6 (Word).docx';
  let engine: VerbatimEngine;

  it("shows each paragraph once, the PDF's (it cites pages), saying the .docx holds it too; the page stays full", async () => {
    engine = await engineOf([
      [fixture('un-documents/A_80_604_Add.6.pdf'), 'A_80_604_Add.6.pdf'],
      [fixture('un-documents/A_80_604_Add.6.docx'), word],
    ]);
    const res = await engine.search('UNMIK Kosovo', { limit: 10 });
    // before: para. 1, para. 35, … each from the PDF and then from the .docx
    expect(res.hits).toHaveLength(10);
    expect(repeated(res.hits)).toEqual([]);
    const para35 = res.hits.find((h) => h.text.startsWith('35. Upon enquiry'))!;
    // scored alike as .docx (first by 1e-4) and as PDF: the PDF's is shown, with its page
    expect(para35.source.page).toBe(11);
    expect(para35.copies?.map((c) => c.file)).toEqual([word]);
    expect(alsoInLine(para35)).toBe(`also in A/80/604/Add.6 (${word})`);
    // the total counts each text once: exactly when every match is ranked, else estimated from the
    // share of copies among the ranked (before: every copy counted, "of 50 · Page 1 of 10" ending at page 7)
    const every = await engine.search('UNMIK Kosovo', { limit: 1000 });
    expect(every.totalEstimated).toBeUndefined();
    expect(every.total).toBe(every.hits.length);
    expect(res.totalEstimated).toBe(true);
    expect(Math.abs(res.total - every.total)).toBeLessThanOrEqual(0.25 * every.total);
    // a page of 30, as many as the ranking reads in full: ranked deeper to fill it
    const thirty = await engine.search('UNMIK Kosovo', { limit: 30 });
    expect(thirty.hits).toHaveLength(30);
    expect(repeated(thirty.hits)).toEqual([]);
    // the next page holds none of this page's texts
    const next = await engine.search('UNMIK Kosovo', { limit: 10, offset: 10 });
    const first = new Set(res.hits.map((h) => sameWordsKey(h.text)));
    expect(next.hits.filter((h) => first.has(sameWordsKey(h.text)))).toEqual([]);
  }, 120_000);

  it('a short text of the two is one hit too: they are one document (the same symbol)', async () => {
    const res = await engine.search('"percentage of approved strength"', { limit: 5 });
    const cells = res.hits.filter((h) => sameWordsKey(h.text) === 'percentage of approved strength');
    expect(cells).toHaveLength(1);
    expect(cells[0]!.copies?.map((c) => c.file)).toEqual([word]);
  });

  it('a paragraph the PDF cuts at a page break, or runs on into the next, is one hit too (QA23 F2)', async () => {
    // before: the PDF's part on page 9, the Word paragraph whole, the PDF's part on page 10
    const cut = await engine.search('"physical footprint"', { limit: 10 });
    expect(cut.hits).toHaveLength(1);
    const whole = cut.hits[0]!;
    expect(whole.text).toMatch(/^The Committee was further informed that the Mission is reviewing its physical footprint/);
    expect(whole.copies?.map((c) => [c.file, c.source.page])).toEqual([
      ['A_80_604_Add.6.pdf', 10],
      ['A_80_604_Add.6.pdf', 9],
    ]);
    // the PDF's para. 15 runs on into the next sentence: it holds the Word's para. 15
    const runOn = await engine.search('"proposed resources for military and police personnel in the amount"', { limit: 10 });
    expect(runOn.hits.map((h) => [h.source.page, h.copies?.map((c) => c.file)])).toEqual([[5, [word]]]);
  });
});

describe('two records of one text, as an IR collection holds them (CACM, records as published)', () => {
  it('a title of 15 words is one hit; titles under 10 words, which two documents may share, stay two', async () => {
    const title254 = 'Eigenvalues and Eigenvectors of a Real Symmetric Matrix by the QR Method (Algorithm 254 [F2])';
    const title420 = 'Hidden-Line Plotting Program (Algorithm R420)';
    const engine = await engineOfStatements([
      { id: '1285', title: title254, text: title254 },
      { id: '1577', title: title254, text: title254 },
      { id: '2637', title: title420, text: title420 },
      { id: '2638', title: title420, text: title420 },
    ]);
    const long = await engine.search('eigenvectors symmetric matrix', { limit: 5 });
    expect(long.hits.map((h) => [h.source.document, h.copies?.map((c) => c.source.document)])).toEqual([['1285', ['1577']]]);
    // both judged relevant to CACM's query 22: folded, its nDCG@10 fell 0.927 → 0.617
    const short = await engine.search('hidden line plotting', { limit: 5 });
    expect(short.hits.map((h) => h.source.document)).toEqual(['2637', '2638']);
  });
});

describe("data/'s CND report beside its Word version", () => {
  it('one hit for "heroin Afghanistan", not two; the CLI, JSON, the bot card and CSV say where else it is', async () => {
    const engine = await engineOf([
      [path.join(DATA, 'cnd-64-intersessional-2021-10.txt'), 'cnd-64-intersessional-2021-10.txt'],
      [path.join(DATA, 'cnd-64-intersessional-2021-10.txt.meta.json'), 'cnd-64-intersessional-2021-10.txt.meta.json'],
      [fixture('formats/cnd-report.docx'), 'cnd-report.docx'],
    ]);
    const res = await engine.search('heroin Afghanistan', { limit: 5 });
    // before: ranks 1 and 2 the same paragraph, "1–2 of 2"
    expect(res.total).toBe(1);
    expect(res.hits).toHaveLength(1);
    const hit = res.hits[0]!;
    expect(hit.text).toContain('87% of heroin was smuggled from Afghanistan');
    expect(hit.source.meeting).toMatch(/Commission on Narcotic Drugs/);
    expect(hit.copies?.map((c) => c.file)).toEqual(['cnd-report.docx']);
    const also = 'also in UNODC/CND/2021/CRP.1';
    expect(textResult(res, 0, false)).toContain(`\n   ${also}\n`);
    expect(jsonResult(res, false).hits[0]!.copies).toEqual([
      { id: hit.copies![0]!.id, document: 'cnd-report', file: 'cnd-report.docx', citation: expect.stringContaining('UNODC/CND/2021/CRP.1') },
    ]);
    const card = renderReply(searchReply(res, 0, { query: 'heroin Afghanistan', filters: {} }, new StateStore())).embeds[0]!;
    expect(card.fields).toHaveLength(1);
    expect(card.fields![0]!.value).toContain(`\n*${also}*`);
    const csv = hitsCsv(res.hits).trim().split('\r\n');
    expect(csv).toHaveLength(2);
    expect(csv[0]!.endsWith(',citation,alsoIn')).toBe(true);
    expect(csv[1]!.endsWith(`,${also}`)).toBe(true);
  }, 120_000);
});

describe('a General Debate speech copied under another name', () => {
  it('each paragraph once, the page filled from the next speech; the copy named by its file', async () => {
    const gdc = (f: string): [string, string] => [fixture(`ungdc/2021/${f}`), `2021/${f}`];
    const engine = await engineOf([
      gdc('BRA_76_2021.txt'),
      gdc('COL_76_2021.txt'),
      gdc('manifest.csv'),
      [fixture('ungdc/2021/BRA_76_2021.txt'), '2021/Bolsonaro speech.txt'],
    ]);
    const res = await engine.search('Amazon deforestation', { limit: 4 });
    expect(res.hits).toHaveLength(4);
    expect(repeated(res.hits)).toEqual([]);
    const brazil = res.hits.filter((h) => h.source.speaker === 'Jair Bolsonaro');
    expect(brazil.length).toBeGreaterThan(0);
    for (const h of brazil) expect(alsoInLine(h)).toBe('also in Brazil (Bolsonaro speech.txt)');
    expect(res.hits.some((h) => h.source.country === 'COL')).toBe(true);
  }, 120_000);
});
