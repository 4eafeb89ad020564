/**
 * Searching across British and American spelling, on real UN text: General Debate speeches in
 * British spelling (test/fixtures/ungdc) and the sample CND report, which writes "Center" and
 * "organized".
 */
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { tokens } from '../../src/index/analyzer.ts';
import { loadLibrary } from '../../src/ingest/load-library.ts';
import { createEngine, type VerbatimEngine } from '../../src/search/engine.ts';
import { phraseChecker } from '../../src/search/phrase-scan.ts';
import type { Hit } from '../../src/types.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
let ungdc: VerbatimEngine;
let sample: VerbatimEngine;

beforeAll(async () => {
  const u = await loadLibrary(path.join(ROOT, 'test/fixtures/ungdc'));
  ungdc = createEngine(u.documents, u.report);
  const s = await loadLibrary(path.join(ROOT, 'data'));
  sample = createEngine(s.documents, s.report);
});

const marked = (h: Hit): string[] => h.excerpt.marks.map(([a, b]) => h.excerpt.text.slice(a, b));

describe('American queries find British text', () => {
  it('"defense Amazon" finds Colombia 2021 on "defence of the Amazon", marking the word as written', async () => {
    const res = await ungdc.search('defense Amazon');
    const top = res.hits[0]!;
    expect(top.source.country).toBe('COL');
    expect(top.text).toContain('unrestricted defence of the Amazon');
    expect(marked(top)).toEqual(expect.arrayContaining(['defence', 'Amazon']));
    expect(marked(top)).not.toContain('defense');
  });

  it('a quoted phrase in American spelling matches the British text', async () => {
    const res = await ungdc.search('"defense of the Amazon"');
    expect(res.total).toBe(1);
    expect(res.hits[0]!.text).toContain('defence of the Amazon');
    expect(marked(res.hits[0]!)).toContain('defence of the Amazon');
    // the same marks as the phrase in British spelling
    const british = await ungdc.search('"defence of the Amazon"');
    expect(marked(res.hits[0]!)).toEqual(marked(british.hits[0]!));
  });

  it('counts (the phrase scan) agree with search', () => {
    const terms = tokens('defense of the Amazon').map((t) => t.term);
    const holds = phraseChecker([terms]);
    expect(holds('above all, unrestricted defence of the Amazon and of our oceans')).toBe(true);
    expect(holds('above all, unrestricted defence of Amazonia')).toBe(false);
  });

  it('"investment partnership program" finds Brazil 2021 on its "programme"', async () => {
    const res = await ungdc.search('public-private investment partnership program');
    const top = res.hits[0]!;
    expect(top.source.country).toBe('BRA');
    expect(marked(top)).toEqual(expect.arrayContaining(['programme']));
  });

  it('"labor" marks "labour"', async () => {
    const res = await ungdc.search('labor');
    expect(res.total).toBeGreaterThan(0);
    for (const h of res.hits) expect(marked(h).map((m) => m.toLowerCase())).toContain('labour');
  });
});

describe('British queries find American text', () => {
  it('"Centre for Governance Research" finds the sample\'s "Center for Governance Research"', async () => {
    const res = await sample.search('"Centre for Governance Research"');
    expect(res.total).toBe(1);
    expect(marked(res.hits[0]!)).toEqual(['Center for Governance Research']);
  });

  it('"organised crime" finds "organized crime"', async () => {
    const res = await sample.search('"organised crime"');
    expect(res.total).toBeGreaterThan(0);
    for (const h of res.hits) expect(h.text.toLowerCase()).toContain('organized crime');
  });
});

describe('words that only look like a spelling pair', () => {
  it('"draught" does not find the "draft" resolution of 1956', async () => {
    const draft = await ungdc.search('draft');
    expect(draft.hits.some((h) => h.source.country === 'AUT')).toBe(true);
    const draught = await ungdc.search('draught');
    expect(draught.hits.some((h) => h.text.toLowerCase().includes('draft'))).toBe(false);
  });
});
