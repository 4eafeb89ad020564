/**
 * The page furniture of a verbatim record left in text converted from its PDF: job numbers
 * ("09-52179 16", "15-29658 27/55"), the running head of symbol and date ("A/70/PV.22 01/10/2015"),
 * the heads of older records ("General Assembly 14th meeting" / "Forty-ninth session 3 October
 * 1994", "22 General Assembly - Forty-eighth session") and their page numbers. Such lines stand
 * between the halves of a paragraph, often mid-sentence; they are taken out before the text is
 * re-flowed (./reflow.ts), which then joins the halves as it joins any wrapped line.
 *
 * Converters of 2024 speeches write their page breaks as lines too: "### Page 4:", "### Page 3
 * (continued):" between Markdown rules ("---"), "Page 2|6", and an ornament line repeated at each
 * break ("z 11").
 *
 * Only lines made of nothing else are taken: a line holding one word of text ("resolution
 * A/RES/70/1 of 25 September 2015") stays, and so does a bare number unless the page says it is
 * one: next to a head; at a hard-wrapped page's foot in a rising series; or standing mid-sentence
 * ("…engaged in the" / "28" / "fight against…") where a blank line beside it marks the page's end
 * or start, or it continues the page numbers around it, or it cannot be read into the sentence. A
 * figure the sentence reads on ("…had reached" / "28" / "million, the highest…", "…listed in annex"
 * / "2" / "agreed…") with none of that evidence stays.
 * PDF readers drop the same furniture by its place on the page (./formats/layout.ts); here only
 * the line is left to go by.
 */
import { MONTH_NAMES } from './dates.ts';
import { endsSentence } from './sentences.ts';

/** What reflow needs: the lines without the furniture, and where a page break was. */
export interface RunningHeads {
  /** The lines, furniture and the blank lines around it taken out. */
  lines: string[];
  /** Indices into `lines` of the first line after a page break whose furniture was taken out. */
  pageBreakBefore: Set<number>;
  /** What was taken out (1-based line numbers of the input): whole lines, or a head glued before a line's text. */
  removed: { line: number; text: string }[];
}

const JOB = /^\d{2}-\d{5}$/;
const PAGE = /^\d{1,3}(?:\/\d{1,3})?$/;
const DATE = /^\d{1,2}\/\d{1,2}\/[12l]\d{3}$/;
/** A symbol: a series, then elements holding a digit ("A/70/PV.22", "A/PV.1016", "A/75/592/Add.8"). */
const SYMBOL = /^[A-Z]{1,6}(?:\/[A-Za-z0-9.-]+)*\/[A-Za-z.-]*\d[A-Za-z0-9.-]*$/;
const RECORD_SYMBOL = /\/PV\.\d{1,5}$/;
/** The job number's language mark and barcode: "17-29597 (E) *1729597*". */
const MARK = /^(?:\(E\)|\*\d{6,}\*)$/;

const ORDINAL = String.raw`[A-Z][a-z]+(?:-[a-z]+)?`;
const MONTH = `(?:${MONTH_NAMES.map((m) => m[0]!.toUpperCase() + m.slice(1)).join('|')})`;
/** The heads of the 1990s records (page number optional, "l993" as scanned). */
const RECORD_HEADS = [
  // "General Assembly 14th meeting", "General Assembly 22nd plenary meeting"
  /^General Assembly\s+\d{1,3}(?:st|nd|rd|th)\s+(?:plenary\s+)?meeting$/,
  // "22 General Assembly - Forty-eighth session"
  new RegExp(String.raw`^(?:\d{1,3}\s+)?General Assembly\s*[-–—]\s*${ORDINAL}\s+session$`),
  // "Forty-ninth session 3 October 1994", "Forty-eighth session - 11 October l993 21"
  new RegExp(String.raw`^${ORDINAL}\s+session\s*(?:[-–—]\s*)?\d{1,2}\s+${MONTH}\s+[1l]\d{3}(?:\s+\d{1,3})?$`),
];

