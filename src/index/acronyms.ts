/**
 * Acronyms the library defines itself: "the International Atomic Energy Agency (IAEA)".
 *
 * Definitions are found with the Schwartz–Hearst algorithm (A Simple Algorithm for Identifying
 * Abbreviation Definitions in Biomedical Text, PSB 2003): a short form in parentheses, and the
 * shortest run of words just before it whose letters spell it, the first letter starting a word.
 * Across a library, an acronym's definition is the long form most passages give it, kept when at
 * least `minCount` passages give it and at least half of the acronym's definitions agree (CD:
 * "Conference on Disarmament", not a stray "compact disc").
 *
 * An acronym whose term is mostly an ordinary word in the library ("LAWS" and laws, "AIDS" and
 * aid) is left out by the search: see `Acronym.uses`.
 *
 * The search uses them both ways: a query word that is a defined acronym also finds passages that
 * spell it out, and a query that spells a long form out also finds passages that use the acronym.
 */
import { STOP_WORDS, tokens } from './analyzer.ts';

/** One acronym as the library defines it. */
export interface Acronym {
  /** As written in the definition most passages give: "IAEA". */
  short: string;
  /** "International Atomic Energy Agency". */
  long: string;
  /** Passages giving this definition. */
  count: number;
  /**
   * Passages holding the short form in capitals (any of its forms: SDG, SDGs). Set against the
   * passages holding its term, it tells an acronym from a word: "LAWS" (lethal autonomous weapons
   * systems) is the term of "laws", and must not stand for every law.
   */
  uses: number;
}

export interface MineOptions {
  /** Passages that must give the same definition. */
  minCount: number;
  /** Share of the acronym's definitions that must agree on it. */
  minShare: number;
}

export const MINE_DEFAULTS: MineOptions = { minCount: 2, minShare: 0.5 };

