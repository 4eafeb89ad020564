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

/** The token a footnote leaves in its paragraph's text while the paragraphs are read ("\u0001" + its index + "\u0002"). */
const NOTE_OPEN = '\u0001';
const NOTE_CLOSE = '\u0002';
// eslint-disable-next-line no-control-regex -- the tokens put in for the notes
const NOTE_TOKEN = /\u0001(\d+)\u0002/g;

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
  // Footnotes leave the sentence: each authorialNote is replaced by a token naming it, so that the
  // paragraph holding its marker is known, and its text follows that paragraph.
  const notes: ExtractedParagraph[] = [];
  for (const note of Array.from(doc.querySelectorAll('authorialNote'))) {
    // the Arabic text wraps each note in <sup>(</sup>…<sup>)</sup>, and its own text opens with the
    // empty "()" its marker left: both go with the note ("لتمويل التنمية() وخطةِ" before)
    const el = note as unknown as { previousElementSibling: Sibling; nextElementSibling: Sibling; replaceWith(text: string): void };
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
    const footnote: ExtractedParagraph = { text: clean(note.textContent).replace(/^\(\)\s*/, ''), kind: 'footnote' };
    const mark = clean(note.getAttribute('marker'));
    if (/^\d{1,3}$/.test(mark)) footnote.mark = mark;
    notes.push(footnote);
    el.replaceWith(`${NOTE_OPEN}${notes.length - 1}${NOTE_CLOSE}`);
  }
  // The cover page and preface are the masthead and title block: metadata, not passages.
  for (const part of Array.from(doc.querySelectorAll('coverPage,preface'))) part.remove();
  const paragraphs: ExtractedParagraph[] = [];
  /** The notes each paragraph holds the markers of (by index into `notes`). */
  const held: number[][] = [];
  for (const p of Array.from(doc.querySelectorAll('p'))) {
    if (p.querySelector('p')) continue;
    const raw = p.textContent ?? '';
    const marked = [...raw.matchAll(NOTE_TOKEN)].map((m) => Number(m[1]));
    let text = clean(raw.replace(NOTE_TOKEN, ''));
    if (!text) {
      // a paragraph of nothing but a marker: its notes go with the paragraph before
      held[held.length - 1]?.push(...marked);
      continue;
    }
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
    held.push(marked);
  }
  if (!paragraphs.length) throw new Error('no text found in the XML document');
  return { meta, paragraphs: placeNotes(paragraphs, held, notes) };
};

/**
 * Puts each footnote after the body paragraph that holds its marker, in every language alike (a
 * note in a preambular paragraph follows that paragraph). A paragraph's sub-items ("(a) The
 * partnership forum…", "a) le forum…") are the paragraph: notes of the paragraph leading into them
 * come after them, so that they cite as its parts. A note whose marker stands in no paragraph (a
 * heading's, a title's) comes last.
 */
function placeNotes(
  paragraphs: readonly ExtractedParagraph[],
  held: readonly number[][],
  notes: readonly ExtractedParagraph[],
): ExtractedParagraph[] {
  const out: ExtractedParagraph[] = [];
  const placed = new Set<number>();
  let pending: number[] = [];
  paragraphs.forEach((p, i) => {
    out.push(p);
    pending.push(...(held[i] ?? []));
    if (LIST_ITEM.test(paragraphs[i + 1]?.text ?? '')) return;
    for (const n of pending) {
      if (placed.has(n) || !notes[n]?.text) continue;
      placed.add(n);
      out.push(notes[n]);
    }
    pending = [];
  });
  notes.forEach((note, n) => {
    if (!placed.has(n) && note.text) out.push(note);
  });
  return out;
}
