/**
 * The known-item scorer (scripts/known-items.ts) on a real target: blind set 1's kb-034 was copied
 * from Burkina Faso's 2024 speech with the Markdown marks its converter left ("**CFA 99 billion**"),
 * which the library now takes out when it reads the file (QA22 F6).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { passageHoldsTarget } from '../../scripts/known-items.ts';
import { stripMarkdownMarks } from '../../src/ingest/markdown-marks.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const item = readFileSync(path.join(ROOT, 'bench/eval-sets/ungdc-known-items-blind.jsonl'), 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((l) => JSON.parse(l) as { id: string; target: string })
  .find((x) => x.id === 'kb-034')!;

describe('known-item scoring', () => {
  it('finds a target copied with Markdown marks in the passage as the library reads it', () => {
    expect(item.target).toContain('**CFA 99 billion**');
    const passage = `Burkina Faso has made progress. ${stripMarkdownMarks([item.target])[0]} We thank our partners.`;
    expect(passage).not.toContain('**');
    // before: rank 0, the answer listed first but not recognised
    expect(passageHoldsTarget(passage, item.target)).toBe(true);
    expect(passageHoldsTarget('Burkina Faso mobilised funds in 2023.', item.target)).toBe(false);
  });
});
