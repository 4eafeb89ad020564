import { getDocumentProxy } from 'unpdf';
import type { DocumentMeta, DocumentExtractor, ExtractLimits } from '../../types.ts';
import { layoutPages, type PageInput, type PageItem } from './layout.ts';
import { splitWordMender } from './split-words.ts';
import { meaningfulTitle, titleBlock } from './title.ts';
import { closingText, unDocumentDate } from './un-date.ts';
import { checkSize, OUT_OF_ROOM, pdfUnpacksTooLarge, tooLargeUnpacked, unpackedLimit } from './size-limit.ts';

interface RawItem {
  str: string;
  transform: number[];
  width: number;
  height: number;
}

const PRESENTATION = /[\uFB00-\uFDFF\uFE70-\uFEFF]/;

function isTextItem(item: unknown): item is RawItem {
  return typeof item === 'object' && item !== null && 'str' in item && 'transform' in item;
}

/** pdf.js items → layout items (horizontal text; rotated glyphs are read at their origin). */
function itemsOf(raw: RawItem[]): PageItem[] {
  const out: PageItem[] = [];
  for (const i of raw) {
    if (!i.str) continue;
    const t = i.transform;
    const size = Math.hypot(t[2] ?? 0, t[3] ?? 0) || i.height || 10;
    const x = t[4] ?? 0;
    // Presentation forms (Arabic contextual shapes, Latin "ﬁ" ligatures) become the letters people type.
    const text = PRESENTATION.test(i.str) ? i.str.normalize('NFKC') : i.str;
    out.push({ text, x, right: x + Math.max(0, i.width), y: t[5] ?? 0, size });
  }
  return out;
}

/** The pages with the spaces pdf.js put inside words taken out of their items (./split-words.ts). */
function mendSplitWords(pages: PageInput[]): PageInput[] {
  const mend = splitWordMender(pages.flatMap((p) => p.items.map((i) => i.text)));
  return pages.map((p) => ({ ...p, items: p.items.map((i) => ({ ...i, text: mend(i.text) })) }));
}

function pdfReason(error: unknown, bytes: Uint8Array, limits: ExtractLimits): Error {
  const name = error instanceof Error ? error.name : '';
  const message = error instanceof Error ? error.message : String(error);
  // A compression bomb: say so, not "corrupt" or a V8 message.
  if (OUT_OF_ROOM.test(message) || pdfUnpacksTooLarge(bytes, limits)) return tooLargeUnpacked(unpackedLimit(limits));
  if (name === 'PasswordException') return new Error('encrypted PDF (password-protected)');
  if (name === 'InvalidPDFException') return new Error('corrupt or truncated PDF: invalid PDF structure');
  const short = message.replace(/\s+/g, ' ').trim().slice(0, 80) || name || 'unreadable';
  return new Error(`corrupt or truncated PDF: ${short}`);
}

/**
 * PDF extractor (pdf.js via unpdf): text per page in reading order (columns detected by their
 * gutter), lines re-flowed into paragraphs with line-final hyphenation resolved, running headers,
 * footers and page numbers dropped. Paragraphs carry their 1-based `page` (where they start).
 */
export const extractPdf: DocumentExtractor = async (bytes, _path, limits) => {
  checkSize(bytes, limits);
  let pdf: Awaited<ReturnType<typeof getDocumentProxy>>;
  try {
    // pdf.js takes ownership of (detaches) the buffer it is given.
    pdf = await getDocumentProxy(bytes.slice(), { verbosity: 0 });
  } catch (error) {
    throw pdfReason(error, bytes, limits);
  }
  try {
    const pages: PageInput[] = [];
    for (let n = 1; n <= pdf.numPages; n++) {
      const page = await pdf.getPage(n);
      const content = await page.getTextContent();
      const [x0 = 0, y0 = 0, x1 = 612, y1 = 792] = page.view;
      pages.push({ items: itemsOf((content.items as unknown[]).filter(isTextItem)), width: x1 - x0, height: y1 - y0 });
      page.cleanup();
    }
    const chars = pages.reduce((sum, p) => sum + p.items.reduce((s, i) => s + i.text.replace(/\s/g, '').length, 0), 0);
    if (chars < Math.max(20, pdf.numPages * 5)) {
      // pdf.js gives up quietly on a stream it cannot hold: a bomb looks like a scan unless checked.
      if (pdfUnpacksTooLarge(bytes, limits)) throw tooLargeUnpacked(unpackedLimit(limits));
      throw new Error('no text layer (scanned image?) — OCR is not supported');
    }

    const { paragraphs, firstPageRows, symbol, bodySize } = layoutPages(mendSplitWords(pages));
    const meta: DocumentMeta = {};
    if (symbol) meta.symbol = symbol;

    // Title: the UN title block; else the info title unless a placeholder; else a large first line.
    const info = await pdf.getMetadata().catch(() => undefined);
    const firstPage = firstPageRows.map((r) => r.text).join('\n');
    const infoTitle = meaningfulTitle((info?.info as Record<string, unknown> | undefined)?.['Title'], firstPage);
    const firstSize = firstPageRows[0]?.size ?? 0;
    const title =
      titleBlock(firstPageRows, bodySize, symbol) ?? infoTitle ?? (firstSize > bodySize * 1.15 ? meaningfulTitle(paragraphs[0]?.text) : undefined);
    if (title) meta.title = title;
    // a resolution's or report's date (a record's comes from its masthead: ../statements.ts)
    const date = unDocumentDate(symbol, firstPage, closingText(paragraphs));
    if (date) meta.date = date;
    return { meta, paragraphs };
  } catch (error) {
    if (error instanceof Error && /^(?:no text layer|too large)/.test(error.message)) throw error;
    throw pdfReason(error, bytes, limits);
  } finally {
    await pdf.destroy().catch(() => undefined);
  }
};
