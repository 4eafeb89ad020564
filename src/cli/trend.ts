/**
 * `npm run trend -- "<query>" [filters] --by year --out chart.png`: how often the library speaks of
 * something, per year, session, country or speaker, as a PNG chart and as text.
 * Exit codes: 0 success (also when nothing matches: no chart is written then), 1 bad usage or input,
 * 2 nothing could be indexed.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { countOf, quotedQuery } from '../render/text.ts';
import { measureBy, rawIgnoredNote, summaryHeading, summaryLines, trendChart, trendFileName } from '../render/chart/spec.ts';
import { filterLabel } from '../search/filter-values.ts';
import { QUERY_HELP } from '../search/query.ts';
import { emptyFiltersNote } from '../search/no-hits.ts';
import { TREND_BYS, TREND_PERS, type SearchFilters, type TrendBy, type TrendPer } from '../types.ts';
import { checkWritable, LIBRARY_FLAGS, LIBRARY_HELP, openForCli, queryArgs, runMain, UsageError, writeOutput } from './common.ts';
import { noteLines } from './print.ts';

const HELP = `Chart how many passages match a query, per year, session, country or speaker.

Usage:
  npm run trend -- "<query>" [options]

A passage matches when its text holds every word of the query (or a word standing for it: word forms,
a typo's correction, an acronym's long form), every "quoted phrase" and none of the -excluded.

Options:
  --by B             year (default), session, country or speaker (a speaker is one bar
                     however the library spells them: "Joe Biden", "Joseph R. Biden")
  --per P            passages (default) or documents (documents holding a matching passage)
  --raw              year and session: plot counts, not matches per 1,000 passages
                     (per 100 documents with --per documents) of each year or session;
                     by country or speaker the bars are counts already (a note says so)
  --out FILE         the PNG to write (default: verbatim-<query>-<by>.png here, with -documents
                     and -raw when given: verbatim-cold-war-year-documents-raw.png)
  --json             print the counts as JSON instead (no chart, so not with --out; its notices
                     say how the query was read leniently)
  --country X  --speaker X  --organisation X  --year N  --from D  --to D
  --session N  --document ID  --symbol S       filters, as for npm run search
${LIBRARY_HELP}
  -h, --help         this help

Query language:
${QUERY_HELP}

Exit codes: 0 success (also when nothing matches), 1 bad usage or input, 2 nothing could be indexed.`;

const FILTER_KEYS = ['country', 'speaker', 'organisation', 'year', 'from', 'to', 'session', 'document', 'symbol'] as const;

function pick<T extends string>(name: string, raw: string | undefined, allowed: readonly T[], dflt: T): T {
  if (raw === undefined) return dflt;
  const v = allowed.find((a) => a === raw);
  if (!v) throw new UsageError(`--${name} takes ${allowed.join(', ')} (got “${raw}”).`);
  return v;
}

/** The options the command takes (node:util parseArgs). */
const OPTIONS = {
  by: { type: 'string' },
  per: { type: 'string' },
  raw: { type: 'boolean', default: false },
  out: { type: 'string' },
  json: { type: 'boolean', default: false },
  country: { type: 'string' },
  speaker: { type: 'string' },
  organisation: { type: 'string' },
  year: { type: 'string' },
  from: { type: 'string' },
  to: { type: 'string' },
  session: { type: 'string' },
  document: { type: 'string' },
  symbol: { type: 'string' },
  help: { type: 'boolean', short: 'h', default: false },
  ...LIBRARY_FLAGS,
} as const;

async function main(argv: string[]): Promise<number> {
  const { args, words } = queryArgs(argv, OPTIONS);
  const parsed = parseArgs({ args, allowPositionals: true, options: OPTIONS });
  const { values } = parsed;
  const positionals = words(parsed.positionals);
  if (values.help) {
    process.stdout.write(HELP + '\n');
    return 0;
  }
  const query = positionals.join(' ').trim();
  if (!query) throw new UsageError('No query given. Try: npm run trend -- "climate change" --by year --out chart.png  (or --help)');
  const by = pick<TrendBy>('by', values.by, TREND_BYS, 'year');
  const per = pick<TrendPer>('per', values.per, TREND_PERS, 'passages');
  const filters: SearchFilters = {};
  for (const key of FILTER_KEYS) {
    const v = values[key];
    if (v !== undefined) filters[key] = v;
  }
  if (values.json && values.out !== undefined) throw new UsageError('Give --json or --out, not both: --json prints the counts and writes no chart.');
  // a chart file that cannot be written is said before the library is opened
  const out = values.out ?? trendFileName(query, { by, per, raw: values.raw });
  if (!values.json) checkWritable(out);
  const opened = await openForCli(values, { quiet: values.json });
  const counts = await opened.engine.count(query, { filters, by, per });
  if (values.json) {
    process.stdout.write(JSON.stringify(counts, null, 2) + '\n');
    return 0;
  }
  const noun = per === 'documents' ? 'documents' : 'passages';
  // how the query was read leniently, first, as npm run search prints them; then a --raw that changes nothing
  const raw = rawIgnoredNote(by, values.raw, '--raw');
  const notes = noteLines([...(counts.notices ?? []), ...(raw ? [raw] : [])]);
  if (counts.total === 0) {
    // a filter that finds nothing in the library at all (--from 2030): named, with what the library holds, as search says it
    const empty = await emptyFiltersNote(opened.engine, query, filters);
    process.stdout.write(
      `${notes.map((l) => `${l}\n`).join('')}No ${noun} match ${quotedQuery(query)}${Object.keys(filters).length ? ' with these filters' : ''}; no chart written.\n${empty ? `${empty}\n` : ''}`,
    );
    return 0;
  }
  const options = { raw: values.raw, libraryName: path.basename(opened.dataDir), label: filterLabel(opened.engine) };
  const chart = trendChart(counts, options);
  const { renderChart } = await import('../render/chart/png.ts');
  const image = await renderChart(chart.spec, chart.texts);
  writeOutput(out, image.png);
  process.stdout.write(
    [
      ...notes,
      `${chart.title} — ${measureBy(counts, options)}: ${countOf(counts.total, noun)} in all (counted in ${counts.tookMs} ms).`,
      `${summaryHeading(counts)}:`,
      ...summaryLines(counts, options).map((l) => `  ${l}`),
      `Chart: ${out} (${image.width}×${image.height} PNG, ${Math.round(image.png.byteLength / 1024)} KB)`,
      `Alt text: ${chart.alt}`,
    ].join('\n') + '\n',
  );
  return 0;
}

runMain(main);
