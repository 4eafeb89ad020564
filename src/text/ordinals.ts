/**
 * English ordinal words, both ways: a record's masthead spells its session ("Seventy-first session"
 * → 71, {@link ordinalWord}; src/ingest/statements.ts), and the analyzer reads "60th" as the word UN
 * records write, "sixtieth" ({@link spelledOrdinal}), and an ordinal spelled in several words as one
 * ("twenty first", "one hundred and fiftieth": {@link spelledOrdinalAfter}; src/index/analyzer.ts).
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

/** The English suffix of the ordinal `n` (1 → st, 12 → th, 23 → rd, 111 → th). */
export function ordinalSuffix(n: number): 'st' | 'nd' | 'rd' | 'th' {
  const last = n % 100 >= 11 && n % 100 <= 13 ? 0 : n % 10;
  return (['th', 'st', 'nd', 'rd'] as const)[last] ?? 'th';
}

/**
 * The ordinal `digits` + `suffix` spelled out and written closed ("21", "st" → "twentyfirst"), or
 * null: a suffix that is not the number's ("2th"), or a number above 100.
 */
export function spelledOrdinal(digits: string, suffix: string): string | null {
  const n = Number(digits);
  if (!/^[1-9]\d{0,2}$/.test(digits) || n > 100 || suffix !== ordinalSuffix(n)) return null;
  if (n === 100) return 'hundredth';
  if (n < 10) return UNITS[n]!;
  if (n < 20) return TEENS[n - 10]!;
  const u = n % 10;
  return u === 0 ? ORDINAL_TENS[Math.floor(n / 10)]! : TENS[Math.floor(n / 10)]! + UNITS[u]!;
}

/** The cardinals one to nine, which open an ordinal above 100 ("one hundred and fiftieth"). */
const CARDINAL_UNITS = ['', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];

/** A word ends here: no letter, digit, mark, soft hyphen or hyphen goes on ("twenty first-time" is no ordinal), nor an apostrophe. */
const ENDS = String.raw`(?![\p{L}\p{N}\p{M}\u00AD'\u2019\u02BC\u2010\u2011-])`;
/** An ordinal 1st–99th in words, its parts apart or hyphenated ("fifty-fifth", "fifty fifth", "fiftieth", "first"). */
const BELOW_HUNDRED = `(?:${TENS.slice(2).join('|')})[\\s\u2010\u2011-]+(?:${UNITS.slice(1).join('|')})|${[...UNITS.slice(1), ...TEENS, ...ORDINAL_TENS.slice(2)].join('|')}`;
/** After a tens cardinal: spaces, and a unit ordinal ("twenty first", as older records write it). */
const AFTER_TENS = new RegExp(String.raw`\s+(${UNITS.slice(1).join('|')})${ENDS}`, 'iuy');
/** After a cardinal one to nine: "hundredth", or "hundred", maybe "and", and an ordinal below 100; spaces or hyphens between. */
const AFTER_UNIT = new RegExp(
  String.raw`[\s\u2010\u2011-]+(?:(hundredth)|hundred(?:[\s\u2010\u2011-]+and)?[\s\u2010\u2011-]+(${BELOW_HUNDRED}))${ENDS}`,
  'iuy',
);

/**
 * An ordinal spelled in several words that opens with `word` (lower case), which ends at `end` in
 * `text`: its number and where it ends, or null. "twenty first" (21, its parts apart, as older records
 * write it; hyphenated it is a compound, read by the analyzer as one), "one hundred and fiftieth"
 * (150), "one hundred fifty-fifth", "two hundredth" (200); not "one hundredth", as often a fraction
 * as an ordinal, which "hundredth" reads already, nor "twenty first-time".
 */
export function spelledOrdinalAfter(word: string, text: string, end: number): { n: number; end: number } | null {
  const tens = TENS.indexOf(word);
  if (tens >= 2) {
    AFTER_TENS.lastIndex = end;
    const m = AFTER_TENS.exec(text);
    return m ? { n: tens * 10 + UNITS.indexOf(m[1]!.toLowerCase()), end: end + m[0].length } : null;
  }
  const unit = CARDINAL_UNITS.indexOf(word);
  if (unit < 1) return null;
  AFTER_UNIT.lastIndex = end;
  const m = AFTER_UNIT.exec(text);
  if (!m) return null;
  if (m[1] !== undefined) return unit > 1 ? { n: unit * 100, end: end + m[0].length } : null;
  const below = ordinalWord(m[2]!.replace(/[\s\u2010\u2011-]+/g, '-'));
  return below === undefined ? null : { n: unit * 100 + below, end: end + m[0].length };
}

/** An ordinal above 100 spelled out, from its first word ({@link spelledOrdinalAfter}'s), anywhere in a text. */
const SPELLED_HUNDREDS = new RegExp(String.raw`(?<![\p{L}\p{N}\p{M}])(?:${CARDINAL_UNITS.slice(1).join('|')})` + AFTER_UNIT.source, 'giu');

/**
 * Where a text spells an ordinal above 100 ({@link spelledOrdinalAfter}: "one hundred and fifty-fifth",
 * "one-hundred-and-fiftieth"), as [start, end) spans: the hyphenated words inside one are no
 * compounds of their own ("fifty-fifth" there is no 55th).
 */
export function spelledHundredsSpans(text: string): Array<[number, number]> {
  if (!/hundred/i.test(text)) return [];
  const out: Array<[number, number]> = [];
  for (const m of text.matchAll(SPELLED_HUNDREDS)) {
    // "one hundredth" is left as written (spelledOrdinalAfter)
    if (m[1] !== undefined && /^one\b/i.test(m[0])) continue;
    out.push([m.index, m.index + m[0].length]);
  }
  return out;
}

/** The words {@link spelledOrdinalAfter} may open with: the tens (twenty … ninety) and the units (one … nine). */
export const ORDINAL_OPENERS: ReadonlySet<string> = new Set([...TENS.slice(2), ...CARDINAL_UNITS.slice(1)]);
