/**
 * Resolutions and reports are dated from their first page (the adoption line, else the masthead's
 * "Distr.: General 18 December 2024"), so year and date filters keep them: before, only meeting
 * records and UN XML carried a date, and `year:2024` silently dropped A/RES/79/157. Real documents:
 * a PDF resolution, a Word report (its masthead in the page header) and an old Word resolution.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeExtractors } from '../../src/ingest/load-library.ts';
import type { VerbatimEngine } from '../../src/search/engine.ts';
import { engineOfUnDocuments } from '../support/library.ts';

let engine: VerbatimEngine;

beforeAll(async () => {
  ({ engine } = await engineOfUnDocuments(['A_RES_79_157.pdf', 'A_80_604_Add.6.docx', 'E_RES_2018_17_N1822426.DOC']));
}, 120_000);
afterAll(closeExtractors);

describe('documents dated from their first page', () => {
  it('year:2024 finds the Human Rights Council resolution adopted on 17 December 2024', async () => {
    const res = await engine.search('Human Rights Council report year:2024', { limit: 3 });
    expect(res.hits.length).toBeGreaterThan(0);
    expect(res.hits[0]!.source.symbol).toBe('A/RES/79/157');
    expect(res.hits[0]!.source.date).toBe('2024-12-17');
  });

  it('a Word report is dated from the masthead in its page header, an old Word resolution from its adoption line', async () => {
    const report = await engine.search('Kosovo budget performance year:2026', { limit: 1 });
    expect(report.hits[0]?.source.symbol).toBe('A/80/604/Add.6');
    expect(report.hits[0]?.source.date).toBe('2026-04-07');
    const old = await engine.search('crime prevention rule of law', { limit: 1, filters: { from: '2018-07-02', to: '2018-07-02' } });
    expect(old.hits[0]?.source.symbol).toBe('E/RES/2018/17');
  });
});
