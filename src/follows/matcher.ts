/**
 * Matching follows against passages that just entered the library — and only those: a follow's
 * query is never run over the whole library. Each new passage is analysed once (the same analyzer
 * as the index, so word forms meet as in /search); follows are indexed by one required term each,
 * so a passage is checked only against the follows whose key term it holds.
 *
 * A follow matches a passage that holds every free word (as its indexed term), every quoted
 * phrase, none of the excluded words or phrases, and passes the filters. That is /search's "all
 * words" tier, without typo tolerance or acronym/country-name expansion: an alert must be exact.
 * A hyphenated word is held in either spelling (peace-keeping, peacekeeping) or by its parts
 * together (keeping the peace), as /search reads it; a word in a French or Spanish passage by its
 * own language's stem too ("sociaux" by "social").
 */
import { cjkPairChars, isLoneCjk, languageTerm, languageTermsOf, readQueryPhrase, textLanguage, tokens } from '../index/analyzer.ts';
import { fieldsTest } from '../search/filter-values.ts';
import { MAX_SLOTS_APART } from '../search/ranking/candidates.ts';
import { holdsPhrase, passageTokens, type PassageTokens } from '../search/ranking/phrases.ts';
import { normalizeDateBound, parseQuery, saidApart } from '../search/query.ts';
import { QueryError, type DocumentMeta, type SearchFilters } from '../types.ts';

/** A passage that just entered the library, with what matching needs. */
export interface NewPassage {
  id: string;
  docId: string;
  text: string;
  meta: DocumentMeta;
  /**
   * Who speaks in this passage (src/search/speakers.ts): in a record, the statement's speaker and
   * country, not the record's; `country:`, `speaker:` and `org:` test this, as /search does.
   */
  voice: { speaker?: string | undefined; presiding?: string | undefined; country?: string | undefined; organisations: readonly string[] };
  /** Effective date range as YYYYMMDD numbers (0: undated). */
  dateFrom: number;
  dateTo: number;
}

/** A passage prepared for matching: its words for phrases, and its term set (computed once per update). */
export interface AnalysedPassage extends NewPassage {
  words: PassageTokens;
  terms: Set<string>;
  /** The characters of its Chinese or Japanese pairs, which a character typed alone (not quoted) finds. */
  chars: Set<string>;
}

export function analyse(p: NewPassage): AnalysedPassage {
  const words = passageTokens(p.text);
  // a hyphenated compound's closed form too, as the index holds it ("peacekeeping" follows "peace-keeping")
  const closed = [...(words.compounds?.values() ?? [])].map((c) => c.term);
  // each character of its Chinese or Japanese pairs, where search finds a character typed alone ("水" in 水资源)
  const chars = new Set<string>();
  for (const t of words.terms) for (const ch of cjkPairChars(t)) chars.add(ch);
  // and a word's second term, as the index holds it (`75` follows "75th")
  const terms = new Set([...words.terms, ...closed, ...words.alts]);
  // a French or Spanish passage's words by their own language's stem too, as the index holds them
  const lang = textLanguage(p.text);
  if (lang) {
    for (const t of tokens(p.text)) {
      const own = t.stop ? null : languageTerm(lang, p.text.slice(t.start, t.end));
      if (own) terms.add(own);
    }
  }
  return { ...p, words, terms, chars };
}

/** What a follow asks for, as stored. Filters are already merged with the query's and resolved (country as its code). */
export interface FollowQuery {
  id: number;
  query: string;
  filters: SearchFilters;
}

export interface CompiledFollow {
  id: number;
  /** Terms that must all occur. */
  required: string[];
  /** Of those, the Chinese or Japanese characters typed alone (not quoted): held inside a pair too, as search finds them. */
  inPairs: Set<string>;
  /** Of those, each word's French and Spanish stems (analyzer `languageTerm`), which hold it in a French or Spanish passage as search finds it. */
  stems: Map<string, string[]>;
  /** Phrases of two or more terms (stop words included) that must occur in order. */
  phrases: string[][];
  excluded: string[];
  excludedPhrases: string[][];
  /**
   * Hyphenated words (peace-keeping): each held by its closed term, which a passage holds for
   * either spelling, or by all its parts (with a stop-word part and one content word, follow-up, the closed term only).
   */
  compounds: Array<{ term: string; parts: string[] }>;
  /** The terms the follow is indexed under: one of `required`, else each way its first compound is held. */
  keys: string[];
  filter: ((p: NewPassage) => boolean) | null;
  /** For excerpts: the terms and phrases to mark. */
  marks: { terms: Set<string>; phrases: string[][]; compoundParts: Map<string, string[]> };
}

