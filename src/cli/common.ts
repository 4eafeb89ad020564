/** What the command-line entry points share: library flags, opening the library, output files, exit codes. */
import { accessSync, constants, statSync, writeFileSync, type Stats } from 'node:fs';
import path from 'node:path';
import cliProgress from 'cli-progress';
import { ConfigError, parseBytes, parseCount, parseLibraryConfig, parseMilliseconds } from '../config.ts';
import { defaultCachePath, openLibrary } from '../library/open.ts';
import { closeExtractors, type FileProgress } from '../ingest/load-library.ts';
import { QueryError, type ExtractLimits, type IngestReport, type SearchEngine } from '../types.ts';
import { countOf } from '../render/text.ts';

/** Marks a query word held apart from parseArgs (a private-use character no one types). */
const HELD = '\uE000';

/**
 * The arguments with the query words that open with one dash ("-veto sanctions", "-country:RUS")
 * held apart from parseArgs, which would read them as unknown short options and name a letter
 * the user never typed ("Unknown option '-v'"); `words` gives the positionals back as typed. A
 * value after a string option (`--country -USA`) and a short option the command has (`-h`) are
 * left to parseArgs.
 */
export function queryArgs(
  argv: readonly string[],
  options: Readonly<Record<string, { type: 'string' | 'boolean'; short?: string }>>,
): { args: string[]; words: (positionals: readonly string[]) => string[] } {
  const shorts = new Set(Object.values(options).flatMap((o) => (o.short ? [`-${o.short}`] : [])));
  const held: string[] = [];
  const args = argv.map((a, i) => {
    const prev = argv[i - 1];
    const valueOf = prev !== undefined && /^--[^=]+$/.test(prev) && options[prev.slice(2)]?.type === 'string';
    if (valueOf || !/^-[^-]/.test(a) || shorts.has(a)) return a;
    held.push(a);
    return `${HELD}${held.length - 1}`;
  });
  return { args, words: (positionals) => positionals.map((p) => (p.startsWith(HELD) ? held[Number(p.slice(HELD.length))]! : p)) };
}

/** Bad usage or input: printed as is, exit code 1. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** Nothing could be indexed: exit code 2. */
export class EmptyLibraryError extends Error {
  override name = 'EmptyLibraryError';
}

export const LIBRARY_FLAGS = {
  data: { type: 'string' },
  cache: { type: 'string' },
  rebuild: { type: 'boolean', default: false },
  'extract-timeout': { type: 'string' },
  'extract-max-bytes': { type: 'string' },
  'max-passages': { type: 'string' },
} as const;

export const LIBRARY_HELP = `  --data DIR         the library folder (default: $DATA_DIR or ./data)
  --cache FILE       the index cache file (default: $INDEX_CACHE or .cache/index-<library>-<hash>.bin)
  --rebuild          ignore the cache and index the library again
  --extract-timeout MS      give up on one PDF/Word/HTML file after MS milliseconds
                            (default: $EXTRACT_TIMEOUT_MS or 30000)
  --extract-max-bytes SIZE  skip files larger than SIZE, e.g. 20MB or 500KB
                            (default: $EXTRACT_MAX_BYTES or 20MB)
  --max-passages N          index at most N passages in the library; files past it are
                            skipped with the reason (default: $MAX_PASSAGES or 1000000)
                            (the cache does not record the limits: add --rebuild after changing them)`;

type LibraryFlags = {
  data?: string | undefined;
  cache?: string | undefined;
  rebuild?: boolean | undefined;
  'extract-timeout'?: string | undefined;
  'extract-max-bytes'?: string | undefined;
  'max-passages'?: string | undefined;
};

/**
 * The library settings for a CLI run: the environment read by the bot's parser
 * (src/config.ts), each flag given overriding its variable.
 */
