/**
 * Country filters: a name or an ISO code, resolved to the code documents carry. The library's own
 * countries are tried first (code, then display name), then the ingest normaliser, so "Colombia",
 * "colombia" and "COL" all mean the same filter.
 */
import { fold, tokens } from '../index/analyzer.ts';
import { countryByName, normalizeCountry } from '../ingest/country.ts';
import type { FacetValue } from '../types.ts';

/** The ISO code for `input`, given the library's country facet values; undefined when unknown. */
export function resolveCountry(input: string, library: readonly FacetValue[]): string | undefined {
  const raw = input.trim();
  if (!raw) return undefined;
  const upper = raw.toUpperCase();
  const f = fold(raw).replace(/\s+/g, ' ');
  for (const v of library) if (v.value.toUpperCase() === upper) return v.value;
  for (const v of library) if (fold(v.label).replace(/\s+/g, ' ').trim() === f) return v.value;
  return normalizeCountry(raw)?.code;
}

/**
 * The country a query opens with ("germany on anti-islam video", "Papua New Guinea seats", "US
 * backs …"): its code, its name and the query's words naming it; undefined when none. A question
 * that begins with a country's name mostly asks what that country said. Names only (not codes), up
 * to five words: a two- or three-letter name counts only when written in capitals in a query that
 * is not all capitals ("US", "UK", "UAE"; not "us", "car"). After a question's frame ("what did
 * China say …"), `verb` is the verb of saying that follows the name, which the ranking leaves out.
 */
export function leadingCountry(text: string): { code: string; name: string; words: string[]; verb?: string } | undefined {
  const all = text.split(/\s+/).filter(Boolean);
  const shouting = !/\p{Ll}/u.test(text);
  // a question asking what a country said opens with its frame: "what did China say …", "has the UK
  // proposed …"; the frame counts only before a verb of saying ("when did Brunei join ASEAN" asks
  // about Brunei, which others may have said)
  const frame = questionFrameLength(all);
  const words = all.slice(frame);
  for (let n = Math.min(5, words.length); n >= 1; n--) {
    const head = words.slice(0, n);
    // "India's statement on …": the country's name with its possessive
    const name = head.join(' ').replace(/['’]s$/u, '');
    if (n === 1 && /^[\p{L}]{2,3}$/u.test(name) && (shouting || name !== name.toUpperCase())) continue;
    const found = countryByName(name);
    if (found && frame === 0) return { code: found.code, name: found.name, words: head };
    // the verb is the question's, not a topic: "say" would rank every "I would like to say"
    if (found && isSayingVerb(words[n] ?? '')) return { code: found.code, name: found.name, words: head, verb: words[n]! };
    if (found) return undefined;
  }
  return undefined;
}

/** Verbs a question asks what a country said with ("what did France say", "has Japan proposed"), as terms. */
const SAYING_VERBS: ReadonlySet<string> = new Set(
  tokens(
    `say said says mention think thought propose state announce want demand call ask urge suggest stress
     emphasize emphasise warn pledge promise offer argue claim declare speak spoke spoken talk tell told express
     criticize criticise condemn support oppose reply respond insist note recall highlight comment raise
     view see saw seen describe`,
  ).map((t) => t.term),
);

function isSayingVerb(word: string): boolean {
  const t = tokens(word)[0];
  return t !== undefined && SAYING_VERBS.has(t.term);
}

const QUESTION_WORDS = new Set(['what', 'how', 'why', 'when', 'where', 'which']);
const AUXILIARIES = new Set(['did', 'does', 'do', 'has', 'have', 'had', 'is', 'was', 'were', 'will', 'would', 'can', 'could', 'should']);

/**
 * How many words of a question's frame open `words` before the subject it asks about: an optional
 * question word, an auxiliary, an optional "the" ("what did the", "did", "how has"); 0 for none.
 */
export function questionFrameLength(words: readonly string[]): number {
  const lower = words.map((w) => w.toLowerCase());
  let i = 0;
  if (QUESTION_WORDS.has(lower[i] ?? '')) i++;
  if (!AUXILIARIES.has(lower[i] ?? '')) return 0;
  i++;
  if (lower[i] === 'the') i++;
  return i < words.length ? i : 0;
}
