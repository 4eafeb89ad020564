/**
 * `npm run search -- "<query>" [options]` and `npm run search -- --batch FILE --json`.
 * Exit codes: 0 success, 1 bad usage or input, 2 nothing could be indexed.
 */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { hasFilter, QUERY_HELP } from '../search/query.ts';
import { hitsCsv } from '../render/csv.ts';
import { countOf } from '../render/text.ts';
import { MAX_HITS, QueryError, SORT_ORDERS, type SearchEngine, type SearchFilters, type SearchResponse, type SortOrder } from '../types.ts';
import { parseFilters } from '../search/filter-values.ts';
import { explainNoHits } from '../search/no-hits.ts';
import { jsonResult, noHitsLines, noteLines, textNoHitsHelp, textResult, type JsonResult } from './print.ts';
import { checkWritable, openForCli, queryArgs, UsageError, runMain, writeOutput, LIBRARY_FLAGS, LIBRARY_HELP } from './common.ts';

const HELP = `Search the statement library.

Usage:
  npm run search -- "<query>" [options]
  npm run search -- --country LBN [options]     filters alone (or "country:LBN"): the passages
                                                they allow, newest document first, each first to last
  npm run search -- --batch FILE --json [--limit N] [--data DIR]

Options:
  --country X        country name or ISO code (Colombia, COL, CO)
  --speaker X        part of the speaker's name: the person under all their spellings
                     (--speaker "Joe Biden" finds "Joseph R. Biden, Jr" too)
  --organisation X   part of the organisation's name
  --year N           one year (YYYY)
  --from D --to D    date range, YYYY or YYYY-MM-DD, inclusive
  --session N        session number, or a range: 70-76
  --document D       one document: its id (as shown in results), its symbol
                     (A/RES/55/2, any case) or words of its title or country naming it alone
  --symbol S         one UN document symbol, e.g. E/CN.7/2021/12 (case-insensitive)
                     Every filter above but the dates takes several values, separated by commas
                     or by repeating the flag (--country COL,MEX = --country COL --country MEX):
                     any of them matches; different filters must all match. A value with a dash
                     leaves passages out: --country=-USA (write = before a leading dash).
  --sort ORDER       relevance (default; filters alone: newest), newest or oldest (the passages
                     holding the most of the words first, by date among them, then relevance;
                     undated passages last)
  --limit N          hits to show (default 5, --json default 10, at most 100;
                     --csv: default and at most 5000)
  --offset N         hits to skip, for paging (default 0)
  --json             print a stable JSON object (see README, "JSON output"); when nothing
                     matches, its "noHits" says why, as the text output does
  --csv              print every hit (up to 5000) as CSV: rank, score, passage id, excerpt,
                     text, every source field, link; UTF-8 with BOM (Excel opens it)
  --out FILE         with --csv: write the CSV to FILE instead of standard output
  --batch FILE       run one query per line of FILE (JSON: {"id","query","filters"}),
                     printing one JSON line per query with tookMs; the index loads once.
                     "filters" values are strings or lists: {"country":["COL","MEX"],
                     "session":"70-76"} or {"country":"COL,MEX,-USA"}; an IR collection's
                     queries file ({"id","text"}, or BEIR's {"_id","text"}) is read as it is
${LIBRARY_HELP}
  -h, --help         this help

Query language:
${QUERY_HELP}

Exit codes: 0 success (also when nothing matches), 1 bad usage or input, 2 nothing could be indexed.`;

/** The options the command takes (node:util parseArgs). */
const OPTIONS = {
  country: { type: 'string', multiple: true },
  speaker: { type: 'string', multiple: true },
  organisation: { type: 'string', multiple: true },
  organization: { type: 'string', multiple: true },
  year: { type: 'string' },
  from: { type: 'string' },
  to: { type: 'string' },
  session: { type: 'string', multiple: true },
  document: { type: 'string', multiple: true },
  symbol: { type: 'string', multiple: true },
  limit: { type: 'string' },
  offset: { type: 'string' },
  json: { type: 'boolean', default: false },
  csv: { type: 'boolean', default: false },
  out: { type: 'string' },
  sort: { type: 'string' },
  batch: { type: 'string' },
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
  if (values.csv && values.json) throw new UsageError('Give --csv or --json, not both.');
  if (values.out !== undefined && !values.csv) throw new UsageError('--out FILE goes with --csv.');
  const limit = values.csv
    ? intFlag('limit', values.limit, MAX_HITS, 1, MAX_HITS)
    : intFlag('limit', values.limit, values.json || values.batch ? 10 : 5, 1, 100);
  const offset = intFlag('offset', values.offset, 0, 0, 10_000);
  const sort = sortFlag(values.sort);

  if (values.batch !== undefined) {
    if (positionals.length) throw new UsageError('Give either a query or --batch FILE, not both.');
    const { engine } = await openForCli(values, { quiet: true });
    return runBatch(engine, values.batch, limit);
  }

  const query = positionals.join(' ').trim();
  const filters = parseFilters({
    country: values.country,
    speaker: values.speaker,
    organisation: [...(values.organisation ?? []), ...(values.organization ?? [])],
    year: values.year,
    from: values.from,
    to: values.to,
    session: values.session,
    document: values.document,
    symbol: values.symbol,
  });

  if (!query && !hasFilter(filters)) {
    throw new UsageError('No query given. Try: npm run search -- "heroin smuggled Afghanistan", or a filter alone: --country LBN  (or --help)');
  }
  // a file that cannot be written is said before the library is opened
  if (values.out !== undefined) checkWritable(values.out);
  const { engine } = await openForCli(values, { quiet: values.json || (values.csv && values.out === undefined) });
  const result = await engine.search(query, { filters, limit, offset, sort, filtersAlone: true });
  if (values.csv) {
    const csv = hitsCsv(result.hits, offset + 1, result.listed);
    if (values.out === undefined) process.stdout.write(csv);
    else {
      writeOutput(values.out, csv);
      process.stderr.write(
        `${result.hits.length.toLocaleString('en-US')} of ${result.totalEstimated ? 'about ' : ''}${countOf(result.total, 'hits')} written to ${values.out}\n`,
      );
    }
  } else if (values.json) process.stdout.write(JSON.stringify(await jsonWithWhy(engine, result, query, filters), null, 2) + '\n');
  else {
    const help = result.total === 0 ? await explainNoHits(engine, query, filters) : undefined;
    // filters alone, one of which finds nothing in the library: that, in one sentence
    if (help?.emptyFilters && help.filtersAlone) process.stdout.write([...noteLines(result.notices), help.emptyFilters].join('\n') + '\n');
    else {
      process.stdout.write(textResult(result, offset, process.stdout.isTTY === true) + '\n');
      if (help) process.stdout.write(textNoHitsHelp(help));
    }
  }
  return 0;
}

