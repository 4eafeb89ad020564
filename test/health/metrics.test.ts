import { request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { Metrics, quantile } from '../../src/health/metrics.ts';
import { startHealthServer } from '../../src/health/server.ts';

/** The value of one sample line (`name{labels} value`) in a text exposition. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

function get(port: number, path: string): Promise<{ status: number; type: string; body: string }> {
  return new Promise((resolve, reject) => {
    request({ host: '127.0.0.1', port, path }, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type']), body }));
    })
      .on('error', reject)
      .end();
  });
}

describe('quantile (nearest rank)', () => {
  it.each([
    [[], 0.5, Number.NaN],
    [[7], 0.99, 7],
    [[1, 2, 3, 4], 0.5, 2],
    [[1, 2, 3, 4], 0.99, 4],
    [Array.from({ length: 100 }, (_, i) => i + 1), 0.99, 99],
    [Array.from({ length: 100 }, (_, i) => i + 1), 0.5, 50],
  ])('%j at %d → %d', (xs, q, want) => {
    expect(quantile(xs, q)).toEqual(want);
  });
});

describe('Metrics', () => {
  it('reports readiness, library size and last update, interactions by outcome and answer times', () => {
    const m = new Metrics(1_000_000);
    let text = m.render(1_005_000);
    expect(sample(text, 'verbatim_ready')).toBe(0);
    expect(sample(text, 'verbatim_library_status{status="loading"}')).toBe(1);
    expect(text).not.toContain('verbatim_library_last_update_timestamp_seconds ');
    m.status = 'ready';
    m.libraryChanged({ documents: 4, passages: 120 }, 1_002_000);
    for (const ms of [10, 20, 30, 40, 1000]) m.recordInteraction({ kind: 'command', command: 'search', outcome: 'ok', ms });
    m.recordInteraction({ kind: 'command', command: 'search', outcome: 'user-error', ms: 5 });
    text = m.render(1_005_000);
    expect(sample(text, 'verbatim_ready')).toBe(1);
    expect(sample(text, 'verbatim_library_passages')).toBe(120);
    expect(sample(text, 'verbatim_library_last_update_timestamp_seconds')).toBe(1002);
    expect(sample(text, 'verbatim_interactions_total{kind="command",command="search",outcome="ok"}')).toBe(5);
    expect(sample(text, 'verbatim_interactions_total{kind="command",command="search",outcome="user-error"}')).toBe(1);
    expect(sample(text, 'verbatim_answer_seconds{quantile="0.5"}')).toBe(0.02);
    expect(sample(text, 'verbatim_answer_seconds{quantile="0.99"}')).toBe(1);
    expect(sample(text, 'verbatim_answer_seconds_count')).toBe(6);
    expect(sample(text, 'verbatim_uptime_seconds')).toBe(5);
  });

  it('keeps memory flat: quantiles over the recent answers only', () => {
    const m = new Metrics();
    for (let i = 0; i < 5000; i++) m.recordInteraction({ kind: 'command', command: 'about', outcome: 'ok', ms: 1000 });
    for (let i = 0; i < 2048; i++) m.recordInteraction({ kind: 'command', command: 'about', outcome: 'ok', ms: 10 });
    expect(m.answerTimes()).toEqual({ p50: 10, p99: 10, count: 7048 });
  });

  it('writes valid text format: HELP and TYPE before samples, label values escaped', () => {
    const m = new Metrics();
    m.recordInteraction({ kind: 'command', command: 'Find "related"\\ statements', outcome: 'ok', ms: 3 });
    const text = m.render();
    expect(text).toContain('command="Find \\"related\\"\\\\ statements"');
    const names = new Set<string>();
    for (const line of text.trimEnd().split('\n')) {
      const typed = /^# TYPE (\S+) (gauge|counter|summary)$/.exec(line);
      if (typed) names.add(typed[1]!);
      else if (!line.startsWith('# HELP ')) {
        expect(line).toMatch(/^[a-z_]+(\{[^}]*\})? (-?\d+(\.\d+)?(e-?\d+)?|NaN)$/);
        expect(names.has(line.replace(/[{ ].*$/, '').replace(/_(sum|count)$/, ''))).toBe(true);
      }
    }
  });
});

describe('health endpoint', () => {
  it('serves /health, /ready and /metrics on localhost', async () => {
    const m = new Metrics();
    const server = await startHealthServer(m, { port: 0 });
    try {
      expect(await get(server.port, '/health')).toMatchObject({ status: 200, body: 'loading\n' });
      expect(await get(server.port, '/ready')).toMatchObject({ status: 503 });
      m.status = 'ready';
      expect(await get(server.port, '/ready')).toMatchObject({ status: 200, body: 'ready\n' });
      const metrics = await get(server.port, '/metrics');
      expect(metrics.type).toBe('text/plain; version=0.0.4; charset=utf-8');
      expect(sample(metrics.body, 'verbatim_ready')).toBe(1);
      m.status = 'failed';
      expect((await get(server.port, '/health')).status).toBe(503);
      expect((await get(server.port, '/nope')).status).toBe(404);
    } finally {
      await server.close();
    }
  });

  it('fails to start, with the reason, when the port is taken', async () => {
    const first = await startHealthServer(new Metrics(), { port: 0 });
    try {
      await expect(startHealthServer(new Metrics(), { port: first.port })).rejects.toThrow(/EADDRINUSE/);
    } finally {
      await first.close();
    }
  });
});
