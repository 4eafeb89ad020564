/**
 * Which passages compete. Before scoring: when the query quotes phrases, only the passages holding
 * every indexed word of every phrase (and scoring reads only their documents' passages). After
 * scoring: those, or every passage a query word reached (every allowed passage when the query is
 * filters alone), less the passages whose text holds an excluded word.
 */
import type { Corpus } from '../corpus.ts';
import { allAllowed } from '../filters.ts';
import type { QueryPlan } from './plan.ts';
import { conjunctive, type Conjunction, type PassageCheck } from './postings.ts';
import type { Scratch } from './scratch.ts';

/** The passages holding every required word (the phrases' indexed words), or null when nothing is required. */
export function requiredCandidates(c: Corpus, plan: QueryPlan): Conjunction | null {
  return plan.phrases.length ? phraseConjunction(c, plan) : null;
}

/** Compound slots beyond this many in a query's phrases are held by their closed term only (each doubles the conjunctions). */
export const MAX_SLOTS_APART = 3;

/**
 * The passages holding every indexed word of the phrases, and of each compound slot its closed
 * term or all its parts (one conjunction for each way, united); null when the phrases have none.
 */
export function phraseConjunction(c: Corpus, plan: QueryPlan): Conjunction | null {
  const words = [...new Set(plan.phraseContent)];
  if (!words.length && !plan.phraseCompounds.length) return null;
  let ways: string[][] = [words];
  plan.phraseCompounds.forEach((k, i) => {
    ways = ways.flatMap((w) =>
      i < MAX_SLOTS_APART && k.parts.length
        ? [
            [...w, k.term],
            [...w, ...k.parts],
          ]
        : [[...w, k.term]],
    );
  });
  const conjs = ways.map((w) => conjunctive(c, [...new Set(w)], plan.routed, plan.allow));
  return conjs.length === 1 ? conjs[0]! : unite(conjs);
}

/** Required words beyond this many are not read again as "most of them" ({@link mostOfConjunction}): the subsets grow too many. */
export const MOST_OF_MAX_WORDS = 6;

/**
 * For a query read again without its phrases and +words as such (no passage holds them as
 * written): the passages holding the most of their indexed words `terms` — all of them, else every
 * k of them for the largest k (the conjunctions of the k-word subsets united), down to two — and
 * that k; a level whose passages all hold an excluded word counts as empty. Null when no passage
 * holds two of them, or when they are fewer than three or more than {@link MOST_OF_MAX_WORDS}: then
 * every passage holding any word competes.
 */
export function mostOfConjunction(
  c: Corpus,
  terms: readonly string[],
  routed: readonly number[],
  allow: PassageCheck,
  excludedTerms: readonly string[],
): { conj: Conjunction; held: number } | null {
  const m = terms.length;
  if (m < 3 || m > MOST_OF_MAX_WORDS) return null;
  for (let k = m; k >= 2; k--) {
    const conjs = subsets(terms, k)
      .map((words) => conjunctive(c, words, routed, allow))
      .filter((x) => x.cands.length > 0);
    if (!conjs.length) continue;
    const conj = conjs.length === 1 ? conjs[0]! : unite(conjs);
    if (withoutExcluded(c, excludedTerms, conj.cands).length) return { conj, held: k };
  }
  return null;
}

/** Every k-element subset of `items`, in order. */
function subsets<T>(items: readonly T[], k: number): T[][] {
  if (k === 0) return [[]];
  const out: T[][] = [];
  for (let i = 0; i + k <= items.length; i++) for (const rest of subsets(items.slice(i + 1), k - 1)) out.push([items[i]!, ...rest]);
  return out;
}

/** The union of conjunctions: candidates and document ranges each once, ascending. */
function unite(conjs: readonly Conjunction[]): Conjunction {
  const cands = [...new Set(conjs.flatMap((x) => x.cands))].sort((a, b) => a - b);
  const triples = new Map<string, [number, number, number]>();
  for (const x of conjs)
    for (let i = 0; i < x.ranges.length; i += 3) triples.set(`${x.ranges[i]}:${x.ranges[i + 2]}`, [x.ranges[i]!, x.ranges[i + 1]!, x.ranges[i + 2]!]);
  const ranges = [...triples.values()].sort((a, b) => a[0] - b[0] || a[2] - b[2]).flat();
  return { cands, ranges };
}

/** The candidates after scoring (unordered; may be the scratch's own `touched` list, sorted in place later). */
export function candidateList(c: Corpus, plan: QueryPlan, s: Scratch, required: Conjunction | null): number[] {
  let cands: number[];
  if (plan.words.length === 0 && plan.phrases.length === 0) {
    cands = allAllowed(c.store, c.parts, plan.restriction, plan.routed);
  } else {
    // every non-stop word of every phrase must be in the passage text before positions are checked
    cands = required ? required.cands : s.touched;
  }
  return withoutExcluded(
    c,
    plan.parsed.excluded.map((w) => w.term),
    cands,
  );
}

/**
 * `cands` less the passages whose TEXT holds an excluded word (`-general`). Metadata — the title,
 * country, speaker, meeting ("UN General Assembly, General Debate" on every UNGDC passage) — is
 * left out by negative filters (-country:USA, src/search/filter-values.ts), never by words.
 */
export function withoutExcluded(c: Corpus, excludedTerms: readonly string[], cands: number[]): number[] {
  if (!excludedTerms.length || !cands.length) return cands;
  if (cands.length < 1024) return cands.filter((g) => !excludedTerms.some((t) => c.inText(g, t)));
  // many candidates: mark the excluded words' text postings once (a common word like "general" is
  // one pass over its postings, not a binary search per candidate)
  const out = new Uint8Array(c.passageCount);
  for (const t of excludedTerms) {
    const id = c.index.termId(t);
    if (id < 0) continue;
    const r = c.index.postings(id, 'text');
    for (let i = r.start; i < r.end; i++) out[r.g[i]!] = 1;
  }
  return cands.filter((g) => out[g] === 0);
}
