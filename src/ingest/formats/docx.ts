import JSZip from 'jszip';
import mammoth from 'mammoth';
import { parseHTML } from 'linkedom';
import type { DocumentMeta, DocumentExtractor } from '../../types.ts';
import { paragraphsFromDom, removeNoteReferences } from './blocks.ts';
import { checkSize, checkZipUnpacked, OUT_OF_ROOM, tooLargeUnpacked, unpackedLimit } from './size-limit.ts';
import { findSymbol, mastheadSymbol } from './symbol.ts';
import { closingText, unDocumentDate } from './un-date.ts';
import { meaningfulTitle } from './title.ts';

const RESOLUTION_TITLE = /^(?:\d{1,4}\/\d{1,4}|\d{4}\/\d{1,3})\.\s+(\S.{3,})$/;

const decodeXml = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');

/** The text of a WordprocessingML part: runs joined, one line per paragraph, tabs as spaces. */
function partText(xml: string): string {
  return xml
    .split(/<\/w:p>/)
    .map((p) =>
      decodeXml((p.match(/<w:t(?:\s[^>]*)?>[^<]*<\/w:t>|<w:tab\/>/g) ?? []).map((t) => (t === '<w:tab/>' ? ' ' : t.replace(/<[^>]+>/g, ''))).join(''))
        .replace(/\s+/g, ' ')
        .trim(),
    )
    .filter(Boolean)
    .join('\n');
}

/** What mammoth leaves out: the title property (docProps/core.xml) and the header and footer parts. */
async function packageParts(bytes: Uint8Array): Promise<{ title?: string; headers: string[] }> {
  try {
    const zip = await JSZip.loadAsync(bytes);
    const core = await zip.file('docProps/core.xml')?.async('string');
    const title = core ? decodeXml(/<dc:title>([^<]*)<\/dc:title>/.exec(core)?.[1] ?? '').trim() : '';
    const names = Object.keys(zip.files)
      .filter((n) => /^word\/(?:header|footer)\d*\.xml$/.test(n))
      .sort((a, b) => Number(/\d+/.exec(b)?.[0] ?? 0) - Number(/\d+/.exec(a)?.[0] ?? 0)); // first-page parts are numbered last
    const headers = await Promise.all(names.map(async (n) => partText((await zip.file(n)?.async('string')) ?? '')));
    return title ? { title, headers } : { headers };
  } catch {
    return { headers: [] };
  }
}

/**
 * Word extractor (mammoth): the document converted to HTML, then paragraphs and list items in
 * order, each carrying the Heading 1–3 in force as its `heading`; tables as paragraphs of kind
 * 'table', footnotes as kind 'footnote', footnote references taken out of the sentences.
 * Title: the document's title property when it is a real title, else a resolution's own title
 * ("2018/17. The rule of law, …"), else the first heading. Symbol: from the header parts (where UN
 * documents carry it), else the first page's text.
 */
export const extractDocx: DocumentExtractor = async (bytes, _path, limits) => {
  checkSize(bytes, limits);
  if (bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0) {
    throw new Error('a Word 97–2003 .doc (binary) file: not supported — save it as .docx');
  }
  // A compression bomb (a small file whose parts unpack to gigabytes) is refused before mammoth unpacks it.
  checkZipUnpacked(bytes, limits);
  let html: string;
  try {
    const result = await mammoth.convertToHtml({ buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) });
    html = result.value;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (OUT_OF_ROOM.test(message)) throw tooLargeUnpacked(unpackedLimit(limits));
    if (/zip|central directory|end of data|signature/i.test(message)) {
      throw new Error('not a readable Word file (corrupt, truncated, or an old .doc / encrypted file)');
    }
    throw new Error(`unreadable Word file: ${message.replace(/\s+/g, ' ').slice(0, 80)}`);
  }
  const { document } = parseHTML(`<html><body>${html}</body></html>`);
  removeNoteReferences(document.body);
  const { paragraphs, firstHeading } = paragraphsFromDom(document.body);
  if (!paragraphs.length) throw new Error('no text found in the Word file');
  const parts = await packageParts(bytes);
  const bodyText = (firstHeading ? `${firstHeading}\n` : '') + paragraphs.map((p) => p.text).join('\n');

  const meta: DocumentMeta = {};
  const resolution = paragraphs
    .slice(0, 40)
    .map((p) => RESOLUTION_TITLE.exec(p.text)?.[1])
    .find(Boolean);
  // A UN report's title block: "Agenda item 154", the item's title, then the report's own title.
  const agenda = paragraphs.slice(0, 8).findIndex((p) => /^(?:Agenda item|Items? \d)/.test(p.text));
  const block = agenda >= 0 ? paragraphs[agenda + 2]?.text : undefined;
  const reportTitle = block && block.length <= 300 && !/^(?:\d|The |\[)/.test(block) ? meaningfulTitle(block) : undefined;
  const title = meaningfulTitle(parts.title, bodyText) ?? (resolution ? meaningfulTitle(resolution) : undefined) ?? reportTitle ?? firstHeading;
  if (title) meta.title = title;
  const symbol = parts.headers.length ? mastheadSymbol(parts.headers, bodyText) : findSymbol(bodyText);
  if (symbol) meta.symbol = symbol;
  // a resolution's or report's date, from the masthead in the page header or the adoption line
  const date = unDocumentDate(symbol, [...parts.headers, ...paragraphs.slice(0, 20).map((p) => p.text)].join('\n'), closingText(paragraphs));
  if (date) meta.date = date;
  return { meta, paragraphs };
};
