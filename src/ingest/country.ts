/**
 * Country names and codes → one canonical code, so filters work either way (Colombia = COL = CO).
 */
import { COUNTRIES, type CountryEntry } from './country-table.ts';

/** Folds a country name to its lookup key: accents, case, punctuation, "the", "St." → "saint". */
export function countryKey(input: string): string {
  return input
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[’‘`´]/g, "'")
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, ' ')
    .replace(/\bst\b/g, 'saint')
    .split(' ')
    .filter((w) => w && w !== 'the')
    .join(' ');
}

const byCode = new Map<string, CountryEntry>();
const byAlias = new Map<string, CountryEntry>();
for (const entry of COUNTRIES) {
  byCode.set(entry.code, entry);
  if (entry.alpha2) byCode.set(entry.alpha2, entry);
}
for (const entry of COUNTRIES) {
  for (const alias of entry.aliases) if (!byAlias.has(alias)) byAlias.set(alias, entry);
  const key = countryKey(entry.name);
  if (!byAlias.has(key)) byAlias.set(key, entry);
}

/**
 * Normalises a country name or code: English names and common variants (case-, accent- and
 * "the"-insensitive; "USA", "UK", "Russia", "Côte d'Ivoire", "Türkiye", "Korea, Republic of"),
 * ISO 3166-1 alpha-3 and alpha-2 codes, and the UN General Debate Corpus's historical codes
 * (YUG, CSK, DDR, YMD, SUN, EU). Returns undefined when the input is not recognised.
 */
export function normalizeCountry(input: string): { code: string; name: string } | undefined {
  const raw = input.trim();
  if (!raw) return undefined;
  // Codes: alpha-3/alpha-2 in any case ("col", "CO"); a 2–3 letter word that is also a name key
  // ("us", "uk") resolves the same way, as the tables agree.
  if (/^[A-Za-z]{2,3}$/.test(raw)) {
    const entry = byCode.get(raw.toUpperCase());
    if (entry) return { code: entry.code, name: entry.name };
  }
  const key = countryKey(raw);
  let entry = byAlias.get(key);
  if (!entry) {
    // "Bolivia (Plurinational State of)" / "Iran, Islamic Republic of" → try before the bracket or comma.
    const head = countryKey(raw.split(/[(,]/)[0] ?? '');
    if (head && head !== key) entry = byAlias.get(head);
  }
  return entry ? { code: entry.code, name: entry.name } : undefined;
}

/** A country by its name or a name variant only ("Germany", "South Korea", "USA"; not the code "DEU"). */
export function countryByName(input: string): { code: string; name: string } | undefined {
  const entry = byAlias.get(countryKey(input));
  return entry ? { code: entry.code, name: entry.name } : undefined;
}

/** All known countries (code, display name), sorted by code. */
export function listCountries(): Array<{ code: string; name: string }> {
  return COUNTRIES.map((c) => ({ code: c.code, name: c.name }));
}

/**
 * Common English names of countries whose display name (the UN's) differs: "South Korea" for the
 * Republic of Korea, "UK" and "Britain" for the United Kingdom, "USSR" and "Soviet" for the
 * Russian Federation (the UN General Debate Corpus files the USSR under RUS), "FRG" for Germany (it
 * files the Federal Republic under DEU; "West" is left out, as it would match every "West Africa"),
 * former names
 * ("Burma", "Zaire", "Swaziland"). Hand-kept; words that are also ordinary English words left out
 * ("Turkey" stays: Türkiye is how the UN writes it now).
 */
const COMMON_NAMES: Readonly<Record<string, string>> = {
  ARE: 'UAE Emirates',
  BEN: 'Dahomey',
  BFA: 'Upper Volta',
  BLR: 'Byelorussia Byelorussian Belorussia',
  CIV: 'Ivory Coast',
  COD: 'DRC Zaire Kinshasa',
  CPV: 'Cape Verde',
  CZE: 'Czech',
  DDR: 'East Germany GDR',
  DEU: 'FRG',
  GBR: 'UK Britain British England',
  IRN: 'Persia',
  KHM: 'Kampuchea',
  KOR: 'South Korea',
  LAO: 'Laos',
  LKA: 'Ceylon',
  MKD: 'Macedonia FYROM',
  MMR: 'Burma',
  MYS: 'Malaya',
  NLD: 'Holland Dutch',
  PRK: 'North Korea DPRK',
  RUS: 'Russia Soviet USSR',
  SWZ: 'Swaziland',
  SYR: 'Syria',
  THA: 'Siam',
  TLS: 'East Timor',
  TUR: 'Turkey Turkish',
  USA: 'USA America',
  VAT: 'Vatican',
  VNM: 'Vietnam',
};

/** A country's common names (see COMMON_NAMES), indexed with its statements beside its UN name; "" when none. */
export function commonNames(code: string | undefined): string {
  return (code && COMMON_NAMES[code]) || '';
}

/**
 * Names under which today's member states sat at the United Nations before their present one, for
 * citing a speech by the name it was given under: [code, from (inclusive, YYYY-MM-DD, '' for
 * always), until (exclusive), name]. The UN General Debate Corpus files the USSR's speeches under
 * RUS, Zaire's under COD, Burma's under MMR.
 */
// prettier-ignore
const FORMER_NAMES: ReadonlyArray<readonly [string, string, string, string]> = [
  ['RUS', '', '1991-12-24', 'Union of Soviet Socialist Republics'],
  ['BLR', '', '1991-09-19', 'Byelorussian Soviet Socialist Republic'],
  ['UKR', '', '1991-08-24', 'Ukrainian Soviet Socialist Republic'],
  ['DEU', '', '1990-10-03', 'Federal Republic of Germany'],
  ['MMR', '', '1989-06-18', 'Burma'],
  ['LKA', '', '1972-05-22', 'Ceylon'],
  ['BEN', '', '1975-11-30', 'Dahomey'],
  ['BFA', '', '1984-08-04', 'Upper Volta'],
  ['COD', '1971-10-27', '1997-05-17', 'Zaire'],
  ['EGY', '1958-02-22', '1971-09-02', 'United Arab Republic'],
  ['MYS', '', '1963-09-16', 'Federation of Malaya'],
  ['TZA', '', '1964-04-26', 'Tanganyika'],
  ['KHM', '1970-10-09', '1975-04-17', 'Khmer Republic'],
  ['KHM', '1976-01-05', '1989-04-30', 'Democratic Kampuchea'],
  ['LBY', '1977-03-02', '2011-09-16', 'Libyan Arab Jamahiriya'],
  ['MKD', '1993-04-08', '2019-02-14', 'The former Yugoslav Republic of Macedonia'],
  ['CIV', '', '1985-10-14', 'Ivory Coast'],
  ['SWZ', '', '2018-04-19', 'Swaziland'],
  ['CPV', '', '2013-10-24', 'Cape Verde'],
  ['CZE', '', '2016-07-01', 'Czech Republic'],
  ['TUR', '', '2022-06-01', 'Turkey'],
];

/**
 * The name `code` (whose present name is `name`) bore at the UN on `date` (YYYY-MM-DD, YYYY-MM or
 * YYYY; a year alone is read as its 1 October, in the General Debate's weeks, a month as its 15th):
 * "Union of Soviet Socialist Republics" for RUS in 1961, `name` itself today or without a date.
 */
export function countryNameOn(code: string, name: string, date: string | undefined): string {
  if (!date) return name;
  const day = /^\d{4}$/.test(date) ? `${date}-10-01` : /^\d{4}-\d{2}$/.test(date) ? `${date}-15` : date.slice(0, 10);
  for (const [c, from, until, former] of FORMER_NAMES) if (c === code && day >= from && day < until) return former;
  return name;
}
