/**
 * Paragraphs → citable passages: long paragraphs split at sentence ends, stray short lines joined to
 * a neighbour, headings and dated sections carried as section title/date, stable ids.
 */
import { createHash } from 'node:crypto';
import type { ExtractedParagraph, PageBreak, Passage } from '../types.ts';
import { joinPages, offsetIn, pagesOfSlice, withPages, type Paged } from './page-breaks.ts';
import { endsSentence, splitSentences } from './sentences.ts';
import { MONTH_NAMES } from './dates.ts';
import { printedParagraphNumber } from './paragraph-number.ts';
import { isDateLine } from './statement-heading.ts';
import { isColumnLabels } from './column-labels.ts';

export interface PassageOptions {
  /** Longest passage, in characters (default 1,000). A single longer sentence is cut at a clause or word boundary. */
  maxChars?: number;
  /** Paragraphs shorter than this are "stray lines" joined to a neighbour or read as headings (default 40). */
  minChars?: number;
  /** The document's date (`YYYY…`), whose year dates sections read from the text ("On October 20, …"). */
  date?: string;
  /** Last day of the document's date range (`YYYY-MM-DD`), used to pick the year of a section. */
  dateEnd?: string;
  /**
   * How many of the first paragraphs stand above the speech's salutation (a statement's letterhead,
   * title, place and date: see linesAboveSpeech in ./statement-heading.ts); none of them is a section.
   */
  aboveSpeech?: number;
}

/** Sets a block's pages (page, pageEnd, pageBreaks) to `pages`. */
function setPages<T extends Paged>(block: T, pages: Paged): T {
  withPages(block, pages.page, pages.pageEnd);
  delete block.pageBreaks;
  if (pages.pageBreaks) block.pageBreaks = pages.pageBreaks;
  return block;
}

/** Short stable id: base64url of SHA-1 over document id, passage text and its occurrence index. */
export function passageId(docId: string, text: string, occurrence: number): string {
  return createHash('sha1').update(`${docId}\u0000${text}\u0000${occurrence}`).digest('base64url').slice(0, 12);
}

const MONTH = `(${MONTH_NAMES.join('|')})`;
/** "At the first session on October 19, entitled “…”", "On 20 October, a second session entitled “…” was held". */
const SECTION_OPENING = new RegExp(
  `^(?:At|On|During|In)\\b[^.;]{0,80}?\\b(?:${MONTH}\\s+(\\d{1,2})(?:st|nd|rd|th)?|(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?${MONTH})\\b`,
  'i',
);
const SECTION_WORD = /\b(?:session|meeting|panel|segment|round ?table|dialogue|debate|workshop|plenary)\b/i;
const SECTION_TITLE = /\b(?:entitled|titled|on the (?:theme|topic))\s*[:,]?\s*(?:“([^”]{3,200})”|"([^"]{3,200})"|‘([^’]{3,200})’)/i;

interface Section {
  title?: string;
  date?: string;
}

/**
 * Reads a dated section opening ("At the first session on October 19, entitled “Links …”, …").
 * Returns undefined unless a month name with a day is found near the start of a paragraph that
 * names a session/meeting, and a year is known from the document's metadata.
 */
