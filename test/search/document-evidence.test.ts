import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadLibrary } from '../../src/ingest/load-library.ts';
import { createEngine, VerbatimEngine } from '../../src/search/engine.ts';
import { INDEX_OPTIONS } from '../../src/index/options.ts';

// Two statements on top of the UNGDC fixture: a minister's statement about desertification in the
// Sahel, paragraph after paragraph, and an ambassador's tour of the agenda that mentions it once,
// in a short paragraph of its own.
const ARTICLE = [
  'Desertification is advancing across the Sahel, and my Government has made land restoration its first priority.',
  'In the Sahel, the loss of topsoil has driven herders south; desertification now threatens a third of our arable land.',
  'We ask partners to support the Great Green Wall, our answer to desertification, which will restore degraded land across the Sahel.',
  'Our young people must see a future at home; restoring land in the Sahel is also how we fight desertification and despair.',
].join('\n\n');
const ASIDE = [
  'The Assembly meets at a time of many crises. Trade, debt, health, peacekeeping and reform of the Council all call for our attention, and we will speak to each in turn.',
  'On desertification in the Sahel, we note the report.',
  'We thank the Secretary-General for his leadership and wish the President every success in this session, which we hope will be fruitful for all Member States.',
].join('\n\n');

let dir: string;
let engine: VerbatimEngine;
let noDocument: VerbatimEngine;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'verbatim-document-'));
  cpSync(path.resolve(import.meta.dirname, '../fixtures/ungdc'), dir, { recursive: true });
  const lines = [
    { id: 'minister', title: 'Statement by the Minister', text: ARTICLE },
    { id: 'ambassador', title: 'Statement by the Ambassador', text: ASIDE },
  ];
  writeFileSync(path.join(dir, 'statements.jsonl'), lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
  const lib = await loadLibrary(dir);
  engine = createEngine(lib.documents, lib.report);
  noDocument = new VerbatimEngine(engine.state, { ...INDEX_OPTIONS, document: { weight: 0 } });
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('document evidence: a document is one text', () => {
  it('lifts the passages of a statement about the query more than those of one that mentions it once', () => {
    const q = 'desertification sahel';
    const scores = (e: VerbatimEngine): Map<string, number> => {
      const best = new Map<string, number>();
      for (const h of e.searchSync(q, { limit: 20 }).hits) if (!best.has(h.source.document)) best.set(h.source.document, h.score);
      return best;
    };
    const on = scores(engine);
    const off = scores(noDocument);
    const lift = (doc: string): number => on.get(doc)! - off.get(doc)!;
    expect(lift('minister')).toBeGreaterThan(0);
    expect(lift('ambassador')).toBeGreaterThan(0);
    // the minister says it in four paragraphs, the ambassador in one: whole texts, not best paragraphs
    expect(lift('minister')).toBeGreaterThan(lift('ambassador') * 1.1);
  });
});
