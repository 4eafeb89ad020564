/**
 * The query words as ranked: each word's query weight and bit, and the terms that stand in for it —
 * typo expansions (never beating an exact match), a defined acronym's long form, a country's
 * adjectives, a noun's adjective (sun: solar) — plus the acronym of a long form spelled out in the query.
 */
import { fold, isLoneCjk, languageTermsOf, tokens } from '../../index/analyzer.ts';
import { saidApart, type ParsedQuery, type QueryWord } from '../query.ts';
import type { CloseTerm, Corpus } from '../corpus.ts';

/** A query word as ranked: its term, the expansions standing in for it, and its bit. */
export interface RankedWord {
  term: string;
  /** Query-term weight from its frequency in the query, (k3+1)·qtf/(k3+qtf). */
  qw: number;
  /** Its bit in the passage mask (-1 past the 31st word). */
  bit: number;
  /**
   * Other terms scored as this word, each with its weight relative to the word's; `rankOnly`: ranking
   * evidence only, not the word itself for a count (a noun's adjective: "economic" is not "economy");
   * `typo`: a correction; `guess`: a correction of a word the library holds (a likely misspelling
   * of a far more frequent word, which may as well be the word meant), no mention of it in a text.
   */
  expansions: Array<{ term: string; weight: number; rankOnly?: boolean; typo?: boolean; guess?: boolean }>;
  /** The word as the query writes it. */
  raw?: string;
  /**
   * The word is a defined acronym: its long form's content terms, which also stand for it; or a
   * hyphenated compound searched as its closed term (`compound`): its parts' terms, together.
   */
  longForm?: string[];
  /** `term` is a hyphenated compound's closed term and `longForm` its parts (see {@link closedCompounds}). */
  compound?: boolean;
  /** `term` is one Chinese or Japanese character and `expansions` the pairs holding it: excerpts mark the character alone. */
  inPairs?: boolean;
}

/**
 * How many edits a typo correction may make to a query word's term: 2 for a word of `twoFrom`
 * letters or more, else 1. An Arabic term is a stem of three or four letters ("سوري" of "السوريين", "دور" of
 * "الدورة"), one edit from many other words' stems: it is corrected only from six letters, by one edit.
 */
export function typoEdits(term: string, folded: string, twoFrom = 8): number {
  if (/\p{Script=Arabic}/u.test(term)) return term.length >= 6 ? 1 : 0;
  return folded.length >= twoFrom ? 2 : 1;
}

/**
 * The terms a query word may be a typo of, nearest first (then the most frequent): indexed words
 * within `edits` of the word as typed (`folded`), compared as written — the usual written word of
 * each term against the word — so that a typo stays in the family it was typed in ("univrsity" is
 * the stem univrs, one edit from univers, "universal", while the word is one edit from
 * "university"; "organsation" stems to organs, one edit from organ). A term whose stem alone is
 * within `edits` of `term` (its usual word is farther) stands in too when no word is close as
 * written, or when it is more than `fuzzy.stemOnly` times as frequent as the most frequent one that
 * is and begins with the same letter ("develpoing": develop, written "development", not "eveloping";
 * "Gutteres": "Guterres", not matter and better, whose stems are as near). Only terms of at least `floor`
 * passages; a swap of two letters counts as one edit when `swaps`. For a word the library holds
 * (`termDf` > 0), only words far more frequent in the text itself (and, from `fuzzy.rareDf`
 * passages, near as written, not by the stem alone), and no word it holds with a
 * prefix: "dehumanizing" is not "human" (a title word counts once a passage: "Section 24" in each
 * of a budget section's 1,000 passages made `sanctions` find them all). An Arabic term is compared
 * by its stem (three or four letters, where the word's prefixes are the typo's edits).
 */
export function typoCandidates(c: Corpus, term: string, folded: string, edits: number, floor: number, swaps: boolean): CloseTerm[] {
  const termDf = c.df(term);
  const usable = (x: CloseTerm, written = ''): boolean =>
    x.df >= floor &&
    x.term !== term &&
    (termDf < c.opts.fuzzy.rareDf || c.textDf(x.term) >= c.textDf(term) * c.opts.fuzzy.ratio) &&
    !(
      termDf > 0 &&
      ((term.length > x.term.length && term.endsWith(x.term)) || (written && folded.length > written.length && folded.endsWith(written)))
    );
  const byStem = c.closeTerms(term, edits, floor, swaps).filter((x) => usable(x));
  let out = byStem;
  if (!/\p{Script=Arabic}/u.test(term)) {
    const bySurface = c.closeSurfaces(folded, edits, floor, swaps).filter((x) => usable(x, c.surfaceOf(x.term)));
    const top = Math.max(0, ...bySurface.map((x) => x.df));
    const near = new Set(bySurface.map((x) => x.term));
    // a word the library holds is only guessed at by words near it as written: by its stem, a short
    // one, "moorings" (moor) was "poor", "Mr." and "major"
    const stemOnly = termDf < c.opts.fuzzy.rareDf ? byStem : [];
    out = [...bySurface, ...stemOnly.filter((x) => !near.has(x.term) && x.df > c.opts.fuzzy.stemOnly * top && (top === 0 || x.term[0] === term[0]))];
  }
  return out.sort((a, b) => a.distance - b.distance || b.df - a.df || (a.term < b.term ? -1 : 1));
}

