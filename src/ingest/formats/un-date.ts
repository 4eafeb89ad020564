/**
 * The date of a UN document (not a meeting record) from its first page: the day a resolution was
 * adopted ("Resolution adopted by the General Assembly on 17 December 2024"), else the day it was
 * distributed ("Distr.: General 18 December 2024", as the masthead of every resolution, report and
 * draft gives it). A meeting record's date comes from its own masthead (../statements.ts).
 */

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

// the document's own heading ("Resolution adopted by …", "Decision adopted by …"), not a decision it
// recalls ("the political declaration adopted by the General Assembly on 8 June 2021")
const ADOPTED = /\b(?:Resolution|Decision) adopted by the [A-Za-z ,]{3,80}?\s+on\s+(\d{1,2})\s+([A-Z][a-z]+)\s+(\d{4})\b/;
const DISTRIBUTED = /\bDistr\.:?\s*(?:General|Limited|Restricted)\b\D{0,40}?\b(\d{1,2})\s+([A-Z][a-z]+)\s+(\d{4})\b/i;

/** ISO date (yyyy-mm-dd) of the first page's adoption or distribution line, or undefined. */
export function unDocumentDate(firstPage: string): string | undefined {
  for (const re of [ADOPTED, DISTRIBUTED]) {
    const m = re.exec(firstPage);
    const month = m ? MONTHS.indexOf(m[2]!.toLowerCase()) + 1 : 0;
    const day = m ? Number(m[1]) : 0;
    // a day the month has (not 31 February)
    if (m && month > 0 && day >= 1 && day <= new Date(Date.UTC(Number(m[3]), month, 0)).getUTCDate())
      return `${m[3]}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  }
  return undefined;
}
