/**
 * Citations: the source of a passage, one plain line that cites it, and a link that opens the
 * document at the passage (a PDF page, or a text fragment on a web page).
 */
import type { DocumentMeta, Hit, HitCopy, Passage, Source, Statement } from '../types.ts';
import { symbolUrl } from '../ingest/formats/symbol.ts';
import { LIST_ITEM, printedParagraphNumber } from '../ingest/paragraph-number.ts';
import { statementOf } from '../ingest/statements.ts';
import { inStatementHeading } from './speakers.ts';

/**
 * Everything needed to cite `p`; the section's date wins over the document's. A passage inside a
 * speaker's statement (see LibraryDocument.statements) is cited as that speaker's: speaker, country
 * and organisation are the statement's; the document stays the source (symbol, meeting, date, and
 * for a report that narrates the statement, `reportedBy`). A speaker's statement's heading (see
 * LibraryDocument.heading) is not their words: it is cited by the document's title, as a record's
 * masthead is, with no speaker.
 */
export function sourceOf(
  doc: { id: string; meta: DocumentMeta; statements?: readonly Statement[]; heading?: number },
  p: Passage,
  numbering?: Numbering,
): Source {
  const s = documentSourceOf(doc, p, numbering);
  // who speaks is decided in one place, for citations, filters, trends and follows alike
  if (inStatementHeading(doc, p.ordinal)) {
    delete s.speaker;
    delete s.post;
  }
  const st = statementOf(doc, p);
  return st ? withStatement(s, st) : s;
}

/** The report's author as one label: organisation (else title), with its country unless named. */
function authorLabel(s: Source): string | undefined {
  const who = s.organisation ?? s.speaker ?? s.title;
  const where = s.countryName ?? s.country;
  if (!who) return where;
  return where && !who.includes(where) ? `${who}, ${where}` : who;
}

function withStatement(doc: Source, st: Statement): Source {
  const s: Source = { ...doc, statement: st.kind, speaker: st.speaker };
  if (st.kind === 'reported') {
    const by = authorLabel(doc);
    if (by) s.reportedBy = by;
  }
  for (const k of ['post', 'organisation', 'country', 'countryName'] as const) {
    if (st[k] !== undefined) s[k] = st[k];
    else delete s[k];
  }
  if (st.onBehalfOf !== undefined) s.onBehalfOf = st.onBehalfOf;
  if (st.languageNote !== undefined) s.languageNote = st.languageNote;
  return s;
}

/** A passage as the walk back to its paragraph's number reads it: its text and its ¶ (parts of one long paragraph share it), and whether it is a footnote. */
export interface PassageText {
  text: string;
  paragraph: number;
  footnote?: boolean;
}

/** The passage `back` places before a passage in its document (after it, for a negative `back`), undefined past either end. */
export type PassagesBefore = (back: number) => PassageText | undefined;

/** What a citation needs of a passage's document to read its printed paragraph number. */
export interface Numbering {
  before?: PassagesBefore;
  /**
   * Whether the document numbers its paragraphs with a dot inside ("16.86 The Office…", a budget
   * section): a plain "3. …" there is a table's or list's row, not a paragraph. Asked only when a
   * plain number is found.
   */
  decimal?: () => boolean;
  /**
   * Whether the document prints its own paragraph numbers (see {@link printsParagraphNumbers}):
   * there a passage whose number cannot be found is not cited by its passage count, which a reader
   * would take for one of the printed numbers ("¶ 29" where the real para. 29 is another text).
   */
  numbered?: () => boolean;
  /** Whether the passage cited is a footnote (never a paragraph's number nor part of one). */
  footnote?: boolean;
  /** The footnote's mark as the document prints it ("4"), when known: it is cited by that ("footnote 4"). */
  footnoteMark?: string;
  /**
   * Where the passage stands among the printed numbers ({@link nearestPrintedParagraph}), when the
   * caller knows it faster than by walking `before` (an engine keeps each document's numbers).
   */
  nearest?: () => { after?: string; before?: string };
}

/**
 * Whether passages read as a document's opening ones number its paragraphs "16.1", "16.2" …: at
 * least three numbers under one first part (a report's section headings "2.1 Background", "3.1
 * Scope" number no paragraphs).
 */
