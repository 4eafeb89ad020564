/**
 * The expected answer type of a question (Li & Roth's NUM class): a question asking for a quantity
 * ("how many", "what share", "death toll") is answered by a passage that states one. The re-rank
 * gives such passages a bounded lift, and a larger one when the quantity counts what the question
 * counts ("how many years" → "for 47 years"; "how many States" → "86 States"; Li & Roth's
 * NUM:count and NUM:period, with the counted noun).
 */
import { tokens } from '../../index/analyzer.ts';

/**
 * Question words that ask for a count, an amount or a duration, and the nouns a keyword query asks
 * for a quantity with ("fund amount", "share of exports", "death toll"). Nouns that are as often a
 * topic as a question ("Reynolds numbers", "rate of heat transfer", "population size") are left out.
 */
const ASKS_QUANTITY = /\bhow (?:many|much|long|old|far|large|big|often)\b|\b(?:amounts?|share|percentage|proportion|toll)\b/i;

/** True when the query asks for a quantity. */
export function asksForQuantity(query: string): boolean {
  return ASKS_QUANTITY.test(query);
}

/** Spelled-out numbers and magnitudes. */
const NUMBER_WORDS =
  /\b(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundreds?|thousands?|millions?|billions?|trillions?|dozens?|half|doubled|tripled|per ?cent)\b|%/i;
/** A figure in digits. */
const DIGITS = /\d[\d,.]*/g;

/**
 * True when a passage states a quantity: a spelled-out number or magnitude, a percentage, or a figure
 * in digits that is not a year (1800–2099) nor the paragraph number the passage opens with.
 */
export function holdsQuantity(text: string): boolean {
  if (NUMBER_WORDS.test(text)) return true;
  for (const m of text.matchAll(DIGITS)) {
    const n = m[0].replace(/[.,]$/, '');
    if (m.index < 6 && /^\s*$/.test(text.slice(0, m.index)) && /^\d{1,4}\./.test(text.slice(m.index))) continue;
    if (/^(?:18|19|20)\d\d$/.test(n)) continue;
    return true;
  }
  return false;
}

/** What "how long" and "how old" count. */
const DURATIONS = ['years', 'months', 'weeks', 'days', 'decades', 'centuries', 'hours'];

/** The terms of what the question counts: the noun after "how many", a duration for "how long"/"how old"; none otherwise. */
export function countedUnits(query: string): string[] {
  const many = /\bhow many\s+(\p{L}[\p{L}'-]*)/iu.exec(query);
  const words = many ? [many[1]!] : /\bhow (?:long|old)\b/i.test(query) ? DURATIONS : [];
  return [
    ...new Set(
      words.flatMap((w) =>
        tokens(w)
          .filter((t) => !t.stop)
          .map((t) => t.term),
      ),
    ),
  ];
}

/** Spelled-out counts and magnitudes, as the analyzer indexes them. */
const COUNT_WORDS = new Set(
  tokens(
    'two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred hundreds thousand thousands million millions billion billions dozen dozens',
  ).map((t) => t.term),
);

/**
 * True when the passage states a count of one of `units`: a number (digits not a year, or spelled
 * out) followed within three words by the unit ("24 years", "240 million Africans", "seven
 * ministerial posts").
 */
export function countsUnit(text: string, units: ReadonlySet<string>): boolean {
  const toks = tokens(text).filter((t) => !t.stop);
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i]!.term;
    const isCount = /^\d/.test(t) ? !/^(?:18|19|20)\d\d$/.test(t) : COUNT_WORDS.has(t);
    if (!isCount) continue;
    for (let j = i + 1; j <= i + 3 && j < toks.length; j++) if (units.has(toks[j]!.term)) return true;
  }
  return false;
}
