/** `/search`: ranked excerpts, only for the asker, with paging, Share… and More context. */
import { ExpiredError, decodeState, encodeState, parseExportId, parsePageId, type SearchState, type StateStore } from '../src/render/custom-id.ts';
import { exportFileName, hitsCsv } from '../src/render/csv.ts';
import { LIMITS } from '../src/render/discord-limits.ts';
import type { Reply } from '../src/render/models.ts';
import {
  CONTEXT_RADIUS,
  HITS_PER_PAGE,
  contextReply,
  expiredReply,
  exportReply,
  noHitsReply,
  quoteCard,
  shareFromDmReply,
  searchReply,
} from '../src/render/replies.ts';
import { MAX_HITS, SORT_ORDERS, type SortOrder } from '../src/types.ts';
import { explainNoHits } from '../src/search/no-hits.ts';
import { FILTER_OPTIONS, autocompleteFacet, filtersFrom, stringOption } from './options.ts';
import { describeFilters, filterLabel } from '../src/search/filter-values.ts';
import {
  ANY_CONTEXT,
  COMMAND_TYPE,
  OPTION_TYPE,
  SERVER_AND_USER_INSTALL,
  UserFacingError,
  type CommandContext,
  type CommandInput,
  type CommandData,
  type SlashCommand,
} from '../src/command.ts';

const RERUN = 'Run /search again to get fresh results.';
const FORM = 'search:long:';
/** What the long-query form takes (the slash option takes 500). */
export const LONG_QUERY_MAX = 4000;

/** The long-query form, carrying the filters given with the command (in its id, or in the store when long). */
function longQueryForm(filters: SearchState['filters'], store: StateStore): Reply {
  const encoded = encodeState({ query: '', filters });
  const id = FORM.length + encoded.length <= LIMITS.customId ? FORM + encoded : `${FORM}#${store.put(encoded)}`;
  return {
    visibility: 'ephemeral',
    modal: {
      id,
      title: 'Search the statements',
      inputs: [
        {
          id: 'query',
          label: 'What to search for',
          style: 'paragraph',
          placeholder: 'Words, "exact phrases", -excluded words, or a whole paragraph to find statements like it',
          maxLength: LONG_QUERY_MAX,
        },
      ],
    },
  };
}

/** The filters a long-query form carries. */
function formFilters(id: string, store: StateStore): SearchState['filters'] {
  let encoded = id.slice(FORM.length);
  if (encoded.startsWith('#')) {
    const stored = store.get(encoded.slice(1));
    if (stored === undefined) throw new ExpiredError('form state gone');
    encoded = stored;
  }
  const state = decodeState(encoded);
  if (!state) throw new ExpiredError('bad form id');
  return state.filters;
}

/** Runs a search page and builds its reply (also used by "Find related statements", whose `notices` say how it read the message). */
export async function runSearch(state: SearchState, page: number, ctx: CommandContext, notices: readonly string[] = []): Promise<Reply> {
  const found = await ctx.engine.search(state.query, {
    filters: state.filters,
    limit: HITS_PER_PAGE,
    offset: page * HITS_PER_PAGE,
    sort: state.sort ?? 'relevance',
    filtersAlone: true,
  });
  const response = notices.length ? { ...found, notices: [...notices, ...(found.notices ?? [])] } : found;
  ctx.note({ hits: response.total, page, searchMs: response.tookMs });
  const label = filterLabel(ctx.engine);
  if (response.total === 0) return noHitsReply(state, await explainNoHits(ctx.engine, state.query, state.filters), response.notices, label);
  if (response.hits.length === 0) {
    // Past the end (the library shrank since the buttons were made): show the last page.
    const last = Math.max(0, Math.ceil(response.total / HITS_PER_PAGE) - 1);
    if (last < page) return runSearch(state, last, ctx, notices);
  }
  return searchReply(response, page, state, ctx.store, label);
}

/** "Export CSV": every hit (up to MAX_HITS) as a CSV file, cut to what Discord takes. */
export async function runExport(state: SearchState, ctx: CommandContext): Promise<Reply> {
  const response = await ctx.engine.search(state.query, {
    filters: state.filters,
    limit: MAX_HITS,
    sort: state.sort ?? 'relevance',
    filtersAlone: true,
  });
  const encoder = new TextEncoder();
  let hits = response.hits;
  let data = encoder.encode(hitsCsv(hits, 1, response.listed));
  let cap: 'limit' | 'size' | undefined = response.total > hits.length ? 'limit' : undefined;
  while (data.byteLength > LIMITS.attachmentBytes && hits.length > 1) {
    // rows are of similar size: cut in proportion, with a margin
    hits = hits.slice(0, Math.floor((hits.length * LIMITS.attachmentBytes * 0.95) / data.byteLength));
    data = encoder.encode(hitsCsv(hits, 1, response.listed));
    cap = 'size';
  }
  ctx.note({ hits: response.total, exported: hits.length, bytes: data.byteLength, searchMs: response.tookMs });
  const label = filterLabel(ctx.engine);
  // filter options alone (no query): the file is named by the filters (verbatim-country-mexico.csv)
  const name = exportFileName(state.query.trim() || describeFilters(state.filters, label));
  return exportReply(state, { name, data }, hits.length, response.total, cap, label);
}

