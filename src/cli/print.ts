/**
 * Turns search results into what the command line prints: readable text for people, a stable JSON
 * shape for scripts. The JSON shape is documented in README.md ("JSON output"); change both together.
 */
import { countOf, quotedQuery } from '../render/text.ts';
import { alsoInLine, citationLine, passageUrl } from '../search/citation.ts';
import { highlight } from '../search/excerpt.ts';
import type { NoHitsHelp } from '../search/no-hits.ts';
import type { Hit, IngestReport, SearchResponse, Source } from '../types.ts';

export interface JsonHit {
  id: string;
  /** The ranking score; null for hits listed, not ranked (filters alone, a document's symbol alone). */
  score: number | null;
  excerpt: string;
  /** Matched words as [start, end) offsets into `excerpt`. */
  marks: Array<[number, number]>;
  text: string;
  source: {
    document: string;
    title: string | null;
    date: string | null;
    speaker: string | null;
    /** The speaker's post; for a presiding officer, who presides ("Mr. Thomson (Fiji)"). */
    post: string | null;
    organisation: string | null;
    country: string | null;
    /** The country's English name ("Lebanon" for LBN). */
    countryName: string | null;
    meeting: string | null;
    session: string | null;
    paragraph: number;
    /** The paragraph's number as the document prints it ("11"), when the passage opens with one or falls under one. */
    printedParagraph: string | null;
    /**
     * True when the document prints its own paragraph numbers but this passage has none: then
     * `paragraph` (the passage count) is not a paragraph number, and `afterParagraph` (else
     * `beforeParagraph`) says where the passage stands; `footnote` when it is a footnote.
     */
    unnumbered: boolean;
    afterParagraph: string | null;
    beforeParagraph: string | null;
    footnote: boolean;
    /** The footnote's number as the document prints it ("4"), when it is a footnote and the number is known. */
    footnoteNumber: string | null;
    /** Which of the passages a long paragraph was cut into (from 1), and how many; null for a paragraph whole. */
    part: number | null;
    parts: number | null;
    page: number | null;
    /** Last page when the passage runs over a page break. */
    pageEnd: number | null;
    section: string | null;
    symbol: string | null;
    url: string | null;
    /** "turn" (a speaker's turn in a record) or "reported" (a report narrates it); null otherwise. */
    statement: 'turn' | 'reported' | null;
    onBehalfOf: string | null;
    languageNote: string | null;
    reportedBy: string | null;
  };
  /**
   * The same text in other documents, folded into this hit (ranked below it: a report as PDF and
   * as .docx, a speech copied under another name), best first; empty when there is none.
   */
  copies: JsonCopy[];
}

/** A copy of a hit's text in another document: its passage id, document id, file and citation line. */
export interface JsonCopy {
  id: string;
  document: string;
  file: string;
  citation: string;
}

export interface JsonResult {
  query: string;
  total: number;
  /** `total` is an estimate (quoted phrases: the rest of the candidates sampled). */
  totalEstimated?: boolean;
  hits: JsonHit[];
  tookMs?: number;
  partial?: boolean;
  /** How the query was read where it was read leniently (an unclosed quote). */
  notices?: string[];
  /** When nothing matches: why, as the text output says it ({@link noHitsLines}). */
  noHits?: string[];
}

/** The stable JSON form of one hit: every source key present, `null` when unknown (the score of a hit `listed`, not ranked). */
export function jsonHit(hit: Hit, listed = false): JsonHit {
  const s: Source = hit.source;
  return {
    id: hit.id,
    score: listed ? null : Math.round(hit.score * 1e4) / 1e4,
    excerpt: hit.excerpt.text,
    marks: hit.excerpt.marks.map(([a, b]) => [a, b]),
    text: hit.text,
    source: {
      document: s.document,
      title: s.title ?? null,
      date: s.date ?? null,
      speaker: s.speaker ?? null,
      post: s.post ?? null,
      organisation: s.organisation ?? null,
      country: s.country ?? null,
      countryName: s.countryName ?? null,
      meeting: s.meeting ?? null,
      session: s.session ?? null,
      paragraph: s.paragraph,
      printedParagraph: s.printedParagraph ?? null,
      unnumbered: s.unnumbered ?? false,
      afterParagraph: s.afterParagraph ?? null,
      beforeParagraph: s.beforeParagraph ?? null,
      footnote: s.footnote ?? false,
      footnoteNumber: s.footnoteNumber ?? null,
      part: s.part ?? null,
      parts: s.parts ?? null,
      page: s.page ?? null,
      pageEnd: s.pageEnd ?? null,
      section: s.section ?? null,
      symbol: s.symbol ?? null,
      url: s.url ?? null,
      statement: s.statement ?? null,
      onBehalfOf: s.onBehalfOf ?? null,
      languageNote: s.languageNote ?? null,
      reportedBy: s.reportedBy ?? null,
    },
    copies: (hit.copies ?? []).map((c) => ({ id: c.id, document: c.source.document, file: c.file, citation: citationLine(c.source) })),
  };
}

export function jsonResult(r: SearchResponse, withTiming: boolean): JsonResult {
  const out: JsonResult = { query: r.query, total: r.total, hits: r.hits.map((h) => jsonHit(h, r.listed)) };
  if (r.totalEstimated) out.totalEstimated = true;
  if (withTiming) out.tookMs = Math.round(r.tookMs * 100) / 100;
  if (r.partial) out.partial = true;
  if (r.notices?.length) out.notices = [...r.notices];
  return out;
}