/** Most free words a follow may have: an alert requires them all, so a longer query would never fire. */
export const MAX_FOLLOW_WORDS = 12;

function compileFilters(f: SearchFilters): ((p: NewPassage) => boolean) | null {
  const tests: Array<(p: NewPassage) => boolean> = [];
  // list filters read as /search reads them: several values, -values left out, session ranges;
  // country:, speaker: and org: test who speaks in the passage
  const fields = fieldsTest(f);
  if (fields) {
    tests.push((p) =>
      fields({
        country: p.voice.country,
        speaker: p.voice.speaker,
        presiding: p.voice.presiding,
        organisations: p.voice.organisations,
        session: p.meta.session,
        document: p.docId,
        symbol: p.meta.symbol,
      }),
    );
  }
  const from = f.from ?? f.year;
  const to = f.to ?? f.year;
  if (from !== undefined || to !== undefined) {
    const fromN = from ? Number(normalizeDateBound(from, 'from').replace(/-/g, '')) : 0;
    const toN = to ? Number(normalizeDateBound(to, 'to').replace(/-/g, '')) : 0;
    tests.push((p) => p.dateFrom !== 0 && (!fromN || p.dateTo >= fromN) && (!toN || p.dateFrom <= toN));
  }
  if (!tests.length) return null;
  return (p) => tests.every((t) => t(p));
}

/**
 * Compiles a follow. @throws QueryError (fit to show) when the query cannot be used for alerts:
 * it does not parse, has no word to look for, or has too many words.
 */
export function compileFollow(f: FollowQuery): CompiledFollow {
  // strictly, as the follow was made: a stored query keeps its meaning whatever search's lenient reading becomes
  const parsed = parseQuery(f.query, { strictFilters: true });
  // a hyphenated word is one word: its closed term or its parts together; a part also typed alone stays
  // with a stop-word part and one content word (follow-up) the closed term only; with two or more
  // (time-to-failure) its parts together too, as search finds them where the library never writes it closed
  const closedOnly = (k: { partial?: boolean; parts: string[] }): boolean => k.partial === true && new Set(k.parts).size <= 1;
  const compounds = [...new Map((parsed.compounds ?? []).map((k) => [k.term, { term: k.term, parts: closedOnly(k) ? [] : k.parts }])).values()];
  const words = parsed.words.filter(saidApart(parsed.compounds ?? [])).map((w) => w.term);
  const count = words.length + compounds.length;
  if (count > MAX_FOLLOW_WORDS) {
    throw new QueryError(
      `A follow can look for at most ${MAX_FOLLOW_WORDS} words (an alert needs every one of them); this query has ${count}. Keep the words that matter most, or put an exact phrase in quotes.`,
    );
  }
  const phrases: string[][] = [];
  const required = new Set(words);
  let slots = 0;
  for (const p of parsed.phrases) {
    // a hyphenated compound in quotes is a slot, held closed or as written, as search reads it where
    // the library writes it closed (a follow cannot see the library: always); the compound is then
    // required as a hyphenated word is, by its closed term or all its parts
    const read = readQueryPhrase(p, () => true);
    const terms = read.terms;
    for (const t of read.content) required.add(t);
    // beyond search's three compounds held apart (src/search/ranking/candidates.ts), closed or hyphenated only
    for (const k of read.compounds)
      if (!compounds.some((x) => x.term === k.term)) compounds.push(slots++ < MAX_SLOTS_APART ? k : { term: k.term, parts: [] });
    if (terms.length > 1 || read.compounds.length) phrases.push(terms);
    // a phrase of stop words alone ("+the") requires its one word
    else if (terms.length === 1 && read.content.length === 0) required.add(terms[0]!);
  }
  if (required.size === 0 && compounds.length === 0) {
    throw new QueryError('A follow needs at least one word or "phrase" to look for, e.g. `/follow add query: nitazenes`.');
  }
  const req = [...required];
  // the longest term is the best cheap guess at the rarest, so the fewest passages wake the follow;
  // with compounds only, a passage holds the first one's closed term or every part (its longest the key: G-77 under 77, not g)
  const first = compounds[0];
  const longest = (terms: readonly string[]): string => terms.reduce((a, b) => (b.length > a.length ? b : a));
  // a free word is held in a French or Spanish passage by its own language's stem too, as search
  // finds it there (a follow cannot see the library: every stem the word has)
  const stems = new Map<string, string[]>();
  for (const w of parsed.words) {
    if (!required.has(w.term) || isLoneCjk(w.term)) continue;
    const other = languageTermsOf(w.raw).filter((t) => t !== w.term);
    if (other.length) stems.set(w.term, other);
  }
  const key = req.length ? longest(req) : undefined;
  const keys = key !== undefined ? [key, ...(stems.get(key) ?? [])] : [first!.term, ...(first!.parts.length ? [longest(first!.parts)] : [])];
  const markTerms = new Set([...req, ...[...stems.values()].flat(), ...compounds.flatMap((k) => [k.term, ...k.parts])]);
  return {
    id: f.id,
    required: req,
    inPairs: new Set(words.filter(isLoneCjk)),
    stems,
    compounds,
    keys,
    phrases,
    excluded: parsed.excluded.map((w) => w.term),
    // an excluded phrase with a compound is left out in either spelling
    excludedPhrases: parsed.excludedPhrases.map((p) => readQueryPhrase(p, () => true).terms).filter((t) => t.length > 0),
    filter: compileFilters(f.filters),
    // a compound's parts are marked only where the passage does not say the compound itself
    marks: {
      terms: markTerms,
      phrases,
      compoundParts: new Map(compounds.map((k) => [k.term, k.parts.filter((t) => !required.has(t))])),
    },
  };
}

