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