/** Query words with their bits, and fuzzy expansions for long words whose term is absent or rare. */
export function rankedWords(c: Corpus, parsed: ParsedQuery): RankedWord[] {
  const out: RankedWord[] = [];
  const { minLength, rareDf, maxExpansions, weight, channel } = c.opts.fuzzy;
  const qtf = new Map<string, number>();
  for (const t of tokens(parsed.text)) if (!t.stop) qtf.set(t.term, (qtf.get(t.term) ?? 0) + 1);
  // a hyphenated word counts as its closed term when it is searched as one (see closedCompounds)
  for (const k of parsed.compounds ?? []) qtf.set(k.term, (qtf.get(k.term) ?? 0) + 1);
  const k3 = c.opts.bm25.k3;
  const qwOf = (term: string): number => {
    const f = Math.max(1, qtf.get(term) ?? 1);
    return ((k3 + 1) * f) / (k3 + f);
  };
  // a long query ranks its most informative words (query weight × idf), kept in query order
  let chosen = closedCompounds(
    c,
    parsed,
    parsed.words.filter((w, i) => parsed.words.findIndex((x) => x.term === w.term) === i),
  );
  const { maxTerms } = c.opts.query;
  if (chosen.length > maxTerms) {
    const keep = new Set(
      chosen
        .map((w, i) => ({ i, v: qwOf(w.term) * c.idf(w.term) }))
        .sort((a, b) => b.v - a.v || a.i - b.i)
        .slice(0, maxTerms)
        .map((x) => x.i),
    );
    chosen = chosen.filter((_, i) => keep.has(i));
  }
  for (const w of chosen) {
    const rw: RankedWord = { term: w.term, raw: w.raw, qw: qwOf(w.term), bit: out.length < 31 ? out.length : -1, expansions: [] };
    if (w.parts) {
      // a compound as typed: no typo to correct, no adjective to stand in; with a stop-word part
      // (follow-up) its other parts apart do not say it, so only its closed term, both spellings, does
      if (w.parts.length) {
        rw.longForm = w.parts;
        rw.compound = true;
      }
      out.push(rw);
      continue;
    }
    const folded = fold(w.raw);
    const df = c.df(w.term);
    const cjk = isLoneCjk(w.term) ? inCjkWords(c, w.term) : [];
    const ownStems = languageStems(c, w);
    const edits = typoEdits(w.term, folded);
    if (cjk.length) {
      rw.expansions = cjk;
      rw.inPairs = true;
    } else if (ownStems.length === 0 && folded.length >= minLength && !/^\p{N}/u.test(folded) && edits > 0) {
      // rare or absent: any more frequent neighbour; otherwise only a far more frequent one (a likely
      // misspelling) — and not by a swap of letters, which makes real words of each other ("unclear", "nuclear")
      const rare = df < rareDf;
      const floor = rare ? df + 1 : df * c.opts.fuzzy.ratio;
      const cands = typoCandidates(c, w.term, folded, edits, floor, rare).slice(0, maxExpansions);
      // noisy channel: the more frequent the neighbour against the word as typed, the likelier it was meant
      rw.expansions = cands.map((x) => ({
        term: x.term,
        weight: (weight * x.df) / (x.df + channel * Math.max(1, df)) / x.distance,
        typo: true,
        ...(!rare && { guess: true }),
      }));
    }
    const long = c.longFormOf.get(w.term);
    if (long && rw.expansions.length === 0) rw.longForm = long;
    const kin = c.demonyms.get(w.term);
    if (kin && rw.expansions.length === 0) rw.expansions = kin.map((term) => ({ term, weight: c.opts.countryWords.weight }));
    // a noun's adjective (WordNet), where nothing above stands for the word: a mention weighs at most
    // `weight` × one of the word, among passages and among documents alike (a rare adjective at its
    // own idf would outrank a common noun)
    if (rw.expansions.length === 0 && !rw.longForm) {
      for (const term of c.pertainyms.get(w.term) ?? []) {
        const cap = Math.min(1, c.idf(w.term) / c.idf(term), c.docIdf(w.term) / c.docIdf(term));
        rw.expansions.push({ term, weight: c.opts.pertainyms.weight * cap, rankOnly: true });
      }
    }
    rw.expansions.push(...ownStems);
    out.push(rw);
  }
  // a stand-in that the query also asks for as a word is that word's, not another's ("sun solar":
  // "solar" standing for "sun" would put passages without "sun" among those holding every word)
  const asked = new Set(out.map((w) => w.term));
  for (const w of out) w.expansions = w.expansions.filter((e) => !e.rankOnly || !asked.has(e.term));
  // a long form spelled out in the query also finds the acronym: each of its words stands for
  // 1/n of the acronym, so a passage with the acronym scores one acronym match in all
  if (c.shortFormOf.size && out.length > 1) {
    const seq = out.map((w) => w.term);
    for (let i = 0; i < seq.length; i++) {
      for (let n = 2; i + n <= seq.length && n <= 12; n++) {
        const short = c.shortFormOf.get(seq.slice(i, i + n).join(' '));
        if (!short || seq.includes(short)) continue;
        for (let k = i; k < i + n; k++) out[k]!.expansions.push({ term: short, weight: 1 / n });
      }
    }
  }
  return out;
}

