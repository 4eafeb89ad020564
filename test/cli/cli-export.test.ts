/**
 * `npm run search -- … --csv` and `--sort`: real processes over real General Debate speeches.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
const TSX = path.join(ROOT, 'node_modules/.bin/tsx');
const UNGDC = path.join(ROOT, 'test/fixtures/ungdc');
let tmp: string;

function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      TSX,
      [path.join(ROOT, 'src/cli/search.ts'), '--data', UNGDC, ...args],
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
    const hits = (JSON.parse(json.stdout) as { total: number; hits: { id: string }[] });
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

describe('npm run search -- --sort', () => {
  it('newest and oldest order the hits by date', async () => {
    const newest = JSON.parse((await run(['peace', '--sort', 'newest', '--json', '--limit', '100'])).stdout) as { hits: { source: { date: string } }[] };
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
