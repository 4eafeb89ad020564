/**
 * A Russian statement as staff have it: Belarus at the GA79 general debate, a PDF
 * (test/fixtures/un-documents). Russian words meet in their forms, by Russian's Snowball stemmer.
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeExtractors, loadLibrary } from '../../src/ingest/load-library.ts';
import { createEngine, type VerbatimEngine } from '../../src/search/engine.ts';
import type { Hit } from '../../src/types.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
let dir: string;
let engine: VerbatimEngine;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'verbatim-russian-'));
  cpSync(path.join(ROOT, 'test/fixtures/un-documents/GA79_statement_Belarus_ru.pdf'), path.join(dir, 'GA79_statement_Belarus_ru.pdf'));
  const lib = await loadLibrary(dir);
  expect(lib.report.skipped).toEqual([]);
  engine = createEngine(lib.documents, lib.report);
}, 60_000);
afterAll(async () => {
  await closeExtractors();
  rmSync(dir, { recursive: true, force: true });
});

const marked = (h: Hit): string[] => h.excerpt.marks.map(([a, b]) => h.excerpt.text.slice(a, b));

describe('Russian words are found in their other forms', () => {
  it('"организация" finds "Организации" as well as "организация", in a trend too', async () => {
    const res = await engine.search('организация', { limit: 20 });
    const words = new Set(res.hits.flatMap(marked).map((w) => w.toLowerCase()));
    expect(words).toEqual(new Set(['организации', 'организация']));
    const trend = await engine.count('организация');
    expect(trend.total).toBe(res.total);
  });
});
