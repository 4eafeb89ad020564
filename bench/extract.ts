/**
 * `npx tsx bench/extract.ts [--data DIR] [--runs N] [--out FILE]`: how long extraction takes on each
 * file of a folder of real documents (default test/fixtures/un-documents, the 25 UN documents of
 * ../shared/corpora/un-documents), against pdf.js's own parse time.
 *
 * For a PDF, "pdf.js" is what any reader of the text layer must pay: open the document and call
 * getTextContent for every page. "Verbatim" is our whole extraction (src/ingest/formats/pdf.ts: the
 * same pdf.js work, then layout, furniture, footnotes, tables, paragraphs, metadata), in this
 * thread, so worker start-up is left out of both. Each figure is the median of N runs (default 3)
 * after one warm-up run. Word files are timed by our extraction alone. The issue-9 target: a
 * 30-page record in at most 2× pdf.js's time.
 *
 * The table is written into bench/RESULTS.md between the markers `<!-- extract:start -->` and
 * `<!-- extract:end -->` (`npm run bench` keeps that section when it rewrites the file).
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { getDocumentProxy } from 'unpdf';
import { extractors } from '../src/ingest/formats/extractors.ts';

const REPO_ROOT = path.resolve(import.meta.dirname, '..');
const { values } = parseArgs({
  options: {
    data: { type: 'string', default: path.join(REPO_ROOT, 'test/fixtures/un-documents') },
    runs: { type: 'string', default: '3' },
    out: { type: 'string', default: path.join(REPO_ROOT, 'bench/RESULTS.md') },
  },
});
const runs = Math.max(1, Number(values.runs) || 3);
const limits = { timeoutMs: 600_000, maxBytes: 100_000_000 };

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

async function pdfjsOnly(bytes: Uint8Array): Promise<{ pages: number }> {
  const pdf = await getDocumentProxy(bytes.slice(), { verbosity: 0 });
  try {
    for (let n = 1; n <= pdf.numPages; n++) {
      const page = await pdf.getPage(n);
      await page.getTextContent();
      page.cleanup();
    }
    return { pages: pdf.numPages };
  } finally {
    await pdf.destroy();
  }
}

async function timed<T>(f: () => Promise<T>): Promise<{ ms: number; value?: T; error?: string }> {
  const t = performance.now();
  try {
    const value = await f();
    return { ms: performance.now() - t, value };
  } catch (e) {
    return { ms: performance.now() - t, error: (e as Error).message };
  }
}

interface Row {
  file: string;
  pages: number | string;
  pdfjs?: number;
  ours?: number;
  passages?: number;
  note: string;
}

const rows: Row[] = [];
for (const file of readdirSync(values.data).sort()) {
  const ext = path.extname(file).toLowerCase();
  if (file === 'SOURCE.md') continue;
  const bytes = new Uint8Array(readFileSync(path.join(values.data, file)));
  // A ".DOC" from ODS is often OOXML inside: the library reads it as Word when the bytes say so.
  const isZip = bytes[0] === 0x50 && bytes[1] === 0x4b;
  const extractor = extractors[ext === '.doc' && isZip ? '.docx' : ext];
  if (!extractor) {
    rows.push({ file, pages: '–', note: `not extracted here (${ext})` });
    continue;
  }
  const ours: number[] = [];
  const base: number[] = [];
  let note = '';
  let pages: number | string = '–';
  let paragraphs = 0;
  for (let i = 0; i <= runs; i++) {
    const r = await timed(() => extractor(bytes, file, limits));
    if (r.error) {
      note = r.error;
      break;
    }
    paragraphs = r.value?.paragraphs?.length ?? 0;
    if (i > 0) ours.push(r.ms);
    if (ext === '.pdf') {
      const p = await timed(() => pdfjsOnly(bytes));
      pages = p.value?.pages ?? pages;
      if (i > 0) base.push(p.ms);
    }
  }
  const row: Row = { file, pages, note };
  if (ours.length) row.ours = median(ours);
  if (base.length) row.pdfjs = median(base);
  if (paragraphs) row.passages = paragraphs;
  if (!note && row.ours !== undefined && row.pdfjs !== undefined) row.note = note = `${(row.ours / row.pdfjs).toFixed(2)}× pdf.js`;
  rows.push(row);
  process.stderr.write(`[extract] ${file}: ${row.ours?.toFixed(0) ?? '–'} ms (pdf.js ${row.pdfjs?.toFixed(0) ?? '–'} ms) ${note}\n`);
}

const ms = (v?: number) => (v === undefined ? '–' : v.toFixed(0));
const load = os
  .loadavg()
  .map((l) => l.toFixed(2))
  .join(' / ');
const section = [
  '<!-- extract:start -->',
  '## Extraction of real UN documents (issue 9)',
  '',
  `Produced by \`npx tsx bench/extract.ts --data ${path.relative(REPO_ROOT, values.data)} --runs ${runs}\` on ${new Date().toISOString().slice(0, 10)}; ` +
    `${os.cpus().length} CPUs, Node ${process.version}, load average at the end ${load}. Median of ${runs} runs after a warm-up, in one thread ` +
    '(no worker start-up). "pdf.js" = open the PDF and getTextContent for every page; "Verbatim" = the whole extraction ' +
    '(the same pdf.js work plus layout, headers/footers, footnotes, tables, paragraphs, symbol and title). ' +
    'Target: a 30-page record in at most 2× pdf.js. The machine is shared, so absolute times are noisy; the ratio is taken in the same run.',
  '',
  '| file | pages | pdf.js ms | Verbatim ms | paragraphs | note |',
  '| --- | ---: | ---: | ---: | ---: | --- |',
  ...rows.map((r) => `| ${r.file} | ${r.pages} | ${ms(r.pdfjs)} | ${ms(r.ours)} | ${r.passages ?? '–'} | ${r.note} |`),
  '<!-- extract:end -->',
].join('\n');

process.stdout.write(section + '\n');
if (values.out !== '-') {
  const before = existsSync(values.out) ? readFileSync(values.out, 'utf8') : '';
  const marked = /<!-- extract:start -->[\s\S]*?<!-- extract:end -->/;
  const after = marked.test(before) ? before.replace(marked, section) : `${before.trimEnd()}\n\n${section}\n`;
  writeFileSync(values.out, after);
  process.stderr.write(`[extract] wrote ${path.relative(process.cwd(), values.out)}\n`);
}