// a parenthesised short form: 2–10 characters, a capital first, at least two capitals in all
// (an optional trailing "s" for plurals: SDGs), digits allowed (G77)
const DEFINITION = /\(([A-Z][A-Za-z0-9&.-]{1,9})\)/g;
const WORD = /[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu;
// a word in capitals (IAEA, SDGs, G77), as counted for Acronym.uses
const CAPS = /\b[A-Z][A-Z0-9&]*[A-Z0-9]s?\b/g;

/** The short form is an acronym in its own right: two or more capitals, no lower-case run but a plural s. */
function isShortForm(sf: string): boolean {
  const core = sf.replace(/[.&-]/g, '');
  if (core.length < 2 || core.length > 10) return false;
  const caps = (core.match(/[A-Z]/g) ?? []).length;
  if (caps < 2) return false;
  // lower-case letters only as a plural or a joining letter (SIDS, SDGs, UNHCR, CoE is refused: one lower run of 1 is fine)
  const lower = core.match(/[a-z]+/g) ?? [];
  return lower.every((l) => l.length === 1);
}

/**
 * Schwartz–Hearst: the shortest suffix of `candidate` (the words before the parenthesis) whose
 * characters contain the short form's letters in order, the first letter at a word start.
 */
export function bestLongForm(short: string, candidate: string): string | null {
  const sf = short.toLowerCase();
  const lf = candidate.toLowerCase();
  let s = sf.length - 1;
  let l = lf.length - 1;
  const alnum = (c: string | undefined): boolean => c !== undefined && /[\p{L}\p{N}]/u.test(c);
  for (; s >= 0; s--) {
    const c = sf[s]!;
    if (!alnum(c)) continue;
    // the first letter starts a word, and not a stop word ("Organization of African Unity (OAU)", not "of African Unity")
    while ((l >= 0 && lf[l] !== c) || (s === 0 && l >= 0 && ((l > 0 && alnum(lf[l - 1])) || STOP_WORDS.has(wordAt(lf, l))))) l--;
    if (l < 0) return null;
    l--;
  }
  const start = lf.lastIndexOf(' ', l) + 1;
  const long = candidate.slice(start).trim();
  return long.length > short.length ? long : null;
}

function wordAt(text: string, at: number): string {
  const m = /^[\p{L}\p{N}'’]+/u.exec(text.slice(at, at + 40));
  return m ? m[0] : '';
}

/** The acronym definitions in one text, in order. */
export function findDefinitions(text: string): Array<{ short: string; long: string }> {
  const out: Array<{ short: string; long: string }> = [];
  for (const m of text.matchAll(DEFINITION)) {
    const short = m[1]!.replace(/[.-]+$/, '');
    if (!isShortForm(short)) continue;
    // the words before the parenthesis, within the clause: at most min(|SF| + 5, 2·|SF|) words
    const before = text.slice(Math.max(0, m.index - 200), m.index);
    const clause = before.split(/[.;:!?()[\]"“”]|,\s/).pop() ?? '';
    const letters = short.replace(/[^A-Za-z0-9]/g, '').replace(/s$/, '').length;
    const max = Math.min(letters + 5, letters * 2);
    const words = [...clause.matchAll(WORD)].map((w) => w[0]);
    if (words.length === 0) continue;
    const candidate = words.slice(-max).join(' ');
    const long = bestLongForm(short.replace(/s$/, ''), candidate);
    if (!long) continue;
    const longWords = long.split(' ');
    // the long form starts with a capital or a content word, and is more than one word
    if (longWords.length < 2) continue;
    if (long.toLowerCase().includes(short.toLowerCase())) continue;
    out.push({ short, long });
  }
  return out;
}

/** Analyzer terms of a long form's content words: the key definitions are counted and matched by. */
export function longFormTerms(long: string): string[] {
  return tokens(long)
    .filter((t) => !t.stop)
    .map((t) => t.term);
}

/** The analyzer term of a short form ("SDGs" → the term "sdgs" is indexed under). */
export function shortFormTerm(short: string): string | undefined {
  const t = tokens(short).filter((x) => !x.stop);
  return t.length === 1 ? t[0]!.term : undefined;
}

/**
 * What the miner has counted, as plain data (kept in the index cache so that an incremental update
 * can take passages out and put passages in, and get what a full build would).
 */
export interface AcronymCounts {
  /** [short-form term, long-form terms joined, short as written, long as written, passages]. */
  defs: Array<[key: string, longKey: string, short: string, long: string, count: number]>;
  /** [word in capitals, passages holding it]. */
  caps: Array<[word: string, count: number]>;
}

/** The library's acronyms from its passage texts: `add` each passage (and `remove` those leaving). */
export class AcronymMiner {
  /** short-form term → long-form key → "short\0long" as written → passages. */
  private readonly seen = new Map<string, Map<string, Map<string, number>>>();
  /** Passages holding each capitalised word. */
  private readonly caps = new Map<string, number>();

  static from(counts: AcronymCounts): AcronymMiner {
    const m = new AcronymMiner();
    for (const [key, lk, short, long, n] of counts.defs) m.bump(key, lk, `${short}\u0000${long}`, n);
    for (const [w, n] of counts.caps) m.caps.set(w, n);
    return m;
  }

  add(text: string): void {
    this.count(text, 1);
  }

  remove(text: string): void {
    this.count(text, -1);
  }

  private count(text: string, by: 1 | -1): void {
    const inText = new Set<string>();
    for (const m of text.matchAll(CAPS)) inText.add(m[0]);
    for (const w of inText) {
      const n = (this.caps.get(w) ?? 0) + by;
      if (n > 0) this.caps.set(w, n);
      else this.caps.delete(w);
    }
    if (!text.includes('(')) return;
    const inPassage = new Set<string>();
    for (const d of findDefinitions(text)) {
      const key = shortFormTerm(d.short);
      if (!key) continue;
      const terms = longFormTerms(d.long);
      if (terms.length < 2) continue;
      const lk = terms.join(' ');
      if (inPassage.has(`${key}\u0000${lk}`)) continue;
      inPassage.add(`${key}\u0000${lk}`);
      this.bump(key, lk, `${d.short}\u0000${d.long}`, by);
    }
  }

  private bump(key: string, lk: string, written: string, by: number): void {
    let forms = this.seen.get(key);
    if (!forms) this.seen.set(key, (forms = new Map()));
    let ways = forms.get(lk);
    if (!ways) forms.set(lk, (ways = new Map()));
    const n = (ways.get(written) ?? 0) + by;
    if (n > 0) ways.set(written, n);
    else ways.delete(written);
    if (ways.size === 0) forms.delete(lk);
    if (forms.size === 0) this.seen.delete(key);
  }

  /** The counts as plain data, in a fixed order. */
  counts(): AcronymCounts {
    const defs: AcronymCounts['defs'] = [];
    for (const [key, forms] of this.seen) {
      for (const [lk, ways] of forms) {
        for (const [written, n] of ways) {
          const [short, long] = written.split('\u0000') as [string, string];
          defs.push([key, lk, short, long, n]);
        }
      }
    }
    const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
    defs.sort((a, b) => byText(a[0], b[0]) || byText(a[1], b[1]) || byText(a[2], b[2]) || byText(a[3], b[3]));
    const caps = [...this.caps].sort((a, b) => byText(a[0], b[0]));
    return { defs, caps };
  }

  /**
   * The agreed definitions, sorted by short form. Ties go to the alphabetically first long form and
   * spelling, so the result depends on what was counted, not on the order it was counted in.
   */
  result(options: MineOptions = MINE_DEFAULTS): Acronym[] {
    const out: Acronym[] = [];
    const uses = new Map<string, number>();
    for (const [w, n] of this.caps) {
      const key = shortFormTerm(w);
      if (key && this.seen.has(key)) uses.set(key, (uses.get(key) ?? 0) + n);
    }
    const better = (n: number, k: string, bestN: number, bestK: string | undefined): boolean =>
      bestK === undefined || n > bestN || (n === bestN && k < bestK);
    for (const [key, forms] of this.seen) {
      let total = 0;
      let bestCount = 0;
      let bestLk: string | undefined;
      for (const [lk, ways] of forms) {
        let n = 0;
        for (const c of ways.values()) n += c;
        total += n;
        if (better(n, lk, bestCount, bestLk)) [bestCount, bestLk] = [n, lk];
      }
      if (bestLk === undefined || bestCount < options.minCount || bestCount < options.minShare * total) continue;
      let written = '';
      let writtenN = 0;
      for (const [w, n] of forms.get(bestLk)!) if (better(n, w, writtenN, written || undefined)) [writtenN, written] = [n, w];
      const [short, long] = written.split('\u0000') as [string, string];
      out.push({ short, long, count: bestCount, uses: uses.get(key) ?? 0 });
    }
    return out.sort((a, b) => (a.short < b.short ? -1 : a.short > b.short ? 1 : 0));
  }
}