/** True when `f` matches `p`. */
export function matches(f: CompiledFollow, p: AnalysedPassage): boolean {
  for (const t of f.required) {
    if (p.terms.has(t) || (f.inPairs.has(t) && p.chars.has(t))) continue;
    if (!f.stems.get(t)?.some((s) => p.terms.has(s))) return false;
  }
  for (const k of f.compounds) if (!p.terms.has(k.term) && (k.parts.length === 0 || !k.parts.every((t) => p.terms.has(t)))) return false;
  for (const t of f.excluded) if (p.terms.has(t)) return false;
  if (f.filter && !f.filter(p)) return false;
  for (const ph of f.phrases) if (!holdsPhrase(p.words, ph)) return false;
  for (const ph of f.excludedPhrases) if (holdsPhrase(p.words, ph)) return false;
  return true;
}

/** The active follows, indexed by key term. */
export class FollowIndex {
  private readonly byKey = new Map<string, CompiledFollow[]>();
  private readonly byId = new Map<number, CompiledFollow>();

  get size(): number {
    return this.byId.size;
  }

  add(f: CompiledFollow): void {
    this.remove(f.id);
    this.byId.set(f.id, f);
    for (const key of f.keys) {
      const list = this.byKey.get(key);
      if (list) list.push(f);
      else this.byKey.set(key, [f]);
    }
  }

  remove(id: number): void {
    const f = this.byId.get(id);
    if (!f) return;
    this.byId.delete(id);
    for (const key of f.keys) {
      const list = this.byKey.get(key)!.filter((x) => x.id !== id);
      if (list.length) this.byKey.set(key, list);
      else this.byKey.delete(key);
    }
  }

  get(id: number): CompiledFollow | undefined {
    return this.byId.get(id);
  }

  /** For each follow that matches any of `passages`: the matching passage ids, in the order given. */
  match(passages: readonly AnalysedPassage[]): Map<number, string[]> {
    const out = new Map<number, string[]>();
    for (const p of passages) {
      for (const term of p.chars.size ? [...p.terms, ...p.chars] : p.terms) {
        const list = this.byKey.get(term);
        if (!list) continue;
        for (const f of list) {
          if (!matches(f, p)) continue;
          const ids = out.get(f.id);
          // a follow under two keys (a compound's closed term and its first part) is woken twice
          if (!ids) out.set(f.id, [p.id]);
          else if (ids[ids.length - 1] !== p.id) ids.push(p.id);
        }
      }
    }
    return out;
  }
}
