/** Option helpers shared by commands: reading submitted values, autocomplete over facets, resolving typed text. */
import type { Choice } from '../src/render/models.ts';
import { fold } from '../src/index/analyzer.ts';
import { LIMITS } from '../src/render/discord-limits.ts';
import { truncate } from '../src/render/text.ts';
import { filterValues, isListFilter, joinFilterValues, parseFilters } from '../src/search/filter-values.ts';
import type { Facet, SearchEngine, SearchFilters } from '../src/types.ts';
import { OPTION_TYPE, type AutocompleteInput } from '../src/command.ts';

/** An option's value as trimmed text (undefined when absent or blank); `name` must be one the command declares. */
export function stringOption<O, K extends keyof O & string>(input: { readonly options: O }, name: K): string | undefined {
  const v = input.options[name] as unknown;
  if (v === undefined || v === '') return undefined;
  const s = String(v).trim();
  return s === '' ? undefined : s;
}

/**
 * Autocomplete choices for a facet: what the index holds, matching the typed prefix; for sessions,
 * a range being typed too (see {@link sessionRangeChoices}). A name fits in `room` characters
 * (Discord's 100 for a choice's name, less what is shown before it) by shortening the label, so a
 * long document title keeps the id and count that tell it from another (QA22 F8.3).
 */
export function facetChoices(engine: SearchEngine, facet: Facet, prefix: string, room: number = LIMITS.choiceName): Choice[] {
  if (facet === 'session') {
    const range = SESSION_RANGE.exec(prefix.trim());
    if (range) return sessionRangeChoices(engine, Number(range[1]), range[2]!);
  }
  return engine.facet(facet, prefix.trim(), 25).map((f) => ({
    name: f.label === f.value || facet === 'session' ? `${f.label} (${f.count})` : fitted(f.label, ` — ${f.value} (${f.count})`, room),
    value: f.value,
  }));
}

/** The shortest a shortened label gets: past that, the name is cut at its end as any name is. */
const MIN_LABEL = 20;

/** `label` + `tail` within `room` characters: the label shortened (with "…"), the tail whole. */
function fitted(label: string, tail: string, room: number): string {
  if (label.length + tail.length <= room) return label + tail;
  return truncate(label, Math.max(MIN_LABEL, room - tail.length)) + tail;
}

/** A session range being typed: `70-`, `70-7`, `70-75`, `70–75`, `70..7`. */
const SESSION_RANGE = /^(\d{1,3})\s*(?:-|–|—|\.\.)\s*(\d{0,3})$/;

/**
 * Ranges from session `from` to each later session the library holds whose number starts with what
 * is typed after the dash (`70-` → `70-71` … `70-79`; `70-7` the same; `70-75` → `70-75`), with the
 * passages in the range; the range as typed when it ends on a session the library lacks.
 */
function sessionRangeChoices(engine: SearchEngine, from: number, toTyped: string): Choice[] {
  const held = engine
    .facet('session', '', 1000)
    .filter((f) => /^\d+$/.test(f.value))
    .map((f) => ({ n: Number(f.value), count: f.count }));
  const passages = (to: number): number => held.reduce((sum, s) => (s.n >= from && s.n <= to ? sum + s.count : sum), 0);
  const ends = held
    .filter((s) => s.n > from && String(s.n).startsWith(toTyped))
    .map((s) => s.n)
    .sort((a, b) => a - b);
  const typed = toTyped === '' ? undefined : Number(toTyped);
  if (typed !== undefined && typed > from && !ends.includes(typed) && passages(typed) > 0) ends.unshift(typed);
  return ends.slice(0, LIMITS.autocompleteChoices).map((to) => ({ name: `${from}-${to} (${passages(to)})`, value: `${from}-${to}` }));
}

/**
 * Resolves what was submitted for a facet option again: a value, a label, a choice's name sent as
 * text, or a prefix that names one value. Anything else is passed on as typed (the engine's
 * filters accept names and codes, and report what they cannot use).
 */
export function resolveFacet(engine: SearchEngine, facet: Facet, typed: string): string {
  const whole = exactFacet(engine, facet, typed);
  if (whole !== undefined) return whole;
  const bare = typed
    .replace(/\s+\(\d+\)$/, '')
    .replace(/\s+—\s+.*$/, '')
    .trim();
  const want = fold(bare);
  const candidates = engine.facet(facet, bare, 25);
  const exact = candidates.find((c) => fold(c.value) === want || fold(c.label) === want);
  if (exact) return exact.value;
  const fromName = /.*—\s+(.+?)(?:\s+\(\d+\))?$/.exec(typed)?.[1];
  if (fromName && engine.facet(facet, fromName, 25).some((c) => c.value === fromName)) return fromName;
  if (candidates.length === 1 && candidates[0]) return candidates[0].value;
  return bare;
}

/**
 * The one facet value `typed` names exactly: a value, a label (a document title holds " — " and may
 * end in "(2016)"), or an autocomplete choice's name ("label — value (count)"); else undefined.
 */
