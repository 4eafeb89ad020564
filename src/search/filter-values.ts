/**
 * Filters that take several values, and leave some out. A text filter (country, speaker,
 * organisation, session, document, symbol) is carried in {@link SearchFilters} as one string: its
 * values separated by commas, each one that leaves passages out written with a leading `-`
 * (`COL,MEX`, `-USA`, `70-76,-72`). Several values of one filter are alternatives (OR); different
 * filters must all hold (AND); a `-value` leaves out what it matches. Sessions take ranges
 * (`70-76`). Dates (year, from/to) stay one range.
 *
 * Pure (no library): the query parser, the CLI flags, batch lines, the bot's options and /follow
 * all read filters through here, so they mean the same everywhere. Resolving the values against a
 * library (a country name to its code, a document id) is src/search/filters.ts.
 */
import { fold } from '../index/analyzer.ts';
import { normalizeCountry } from '../ingest/country.ts';
import { speakerKey } from './speakers.ts';
import { QueryError, type SearchEngine, type SearchFilters } from '../types.ts';

/** The filters that take lists of values (and exclusions). */
export const LIST_FILTERS = ['country', 'speaker', 'organisation', 'session', 'document', 'symbol'] as const;
export type ListFilter = (typeof LIST_FILTERS)[number];

/** The date filters: one range, never excluded. */
export const DATE_FILTERS = ['year', 'from', 'to'] as const;

/** One value of a list filter. */
export interface FilterValue {
  /** As given, trimmed (a session range is kept as `70-76`). */
  value: string;
  /** True for a value that leaves passages out (`-USA`). */
  not: boolean;
}

/** At most this many values in one filter. */
export const MAX_FILTER_VALUES = 50;

export function isListFilter(key: string): key is ListFilter {
  return (LIST_FILTERS as readonly string[]).includes(key);
}

const RANGE = /^(\d+)(?:st|nd|rd|th)?\s*(?:-|–|—|\.\.)\s*(\d+)(?:st|nd|rd|th)?$/i;

/** A session value: `76`, `76th` → `76`; a range `70-76`, `70–76`, `70..76` → `70-76`. */
function normalizeSession(v: string): string {
  const range = RANGE.exec(v);
  if (range) {
    const a = Number(range[1]);
    const b = Number(range[2]);
    if (a > b) throw new QueryError(`The session range ${v} starts after it ends — write session:${b}-${a}.`);
    return `${a}-${b}`;
  }
  return v.replace(/^(\d+)(?:st|nd|rd|th)$/i, '$1');
}

/** The numeric bounds of a session value (`76` → 76–76, `70-76` → 70–76), or undefined when it is not a number. */
export function sessionBounds(value: string): { from: number; to: number } | undefined {
  const range = RANGE.exec(value);
  if (range) return { from: Number(range[1]), to: Number(range[2]) };
  const one = /^0*(\d+)(?:st|nd|rd|th)?$/i.exec(value.trim());
  return one ? { from: Number(one[1]), to: Number(one[1]) } : undefined;
}

/**
 * The values of a list filter as written (`COL,MEX`, `-USA`, `70-76`), split at commas, each
 * checked. Country names that hold a comma ("Korea, Republic of") stay one value.
 * @throws QueryError naming the filter and what to write instead.
 */
export function filterValues(key: ListFilter, raw: string): FilterValue[] {
  const pieces = raw.split(',').map((p) => p.trim());
  const out: FilterValue[] = [];
  for (let i = 0; i < pieces.length; i++) {
    let piece = pieces[i]!;
    if (key === 'country') {
      // a run of pieces that names one country ("Korea, Republic of", "-Iran, Islamic Republic of"),
      // when its later pieces are no countries themselves (COL, MEX stays two)
      for (let j = pieces.length; j > i + 1; j--) {
        const later = pieces.slice(i + 1, j);
        const joined = pieces.slice(i, j).join(', ');
        if (later.every((p) => p && !/^[-−]/.test(p) && !normalizeCountry(p)) && normalizeCountry(joined.replace(/^[-−]+\s*/, ''))) {
          piece = joined;
          i = j - 1;
          break;
        }
      }
    }
    if (!piece) {
      if (pieces.length > 1) continue; // "COL,,MEX" or a trailing comma
      throw new QueryError(`The ${key} filter has no value — write it as ${EXAMPLES[key]}.`);
    }
    const not = /^[-−]/.test(piece);
    let value = not ? piece.replace(/^[-−]+\s*/, '') : piece;
    if (!value) throw new QueryError(`“${piece}” in the ${key} filter leaves out nothing — write ${EXAMPLES[key]}.`);
    if (key === 'session') value = normalizeSession(value);
    out.push({ value, not });
  }
  if (!out.length) throw new QueryError(`The ${key} filter has no value — write it as ${EXAMPLES[key]}.`);
  if (out.length > MAX_FILTER_VALUES) {
    throw new QueryError(`The ${key} filter has ${out.length} values; the limit is ${MAX_FILTER_VALUES}.`);
  }
  return dedupe(out);
}

