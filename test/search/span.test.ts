import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadLibrary } from '../../src/ingest/load-library.ts';
import { createEngine, VerbatimEngine } from '../../src/search/engine.ts';
import { rankedWith } from '../support/options.ts';

// Two real General Debate paragraphs (UN General Debate Corpus, CC0) on top of the UNGDC fixture:
// Mauritius 2015 states the query's facts in its first sentence; the Philippines 2024 holds the
// same words, "Arbitral Award" and "Law of the Sea" side by side, but about another dispute.
const MAURITIUS =
  'Mauritius welcomes the Award of the Arbitral Tribunal delivered on 18 March against the United Kingdom, under the United Nations Convention on the Law of the Sea. We welcome the Tribunal’s decision that the Marine Protected Area purportedly declared by the United Kingdom around the Chagos Archipelago was established in violation of international law. We also welcome the Tribunal’s unanimous recognition that Mauritius has an interest in significant decisions bearing upon the uses of the Archipelago pending its return to the effective control of Mauritius.';
const PHILIPPINES =
  'The 1982 UN Convention on the Law of the Sea and the binding 2016 Arbitral Award on the South China Sea constitute the foundation of our policy on the South China Sea. The Award declares that claims exceeding entitlements beyond the limits of UNCLOS have no legal basis.';

let dir: string;
let engine: VerbatimEngine;
let spanOff: VerbatimEngine;
/**
 * Without document evidence and without "sea" finding "marine" (both favour Mauritius here too), so
 * that the span alone decides.
 */
let noDocument: VerbatimEngine;
let noDocumentSpanOff: VerbatimEngine;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'verbatim-span-'));
  cpSync(path.resolve(import.meta.dirname, '../fixtures/ungdc'), dir, { recursive: true });
  mkdirSync(path.join(dir, '2015'));
  mkdirSync(path.join(dir, '2024'));
  writeFileSync(path.join(dir, '2015', 'MUS_70_2015.txt'), MAURITIUS + '\n');
  writeFileSync(path.join(dir, '2024', 'PHL_79_2024.txt'), PHILIPPINES + '\n');
  const lib = await loadLibrary(dir);
  engine = createEngine(lib.documents, lib.report);
  spanOff = rankedWith(engine, { span: { weight: 0 } });
  noDocument = rankedWith(engine, { document: { weight: 0 }, pertainyms: { weight: 0 } });
  noDocumentSpanOff = rankedWith(engine, { document: { weight: 0 }, pertainyms: { weight: 0 }, span: { weight: 0 } });
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('span coverage (the query words together in one sentence)', () => {
  const q = 'mauritius arbitral award against UK law of sea';

  it('ranks the passage whose sentence holds the query’s words above one holding them in pairs', () => {
    expect(engine.searchSync(q).hits[0]!.text).toBe(MAURITIUS);
    expect(noDocument.searchSync(q).hits[0]!.text).toBe(MAURITIUS);
    // without the span, the Philippines' adjacent pairs ("Arbitral Award", "Law of the Sea") win
    expect(noDocumentSpanOff.searchSync(q).hits[0]!.text).toBe(PHILIPPINES);
  });

  it('leaves descriptions (more than span.maxWords ranked words) to proximity pairs and feedback', () => {
    const description = 'tribunal award against the united kingdom on the marine protected area around the chagos archipelago and its return';
    const a = engine.searchSync(description).hits.map((h) => [h.id, h.score]);
    const b = spanOff.searchSync(description).hits.map((h) => [h.id, h.score]);
    expect(a.length).toBeGreaterThan(0);
    expect(a).toEqual(b);
  });
});
