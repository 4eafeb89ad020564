/**
 * The text formats, extractors like PDF, Word and HTML (same contract, src/types.ts `Extractor`)
 * but run in-process: plain text, Markdown with optional YAML front matter, and statements files
 * (.json: one statement or an array; .jsonl: one per line). See data/README.md.
 */
import { MAX_STATEMENTS_PER_FILE, type ExtractedDocument, type ExtractedParagraph, type ExtractedProblem, type Extractor } from '../../types.ts';
import { decodeText } from '../decode.ts';
import { fileDocumentId } from '../document-id.ts';
import { splitFrontMatter } from '../metadata.ts';
import { stripEmphasis, stripMarkdownMarks } from '../markdown-marks.ts';
import { normalizeText } from '../reflow.ts';
import { recordSymbolOfHeads } from '../running-heads.ts';
import { findSymbol, SYMBOL_WINDOW } from './symbol.ts';

/** The file's text; an unusable file (binary, blank) is refused with the reason. */
function decodeNonBlank(bytes: Uint8Array): string {
  const { text } = decodeText(bytes);
  if (!text.trim()) throw new Error('empty file (whitespace only)');
  return text;
}

/** A .txt file: one document, its paragraphs re-flowed; its symbol from the masthead. */
export const extractText: Extractor = async (bytes) => {
  const text = decodeNonBlank(bytes);
  return withSymbol({ meta: {}, authored: { label: 'the file itself' }, text }, mastheadSymbol(text));
};

/** A .md file: front matter (metadata over sidecar and manifest), paragraphs under their headings. */
export const extractMarkdown: Extractor = async (bytes) => {
  const fm = splitFrontMatter(decodeNonBlank(bytes));
  const doc: ExtractedDocument = fm.data
    ? { meta: fm.data, authored: { label: 'front matter', line: 1 }, paragraphs: paragraphsOfMarkdown(fm.body) }
    : { meta: {}, authored: { label: 'the file itself' }, paragraphs: paragraphsOfMarkdown(fm.body) };
  // a file that opens with its one level-1 heading ("# Remarks at the Commission…") is titled by it,
  // unless the metadata gives a title (front matter, sidecar, manifest); the heading stays its first
  // paragraphs' section, as every heading is, so its words are found whichever title wins
  const title = titleHeading(fm.body);
  if (title !== undefined) doc.title = title;
  return withSymbol(doc, mastheadSymbol(fm.body));
};

/** The text of a Markdown body's level-1 heading when the body opens with it and has no other. */
function titleHeading(body: string): string | undefined {
  const lines = normalizeText(body).split('\n');
  const first = lines.findIndex((l) => l.trim() !== '');
  const h = first < 0 ? null : /^#\s+(.*?)\s*#*$/.exec(lines[first]!.trim());
  if (!h?.[1]) return undefined;
  return lines.slice(first + 1).some((l) => /^#\s/.test(l.trim())) ? undefined : h[1];
}

/** A .json file: one statement object, or an array of them (ids `<file>#1`, `#2`, … unless given). */
/** One file cannot take the library down: statements past the limit are reported, not read. */
function overLimit(total: number, max: number): ExtractedProblem {
  return {
    problem: `holds ${total.toLocaleString('en-US')} statements: only the first ${max.toLocaleString('en-US')} are indexed (the limit per file; split the file to index the rest)`,
    warning: true,
  };
}

export const extractStatementsJson: Extractor = async (bytes, relPath, limits) => {
  const text = decodeNonBlank(bytes);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new Error(`invalid JSON: ${(e as Error).message}`);
  }
  const baseId = fileDocumentId(relPath);
  const seen = new Set<string>();
  if (!Array.isArray(data)) return [statement(data, baseId, seen)];
  const max = limits?.maxStatements ?? MAX_STATEMENTS_PER_FILE;
  const out: Array<ExtractedDocument | ExtractedProblem> = data.slice(0, max).map((item, i) => statement(item, `${baseId}#${i + 1}`, seen));
  if (data.length > max) out.push(overLimit(data.length, max));
  return out;
};

/** A .jsonl file: one statement per line (ids `<file>#<line>` unless given); a bad line is reported, the others kept. */
export const extractStatementsJsonl: Extractor = async (bytes, relPath, limits) => {
  const text = decodeNonBlank(bytes);
  const baseId = fileDocumentId(relPath);
  const seen = new Set<string>();
  const out: Array<ExtractedDocument | ExtractedProblem> = [];
  const max = limits?.maxStatements ?? MAX_STATEMENTS_PER_FILE;
  const lines = normalizeText(text).split('\n');
  let total = 0;
  for (const l of lines) if (l.trim()) total++;
  let read = 0;
  lines.forEach((lineText, i) => {
    if (!lineText.trim()) return;
    if (++read > max) return;
    let data: unknown;
    try {
      data = JSON.parse(lineText);
    } catch (e) {
      out.push({ problem: `invalid JSON: ${(e as Error).message}`, line: i + 1 });
      return;
    }
    out.push(statement(data, `${baseId}#${i + 1}`, seen, i + 1));
  });
  if (total > max) out.push(overLimit(total, max));
  return out;
};

