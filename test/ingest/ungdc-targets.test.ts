import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { toPassages } from '../../src/ingest/passages.ts';
import { reflow } from '../../src/ingest/reflow.ts';

// Needs the unpacked UNGDC corpus (see ../shared/corpora/ungdc/README.md beside the repository) and
// the known items; skipped where they are absent. VERBATIM_UNGDC_TXT and VERBATIM_EVAL_DIR point
// elsewhere (defaults: ../ungdc/TXT and ../shared/eval beside the repository).
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const corpus = path.resolve(ROOT, process.env['VERBATIM_UNGDC_TXT'] ?? '../ungdc/TXT');
const evalFile = path.join(path.resolve(ROOT, process.env['VERBATIM_EVAL_DIR'] ?? '../shared/eval'), 'ungdc-known-items.jsonl');
const available = existsSync(corpus) && existsSync(evalFile);

describe.skipIf(!available)('UNGDC known-item targets after re-flow and splitting', () => {
  it('each target sentence lies inside a single passage (at least 58 of 60)', () => {
    const items = readFileSync(evalFile, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { file: string; target: string; year: number });
    const missed = items.filter((it) => {
      const text = readFileSync(`${corpus}/${it.file}`, 'utf8');
      const passages = toPassages(
        it.file,
        reflow(text).map((t) => ({ text: t })),
        { date: String(it.year) },
      );
      const target = it.target.replace(/\s+/g, ' ').trim();
      return !passages.some((p) => p.text.includes(target));
    });
    expect(items.length - missed.length, `missed: ${missed.map((m) => m.file).join(', ')}`).toBeGreaterThanOrEqual(58);
  });
});
