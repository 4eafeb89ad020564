import type { DocumentExtractor } from '../../types.ts';
import { extractAkn } from './akn.ts';
import { extractDocx } from './docx.ts';
import { extractHtml } from './html.ts';
import { extractPdf } from './pdf.ts';

/** Format extractors by lower-case extension with its dot. */
export const extractors: Record<string, DocumentExtractor> = {
  '.pdf': extractPdf,
  '.docx': extractDocx,
  // ODS serves Word files as ".DOC" that are often OOXML inside; a real Word 97–2003 file is refused with a reason.
  '.doc': extractDocx,
  '.xml': extractAkn,
  '.html': extractHtml,
  '.htm': extractHtml,
};
