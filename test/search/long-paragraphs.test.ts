/**
 * A paragraph of a speech is not pushed down for its length alone: in a document of many passages
 * (a speech, a report) a paragraph's length is what it covers, so the text field's length
 * normalisation of a library of such documents is `bm25.bLong` (0.4), not the 0.75 of abstracts and
 * articles. Four real Guatemalan General Debate speeches (test/fixtures/ungdc-long-paragraphs): a question whose every
 * word is in one long paragraph of 1998 (blind known item kb-288) finds it among the first two, above
 * the 2006 and 1962 paragraphs that say fewer of its words; with 0.75 it came fourth, below both.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { openLibrary } from '../../src/library/open.ts';
import type { VerbatimEngine } from '../../src/search/engine.ts';

const SPEECHES = fileURLToPath(new URL('../fixtures/ungdc-long-paragraphs', import.meta.url));
const QUESTION = 'central american integration united central america globalization challenges';
let engine: VerbatimEngine;

beforeAll(async () => {
  engine = (await openLibrary({ dataDir: SPEECHES, cachePath: path.join(mkdtempSync(path.join(tmpdir(), 'verbatim-long-')), 'i.bin') })).engine;
}, 120_000);

describe('a long paragraph of a speech', () => {
  it('holding every word of a question ranks above shorter paragraphs holding fewer of them', async () => {
    const res = await engine.search(QUESTION, { limit: 10 });
    const at = (doc: string): number => res.hits.findIndex((h) => h.source.document.endsWith(doc));
    const answer = res.hits[at('GTM_53_1998')]!;
    expect(answer.text).toContain('a united Central America will be much more capable of facing the challenges of globalization');
    expect(answer.text.length).toBeGreaterThan(900);
    expect(at('GTM_53_1998')).toBeLessThanOrEqual(1);
    // the paragraphs it now passes say fewer of the question's words
    for (const doc of ['GTM_61_2006', 'GTM_17_1962']) {
      const other = res.hits[at(doc)]!;
      expect(at(doc)).toBeGreaterThan(at('GTM_53_1998'));
      expect(other.text.length).toBeLessThan(answer.text.length);
      expect(/globali[sz]ation/i.test(other.text) && /challeng/i.test(other.text)).toBe(false);
    }
  });
});
