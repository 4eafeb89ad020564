/**
 * Page layout of a PDF's text layer → paragraphs in reading order.
 *
 * Input: the text items pdf.js gives for each page (position, width, font size). Steps:
 * 1. items → rows (same baseline); superscript footnote marks are recognised (small, raised,
 *    digits or * † ‡) and left out of the text; a raised ordinal suffix ("79" + "e") joins its number;
 * 2. running headers and footers are dropped: rows at the top or bottom of a page whose shape (the
 *    set of their items, digits masked) recurs on other pages, whatever side each part sits on (so
 *    odd/even alternation is one shape), and rows made only of furniture tokens anywhere near the
 *    page edges (job numbers "22-58466", "V.22-00123 (E) 140122 150122", barcodes "*2200123*", page
 *    counters "16/31", dates, the document's symbol); plus the UN disclaimer paragraphs
 *    ("This record contains the text of speeches…", "This record is subject to correction…");
 * 3. footnotes: the run of smaller-type rows at the foot of a page, opened by a mark, becomes one
 *    footnote each (kind 'footnote'), emitted after the paragraph in progress — never inside it;
 * 4. tables: runs of rows split into three or more cells by wide gaps (or two, one numeric) become
 *    one paragraph (kind 'table'), rows joined by " | ", cells by " · ";
 * 5. columns: the gutter is found from the page's x-projection — the vertical strip that (almost)
 *    no item crosses while text lies on both sides of it in many rows; rows crossing it are
 *    full-width bands; a band is read left column, then right column;
 * 6. lines → paragraphs (vertical gaps, first-line indents, size changes), and a paragraph cut by a
 *    column or page break is joined to its continuation (page, pageEnd and where each page begins kept).
 * Line-end hyphens are resolved with the document's own vocabulary, computed once.
 */
import type { ExtractedParagraph, PageBreak } from '../../types.ts';
import { joinLinesWith, vocabulary, type Vocabulary } from './line-joins.ts';
import { mastheadSymbol } from './symbol.ts';

/** A text item as pdf.js delivers it, reduced to what layout needs. */
export interface PageItem {
  text: string;
  x: number;
  right: number;
  /** Baseline (PDF user space: larger is higher on the page). */
  y: number;
  size: number;
}

export interface PageInput {
  items: PageItem[];
  width: number;
  height: number;
}

interface Row {
  items: PageItem[];
  y: number;
  /** Size of the row's text (its superscripts aside). */
  size: number;
}

interface Line {
  text: string;
  x: number;
  right: number;
  y: number;
  size: number;
  /** Where the text after a label set in the margin starts ("Members:   Belgium"): the x of "Belgium". */
  hang?: number;
  /** Read right to left (Arabic, Hebrew): it starts at the right margin and a short line ends at the left. */
  rtl?: true;
}

interface Block {
  page: number;
  lines: Line[];
  left: number;
  right: number;
}

interface Para {
  page: number;
  pageEnd: number;
  lines: Line[];
  /** The lines that open a later page: `lines[line]` is the first on page `page`. */
  breaks: { line: number; page: number }[];
  blockRight: number;
  blockLeft: number;
}

/** A footnote's text, and the number it is printed with when it opens with one. */
interface Note {
  text: string;
  mark?: string;
}

type Piece = { kind: 'text'; block: Block } | { kind: 'table'; page: number; text: string } | { kind: 'notes'; page: number; notes: Note[] };

