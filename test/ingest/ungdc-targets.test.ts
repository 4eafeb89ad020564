import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { toPassages } from '../../src/ingest/passages.ts';
import { reflow } from '../../src/ingest/reflow.ts';

// Needs the unpacked corpus (see /work/shared/corpora/ungdc/README.md); skipped where it is absent.
const corpus = '/work/ungdc/TXT';
const evalFile = '/work/shared/eval/ungdc-known-items.jsonl';
const available = existsSync(corpus) && existsSync(evalFile);

describe.skipIf(!available)('UNGDC known-item targets after re-flow and splitting', () => {
  it('each target sentence lies inside a single passage (at least 58 of 60)', () => {
    const items = readFileSync(evalFile, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { file: string; target: string; year: number });
    const missed = items.filter((it) => {
      const text = readFileSync(`${corpus}/${it.file}`, 'utf8');
      const passages = toPassages(it.file, reflow(text).map((t) => ({ text: t })), { date: String(it.year) });
      const target = it.target.replace(/\s+/g, ' ').trim();
      return !passages.some((p) => p.text.includes(target));
    });
    expect(items.length - missed.length, `missed: ${missed.map((m) => m.file).join(', ')}`).toBeGreaterThanOrEqual(58);
  });
});
