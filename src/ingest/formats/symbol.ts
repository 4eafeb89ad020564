/** Issuing bodies whose document symbols we recognise (the first element of a UN symbol). */
// prettier-ignore
const SERIES = [
  'A', 'S', 'E', 'ST', 'TD', 'DP', 'UNEP', 'UNODC', 'CND', 'CTOC', 'CAC', 'ECE', 'ECA', 'ESCAP', 'ESCWA', 'LC',
  'CEDAW', 'CRC', 'CCPR', 'CERD', 'CAT', 'CRPD', 'CMW', 'HRI', 'ICEF', 'UNW', 'FCCC', 'UNHCR', 'INCB', 'IDB', 'GC',
];

// Any number of digits: S/PV.10100, A/RES/79/191, E/2023/100000 are all symbols.
const SEGMENT = String.raw`(?:[A-Z][A-Za-z]{0,9}(?:\.\s?\d{1,6}[A-Za-z]?)?|\d{1,6}|S-\d{1,2})`;
/** What a symbol may carry after it: a year "(2020)", "(Sect. 16)", "(Resumption 1)", "(Part I)", "(Vol. II)". */
const SUFFIX = String.raw`(?:\s\((?:\d{4}|Sect\.\s?\d{1,3}[A-Z]?|Resumption\s\d{1,2}|Part\s[IVX\d]{1,4}|Vol\.\s?[IVX\d]{1,4})\))?`;
const SYMBOL = new RegExp(String.raw`(?<![A-Za-z0-9/.])(?:${SERIES.join('|')})(?:/${SEGMENT}){1,7}(?![A-Za-z0-9/])${SUFFIX}`, 'g');
/** Words that introduce a symbol cited in the text rather than the document's own. */
const CITED = /\b(?:resolutions?|decisions?|documents?|see|contained in|pursuant to|reports?|annex to)\s*(?:No\.\s*)?$/i;

/** How far into a document its own symbol is looked for (the masthead of the first page). */
export const SYMBOL_WINDOW = 1500;

/**
 * Finds a UN document symbol (`E/CN.7/2021/12`, `A/76/PV.3`, `S/PV.10100`, `A/RES/70/1`,
 * `S/2021/123`, `UNODC/CND/2021/CRP.1`, `S/RES/2532 (2020)`, `A/81/6 (Sect. 16)`) in the first
 * {@link SYMBOL_WINDOW} characters of `text`. A symbol the text cites ("resolution A/RES/70/1",
 * "see E/CN.7/2022/1") is never the document's: it is passed over, and when every symbol is cited
 * there is none. Symbols need a numbered element, so "HIV/AIDS" or "and/or" never match.
 */
export function findSymbol(text: string): string | undefined {
  const head = text.slice(0, SYMBOL_WINDOW);
  for (const m of head.matchAll(SYMBOL)) {
    const symbol = m[0].replace(/\.$/, '').replace(/(\/[A-Za-z]+\.)\s(\d)/g, '$1$2');
    if (!/\d/.test(symbol)) continue;
    const before = head.slice(Math.max(0, m.index - 40), m.index);
    if (CITED.test(before)) continue;
    return symbol;
  }
  return undefined;
}

/**
 * The symbol of a UN masthead: the first page's top lines (`top`, in reading order), where the
 * symbol stands in large type at the right ("United Nations A/48/PV.46"), before anything the
 * body cites ("A/48/341" in the agenda) — else what {@link findSymbol} finds in the whole page.
 */
export function mastheadSymbol(top: readonly string[], page: string): string | undefined {
  for (const line of top) {
    const s = findSymbol(line);
    if (s) return s;
  }
  return findSymbol(page);
}

/**
 * The General Assembly session a GA symbol names: "80" for A/80/590, A/RES/79/157, A/C.3/80/L.3,
 * A/INF/79/3 or A/81/6 (Sect. 16). Undefined for other bodies (E/, S/, A/HRC/ is the Human Rights
 * Council's session), special and emergency special sessions (A/S-27/…, A/ES-10/…), subsidiary
 * bodies' numbers (A/AC.109/…, A/CONF.…) and symbols from before the 31st session, which were not
 * numbered by session.
 */
export function generalAssemblySession(symbol: string): string | undefined {
  const m = /^A\/(?:(?:RES|INF|BUR|C\.[1-6]|DEC)\/)?(\d{2,3})\//.exec(symbol.trim());
  if (!m) return undefined;
  const n = Number(m[1]);
  return n >= 31 ? String(n) : undefined;
}

/**
 * Series the UN's own symbol resolver (https://undocs.org) opens: the principal organs (A/, S/, E/,
 * ST/), UNCTAD, the UNDP, UNEP and UN-Women boards, the treaty bodies and the Organized Crime
 * Convention's conference. Not the series whose papers live elsewhere (UNODC/CND conference room
 * papers, IAEA's GC, UNIDO's IDB).
 */
// prettier-ignore
const RESOLVER_SERIES = [
  'A', 'S', 'E', 'ST', 'TD', 'DP', 'UNEP', 'UNW', 'CEDAW', 'CRC', 'CCPR', 'CERD', 'CAT', 'CRPD', 'CMW', 'HRI', 'CTOC',
];
const WHOLE_RESOLVABLE = new RegExp(String.raw`^(?:${RESOLVER_SERIES.join('|')})(?:/${SEGMENT}){1,7}${SUFFIX}$`);

/**
 * A link that opens the document a UN symbol names, through the UN's official symbol resolver:
 * `https://undocs.org/A/70/PV.22`, `https://undocs.org/S/RES/2532(2020)` (spaces taken out, as the
 * UN writes the symbol in its system). Undefined for anything that is not wholly a well-formed
 * symbol of a series the resolver opens (see RESOLVER_SERIES), with a numbered element.
 */
export function symbolUrl(symbol: string | undefined): string | undefined {
  const s = symbol?.trim();
  if (!s || !/\d/.test(s) || !WHOLE_RESOLVABLE.test(s)) return undefined;
  return `https://undocs.org/${s.replace(/\s+/g, '')}`;
}
