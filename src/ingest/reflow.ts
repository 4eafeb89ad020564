/**
 * Text as archives hold it → paragraphs. Files converted from PDF are often hard-wrapped (a "line"
 * is a 50–60 character fragment); others hold one paragraph per line. Detected per file.
 */
import { stripMarkdownMarks } from './markdown-marks.ts';
import { dropRunningHeads } from './running-heads.ts';
import { endsSentence } from './sentences.ts';

/** Normalises line ends, BOM, NBSP and other Unicode spaces, zero-width and control characters. */
export function normalizeText(text: string): string {
  return (
    text
      .replace(/^\uFEFF/, '')
      .replace(/\r\n?/g, '\n')
      .replace(/[\u2028\u2029\f\v]/g, '\n')
      .replace(/[\u00A0\u1680\u2000-\u200A\u202F\u205F\u3000]/g, ' ')
      .replace(/[\u200B-\u200D\u2060\uFEFF\u00AD]/g, '')
      // eslint-disable-next-line no-control-regex -- stripping control characters is the point
      .replace(/[\u0000-\u0008\u000E-\u001F\u007F]/g, '')
  );
}

function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Statistics that tell a hard-wrapped file from a one-paragraph-per-line file. */
export interface WrapStats {
  lines: number;
  /** Share of non-empty lines 30–90 characters long. */
  midLength: number;
  /** Share of non-empty lines that do not end a sentence. */
  openEnded: number;
  /** 90th percentile of line lengths: the wrap width. */
  width: number;
}

/** Measures the non-empty lines of normalised text. */
export function wrapStats(lines: readonly string[]): WrapStats {
  const lengths: number[] = [];
  let mid = 0;
  let open = 0;
  for (const raw of lines) {
    const line = raw.trim();
    if (!line) continue;
    const len = line.length;
    lengths.push(len);
    if (len >= 30 && len <= 90) mid++;
    if (!endsSentence(line)) open++;
  }
  const n = lengths.length;
  lengths.sort((a, b) => a - b);
  return {
    lines: n,
    midLength: n ? mid / n : 0,
    openEnded: n ? open / n : 0,
    width: n ? (lengths[Math.min(n - 1, Math.floor(n * 0.9))] ?? 0) : 0,
  };
}

/** True when most lines are wrap-width fragments and many do not end a sentence. */
export function isHardWrapped(stats: WrapStats): boolean {
  return stats.lines >= 4 && stats.midLength >= 0.5 && stats.openEnded >= 0.4;
}

