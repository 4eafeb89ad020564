import { DOMParser } from 'linkedom';
import type { DocumentMeta, ExtractedParagraph, DocumentExtractor } from '../../types.ts';
import { checkSize } from './size-limit.ts';
import { LIST_ITEM } from '../paragraph-number.ts';

/** An element next to another in linkedom's DOM (the project's lib has no DOM types). */
type Sibling = { tagName: string; textContent: string | null; remove(): void } | null;

/** ISO 639-2 (Akoma Ntoso's FRBRlanguage) → the tag the library uses. */
const LANGUAGES: Record<string, string> = { eng: 'en', fra: 'fr', spa: 'es', rus: 'ru', ara: 'ar', zho: 'zh', chi: 'zh', fre: 'fr' };

interface Node {
  tagName?: string;
  textContent: string | null;
  parentElement: Node | null;
  getAttribute(name: string): string | null;
  querySelector(selector: string): Node | null;
  querySelectorAll(selector: string): Iterable<Node> & ArrayLike<Node>;
  remove(): void;
}

const clean = (text: string | null | undefined) => (text ?? '').replace(/\s+/g, ' ').trim();

/**
 * UN Akoma Ntoso (AKN4UN) XML, as DGACM publishes resolutions and decisions: the body's paragraphs
 * in order, each numbered element's number kept in front ("1. Decides …", "(a) The partnership
 * forum …"); footnotes (`authorialNote`) taken out of their sentences and given as paragraphs of
 * kind 'footnote' after the paragraph they sit in. Meta: symbol (`docNumber` of the symbol), title
 * (`docTitle`), adoption date, language. Any other XML is refused with a reason.
 */
export const extractAkn: DocumentExtractor = async (bytes, _path, limits) => {
  checkSize(bytes, limits);
  const xml = new TextDecoder('utf-8').decode(bytes);
  if (!/<akomaNtoso[\s>]/.test(xml.slice(0, 2000))) {
    throw new Error('XML that is not UN Akoma Ntoso (AKN4UN): not supported');
  }
  const doc = new DOMParser().parseFromString(xml, 'text/xml') as unknown as Node;
  const meta: DocumentMeta = {};
  const symbol = clean(doc.querySelector('docNumber[refersTo="#symbol"]')?.textContent);
  if (symbol) meta.symbol = symbol;
  const title = clean((doc.querySelector('docTitle[refersTo="#resolutionTitle"]') ?? doc.querySelector('docTitle'))?.textContent);
  if (title) meta.title = title;
  const adopted =
    doc.querySelector('docDate[refersTo="#adoptionDate"]')?.getAttribute('date') ??
    doc.querySelector('FRBRdate[name="adoption"]')?.getAttribute('date');
  if (adopted && /^\d{4}-\d{2}-\d{2}$/.test(adopted)) meta.date = adopted;
  const lang =
    doc.querySelector('FRBRExpression FRBRlanguage')?.getAttribute('language') ?? doc.querySelector('FRBRlanguage')?.getAttribute('language');
  if (lang && LANGUAGES[lang]) meta.language = LANGUAGES[lang];

  doc.querySelector('meta')?.remove();
  const paragraphs: ExtractedParagraph[] = [];
  // Footnotes leave the sentence; their text follows the paragraph that cited them (placeNotes).
  const notes = new Map<Node, string>();
  for (const note of Array.from(doc.querySelectorAll('authorialNote'))) {
    // the Arabic text wraps each note in <sup>(</sup>…<sup>)</sup>, and its own text opens with the
    // empty "()" its marker left: both go with the note ("لتمويل التنمية() وخطةِ" before)
    const el = note as unknown as { previousElementSibling: Sibling; nextElementSibling: Sibling };
    const before = el.previousElementSibling;
    const after = el.nextElementSibling;
    if (
      before?.tagName.toLowerCase() === 'sup' &&
      after?.tagName.toLowerCase() === 'sup' &&
      before.textContent?.trim() === '(' &&
      after.textContent?.trim() === ')'
    ) {
      before.remove();
      after.remove();
    }
    notes.set(note, clean(note.textContent).replace(/^\(\)\s*/, ''));
    note.remove();
  }
  // The cover page and preface are the masthead and title block: metadata, not passages.
  for (const part of Array.from(doc.querySelectorAll('coverPage,preface'))) part.remove();
  for (const p of Array.from(doc.querySelectorAll('p'))) {
    if (p.querySelector('p')) continue;
    let text = clean(p.textContent);
    if (!text) continue;
    // The number of the paragraph or point this p opens: "1.", "(a)".
    for (let up = p.parentElement; up; up = up.parentElement) {
      const num = Array.from(up.querySelectorAll('num')).find((n) => n.parentElement === up);
      if (num) {
        const first = Array.from(up.querySelectorAll('p')).find((q) => !q.querySelector('p'));
        if (first === p) text = `${clean(num.textContent)} ${text}`;
        break;
      }
      if (up.tagName && /^(?:paragraph|point|mainBody|preamble|preface|coverPage)$/i.test(up.tagName)) break;
    }
    paragraphs.push({ text });
  }
  if (!paragraphs.length) throw new Error('no text found in the XML document');
  const texts = [...notes.values()].filter(Boolean);
  return { meta, paragraphs: texts.length ? placeNotes(paragraphs, xml, texts) : paragraphs };
};

/**
 * Puts each footnote after the body paragraph whose text, in the raw XML, comes just before the
 * note's anchor (after the sub-items that follow it) (the paragraphs' texts are found in order in the markup with tags stripped).
 */
function placeNotes(paragraphs: ExtractedParagraph[], xml: string, notes: string[]): ExtractedParagraph[] {
  const plain = xml
    .replace(/<meta>[\s\S]*?<\/meta>/, '')
    .replace(/<authorialNote\b[\s\S]*?<\/authorialNote>/g, '\u0001')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
  // eslint-disable-next-line no-control-regex -- \u0001 is the note marker put in above
  const notePositions = [...plain.matchAll(/\u0001/g)].map((m) => m.index);
  // Where each paragraph's last words sit in the plain text.
  let from = 0;
  const ends = paragraphs.map((p) => {
    const tail = p.text.split(' ').slice(-4).join(' ');
    const at = plain.indexOf(tail, from);
    if (at < 0) return from;
    from = at + tail.length;
    return from;
  });
  const out: ExtractedParagraph[] = [];
  let n = 0;
  paragraphs.forEach((p, i) => {
    out.push(p);
    // a paragraph's sub-items ("(a) The partnership forum…", "a) le forum…") are the paragraph:
    // its notes come after them, so that they cite as its parts
    if (LIST_ITEM.test(paragraphs[i + 1]?.text ?? '')) return;
    while (n < notes.length && (notePositions[n] ?? Infinity) <= (ends[i] ?? 0) + 2) {
      out.push({ text: notes[n]!, kind: 'footnote' });
      n++;
    }
  });
  while (n < notes.length) out.push({ text: notes[n++]!, kind: 'footnote' });
  return out;
}
