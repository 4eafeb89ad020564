/** Dates as documents write them in English ("17 December 2024"), read as ISO days. */

/** English month names, lower case, January first. */
export const MONTH_NAMES: readonly string[] = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];

/** The ISO day (yyyy-mm-dd) of `day` `month` `year` (an English month name, any case), or undefined when the month has no such day. */
export function isoDay(year: string | number, month: string, day: string | number): string | undefined {
  const m = MONTH_NAMES.indexOf(month.toLowerCase()) + 1;
  const d = Number(day);
  const y = Number(year);
  if (m < 1 || !Number.isInteger(d) || d < 1 || d > new Date(Date.UTC(y, m, 0)).getUTCDate()) return undefined;
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}