export function readSection(text: string, date?: string, dateEnd?: string): Section | undefined {
  const m = SECTION_OPENING.exec(text);
  if (!m || !date || !/^\d{4}/.test(date)) return undefined;
  const head = text.slice(0, 300);
  if (!SECTION_WORD.test(head)) return undefined;
  const monthName = (m[1] ?? m[4] ?? '').toLowerCase();
  const day = Number(m[2] ?? m[3]);
  const month = MONTH_NAMES.indexOf(monthName) + 1;
  if (month < 1 || day < 1 || day > 31) return undefined;
  const startYear = Number(date.slice(0, 4));
  const endYear = dateEnd && /^\d{4}/.test(dateEnd) ? Number(dateEnd.slice(0, 4)) : startYear;
  const startMd = date.length >= 7 ? date.slice(5) : '01-01';
  const md = `${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  const year = endYear !== startYear && md < startMd ? endYear : startYear;
  const iso = `${year}-${md}`;
  if (Number.isNaN(Date.parse(iso)) || new Date(iso).getUTCDate() !== day) return undefined;
  const t = SECTION_TITLE.exec(head);
  const title = t ? (t[1] ?? t[2] ?? t[3])?.trim() : undefined;
  return title ? { date: iso, title } : { date: iso };
}

const SALUTATION =
  /\b(?:Mr|Mrs|Ms|Madam|Mister|Sir|President|Excellenc\w*|Ladies|Gentlemen|Thank|Chair\w*|Secretary|Colleagues|Friends|Delegates)\b/i;

/** A number as speaking copies write it: 2724, 2,724, 2.724, 1 500. */
const LENGTH_NUMBER = String.raw`\d+(?:[.,\u00a0\u202f ]\d{3})*`;
/** Units of a speech's length in English, Spanish and French: words, minutes, seconds, pages, characters. */
const LENGTH_UNIT = String.raw`(?:words?|palabras?|mots?|minutes?|minutos?|mins?\.?|seconds?|segundos?|secondes?|secs?\.?|hours?|horas?|heures?|pages?|p[áa]ginas?|characters?|caracteres|caract[èe]res)`;
/** Labels of the same: "Word count: 2724", "Duración: 15 minutos", "Nombre de mots : 1 500". */
const LENGTH_LABEL = String.raw`(?:word\s+count|number\s+of\s+words|length|duration|reading\s+time|speaking\s+time|n[úu]mero\s+de\s+palabras|extensi[óo]n|duraci[óo]n|tiempo(?:\s+de\s+lectura)?|nombre\s+de\s+mots|longueur|dur[ée]e|temps\s+de\s+parole)`;
const ABOUT = String.raw`(?:approx\.?|approximately|about|around|aprox\.?|aproximadamente|unas|environ|~|ca\.)`;
const MEASURE = String.raw`(?:(?:${ABOUT}\s*)?${LENGTH_NUMBER}\s*${LENGTH_UNIT}|${LENGTH_LABEL}\s*:?\s*(?:${ABOUT}\s*)?${LENGTH_NUMBER}(?:\s*${LENGTH_UNIT})?)`;
/**
 * A line that only states how long a speech is ("2724 palabras – 15 minutos", "(1,850 words)",
 * "Durée : 10 minutes", "Word count: 2724"), as delegations' speaking copies open: no heading.
 */
const LENGTH_LINE = new RegExp(String.raw`^[([]?\s*${MEASURE}(?:\s*(?:[–—\-/·,;|]|\by\b|\band\b|\bet\b)\s*${MEASURE})*\s*[)\]]?\.?$`, 'iu');

/** Whether `text` only states a speech's length in words or time (no heading, no title). */
export function isLengthLine(text: string): boolean {
  return LENGTH_LINE.test(text.trim());
}

/** The heading an extractor gave a paragraph (HTML, Word, Markdown), unless it only states the speech's length. */
function ownHeading(p: PassageInput): string | undefined {
  return p.heading !== undefined && !isLengthLine(p.heading) ? p.heading : undefined;
}

/** A short line that reads as a heading: no sentence punctuation, starts with a capital, few words; not a speech's length. */
function looksLikeHeading(text: string): boolean {
  if (endsSentence(text) || /[,]$/.test(text) || isLengthLine(text)) return false;
  if (!/^[\p{Lu}\d]/u.test(text) || SALUTATION.test(text)) return false;
  const words = text.split(/\s+/);
  return words.length <= 8 && /\p{L}{3}/u.test(text);
}

/** A numbered heading: "I. Introduction", "I Introduction", "2. Peace and security", "A. Overview". */
const NUMBERED_HEADING = /^(?:[IVXL]{1,5}|\d{1,2}|[A-H])[.)]?\s+\p{Lu}/u;
/** A heading numbered as a section of a report or resolution: "III. Development and poverty eradication", "B. Resource requirements". */
const SECTION_NUMBER = /^(?:[IVXL]{1,5}|[A-H])\.\s+\p{Lu}/u;
/** A report's lettered sub-heading: "(b) Human resources", "(f) Surge capacity". */
const LETTERED_HEADING = /^\([a-z]{1,3}\)\s+\p{Lu}/u;
/** The longest line read as a heading when its shape or place says it is one (a numbered heading, one over a numbered paragraph). */
const LONG_HEADING = 90;

/** Lower-case words no heading ends on: a line ending on one was cut from a longer line ("73/195 Global Compact for Safe, Orderly and"). */
const OPEN_END =
  /\s(?:and|or|of|the|a|an|in|on|to|for|with|by|from|at|as|into|than|that|et|de|du|des|la|le|les|à|y|el|los|las|en|del|al|con|para|por)$/u;
/** A table's cell, never a heading nor a passage of its own: "Yes", "No", "Page" over a table of contents. */
const CELL = /^(?:Yes|No|N\/A|None|Nil|Oui|Non|Sí|Page|Pages|Página|Páginas|Total|Subtotal)$/;
/** A masthead's label ("Distr.: General", "Original: English") or its symbol line ("United Nations A/RES/55/2"). */
const MASTHEAD_LABEL = /^(?:Distr\.?|Original)\s*:|(?:^|\s)[A-Z]{1,6}(?:\/[A-Za-z0-9.]+)*\/[A-Za-z.]*\d[\w.]*$/;
/** A resolution's enacting formula ("The General Assembly,", "The Economic and Social Council"): what follows is its text, not a section. */
const ENACTING = /^The\s+(?:General Assembly|Economic and Social Council|Security Council|Human Rights Council|Trusteeship Council)\s*,?$/;
/** A mandate list's entry, opening with the resolution it names: "73/161 World Braille Day", "2017/19 Promoting …". */
const RESOLUTION_ENTRY = /^\d{1,4}\/\d{1,3}\b/;

/**
 * A table's row: a label and its figures, money or a percentage ("Formed police units $2 912.8
 * 34.3%", "Expenditure for 2024/25 $43,659,600", "Publications (number of publications) 2 2 2 2").
 */
function isFigureRow(text: string): boolean {
  return /[$€£%]/.test(text) || /\(number of [^)]*\)/i.test(text) || /\s\d[\d.,]*\s+\d[\d.,]*$/.test(text);
}

/**
 * Whether a line shaped like a heading is a table's row, cell or label, a line cut from a longer
 * one, or a masthead's label instead: a figure row (isFigureRow), a parenthesis it does not close
 * ("2024/25: 90 per cent)", "Completed (number or"), only column labels ("Planned Actual",
 * "Category and subcategory", "Variance"), a cell word ("Yes", "Page"), a mandate list's entry, a
 * resolution's enacting formula, or a line ending on a word no heading ends on.
 */
function notHeading(text: string): boolean {
  if (isFigureRow(text) || CELL.test(text) || MASTHEAD_LABEL.test(text) || ENACTING.test(text) || RESOLUTION_ENTRY.test(text)) return true;
  if (count(text, '(') !== count(text, ')')) return true;
  // a table of contents' entry and its page ("VII. Summary of follow-up action … of the 24"), not
  // an item's number ("Agenda item 36"); a figure and what it counts ("366 in 2022–2025 (916 total)")
  if (
    text.split(' ').length >= 5 &&
    /\s(?:the|of|and|to|for|in|on|\p{Ll}{4,})\s+\d{1,3}$/u.test(text) &&
    !/\b(?:item|items|paragraph|paragraphs|resolution|decision|chapter|section|annex|table|figure|subprogramme|component|goal|article|rule)\s+\d{1,3}$/i.test(
      text,
    )
  )
    return true;
  if (/^\d[\d.,]*\s+\p{Ll}/u.test(text)) return true;
  return OPEN_END.test(text) || isColumnLabels(text, 1);
}

/** How far into a document its masthead may run, in paragraphs: a dateline there is no section. */
const MASTHEAD_PARAGRAPHS = 12;
/** A place as a dateline names it: "New York", "Genève", "Addis Ababa", "Port of Spain", "Нью-Йорк". */
const PLACE = /^\p{Lu}[\p{L}'’.-]*(?:\s+(?:(?:of|de|du|des|la|le|el|es|al)\s+)?\p{Lu}[\p{L}'’.-]*){0,2}$/u;

/**
 * Whether paragraph i of a document's masthead (its first page, first paragraphs) is a dateline:
 * a date alone ("18 December 2024", "Monday, 13 January 2020, 10 a.m."), a place and a date
 * ("New York, 25 septembre 2024"), or a place next to a date ("New York" under the day of a
 * Security Council record). None is a section heading.
 */
function isMastheadDateline(paragraphs: readonly PassageInput[], i: number): boolean {
  const p = paragraphs[i];
  if (!p || i >= MASTHEAD_PARAGRAPHS || (p.page ?? 1) > 1) return false;
  const text = p.text.replace(/\s+/g, ' ').trim();
  if (isDateLine(text)) return true;
  const comma = text.indexOf(', ');
  if (comma > 0 && PLACE.test(text.slice(0, comma)) && isDateLine(text.slice(comma + 2))) return true;
  if (!PLACE.test(text) || text.length > 30) return false;
  const near = (k: number): boolean => {
    const q = paragraphs[k];
    return q !== undefined && (q.page ?? 1) <= 1 && isDateLine(q.text.replace(/\s+/g, ' ').trim());
  };
  return near(i - 1) || near(i + 1);
}

/** Cuts a single over-long sentence at clause boundaries, else at word boundaries. */
function cutLong(sentence: string, max: number): string[] {
  const out: string[] = [];
  let rest = sentence;
  while (rest.length > max) {
    const window = rest.slice(0, max);
    let cut = Math.max(window.lastIndexOf('; '), window.lastIndexOf(': '));
    if (cut < max * 0.4) cut = window.lastIndexOf(', ');
    if (cut < max * 0.4) cut = window.lastIndexOf(' ');
    if (cut <= 0) cut = max - 1;
    out.push(rest.slice(0, cut + 1).trim());
    rest = rest.slice(cut + 1).trim();
  }
  if (rest) out.push(rest);
  return out;
}

/**
 * Splits a paragraph into parts of at most `max` characters at sentence ends, balanced so that the
 * last part is not a scrap (a 1,300-character paragraph gives two ~650-character parts).
 */
export function splitParagraph(text: string, max = 1000): string[] {
  if (text.length <= max) return [text];
  const sentences = withLeadingMark(splitSentences(text)).flatMap((s) => (s.length > max ? cutLong(s, max) : [s]));
  const parts = Math.ceil(text.length / max);
  const target = text.length / parts;
  const out: string[] = [];
  let current = '';
  for (const s of sentences) {
    if (current && (current.length + 1 + s.length > max || current.length >= target)) {
      out.push(current);
      current = s;
    } else {
      current = current ? `${current} ${s}` : s;
    }
  }
  if (current) out.push(current);
  return out;
}

/**
 * Sentences with a leading paragraph number or list mark ("35.", "(b)", "iv)", "•"), which the
 * sentence splitter reads as a sentence of its own, joined to the sentence it numbers: a part
 * never holds the number alone, cut from its paragraph (A/RES/79/191's "35." before its 998 characters).
 */
function withLeadingMark(sentences: string[]): string[] {
  if (sentences.length < 2 || !/^(?:\d{1,3}(?:\.\d{1,3})*\.|\(?[a-z]{1,4}\)|[•▪◦–-])$/i.test(sentences[0]!.trim())) return sentences;
  return [`${sentences[0]!.trim()} ${sentences[1]!}`, ...sentences.slice(2)];
}

/** Splits a table (rows joined by " | ") at row boundaries into parts of at most `max` characters. */
function splitRows(text: string, max: number): string[] {
  const out: string[] = [];
  let cur = '';
  for (const row of text.split(' | ')) {
    if (cur && cur.length + 3 + row.length > max) {
      out.push(cur);
      cur = row;
    } else cur = cur ? `${cur} | ${row}` : row;
  }
  if (cur) out.push(cur);
  return out.flatMap((part) => (part.length > max ? splitParagraph(part, max) : [part]));
}

interface Block {
  text: string;
  page?: number;
  pageEnd?: number;
  /** Where each later page begins in `text` (PDF). */
  pageBreaks?: PageBreak[];
  heading?: string;
  /** Index of the statement (see ./statements.ts) the paragraph belongs to. */
  statement?: number;
  /** Part of the previous paragraph: shares its ¶ number. */
  sameParagraph?: boolean;
  /** A table or footnote: never joined to a neighbour, never read as a heading. */
  kind?: 'table' | 'footnote';
  /** A footnote's printed mark ("4"). */
  mark?: string;
  /** Closed by a speech's length line: what follows is the speech, never joined to it. */
  closed?: boolean;
  /** Made of the lines above a speech's salutation (`aboveSpeech`): never joined to the speech. */
  aboveSpeech?: boolean;
}

/** A paragraph as toPassages takes it: what an extractor gives, plus the statement it belongs to. */
export interface PassageInput extends ExtractedParagraph {
  statement?: number;
  sameParagraph?: boolean;
}

/** A passage with the statement it belongs to, until the document's statements are built, and whether it is a footnote. */
export type AttributedPassage = Passage & { statement?: number; footnote?: true; footnoteMark?: string; aboveSpeech?: true };

/** One UN document symbol: "A/50/559", "A/50/L.5", "S/2020/12/Add.1", "A/55/305-S/2000/809", "E/CN.7/2022/1". */
const ONE_SYMBOL = String.raw`[A-Z]{1,6}(?:\.\d+)?(?:\/[A-Za-z0-9.-]+){1,6}`;
/** A line that is only a document symbol in parentheses: "(A/50/559)", "(A/50/L.5 and Add.1)", "(A/79/1, A/79/2)". */
const SYMBOL_LINE = new RegExp(String.raw`^\(${ONE_SYMBOL}(?:\s*(?:,|and|et|y)\s*(?:${ONE_SYMBOL}|Add\.\d+|Corr\.\d+|Rev\.\d+))*\)$`);

/** Whether `text` is only a document symbol in parentheses, as an agenda heading's second line gives it. */
export function isSymbolLine(text: string): boolean {
  return SYMBOL_LINE.test(text);
}

/** A lead-in to a quotation: at most this long, ending with a colon, a comma or "that". */
const LEAD_IN_MAX = 300;
const LEAD_IN_END = /(?:[:,]|\bthat)$/u;
/** A paragraph that opens with a quotation mark. */
const QUOTE_OPEN = /^["“«„‘]/u;

/** How many times `char` stands in `text`. */
function count(text: string, char: string): number {
  let n = 0;
  for (const c of text) if (c === char) n++;
  return n;
}

/**
 * A text's length as the stray-line rule weighs it: a Chinese, Japanese or Korean character counts
 * three, as it writes about what an English word of five letters and a space does ("(a) 伙伴关系论坛将于2023年1月31日星期二举行；"
 * is a list item, not a stray line to join to the next).
 */
function weightedLength(text: string): number {
  return text.length + 2 * (text.match(/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/gu)?.length ?? 0);
}

/**
 * Joins stray short lines to a neighbour; turns heading-like ones into section titles, except the
 * `aboveSpeech` first paragraphs (a statement's letterhead, title, place and date) and a masthead's
 * dateline: those end any heading before them, and a heading an extractor gave them is none after.
 */
function joinStrays(paragraphs: readonly PassageInput[], min: number, max: number, aboveSpeech = 0): Block[] {
  const blocks: Block[] = [];
  let pendingHeading: string | undefined;
  /** Headings an extractor gave the lines above the speech (an HTML page's title): no section of the speech either. */
  const letterhead = new Set<string>();
  const headingOf = (p: PassageInput, i: number): string | undefined => {
    const own = ownHeading(p);
    if (own === undefined) return undefined;
    if (i < aboveSpeech) letterhead.add(own);
    return letterhead.has(own) ? undefined : own;
  };
  let carry = '';
  let carryStatement: number | undefined;
  // the heading in force where the fragment was read: a fragment pushed alone ("25. We resolve therefore:") keeps it
  let carryHeading: string | undefined;
  // the lines above the speech's salutation are its heading: never joined to the speech
  const isAbove = (i: number): boolean => i < aboveSpeech;
  let carryAbove = false;
  // the pages of the carried fragment: a fragment pushed alone or opening the next paragraph keeps them
  let carryPages: Paged = {};
  /** The carried fragment as a block of its own, with its statement and pages. */
  const carried = (): Block => {
    const b: Block = { text: carry };
    if (carryStatement !== undefined) b.statement = carryStatement;
    if (carryAbove) b.aboveSpeech = true;
    if (carryHeading !== undefined) b.heading = carryHeading;
    return setPages(b, carryPages);
  };
  // the paragraph that was last read as a heading, and the one whose text last opened a block
  let headingAt = -1;
  let blockAt = -1;
  let lastText = -1;
  // a heading heads text: a short line with nothing but footnotes after it (a resolution's closing
  // "53rd plenary meeting 17 December 2024" over its last page's notes) is none
  let lastBody = -1;
  paragraphs.forEach((q, i) => {
    if (q.text.trim()) lastText = i;
    if (q.text.trim() && q.kind !== 'footnote') lastBody = i;
  });
  /** Column labels waiting for the table they head (paragraph `headUntil`), and their pages. */
  let tableHead: Block | undefined;
  let headUntil = -1;
  /**
   * The table under the column labels of paragraph i, past up to two short lines of its rows'
   * labels (", Civilian personnel") or more labels; −1 when text or a footnote comes first.
   */
  const tableBelow = (i: number, longest = 60): number => {
    let between = 0;
    for (let k = i + 1; k < paragraphs.length; k++) {
      const q = paragraphs[k]!;
      const t = q.text.replace(/\s+/g, ' ').trim();
      if (!t) continue;
      if (q.kind === 'table') return q.statement === paragraphs[i]!.statement ? k : -1;
      if (!q.kind && isColumnLabels(t)) continue;
      if (q.kind || endsSentence(t) || printedParagraphNumber(t) !== undefined || weightedLength(t) >= longest || ++between > 2) return -1;
      // a numbered heading or a caption between two tables parts them
      if (NUMBERED_HEADING.test(t) || LETTERED_HEADING.test(t) || /^(?:Table|Figure)\s/.test(t)) return -1;
    }
    return -1;
  };
  /** The nearest paragraph with text before (step −1) or after (step 1) paragraph i, and its text. */
  const near = (i: number, step: 1 | -1): { p: PassageInput; text: string } | undefined => {
    for (let k = i + step; k >= 0 && k < paragraphs.length; k += step) {
      const q = paragraphs[k]!;
      const text = q.text.replace(/\s+/g, ' ').trim();
      if (text) return { p: q, text };
    }
    return undefined;
  };
  /**
   * Whether paragraph i (its text `text`, `short` or not) is a heading: a short line shaped like one
   * (see looksLikeHeading), or a longer one (up to LONG_HEADING characters) numbered as a section
   * ("III. Development and poverty eradication") or standing over a numbered paragraph after a
   * finished one ("Equitable geographical representation and gender parity" | "35. Upon
   * enquiry…"), as a report's lettered sub-heading does ("(b) Human resources" | "44. During…").
   * Never a table's cell, label or row fragment, nor a line cut from the one before (notHeading).
   */
  /** Paragraph k's text when it is a short line of running text of `statement` that could end a heading wrapped onto it. */
  const headingLine = (k: number, statement: number | undefined): string | undefined => {
    const q = paragraphs[k];
    const t = q?.text.replace(/\s+/g, ' ').trim();
    if (!q || !t || q.kind || q.statement !== statement || weightedLength(t) >= min || endsSentence(t)) return undefined;
    return t;
  };
  const readsAsHeading = (i: number, end: number, text: string, short: boolean): boolean => {
    const prev = near(i, -1);
    const next = near(end, 1);
    const overNumbered = next !== undefined && !next.p.kind && printedParagraphNumber(next.text) !== undefined;
    if (short) {
      if (!looksLikeHeading(text) && !(LETTERED_HEADING.test(text) && overNumbered && !endsSentence(text))) return false;
    } else {
      if (text.length > LONG_HEADING || text.split(' ').length > 15 || endsSentence(text) || /,$/.test(text)) return false;
      // over a numbered paragraph only on a page (a PDF's report): a speech's text file has lines
      // without a stop before its numbered paragraphs that are no headings
      const paged = paragraphs[i]?.page !== undefined;
      if (!/^[\p{Lu}(]/u.test(text) || !(SECTION_NUMBER.test(text) || (overNumbered && paged))) return false;
      // after a finished paragraph or a heading; after a table only when numbered (a line under a
      // table is as likely its wrapped cell: "Kingdom of Great Britain and Northern Ireland, Austria")
      const after =
        prev === undefined ||
        headingAt === paragraphs.indexOf(prev.p) ||
        (prev.p.kind === undefined ? endsSentence(prev.text) : SECTION_NUMBER.test(text) || LETTERED_HEADING.test(text));
      if (!after) return false;
    }
    if (notHeading(text)) return false;
    // a line going on from the one before ("…International Year of" | "Human Rights Learning")
    if (prev && !prev.p.kind && OPEN_END.test(prev.text)) return false;
    // a cell cut from the table before it, the rest of its row after it ("…handed over to the host" |
    // "Government" | "9 Generators in Bamako disposed-of…"): a heading is followed by text or a table
    if (
      prev?.p.kind === 'table' &&
      next &&
      !next.p.kind &&
      text.split(' ').length <= 2 &&
      !endsSentence(next.text) &&
      /^[\p{Ll}\d]/u.test(next.text)
    ) {
      if (printedParagraphNumber(next.text) === undefined) return false;
    }
    return true;
  };
  for (let i = 0; i < paragraphs.length; i++) {
    const p = paragraphs[i];
    if (!p) continue;
    const text = p.text.replace(/\s+/g, ' ').trim();
    if (!text) continue;
    // a table's column labels ("Actual as at … | Category · 2024/25 · 2024/25 …", "(Thousands of
    // United States dollars) Variance Apportionment Expenditure …") open the table under them, with
    // the short lines between: alone they answer no question, and ranked first for figure questions
    // (a chart's labels with no figure under them, "2023 · 2024 · 2025 | (actual) · (actual) ·
    // (actual)", or labels heading no table: no passage)
    if (tableHead === undefined && p.statement === undefined && isColumnLabels(text) && (p.kind === 'table' || (!p.kind && !endsSentence(text)))) {
      const table = tableBelow(i);
      if (table >= 0) {
        // a footnote's letter left before the labels ("a" | "Category Approved Actual") goes with
        // them, and so do labels carried there ("(Thousands of United States dollars)")
        const carriedLabels = carry !== '' && isColumnLabels(carry) ? carried() : undefined;
        if (carry && !carriedLabels && !/^[a-z*]$/.test(carry)) blocks.push(carried());
        carry = '';
        const labels: Block = carriedLabels ? { ...carriedLabels, text: `${carriedLabels.text} | ${text}` } : { text };
        tableHead = carriedLabels
          ? setPages(labels, joinPages(carriedLabels, p, carriedLabels.text.length + 3))
          : setPages(labels, pagesOfSlice(p, 0, text.length));
        headUntil = table;
        continue;
      }
      // (a unit's caption, "(Thousands of United States dollars)", stays with the lines after it)
      if (p.page !== undefined && (p.kind === 'table' || !text.includes('('))) continue;
    }
    if (tableHead !== undefined && i < headUntil) {
      setPages(tableHead, joinPages(tableHead, p, tableHead.text.length + 3));
      tableHead.text = `${tableHead.text} | ${text}`;
      continue;
    }
    if (p.kind) {
      // Tables and footnotes stand alone: a pending fragment is not glued to them.
      if (carry) blocks.push(carried());
      carry = '';
      const labels = tableHead !== undefined && i === headUntil ? tableHead : undefined;
      tableHead = undefined;
      const block: Block = { text: labels ? `${labels.text} | ${text}` : text, kind: p.kind };
      // labels over more labels: on to the table under them all, or no passage
      if (labels && p.kind === 'table' && isColumnLabels(block.text)) {
        const table = tableBelow(i);
        if (table >= 0) {
          tableHead = setPages(block, joinPages(labels, p, labels.text.length + 3));
          headUntil = table;
          continue;
        }
        if (p.page !== undefined) continue;
      }
      if (p.kind === 'footnote' && p.mark) block.mark = p.mark;
      if (isAbove(i)) block.aboveSpeech = true;
      if (labels) setPages(block, joinPages(labels, p, labels.text.length + 3));
      else {
        if (p.page !== undefined) block.page = p.page;
        if (p.pageEnd !== undefined) block.pageEnd = p.pageEnd;
        if (p.pageBreaks) block.pageBreaks = p.pageBreaks;
      }
      const heading = headingOf(p, i) ?? pendingHeading;
      if (heading !== undefined) block.heading = heading;
      // a table goes on past a short label of its next rows ("National staff" | "National
      // Professional Officers · 0.0 · 6.1 …"): one table, whose rows are read with its header
      const rest = p.kind === 'table' && p.statement === undefined ? tableBelow(i, min) : -1;
      if (rest >= 0) {
        tableHead = block;
        headUntil = rest;
        continue;
      }
      blocks.push(block);
      continue;
    }
    const hasNext = i < lastText;
    // Never join across statements: a carried fragment of one speaker does not open another's words.
    if (carry && (carryStatement !== p.statement || carryAbove !== isAbove(i))) {
      blocks.push(carried());
      carry = '';
    }
    // a printed number opens its paragraph ("24.72 Table 24.16 lists …"): a fragment carried from
    // before it stands alone, and never takes the number's place at the paragraph's start
    if (carry && printedParagraphNumber(text) !== undefined) {
      blocks.push(carried());
      carry = '';
    }
    const short = weightedLength(text) < min;
    if (short && p.page !== undefined && p.statement === undefined && !p.sameParagraph) {
      // a masthead's label or symbol line ("Distr.: General", "A/71/PV.1"): metadata, no section nor passage
      if (!carry && i < MASTHEAD_PARAGRAPHS && (p.page ?? 1) <= 1 && MASTHEAD_LABEL.test(text)) continue;
      // a table's cell or column labels standing alone ("Yes", "Planned Actual", "Category and
      // subcategory"): nothing to cite, and nothing to open the paragraph after it
      // (a unit's caption, "(Thousands of United States dollars)", says what the figures are: it stays)
      if (CELL.test(text) || (isColumnLabels(text, 1) && !text.includes('('))) continue;
      // a table's row read as a line ("Formed police units $2 912.8 34.3%"): a passage of its own
      if (!carry && looksLikeHeading(text) && isFigureRow(text)) {
        const row: Block = { text };
        const heading = headingOf(p, i) ?? pendingHeading;
        if (heading !== undefined) row.heading = heading;
        if (isAbove(i)) row.aboveSpeech = true;
        blocks.push(setPages(row, pagesOfSlice(p, 0, text.length)));
        blockAt = i;
        continue;
      }
    }
    // a heading wrapped onto a second line: "IV. Proposed budget for the period from 1 July 2026 to" | "30 June 2027"
    const wrapped = OPEN_END.test(text) ? headingLine(i + 1, p.statement) : undefined;
    const head = wrapped !== undefined ? `${text} ${wrapped}` : text;
    const end = wrapped !== undefined ? i + 1 : i;
    if (end < lastBody && !carry && p.statement === undefined && readsAsHeading(i, end, head, weightedLength(head) < min)) {
      // a letterhead line ("Un Peuple-Un But-Une Foi"), the speech's title or its dateline, or a
      // masthead's ("18 December 2024", "New York"): no section, and what stood above it is none
      // either; a numbered heading above the salutation ("I Introduction") is the speech's first section
      const letterhead = i < aboveSpeech && !NUMBERED_HEADING.test(head);
      pendingHeading = letterhead || isMastheadDateline(paragraphs, i) ? undefined : head;
      headingAt = end;
      i = end;
      continue;
    }
    // a line that is only a document symbol in parentheses ("(A/50/559)") right under a heading is
    // the heading's: "(b) First report of the Credentials Committee" | "(A/50/559)" (A/50/PV.33)
    if (!carry && isSymbolLine(text)) {
      const last = blocks[blocks.length - 1];
      if (headingAt === i - 1 && pendingHeading !== undefined) {
        pendingHeading = `${pendingHeading} ${text}`;
        headingAt = i;
        continue;
      }
      if (
        blockAt === i - 1 &&
        last &&
        !last.kind &&
        last.statement === p.statement &&
        !!last.aboveSpeech === isAbove(i) &&
        !endsSentence(last.text) &&
        last.text.length + 1 + text.length <= max
      ) {
        setPages(last, joinPages(last, p, last.text.length + 1));
        last.text = `${last.text} ${text}`;
        blockAt = i;
        continue;
      }
    }
    const heading = headingOf(p, i) ?? pendingHeading;
    const combined = carry ? (/\p{L}-$/u.test(carry) ? carry + text : `${carry} ${text}`) : text;
    const combinedPages = carry ? joinPages(carryPages, p, combined.length - text.length) : pagesOfSlice(p, 0, text.length);
    carry = '';
    // a speech's length ("2724 palabras – 15 minutos") belongs with the lines about it before, not with the speech
    const lengthLine = text.length < 80 && isLengthLine(text);
    if (short) {
      const last = blocks[blocks.length - 1];
      // the end of a parenthesis the paragraph before opened ("…(2022/23: >95 per cent; 2023/24: >95
      // per cent;" | "2024/25: >95 per cent)"): it closes that paragraph, never opens the next
      if (
        !carry &&
        last &&
        !last.kind &&
        last.statement === p.statement &&
        !!last.aboveSpeech === isAbove(i) &&
        !p.sameParagraph &&
        count(text, ')') > count(text, '(') &&
        count(last.text, '(') > count(last.text, ')') &&
        last.text.length + 1 + text.length <= max
      ) {
        setPages(last, joinPages(last, p, last.text.length + 1));
        last.text = `${last.text} ${text}`;
        blockAt = i;
        continue;
      }
      // A fragment that ends a sentence closes the previous paragraph ("offer."); one that does not
      // opens the next ("Allow", "Mr. President,"), and so does a numbered paragraph leading into a
      // list ("9. We resolve therefore:"): its number is the list's, not the paragraph's before.
      const leadsIn = /:$/.test(text) && printedParagraphNumber(text) !== undefined;
      if (
        (endsSentence(text) || lengthLine) &&
        !leadsIn &&
        last &&
        !last.kind &&
        !last.closed &&
        last.text.length + 1 + combined.length <= max &&
        last.heading === heading &&
        last.statement === p.statement &&
        !!last.aboveSpeech === isAbove(i) &&
        !p.sameParagraph
      ) {
        const joined = /\p{L}-$/u.test(last.text) ? last.text + combined : `${last.text} ${combined}`;
        setPages(last, joinPages(last, combinedPages, joined.length - combined.length));
        last.text = joined;
        if (lengthLine) last.closed = true;
        continue;
      }
      if ((!endsSentence(text) || leadsIn) && !lengthLine && hasNext && !p.sameParagraph && !paragraphs[i + 1]?.sameParagraph) {
        carry = combined;
        carryStatement = p.statement;
        carryAbove = isAbove(i);
        carryPages = combinedPages;
        carryHeading = heading;
        continue;
      }
    }
    // a lead-in ("As President Fidel Castro aptly pointed out,", "… he said:") opens the quotation
    // it introduces, so that neither is a passage without the other
    const next = paragraphs[i + 1];
    const nextText = next?.text.replace(/\s+/g, ' ').trim() ?? '';
    if (
      next &&
      !next.kind &&
      next.statement === p.statement &&
      isAbove(i + 1) === isAbove(i) &&
      !p.sameParagraph &&
      !next.sameParagraph &&
      combined.length <= LEAD_IN_MAX &&
      LEAD_IN_END.test(combined) &&
      QUOTE_OPEN.test(nextText) &&
      combined.length + 1 + nextText.length <= max
    ) {
      carry = combined;
      carryStatement = p.statement;
      carryAbove = isAbove(i);
      carryPages = combinedPages;
      carryHeading = heading;
      continue;
    }
    const block: Block = { text: combined };
    if (isAbove(i)) block.aboveSpeech = true;
    if (lengthLine) block.closed = true;
    setPages(block, combinedPages);
    if (heading !== undefined) block.heading = heading;
    if (p.statement !== undefined) block.statement = p.statement;
    if (p.sameParagraph) block.sameParagraph = true;
    blocks.push(block);
    blockAt = i;
  }
  if (carry) blocks.push(carried());
  return blocks;
}

/**
 * Turns a document's paragraphs into passages.
 *
 * - paragraphs longer than `maxChars` are split at sentence ends (parts share the paragraph number);
 * - stray lines shorter than `minChars` are joined to a neighbour, or become the section title of
 *   what follows when they read as a heading (an extractor's `heading` wins);
 * - a paragraph opening a dated section ("On October 20, a second session entitled “…” was held")
 *   sets `sectionDate`/`sectionTitle` on itself and the passages after it, until the next section;
 * - ids are stable: the same document id and text give the same id on every build.
 */
export function toPassages(docId: string, paragraphs: readonly PassageInput[], opts: PassageOptions = {}): AttributedPassage[] {
  const max = opts.maxChars ?? 1000;
  const min = opts.minChars ?? 40;
  const blocks = joinStrays(paragraphs, min, max, opts.aboveSpeech);
  const passages: AttributedPassage[] = [];
  const seen = new Map<string, number>();
  let section: Section | undefined;
  let lastHeading: string | undefined;
  let number = 0;
  blocks.forEach((block) => {
    if (!block.sameParagraph || number === 0) number++;
    if (block.heading !== lastHeading) {
      lastHeading = block.heading;
      section = block.heading ? { title: block.heading } : undefined;
    }
    const dated = readSection(block.text, opts.date, opts.dateEnd);
    if (dated) section = dated.title || !block.heading ? dated : { ...dated, title: block.heading };
    let cursor = 0;
    for (const text of block.kind === 'table' ? splitRows(block.text, max) : splitParagraph(block.text, max)) {
      // a part of a long paragraph is on the pages its own words are on
      const from = offsetIn(block.text, text, cursor);
      cursor = from + text.length;
      const pages = pagesOfSlice(block, from, cursor);
      const occurrence = seen.get(text) ?? 0;
      seen.set(text, occurrence + 1);
      const passage: AttributedPassage = {
        id: passageId(docId, text, occurrence),
        docId,
        paragraph: number,
        ordinal: passages.length,
        text,
      };
      if (section?.title) passage.sectionTitle = section.title;
      if (section?.date) passage.sectionDate = section.date;
      if (pages.page !== undefined) passage.page = pages.page;
      if (block.statement !== undefined) passage.statement = block.statement;
      if (block.kind === 'footnote') passage.footnote = true;
      if (block.mark !== undefined) passage.footnoteMark = block.mark;
      if (block.aboveSpeech) passage.aboveSpeech = true;
      if (pages.pageEnd !== undefined) passage.pageEnd = pages.pageEnd;
      passages.push(passage);
    }
  });
  return passages;
}
