/** Issuing bodies whose document symbols we recognise (the first element of a UN symbol). */
const SERIES = [
  'A', 'S', 'E', 'ST', 'TD', 'DP', 'UNEP', 'UNODC', 'CND', 'CTOC', 'CAC', 'ECE', 'ECA', 'ESCAP', 'ESCWA', 'LC',
  'CEDAW', 'CRC', 'CCPR', 'CERD', 'CAT', 'CRPD', 'CMW', 'HRI', 'ICEF', 'UNW', 'FCCC', 'UNHCR', 'INCB', 'IDB', 'GC',
];

const SEGMENT = String.raw`(?:[A-Z][A-Za-z]{0,9}(?:\.\d{1,4}[A-Za-z]?)?|\d{1,4}|S-\d{1,2})`;
const SYMBOL = new RegExp(
  String.raw`(?<![A-Za-z0-9/.])(?:${SERIES.join('|')})(?:/${SEGMENT}){1,7}(?:\s\(\d{4}\))?(?![A-Za-z0-9/])`,
  'g',
);
/** Words that introduce a symbol cited in the text rather than the document's own. */
const CITED = /\b(?:resolutions?|decisions?|documents?|see|contained in|pursuant to|reports?|annex to)\s*(?:No\.\s*)?$/i;

/** How far into a document its own symbol is looked for (the masthead of the first page). */
export const SYMBOL_WINDOW = 1500;

/**
 * Finds a UN document symbol (`E/CN.7/2021/12`, `A/76/PV.3`, `A/RES/70/1`, `S/2021/123`,
 * `UNODC/CND/2021/CRP.1`, `S/RES/2532 (2020)`) in the first {@link SYMBOL_WINDOW} characters of
 * `text`. A symbol the text cites ("resolution A/RES/70/1") is passed over for one that stands on its
 * own, such as a masthead's; when all are cited, the first is returned. Symbols need a numbered
 * element, so "HIV/AIDS" or "and/or" never match.
 */
export function findSymbol(text: string): string | undefined {
  const head = text.slice(0, SYMBOL_WINDOW);
  let cited: string | undefined;
  for (const m of head.matchAll(SYMBOL)) {
    const symbol = m[0].replace(/\.$/, '');
    if (!/\d/.test(symbol)) continue;
    const before = head.slice(Math.max(0, m.index - 40), m.index);
    if (CITED.test(before)) {
      cited ??= symbol;
      continue;
    }
    return symbol;
  }
  return cited;
}
