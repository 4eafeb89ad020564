import type { ExtractedParagraph } from '../../types.ts';

const BLOCKS = 'h1,h2,h3,h4,h5,h6,p,li,blockquote,pre,dd,dt,figcaption,td,th';
const HEADINGS = new Set(['H1', 'H2', 'H3']);

/** The parts of a DOM element this walker needs (linkedom's elements satisfy it). */
interface El {
  tagName: string;
  textContent: string | null;
  id?: string;
  parentElement?: El | null;
  children?: ArrayLike<El>;
  getAttribute?(name: string): string | null;
  remove?(): void;
  querySelector(selector: string): El | null;
  querySelectorAll(selector: string): Iterable<El> & ArrayLike<El>;
}

const clean = (text: string | null) => (text ?? '').replace(/\s+/g, ' ').trim();

/** A footnote's own element: Word (mammoth) `li#footnote-1`, HTML `li#fn1`, `.footnote`, `aside[role=doc-footnote]`. */
const isFootnote = (el: El) => {
  const id = el.getAttribute?.('id') ?? '';
  const cls = el.getAttribute?.('class') ?? '';
  const role = el.getAttribute?.('role') ?? '';
  return /^(?:footnote|endnote|fn)[-_:]?\d/i.test(id) || /\b(?:footnote|endnote)s?\b/i.test(cls) || role === 'doc-footnote' || role === 'doc-endnote';
};

/**
 * Takes footnote references out of the running text: `<sup>` marks ("[1]", "1", "a"), links to a
 * footnote (`#footnote-1`, `#fn1`) and the footnotes' links back ("↑").
 */
export function removeNoteReferences(root: El): void {
  for (const a of Array.from(root.querySelectorAll('a'))) {
    const href = a.getAttribute?.('href') ?? '';
    const backLink = /^#/.test(href) && /^[↑↩⤴^]$/.test(clean(a.textContent));
    if (backLink || /^#(?:footnote|endnote|fn|_ftn|_edn|cite_note)/i.test(href) || /^#(?:footnote-ref|fnref|_ftnref|_ednref)/i.test(href)) {
      const sup = a.parentElement && a.parentElement.tagName.toUpperCase() === 'SUP' ? a.parentElement : a;
      sup.remove?.();
    }
  }
  for (const sup of Array.from(root.querySelectorAll('sup'))) {
    const t = clean(sup.textContent);
    if (/^\[?(?:\d{1,3}|[a-z]|[*†‡§])\]?(?:,\s*\[?\d{1,3}\]?)*$/.test(t) || /^[,;]$/.test(t)) sup.remove?.();
  }
}

/** Nearest ancestor (or self) matching `test`. */
function ancestor(el: El, test: (e: El) => boolean): El | undefined {
  for (let e: El | null | undefined = el; e; e = e.parentElement) if (test(e)) return e;
  return undefined;
}

const isTable = (e: El) => e.tagName.toUpperCase() === 'TABLE';

/** Rows of a table as "cell · cell", rows joined by " | "; undefined when it is a layout table (one column). */
function tableText(table: El): string | undefined {
  const rows: string[][] = [];
  for (const tr of Array.from(table.querySelectorAll('tr'))) {
    if (ancestor(tr, isTable) !== table) continue; // a nested table's row
    const cells = Array.from(tr.children ?? [])
      .filter((c) => /^T[DH]$/i.test(c.tagName))
      .map((c) => {
        const inner = Array.from(c.querySelectorAll('p,li,div')).filter((b) => !b.querySelector('p,li,div'));
        return inner.length > 1
          ? inner
              .map((b) => clean(b.textContent))
              .filter(Boolean)
              .join(' ')
          : clean(c.textContent);
      })
      .filter(Boolean);
    if (cells.length) rows.push(cells);
  }
  if (!rows.length || Math.max(...rows.map((r) => r.length)) < 2) return undefined;
  return rows.map((r) => r.join(' · ')).join(' | ');
}

/**
 * Walks block elements in document order and returns paragraphs, each carrying the h1–h3 heading
 * in force. Only innermost blocks count (an <li> holding <p>s gives its <p>s); headings are not
 * paragraphs of their own. A data table (two or more columns) becomes one paragraph of kind
 * 'table'; a footnote's text one of kind 'footnote'. Call {@link removeNoteReferences} first.
 */
export function paragraphsFromDom(root: El): { paragraphs: ExtractedParagraph[]; firstHeading?: string } {
  const paragraphs: ExtractedParagraph[] = [];
  let heading: string | undefined;
  let firstHeading: string | undefined;
  const tables = new Map<El, string | undefined>();
  for (const el of Array.from(root.querySelectorAll(`${BLOCKS},table`))) {
    // The outermost table speaks for everything inside it.
    let outer: El | undefined;
    for (let e: El | null | undefined = el; e; e = e.parentElement) if (isTable(e)) outer = e;
    if (outer) {
      if (!tables.has(outer)) {
        const text = tableText(outer);
        tables.set(outer, text);
        if (text) paragraphs.push(heading ? { text, heading, kind: 'table' } : { text, kind: 'table' });
      }
      if (tables.get(outer) !== undefined) continue;
    }
    if (isTable(el)) continue;
    if (el.querySelector(BLOCKS)) continue;
    const text = clean(el.textContent);
    if (!text) continue;
    if (HEADINGS.has(el.tagName.toUpperCase())) {
      heading = text;
      firstHeading ??= text;
      continue;
    }
    if (ancestor(el, isFootnote)) {
      paragraphs.push({ text: text.replace(/\s*[↑↩]$/, ''), kind: 'footnote' });
      continue;
    }
    paragraphs.push(heading ? { text, heading } : { text });
  }
  return firstHeading ? { paragraphs, firstHeading } : { paragraphs };
}
