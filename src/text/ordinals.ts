/**
 * English ordinal words, 1st to 100th, both ways: a record's masthead spells its session
 * ("Seventy-first session" → 71, {@link ordinalWord}; src/ingest/statements.ts), and the analyzer
 * reads "60th" as the word UN records write, "sixtieth" ({@link spelledOrdinal}; src/index/analyzer.ts).
 * Text knowledge that ingestion and analysis share, so it lives in neither: it imports nothing.
 */

const UNITS = ['', 'first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth'];
const TEENS = ['tenth', 'eleventh', 'twelfth', 'thirteenth', 'fourteenth', 'fifteenth', 'sixteenth', 'seventeenth', 'eighteenth', 'nineteenth'];
/** The tens as cardinals ("twenty", the first part of "twenty-first"). */
const TENS = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];
/** The tens as ordinals ("twentieth"). */
const ORDINAL_TENS = ['', '', 'twentieth', 'thirtieth', 'fortieth', 'fiftieth', 'sixtieth', 'seventieth', 'eightieth', 'ninetieth'];

/** "Seventy-first" → 71, "Fiftieth" → 50, "Tenth" → 10; undefined for anything else (up to ninety-ninth). */
export function ordinalWord(word: string): number | undefined {
  const w = word.toLowerCase().trim();
  const unit = UNITS.indexOf(w);
  if (unit > 0) return unit;
  const teen = TEENS.indexOf(w);
  if (teen >= 0) return 10 + teen;
  const tens = ORDINAL_TENS.indexOf(w);
  if (tens >= 2) return tens * 10;
  const m = /^([a-z]+)-([a-z]+)$/.exec(w);
  if (!m) return undefined;
  const t = TENS.indexOf(m[1]!);
  const u = UNITS.indexOf(m[2]!);
  return t >= 2 && u > 0 ? t * 10 + u : undefined;
}

/**
 * The ordinal `digits` + `suffix` spelled out and written closed ("21", "st" → "twentyfirst"), or
 * null: a suffix that is not the number's ("2th"), or a number above 100.
 */
export function spelledOrdinal(digits: string, suffix: string): string | null {
  const n = Number(digits);
  if (!/^[1-9]\d{0,2}$/.test(digits) || n > 100) return null;
  const last = n % 100 >= 11 && n % 100 <= 13 ? 0 : n % 10;
  if (suffix !== (['th', 'st', 'nd', 'rd'][last] ?? 'th')) return null;
  if (n === 100) return 'hundredth';
  if (n < 10) return UNITS[n]!;
  if (n < 20) return TEENS[n - 10]!;
  const u = n % 10;
  return u === 0 ? ORDINAL_TENS[Math.floor(n / 10)]! : TENS[Math.floor(n / 10)]! + UNITS[u]!;
}
