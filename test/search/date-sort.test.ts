/**
 * `sort: newest | oldest` lists the passages holding the most of the query's words first, by date
 * among them (QA22 F4: `nuclear test`, newest first, gave a first page of 2026 budget lines on drug
 * testing, none on nuclear tests). On six real General Debate speeches (1956, 2011, 2021).
 */
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadLibrary } from '../../src/ingest/load-library.ts';
import { createEngine, type VerbatimEngine } from '../../src/search/engine.ts';

let engine: VerbatimEngine;
beforeAll(async () => {
  const lib = await loadLibrary(path.resolve(import.meta.dirname, '../fixtures/ungdc'));
  engine = createEngine(lib.documents, lib.report);
});

const WORDS = [/\barm(?:s|ed)?\b/i, /\bconflicts?\b/i];
const held = (text: string): number => WORDS.filter((w) => w.test(text)).length;

describe('date order', () => {
  it.each(['newest', 'oldest'] as const)('sort %s: passages holding both words of `armed conflict` first, by date among them', (sort) => {
    const hits = engine.searchSync('armed conflict', { limit: 30, sort }).hits;
    expect(hits.length).toBeGreaterThan(5);
    // before: the newest passage first, though it says only "conflicts"
    expect(held(hits[0]!.text)).toBe(2);
    const rows = hits.map((h) => ({ held: held(h.text), date: h.source.date ?? '' }));
    for (let i = 1; i < rows.length; i++) {
      const [a, b] = [rows[i - 1]!, rows[i]!];
      expect(a.held).toBeGreaterThanOrEqual(b.held);
      if (a.held === b.held) expect(sort === 'newest' ? a.date >= b.date : a.date <= b.date).toBe(true);
    }
    // both kinds are listed: the date order still reaches the passages holding one word
    expect(rows.some((r) => r.held === 1)).toBe(true);
  });
});
