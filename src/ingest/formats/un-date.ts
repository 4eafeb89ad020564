/**
 * The date of a UN document (not a meeting record) from its first page: the day a resolution was
 * adopted ("Resolution adopted by the General Assembly on 17 December 2024"), else the day it was
 * distributed ("Distr.: General 18 December 2024", as the masthead of every resolution, report and
 * draft gives it). A meeting record's date comes from its own masthead (../statements.ts).
 */
import { isoDay } from '../dates.ts';

// the document's own heading ("Resolution adopted by …", "Decision adopted by …"), not a decision it
// recalls ("the political declaration adopted by the General Assembly on 8 June 2021")
const ADOPTED = /\b(?:Resolution|Decision) adopted by the [A-Za-z ,]{3,80}?\s+on\s+(\d{1,2})\s+([A-Z][a-z]+)\s+(\d{4})\b/;
const PLENARY = /\b\d{1,3}(?:st|nd|rd|th) plenary meeting\s+(\d{1,2})\s+([A-Z][a-z]+)\s+(\d{4})\b/;
const DISTRIBUTED = /\bDistr\.:?\s*(?:General|Limited|Restricted)\b\D{0,40}?\b(\d{1,2})\s+([A-Z][a-z]+)\s+(\d{4})\b/i;

/** A document's closing lines, where a resolution says when it was adopted ("8th plenary meeting 8 September 2000"). */
export function closingText(paragraphs: ReadonlyArray<{ text: string }>): string {
  return paragraphs
    .slice(-12)
    .map((p) => p.text)
    .join('\n');
}

/**
 * ISO date (yyyy-mm-dd) of the first page's adoption line, else a resolution's closing plenary
 * meeting line (in `closing`, its last lines), else the first page's distribution line, for a
 * document whose UN `symbol` is not a meeting record's (/PV.); undefined without a symbol, for a
 * record, or without such a line.
 */
export function unDocumentDate(symbol: string | undefined, firstPage: string, closing = ''): string | undefined {
  if (!symbol || /\/PV\./.test(symbol)) return undefined;
  // a resolution's closing line, "8th plenary meeting 8 September 2000", where its first page has
  // no adoption line (A/RES/55/2 gives only its issue date there)
  const plenary = /\/RES\//i.test(symbol) ? PLENARY.exec(closing) : null;
  for (const m of [ADOPTED.exec(firstPage), plenary, DISTRIBUTED.exec(firstPage)]) {
    // a day the month has (not 31 February)
    const date = m ? isoDay(m[3]!, m[2]!, m[1]!) : undefined;
    if (date) return date;
  }
  return undefined;
}
