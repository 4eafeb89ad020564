/**
 * `/compare query with: <countries | speakers | sessions, comma-separated>`: for each of 2–6, its
 * best passage for the query (excerpt and citation, one field each, Share… per passage); one with
 * nothing on it says so.
 */
import type { Choice } from '../src/render/models.ts';
import { compareReply, type CompareEntry } from '../src/render/replies.ts';
import { escapeMarkdown } from '../src/render/text.ts';
import { resolveCountry } from '../src/search/country-filter.ts';
import { fold } from '../src/index/analyzer.ts';
import { filterValues, isListFilter, joinFilterValues } from '../src/search/filter-values.ts';
import { parseQuery } from '../src/search/query.ts';
import { speakerKey } from '../src/search/speakers.ts';
import type { SearchEngine, SearchFilters } from '../src/types.ts';
import { stringOption } from './options.ts';
import { COMMAND_TYPE, GUILD_ONLY, OPTION_TYPE, UserFacingError, type CommandData, type SlashCommand } from '../src/command.ts';

export const MIN_ENTITIES = 2;
export const MAX_ENTITIES = 6;

/** One thing to compare: how it is named, and the filter that selects its passages. */
export interface Entity {
  label: string;
  filters: SearchFilters;
}

/**
 * Reads one typed name as a session (a number the library has), a country (name or code) or a
 * speaker (one the library has, or a part of a name that some speaker's name contains).
 */
export function resolveEntity(engine: SearchEngine, typed: string): Entity | undefined {
  const raw = typed.replace(/\s+\(\d+\)$/, '').trim();
  if (!raw) return undefined;
  const session = /^(?:session\s*)?(\d{1,3})(?:st|nd|rd|th)?$/i.exec(raw)?.[1]?.replace(/^0+(?=\d)/, '');
  if (session && engine.facet('session', session, 50).some((f) => f.value === session)) return { label: `Session ${session}`, filters: { session } };
  const countries = engine.facet('country', '', 1000);
  const code = resolveCountry(raw, countries);
  const country = code ? countries.find((c) => c.value === code) : undefined;
  if (country) return { label: country.label, filters: { country: country.value } };
  const want = fold(raw);
  // the one person a name finds, by any of their spellings ("Joe Biden" is the person shown as
  // "Joseph R. Biden"); a part of several people's names ("Bush") stays a part of a name
  const speakers = engine.facet('speaker', raw, 25);
  const speaker = speakers.find((s) => speakerKey(s.value) === speakerKey(raw)) ?? (speakers.length === 1 ? speakers[0] : undefined);
  if (speaker) return { label: speaker.label, filters: { speaker: speaker.value } };
  if (engine.documents().some((d) => d.meta.speaker !== undefined && fold(d.meta.speaker).includes(want)))
    return { label: raw, filters: { speaker: raw } };
  return undefined;
}

/** The comma-separated list, each name resolved; throws a UserFacingError naming what is wrong. */
export function parseEntities(engine: SearchEngine, text: string): Entity[] {
  const names = text
    .split(/[,;]/)
    .map((s) => s.trim())
    .filter(Boolean);
  if (names.length < MIN_ENTITIES || names.length > MAX_ENTITIES) {
    throw new UserFacingError(
      `Compare ${MIN_ENTITIES} to ${MAX_ENTITIES} countries, speakers or sessions, separated by commas (got ${names.length}), e.g. \`with: Colombia, Mexico, United States\`.`,
    );
  }
  const out: Entity[] = [];
  for (const name of names) {
    const e = resolveEntity(engine, name);
    if (!e)
      throw new UserFacingError(
        `“${escapeMarkdown(name.slice(0, 100))}” is not a country, speaker or session of the library. Pick from the suggestions, or check /sources.`,
      );
    if (!out.some((o) => JSON.stringify(o.filters) === JSON.stringify(e.filters))) out.push(e);
  }
  if (out.length < MIN_ENTITIES)
    throw new UserFacingError('Those name the same thing twice: give at least two different countries, speakers or sessions.');
  return out;
}

/** What `with:` names of each filter, for messages: "countries". */
const KINDS: Partial<Record<keyof SearchFilters, string>> = { country: 'countries', speaker: 'speakers', session: 'sessions' };