const BOLD = ['\u001b[1m', '\u001b[22m'] as const;
const DIM = ['\u001b[2m', '\u001b[22m'] as const;

/** A text's own asterisks (and backslashes) escaped, so that only the marks read as **bold**. */
function escapeStars(s: string): string {
  return s.replace(/[\\*]/g, '\\$&');
}

/** How a query was read leniently (ParsedQuery.notices), one `Note:` line each: search and trends print them alike. */
export function noteLines(notices: readonly string[] = []): string[] {
  return notices.map((n) => `Note: ${n}`);
}

/** Readable text for a terminal; ANSI bold marks only when `color` is set (a TTY). */
export function textResult(r: SearchResponse, offset: number, color: boolean): string {
  const lines: string[] = [];
  lines.push(...noteLines(r.notices));
  // an empty query with filters (--country LBN) lists what they allow
  const what = r.query.trim() ? quotedQuery(r.query) : 'the filters';
  if (r.total === 0) {
    lines.push(`No passages match ${what}.`);
    return lines.join('\n');
  }
  const first = offset + 1;
  const last = offset + r.hits.length;
  const of = `${r.totalEstimated ? 'about ' : ''}${countOf(r.total, 'passages')} ${r.query.trim() ? `for ${what}` : 'the filters allow'} (${r.tookMs.toFixed(1)} ms)`;
  if (r.hits.length === 0) {
    // an offset past the last hit: say so, not "31–30 of 8"; from the first, an estimated total none held
    lines.push(offset > 0 ? `No passages from number ${first} on: ${of}; try a smaller --offset.` : `No passages match ${what}.`);
    return lines.join('\n');
  }
  lines.push(`${first}–${last} of ${of}`);
  r.hits.forEach((hit, i) => {
    const [open, close] = color ? BOLD : ['**', '**'];
    const [dimOpen, dimClose] = color ? DIM : ['', ''];
    lines.push('');
    const title = hit.source.title ?? hit.source.document;
    lines.push(`${offset + i + 1}. ${title}`);
    // the text's own asterisks escaped where ** marks the matched words ("**new civilised coexistence**" in CUB_79_2024)
    lines.push(`   ${highlight(hit.excerpt, open, close, color ? undefined : escapeStars).replace(/\s*\n\s*/g, ' ')}`);
    lines.push(`   ${dimOpen}— ${citationLine(hit.source)}${dimClose}`);
    const alsoIn = alsoInLine(hit);
    if (alsoIn) lines.push(`   ${dimOpen}${alsoIn}${dimClose}`);
    const url = passageUrl(hit.source, hit.text);
    if (url) lines.push(`   ${dimOpen}${url}${dimClose}`);
    // hits listed, not ranked (filters alone), have no score worth showing
    lines.push(`   ${dimOpen}id ${hit.id}${r.listed ? '' : ` · score ${hit.score.toFixed(3)}`}${dimClose}`);
  });
  if (r.partial) lines.push('', '(time budget reached: these are the best hits found so far)');
  return lines.join('\n');
}

/** The index report as people read it. */
export function textReport(report: IngestReport, extra: { fromCache: boolean; ms: number; cachePath: string }): string {
  const lines = [
    `${countOf(report.documents, 'documents')}, ${countOf(report.passages, 'passages')}` +
      (extra.fromCache ? ` (loaded from cache in ${extra.ms} ms)` : ` (indexed in ${extra.ms} ms)`),
    `cache: ${extra.cachePath}`,
  ];
  if (report.skipped.length) {
    lines.push(`${countOf(report.skipped.length, 'files')} skipped:`);
    for (const p of report.skipped) lines.push(`  ${p.path}${p.line ? `:${p.line}` : ''} — ${p.reason}`);
  }
  if (report.warnings.length) {
    lines.push(`${countOf(report.warnings.length, 'warnings')}:`);
    for (const p of report.warnings) lines.push(`  ${p.path}${p.line ? `:${p.line}` : ''} — ${p.reason}`);
  }
  return lines.join('\n');
}

/** "Did you mean …" and which filter or word to drop, one line each (empty when there is nothing to say). */
export function textNoHitsHelp(help: NoHitsHelp): string {
  return noHitsLines(help)
    .map((l) => l + '\n')
    .join('');
}

/**
 * What the text output says after "No passages match …", one line each: a filter the library holds
 * nothing of, "Did you mean …", which filter or word to drop. Filters alone, one of which finds
 * nothing in the library: that sentence alone. JSON output gives the same lines (`noHits`).
 */
export function noHitsLines(help: NoHitsHelp): string[] {
  if (help.filtersAlone && help.emptyFilters) return [help.emptyFilters];
  const lines: string[] = [];
  if (help.emptyFilters) lines.push(help.emptyFilters);
  if (help.suggestion) lines.push(`Did you mean: ${help.suggestion}`);
  for (const d of help.dropFilters) {
    const what = d.value === undefined ? `--${d.filter}` : `${d.value} in --${d.filter}`;
    lines.push(`Without ${what}: ${countOf(d.total, 'passages')}.`);
  }
  for (const d of help.dropWords) lines.push(`Without “${d.word}”: ${countOf(d.total, 'passages')}.`);
  if (help.filtersAlone && !lines.length) lines.push('Each of these filters finds passages on its own, but none together.');
  return lines;
}