export function numbersWithDecimals(texts: Iterable<string>): boolean {
  const under = new Map<string, number>();
  for (const t of texts) {
    const m = /^(\d{1,2})\.\d{1,3}$/.exec(printedParagraphNumber(t) ?? '');
    if (!m) continue;
    const n = (under.get(m[1]!) ?? 0) + 1;
    if (n >= 3) return true;
    under.set(m[1]!, n);
  }
  return false;
}

/** More numbered passages than a short list holds ("1. … 2. … 3. … 4."): the document numbers its paragraphs. */
const PAST_A_SHORT_LIST = 5;

/**
 * Whether a document whose opening passages (footnotes left out) are `passages` prints its own
 * paragraph numbers (a resolution's "1. Decides…", "2. Also decides…"; a report's 1–79; a budget
 * section's 16.1–16.147). Two numbers could be a short list's ("1. … 2. …" in a note that numbers
 * nothing else, whose other passages would all be cited "after para. 2"), so it takes more: at
 * least {@link PAST_A_SHORT_LIST} numbered passages, or at least two with more than a third of the
 * passages numbered or under a number (E/RES/2023/1: a preamble, "1. Decides" with its items
 * (a)–(m), "2. Also decides": 15 of 21). Not a speech (`speech`: the document has a speaker of its own), where "1." and
 * "2." open the points of a list, not paragraphs a reader cites.
 */
export function printsParagraphNumbers(passages: Iterable<PassageText>, speech = false): boolean {
  if (speech) return false;
  const all = [...passages];
  const decimal = numbersWithDecimals(all.map((p) => p.text));
  const numberOf = numberReader(() => decimal);
  const own = all.filter((p) => numberOf(p.text) !== undefined).length;
  if (own < 2) return false;
  if (own >= PAST_A_SHORT_LIST) return true;
  const numbering: Numbering = { decimal: () => decimal };
  const under = all.filter((p, i) => printedParagraphOf(p, { ...numbering, before: (back) => all[i - back] }) !== undefined).length;
  return under * 3 > all.length;
}

/** How far back a list or a continued paragraph is followed to the number it falls under. */
const MAX_BACK = 40;
/** How far a passage with no number of its own is followed to the nearest printed number before (or after) it. */
export const MAX_NEAR = 400;

/**
 * What a passage opening with no number of its own carries on: a list item ("• To strengthen…",
 * "(a) Provide support…", "a) le forum…", "(iv) …", "(أ) يُعقد…") or a sentence begun before it (a lower-case word), one that
 * ends as a sentence or clause does, or with the "and"/"or" before a list's last item ("…poverty
 * reduction; and"): "(c) Streamlining the disposal of assets process" is a heading.
 */