/**
 * Refuses, in /compare's terms, a query whose filters choose what `with:` chooses (`country:LBN`
 * with `with: Mexico, Lebanon`: each entity's passages are its own country's), and a query of
 * filters alone (it has no words to find each one's best passage by).
 * @throws UserFacingError, or QueryError for a query that cannot be read.
 */
export function checkQuery(query: string, entities: readonly Entity[]): void {
  const parsed = parseQuery(query, { filtersAlone: true });
  for (const key of Object.keys(KINDS) as (keyof SearchFilters)[]) {
    const raw = parsed.filters[key];
    if (raw === undefined || !isListFilter(key)) continue;
    const kept = filterValues(key, raw).filter((v) => !v.not);
    const chosen = entities.filter((e) => e.filters[key] !== undefined).map((e) => e.label);
    if (!kept.length || !chosen.length) continue;
    const typed = `${key}:${joinFilterValues(kept)}`.replace(/`/g, "'");
    throw new UserFacingError(
      `The query says \`${typed}\`, but /compare takes the ${KINDS[key]} to compare from \`with:\` (${escapeMarkdown(chosen.join(', '))}) — take \`${typed}\` out of the query.`,
    );
  }
  if (parsed.filtersAlone) {
    throw new UserFacingError(
      `/compare needs words to find each one’s best passage by: filters such as \`${filterWords(query)}\` only narrow the passages compared. ` +
        'Add what to compare on, e.g. `/compare query: development session:79 with: Mexico, Lebanon`; `/search` with filters alone lists the passages they allow.',
    );
  }
}

/** The filters of a query of filters alone, as typed, for a message (backticks out). */
function filterWords(query: string): string {
  const q = query.trim().replace(/`/g, "'");
  return q.length > 60 ? `${q.slice(0, 59)}…` : q;
}

/** Autocomplete for the comma-separated list: completes the last name, keeping those before it. */
export function entityChoices(engine: SearchEngine, typed: string): Choice[] {
  const cut = typed.lastIndexOf(',');
  const before = cut >= 0 ? typed.slice(0, cut + 1).replace(/\s*$/, ' ') : '';
  const last = typed.slice(cut + 1).trim();
  const options = [
    ...engine.facet('country', last, 10).map((f) => ({ name: f.label, value: f.label })),
    ...engine.facet('speaker', last, 8).map((f) => ({ name: f.label, value: f.label })),
    ...(/^\d*$/.test(last) ? engine.facet('session', last, 6).map((f) => ({ name: `Session ${f.value}`, value: f.value })) : []),
  ];
  return options
    .map((o) => ({ name: `${before}${o.name}`, value: `${before}${o.value}` }))
    .filter((o) => o.value.length <= 100)
    .slice(0, 25);
}

const data = {
  type: COMMAND_TYPE.ChatInput,
  name: 'compare',
  description: 'What each of 2–6 countries, speakers or sessions said on something: the best passage of each',
  contexts: GUILD_ONLY,
  options: [
    { type: OPTION_TYPE.String, name: 'query', description: 'Words, "exact phrases", -excluded words', required: true, max_length: 500 },
    {
      type: OPTION_TYPE.String,
      name: 'with',
      description: 'Countries, speakers or sessions, comma-separated (2–6)',
      required: true,
      autocomplete: true,
      max_length: 300,
    },
  ],
} as const satisfies CommandData;

export default {
  data,
  visibility: 'ephemeral',

  async run(input, ctx) {
    const query = stringOption(input, 'query');
    if (!query) throw new UserFacingError('Give some words, e.g. `/compare query: alternative development with: Colombia, Mexico, United States`.');
    const entities = parseEntities(ctx.engine, stringOption(input, 'with') ?? '');
    checkQuery(query, entities);
    const entries: CompareEntry[] = [];
    for (const e of entities) {
      const r = await ctx.engine.search(query, { filters: e.filters, limit: 1 });
      const hit = r.hits[0];
      entries.push(hit ? { label: e.label, hit, total: r.total } : { label: e.label, total: 0 });
    }
    ctx.note({ hits: entries.filter((e) => e.hit).length, entities: entities.length });
    // how the query was read leniently, said once: every entity's search read it the same way
    return compareReply(query, entries, parseQuery(query).notices);
  },

  autocomplete(input, ctx) {
    return input.option === 'with' ? entityChoices(ctx.engine, input.value) : [];
  },
} satisfies SlashCommand<typeof data>;
