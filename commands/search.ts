/** `/search`: ranked excerpts, only for the asker, with paging, Share… and More context. */
import { ExpiredError, decodeState, encodeState, parsePageId, type SearchState, type StateStore } from '../src/render/custom-id.ts';
import { LIMITS } from '../src/render/limits.ts';
import type { Reply } from '../src/render/models.ts';
import { CONTEXT_RADIUS, HITS_PER_PAGE, contextReply, expiredReply, noHitsReply, quoteCard, searchReply } from '../src/render/replies.ts';
import { explainNoHits } from '../src/search/no-hits.ts';
import { autocompleteFacet, filterLabel, filtersFrom, stringOption } from './options.ts';
import { ANY_CONTEXT, COMMAND_TYPE, OPTION_TYPE, SERVER_AND_USER_INSTALL, UserFacingError, type CommandContext, type SlashCommand } from './types.ts';

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

/** Runs a search page and builds its reply (also used by "Find related statements"). */
export async function runSearch(state: SearchState, page: number, ctx: CommandContext): Promise<Reply> {
  const response = await ctx.engine.search(state.query, {
    filters: state.filters,
    limit: HITS_PER_PAGE,
    offset: page * HITS_PER_PAGE,
  });
  ctx.note({ hits: response.total, page, searchMs: response.tookMs });
  const label = filterLabel(ctx.engine);
  if (response.total === 0) return noHitsReply(state, await explainNoHits(ctx.engine, state.query, state.filters), response.notices, label);
  if (response.hits.length === 0) {
    // Past the end (the library shrank since the buttons were made): show the last page.
    const last = Math.max(0, Math.ceil(response.total / HITS_PER_PAGE) - 1);
    if (last < page) return runSearch(state, last, ctx);
  }
  return searchReply(response, page, state, ctx.store, label);
}

export default {
  data: {
    type: COMMAND_TYPE.ChatInput,
    name: 'search',
    description: 'Search the statements; only you see the results',
    contexts: ANY_CONTEXT,
    integration_types: SERVER_AND_USER_INSTALL,
    options: [
      { type: OPTION_TYPE.String, name: 'query', description: 'Words, "phrases", -words it must not say, filters (country:COL); empty: a long-text form', max_length: 500 },
      { type: OPTION_TYPE.String, name: 'country', description: 'Countries (names or ISO codes), comma-separated; -USA leaves one out', autocomplete: true },
      { type: OPTION_TYPE.String, name: 'speaker', description: 'Part of a speaker’s name; several comma-separated; -name leaves out', autocomplete: true },
      { type: OPTION_TYPE.String, name: 'year', description: 'Year, e.g. 2021', max_length: 4 },
      { type: OPTION_TYPE.String, name: 'from', description: 'From date: 2019 or 2019-06-30', max_length: 10 },
      { type: OPTION_TYPE.String, name: 'to', description: 'To date: 2021 or 2021-12-31', max_length: 10 },
      { type: OPTION_TYPE.String, name: 'session', description: 'Session numbers or ranges: 76, 70-76, -75', autocomplete: true },
      { type: OPTION_TYPE.String, name: 'document', description: 'Documents, comma-separated; -id leaves one out', autocomplete: true },
    ],
  },
  visibility: 'ephemeral',

  async run(input, ctx) {
    const query = stringOption(input, 'query');
    // no query: a form with a paragraph input, for what does not fit the option's 500 characters
    if (!query) return longQueryForm(filtersFrom(input, ctx.engine), ctx.store);
    return runSearch({ query, filters: filtersFrom(input, ctx.engine) }, 0, ctx);
  },

  autocomplete(input, ctx) {
    return autocompleteFacet(input, ctx.engine);
  },

  component: {
    mode(id) {
      if (id.startsWith('search:page:')) return 'update';
      if (id.startsWith(FORM)) return 'ephemeral';
      if (id === 'search:share') return 'public';
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
      const passageId = input.values[0];
      if (input.id === 'search:share') {
        const hit = passageId ? ctx.engine.passage(passageId) : undefined;
        if (!hit) return expiredReply(RERUN);
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
} satisfies SlashCommand;