const carriesOn = (text: string): boolean => /^\p{Ll}/u.test(text) || LIST_ITEM.test(text);
const ENDS_CLAUSE = /(?:[.;:,!?…”’"')\]؛،。；：，]|(?<!\p{L})(?:and|or|et|ou|y|o|e|und|oder|и|или|و|أو))$/u;

/**
 * The printed number of the paragraph a passage is part of: its own ("11. We will…"), else, for a
 * later part of a long paragraph, a list item or a continued sentence, the number of the paragraph
 * it falls under ("9. We resolve therefore:" for each of the bullets after it), followed back
 * through the passages before it. Footnotes on the way are passed over: placed at the foot of a
 * page, they stand between a paragraph's number and its bullets on the next page.
 */
export function printedParagraphOf(p: PassageText, numbering: Numbering = {}): string | undefined {
  const { before, decimal } = numbering;
  const numberOf = numberReader(decimal);
  const own = p.footnote ? undefined : numberOf(p.text);
  if (own !== undefined || !before || p.footnote) return own;
  for (let back = 1, cur = p; back <= MAX_BACK; back++) {
    const prev = before(back);
    if (!prev) return undefined;
    if (prev.footnote) continue;
    // a later part of a long paragraph (same ¶), a list item or a continued sentence carries on
    if (prev.paragraph !== cur.paragraph && !(carriesOn(cur.text) && ENDS_CLAUSE.test(cur.text.trimEnd()))) return undefined;
    const n = numberOf(prev.text);
    if (n !== undefined) return n;
    cur = prev;
  }
  return undefined;
}

/** A passage's own printed number, read as {@link printedParagraphOf} reads it. */
export function numberReader(decimal: (() => boolean) | undefined): (text: string) => string | undefined {
  return (t) => {
    const n = printedParagraphNumber(t);
    return n !== undefined && (n.includes('.') || !decimal?.()) ? n : undefined;
  };
}

/**
 * Where a passage with no printed number stands in a document that prints them: after the nearest
 * number before it ("after para. 9"), else before the first one after it ("before para. 1", a
 * resolution's preamble); neither when none is near.
 */
export function nearestPrintedParagraph(numbering: Numbering): { after?: string; before?: string } {
  const { before, decimal } = numbering;
  if (!before) return {};
  const numberOf = numberReader(decimal);
  for (let back = 1; back <= MAX_NEAR; back++) {
    const prev = before(back);
    if (!prev) break;
    const n = prev.footnote ? undefined : numberOf(prev.text);
    if (n !== undefined) return { after: n };
  }
  for (let ahead = 1; ahead <= MAX_NEAR; ahead++) {
    const next = before(-ahead);
    if (!next) break;
    const n = next.footnote ? undefined : numberOf(next.text);
    if (n !== undefined) return { before: n };
  }
  return {};
}

/**
 * Which part of its paragraph a passage is, where a long paragraph was cut into several passages
 * (they share its ¶ and stand together): read from the ¶ of the passages around it. Undefined for
 * a passage that is its paragraph whole.
 */
export function paragraphPart(paragraph: number, around: PassagesBefore): { part: number; parts: number } | undefined {
  let part = 1;
  while (around(part)?.paragraph === paragraph) part++;
  let parts = part;
  while (around(part - parts - 1)?.paragraph === paragraph) parts++;
  return parts > 1 ? { part, parts } : undefined;
}

function documentSourceOf(doc: { id: string; meta: DocumentMeta }, p: Passage, numbering?: Numbering): Source {
  const m = doc.meta;
  const s: Source = { document: doc.id, paragraph: p.paragraph };
  const cut = numbering?.before ? paragraphPart(p.paragraph, numbering.before) : undefined;
  if (cut) {
    s.part = cut.part;
    s.parts = cut.parts;
  }
  const footnote = numbering?.footnote ?? false;
  const printed = printedParagraphOf({ text: p.text, paragraph: p.paragraph, footnote }, numbering);
  const mark = footnote ? numbering?.footnoteMark : undefined;
  if (printed !== undefined) s.printedParagraph = printed;
  else if (numbering?.numbered?.()) {
    // the passage count would read as one of the document's own numbers: say where it stands instead
    s.unnumbered = true;
    if (footnote) s.footnote = true;
    const near = numbering.nearest ? numbering.nearest() : nearestPrintedParagraph(numbering);
    if (near.after !== undefined) s.afterParagraph = near.after;
    else if (near.before !== undefined) s.beforeParagraph = near.before;
  }
  if (mark) {
    // a footnote the document numbers is cited by its number, as a delegate cites it ("footnote 4")
    s.unnumbered = true;
    s.footnote = true;
    s.footnoteNumber = mark;
  }
  const date = p.sectionDate ?? m.date;
  if (m.title !== undefined) s.title = m.title;
  if (date !== undefined) s.date = date;
  if (m.speaker !== undefined) s.speaker = m.speaker;
  if (m.post !== undefined) s.post = m.post;
  if (m.organisation !== undefined) s.organisation = m.organisation;
  if (m.country !== undefined) s.country = m.country;
  if (m.countryName !== undefined) s.countryName = m.countryName;
  if (m.meeting !== undefined) s.meeting = m.meeting;
  if (m.session !== undefined) s.session = m.session;
  if (p.page !== undefined) s.page = p.page;
  if (p.page !== undefined && p.pageEnd !== undefined && p.pageEnd > p.page) s.pageEnd = p.pageEnd;
  if (p.sectionTitle !== undefined) s.section = p.sectionTitle;
  if (m.symbol !== undefined) s.symbol = m.symbol;
  if (m.url !== undefined) s.url = m.url;
  return s;
}

/**
 * The paragraph as citations give it: its printed number ("para. 9"), else, in a document that
 * prints its own numbers, where the passage stands ("after para. 9", "before para. 1", "footnote
 * after para. 9"; undefined when no number is near), else the passage count ("¶ 12"). A footnote
 * whose printed number is known is cited by it ("footnote 4"), in any document. A passage
 * that is one of the parts a long paragraph was cut into says which ("¶ 12 (part 2 of 3)", "para.
 * 9 (part 1 of 2)", "after para. 57 (part 1 of 2)"): two parts of one paragraph would otherwise
 * read alike.
 */
export function citedParagraph(s: Source): string | undefined {
  const part = s.part !== undefined && s.parts !== undefined ? ` (part ${s.part} of ${s.parts})` : '';
  if (s.printedParagraph !== undefined) return `para. ${s.printedParagraph}${part}`;
  if (!s.unnumbered) return `¶ ${s.paragraph}${part}`;
  const near =
    s.afterParagraph !== undefined
      ? `after para. ${s.afterParagraph}`
      : s.beforeParagraph !== undefined
        ? `before para. ${s.beforeParagraph}`
        : undefined;
  if (s.footnote && s.footnoteNumber !== undefined) return `footnote ${s.footnoteNumber}${part}`;
  if (s.footnote) return `${near ? `footnote ${near}` : 'footnote'}${part}`;
  return near === undefined ? undefined : `${near}${part}`;
}

/** The paragraph as a label beside a passage ("More context"): {@link citedParagraph}, "unnumbered" where it gives none. */
export function paragraphLabel(s: Source): string {
  return citedParagraph(s) ?? 'unnumbered';
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** `2021-10-19` → "19 October 2021", `2021-10` → "October 2021", `2021` → "2021"; anything else as is. */
export function formatDate(iso: string): string {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(iso.trim());
  if (!m) return iso;
  const month = m[2] === undefined ? undefined : MONTHS[Number(m[2]) - 1];
  if (m[2] !== undefined && month === undefined) return iso;
  if (m[3] !== undefined) return `${Number(m[3])} ${month} ${m[1]}`;
  return month ? `${month} ${m[1]}` : m[1]!;
}

/** "76th session" for a number, "session X" for other text. */
function sessionLabel(session: string): string {
  const n = /^\d+$/.test(session.trim()) ? Number(session) : undefined;
  if (n === undefined) return /session/i.test(session) ? session : `session ${session}`;
  const teen = n % 100 >= 11 && n % 100 <= 13;
  const suffix = teen ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${suffix} session`;
}

const SEP = ' · ';
const SHORT_POST = 48;

/**
 * One plain line citing a source, e.g. "Gustavo Petro (President) · Colombia · 78th session ·
 * 19 September 2023 · ¶ 3". Missing parts are left out; the session is left out when the meeting
 * already names it; the title (else, with no country either, the document id) stands in when
 * neither speaker, organisation nor meeting is known.
 */
export function citationLine(s: Source): string {
  if (s.statement) return statementCitationLine(s);
  const parts: string[] = [];
  const clean = (v: string | undefined): string | undefined => {
    const t = v?.replace(/\s+/g, ' ').trim();
    return t ? t : undefined;
  };
  const speaker = clean(s.speaker);
  const post = clean(s.post);
  const org = clean(s.organisation);
  const meeting = clean(s.meeting);
  const session = clean(s.session);
  if (speaker) parts.push(post && post.length <= SHORT_POST ? `${speaker} (${post})` : speaker);
  else if (org) parts.push(org);
  const country = clean(s.countryName) ?? clean(s.country);
  if (country && !parts.some((p) => p.includes(country))) parts.push(country);
  if (meeting) parts.push(meeting);
  else if (!speaker && !org) {
    const title = clean(s.title) ?? (country ? undefined : s.document);
    if (title) parts.unshift(title);
  }
  if (session && !(meeting && new RegExp(`\\b${escapeRegExp(session)}(?:st|nd|rd|th)?\\b`, 'i').test(meeting))) {
    parts.push(sessionLabel(session));
  }
  const date = clean(s.date);
  if (date) parts.push(formatDate(date));
  const paragraph = citedParagraph(s);
  if (paragraph) parts.push(paragraph);
  const pages = pagesLabel(s);
  if (pages) parts.push(pages);
  const symbol = clean(s.symbol);
  if (symbol) parts.push(symbol);
  return parts.join(SEP);
}

/** "p. 12" (and, once passages carry a last page, "pp. 4–5"); undefined without a page. */
export function pagesLabel(s: Source): string | undefined {
  if (s.page === undefined) return undefined;
  return s.pageEnd !== undefined && s.pageEnd > s.page ? `pp. ${s.page}–${s.pageEnd}` : `p. ${s.page}`;
}

function tidy(v: string | undefined): string | undefined {
  const t = v?.replace(/\s+/g, ' ').trim();
  return t ? t : undefined;
}

/**
 * Who speaks in a statement, as a label: "Mr. Duque Márquez (Colombia)", "Mr. Akram (Pakistan), on
 * behalf of the Group of 77 and China", "The President"; for a narrated statement "Center for
 * Governance Research (CGR), Pakistan". Undefined when the source is not a statement.
 */
export function speakerLabel(s: Source): string | undefined {
  if (!s.statement) return undefined;
  const speaker = tidy(s.speaker) ?? '';
  const where = tidy(s.countryName) ?? tidy(s.country) ?? tidy(s.organisation);
  let label = speaker;
  if (s.statement === 'reported') {
    if (where && !speaker.includes(where)) label = `${speaker}, ${where}`;
    return label;
  }
  if (where) label = `${speaker} (${where})`;
  const post = tidy(s.post);
  if (post && post.length <= SHORT_POST) label += `, ${post}`;
  const behalf = tidy(s.onBehalfOf);
  if (behalf) label += `, on behalf of ${behalf}`;
  return label;
}

/**
 * The citation of a passage inside a statement. A turn in a record: "Mr. Duque Márquez (Colombia)
 * (spoke in Spanish) · A/76/PV.5 · 21 September 2021 · p. 12" (the meeting stands in for a missing
 * symbol; a part of a long paragraph names it, "¶ 22 (part 1 of 2) · p. 3"). A narrated statement: "Center for Governance Research (CGR), Pakistan — reported in:
 * <the report's citation>".
 */
function statementCitationLine(s: Source): string {
  const who = speakerLabel(s) ?? s.document;
  if (s.statement === 'reported') {
    const report: Source = { ...s };
    for (const k of ['statement', 'speaker', 'post', 'country', 'countryName', 'onBehalfOf', 'languageNote', 'reportedBy'] as const) delete report[k];
    if (s.reportedBy) report.organisation = s.reportedBy;
    else delete report.organisation;
    return `${who} — reported in: ${citationLine(report)}`;
  }
  const parts: string[] = [];
  const note = tidy(s.languageNote);
  parts.push(note ? `${who} (${note})` : who);
  const symbol = tidy(s.symbol);
  const meeting = tidy(s.meeting);
  if (symbol) parts.push(symbol);
  else if (meeting) parts.push(meeting);
  else parts.push(tidy(s.title) ?? s.document);
  const date = tidy(s.date);
  if (date) parts.push(formatDate(date));
  // a turn is found by its page; a part of a paragraph cut into passages names its paragraph and
  // part too ("¶ 14 (part 2 of 2) · p. 3"), or two parts on one page would read alike
  const pages = pagesLabel(s);
  const paragraph = pages === undefined || s.part !== undefined ? citedParagraph(s) : undefined;
  if (paragraph) parts.push(paragraph);
  if (pages) parts.push(pages);
  return parts.join(SEP);
}

/** Who said a passage and when, in short ("Serbia · 21 September 2021"); undefined when neither is known. */
function whoAndWhen(s: Source): string | undefined {
  const who = speakerLabel(s) ?? tidy(s.speaker) ?? tidy(s.organisation);
  const country = tidy(s.countryName) ?? tidy(s.country);
  const date = tidy(s.date);
  const parts = [who, country && !who?.includes(country) ? country : undefined, date ? formatDate(date) : undefined].filter((p) => p !== undefined);
  return parts.length ? parts.join(SEP) : undefined;
}

/**
 * A copy of a hit's text cited in short, beside the hit: its document's symbol when that is
 * another than the hit's; else its file's name, which tells it from the hit's document, after
 * the symbol or who said it and when ("A/80/604/Add.6 (A_80_604_Add.6.docx)", "Brazil (Bolsonaro
 * speech.txt)"); and its page when it has one.
 */
export function copyLabel(shown: Source, copy: HitCopy): string {
  const symbol = tidy(copy.source.symbol);
  const file = copy.file.split(/[\\/]/).pop() ?? copy.file;
  const who = symbol ?? whoAndWhen(copy.source);
  const named = symbol && symbol !== tidy(shown.symbol) ? symbol : who ? `${who} (${file})` : file;
  const pages = pagesLabel(copy.source);
  return pages ? `${named}${SEP}${pages}` : named;
}

/** How many copies the "also in" line names; the rest are counted. */
const COPIES_NAMED = 3;

/**
 * Where else a hit's text is, in short: "also in A/80/604/Add.6 (A_80_604_Add.6.docx)", "also in
 * X; Y; Z and 4 more documents"; undefined when the text is in no other document shown.
 */
export function alsoInLine(hit: Hit): string | undefined {
  const files = new Set<string>();
  const labels: string[] = [];
  for (const c of hit.copies ?? []) {
    if (files.has(c.file)) continue;
    files.add(c.file);
    if (labels.length < COPIES_NAMED) labels.push(copyLabel(hit.source, c));
  }
  if (!labels.length) return undefined;
  const more = files.size - labels.length;
  return `also in ${labels.join('; ')}${more ? ` and ${more} more document${more === 1 ? '' : 's'}` : ''}`;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Percent-encode a text directive value: everything encodeURIComponent does, plus `-`. */
function encodeFragmentText(s: string): string {
  return encodeURIComponent(s).replace(/-/g, '%2D');
}

/**
 * A link to the passage: `url#page=N` when the passage has a page; for a web page (http(s), not a
 * PDF) a text-fragment link `url#:~:text=<first words>,<last words>` that scrolls to and highlights
 * the passage; otherwise the document's url as is. A source with no url but a UN document symbol is
 * linked to the document through the UN's symbol resolver (`https://undocs.org/A/70/PV.22`, see
 * symbolUrl): derived from the symbol, the document's, not the passage's place in it. Undefined
 * when the source has neither.
 */
export function passageUrl(s: Source, passageText: string): string | undefined {
  const url = s.url?.trim();
  if (!url) return symbolUrl(s.symbol);
  const [base, fragment] = splitFragment(url);
  if (s.page !== undefined) return `${base}#page=${s.page}`;
  if (!/^https?:\/\//i.test(base) || /\.pdf(?:[?#]|$)/i.test(base)) return url;
  const words = passageText.split(/\s+/).filter(Boolean);
  // Text fragments match whole words; leave out punctuation at the outer edges.
  const edge = (w: string[]): string =>
    w
      .join(' ')
      .replace(/^[^\p{L}\p{N}]+/u, '')
      .replace(/[^\p{L}\p{N}]+$/u, '');
  let directive: string;
  if (words.length <= 10) {
    const all = edge(words);
    if (!all) return url;
    directive = encodeFragmentText(all);
  } else {
    const start = edge(words.slice(0, 6));
    const end = edge(words.slice(-4));
    if (!start || !end) return url;
    directive = `${encodeFragmentText(start)},${encodeFragmentText(end)}`;
  }
  return `${base}#${fragment ?? ''}:~:text=${directive}`;
}

function splitFragment(url: string): [string, string | undefined] {
  const i = url.indexOf('#');
  if (i < 0) return [url, undefined];
  const frag = url.slice(i + 1).split(':~:')[0];
  return [url.slice(0, i), frag ? frag : undefined];
}