/** A converter's page line: "### Page 4:", "### Page 3 (continued):", "Page 2|6", "Page 2 of 6". */
const PAGE_HEADS = [/^#{1,6}\s*Page\s+\d{1,4}(?:\s*\((?:continued|cont'?d\.?)\))?\s*:?$/i, /^Page\s+\d{1,4}\s*(?:\||of)\s*\d{1,4}$/i];
/** A Markdown rule ("---", "***", "___"): furniture only in a run of furniture with a head ("---" / "### Page 4:"). */
const RULE = /^(?:-{3,}|\*{3,}|_{3,})$/;
/** A letter and a number, as an ornament and its glyph code convert ("z 11"): furniture when the file repeats it. */
const ORNAMENT = /^\p{Ll}\s\d{1,3}$/u;

type Kind = 'text' | 'blank' | 'head' | 'record-symbol' | 'page' | 'rule' | 'weak';

/** What a line is: text, blank, or furniture of some strength. */
function kindOf(raw: string): Kind {
  const line = raw.trim().replace(/\/PV\.\s(?=\d)/g, '/PV.');
  if (!line) return 'blank';
  if (RECORD_HEADS.some((r) => r.test(line)) || PAGE_HEADS.some((r) => r.test(line))) return 'head';
  if (RULE.test(line)) return 'rule';
  const tokens = line.split(/\s+/);
  let job = false;
  let date = false;
  let symbol = false;
  let recordSymbol = false;
  for (const t of tokens) {
    if (JOB.test(t)) job = true;
    else if (DATE.test(t)) date = true;
    else if (SYMBOL.test(t)) {
      symbol = true;
      if (RECORD_SYMBOL.test(t)) recordSymbol = true;
    } else if (!PAGE.test(t) && !MARK.test(t)) return 'text';
  }
  if (job || (symbol && date)) return 'head';
  if (recordSymbol && tokens.length <= 2) return 'record-symbol';
  if (tokens.length === 1 && /^\d{1,3}$/.test(line)) return 'page';
  return 'weak';
}

/** Words a figure is read with after it: "28" / "million", "40" / "per cent", "3" / "years". */
const FIGURE_AFTER =
  /^(?:million|billion|trillion|thousand|hundred|per\s?cent|percent|pct|%|years?|months?|weeks?|days?|hours?|minutes?|times|km|kilomet(?:re|er)s?|miles?|met(?:re|er)s?|hectares?|tons?|tonnes?|dollars?|euros?|cents?|degrees?|people|persons|countries|members|states|nations|children|women|men|refugees)(?!\p{L})/iu;
/** Words a figure is read with before it: "annex" / "2", "article" / "51", "more than" / "23". */
const FIGURE_BEFORE =
  /(?<!\p{L})(?:annex|article|paragraph|para\.|chapter|section|resolution|rule|principle|goal|target|item|page|pages|number|no\.|protocol|phase|appendix|table|figure|volume|stage|level|reached|reaching|than|about|approximately|nearly|almost|some|over|least|exceeded|exceeding|totalled|totaling|totalling|numbering|only|just)$/iu;

/** Whether a number between `before` and `after` reads as a figure of their sentence. */
function readsAsFigure(before: string, after: string): boolean {
  return FIGURE_AFTER.test(after) || FIGURE_BEFORE.test(before);
}

/** A job number and a page glued before a line's text: "17-29389 3/27 the whole of humankind…". */
const GLUED_HEAD = /^\s*(?:\d{2}-\d{5}\s+\d{1,3}(?:\/\d{1,3})?|\d{1,3}(?:\/\d{1,3})?\s+\d{2}-\d{5})\s+(?=\S)/;

interface Block {
  /** First and last line of the run of furniture and blank lines (inclusive). */
  from: number;
  to: number;
  kinds: Kind[];
}

/**
 * Takes the page furniture out of a file's lines (see the module comment). `hardWrapped` (the file
 * is wrapped at a width, ./reflow.ts) lets a bare number at a page's foot go when the file's such
 * numbers rise page by page.
 */
export function dropRunningHeads(input: readonly string[], opts: { hardWrapped: boolean }): RunningHeads {
  const kinds = input.map(kindOf);
  // an ornament line the file repeats at its page breaks ("z 11" three times)
  const ornaments = new Map<string, number>();
  for (const line of input) if (ORNAMENT.test(line.trim())) ornaments.set(line.trim(), (ornaments.get(line.trim()) ?? 0) + 1);
  input.forEach((line, i) => {
    if ((ornaments.get(line.trim()) ?? 0) >= 2) kinds[i] = 'head';
  });
  const blocks: Block[] = [];
  for (let i = 0; i < input.length; i++) {
    if (kinds[i] === 'text' || kinds[i] === 'blank') continue;
    let from = i;
    while (from > 0 && kinds[from - 1] === 'blank') from--;
    let to = i;
    while (to + 1 < input.length && kinds[to + 1] !== 'text') to++;
    blocks.push({ from, to, kinds: kinds.slice(from, to + 1).filter((k) => k !== 'blank') });
    i = to;
  }
  const textBefore = (b: Block): string | undefined => (b.from > 0 ? input[b.from - 1]?.trim() : undefined);
  const textAfter = (b: Block): string | undefined => (b.to + 1 < input.length ? input[b.to + 1]?.trim() : undefined);

  // bare numbers closing a hard-wrapped page: straight under a line of text, a blank line after
  const footNumbers = opts.hardWrapped
    ? blocks.filter(
        (b) =>
          b.kinds.length === 1 && b.kinds[0] === 'page' && kinds[b.from] === 'page' && b.from > 0 && (b.to > b.from || b.to === input.length - 1),
      )
    : [];
  const rising = footNumbers.every((b, i) => i === 0 || Number(input[b.from]) > Number(input[footNumbers[i - 1]!.from]));
  // every bare number of the file, in order: page numbers follow one another
  const bare = kinds.flatMap((k, i) => (k === 'page' ? [i] : []));

  const drop = (b: Block): boolean => {
    if (b.kinds.includes('head')) return true;
    // a record's symbol alone between paragraphs is its running head; at the top, its masthead
    if (b.kinds.includes('record-symbol')) return b.kinds.every((k) => k === 'record-symbol' || k === 'page') && textBefore(b) !== undefined;
    if (b.kinds.length !== 1 || b.kinds[0] !== 'page') return false;
    const before = textBefore(b);
    const after = textAfter(b);
    // a number standing mid-sentence ("…engaged in the" / "28" / "fight against…") is a page's when a
    // blank line beside it ends or starts the page, or it continues the file's page numbers, or the
    // sentence cannot take it; "…had reached" / "28" / "million" takes it
    if (before && after && !endsSentence(before) && /^\p{Ll}/u.test(after)) {
      let at = b.from;
      while (kinds[at] !== 'page') at++;
      const blankBeside = kinds[at - 1] === 'blank' || kinds[at + 1] === 'blank';
      return blankBeside || inPageSequence(at) || !readsAsFigure(before, after);
    }
    return rising && footNumbers.includes(b);
  };

  /** Whether the bare number on line `at` follows the one before it or precedes the one after it, a page or three apart. */
  function inPageSequence(at: number): boolean {
    const k = bare.indexOf(at);
    const n = Number(input[at]!.trim());
    const near = (other: number | undefined, sign: number): boolean => {
      if (other === undefined) return false;
      const step = sign * (n - Number(input[other]!.trim()));
      return step >= 1 && step <= 3;
    };
    return near(bare[k - 1], 1) || near(bare[k + 1], -1);
  }

  const lines: string[] = [];
  const pageBreakBefore = new Set<number>();
  const removed: RunningHeads['removed'] = [];
  let next = 0;
  let pendingBreak = false;
  let anyText = false;
  const keep = (text: string): void => {
    if (pendingBreak && anyText) pageBreakBefore.add(lines.length);
    pendingBreak = false;
    anyText ||= text.trim() !== '';
    lines.push(text);
  };
  for (const b of blocks) {
    if (!drop(b)) continue;
    for (let i = next; i < b.from; i++) keepLine(i);
    for (let i = b.from; i <= b.to; i++) if (kinds[i] !== 'blank') removed.push({ line: i + 1, text: input[i]!.trim() });
    pendingBreak = true;
    next = b.to + 1;
  }
  for (let i = next; i < input.length; i++) keepLine(i);
  return { lines, pageBreakBefore, removed };

  function keepLine(i: number): void {
    const raw = input[i]!;
    const glued = kinds[i] === 'text' ? GLUED_HEAD.exec(raw) : null;
    if (glued) {
      removed.push({ line: i + 1, text: glued[0].trim() });
      pendingBreak = true;
      keep(raw.slice(glued[0].length));
      return;
    }
    keep(raw);
  }
}

/**
 * The verbatim record a plain-text speech was cut from, as its running heads name it
 * ("A/70/PV.20 30/09/2015", "01/10/2015 A/70/PV.22", "363 A/PV.2371"): the meeting-record symbol
 * of the lines {@link dropRunningHeads} takes out as furniture, wherever they stand in the file.
 * A symbol the text cites ("(A/39/PV.32, para. 83)") is in no such line; heads naming two records
 * name none.
 */
export function recordSymbolOfHeads(lines: readonly string[]): string | undefined {
  const found = new Set<string>();
  for (const { text } of dropRunningHeads(lines, { hardWrapped: false }).removed) {
    for (const t of text.replace(/\/PV\.\s(?=\d)/g, '/PV.').split(/\s+/)) if (SYMBOL.test(t) && RECORD_SYMBOL.test(t)) found.add(t);
  }
  return found.size === 1 ? [...found][0] : undefined;
}
