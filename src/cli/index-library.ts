/** `npm run index -- [--data DIR]`: build (or validate) the index cache and print the index report. */
import { parseArgs } from 'node:util';
import { textReport } from './print.ts';
import { LIBRARY_FLAGS, LIBRARY_HELP, openForCli, runMain } from './common.ts';

const HELP = `Index the statement library and print the report (documents, passages, skipped files).

Usage:
  npm run index -- [--data DIR] [--cache FILE] [--rebuild] [--json]

Options:
${LIBRARY_HELP}
  --json             print the report as JSON
  -h, --help         this help

The cache is reused when no file was added, changed or removed; otherwise the library is indexed
again and the cache replaced atomically.
PDF, Word (.docx) and HTML files are parsed off the main thread, each within the time and size
limits above; a file over a limit, corrupt, encrypted or without a text layer (a scan) is listed
as skipped with its reason, and the rest is indexed. While indexing, a line per parsed file
(PDF, Word, HTML; every file in a library under 200 files) shows on stderr how long it took or
why it was skipped: "[3/25] A_71_PV.1.pdf 0.9 s". A file whose parser timed out or crashed while
other files were being parsed is tried once more on its own before it is reported.
Exit codes: 0 success, 1 bad usage or input, 2 nothing could be indexed.`;

async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: { ...LIBRARY_FLAGS, json: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h', default: false } },
  });
  if (values.help) {
    process.stdout.write(HELP + '\n');
    return 0;
  }
  const opened = await openForCli(values, { quiet: true, perFile: true });
  if (values.json) {
    const { report, fromCache, ms, cachePath, dataDir } = opened;
    process.stdout.write(JSON.stringify({ dataDir, cachePath, fromCache, ms, ...report }, null, 2) + '\n');
  } else {
    process.stdout.write(textReport(opened.report, opened) + '\n');
  }
  return 0;
}

runMain(main);
