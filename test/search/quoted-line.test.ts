/** A line typed alone is first where it was said, then where it is quoted (QA20 F9). */
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadLibrary } from '../../src/ingest/load-library.ts';
import { createEngine, type VerbatimEngine } from '../../src/search/engine.ts';

describe('a remembered line and the speeches quoting it (three real General Debate speeches)', () => {
  let engine: VerbatimEngine;
  beforeAll(async () => {
    const lib = await loadLibrary(path.resolve(import.meta.dirname, '../fixtures/ungdc-quoted-line'));
    engine = createEngine(lib.documents, lib.report);
  });
  const countries = (q: string): Array<string | undefined> => engine.searchSync(q, { limit: 5 }).hits.map((h) => h.source.country);
  const line = '"mankind must put an end to war or war will put an end to mankind"';

  it('puts the speech that says the line before the two that quote it', () => {
    const hits = engine.searchSync(line, { limit: 5 }).hits;
    expect(hits.map((h) => h.source.country)).toEqual(['USA', 'HND', 'ITA']);
    expect(hits[0]?.source.speaker).toContain('Kennedy');
    expect(hits[0]?.text).toContain('the uncommitted alike. Mankind must put an end to war, or war will put an end to mankind.');
    // the quoters hold every word of the line too: they are answers, after the source
    expect(hits[1]?.text).toContain('said last year in this very hall [1013th meeting], "Mankind must put an end to war');
  });

  it('reads a line of 13 words typed without quotes the same way (a remembered line of up to 24 words)', () => {
    expect(countries(line.replace(/"/g, ''))[0]).toBe('USA');
  });

  it('leaves the order alone when the line is asked beside other words (who quoted it)', () => {
    // "Martino" is the Italian speaker's name in the metadata: the query asks for his quotation
    expect(countries(`martino ${line}`)[0]).toBe('ITA');
  });
});