export function librarySettings(
  flags: LibraryFlags,
  env: Readonly<Record<string, string | undefined>>,
): { dataDir: string; cachePath: string; limits: Partial<ExtractLimits> } {
  let config;
  try {
    config = parseLibraryConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) throw new UsageError(err.message);
    throw err;
  }
  const limits: Partial<ExtractLimits> = { ...config.extractLimits };
  const timeout = flags['extract-timeout'];
  if (timeout !== undefined) {
    const n = parseMilliseconds(timeout);
    if (n === undefined) throw new UsageError('--extract-timeout takes a whole number of milliseconds, e.g. 30000');
    limits.timeoutMs = n;
  }
  const max = flags['extract-max-bytes'];
  if (max !== undefined) {
    const n = parseBytes(max);
    if (n === undefined) throw new UsageError('--extract-max-bytes takes a size, e.g. 20MB, 500KB or 1000000');
    limits.maxBytes = n;
  }
  const passages = flags['max-passages'];
  if (passages !== undefined) {
    const n = parseCount(passages);
    if (n === undefined) throw new UsageError('--max-passages takes a whole number of passages, e.g. 1000000');
    limits.maxPassages = n;
  }
  const dataDir = path.resolve(flags.data ?? config.dataDir);
  const cachePath = path.resolve(flags.cache ?? config.indexCache ?? defaultCachePath(dataDir));
  return { dataDir, cachePath, limits };
}

export interface OpenedLibrary {
  engine: SearchEngine;
  report: IngestReport;
  fromCache: boolean;
  ms: number;
  cachePath: string;
  dataDir: string;
}

/**
 * Opens the library for a CLI command: from the cache when the library is unchanged, else indexes it
 * (with a progress bar on a terminal). Skipped files are listed on stderr unless `quiet`.
 */
export async function openForCli(flags: LibraryFlags, opts: { quiet?: boolean; progress?: boolean; perFile?: boolean } = {}): Promise<OpenedLibrary> {
  const { dataDir, cachePath, limits } = librarySettings(flags, process.env);
  const showBar = opts.progress !== false && process.stderr.isTTY === true;
  let bar: cliProgress.SingleBar | undefined;
  const started = performance.now();
  let opened;
  try {
    opened = await openLibrary({
      dataDir,
      cachePath,
      rebuild: flags.rebuild === true,
      limits,
      log: {
        info: () => undefined,
        warn: (obj: { err?: string }, msg: string) => {
          if (msg === 'could not save the index cache') {
            process.stderr.write(
              `Warning: could not save the index cache at ${cachePath} (${obj.err ?? 'unknown error'}); every run rebuilds the index until --cache or INDEX_CACHE names a writable place.\n`,
            );
          } else process.stderr.write(`Warning: ${msg}\n`);
        },
      },
      onProgress: (done: number, total: number, file?: FileProgress) => {
        // `npm run index`: a line per file that needed parsing (PDF, Word, HTML), or that was skipped.
        if (opts.perFile && file && (total < 200 || file.skipped !== undefined || /\.(?:pdf|docx?|html?)$/i.test(file.path))) {
          const seconds = (file.ms / 1000).toFixed(1);
          const line = `[${done}/${total}] ${file.path} ${file.skipped !== undefined ? `skipped: ${file.skipped}` : `${seconds} s`}\n`;
          if (bar) bar.stop();
          process.stderr.write(line);
          bar = undefined;
          return;
        }
        if (!showBar || total < 200) return;
        if (!bar) {
          bar = new cliProgress.SingleBar(
            { format: 'indexing {bar} {value}/{total} files', stream: process.stderr, hideCursor: true },
            cliProgress.Presets.shades_classic,
          );
          bar.start(total, 0);
        }
        bar.update(done);
      },
    });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new UsageError(`Library folder not found: ${dataDir}`);
    throw err;
  } finally {
    bar?.stop();
  }
  const ms = Math.round(performance.now() - started);
  const { engine, report, fromCache } = opened;
  if (report.passages === 0) {
    const reasons = report.skipped.slice(0, 10).map((p) => `  ${p.path} — ${p.reason}`);
    throw new EmptyLibraryError([`Nothing could be indexed in ${dataDir}.`, ...reasons].join('\n'));
  }
  if (!opts.quiet && report.skipped.length) {
    process.stderr.write(`${countOf(report.skipped.length, 'files')} skipped (npm run index -- --data ${flags.data ?? 'DIR'} lists them).\n`);
  }
  return { engine, report, fromCache, ms, cachePath, dataDir };
}

