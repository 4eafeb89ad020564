/**
 * A table's column labels: the header rows of a UN report's tables ("Apportionment · Expenditure ·
 * Variance", "2024/25 (actual) · 2025/26 (planned)", "(Thousands of United States dollars)",
 * "Category and subcategory"), and a chart's legend ("Planned Actual"). A line made of them alone
 * says nothing a reader can cite: it is no heading, and no passage of its own.
 */
import { MONTH_NAMES } from './dates.ts';

// prettier-ignore
const LABELS = new Set([
  'actual', 'actuals', 'planned', 'budgeted', 'approved', 'proposed', 'estimate', 'estimates', 'estimated',
  'target', 'baseline', 'apportionment', 'apportionments', 'appropriation', 'appropriations', 'expenditure', 'expenditures',
  'variance', 'variances', 'amount', 'percentage', 'category', 'subcategory', 'cost', 'costs', 'revised', 'projected',
  'average', 'change', 'thousands', 'millions', 'united', 'states', 'dollars', 'per', 'cent', 'as', 'at', 'of', 'and',
  'for', 'a', 'b', 'c',
]);
const MONTHS = new Set(MONTH_NAMES);
/** A year or budget period as a header writes it: "2025", "2024/25", "2025–", "2023-2024", "(2025)". */
const PERIOD = /^\(?(?:19|20)\d\d(?:[/–-](?:\d\d|(?:19|20)\d\d))?[–-]?\)?$/;
/** A column's number: "(1)", "(3)=(1)-(2)", "(4)=(3)÷(1)". */
const COLUMN_NUMBER = /^(?:\(\d\)[=÷×+-]?)+$/;

/** Whether `text` (a line, or a table passage's rows " | " and cells " · ") is only column labels: `min` or more of them (two by default), no figure of data. */
export function isColumnLabels(text: string, min = 2): boolean {
  const tokens = text
    .replace(/[·|,;:]/g, ' ')
    .split(/\s+/)
    .filter(Boolean);
  const dated = tokens.some((t) => MONTHS.has(t.replace(/[^\p{L}]/gu, '').toLowerCase()));
  let labels = 0;
  for (const t of tokens) {
    if (PERIOD.test(t) || COLUMN_NUMBER.test(t) || /^[–—-]$/.test(t)) continue;
    if (dated && /^\d{1,2}$/.test(t)) continue;
    const word = t.replace(/^[(["“]+|[)\]"”.]+$/g, '').toLowerCase();
    if (!word) continue;
    if (MONTHS.has(word.replace(/[–-]$/, ''))) continue;
    if (!LABELS.has(word)) return false;
    if (word.length > 2 && !['as', 'at', 'of', 'and', 'for'].includes(word)) labels++;
  }
  return labels >= min;
}