const PARAGRAPH_NUMBER = /^(?:\d{1,3}\.|\(\d{1,3}\)|\d{1,3}\))\s/;
const STARTS_PARAGRAPH = /^[\p{Lu}\d"“‘'([«¿¡•*-]/u;

function firstWord(line: string): string {
  return /^\S*/.exec(line)?.[0] ?? '';
}

/**
 * Two lines of one paragraph as one: a line-final hyphen after a letter (`self-` + `determination`)
 * or a slash inside a word (`A/70/` + `PV.15)`, `HIV/` + `AIDS`) is joined without a space; any other
 * break is a space. `rawA`, the first line as the file has it: a slash with a space after it there
 * separates words ("thus far/ " + "we are …", a poem's "millennium/ " + "become").
 */
function joinLines(a: string, b: string, rawA: string): string {
  if (/\p{L}-$/u.test(a) || (/[\p{L}\p{N}.]\/$/u.test(a) && !/\s$/.test(rawA))) return a + b;
  return `${a} ${b}`;
}

/** Words a sentence does not end on: a paragraph ending on one runs on after a page break. */
const RUNS_ON = new Set(
  'a an the of to in on at by for from with into and or nor but than that which who whose as my your its their our his her this these those is are was were be been has have not must can will shall should would could may might'.split(
    ' ',
  ),
);

/**
 * Whether `line`, standing after a page break whose furniture was taken out, continues the
 * sentence `last` left open: it starts in lower case, or `last` ends on a comma, dash or a word no
 * sentence ends on ("…the" / "Security Council"), or `last` is `full` (a whole line of a wrapped
 * page, a long paragraph) with no stop. A numbered paragraph or a list item never continues one.
 */
function runsOnAcross(last: string, line: string, full: boolean): boolean {
  if (endsSentence(last)) return false;
  if (/^[“"‘'(]?\p{Ll}/u.test(line)) return true;
  if (PARAGRAPH_NUMBER.test(line) || /^[•*-]\s/.test(line)) return false;
  if (/[,(/–—-]$/.test(last)) return true;
  const word = /(\p{L}+)$/u.exec(last)?.[1]?.toLowerCase();
  return (word !== undefined && RUNS_ON.has(word)) || (full && /[\p{L}\d)”’"']$/u.test(last));
}

/**
 * One-paragraph-per-line text: each line is a paragraph, except a line that continues the sentence
 * the previous one left open (it starts with a lower-case letter after a line that does not end a
 * sentence) — a stray wrap or page break, even across a blank line: "…more pressing than" /
 * "climate change. For small island developing States such" / "" / "as Trinidad and Tobago, …".
 * After a page break whose furniture was taken out (`pageBreakBefore`, line indices), a line
 * starting with a capital continues it too when the sentence plainly runs on (runsOnAcross).
 */
function joinContinuations(lines: readonly string[], pageBreakBefore: ReadonlySet<number>): string[] {
  const out: string[] = [];
  let lastRaw = '';
  lines.forEach((raw, i) => {
    const line = collapse(raw);
    if (!line) return;
    const last = out[out.length - 1];
    const runsOn = pageBreakBefore.has(i)
      ? runsOnAcross(last ?? '', line, (last ?? '').length >= 60)
      : !endsSentence(last ?? '') && /^\p{Ll}/u.test(line);
    if (last !== undefined && runsOn) {
      out[out.length - 1] = joinLines(last, line, lastRaw);
    } else {
      out.push(line);
    }
    lastRaw = raw;
  });
  return out;
}

/**
 * Splits a file's text into paragraphs (whitespace collapsed, empty ones dropped), the page
 * furniture of a record converted from PDF taken out first (see ./running-heads.ts), then the
 * Markdown marks a converter left (emphasis, quotation and heading marks, ./markdown-marks.ts).
 *
 * One-paragraph-per-line text: every non-empty line is a paragraph, unless it continues the previous
 * line's open sentence (see joinContinuations). Hard-wrapped text: lines are
 * joined; a paragraph ends at a blank line, at an indented or numbered next line, or where a line
 * ends a sentence and the next line's first word would have fitted on it (so the break was not the
 * wrap's doing). A line-final hyphen after a letter is joined without a space (`self-` +
 * `determination` → `self-determination`), and so is a slash ending a line with no space after it
 * (`A/70/` + `PV.15)` → `A/70/PV.15)`).
 */
export function reflow(text: string): string[] {
  const all = normalizeText(text)
    .split('\n')
    // trailing spaces go, but one after a final slash, which tells words apart ("thus far/ ")
    .map((l) => l.replace(/[ \t]+$/, (_, at: number, line: string) => (line[at - 1] === '/' ? ' ' : '')));
  // the file's shape is read with its page furniture, as it always was; the furniture is then taken out
  const stats = wrapStats(all);
  const hardWrapped = isHardWrapped(stats);
  const { lines: kept, pageBreakBefore } = dropRunningHeads(all, { hardWrapped });
  // then the Markdown marks some converters left in plain text (./markdown-marks.ts), line for line
  const lines = stripMarkdownMarks(kept);
  if (!hardWrapped) return joinContinuations(lines, pageBreakBefore);

  const indentedShare = lines.filter((l) => /^\s{2,}\S/.test(l)).length / Math.max(1, stats.lines);
  const indentMeansParagraph = indentedShare < 0.3;
  const width = stats.width;
  const out: string[] = [];
  let current = '';
  const flush = (): void => {
    const p = collapse(current);
    if (p) out.push(p);
    current = '';
  };

  let prevLine = '';
  let prevRaw = '';
  let blank = false;
  for (const [i, raw] of lines.entries()) {
    const line = raw.trim();
    if (!line) {
      blank = true;
      continue;
    }
    // A blank line ends the paragraph, unless it falls mid-sentence (a page break in a PDF
    // conversion: "chronic non-" / "" / "communicable diseases."). So does a page break whose
    // furniture was taken out, unless the sentence runs on across it.
    if (
      pageBreakBefore.has(i)
        ? !runsOnAcross(prevLine, line, prevLine.length >= width * 0.6)
        : blank && !(current && !endsSentence(prevLine) && /^\p{Ll}/u.test(line))
    )
      flush();
    blank = false;
    const previous = prevLine;
    const previousRaw = prevRaw;
    prevLine = line;
    prevRaw = raw;
    if (current) {
      const prev = current;
      const sentenceEnd = endsSentence(previous);
      const indented = indentMeansParagraph && /^\s{2,}\S/.test(raw);
      const numbered = PARAGRAPH_NUMBER.test(line);
      const fits = previous.length + 1 + firstWord(line).length <= width - 2;
      const breakHere = sentenceEnd && STARTS_PARAGRAPH.test(line) && (indented || numbered || fits || previous.length < width * 0.6);
      if (breakHere) {
        flush();
        current = line;
        continue;
      }
      current = joinLines(prev, line, previousRaw);
      continue;
    }
    current = line;
  }
  flush();
  return out;
}