/**
 * A query word's French and Spanish stems that the library holds (analyzer `languageTermsOf`: the
 * words of its French and Spanish passages), each standing for the word: `nationales` finds
 * "nationaux" and "nationale" in a French passage, `desarrollo` finds "desarrollar" in a Spanish
 * one. A word found so is no typo: no corrections are looked for. A stem weighs at most what the
 * word does where the word is the commoner (an English word quoted in a French passage: "peace"
 * is common, its French stem rare), so that it never outranks the word's own passages.
 */
function languageStems(c: Corpus, w: QueryWord): Array<{ term: string; weight: number }> {
  return languageTermsOf(w.raw)
    .filter((term) => c.df(term) > 0)
    .map((term) => ({ term, weight: c.df(w.term) > 0 ? Math.min(1, c.idf(w.term) / c.idf(term)) : 1 }));
}

/** The most pairs a lone character is looked for in: the most frequent of them (see {@link inCjkWords}). */
const MAX_CJK_PAIRS = 1000;

/**
 * The pairs of Chinese or Japanese characters holding one character typed alone (`水`: 水资, 饮水 …),
 * as the word itself (weight 1): the tokenizer reads a run of such characters as overlapping bigrams
 * (analyzer `forEachWordSpan`), so the character stands alone as a term only between other
 * scripts. Every such pair up to {@link MAX_CJK_PAIRS} (a follow, which cannot see the library,
 * takes every one); a quoted character still asks for it standing alone.
 */
function inCjkWords(c: Corpus, ch: string): Array<{ term: string; weight: number }> {
  const pairs = c.index.cjkPairs(ch);
  const chosen = pairs.length <= MAX_CJK_PAIRS ? pairs : [...pairs].sort((a, b) => c.df(b) - c.df(a)).slice(0, MAX_CJK_PAIRS);
  return chosen.map((term) => ({ term, weight: 1 }));
}

/**
 * A hyphenated compound of the query searched as one word, its closed term (which the index holds
 * for every spelling, closed or hyphenated), in place of its parts:
 * - one the library's text also writes closed (`peace-keeping`, `co-operation`, `non-aligned` where
 *   it says peacekeeping, cooperation, nonaligned): its closed term or its parts together (scored
 *   as an acronym and its long form are);
 * - one with a stop-word part: only its closed term. With one content word (`follow-up`,
 *   `up-to-date`, `in-depth`: "date" or "depth" apart does not say it), always, as a follow reads
 *   it; with two or more (`time-to-failure`), where the library writes it closed, else its parts,
 *   which find "time to failure" (a follow, which cannot see the library, takes either);
 * - one of stop words only (`while-do`): its closed term, the only word it has (after the others).
 * A part the query also names on its own stays a word. A compound of content words the library
 * never writes closed (`boundary-layer`) keeps its parts, which find "boundary layer" as well.
 */
function closedCompounds(c: Corpus, parsed: ParsedQuery, words: QueryWord[]): Array<QueryWord & { parts?: string[] }> {
  const compounds = (parsed.compounds ?? []).filter(
    (k) => ((k.partial && new Set(k.parts).size <= 1) || c.writtenClosed(k.term)) && k.parts.every((p) => words.some((w) => w.term === p)),
  );
  if (compounds.length === 0) return words;
  const apart = saidApart(compounds);
  // each compound takes the place of its first part; compounds sharing it (peace-keeping, peace-building) all do
  const closedAt = new Map<string, Array<QueryWord & { parts: string[] }>>();
  const stopWordsOnly: Array<QueryWord & { parts: string[] }> = [];
  for (const k of compounds) {
    const word = { raw: k.raw, term: k.term, parts: k.partial ? [] : k.parts };
    const first = k.parts[0];
    if (first === undefined) {
      stopWordsOnly.push(word);
      continue;
    }
    closedAt.set(first, [...(closedAt.get(first) ?? []), word]);
  }
  const out: Array<QueryWord & { parts?: string[] }> = [];
  const added = new Set<string>(words.map((w) => w.term));
  for (const w of words) {
    for (const closed of closedAt.get(w.term) ?? []) {
      if (added.has(closed.term)) continue;
      added.add(closed.term);
      out.push(closed);
    }
    if (apart(w)) out.push(w);
  }
  for (const w of stopWordsOnly) {
    if (added.has(w.term)) continue;
    added.add(w.term);
    out.push(w);
  }
  return out;
}
