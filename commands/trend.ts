/**
 * `/trend query [filters] [by] [per] [raw]`: a PNG chart of how many passages (or documents) match
 * per year, session, country or speaker, privately with Share…, the top buckets in the message text
 * and the chart described in its alt text.
 */
import { decodeState, encodeState, ExpiredError, stateFromId, stateId } from '../src/render/custom-id.ts';
import { measureBy, rawIgnoredNote, summaryHeading, summaryLines, trendChart, trendFileName } from '../src/render/chart/spec.ts';
import type { Reply } from '../src/render/models.ts';
import { filterLabel } from '../src/search/filter-values.ts';
import { emptyFiltersNote } from '../src/search/no-hits.ts';
import { expiredReply, noTrendReply, trendReply } from '../src/render/replies.ts';
import { TREND_BYS, TREND_PERS, type SearchFilters, type TrendBy, type TrendPer } from '../src/types.ts';
import { FILTER_OPTIONS, autocompleteFacet, filtersFrom, stringOption } from './options.ts';
import { COMMAND_TYPE, GUILD_ONLY, OPTION_TYPE, UserFacingError, type CommandContext, type CommandData, type SlashCommand } from '../src/command.ts';

export interface TrendState {
  query: string;
  filters: SearchFilters;
  by: TrendBy;
  per: TrendPer;
  raw: boolean;
}

const BY_CODE: Record<TrendBy, string> = { year: 'y', session: 's', country: 'c', speaker: 'k' };
const RERUN = 'Run /trend again.';

/** `trend:share:<by><per><raw>:<query and filters>` (long states kept in the store). */
export function trendShareId(s: TrendState, ctx: Pick<CommandContext, 'store'>): string {
  return stateId(`trend:share:${BY_CODE[s.by]}${s.per[0]}${s.raw ? 1 : 0}:`, encodeState({ query: s.query, filters: s.filters }), ctx.store);
}

/** Reads a share id back. @throws ExpiredError when its state is gone. */
export function parseTrendShareId(id: string, ctx: Pick<CommandContext, 'store'>): TrendState {
  const m = /^trend:share:([ysck])([pd])([01]):/.exec(id);
  const by = TREND_BYS.find((b) => BY_CODE[b] === m?.[1]);
  if (!m || !by) throw new ExpiredError('unreadable trend id');
  const state = decodeState(stateFromId(id, m[0], ctx.store));
  if (!state) throw new ExpiredError('unreadable trend state');
  return { query: state.query, filters: state.filters, by, per: m[2] === 'd' ? 'documents' : 'passages', raw: m[3] === '1' };
}

/** Counts, draws and answers a trend (privately with Share…, or publicly when shared). */
export async function runTrend(s: TrendState, ctx: CommandContext, sharedBy?: string): Promise<Reply> {
  const counts = await ctx.engine.count(s.query, { filters: s.filters, by: s.by, per: s.per });
  const options = { raw: s.raw, label: filterLabel(ctx.engine), ...(ctx.libraryName ? { libraryName: ctx.libraryName } : {}) };
  const chart = trendChart(counts, options);
  ctx.note({ hits: counts.total, countMs: counts.tookMs, by: s.by });
  if (counts.total === 0) return noTrendReply(chart.title, s.per, counts.notices, await emptyFiltersNote(ctx.engine, s.query, s.filters));
  // a raw chart of countries or speakers is the chart they always get: said privately, not when shared
  const raw = sharedBy ? undefined : rawIgnoredNote(s.by, s.raw, 'The raw option');
  // the chart libraries load on the first trend, not when the bot starts
  const { renderChart } = await import('../src/render/chart/png.ts');
  const image = await renderChart(chart.spec, chart.texts);
  ctx.note({ svgMs: image.svgMs, pngMs: image.pngMs, bytes: image.png.byteLength });
  return trendReply(
    {
      title: chart.title,
      measure: measureBy(counts, options),
      total: counts.total,
      noun: s.per,
      top: summaryLines(counts, options, 8),
      heading: summaryHeading(counts),
      png: image.png,
      alt: chart.alt,
      fileName: trendFileName(s.query, s, 'trend'),
      notices: [...(counts.notices ?? []), ...(raw ? [raw] : [])],
    },
    sharedBy ? { sharedBy } : { shareId: trendShareId(s, ctx) },
  );
}

const data = {
  type: COMMAND_TYPE.ChatInput,
  name: 'trend',
  description: 'Chart how often the library speaks of something, by year, session, country or speaker',
  contexts: GUILD_ONLY,
  options: [
    {
      type: OPTION_TYPE.String,
      name: 'query',
      description: 'Words (all must be in a passage), "exact phrases", -excluded words',
      required: true,
      max_length: 500,
    },
    {
      type: OPTION_TYPE.String,
      name: 'by',
      description: 'Per year (default), session, country or speaker',
      choices: TREND_BYS.map((b) => ({ name: b, value: b })),
    },
    {
      type: OPTION_TYPE.String,
      name: 'per',
      description: 'Count passages (default) or documents',
      choices: TREND_PERS.map((p) => ({ name: p, value: p })),
    },
    { type: OPTION_TYPE.Boolean, name: 'raw', description: 'Year/session: raw counts instead of per 1,000 passages' },
    ...FILTER_OPTIONS,
  ],
} as const satisfies CommandData;

export default {
  data,
  visibility: 'ephemeral',

  async run(input, ctx) {
    const query = stringOption(input, 'query');
    if (!query) throw new UserFacingError('Give some words to chart, e.g. `/trend query: climate change by: year`.');
    const by = TREND_BYS.find((b) => b === stringOption(input, 'by')) ?? 'year';
    const per = TREND_PERS.find((p) => p === stringOption(input, 'per')) ?? 'passages';
    return runTrend({ query, filters: filtersFrom(input, ctx.engine), by, per, raw: input.options['raw'] === true }, ctx);
  },

  autocomplete(input, ctx) {
    return autocompleteFacet(input, ctx.engine);
  },

  component: {
    mode: () => 'public',
    async run(input, ctx) {
      let state: TrendState;
      try {
        state = parseTrendShareId(input.id, ctx);
      } catch (err) {
        if (err instanceof ExpiredError) return expiredReply(RERUN);
        throw err;
      }
      return runTrend(state, ctx, input.user.id);
    },
  },
} satisfies SlashCommand<typeof data>;
