/**
 * Scoring a UNGDC known item (../shared/eval/README.md): does a hit's passage hold the target
 * sentence? Shared by `npm run eval` (scripts/eval.ts) and the excerpt check (bench/excerpt-sentences.ts).
 */

import { stripMarkdownMarks } from '../src/ingest/markdown-marks.ts';

/** Runs of whitespace as one space, trimmed (targets from hard-wrapped files hold line breaks). */
export const collapse = (s: string): string => s.replace(/\s+/g, ' ').trim();

/**
 * True when the passage text contains the target or overlaps it (passages can cut a sentence). A
 * target from a hard-wrapped file may hold a line-final hyphen (`Timor-\nLeste`), which the library
 * joins without a space as the corpus README says (`Timor-Leste`), or without the hyphen when it
 * broke a word: any mix of the two counts.
 */
export function passageHoldsTarget(passage: string, target: string): boolean {
  if (holds(passage, target)) return true;
  // a target copied from a file a converter left Markdown marks in ("**CFA 99 billion**"), read as
  // the library reads the file: without them (src/ingest/markdown-marks.ts)
  const read = stripMarkdownMarks(target.split('\n')).join('\n');
  if (read !== target) return passageHoldsTarget(passage, read);
  // each wrap: a compound keeps its hyphen (Timor-Leste), a word broken by it loses it (devel-opment)
  const parts = target.split(/(?<=\p{L})-[ \t]*\r?\n\s*/u);
  const wraps = Math.min(parts.length - 1, 8);
  if (wraps === 0) return false;
  for (let keep = 0; keep < 1 << wraps; keep++) {
    let t = parts[0]!;
    for (let k = 1; k < parts.length; k++) t += (k <= wraps && keep & (1 << (k - 1)) ? '-' : '') + parts[k];
    if (holds(passage, t)) return true;
  }
  return false;
}

function holds(passage: string, target: string): boolean {
  const p = collapse(passage);
  const t = collapse(target);
  if (p.includes(t) || (p.length >= 40 && t.includes(p))) return true;
  // overlap: a long enough prefix or suffix of the target at the passage's end or start
  const min = Math.min(60, Math.floor(t.length / 2));
  for (let n = t.length - 1; n >= min; n--) {
    if (p.endsWith(t.slice(0, n)) || p.startsWith(t.slice(t.length - n))) return true;
  }
  return false;
}
