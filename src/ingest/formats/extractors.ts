import type { Extractor } from '../../types.ts';
import { extractDocx } from './docx.ts';
import { extractHtml } from './html.ts';
import { extractPdf } from './pdf.ts';

/** Format extractors by lower-case extension with its dot. */
export const extractors: Record<string, Extractor> = {
  '.pdf': extractPdf,
  '.docx': extractDocx,
  '.html': extractHtml,
  '.htm': extractHtml,
};