/** The JSON of a search, with why nothing matched (`noHits`, the text output's lines) when nothing did. */
async function jsonWithWhy(engine: SearchEngine, r: SearchResponse, query: string, filters: SearchFilters): Promise<JsonResult> {
  const out = jsonResult(r, true);
  if (r.total === 0 && !r.hits.length) {
    const why = noHitsLines(await explainNoHits(engine, query, filters));
    if (why.length) out.noHits = why;
  }
  return out;
}

function sortFlag(raw: string | undefined): SortOrder {
  if (raw === undefined) return 'relevance';
  const sort = SORT_ORDERS.find((o) => o === raw);
  if (!sort) throw new UsageError(`--sort takes ${SORT_ORDERS.join(', ')} (got “${raw}”).`);
  return sort;
}

function intFlag(name: string, raw: string | undefined, dflt: number, min: number, max: number): number {
  if (raw === undefined) return dflt;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) throw new UsageError(`--${name} takes a whole number from ${min} to ${max} (got “${raw}”).`);
  return n;
}

/** A batch line; an IR collection's queries file (`{"id","text"}`, BEIR's `{"_id","text"}`) is read as it is. */
interface BatchLine {
  id?: unknown;
  _id?: unknown;
  query?: unknown;
  text?: unknown;
  filters?: unknown;
}

/** One JSON line out per line in; a bad line yields `{ id, line, error }` and the batch goes on. */
async function runBatch(engine: SearchEngine, file: string, limit: number): Promise<number> {
  const input = file === '-' ? process.stdin : createReadStream(file, 'utf8');
  let bad = 0;
  let lineNo = 0;
  const rl = createInterface({ input, crlfDelay: Infinity });
  try {
    for await (const raw of rl) {
      lineNo++;
      const line = raw.trim();
      if (!line) continue;
      let spec: BatchLine;
      try {
        spec = JSON.parse(line) as BatchLine;
      } catch {
        bad++;
        process.stdout.write(JSON.stringify({ line: lineNo, error: 'not valid JSON' }) + '\n');
        continue;
      }
      if (spec === null || typeof spec !== 'object' || Array.isArray(spec)) {
        bad++;
        process.stdout.write(
          JSON.stringify({ line: lineNo, error: 'not a query: each line is a JSON object like {"id":"a","query":"coca"}' }) + '\n',
        );
        continue;
      }
      const given = spec.id ?? spec._id;
      const id = typeof given === 'string' || typeof given === 'number' ? given : lineNo;
      const query = spec.query ?? spec.text;
      if (typeof query !== 'string') {
        bad++;
        process.stdout.write(JSON.stringify({ id, line: lineNo, error: 'missing "query" (a string)' }) + '\n');
        continue;
      }
      try {
        if (spec.filters !== undefined && (spec.filters === null || typeof spec.filters !== 'object' || Array.isArray(spec.filters))) {
          throw new QueryError('"filters" must be an object, e.g. {"country":["COL","MEX"],"session":"70-76"}');
        }
        const filters = parseFilters((spec.filters ?? {}) as Record<string, unknown>);
        const r = await engine.search(query, { filters, limit, filtersAlone: true });
        process.stdout.write(JSON.stringify({ id, ...(await jsonWithWhy(engine, r, query, filters)) }) + '\n');
      } catch (err) {
        if (!(err instanceof QueryError)) throw err;
        bad++;
        process.stdout.write(JSON.stringify({ id, query, line: lineNo, error: err.message }) + '\n');
      }
    }
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new UsageError(`Batch file not found: ${file}`);
    throw err;
  }
  if (bad) process.stderr.write(`${countOf(bad, 'batch lines')} could not be run (see their "error").\n`);
  return bad ? 1 : 0;
}

runMain(main);