const EXAMPLES: Record<ListFilter, string> = {
  country: 'country:COL, country:COL,MEX or -country:USA',
  speaker: 'speaker:Guterres',
  organisation: 'org:UNODC',
  session: 'session:76 or session:70-76',
  document: 'doc:<document id>',
  symbol: 'symbol:E/CN.7/2021/12',
};

function dedupe(values: FilterValue[]): FilterValue[] {
  const seen = new Set<string>();
  return values.filter((v) => {
    const k = `${v.not ? '-' : ''}${fold(v.value).trim()}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** The string form of a filter's values (`COL,MEX,-USA`), as {@link SearchFilters} carries it. */
export function joinFilterValues(values: readonly FilterValue[]): string {
  return values.map((v) => (v.not ? `-${v.value}` : v.value)).join(',');
}

/** Adds values to one list filter of `filters` (the query's `country:COL country:MEX`, `-country:USA`). */
export function addFilterValues(filters: SearchFilters, key: ListFilter, raw: string, not = false): void {
  const values = filterValues(key, raw).map((v) => (not ? { value: v.value, not: !v.not } : v));
  if (not && values.some((v) => !v.not)) {
    throw new QueryError(`-${key}:${raw} leaves out and keeps at once — write the values to leave out without a dash.`);
  }
  const before = filters[key] === undefined ? [] : filterValues(key, filters[key]!);
  filters[key] = joinFilterValues(dedupe([...before, ...values]));
}

/** Each value of a list filter passed through `fn` (a country name → its code), the dashes kept. */
export function mapFilterValues(key: ListFilter, raw: string, fn: (value: string) => string): string {
  return joinFilterValues(filterValues(key, raw).map((v) => ({ value: fn(v.value), not: v.not })));
}

/** What the list filters read of a passage: who speaks (country code, speaker, organisations) and its document. */
export interface FilterFields {
  country?: string | undefined;
  speaker?: string | undefined;
  /** Who presides, when the speaker is a record's presiding officer (a speaker filter reads it too). */
  presiding?: string | undefined;
  organisations?: readonly string[] | undefined;
  session?: string | undefined;
  document?: string | undefined;
  symbol?: string | undefined;
}

/**
 * One filter value as a test on a field: the same country code (any case), a speaker or
 * organisation containing the text (case- and accent-insensitive), a session equal to it or within
 * its range (`70-76`), the same document id, the same symbol (any case). Country values must be
 * codes already (src/search/country-filter.ts resolves names).
 */
export function valueMatcher(key: ListFilter, value: string): (x: string | undefined) => boolean {
  switch (key) {
    case 'country': {
      const code = value.trim().toUpperCase();
      return (x) => x !== undefined && x.toUpperCase() === code;
    }
    case 'speaker': {
      // accents, case and a form of address ("Mr.") do not split a speaker
      const s = speakerKey(value);
      return (x) => x !== undefined && speakerKey(x).includes(s);
    }
    case 'organisation': {
      const s = fold(value).trim();
      return (x) => x !== undefined && fold(x).includes(s);
    }
    case 'session': {
      const range = /^\d+-\d+$/.test(value) ? sessionBounds(value) : undefined;
      if (range) {
        return (x) => {
          const n = x === undefined ? undefined : sessionBounds(x);
          return n !== undefined && n.from === n.to && n.from >= range.from && n.from <= range.to;
        };
      }
      // a session the library names matches in any case, as search reads it (`es-10` is "ES-10"):
      // a follow keeps the value as typed
      const key = (v: string): string => fold(v.trim().replace(/^0+(?=\d)/, ''));
      const s = key(value);
      return (x) => x !== undefined && key(x) === s;
    }
    case 'document': {
      const id = value.trim();
      return (x) => x === id;
    }
    case 'symbol': {
      // exact, case aside; a symbol without its part in brackets names every part ("S/PV.8699" is
      // "S/PV.8699 (Resumption 1)" too), as "A/81/6" does not name "A/81/6/Add.1"
      const symbol = value.trim().replace(/\s+/g, ' ').toLowerCase();
      return (x) => {
        const own = x?.toLowerCase();
        return own !== undefined && (own === symbol || (own.startsWith(`${symbol} (`) && !symbol.includes('(')));
      };
    }
  }
}

/**
 * One list filter as a test on the values a passage has for it (a voice may answer to several
 * organisations): some kept value matches (when any are kept) and no left-out value does.
 * `resolve` turns each value into what the fields hold (a country name into its code) or throws.
 */
export function listFilterTest(
  key: ListFilter,
  raw: string,
  resolve: (key: ListFilter, value: string) => string = (_k, v) => v,
): (xs: readonly (string | undefined)[]) => boolean {
  const values = filterValues(key, raw);
  const keep = values.filter((v) => !v.not).map((v) => valueMatcher(key, resolve(key, v.value)));
  const drop = values.filter((v) => v.not).map((v) => valueMatcher(key, resolve(key, v.value)));
  return (xs) => (!keep.length || keep.some((t) => xs.some(t))) && !drop.some((t) => xs.some(t));
}

/**
 * Every list filter of `f` as one test on a passage's {@link FilterFields} (null when `f` has none);
 * for matching passages one by one, as /follow does with those entering the library. Dates are
 * not tested here.
 */
export function fieldsTest(f: SearchFilters, resolve?: (key: ListFilter, value: string) => string): ((x: FilterFields) => boolean) | null {
  const tests: Array<(x: FilterFields) => boolean> = [];
  for (const key of LIST_FILTERS) {
    const raw = f[key];
    if (raw === undefined) continue;
    const t = listFilterTest(key, raw, resolve);
    tests.push(
      key === 'organisation' ? (x) => t(x.organisations ?? []) : key === 'speaker' ? (x) => t([x.speaker, x.presiding]) : (x) => t([x[key]]),
    );
  }
  return tests.length ? (x) => tests.every((t) => t(x)) : null;
}

/** Filter names accepted in batch lines, /follow and the like → the {@link SearchFilters} field. */
const INPUT_KEYS: Readonly<Record<string, keyof SearchFilters | 'years' | 'date'>> = {
  country: 'country',
  countries: 'country',
  speaker: 'speaker',
  org: 'organisation',
  organisation: 'organisation',
  organization: 'organisation',
  session: 'session',
  sessions: 'session',
  doc: 'document',
  document: 'document',
  symbol: 'symbol',
  year: 'year',
  years: 'years',
  date: 'date',
  from: 'from',
  to: 'to',
};

/**
 * Reads filters given as data — a batch line's `filters`, a saved /follow, CLI flags: each value a
 * string (`"COL,MEX"`, `"-USA"`, `"70-76"`), a number (`76`) or an array of those (`["COL","MEX"]`).
 * Returns them in the {@link SearchFilters} form, each list checked and each date checked.
 * @throws QueryError on an unknown filter name, a value of the wrong type, or a malformed value.
 */
export function parseFilters(input: Readonly<Record<string, unknown>>): SearchFilters {
  const out: SearchFilters = {};
  for (const [name, raw] of Object.entries(input)) {
    if (raw === undefined || raw === null || raw === '') continue;
    const key = INPUT_KEYS[name.toLowerCase()];
    if (!key) {
      throw new QueryError(`“${name}” is not a filter. Filters are country, speaker, organisation, session, document, symbol, year, from, to.`);
    }
    const items = Array.isArray(raw) ? raw : [raw];
    const strings = items
      .map((v) => {
        if (typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v))) return String(v).trim();
        throw new QueryError(`The ${name} filter takes text, a number or a list of them (got ${JSON.stringify(v) ?? typeof v}).`);
      })
      .filter(Boolean);
    if (!strings.length) continue;
    if (isListFilter(key)) {
      for (const s of strings) addFilterValues(out, key, s);
      continue;
    }
    if (strings.length > 1) {
      throw new QueryError(
        `The ${name} filter takes one value (got ${strings.join(', ')}) — for several years write years:2019-2021 or give sessions.`,
      );
    }
    const v = strings[0]!;
    if (key === 'years') {
      const m = /^(\d{4})\s*(?:-|–|\.\.)\s*(\d{4})$/.exec(v);
      if (!m) throw new QueryError(`“${v}” is not a range of years — write 2019-2021.`);
      out.from = m[1]!;
      out.to = m[2]!;
    } else if (key === 'date') {
      out.from = v;
      out.to = v;
    } else if (key === 'year' && /[,;]/.test(v)) {
      throw new QueryError(`The year filter takes one year (got ${v}) — for several years write from/to, years:2019-2021, or give sessions.`);
    } else {
      out[key] = v;
    }
  }
  checkRange(out);
  return out;
}

/** How a filter value is shown (a country code as its name); the value itself by default. */
export type FilterLabel = (key: ListFilter, value: string) => string;

/**
 * How the library names a filter value: a country code as its name, a document id as its title.
 * The one labelling search results, exports, trends and the command line share.
 */
export function filterLabel(engine: Pick<SearchEngine, 'facet'>): FilterLabel {
  return (key, value) => {
    if (key !== 'country' && key !== 'document') return value;
    const found = engine.facet(key, value, 25).find((f) => f.value === value);
    return found && found.label !== value ? found.label : value;
  };
}

/**
 * The filters in a line for people: `country: Colombia, Mexico · session 70–76 · not USA`
 * (a country left out is shown as `not <country>`, other exclusions name their filter:
 * `not speaker Trump`). Empty when there are none.
 */
export function describeFilters(f: SearchFilters, label: FilterLabel = (_k, v) => v): string {
  const parts: string[] = [];
  const nots: string[] = [];
  const dash = (v: string): string => v.replace(/^(\d+)-(\d+)$/, '$1–$2');
  for (const key of LIST_FILTERS) {
    const raw = f[key];
    if (!raw) continue;
    let values: FilterValue[];
    try {
      values = filterValues(key, raw);
    } catch {
      parts.push(`${key}: ${raw}`);
      continue;
    }
    const shown = (v: FilterValue): string => (key === 'session' ? dash(v.value) : label(key, v.value));
    const any = values.filter((v) => !v.not).map(shown);
    const none = values.filter((v) => v.not).map(shown);
    if (any.length) parts.push(key === 'session' ? `session ${any.join(', ')}` : `${key}: ${any.join(', ')}`);
    if (none.length) nots.push(key === 'country' ? `not ${none.join(', ')}` : `not ${key} ${none.join(', ')}`);
  }
  if (f.year) parts.push(`year ${f.year}`);
  else if (f.from && f.to && f.from === f.to) parts.push(`date ${f.from}`);
  else if (f.from || f.to) parts.push([f.from && `from ${f.from}`, f.to && `to ${f.to}`].filter(Boolean).join(' '));
  return [...parts, ...nots].join(' · ');
}

const DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

/**
 * Turn a date bound into `YYYY-MM-DD`: `2021` → 2021-01-01 (from) or 2021-12-31 (to); `2021-02` →
 * 2021-02-01 / 2021-02-28; a full date is checked against the calendar.
 * @throws QueryError "Dates are written 2021 or 2021-10-19" for anything else.
 */
export function normalizeDateBound(value: string, side: 'from' | 'to'): string {
  const m = DATE.exec(value.trim());
  const bad = (): never => {
    throw new QueryError(`“${value}” is not a date. Dates are written 2021 or 2021-10-19.`);
  };
  if (!m) return bad();
  const y = Number(m[1]);
  if (y < 1000 || y > 2999) return bad();
  if (m[2] === undefined) return side === 'from' ? `${m[1]}-01-01` : `${m[1]}-12-31`;
  const mo = Number(m[2]);
  if (mo < 1 || mo > 12) return bad();
  const last = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  if (m[3] === undefined) return `${m[1]}-${m[2]}-${side === 'from' ? '01' : String(last).padStart(2, '0')}`;
  const d = Number(m[3]);
  if (d < 1 || d > last) return bad();
  return `${m[1]}-${m[2]}-${m[3]}`;
}

/** Throw when a filter set mixes year with from/to or has from after to. */
export function checkRange(f: SearchFilters): void {
  if (f.year !== undefined && (f.from !== undefined || f.to !== undefined)) {
    throw new QueryError(`Use either year:${f.year} or a from:/to: range, not both — years:2019-2021 gives a range of years.`);
  }
  if (f.year !== undefined) {
    const y = /^\d{4}$/.test(f.year) ? Number(f.year) : NaN;
    if (!(y >= 1000 && y <= 2999)) {
      throw new QueryError(`“${f.year}” is not a year the library can hold — write a year from 1000 to 2999, such as 2021.`);
    }
  }
  const from = f.from ?? f.year;
  const to = f.to ?? f.year;
  const a = from === undefined ? undefined : normalizeDateBound(from, 'from');
  const b = to === undefined ? undefined : normalizeDateBound(to, 'to');
  if (a !== undefined && b !== undefined && a > b) {
    throw new QueryError(`The date range starts (${from}) after it ends (${to}) — swap the two dates.`);
  }
}