/** Why `file` cannot be written, in a sentence, or undefined when it can (as far as can be told before writing). */
function unwritable(file: string): string | undefined {
  const stat = (p: string): Stats | undefined => {
    try {
      return statSync(p);
    } catch {
      return undefined; // missing, or a path through a file (ENOTDIR)
    }
  };
  const dir = path.dirname(path.resolve(file));
  if (stat(file)?.isDirectory()) return `Cannot write ${file}: it is a folder (give a file name).`;
  const folder = stat(dir);
  if (!folder) return `Cannot write ${file}: the folder ${dir} does not exist.`;
  if (!folder.isDirectory()) return `Cannot write ${file}: ${dir} is not a folder.`;
  try {
    accessSync(stat(file) ? file : dir, constants.W_OK);
  } catch {
    return `Cannot write ${file}: no permission to write ${stat(file) ? 'that file' : `in the folder ${dir}`}.`;
  }
  return undefined;
}

/**
 * Checks that an output file can be written, before the slow part of a run (opening the library).
 * @throws UsageError naming the file and why (a missing folder, a folder, no permission).
 */
export function checkWritable(file: string): void {
  const why = unwritable(file);
  if (why) throw new UsageError(why);
}

/** Writes an output file; a failure is a sentence naming the file, not a stack trace. @throws UsageError */
export function writeOutput(file: string, data: string | Uint8Array): void {
  try {
    writeFileSync(file, data);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new UsageError(unwritable(file) ?? `Cannot write ${file}: ${code ?? (err instanceof Error ? err.message : String(err))}.`);
  }
}

/**
 * node:util parseArgs's error as one line naming the option and pointing to --help ("Unknown option
 * --bogus: see --help for the options."), instead of its text about positionals after `--`.
 */
export function argsErrorMessage(err: Error): string {
  const code = (err as NodeJS.ErrnoException).code;
  // the quoted name after "option" or "argument", up to a quote ending a word ("Unknown option '--it's'.")
  const quoted = /(?:option|argument) '(.*?)'(?=[.,\s]|$)/i.exec(err.message)?.[1] ?? '';
  // "-l, --limit <value>": the long name
  const option =
    quoted
      .replace(/ <value>$/, '')
      .split(', ')
      .pop() ?? quoted;
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return `Unknown option ${option}: see --help for the options.`;
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && / argument missing$/.test(err.message)) return `${option} needs a value: see --help.`;
  // "--country -USA" (a value starting with a dash) or "--country --json" (none): the next word reads as an option
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && / is ambiguous/.test(err.message)) {
    return `${option} needs a value (one starting with a dash is written ${option}=-USA): see --help.`;
  }
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') return `${option} takes no value: see --help.`;
  if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') return `Unexpected argument “${quoted}”: this command takes options only (see --help).`;
  return `${err.message} (see --help)`;
}

/** Runs a CLI main function, mapping errors to messages and exit codes; never prints a stack for user errors. */
export function runMain(main: (argv: string[]) => Promise<number>): void {
  // the extractor worker threads stop with the run
  main(process.argv.slice(2))
    .finally(() => closeExtractors())
    .then(
      (code) => {
        process.exitCode = code;
      },
      (err: unknown) => {
        if (err instanceof UsageError || err instanceof QueryError) {
          process.stderr.write(`${err.message}\n`);
          process.exitCode = 1;
        } else if (err instanceof EmptyLibraryError) {
          process.stderr.write(`${err.message}\n`);
          process.exitCode = 2;
        } else if (err instanceof TypeError && (err as NodeJS.ErrnoException).code?.startsWith('ERR_PARSE_ARGS')) {
          process.stderr.write(`${argsErrorMessage(err)}\n`);
          process.exitCode = 1;
        } else {
          process.stderr.write(`Unexpected error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
          process.exitCode = 1;
        }
      },
    );
}