const MARK = /^(?:\d{1,3}|[*†‡§])$/;
const TERMINAL = /[.!?:;"”’)\]]$/;

function median(values: number[]): number | undefined {
  if (!values.length) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** Groups a page's items into rows by baseline; superscript marks are attached and flagged. */
function rowsOf(items: PageItem[]): { rows: Row[]; marks: Set<PageItem> } {
  const visible = items.filter((i) => i.text.trim() !== '' || i.right - i.x > 0);
  const sorted = [...visible].sort((a, b) => b.y - a.y || a.x - b.x);
  const rows: Row[] = [];
  for (const item of sorted) {
    if (item.text.trim() === '') continue;
    let row: Row | undefined;
    for (let k = rows.length - 1; k >= 0 && k >= rows.length - 4; k--) {
      const r = rows[k]!;
      if (Math.abs(r.y - item.y) <= Math.max(1.5, Math.min(r.size, item.size) * 0.3)) {
        row = r;
        break;
      }
    }
    if (row) {
      row.items.push(item);
      row.size = Math.max(row.size, item.size);
    } else rows.push({ items: [item], y: item.y, size: item.size });
  }
  // Superscript marks: a row (or items in a row) of small digits sitting just above a row of larger text.
  const marks = new Set<PageItem>();
  const kept: Row[] = [];
  for (const row of rows) {
    const small = row.items.every((i) => MARK.test(i.text.trim()));
    const below = rows.find((r) => r !== row && r.y < row.y && row.y - r.y < r.size * 0.75 && r.size > row.size * 1.2);
    if (small && below) {
      for (const i of row.items) {
        marks.add(i);
        below.items.push(i);
      }
      continue;
    }
    if (below && isOrdinalSuffix(row, below)) {
      below.items.push(...row.items);
      continue;
    }
    kept.push(row);
  }
  for (const row of kept) {
    const normal = row.items.filter((i) => !marks.has(i));
    const size = Math.max(...normal.map((i) => i.size), 0);
    for (const i of normal) {
      if (MARK.test(i.text.trim()) && i.size < size * 0.8 && i.y > row.y + 0.5) marks.add(i);
    }
    row.size = Math.max(...row.items.filter((i) => !marks.has(i)).map((i) => i.size), 0) || row.size;
    row.items.sort((a, b) => a.x - b.x);
  }
  return { rows: kept, marks };
}

/** Ordinal suffixes set raised: French "e", "er", "re", "ème"; English "st", "nd", "rd", "th" (not a table's note mark "a"). */
const ORDINAL_SUFFIX = /^(?:e|er|re|ère|ème|eme|es|st|nd|rd|th)$/;

/**
 * Whether a raised row of small type is the ordinal suffix of a number in the row below ("79" +
 * superscript "e" is "79e", "1" + "er" is "1er"): lower-case letters set right after a short
 * number. It is read in its place in that row, not as a line above it ("e 79 Session").
 */
function isOrdinalSuffix(row: Row, below: Row): boolean {
  return row.items.every(
    (i) =>
      ORDINAL_SUFFIX.test(i.text.trim()) &&
      below.items.some((b) => /(?:^|\s)\d{1,3}$/.test(b.text.trimEnd()) && Math.abs(i.x - b.right) <= below.size * 0.25),
  );
}

/**
 * Whether a row's items read right to left: more Arabic or Hebrew letters than others. pdf.js gives
 * each run in reading order; the runs of such a row are read from the right ("أمام الدورة" | "79" |
 * "للجمعية العامة", not the other way round, and a word cut into two runs stays one word).
 */
function readsRightToLeft(items: readonly PageItem[]): boolean {
  // most rows hold no right-to-left letter at all: no counting for them
  if (!items.some((i) => RIGHT_TO_LEFT.test(i.text))) return false;
  let rtl = 0;
  let other = 0;
  for (const i of items) {
    rtl += i.text.match(/[\p{Script=Arabic}\p{Script=Hebrew}]/gu)?.length ?? 0;
    other += i.text.match(/[^\p{Script=Arabic}\p{Script=Hebrew}\P{L}]/gu)?.length ?? 0;
  }
  return rtl > other;
}

const RIGHT_TO_LEFT = /[\p{Script=Arabic}\p{Script=Hebrew}]/u;

/** A figure and a unit of length before a raised 2 or 3 ("2,050 m", "12.5 km"): area or volume, not a note. */
const UNIT_BEFORE_EXPONENT = /\d\s?(?:k|c|d|m)?m$/;

/** Text of some items of one row (left to right), spaces put back from the gaps, dot leaders collapsed; a right-to-left row read from the right. */
function textOf(items: PageItem[], marks: Set<PageItem>): string {
  const rtl = readsRightToLeft(items);
  let out = '';
  // where the previous item ends, in reading order: its right edge, or its left one read from the right
  let edge = rtl ? Infinity : -Infinity;
  // a mark's item may carry the space after it ("5 " in "Action5 and"): dropped with the mark, the space is kept
  let spaceAfterMark = false;
  const ordered = rtl ? [...items].reverse() : items;
  for (const [k, i] of ordered.entries()) {
    if (isLeader(i, ordered.slice(k + 1), rtl)) {
      // read as the gap it fills: a space
      if (out && !out.endsWith(' ')) out += ' ';
      edge = rtl ? i.x : i.right;
      continue;
    }
    if (marks.has(i)) {
      edge = rtl ? i.x : i.right;
      // a unit's exponent is no footnote mark: "2,050 m" and a raised "3" are cubic metres
      if (UNIT_BEFORE_EXPONENT.test(out) && /^[23]\s?$/.test(i.text)) {
        out += i.text;
        continue;
      }
      spaceAfterMark = /\s$/.test(i.text);
      continue;
    }
    const gap = rtl ? edge - i.right : i.x - edge;
    if (out && !out.endsWith(' ') && !i.text.startsWith(' ') && (gap > i.size * 0.12 || spaceAfterMark)) out += ' ';
    spaceAfterMark = false;
    out += i.text;
    edge = rtl ? i.x : i.right;
  }
  return mendArabicMarks(
    out
      .replace(/(?:\s*\.){4,}\s*/g, ' ')
      .replace(/\s+/g, ' ')
      .trim(),
  );
}

/** Arabic vowel marks and shadda (fathatan … sukun), which combine with the letter before them. */
const ARABIC_MARKS = '\u064B-\u0652';

/**
 * Arabic marks pdf.js's text order set apart from their letter (QA21 F8: "قرارا ً", "المجتمع ً
 * الدولي", "1701ً،"): a combining mark after a space, a digit or punctuation has no letter under
 * it. A fathatan after a word's final alef is that word's, as the document writes it elsewhere
 * ("بسيطاً"): it is put back; any other such mark was moved from a word no longer known (the end
 * of another line, a letter inside the word) and is left out: the text reads as Arabic is usually
 * written, unvocalized, never with a mark on the wrong word.
 */
export function mendArabicMarks(text: string): string {
  if (!/[\u064B-\u0652]/u.test(text)) return text;
  return text
    .replace(/([\u0627\u0649]) +(\u064B)(?![\u064B-\u0652])/gu, '$1$2')
    .replace(new RegExp(`(?:^|\\s+)[${ARABIC_MARKS}]+`, 'gu'), '')
    .replace(new RegExp(`([^\\p{L}\\s${ARABIC_MARKS}])[${ARABIC_MARKS}]+`, 'gu'), '$1')
    .trim();
}

/** Dots that fill a gap: ". . . . ." or, cut short by a long name, ". ." (S/PV.8701's "Northern Ireland . . Ms. Pierce"). */
const LEADER = /^\s*\.(?:\s*\.)+\s*$/;

/**
 * Whether an item is a dot leader between a table's columns: dots alone, with the next word of the
 * row (`after`, in reading order) standing a wide gap away. Dots running up to the next word, as
 * an ellipsis does, are text.
 */
function isLeader(item: PageItem, after: readonly PageItem[], rtl: boolean): boolean {
  if (!LEADER.test(item.text)) return false;
  const next = after.find((i) => i.text.trim());
  if (!next) return false;
  const gap = rtl ? item.x - next.right : next.x - item.right;
  return gap > item.size * 0.8;
}

const JOB = /^(?:[A-Z]\.)?\d{2}-\d{5}(?:\d{1,4}\/\d{1,4})?$/;
const JOB_ITEM = /^(?:[A-Z]\.)?\d{2}-\d{5}(?:\s*\([A-Z]\))?(?:\s+\d{6}){0,2}(?:\s+\*\d{5,}\*)?$|^\*\d{5,}\*$/;
const FURNITURE_TOKEN = [
  JOB,
  /^\(\p{L}\)$/u, // (E)
  /^\*\d{5,}\*$/, // barcode text
  /^\d{1,4}\/\d{1,4}$/, // page counter 16/31
  /^\d{1,2}\/\d{1,2}\/\d{2,4}$/, // 08/09/2022
  /^\d{6}$/, // 140122
  /^[-–—]?\d{1,4}[-–—]?$/,
  /^(?:page|página|pagina|of|de|sur|из|стр\.?)$/i,
  /^[-–—|·]$/,
];
const STRONG_TOKEN = [JOB, /^\*\d{5,}\*$/, /^\d{1,4}\/\d{1,4}$/];

// a symbol closed by a full stop ends a sentence (a footnote that is only the report it cites,
// "A/79/120."), which no running head or footer does
const symbolLike = (t: string) => /^[A-Z]{1,6}(?:\.\d+)?(?:\/[A-Za-z0-9.]+){1,6}$/.test(t) && !t.endsWith('.');

/** A row made only of furniture tokens (and the document symbol); `strong` when it has a job number, barcode or counter. */
function furnitureTokens(text: string): { all: boolean; strong: boolean } {
  const tokens = text
    .replace(/S\/PV\. /g, 'S/PV.')
    .split(/\s+/)
    .filter(Boolean);
  if (!tokens.length) return { all: false, strong: false };
  let strong = false;
  for (const t of tokens) {
    if (STRONG_TOKEN.some((r) => r.test(t))) strong = true;
    else if (!FURNITURE_TOKEN.some((r) => r.test(t)) && !symbolLike(t) && !/^\(Resumption$|^\d+\)$/.test(t)) {
      return { all: false, strong: false };
    }
  }
  return { all: true, strong };
}

/** A row's shape for comparing pages: its items' texts, digits masked, sorted (so sides may swap). */
function shapeOf(row: Row, marks: Set<PageItem>): string {
  const parts = row.items
    .filter((i) => !marks.has(i))
    .map((i) => i.text.replace(/\d+/g, '#').replace(/\s+/g, '').toLowerCase())
    .filter(Boolean);
  return parts.sort().join('|');
}

/** Lines that are furniture wherever they stand. */
const NOTICE = /^(?:This record is subject to correction\.?|Please recycle\s*♲?|♲)$/i;
/** Paragraphs that are the records' standard disclaimer, not what was said. */
const DISCLAIMER =
  /^(?:This record contains the text of speeches delivered in|This record contains the (?:original )?text of speeches|The final text will be printed in the Official Records|Corrections should be submitted to the original languages? only|This record is subject to correction)/i;

const DISCLAIMER_TAIL = /^(?:They should be incorporated|Corrected records will be reissued|Corrections should be|\(http)/;

const EDGE = 3;

/** Drops running headers, footers, job numbers and notices from every page. */
function dropFurniture(pages: { rows: Row[]; marks: Set<PageItem> }[], symbol?: string): Row[][] {
  const symbolRe = symbol
    ? new RegExp(
        symbol
          .replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
          .replace(/\//g, '\\/\\s?')
          .replace(/\\\./g, '\\.\\s?'),
      )
    : undefined;
  const shapes = new Map<string, Set<number>>();
  pages.forEach((p, n) => {
    const edge = [...p.rows.slice(0, EDGE), ...p.rows.slice(-EDGE)];
    for (const r of edge) {
      const s = shapeOf(r, p.marks);
      if (!s) continue;
      if (!shapes.has(s)) shapes.set(s, new Set());
      shapes.get(s)!.add(n);
    }
  });
  const minPages = Math.max(2, Math.ceil(pages.length * 0.25));
  return pages.map((p, n) => {
    const drop = new Set<Row>();
    // Job numbers sit in a margin, sometimes on the baseline of a body line: drop the item alone.
    const rows = p.rows.map((r) => ({ ...r, items: r.items.filter((it) => !JOB_ITEM.test(it.text.trim())) })).filter((r) => r.items.length);
    rows.forEach((r) => {
      const text = textOf(r.items, p.marks);
      if (NOTICE.test(text)) drop.add(r);
      const t = furnitureTokens(text);
      if (t.all && t.strong) drop.add(r);
    });
    // From each edge inwards: repeated shapes and token-only rows, until the first body row.
    const fromEdge = (order: Row[]) => {
      for (const r of order.slice(0, EDGE)) {
        const text = textOf(r.items, p.marks);
        const repeated = (shapes.get(shapeOf(r, p.marks))?.size ?? 0) >= minPages;
        // After the first page, an edge row naming the document's symbol is its running header or footer.
        const named = n > 0 && symbolRe !== undefined && symbolRe.test(text) && text.length < 160;
        if (repeated || named || furnitureTokens(text).all || drop.has(r)) drop.add(r);
        else break;
      }
    };
    fromEdge(rows);
    fromEdge([...rows].reverse());
    return rows.filter((r) => !drop.has(r));
  });
}

/** Splits off the footnotes at the foot of a page: smaller type, opened by a mark. */
function splitFootnotes(rows: Row[], marks: Set<PageItem>, bodySize: number): { body: Row[]; notes: Note[] } {
  rows = rows.filter((r) => !/^[_\s]{5,}$/.test(r.items.map((i) => i.text).join('')));
  let start = rows.length;
  while (start > 0) {
    const r = rows[start - 1]!;
    if (r.size < bodySize * 0.92 && r.size > 0) start--;
    else break;
  }
  if (start === rows.length || start === 0) return { body: rows, notes: [] };
  const region = rows.slice(start);
  if (region.length > rows.length * 0.6) return { body: rows, notes: [] };
  const opensNote = (r: Row) => {
    const first = r.items[0];
    if (!first) return false;
    if (marks.has(first)) return true;
    return /^(?:\d{1,3}|[*†‡])(?:\s|$)/.test(first.text.trim()) && r.items.length > 0;
  };
  if (!opensNote(region[0]!)) return { body: rows, notes: [] };
  const notes: Note[] = [];
  let cur: PageItem[][] = [];
  const flush = () => {
    if (!cur.length) return;
    const text = cur.map((items) => textOf(items, new Set())).join('\n');
    const lines = text.split('\n');
    // the number the note is printed with: a raised mark, or digits standing apart before its text
    const first = cur[0]![0];
    const number = first && marks.has(first) ? first.text.trim() : /^(\d{1,3})(?=\s|$)/.exec(lines[0]!)?.[1];
    lines[0] = lines[0]!.replace(/^(?:\d{1,3}|[*†‡])\s*/, '');
    const note: Note = { text: lines.join('\n') };
    if (number && /^\d{1,3}$/.test(number)) note.mark = number;
    notes.push(note);
    cur = [];
  };
  for (const r of region) {
    if (opensNote(r)) flush();
    cur.push(r.items);
  }
  flush();
  return { body: rows.slice(0, start), notes };
}

/** Cells of a row: its items grouped where the gap between them is wide. */
function cellsOf(row: Row, marks: Set<PageItem>): { text: string; x: number; right: number }[] {
  const cells: { items: PageItem[]; x: number; right: number }[] = [];
  for (const i of row.items) {
    if (marks.has(i) || !i.text.trim()) continue;
    const last = cells[cells.length - 1];
    if (last && i.x - last.right < row.size * 1.6) {
      last.items.push(i);
      last.right = Math.max(last.right, i.right);
    } else cells.push({ items: [i], x: i.x, right: i.right });
  }
  const read = cells.map((c) => ({ text: textOf(c.items, marks), x: c.x, right: c.right })).filter((c) => c.text);
  return readsRightToLeft(row.items) ? read.reverse() : read;
}

const NUMERIC = /^[-–—(]?[\d.,\s]+%?\)?$|^[-–—]$/;

/** Row indexes that belong to tables: runs of at least two rows with 3+ cells (or 2, one numeric). */
function tableRows(rows: Row[], marks: Set<PageItem>, maxCell = Infinity): Set<number> {
  const tabular = rows.map((r) => {
    const cells = cellsOf(r, marks);
    if (cells.some((c) => c.right - c.x > maxCell)) return false;
    return cells.length >= 3 || (cells.length === 2 && cells.some((c) => NUMERIC.test(c.text)));
  });
  const out = new Set<number>();
  let i = 0;
  while (i < rows.length) {
    if (!tabular[i]) {
      i++;
      continue;
    }
    let j = i;
    while (j < rows.length && tabular[j]) j++;
    if (j - i >= 2) for (let k = i; k < j; k++) out.add(k);
    i = j;
  }
  // A table's label rows and wrapped cells ("Approved Actual", "in Mali as at 30 June 2025") belong to
  // it: bridge up to three short rows between table rows, and take multi-cell rows just above one.
  const short = (k: number) => {
    const t = textOf(rows[k]!.items, marks);
    return t.length <= 60 && !(/[.;:]$/.test(t) && t.split(' ').length > 6);
  };
  // a row of three or more cells standing alone up to three short rows under a table is one of its
  // rows, and so are the rows between ("Head of Mission · – · Post was vacant" | "D-2 · United
  // States of America, Poland" | "D-1 · France, … · 1 D-1 post vacant", A/80/604/Add.6)
  // (its cells standing in the table's columns)
  const starts = (k: number) => cellsOf(rows[k]!, marks).map((c) => c.x);
  for (let k = 0; k < rows.length; k++) {
    if (!tabular[k] || out.has(k)) continue;
    for (let up = k - 1; up >= 0 && k - up <= 4; up--) {
      if (out.has(up)) {
        const columns = starts(up);
        if (starts(k).every((x) => columns.some((c) => Math.abs(c - x) <= 2))) out.add(k);
        break;
      }
      if (!short(up)) break;
    }
  }
  const sorted = [...out].sort((a, b) => a - b);
  for (let n = 1; n < sorted.length; n++) {
    const [a, b] = [sorted[n - 1]!, sorted[n]!];
    if (b - a > 1 && b - a <= 4) {
      let ok = true;
      for (let k = a + 1; k < b; k++) if (!short(k)) ok = false;
      if (ok) for (let k = a + 1; k < b; k++) out.add(k);
    }
  }
  for (const k of [...out].sort((a, b) => a - b)) {
    let up = k - 1;
    while (up >= 0 && !out.has(up) && k - up <= 2 && cellsOf(rows[up]!, marks).length >= 2 && short(up)) out.add(up--);
  }
  return out;
}

/**
 * The x of the page's column gutter: a vertical strip of at least 4 pt in the middle of the text
 * that almost no row crosses, with text on both sides in many rows. Undefined for one column.
 */
export function findGutter(rows: Row[], marks: Set<PageItem>): number | undefined {
  const items = rows.flatMap((r) => r.items.filter((i) => !marks.has(i) && i.text.trim()));
  if (rows.length < 8 || !items.length) return undefined;
  const minX = Math.min(...items.map((i) => i.x));
  const maxX = Math.max(...items.map((i) => i.right));
  const width = Math.ceil(maxX - minX);
  if (width < 200) return undefined;
  const cross = new Int32Array(width + 1);
  for (const r of rows) {
    const covered = new Uint8Array(width + 1);
    for (const i of r.items) {
      if (marks.has(i)) continue;
      const a = Math.max(0, Math.ceil(i.x - minX + 0.5));
      const b = Math.min(width, Math.floor(i.right - minX - 0.5));
      for (let x = a; x <= b; x++) covered[x] = 1;
    }
    for (let x = 0; x <= width; x++) cross[x]! += covered[x]!;
  }
  const limit = Math.max(1, rows.length * 0.15);
  let best: { a: number; b: number; score: number } | undefined;
  const from = Math.floor(width * 0.25);
  const to = Math.ceil(width * 0.75);
  let x = from;
  while (x <= to) {
    if (cross[x]! > limit) {
      x++;
      continue;
    }
    let y = x;
    while (y <= width && cross[y]! <= limit) y++;
    let a = x;
    while (a > 0 && cross[a - 1]! <= limit) a--;
    if (y - a >= 4) {
      const g = minX + (a + y) / 2;
      const left = rows.filter((r) => r.items.some((i) => !marks.has(i) && i.right <= g)).length;
      const right = rows.filter((r) => r.items.some((i) => !marks.has(i) && i.x >= g)).length;
      const score = Math.min(left, right);
      if (score >= Math.max(4, rows.length * 0.3) && (!best || score > best.score)) best = { a: minX + a, b: minX + y, score };
    }
    x = y + 1;
  }
  return best ? (best.a + best.b) / 2 : undefined;
}

/** One page's rows → pieces in reading order (text blocks, tables, footnotes). */
function piecesOf(page: number, rows: Row[], marks: Set<PageItem>, notes: Note[]): Piece[] {
  const pieces: Piece[] = [];
  // Tables across the whole width come first (their columns must not be read as text columns): rows
  // of three or more short cells. A row of two text columns has cells as wide as a column.
  const real = rows.flatMap((r) => r.items.filter((i) => !marks.has(i)));
  const span = real.length ? Math.max(...real.map((i) => i.right)) - Math.min(...real.map((i) => i.x)) : 0;
  const wide = tableRows(rows, marks, span * 0.4);
  const gutter = findGutter(
    rows.filter((_, i) => !wide.has(i)),
    marks,
  );
  const line = (items: PageItem[], row: Row): Line | undefined => {
    const text = textOf(items, marks);
    const real = items.filter((i) => !marks.has(i));
    if (!text || !real.length) return undefined;
    // A row may join two columns whose baselines differ slightly: the line keeps its own.
    const y = median(real.map((i) => i.y)) ?? row.y;
    const size = Math.max(...real.map((i) => i.size));
    const l: Line = { text, x: Math.min(...real.map((i) => i.x)), right: Math.max(...real.map((i) => i.right)), y, size };
    const hang = labelHang(real, size);
    if (hang !== undefined) l.hang = hang;
    if (readsRightToLeft(real)) l.rtl = true;
    return l;
  };
  const block = (lines: Line[]): Block => ({
    page,
    lines,
    left: Math.min(...lines.map((l) => l.x)),
    right: Math.max(...lines.map((l) => l.right)),
  });
  /** A column (or the full width) read top to bottom: lines and table rows, in order. */
  type Entry = { line: Line } | { cells: string };
  const emit = (entries: Entry[]) => {
    let lines: Line[] = [];
    let table: string[] = [];
    const flush = () => {
      if (lines.length) pieces.push({ kind: 'text', block: block(lines) });
      if (table.length) pieces.push({ kind: 'table', page, text: table.join(' | ') });
      lines = [];
      table = [];
    };
    for (const e of entries) {
      if ('line' in e) {
        if (table.length) flush();
        lines.push(e.line);
      } else {
        if (lines.length) flush();
        table.push(e.cells);
      }
    }
    flush();
  };
  /** Rows of one column (or the full width) → entries, tables found among those rows alone. */
  const entriesOf = (part: Row[]): Entry[] => {
    const tables = tableRows(part, marks);
    const out: Entry[] = [];
    part.forEach((row, i) => {
      if (tables.has(i)) {
        out.push({
          cells: cellsOf(row, marks)
            .map((c) => c.text)
            .join(' · '),
        });
        return;
      }
      const l = line(row.items, row);
      if (l) out.push({ line: l });
    });
    return out;
  };
  const wideEntry = (row: Row): Entry => ({
    cells: cellsOf(row, marks)
      .map((c) => c.text)
      .join(' · '),
  });
  if (gutter === undefined) {
    emit(entriesOf(rows));
  } else {
    // Bands between full-width rows; within a band, the left column, then the right.
    let left: Row[] = [];
    let right: Row[] = [];
    let full: Row[] = [];
    const flushBand = () => {
      emit(entriesOf(left));
      emit(entriesOf(right));
      left = [];
      right = [];
    };
    let wideRun: Entry[] = [];
    rows.forEach((row, i) => {
      if (wide.has(i)) {
        flushBand();
        if (full.length) {
          emit(entriesOf(full));
          full = [];
        }
        wideRun.push(wideEntry(row));
        return;
      }
      if (wideRun.length) {
        emit(wideRun);
        wideRun = [];
      }
      const spans = row.items.some((it) => !marks.has(it) && it.x < gutter - 1 && it.right > gutter + 1);
      if (spans) {
        flushBand();
        full.push(row);
        return;
      }
      if (full.length) {
        emit(entriesOf(full));
        full = [];
      }
      const l = row.items.filter((it) => it.right <= gutter + 1);
      const r = row.items.filter((it) => it.right > gutter + 1);
      if (l.some((it) => !marks.has(it))) left.push({ ...row, items: l });
      if (r.some((it) => !marks.has(it))) right.push({ ...row, items: r });
    });
    if (wideRun.length) emit(wideRun);
    if (full.length) emit(entriesOf(full));
    flushBand();
  }
  if (notes.length) pieces.push({ kind: 'notes', page, notes });
  return pieces;
}

/**
 * Where the text after a short label ending in a colon starts, when a wide gap sets the label
 * apart in a margin of its own ("Members:" | "Belgium … Mr. Pecsteen de Buytswerve" on a Security
 * Council masthead); the lines under it stand there.
 */
function labelHang(items: readonly PageItem[], size: number): number | undefined {
  const words = items.filter((i) => i.text.trim());
  let head = '';
  for (let k = 0; k < words.length - 1 && k < 4; k++) {
    head += words[k]!.text;
    if (head.length > 24) return undefined;
    if (/\p{L}:\s*$/u.test(head)) return words[k + 1]!.x - words[k]!.right > size * 1.2 ? words[k + 1]!.x : undefined;
  }
  return undefined;
}

/**
 * How far a line starts in from the margin it starts at: the left one, or the right one for a line
 * read right to left, whose short last line ends far from the left margin and is no indent.
 */
function indentOf(l: Line, left: number, right: number): number {
  return l.rtl ? right - l.right : l.x - left;
}

/** How far a line ends short of the margin it runs to: the right one, or the left one read right to left. */
function shortOf(l: Line, left: number, right: number): number {
  return l.rtl ? l.x - left : right - l.right;
}

/** Splits a block into paragraphs by vertical gaps, first-line indents and font-size changes. */
function paragraphsOf(block: Block, leading: number): Para[] {
  const paras: Para[] = [];
  let cur: Line[] = [];
  const indent = (l: Line) => indentOf(l, block.left, block.right);
  block.lines.forEach((line, i) => {
    const prev = block.lines[i - 1];
    let start = !prev;
    if (prev) {
      const gap = prev.y - line.y;
      const size = Math.max(line.size, prev.size);
      // a paragraph's spacing is set in points, not in lines: in a double-spaced speech (44 pt
      // leading, 16 pt type) the 5 pt between paragraphs is no fifth of a line
      if (gap > Math.max(leading, size * 1.1) * 1.2 || (leading > size * 1.6 && gap > leading + size * 0.25)) start = true;
      else if (Math.abs(line.size - prev.size) > Math.min(line.size, prev.size) * 0.15) start = true;
      else if (indent(line) > line.size * 0.8 && indent(prev) < line.size * 0.5 && !hangingIndent(cur, prev, line, block)) start = true;
      else if (
        shortOf(prev, block.left, block.right) > (block.right - block.left) * 0.4 &&
        TERMINAL.test(prev.text) &&
        /^[\p{Lu}\p{N}"“‘(]/u.test(line.text)
      )
        start = true;
    }
    if (start && cur.length) {
      paras.push({ page: block.page, pageEnd: block.page, lines: cur, breaks: [], blockLeft: block.left, blockRight: block.right });
      cur = [];
    }
    cur.push(line);
  });
  if (cur.length) paras.push({ page: block.page, pageEnd: block.page, lines: cur, breaks: [], blockLeft: block.left, blockRight: block.right });
  return paras;
}

/**
 * Whether `prev`, the first line of the paragraph `cur`, opens a numbered paragraph set with a
 * hanging indent: the number at the margin, the following lines indented ("11. We will spare no
 * effort to free our fellow men, women and children from the" | "abject and dehumanizing…"). Its
 * first line is full: a short numbered heading ("1. Introduction") is followed by a new paragraph.
 * A lettered heading wrapped onto a second line is one too: "(e) Environmental mitigation and
 * rehabilitation practices in closing" | "peacekeeping missions", the second line running on (no
 * stop before it, lower case).
 */
function hangingIndent(cur: readonly Line[], prev: Line, line: Line, block: Block): boolean {
  // a list under a label in the margin: "Members:   Belgium …" | "China …" stands under "Belgium"
  if (prev.hang !== undefined && Math.abs(line.x - prev.hang) <= line.size * 0.5) return true;
  if (cur.length !== 1) return false;
  if (PARAGRAPH_NUMBER.test(prev.text) && prev.right >= block.right - prev.size * 3 && prev.right >= line.right - prev.size * 2) return true;
  return (
    (PARAGRAPH_NUMBER.test(prev.text) || ROMAN_NUMBER.test(prev.text)) &&
    /^\p{Ll}/u.test(line.text) &&
    !TERMINAL.test(prev.text) &&
    !/[,-]$/.test(prev.text)
  );
}
/** A chapter's Roman number: "II. Budget performance report for the period from 1 July 2024" | "to 30 June 2025". */
const ROMAN_NUMBER = /^[IVXL]{1,5}\.\s/;
const PARAGRAPH_NUMBER = /^(?:\d{1,3}(?:\.\d{1,3})?\.?|\(?[a-z]{1,4}\)|[A-Z]\.)\s/;

/**
 * Whether `first`, indented from its block's left edge, stands where the wrapped lines of `prev`
 * stand in theirs: a paragraph set indented as a whole or with a hanging indent runs on at the same
 * indent. "8. We will spare no effort … in the" at the foot of a page carries on as "past decade.
 * …", indented like its own second line; so does a bullet ("• To call on all States … Mines and" |
 * "on Their Destruction, …", A/RES/55/2 pp. 3–4) and a block quote carried from the right column of
 * one page to the left column of the next ("… Now they are" | "our responsibility. …", S/PV.8699
 * (Resumption 1) pp. 27–28, where the indents match only measured from each block's own left edge).
 */
function alignsWithIndent(prev: Para, next: Para, first: Line): boolean {
  const wrapped = prev.lines[prev.lines.length - 1]!;
  const indent = indentOf(wrapped, prev.blockLeft, prev.blockRight);
  if (prev.lines.length < 2 || indent <= wrapped.size * 0.8) return false;
  const near = (a: number, b: number) => Math.abs(a - b) <= first.size * 0.5;
  const start = (l: Line) => (l.rtl ? l.right : l.x);
  return near(start(first), start(wrapped)) || near(indentOf(first, next.blockLeft, next.blockRight), indent);
}

/** Whether `next` (first paragraph of a column or page) carries on `prev` (last of the one before). */
function continues(prev: Para, next: Para, usesIndents: boolean): boolean {
  const last = prev.lines[prev.lines.length - 1];
  const first = next.lines[0];
  if (!last || !first) return false;
  if (Math.abs(last.size - first.size) > Math.min(last.size, first.size) * 0.15) return false;
  if (indentOf(first, next.blockLeft, next.blockRight) > first.size * 0.8) {
    // indented: only the wrapped lines of an indented or hanging-indent paragraph, a sentence plainly running on
    return alignsWithIndent(prev, next, first) && /^\p{Ll}/u.test(first.text) && !TERMINAL.test(last.text);
  }
  // Ragged-right text: a sentence plainly running on (no stop, lower-case next) continues anyway.
  if (/^\p{Ll}/u.test(first.text) && !TERMINAL.test(last.text)) return true;
  // A full last line reaches the paragraph's own right edge (the block may hold a wider masthead),
  // or its left edge when read right to left.
  const many = prev.lines.length > 1;
  const full = last.rtl
    ? last.x <= (many ? Math.min(...prev.lines.map((l) => l.x)) : prev.blockLeft) + last.size * 2
    : last.right >= (many ? Math.max(...prev.lines.map((l) => l.right)) : prev.blockRight) - last.size * 2;
  if (!full) return false;
  if (usesIndents || /-$/.test(last.text)) return true;
  return /^\p{Ll}/u.test(first.text) || !TERMINAL.test(last.text);
}

/**
 * Where in a paragraph's joined text each later page begins: the length of its lines before that
 * page, joined the same way, and the space after them (a word hyphenated over the break counts
 * where it is cut, within that word).
 */
function pageBreaksOf(para: Para, text: string, vocab: Vocabulary): PageBreak[] {
  return para.breaks.map((b) => {
    const before = joinLinesWith(
      para.lines.slice(0, b.line).map((l) => l.text),
      vocab,
    );
    return { at: Math.min(before.length + 1, text.length), page: b.page };
  });
}

export interface LayoutResult {
  paragraphs: ExtractedParagraph[];
  /** Lines of page 1 top to bottom (columns not split), furniture included: the masthead. */
  firstPageRows: { text: string; size: number; y: number; x: number }[];
  /** The symbol in the first page's masthead (else one standing uncited on page 1). */
  symbol?: string;
  /** The body text's type size (the most common line size). */
  bodySize: number;
}

/** The whole layout pass: pages of items → paragraphs in reading order. */
export function layoutPages(pages: PageInput[]): LayoutResult {
  const rowed = pages.map((p) => rowsOf(p.items));
  const firstPageRows = (rowed[0]?.rows ?? []).map((r) => ({
    text: textOf(r.items, rowed[0]!.marks),
    size: r.size,
    y: r.y,
    x: Math.min(...r.items.map((i) => i.x)),
  }));
  const bodySize = median(rowed.flatMap((p) => p.rows.flatMap((r) => (r.items.length ? [Math.round(r.size * 2) / 2] : [])))) ?? 10;
  const height = pages[0]?.height ?? 792;
  const top = firstPageRows.filter((r) => r.y >= height * 0.72).map((r) => r.text);
  const symbol = mastheadSymbol(top, firstPageRows.map((r) => r.text).join('\n'));
  const kept = dropFurniture(rowed, symbol);
  const pieces: Piece[] = [];
  kept.forEach((rows, n) => {
    const marks = rowed[n]!.marks;
    const { body, notes } = splitFootnotes(rows, marks, bodySize);
    pieces.push(...piecesOf(n + 1, body, marks, notes));
  });

  const blocks = pieces.flatMap((p) => (p.kind === 'text' ? [p.block] : []));
  const leading =
    median(
      blocks.flatMap((b) =>
        b.lines
          .slice(1)
          .map((l, i) => (b.lines[i]?.y ?? l.y) - l.y)
          .filter((d) => d > 0),
      ),
    ) ?? 14;
  const perBlock = new Map<Block, Para[]>(blocks.map((b) => [b, paragraphsOf(b, leading)]));
  const all = [...perBlock.values()].flat();
  const indented = all.filter((p) => {
    const first = p.lines[0];
    return first && p.lines.length > 1 && indentOf(first, p.blockLeft, p.blockRight) > first.size * 0.8;
  }).length;
  const usesIndents = indented >= Math.max(2, all.filter((p) => p.lines.length > 1).length * 0.5);

  type Out = { para: Para } | { table: string; page: number } | { note: Note; page: number };
  const out: Out[] = [];
  let lastPara: Para | undefined;
  let lastParaOpen = false;
  let inDisclaimer = false;
  const pendingNotes: { note: Note; page: number }[] = [];
  const flushNotes = () => {
    out.push(...pendingNotes);
    pendingNotes.length = 0;
  };
  for (const piece of pieces) {
    if (piece.kind === 'notes') {
      pendingNotes.push(...piece.notes.map((note) => ({ note, page: piece.page })));
      continue;
    }
    if (piece.kind === 'table') {
      flushNotes();
      out.push({ table: piece.text, page: piece.page });
      lastParaOpen = false;
      continue;
    }
    (perBlock.get(piece.block) ?? []).forEach((p, i) => {
      // The records' disclaimer (and what runs on from it) is furniture: it must not even break a paragraph.
      const head = p.lines
        .slice(0, 2)
        .map((l) => l.text)
        .join(' ');
      const small = (p.lines[0]?.size ?? 0) < bodySize * 0.95;
      if (DISCLAIMER.test(head) || (inDisclaimer && (small || DISCLAIMER_TAIL.test(head)))) {
        inDisclaimer = true;
        return;
      }
      inDisclaimer = false;
      if (i === 0 && lastPara && lastParaOpen && continues(lastPara, p, usesIndents)) {
        if (p.page > lastPara.pageEnd) lastPara.breaks.push({ line: lastPara.lines.length, page: p.page });
        lastPara.lines.push(...p.lines);
        lastPara.blockRight = p.blockRight;
        lastPara.blockLeft = p.blockLeft;
        lastPara.pageEnd = p.pageEnd;
        return;
      }
      flushNotes();
      const copy = { ...p, lines: [...p.lines], breaks: [...p.breaks] };
      out.push({ para: copy });
      lastPara = copy;
      lastParaOpen = true;
    });
  }
  flushNotes();

  // figures with no word beside them (a chart's axis "20 20 15 11 10 5 0", a table's cells cut
  // from their labels, a job number "00 55951") say nothing a reader can cite: not passages. A
  // resolution cited by its number and year, "1540 (2004)", is text
  const worded = (text: string): boolean => /\p{L}/u.test(text) || /\d\s*\(\d{4}\)/.test(text);
  const vocab = vocabulary(out.flatMap((o) => ('para' in o ? o.para.lines.map((l) => l.text) : ['table' in o ? o.table : o.note.text])).join('\n'));
  const paragraphs: ExtractedParagraph[] = [];
  for (const o of out) {
    if ('para' in o) {
      const text = joinLinesWith(
        o.para.lines.map((l) => l.text),
        vocab,
      );
      if (!text || !worded(text)) continue;
      const p: ExtractedParagraph = { text, page: o.para.page };
      // A chart's axis and bar labels ("40 36 35 35 35", "0 2023 2024 2025 Planned Actual") are
      // figures, not prose: kept apart like a table so they never join a sentence.
      const tokens = text.split(' ');
      if (tokens.length >= 2 && tokens.filter((t) => /^[-–—(]?[\d.,%]+\)?$|^[-–—]$/.test(t)).length >= tokens.length * 0.7) p.kind = 'table';
      if (o.para.pageEnd !== o.para.page) p.pageEnd = o.para.pageEnd;
      const breaks = pageBreaksOf(o.para, text, vocab);
      if (breaks.length) p.pageBreaks = breaks;
      paragraphs.push(p);
    } else if ('table' in o) {
      if (worded(o.table)) paragraphs.push({ text: o.table, page: o.page, kind: 'table' });
    } else {
      const text = joinLinesWith(o.note.text.split('\n'), vocab);
      if (!text || !worded(text)) continue;
      const note: ExtractedParagraph = { text, page: o.page, kind: 'footnote' };
      if (o.note.mark !== undefined) note.mark = o.note.mark;
      paragraphs.push(note);
    }
  }
  const result: LayoutResult = { paragraphs, firstPageRows, bodySize };
  if (symbol) result.symbol = symbol;
  return result;
}
