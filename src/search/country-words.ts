/**
 * A country's name and the adjectives formed from it by the regular English suffixes (Austria →
 * Austrian, Rwanda → Rwandese, Korea → Korean), as pairs of analyzer terms: stemming leaves them
 * apart, and a query naming one should find the other.
 *
 * The pairs are derived from the country list (src/ingest/country-table.ts) and the analyzer by
 * {@link deriveCountryWordPairs}; `npm run gen-country-words` writes them to
 * country-words.data.ts, so that starting the bot stems nothing (deriving them takes ~70 ms cold).
 * A test checks that the file matches what the function derives.
 */
import { fold, queryTerm } from '../index/analyzer.ts';
import { COUNTRIES } from '../ingest/country-table.ts';
import { COUNTRY_WORD_PAIRS } from './country-words.data.ts';

/** Suffixes added to the whole name (Austria-n, Iraq-i) and to the name less a final vowel (Rwand-ese). */
const WHOLE = ['n', 'an', 'ian', 'ese', 'i'];
const CUT = ['an', 'ian', 'ese', 'ine', 'ean'];

/**
 * [name term, adjective term] pairs for every one-word country name or alias. A form two countries
 * could claim (Nigerian: Niger + ian, Nigeria + n), or that is itself a country's name, is left out.
 */
export function deriveCountryWordPairs(): Array<[string, string]> {
  return countryForms().pairs;
}

/**
 * Every term a one-word country name or alias gives, and every adjective form tried for it, those
 * left out as ambiguous included ("nigerian"): the words other word lists must leave to this one.
 */
export function countryFormTerms(): Set<string> {
  const { names, forms } = countryForms();
  return new Set([...names, ...forms]);
}

function countryForms(): { pairs: Array<[string, string]>; names: Set<string>; forms: Set<string> } {
  const claims = new Map<string, Set<string>>();
  const formsOf = new Map<string, Set<string>>();
  for (const c of COUNTRIES) {
    for (const name of [c.name, ...c.aliases]) {
      const base = fold(name);
      if (!/^[a-z]{4,}$/.test(base)) continue;
      const term = queryTerm(base);
      if (!term) continue;
      const cut = base.replace(/[aeiouy]$/, '');
      for (const f of [...WHOLE.map((s) => base + s), ...CUT.map((s) => cut + s)]) {
        const t = queryTerm(f);
        if (!t || t === term) continue;
        if (!claims.has(t)) claims.set(t, new Set());
        claims.get(t)!.add(c.code);
        if (!formsOf.has(term)) formsOf.set(term, new Set());
        formsOf.get(term)!.add(t);
      }
    }
  }
  const pairs: Array<[string, string]> = [];
  for (const [term, forms] of formsOf) {
    for (const f of forms) if (claims.get(f)!.size === 1 && !formsOf.has(f)) pairs.push([term, f]);
  }
  pairs.sort((a, b) => (a[0] + ' ' + a[1] < b[0] + ' ' + b[1] ? -1 : 1));
  return { pairs, names: new Set(formsOf.keys()), forms: new Set(claims.keys()) };
}

/**
 * Term → the terms standing for it (both ways), restricted to terms the library holds (`has`).
 */
export function countryWordsIn(has: (term: string) => boolean): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const add = (a: string, b: string): void => void out.set(a, [...(out.get(a) ?? []), b]);
  for (const [name, adjective] of COUNTRY_WORD_PAIRS) {
    if (!has(name) || !has(adjective)) continue;
    add(name, adjective);
    add(adjective, name);
  }
  return out;
}
