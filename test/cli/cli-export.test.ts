/**
 * `npm run search -- … --csv` and `--sort`, and `npm run trend`: real processes over real General
 * Debate speeches.
 */
import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countPixels, decodePng } from '../support/png.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const TSX = path.join(ROOT, 'node_modules/.bin/tsx');
const UNGDC = path.join(ROOT, 'test/fixtures/ungdc');
let tmp: string;

function run(args: string[], script: 'search' | 'trend' = 'search'): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      TSX,
      [path.join(ROOT, `src/cli/${script}.ts`), '--data', UNGDC, ...args],
      { cwd: ROOT, env: { ...process.env, INDEX_CACHE: path.join(tmp, 'cache.bin') }, timeout: 60_000, maxBuffer: 64 << 20 },
      (err, stdout, stderr) => resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

beforeAll(() => {
  tmp = mkdtempSync(path.join(tmpdir(), 'verbatim-cli-export-'));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('npm run search -- --csv', () => {
  it('writes every hit as CSV (BOM, header, same order and ids as --json)', async () => {
    const out = path.join(tmp, 'peace.csv');
    const csv = await run(['peace', '--csv', '--out', out]);
    expect(csv.code).toBe(0);
    expect(csv.stderr).toMatch(/^(\d+) of \1 hits written to /m);
    const bytes = readFileSync(out);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parse(bytes.toString('utf8').slice(1), { columns: true }) as Record<string, string>[];
    const json = await run(['peace', '--json', '--limit', '100']);
    const hits = JSON.parse(json.stdout) as { total: number; hits: { id: string }[] };
    expect(rows).toHaveLength(hits.total);
    expect(rows.slice(0, hits.hits.length).map((r) => r['passage'])).toEqual(hits.hits.map((h) => h.id));
  });

  it('prints the CSV on standard output without --out', async () => {
    const r = await run(['"Colombian New Deal"', '--csv']);
    expect(r.code).toBe(0);
    const rows = parse(r.stdout.slice(1), { columns: true }) as Record<string, string>[];
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((row) => row['country'] === 'COL' && /Colombian New Deal/i.test(row['text']!))).toBe(true);
  });
});

describe('the section column of a speaking copy', () => {
  it('is not the speech’s word count (the Mexico statement, 2024)', async () => {
    // before: every passage of it had the section "2724 palabras – 15 minutos"
    const dir = mkdtempSync(path.join(tmp, 'mexico-'));
    copyFileSync(path.join(ROOT, 'test/fixtures/un-documents/GA79_statement_Mexico_es.pdf'), path.join(dir, 'mexico.pdf'));
    const r = await new Promise<{ code: number; stdout: string }>((resolve) =>
      execFile(
        TSX,
        [path.join(ROOT, 'src/cli/search.ts'), 'presidente', '--csv', '--data', dir, '--cache', path.join(dir, 'cache.bin')],
        { cwd: ROOT, timeout: 60_000 },
        (err, stdout) => resolve({ code: err ? 1 : 0, stdout }),
      ),
    );
    expect(r.code).toBe(0);
    const rows = parse(r.stdout.slice(1), { columns: true }) as Record<string, string>[];
    expect(rows.length).toBeGreaterThan(1);
    expect(rows.map((row) => row['section'])).toEqual(rows.map(() => ''));
    // the greeting is a passage of its own, not run together with the word count
    expect(rows.some((row) => row['text']!.startsWith('Mr. President, señor presidente.'))).toBe(true);
  });
});

describe('the citation columns of a numbered UN document', () => {
  it('say, as the JSON does, that a passage has no printed number, where it stands, and that it is a footnote (A/RES/55/2)', async () => {
    // before: the CSV had afterParagraph and beforeParagraph but no unnumbered or footnote column,
    // so a footnote "after para. 9" read like a heading there
    const dir = mkdtempSync(path.join(tmp, 'res-55-2-'));
    copyFileSync(path.join(ROOT, 'test/fixtures/un-documents/A_RES_55_2.pdf'), path.join(dir, 'A_RES_55_2.pdf'));
    const search = (args: string[]): Promise<string> =>
      new Promise((resolve, reject) =>
        execFile(
          TSX,
          [path.join(ROOT, 'src/cli/search.ts'), ...args, '--data', dir, '--cache', path.join(dir, 'cache.bin')],
          { cwd: ROOT, timeout: 60_000, maxBuffer: 64 << 20 },
          (err, stdout) => (err ? reject(err) : resolve(stdout)),
        ),
      );
    const columns = ['printedParagraph', 'unnumbered', 'afterParagraph', 'beforeParagraph', 'footnote', 'footnoteNumber'] as const;
    const cases: [string, Record<(typeof columns)[number], string>][] = [
      [
        '"A/55/305-S/2000/809"',
        { printedParagraph: '', unnumbered: 'true', afterParagraph: '9', beforeParagraph: '', footnote: 'true', footnoteNumber: '1' },
      ],
      [
        '"Adopts the following Declaration"',
        { printedParagraph: '', unnumbered: 'true', afterParagraph: '', beforeParagraph: '1', footnote: 'false', footnoteNumber: '' },
      ],
      [
        'spare no effort to free our fellow men',
        { printedParagraph: '11', unnumbered: 'false', afterParagraph: '', beforeParagraph: '', footnote: 'false', footnoteNumber: '' },
      ],
    ];
    for (const [query, want] of cases) {
      const csv = await search([query, '--csv', '--limit', '1']);
      const header = csv.slice(1).split('\r\n')[0]!.split(',');
      // the new columns follow the older ones, so their positions hold; then the statement's and the citation (QA22 F7)
      expect(header.slice(21, 30)).toEqual([
        'pageEnd',
        'afterParagraph',
        'beforeParagraph',
        'unnumbered',
        'footnote',
        'part',
        'parts',
        'footnoteNumber',
        'link',
      ]);
      expect(header.slice(30)).toEqual(['statement', 'reportedBy', 'onBehalfOf', 'languageNote', 'citation', 'alsoIn']);
      const [row] = parse(csv.slice(1), { columns: true }) as Record<string, string>[];
      expect(Object.fromEntries(columns.map((c) => [c, row![c]]))).toEqual(want);
      // the same values as --json's source
      const json = JSON.parse(await search([query, '--json', '--limit', '1'])) as { hits: { source: Record<string, unknown> }[] };
      const source = json.hits[0]!.source;
      expect(Object.fromEntries(columns.map((c) => [c, source[c] === null ? '' : String(source[c])]))).toEqual(want);
    }
  }, 120_000);
});

describe('npm run search -- --sort', () => {
  it('newest and oldest order the hits by date', async () => {
    const newest = JSON.parse((await run(['peace', '--sort', 'newest', '--json', '--limit', '100'])).stdout) as {
      hits: { source: { date: string } }[];
    };
    const dates = newest.hits.map((h) => h.source.date);
    expect(dates[0]).toBe('2021');
    expect([...dates].sort().reverse()).toEqual(dates);
    const oldest = JSON.parse((await run(['peace', '--sort', 'oldest', '--json'])).stdout) as { hits: { source: { date: string } }[] };
    expect(oldest.hits[0]!.source.date).toBe('1956');
  });

  it('rejects an unknown order with exit code 1', async () => {
    const r = await run(['peace', '--sort', 'latest']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('--sort takes relevance, newest, oldest (got “latest”).\n');
  });
});

describe('an --out file that cannot be written', () => {
  it('is one sentence naming the file and why, exit 1, before the library is opened (trend and search --csv)', async () => {
    const cache = path.join(tmp, 'never.bin');
    const missing = path.join(tmp, 'no-such-folder');
    const cases: [string[], 'search' | 'trend', string][] = [
      [['veto', '--out', path.join(missing, 'x.png')], 'trend', `Cannot write ${path.join(missing, 'x.png')}: the folder ${missing} does not exist.`],
      [['veto', '--out', tmp], 'trend', `Cannot write ${tmp}: it is a folder (give a file name).`],
      [
        ['veto', '--csv', '--out', path.join(missing, 'x.csv')],
        'search',
        `Cannot write ${path.join(missing, 'x.csv')}: the folder ${missing} does not exist.`,
      ],
      [['veto', '--csv', '--out', tmp], 'search', `Cannot write ${tmp}: it is a folder (give a file name).`],
    ];
    for (const [args, script, message] of cases) {
      const r = await run([...args, '--cache', cache], script);
      expect({ code: r.code, stderr: r.stderr, stdout: r.stdout }).toEqual({ code: 1, stderr: `${message}\n`, stdout: '' });
    }
    expect(existsSync(cache)).toBe(false); // said before indexing
  });

  it('trend --json writes no chart, so --out with it is refused as --help says', async () => {
    const help = await run(['--help'], 'trend');
    expect(help.stdout).toMatch(/--json +print the counts as JSON instead \(no chart, so not with --out;/);
    const r = await run(['peace', '--json', '--out', path.join(tmp, 'j.png')], 'trend');
    expect({ code: r.code, stderr: r.stderr, stdout: r.stdout }).toEqual({
      code: 1,
      stderr: 'Give --json or --out, not both: --json prints the counts and writes no chart.\n',
      stdout: '',
    });
  });
});

describe('npm run trend', () => {
  it('writes the chart as a PNG and prints the top years with counts and the alt text', async () => {
    const out = path.join(tmp, 'chart.png');
    const r = await run(['peace', '--by', 'year', '--out', out], 'trend');
    expect(r.code).toBe(0);
    const img = decodePng(readFileSync(out));
    expect(img.width).toBeGreaterThan(1000);
    const json = JSON.parse((await run(['peace', '--json'], 'trend')).stdout) as { total: number; buckets: { key: string; count: number }[] };
    expect(r.stdout).toMatch(new RegExp(`^“peace” — matching passages per 1,000 passages of each year: ${json.total} passages in all`)); // no Note first
    for (const b of json.buckets.filter((x) => x.count > 0))
      expect(r.stdout).toMatch(new RegExp(`^  ${b.key}: [\\d.]+ per 1,000 passages \\(${b.count} passages?\\)$`, 'm'));
    expect(r.stdout).toContain(`Chart: ${out} (${img.width}×${img.height} PNG`);
    expect(r.stdout).toMatch(/^Alt text: Line chart of matching passages per 1,000 passages of the year for “peace”, year 1956 to 2021\./m);
  });

  it('names the chart after the query in its own script when no --out is given', async () => {
    // before: a query in Arabic lost its words: verbatim-country.png
    const dir = mkdtempSync(path.join(tmp, 'arabic-'));
    mkdirSync(path.join(dir, 'lib'));
    copyFileSync(path.join(ROOT, 'test/fixtures/un-documents/GA79_statement_Lebanon_ar.pdf'), path.join(dir, 'lib', 'lebanon.pdf'));
    const r = await new Promise<{ code: number; stdout: string }>((resolve) =>
      execFile(
        TSX,
        [path.join(ROOT, 'src/cli/trend.ts'), 'لبنان', '--by', 'country', '--data', 'lib', '--cache', 'cache.bin'],
        { cwd: dir, env: process.env, timeout: 60_000 },
        (err, stdout) => resolve({ code: err ? 1 : 0, stdout }),
      ),
    );
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Chart: verbatim-لبنان-country\.png \(/m);
    expect(existsSync(path.join(dir, 'verbatim-لبنان-country.png'))).toBe(true);
  });

  it('--raw: years the library holds nothing of have no value; the line breaks there', async () => {
    const out = path.join(tmp, 'raw.png');
    const r = await run(['peace', '--raw', '--out', out], 'trend');
    expect(r.code).toBe(0);
    const img = decodePng(readFileSync(out));
    // speeches of 1956, 2011 and 2021 only: about 1985, halfway along the axis, nothing is drawn —
    // no area under a line joining 1956 and 2011 (as before), and no line along 0 (a 0 for every
    // year between would draw one)
    const lightBlue = (r: number, _g: number, b: number): boolean => r > 150 && b > 230 && b - r > 25;
    const line = (r: number, g: number, b: number): boolean => Math.abs(r - 0x2b) < 40 && Math.abs(g - 0x6c) < 40 && Math.abs(b - 0xb0) < 40;
    const strip = { x: Math.round(img.width * 0.45), y: Math.round(img.height * 0.15), w: 10, h: Math.round(img.height * 0.7) };
    expect(countPixels(img, strip, lightBlue)).toBe(0);
    expect(countPixels(img, strip, line)).toBe(0);
    // the three years are drawn, as points
    expect(countPixels(img, { x: 0, y: 0, w: img.width, h: img.height }, line)).toBeGreaterThan(100);
  });

  it('names the countries of the filter (names, comma and space), and a long title wraps: the PNG keeps its width', async () => {
    const out = path.join(tmp, 'countries.png');
    const r = await run(['peace', '--by', 'country', '--country', 'VEN,COL,BRA,BTN,AUT', '--out', out], 'trend');
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toMatch(/^“peace” · country: Venezuela, Colombia, Brazil, Bhutan, Austria — matching passages by country: /);
    const plain = path.join(tmp, 'countries-plain.png');
    expect((await run(['peace', '--by', 'country', '--out', plain], 'trend')).code).toBe(0);
    const [wide, normal] = [decodePng(readFileSync(out)), decodePng(readFileSync(plain))];
    expect(wide.width).toBe(normal.width);
    expect(r.stdout).toContain(`Chart: ${out} (${wide.width}×${wide.height} PNG`);
  });

  it('says in a note that --raw changes nothing by country (countries are charted as counts)', async () => {
    // before: --raw was ignored without a word
    const out = path.join(tmp, 'raw-countries.png');
    const r = await run(['peace', '--by', 'country', '--raw', '--out', out], 'trend');
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('Note: --raw applies to years and sessions only: a chart by country always shows counts.');
    expect(lines[1]).toMatch(/^“peace” — matching passages by country: /);
    const plain = await run(['peace', '--by', 'country', '--out', out], 'trend');
    expect(plain.stdout).not.toContain('--raw');
  });

  it('counts documents by country, raw', async () => {
    const r = await run(['peace', '--by', 'country', '--per', 'documents', '--json'], 'trend');
    const counts = JSON.parse(r.stdout) as { by: string; per: string; buckets: { key: string; count: number }[] };
    expect(counts.by).toBe('country');
    expect(counts.buckets.find((b) => b.key === 'COL')?.count).toBe(2);
  });

  it('prints how it read the query first, as search does (Note: …), in text and in --json', async () => {
    const out = path.join(tmp, 'lenient.png');
    const spaced = 'Read “country: security” as words — for a country filter write country:COL or country:"South Africa" (no space after the colon).';
    const r = await run(['peace country: security', '--out', out], 'trend');
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe(`Note: ${spaced}`);
    expect(lines[1]).toMatch(/^“peace country: security” — matching passages per 1,000 passages of each year: \d+ passages? in all/);
    const json = JSON.parse((await run(['peace country: security', '--json'], 'trend')).stdout) as { total: number; notices?: string[] };
    expect(json.notices).toEqual([spaced]);
    const words = JSON.parse((await run(['peace country security', '--json'], 'trend')).stdout) as { total: number; notices?: string[] };
    expect(json.total).toBe(words.total);
    expect(words).not.toHaveProperty('notices');
    const none = await run(['peace from: 5 years', '--out', path.join(tmp, 'none.png')], 'trend');
    expect(none.stdout).toBe(
      'Note: Read “from: 5” as words — for a date filter write from:2021 or from:2021-10-19 (no space after the colon).\n' +
        'No passages match “peace from: 5 years”; no chart written.\n',
    );
  });

  it('says what to fix for a bad option, and writes nothing when nothing matches', async () => {
    const bad = await run(['peace', '--by', 'decade'], 'trend');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toBe('--by takes year, session, country, speaker (got “decade”).\n');
    const none = await run(['xylophone', '--out', path.join(tmp, 'none.png')], 'trend');
    expect(none.code).toBe(0);
    // before: "No passages match xylophone; …", unquoted, unlike search's “…”
    expect(none.stdout).toBe('No passages match “xylophone”; no chart written.\n');
    const slash = await run(["Côte d'Ivoire/Sénégal", '--out', path.join(tmp, 'none.png')], 'trend');
    expect(slash.stdout).toBe("No passages match “Côte d'Ivoire/Sénégal”; no chart written.\n");
  });

  it('names its default file after how the chart is drawn, so --raw and --per documents do not overwrite the default chart', async () => {
    // before: all three wrote verbatim-cold-war-year.png, each over the last
    const dir = mkdtempSync(path.join(tmp, 'names-'));
    const names: string[] = [];
    for (const extra of [[], ['--raw'], ['--per', 'documents'], ['--per', 'documents', '--raw']]) {
      const r = await new Promise<{ code: number; stdout: string }>((resolve) =>
        execFile(
          TSX,
          [path.join(ROOT, 'src/cli/trend.ts'), 'cold war', ...extra, '--data', UNGDC, '--cache', path.join(tmp, 'cache.bin')],
          { cwd: dir, env: process.env, timeout: 60_000 },
          (err, stdout) => resolve({ code: err ? 1 : 0, stdout }),
        ),
      );
      expect(r.code).toBe(0);
      names.push(/^Chart: (\S+) \(/m.exec(r.stdout)![1]!);
    }
    expect(names).toEqual([
      'verbatim-cold-war-year.png',
      'verbatim-cold-war-year-raw.png',
      'verbatim-cold-war-year-documents.png',
      'verbatim-cold-war-year-documents-raw.png',
    ]);
    for (const name of names) expect(existsSync(path.join(dir, name))).toBe(true);
  });
});

describe('a listing of filters alone', () => {
  it('shows no score, in text, JSON (null) and CSV (empty), since nothing was ranked', async () => {
    // before: "score 0.000" on every hit, and 0 in JSON and CSV
    const text = await run(['country:COL', '--limit', '3']);
    expect(text.code).toBe(0);
    const ids = [...text.stdout.matchAll(/^ {3}id (\S+)$/gm)].map((m) => m[1]);
    expect(ids).toHaveLength(3);
    expect(text.stdout).not.toContain('score');
    const json = JSON.parse((await run(['country:COL', '--json', '--limit', '3'])).stdout) as { hits: { id: string; score: number | null }[] };
    expect(json.hits.map((h) => [h.id, h.score])).toEqual(ids.map((id) => [id, null]));
    const rows = parse((await run(['--country', 'COL', '--csv'])).stdout.slice(1), { columns: true }) as Record<string, string>[];
    expect(rows.slice(0, 3).map((r) => [r['passage'], r['score']])).toEqual(ids.map((id) => [id, '']));
    // a ranked search keeps its scores
    const ranked = JSON.parse((await run(['peace', '--country', 'COL', '--json', '--limit', '3'])).stdout) as { hits: { score: number }[] };
    for (const h of ranked.hits) expect(h.score).toBeGreaterThan(0);
  });
});
