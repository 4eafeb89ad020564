import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runBench, type BenchResults } from '../../bench/harness.ts';
import { renderMarkdown, renderText } from '../../bench/report.ts';
import { buildQuerySet, KINDS, loadPerfQueries, typoVariant } from '../../bench/lib/queries.ts';

const here = path.dirname(new URL(import.meta.url).pathname);
const library = path.join(here, 'fixture-library');
const queriesFile = path.join(here, 'fixture-queries.json');
const work = mkdtempSync(path.join(os.tmpdir(), 'verbatim-bench-'));

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('benchmark queries', () => {
  it('makes one typo inside the longest word, the same every time', () => {
    expect(typoVariant('heroin trafficking Afghanistan')).toBe('heroin trafifcking Afghanistan');
    expect(typoVariant('heroin trafficking Afghanistan')).toBe(typoVariant('heroin trafficking Afghanistan'));
    expect(typoVariant('UN aid')).toBe('UN aid');
  });

  it('runs phrases as written and filtered kinds with the query’s own filter', () => {
    const set = buildQuerySet(loadPerfQueries(queriesFile));
    const phrase = set.filter((q) => q.kind === 'phrase');
    expect(phrase.length).toBeGreaterThan(0);
    expect(phrase.every((q) => q.text.includes('"'))).toBe(true);
    const years = set.find((q) => q.kind === 'years');
    expect(years?.filter?.to).toBe((years?.filter?.from ?? 0) + 9);
    expect(set.filter((q) => q.kind === 'or').every((q) => !q.text.includes('"'))).toBe(true);
  });
});

describe('npm run bench, small mode on a fixture library', () => {
  let results: BenchResults;

  it('runs Verbatim and MiniSearch end to end on the same passages', { timeout: 60_000 }, async () => {
    results = await runBench({
      data: library,
      importIfMissing: false,
      size: 'small',
      smallPassages: 60,
      skip: new Set(['xapian']),
      install: false,
      queriesFile,
      repeat: 1,
      warmup: 3,
      workDir: work,
      smallColdStart: false,
      log: () => {},
    });
    const { corpus, engines } = results;
    // a strict subset of the eight speeches, at least the passages asked for
    expect(corpus.passages).toBeGreaterThanOrEqual(60);
    expect(corpus.documents).toBeGreaterThan(0);
    expect(corpus.documents).toBeLessThan(8);
    expect(engines.verbatim?.passages).toBe(corpus.passages);
    expect(engines.minisearch?.passages).toBe(corpus.passages);
    expect(engines.xapian).toBeUndefined();
    expect(results.skipped.map((s) => s.engine)).toEqual(['xapian']);
  });

  it('reports every query kind with ordered percentiles, memory and a cold start', () => {
    const perKind = results.queries.perKind;
    for (const e of [results.engines.verbatim, results.engines.minisearch]) {
      expect(e).toBeDefined();
      if (!e) continue;
      for (const kind of KINDS) {
        const l = e.latency[kind];
        expect(l?.n, `${e.engine} ${kind}`).toBe(perKind[kind]);
        if (!l) continue;
        expect(l.p50).toBeGreaterThanOrEqual(0);
        expect(l.p50).toBeLessThanOrEqual(l.p95);
        expect(l.p95).toBeLessThanOrEqual(l.p99);
        expect(l.p99).toBeLessThanOrEqual(l.max);
      }
      expect(e.buildS).toBeGreaterThan(0);
      expect(e.rss.buildMb).toBeGreaterThan(10);
      expect(e.rss.queryMb).toBeGreaterThan(10);
    }
    const v = results.engines.verbatim;
    expect(v?.coldStartS).toBeGreaterThan(0);
    expect(results.engines.minisearch?.coldStartS).toBeGreaterThan(0);
    expect(v?.rss.loadMb).toBeGreaterThan(10);
    // the fixture's filtered queries name countries and decades it holds: some must match
    expect(v?.latency.or?.zeroHits).toBeLessThan(perKind.or ?? 0);
  });

  it('checks the speed and memory targets and renders the report with ratios', () => {
    expect(results.targets.length).toBeGreaterThan(5);
    for (const t of results.targets) expect([true, false, null]).toContain(t.pass);
    expect(results.targets.find((t) => t.target.includes('Xapian'))?.pass).toBeNull();
    const md = renderMarkdown(results, 'npm run bench -- --size small');
    expect(md).toContain('| engine | passages | build s |');
    expect(md).toContain('MiniSearch (defaults)');
    expect(md).toMatch(/p50 [\d.–]+× · p99 [\d.–]+×/);
    expect(renderText(results)).toContain('typo tolerance');
    expect(JSON.parse(JSON.stringify(results))).toEqual(results);
    expect(readFileSync(path.join(work, 'queries.json'), 'utf8').length).toBeGreaterThan(10);
  });
});
