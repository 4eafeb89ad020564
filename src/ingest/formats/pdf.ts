import { getDocumentProxy } from 'unpdf';
import type { DocumentMeta, ExtractedParagraph, Extractor } from '../../types.ts';
import { joinLines } from './reflow.ts';
import { findSymbol } from './symbol.ts';
import { checkSize } from './limits.ts';

/** A run of text on one baseline, as pdf.js gives it (possibly several items merged). */
interface Segment {
  text: string;
  x: number;
  right: number;
  y: number;
  size: number;
}

/** A line of one column. */
interface Line {
  text: string;
  x: number;
  right: number;
  y: number;
  size: number;
}

/** The lines of one column (or of one full-width band) of one page, top to bottom. */
interface Block {
  page: number;
  lines: Line[];
  left: number;
  right: number;
}

interface Para {
  page: number;
  lines: Line[];
  /** The block's edges, to tell a full last line from a short one. */
  blockRight: number;
  blockLeft: number;
}

interface RawItem {
  str: string;
  transform: number[];
  width: number;
  height: number;
}

const PAGE_NUMBER = /^\s*(?:page\s+)?[-–—]?\s*\d{1,4}\s*[-–—]?\s*(?:(?:of|\/)\s*\d{1,4})?\s*$/i;
const TERMINAL = /[.!?:;"”’)\]]$/;

function isTextItem(item: unknown): item is RawItem {
  return typeof item === 'object' && item !== null && 'str' in item && 'transform' in item;
}

/** Groups text items into segments: same baseline, horizontally close. */
function segmentsOf(items: RawItem[]): Segment[] {
  const parts = items
    .filter((i) => i.str.length > 0)
    .map((i) => {
      const t = i.transform;
      const size = Math.hypot(t[2] ?? 0, t[3] ?? 0) || i.height || 10;
      const x = t[4] ?? 0;
      return { text: i.str, x, right: x + i.width, y: t[5] ?? 0, size };
    })
    .filter((p) => Math.abs((p.right - p.x)) > 0 || p.text.trim() !== '')
    .sort((a, b) => b.y - a.y || a.x - b.x);

  const rows: (typeof parts)[] = [];
  for (const p of parts) {
    const row = rows.find((r) => Math.abs((r[0]?.y ?? 0) - p.y) <= Math.max(1.5, p.size * 0.25));
    if (row) row.push(p);
    else rows.push([p]);
  }

  const segments: Segment[] = [];
  for (const row of rows) {
    row.sort((a, b) => a.x - b.x);
    let cur: Segment | undefined;
    for (const p of row) {
      if (p.text.trim() === '') {
        // A spacer item: it only tells us a space is there; a wide one separates segments.
        if (cur && p.right - p.x > cur.size * 1.5) {
          segments.push(cur);
          cur = undefined;
        } else if (cur && !cur.text.endsWith(' ')) cur.text += ' ';
        continue;
      }
      if (cur && p.x - cur.right <= Math.max(cur.size, p.size) * 1.5) {
        const gap = p.x - cur.right;
        const space = gap > Math.min(cur.size, p.size) * 0.12 && !cur.text.endsWith(' ') && !p.text.startsWith(' ');
        cur.text += (space ? ' ' : '') + p.text;
        cur.right = Math.max(cur.right, p.right);
        cur.size = Math.max(cur.size, p.size);
      } else {
        if (cur) segments.push(cur);
        cur = { ...p };
      }
    }
    if (cur) segments.push(cur);
  }
  for (const s of segments) s.text = s.text.replace(/\s+/g, ' ').trim();
  return segments.filter((s) => s.text !== '');
}

/**
 * Looks for a vertical gutter that most segments stay clear of, with enough text on both sides:
 * returns its x, or undefined for a one-column page.
 */
function findGutter(segments: Segment[]): number | undefined {
  if (segments.length < 12) return undefined;
  const minX = Math.min(...segments.map((s) => s.x));
  const maxX = Math.max(...segments.map((s) => s.right));
  const width = maxX - minX;
  if (width < 200) return undefined;
  let best: { x: number; run: number } | undefined;
  let runStart = -1;
  const from = minX + width * 0.25;
  const to = minX + width * 0.75;
  for (let x = from; x <= to + 1; x += 1) {
    const crossing = x <= to ? segments.filter((s) => s.x < x && s.right > x).length : Infinity;
    const clear = crossing <= segments.length * 0.1;
    if (clear && runStart < 0) runStart = x;
    if (!clear && runStart >= 0) {
      const run = x - runStart;
      if (run >= 6 && (!best || run > best.run)) best = { x: runStart + run / 2, run };
      runStart = -1;
    }
  }
  if (!best) return undefined;
  const g = best.x;
  const left = segments.filter((s) => s.right <= g).length;
  const right = segments.filter((s) => s.x >= g).length;
  return left >= segments.length * 0.25 && right >= segments.length * 0.25 && left >= 5 && right >= 5 ? g : undefined;
}

/** Splits a page into blocks in reading order: full-width bands, and within a band left column then right. */
function blocksOf(page: number, segments: Segment[]): Block[] {
  const block = (lines: Segment[]): Block => ({
    page,
    lines: lines.map((s) => ({ text: s.text, x: s.x, right: s.right, y: s.y, size: s.size })),
    left: Math.min(...lines.map((l) => l.x)),
    right: Math.max(...lines.map((l) => l.right)),
  });
  const gutter = findGutter(segments);
  if (gutter === undefined) return segments.length ? [block(mergeRows(segments))] : [];

  const blocks: Block[] = [];
  let band: Segment[] = [];
  const flushBand = () => {
    const left = band.filter((s) => s.right <= gutter);
    const right = band.filter((s) => s.x >= gutter);
    if (left.length) blocks.push(block(left));
    if (right.length) blocks.push(block(right));
    band = [];
  };
  let full: Segment[] = [];
  for (const s of segments) {
    const spans = s.x < gutter && s.right > gutter;
    if (spans) {
      if (band.length) flushBand();
      full.push(s);
    } else {
      if (full.length) {
        blocks.push(block(full));
        full = [];
      }
      band.push(s);
    }
  }
  if (full.length) blocks.push(block(full));
  if (band.length) flushBand();
  return blocks;
}

/** One-column page: segments on the same baseline (a header's left and right parts) become one line. */
function mergeRows(segments: Segment[]): Segment[] {
  const out: Segment[] = [];
  for (const s of segments) {
    const prev = out[out.length - 1];
    if (prev && Math.abs(prev.y - s.y) <= Math.max(1.5, s.size * 0.25)) {
      prev.text += ' ' + s.text;
      prev.right = Math.max(prev.right, s.right);
      prev.x = Math.min(prev.x, s.x);
    } else out.push({ ...s });
  }
  return out;
}

function median(values: number[]): number | undefined {
  if (!values.length) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** Text of a page-level line for header/footer comparison: digits masked, spacing normalised. */
const furnitureKey = (text: string) => text.replace(/\d+/g, '#').replace(/\s+/g, ' ').trim().toLowerCase();

/**
 * Drops running headers and footers: the top- or bottom-most line of a page whose text, digits
 * masked, is the top/bottom line of at least half the pages; and lone page numbers.
 */
function dropFurniture(pages: Segment[][]): Segment[][] {
  const rowsOf = (segs: Segment[]) => mergeRows(segs.map((s) => ({ ...s })));
  const pageRows = pages.map(rowsOf);
  const counts = (pick: (rows: Segment[]) => Segment | undefined) => {
    const m = new Map<string, number>();
    for (const rows of pageRows) {
      const r = pick(rows);
      if (r) m.set(furnitureKey(r.text), (m.get(furnitureKey(r.text)) ?? 0) + 1);
    }
    return m;
  };
  const result = pages.map((p) => [...p]);
  for (let depth = 0; depth < 2; depth++) {
    for (const end of ['top', 'bottom'] as const) {
      const pick = (rows: Segment[]) => (end === 'top' ? rows[depth] : rows[rows.length - 1 - depth]);
      const seen = counts(pick);
      pageRows.forEach((rows, i) => {
        const row = pick(rows);
        if (!row) return;
        const repeated = pages.length >= 2 && (seen.get(furnitureKey(row.text)) ?? 0) >= Math.max(2, pages.length * 0.5);
        const pageNumber = PAGE_NUMBER.test(row.text) && depth === 0;
        if (!repeated && !pageNumber) return;
        const page = result[i];
        if (page) result[i] = page.filter((s) => Math.abs(s.y - row.y) > Math.max(1.5, s.size * 0.25));
      });
    }
  }
  return result;
}

/** Splits a block into paragraphs by vertical gaps, first-line indents and font-size changes. */
function paragraphsOf(block: Block, leading: number): Para[] {
  const paras: Para[] = [];
  let cur: Line[] = [];
  const indentOf = (l: Line) => l.x - block.left;
  block.lines.forEach((line, i) => {
    const prev = block.lines[i - 1];
    let start = !prev;
    if (prev) {
      const gap = prev.y - line.y;
      const size = Math.max(line.size, prev.size);
      if (gap > Math.max(leading, size * 1.1) * 1.35) start = true;
      else if (Math.abs(line.size - prev.size) > Math.min(line.size, prev.size) * 0.15) start = true;
      else if (indentOf(line) > line.size * 0.8 && indentOf(prev) < line.size * 0.5) start = true;
      else if (
        prev.right < block.left + (block.right - block.left) * 0.6 &&
        TERMINAL.test(prev.text) &&
        /^[\p{Lu}\p{N}"“‘(]/u.test(line.text)
      )
        start = true;
    }
    if (start && cur.length) {
      paras.push({ page: block.page, lines: cur, blockLeft: block.left, blockRight: block.right });
      cur = [];
    }
    cur.push(line);
  });
  if (cur.length) paras.push({ page: block.page, lines: cur, blockLeft: block.left, blockRight: block.right });
  return paras;
}

/** Whether `next` (first paragraph of a column or page) carries on `prev` (last of the one before). */
function continues(prev: Para, next: Para, usesIndents: boolean): boolean {
  const last = prev.lines[prev.lines.length - 1];
  const first = next.lines[0];
  if (!last || !first) return false;
  if (Math.abs(last.size - first.size) > Math.min(last.size, first.size) * 0.15) return false;
  if (first.x - next.blockLeft > first.size * 0.8) return false;
  const full = last.right >= prev.blockRight - last.size * 2;
  if (!full) return false;
  if (usesIndents || /-$/.test(last.text)) return true;
  return /^\p{Ll}/u.test(first.text) || !TERMINAL.test(last.text);
}

function pdfReason(error: unknown): Error {
  const name = error instanceof Error ? error.name : '';
  const message = error instanceof Error ? error.message : String(error);
  if (name === 'PasswordException') return new Error('encrypted PDF (password-protected)');
  if (name === 'InvalidPDFException') return new Error('corrupt or truncated PDF: invalid PDF structure');
  const short = message.replace(/\s+/g, ' ').trim().slice(0, 80) || name || 'unreadable';
  return new Error(`corrupt or truncated PDF: ${short}`);
}

/** A title worth showing: not empty, not a file name, not a word processor's placeholder. */
export function meaningfulTitle(raw: unknown): string | undefined {
  if (typeof raw !== 'string') return undefined;
  const title = raw.replace(/^Microsoft (?:Word|PowerPoint) - /i, '').replace(/\s+/g, ' ').trim();
  if (title.length < 4 || !/\p{L}{3}/u.test(title)) return undefined;
  if (/\.(?:docx?|pdf|rtf|odt|txt|html?|indd|qxd)$/i.test(title)) return undefined;
  if (/^(?:untitled|document\d*|title|no title|new document|slide \d+)$/i.test(title)) return undefined;
  return title;
}

/**
 * PDF extractor (pdf.js via unpdf): text per page in reading order (columns detected by their
 * gutter), lines re-flowed into paragraphs with line-final hyphenation resolved, running headers,
 * footers and page numbers dropped. Paragraphs carry their 1-based `page` (where they start).
 */
export const extractPdf: Extractor = async (bytes, _path, limits) => {
  checkSize(bytes, limits);
  let pdf: Awaited<ReturnType<typeof getDocumentProxy>>;
  try {
    // pdf.js takes ownership of (detaches) the buffer it is given.
    pdf = await getDocumentProxy(bytes.slice(), { verbosity: 0 });
  } catch (error) {
    throw pdfReason(error);
  }
  try {
    const pages: Segment[][] = [];
    for (let n = 1; n <= pdf.numPages; n++) {
      const page = await pdf.getPage(n);
      const content = await page.getTextContent();
      pages.push(segmentsOf((content.items as unknown[]).filter(isTextItem)));
      page.cleanup();
    }
    const chars = pages.flat().reduce((sum, s) => sum + s.text.replace(/\s/g, '').length, 0);
    if (chars < Math.max(20, pdf.numPages * 5)) throw new Error('no text layer (scanned image?) — OCR is not supported');

    const meta: DocumentMeta = {};
    const firstPageText = mergeRows(pages[0] ?? []).map((s) => s.text).join('\n');
    const symbol = findSymbol(firstPageText);
    if (symbol) meta.symbol = symbol;

    const body = dropFurniture(pages);
    const blocks = body.flatMap((segs, i) => blocksOf(i + 1, segs));
    const leading =
      median(
        blocks.flatMap((b) =>
          b.lines.slice(1).map((l, i) => (b.lines[i]?.y ?? l.y) - l.y).filter((d) => d > 0),
        ),
      ) ?? 14;

    const perBlock = blocks.map((b) => paragraphsOf(b, leading));
    const all = perBlock.flat();
    const indented = all.filter((p) => {
      const first = p.lines[0];
      return first && p.lines.length > 1 && first.x - p.blockLeft > first.size * 0.8;
    }).length;
    const usesIndents = indented >= Math.max(2, all.filter((p) => p.lines.length > 1).length * 0.5);

    const merged: Para[] = [];
    for (const paras of perBlock) {
      paras.forEach((p, i) => {
        const prev = merged[merged.length - 1];
        if (i === 0 && prev && continues(prev, p, usesIndents)) {
          prev.lines.push(...p.lines);
          prev.blockRight = p.blockRight;
          prev.blockLeft = p.blockLeft;
        } else merged.push({ ...p, lines: [...p.lines] });
      });
    }

    const allText = merged.flatMap((p) => p.lines.map((l) => l.text)).join('\n');
    const paragraphs: ExtractedParagraph[] = [];
    for (const p of merged) {
      const text = joinLines(
        p.lines.map((l) => l.text),
        allText,
      );
      if (text) paragraphs.push({ text, page: p.page });
    }

    const info = await pdf.getMetadata().catch(() => undefined);
    const infoTitle = meaningfulTitle((info?.info as Record<string, unknown> | undefined)?.['Title']);
    const bodySize = median(all.flatMap((p) => p.lines.map((l) => l.size))) ?? 0;
    const first = merged[0];
    const firstSize = first?.lines[0]?.size ?? 0;
    const title =
      infoTitle ??
      (first && first.page === 1 && firstSize > bodySize * 1.15 ? meaningfulTitle(paragraphs[0]?.text) : undefined);
    if (title) meta.title = title.length > 200 ? `${title.slice(0, 199)}…` : title;
    return { meta, paragraphs };
  } catch (error) {
    if (error instanceof Error && /^(?:no text layer|too large)/.test(error.message)) throw error;
    throw pdfReason(error);
  } finally {
    await pdf.destroy().catch(() => undefined);
  }
};
