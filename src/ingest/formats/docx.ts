import mammoth from 'mammoth';
import { parseHTML } from 'linkedom';
import type { DocumentMeta, Extractor } from '../../types.ts';
import { paragraphsFromDom } from './blocks.ts';
import { checkSize } from './limits.ts';
import { findSymbol } from './symbol.ts';

/**
 * Word extractor (mammoth): the document converted to HTML, then paragraphs and list items in
 * order, each carrying the Heading 1–3 in force as its `heading`. Title from the first heading.
 */
export const extractDocx: Extractor = async (bytes, _path, limits) => {
  checkSize(bytes, limits);
  let html: string;
  try {
    const result = await mammoth.convertToHtml({ buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) });
    html = result.value;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (/zip|central directory|end of data|signature/i.test(message)) {
      throw new Error('not a readable Word file (corrupt, truncated, or an old .doc / encrypted file)');
    }
    throw new Error(`unreadable Word file: ${message.replace(/\s+/g, ' ').slice(0, 80)}`);
  }
  const { document } = parseHTML(`<html><body>${html}</body></html>`);
  const { paragraphs, firstHeading } = paragraphsFromDom(document.body);
  const meta: DocumentMeta = {};
  if (firstHeading) meta.title = firstHeading;
  const symbol = findSymbol((firstHeading ? `${firstHeading}\n` : '') + paragraphs.map((p) => p.text).join('\n'));
  if (symbol) meta.symbol = symbol;
  if (!paragraphs.length) throw new Error('no text found in the Word file');
  return { meta, paragraphs };
};
