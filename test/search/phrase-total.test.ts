/**
 * The total a search reports for a quoted phrase: the best candidates are checked until the page is
 * full, and how many of the rest hold the phrase is estimated from an even sample of them, not from
 * the share among the best (which are likelier to hold it: "international cooperation" was reported
 * in 14,562 UNGDC passages, where 6,755 hold it). The reply says "about".
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { jsonResult, textResult } from '../../src/cli/print.ts';
import { rangeLabel } from '../../src/render/replies.ts';
import type { VerbatimEngine } from '../../src/search/engine.ts';
import { engineOfStatements } from '../support/library.ts';

let engine: VerbatimEngine;

beforeAll(async () => {
  const lines: Array<{ id: string; title: string; text: string }> = [];
  // 300 short passages holding the phrase rank first; 900 longer ones hold both words apart
  for (let i = 0; i < 300; i++) lines.push({ id: `p${i}`, title: 'Statement', text: `International cooperation matters, case ${i}.` });
  for (let i = 0; i < 900; i++) {
    lines.push({
      id: `q${i}`,
      title: 'Statement',
      text: `Cooperation among the nations of the region is international in its scope and in its aims, case ${i}, as the delegation said at length.`,
    });
  }
  engine = await engineOfStatements(lines);
});

describe('the total of a quoted phrase', () => {
  it('is estimated near the true count, though the passages ranked first all hold the phrase', async () => {
    const exact = engine.matchAll('"international cooperation"').length;
    expect(exact).toBe(300);
    const res = await engine.search('"international cooperation"', { limit: 5 });
    expect(res.totalEstimated).toBe(true);
    expect(Math.abs(res.total - exact)).toBeLessThanOrEqual(0.15 * exact);
  });

  it('is the same on every page, the deeper pages checked further (QA23 F3: 925, 1,598, 1,316 … after page 6)', async () => {
    const totals = new Set<number>();
    for (const offset of [0, 5, 25, 30, 35, 40, 60, 95]) {
      const res = await engine.search('"international cooperation"', { limit: 5, offset });
      expect(res.hits).toHaveLength(5);
      expect(res.totalEstimated).toBe(true);
      totals.add(res.total);
    }
    expect([...totals]).toHaveLength(1);
  });

  it('reads every candidate left when fewer than twice the sample are left (a sorted list: the lowest ranked too), and then says a count, not "about" (QA23)', async () => {
    const lines = [
      ...Array.from({ length: 140 }, (_, i) => ({ id: `p${i}`, title: 'Statement', text: `International cooperation matters, case ${i}.` })),
      ...Array.from({ length: 110 }, (_, i) => ({
        id: `q${i}`,
        title: 'Statement',
        text: `Cooperation among the nations of the region is international in its scope and in its aims, case ${i}, as the delegation said at length.`,
      })),
    ];
    const small = await engineOfStatements(lines);
    const res = await small.search('"international cooperation"', { limit: 5 });
    expect(res.totalEstimated).toBeUndefined();
    expect(res.total).toBe(140);
    expect(textResult(res, 0, false)).toMatch(/^1–5 of 140 passages/m);
  });

  it('says "about" where it is an estimate, and is exact when every candidate was checked', async () => {
    const res = await engine.search('"international cooperation"', { limit: 5 });
    expect(textResult(res, 0, false)).toMatch(new RegExp(`^1–5 of about ${res.total} passages`, 'm'));
    expect(jsonResult(res, false).totalEstimated).toBe(true);
    expect(rangeLabel(0, 5, 6694, true)).toBe('1–5 of about 6,694');
    expect(rangeLabel(0, 5, 37)).toBe('1–5 of 37');
    // few candidates: all are checked, and the total is the count
    const few = await engine.search('"cooperation matters, case 7"', { limit: 5 });
    expect(few.totalEstimated).toBeUndefined();
    expect(few.total).toBe(1);
  });
});
