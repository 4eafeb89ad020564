/**
 * Trends on real meeting records (test/fixtures/un-documents): a country's or speaker's bar counts
 * the passages of its statements, exactly what the country: and speaker: filters select.
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeExtractors, loadLibrary } from '../../src/ingest/load-library.ts';
import { createEngine, type VerbatimEngine } from '../../src/search/engine.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
let dir: string;
let engine: VerbatimEngine;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'verbatim-count-records-'));
  for (const f of ['A_50_PV.33.pdf']) cpSync(path.join(ROOT, 'test/fixtures/un-documents', f), path.join(dir, f));
  const lib = await loadLibrary(dir);
  engine = createEngine(lib.documents, lib.report);
}, 180_000);
afterAll(async () => {
  await closeExtractors();
  rmSync(dir, { recursive: true, force: true });
});

describe('trends by who speaks in records', () => {
  it.each(['country', 'speaker'] as const)('by %s: each bar equals the count under that filter, and the bars add up', async (by) => {
    const r = await engine.count('United Nations', { by });
    expect(r.buckets.length).toBeGreaterThan(3);
    for (const b of r.buckets) {
      const filtered = await engine.count('United Nations', { filters: { [by]: b.key } });
      if (by === 'country') expect(filtered.total).toBe(b.count);
      // a speaker filter matches part of a name, so it can only find more
      else expect(filtered.total).toBeGreaterThanOrEqual(b.count);
    }
    expect(r.buckets.reduce((n, b) => n + b.count, 0) + r.unbucketed).toBe(r.total);
    // the base of a country is its passages, as its facet counts them
    if (by === 'country') for (const b of r.buckets) expect(b.base).toBe(engine.facet('country', '', 500).find((f) => f.value === b.key)!.count);
  });

  it('counting documents counts a record once per country speaking in it', async () => {
    const r = await engine.count('United Nations', { by: 'country', per: 'documents' });
    expect(r.total).toBe(1);
    expect(r.buckets.every((b) => b.count === 1)).toBe(true);
    expect(r.buckets.length).toBeGreaterThan(3);
  });
});

describe('a trend counts the passages that say the words, not those whose document is titled so', () => {
  it('"budget" and "human rights" in a budget section titled "…budget… Human rights"; "Lebanon" in Lebanon’s Arabic statement', async () => {
    const { engineOfUnDocuments } = await import('../support/library.ts');
    const { engine: un, texts } = await engineOfUnDocuments(['A_81_6_Sect.24.pdf', 'GA79_statement_Lebanon_ar.pdf']);
    const saying = (re: RegExp): number => texts.filter((t) => re.test(t)).length;
    // before: every passage of Sect.24 (743) counted for both, as its title holds the words
    const budget = await un.count('budget', { by: 'year' });
    expect(budget.total).toBeLessThan(texts.length / 4);
    expect(budget.total).toBe(saying(/\bbudgets?\b/i));
    const rights = await un.count('human rights');
    expect(rights.total).toBe(saying(/^(?=[\s\S]*\bhumans?\b)(?=[\s\S]*\brights?\b)/i));
    expect(rights.total).toBeGreaterThanOrEqual((await un.count('"human rights"')).total);
    // "Lebanon" is the Arabic statement's country (metadata), never its text: none of its passages says it
    const lebanon = { filters: { document: 'GA79_statement_Lebanon_ar' } };
    expect((await un.count('Lebanon', lebanon)).total).toBe(0);
    // in Arabic, the statement's text, it counts what the search finds (no Arabic in its metadata)
    const arabic = (await un.count('لبنان', lebanon)).total;
    expect(arabic).toBeGreaterThan(10);
    expect(arabic).toBe((await un.search('لبنان', { ...lebanon, limit: 1 })).total);
    // a search still finds the statement through its country (ranking is unchanged)
    expect((await un.search('Lebanon', { ...lebanon, limit: 1 })).total).toBeGreaterThan(0);
  }, 120_000);
});