/** The sort option's value, or undefined for the default. */
export function sortOption(input: Pick<CommandInput, 'options'>): SortOrder | undefined {
  const raw = stringOption(input, 'sort');
  const sort = SORT_ORDERS.find((o) => o === raw);
  return sort === 'relevance' ? undefined : sort;
}

/** Whether /search opens the long-query form: no query and no filter option (sort alone is no filter). */
function opensForm(input: Pick<CommandInput<{ readonly [name: string]: unknown }>, 'options'>): boolean {
  return !stringOption(input, 'query') && !FILTER_OPTIONS.some((o) => stringOption(input, o.name) !== undefined);
}

const data = {
  type: COMMAND_TYPE.ChatInput,
  name: 'search',
  description: 'Search the statements; only you see the results',
  contexts: ANY_CONTEXT,
  integration_types: SERVER_AND_USER_INSTALL,
  options: [
    {
      type: OPTION_TYPE.String,
      name: 'query',
      description: 'Words, "phrases", -words it must not say, filters (country:COL); empty, no filter: a long-text form',
      max_length: 500,
    },
    ...FILTER_OPTIONS,
    {
      type: OPTION_TYPE.String,
      name: 'sort',
      description: 'Order: relevance (default), newest or oldest first',
      choices: [
        { name: 'relevance', value: 'relevance' },
        { name: 'newest first', value: 'newest' },
        { name: 'oldest first', value: 'oldest' },
      ],
    },
  ],
} as const satisfies CommandData;

export default {
  data,
  visibility: 'ephemeral',

  async run(input, ctx) {
    // no query and no filter: a form with a paragraph input, for what does not fit the option's 500
    // characters; filter options alone list the passages they allow, as `country:MEX` typed does
    if (opensForm(input)) return longQueryForm(filtersFrom(input, ctx.engine), ctx.store);
    const sort = sortOption(input);
    return runSearch({ query: stringOption(input, 'query') ?? '', filters: filtersFrom(input, ctx.engine), ...(sort ? { sort } : {}) }, 0, ctx);
  },

  autocomplete(input, ctx) {
    return autocompleteFacet(input, ctx.engine);
  },

  opensForm,

  component: {
    mode(id, input?) {
      if (id.startsWith('search:page:')) return 'update';
      if (id.startsWith(FORM)) return 'ephemeral';
      if (id === 'search:share') return input?.inBotDm ? 'ephemeral' : 'public';
      return 'ephemeral';
    },
    async run(input, ctx) {
      if (input.id.startsWith(FORM)) {
        let filters;
        try {
          filters = formFilters(input.id, ctx.store);
        } catch (err) {
          if (err instanceof ExpiredError) return expiredReply(RERUN);
          throw err;
        }
        const query = input.fields?.['query']?.trim();
        if (!query) throw new UserFacingError('Give some words to search for, e.g. `/search query: heroin smuggled Afghanistan`.');
        return runSearch({ query, filters }, 0, ctx);
      }
      if (input.id.startsWith('search:page:')) {
        let parsed;
        try {
          parsed = parsePageId(input.id, ctx.store);
        } catch (err) {
          if (err instanceof ExpiredError) return expiredReply(RERUN);
          throw err;
        }
        return { ...(await runSearch(parsed.state, parsed.page, ctx)), update: true };
      }
      if (input.id.startsWith('search:export:')) {
        let state;
        try {
          state = parseExportId(input.id, ctx.store);
        } catch (err) {
          if (err instanceof ExpiredError) return expiredReply(RERUN);
          throw err;
        }
        return runExport(state, ctx);
      }
      const passageId = input.values[0];
      if (input.id === 'search:share') {
        const hit = passageId ? ctx.engine.passage(passageId) : undefined;
        if (!hit) return expiredReply(RERUN);
        if (input.inBotDm) return shareFromDmReply(hit);
        ctx.note({ shared: hit.id });
        return quoteCard(hit, input.user.id);
      }
      if (input.id === 'search:context') {
        const hits = passageId ? ctx.engine.context(passageId, CONTEXT_RADIUS) : [];
        if (!hits.length || !passageId) return expiredReply(RERUN);
        return contextReply(hits, passageId);
      }
      return expiredReply(RERUN);
    },
  },
} satisfies SlashCommand<typeof data>;