export function exactFacet(engine: SearchEngine, facet: Facet, typed: string): string | undefined {
  const forms = [typed.trim(), typed.replace(/\s+\(\d+\)$/, '').trim()];
  for (const t of forms) {
    const want = fold(t);
    if (!want) continue;
    const found = engine.facet(facet, t, 25).find((c) => fold(c.value) === want || fold(c.label) === want);
    if (found) return found.value;
    const cut = t.lastIndexOf(' — ');
    if (cut > 0) {
      const value = t.slice(cut + 3).trim();
      const label = fold(t.slice(0, cut).trim());
      const named = engine.facet(facet, value, 25).find((c) => c.value === value && fold(c.label) === label);
      if (named) return named.value;
    }
  }
  return undefined;
}

const FACET_OPTIONS: Partial<Record<keyof SearchFilters, Facet>> = {
  country: 'country',
  speaker: 'speaker',
  session: 'session',
  document: 'document',
};

/** The filter options a command may declare (every one optional). */
type FilterOptions = { readonly [K in keyof SearchFilters]?: string | number | boolean };

/**
 * The filters given as options, facet values resolved. An option may hold several values separated
 * by commas, each possibly left out with a dash (`Colombia, Mexico`, `-USA`, `70-76`); each value is
 * resolved on its own.
 * @throws QueryError on a malformed value (shown to the user as is).
 */
export function filtersFrom(input: { readonly options: FilterOptions }, engine: SearchEngine): SearchFilters {
  const given: Record<string, string> = {};
  for (const key of ['country', 'speaker', 'organisation', 'year', 'from', 'to', 'session', 'document'] as const) {
    const raw = stringOption(input, key);
    if (raw === undefined) continue;
    const facet = FACET_OPTIONS[key];
    // a whole value that holds commas ("Colombia — General Debate, 71st session (2016)") is one value
    const not = /^[-−]/.test(raw) ? '-' : '';
    const whole = facet && isListFilter(key) ? exactFacet(engine, facet, raw.replace(/^[-−]+\s*/, '')) : undefined;
    given[key] =
      whole !== undefined
        ? joinFilterValues([{ value: whole, not: not === '-' }])
        : facet && isListFilter(key)
          ? joinFilterValues(filterValues(key, raw).map((v) => ({ value: resolveFacet(engine, facet, v.value), not: v.not })))
          : raw;
  }
  return parseFilters(given);
}

/**
 * Autocomplete for the facet options of a command. The option takes several values separated by
 * commas: the last one is completed, the ones before are kept as typed (`Colombia, Mex` → `Colombia,
 * Mexico`), and a leading dash (`-Uni` → `-United States`) is kept.
 */
export function autocompleteFacet<O>(input: AutocompleteInput<O>, engine: SearchEngine): Choice[] {
  const facet = FACET_OPTIONS[input.option as keyof SearchFilters];
  if (!facet) return [];
  // a title that holds a comma ("Colombia — General Debate, 66th") is completed whole
  if (input.value.includes(',')) {
    const not = /^[-−]/.test(input.value.trim()) ? '-' : '';
    const whole = facetChoices(engine, facet, input.value.trim().replace(/^[-−]+\s*/, ''));
    if (whole.length)
      return whole.map((c) => ({ name: `${not}${c.name}`, value: `${not}${c.value}` })).filter((c) => c.value.length <= LIMITS.choiceValue);
  }
  const cut = input.value.lastIndexOf(',');
  const before =
    cut < 0
      ? ''
      : input.value
          .slice(0, cut)
          .split(',')
          .map((p) => p.trim())
          .filter(Boolean)
          .join(', ');
  const last = input.value.slice(cut + 1).trim();
  const not = /^[-−]/.test(last) ? '-' : '';
  const head = before ? `${before}, ` : '';
  return facetChoices(engine, facet, last.replace(/^[-−]+\s*/, ''), LIMITS.choiceName - head.length - not.length)
    .map((c) => ({ name: `${head}${not}${c.name}`, value: `${before ? `${before},` : ''}${not}${c.value}` }))
    .filter((c) => c.value.length <= LIMITS.choiceValue);
}

/** The filter options /search, /follow and /trend share (same names, same descriptions, same autocomplete). */
export const FILTER_OPTIONS = [
  {
    type: OPTION_TYPE.String,
    name: 'country',
    description: 'Countries (names or ISO codes), comma-separated; -USA leaves one out',
    autocomplete: true,
  },
  {
    type: OPTION_TYPE.String,
    name: 'speaker',
    description: 'Part of a speaker’s name; several comma-separated; -name leaves out',
    autocomplete: true,
  },
  { type: OPTION_TYPE.String, name: 'year', description: 'Year, e.g. 2021', max_length: 4 },
  { type: OPTION_TYPE.String, name: 'from', description: 'From date: 2019 or 2019-06-30', max_length: 10 },
  { type: OPTION_TYPE.String, name: 'to', description: 'To date: 2021 or 2021-12-31', max_length: 10 },
  { type: OPTION_TYPE.String, name: 'session', description: 'Session numbers or ranges: 76, 70-76, -75', autocomplete: true },
  { type: OPTION_TYPE.String, name: 'document', description: 'Documents, comma-separated; -id leaves one out', autocomplete: true },
] as const;