interface Statement {
  id?: unknown;
  /** The id's name in BEIR-style collections and database exports, read when `id` is absent. */
  _id?: unknown;
  text?: unknown;
  title?: unknown;
  [key: string]: unknown;
}

/** One statement object as a document (its other fields are its metadata), or why it cannot be one. */
function statement(value: unknown, fallbackId: string, seenIds: Set<string>, line?: number): ExtractedDocument | ExtractedProblem {
  const fail = (problem: string): ExtractedProblem => (line !== undefined ? { problem, line } : { problem });
  if (!value || typeof value !== 'object' || Array.isArray(value)) return fail('not a statement object');
  const st = value as Statement;
  // a statement with a title and no body (a catalogue record, an abstract-less article) is
  // searchable by its title: the title becomes its one passage
  const body = typeof st.text === 'string' ? st.text : '';
  const title = typeof st.title === 'string' ? st.title.trim() : '';
  if (st.text !== undefined && st.text !== null && typeof st.text !== 'string') return fail('statement "text" is not text');
  if (!body.trim() && !title) return fail('statement has no "text" and no "title"');
  let id = fallbackId;
  const idKey = st.id === undefined && st._id !== undefined ? '_id' : 'id';
  const given = st[idKey];
  if (given !== undefined) {
    if ((typeof given !== 'string' && typeof given !== 'number') || String(given).trim() === '') return fail(`statement "${idKey}" is not text`);
    id = String(given).trim();
  }
  if (seenIds.has(id)) return fail(`duplicate statement id "${id}"`);
  seenIds.add(id);
  const { id: _given, _id: _beirId, text: _text, ...meta } = st;
  const doc: ExtractedDocument = body.trim() ? { id, meta, text: body } : { id, meta, paragraphs: [{ text: title }] };
  if (line === undefined) return { ...doc, authored: { label: 'statement' } };
  return { ...doc, line, authored: { label: `line ${line}`, line } };
}

function withSymbol(doc: ExtractedDocument, symbol: string | undefined): ExtractedDocument {
  if (symbol !== undefined) doc.symbol = symbol;
  return doc;
}

/** Markdown paragraphs: blank lines and list items separate them; `#` headings become their heading; emphasis and quotation marks go (../markdown-marks.ts). */
function paragraphsOfMarkdown(body: string): ExtractedParagraph[] {
  const out: ExtractedParagraph[] = [];
  let heading: string | undefined;
  let block: string[] = [];
  const flush = (): void => {
    if (block.length === 0) return;
    let text = '';
    for (const line of stripMarkdownMarks(block)) text = !text ? line : /\p{L}-$/u.test(text) ? text + line : `${text} ${line}`;
    text = text.replace(/\s+/g, ' ').trim();
    if (text) out.push(heading !== undefined ? { text, heading } : { text });
    block = [];
  };
  for (const raw of normalizeText(body).split('\n')) {
    const line = raw.trim();
    const h = /^#{1,6}\s+(.*?)\s*#*$/.exec(line);
    if (h) {
      flush();
      heading = h[1] ? stripEmphasis(h[1]) : undefined;
      continue;
    }
    if (!line) {
      flush();
      continue;
    }
    if (/^(?:[-*+]|\d{1,3}[.)])\s/.test(line)) flush();
    block.push(line);
  }
  flush();
  return out;
}

/**
 * The document's own UN symbol in a text file: one that starts a line beginning within the first
 * SYMBOL_WINDOW characters (a masthead such as "E/CN.7/2021/12" or "A/76/PV.3  General Assembly"),
 * that line read whole; else the record its page running heads name (a speech cut from a verbatim
 * record, "A/70/PV.20 30/09/2015" at each page break). Symbols inside sentences — "(see
 * A/73/PV.7)" — are citations of other documents, not this one's.
 */
function mastheadSymbol(text: string): string | undefined {
  const lines = normalizeText(text).split('\n');
  let offset = 0;
  for (const line of lines) {
    if (offset >= SYMBOL_WINDOW) break;
    offset += line.length + 1;
    const t = line.trim().replace(/^#+\s*/, '');
    const symbol = t ? findSymbol(t) : undefined;
    if (symbol && t.startsWith(symbol) && !/^[\s.,;:]*\)/.test(t.slice(symbol.length))) return symbol;
  }
  return recordSymbolOfHeads(lines);
}
