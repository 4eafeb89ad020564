import type { ExtractedParagraph } from '../../types.ts';

const BLOCKS = 'h1,h2,h3,h4,h5,h6,p,li,blockquote,pre,dd,dt,figcaption,td,th';
const HEADINGS = new Set(['H1', 'H2', 'H3']);

/** The parts of a DOM element this walker needs (linkedom's elements satisfy it). */
interface El {
  tagName: string;
  textContent: string | null;
  querySelector(selector: string): El | null;
  querySelectorAll(selector: string): Iterable<El> & ArrayLike<El>;
}

const clean = (text: string | null) => (text ?? '').replace(/\s+/g, ' ').trim();

/**
 * Walks block elements in document order and returns paragraphs, each carrying the h1–h3 heading
 * in force. Only innermost blocks count (an <li> holding <p>s gives its <p>s); headings are not
 * paragraphs of their own.
 */
export function paragraphsFromDom(root: El): { paragraphs: ExtractedParagraph[]; firstHeading?: string } {
  const paragraphs: ExtractedParagraph[] = [];
  let heading: string | undefined;
  let firstHeading: string | undefined;
  for (const el of Array.from(root.querySelectorAll(BLOCKS))) {
    if (el.querySelector(BLOCKS)) continue;
    const text = clean(el.textContent);
    if (!text) continue;
    if (HEADINGS.has(el.tagName.toUpperCase())) {
      heading = text;
      firstHeading ??= text;
      continue;
    }
    paragraphs.push(heading ? { text, heading } : { text });
  }
  return firstHeading ? { paragraphs, firstHeading } : { paragraphs };
}
