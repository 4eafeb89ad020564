import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { closeExtractorWorkers, extractInWorker, extractIsolated } from '../../../src/ingest/formats/worker-pool.ts';
import { fixture, LIMITS } from './helpers.ts';

afterAll(closeExtractorWorkers);

describe('extractInWorker', () => {
  it('extracts a PDF in a worker thread, pages and metadata intact', async () => {
    const doc = await extractInWorker('.pdf', fixture('statement-3-pages.pdf'), 'statement-3-pages.pdf', LIMITS);
    expect(doc.meta.symbol).toBe('A/76/PV.5');
    expect(doc.paragraphs?.find((p) => p.text.startsWith('I would like to conclude'))?.page).toBe(2);
  });

  it('passes an extractor’s reason through', async () => {
    await expect(extractInWorker('.pdf', fixture('encrypted.pdf'), 'encrypted.pdf', LIMITS)).rejects.toThrow('encrypted PDF (password-protected)');
  });

  it('stops a hanging extraction at the time limit while the main thread keeps running', async () => {
    let ticks = 0;
    const ticker = setInterval(() => ticks++, 10);
    const started = Date.now();
    const hanging = extractInWorker(
      '.pdf',
      fixture('statement-3-pages.pdf'),
      'stuck.pdf',
      { ...LIMITS, timeoutMs: 1500 },
      {
        workerUrl: new URL('./hanging-worker.mjs', import.meta.url),
      },
    );
    await expect(hanging).rejects.toThrow('took longer than the time limit (1.5 s)');
    clearInterval(ticker);
    const elapsed = Date.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(1400);
    expect(elapsed).toBeLessThan(5000);
    // The main thread's timers ran throughout the worker's busy loop.
    expect(ticks).toBeGreaterThan(elapsed / 10 / 3);
    // The pool recovers: the next file is extracted by a fresh worker.
    const doc = await extractInWorker('.docx', fixture('cnd-report.docx'), 'cnd-report.docx', LIMITS);
    expect(doc.meta.symbol).toBe('UNODC/CND/2021/CRP.1');
  });

  it('gives up on a real PDF when the time limit is tiny', async () => {
    await expect(extractInWorker('.pdf', fixture('two-columns.pdf'), 'two-columns.pdf', { ...LIMITS, timeoutMs: 5 })).rejects.toThrow(
      'took longer than the time limit (5 ms)',
    );
  });

  it('refuses a file over the size limit without parsing it', async () => {
    await expect(extractInWorker('.pdf', fixture('statement-3-pages.pdf'), 'big.pdf', { ...LIMITS, maxBytes: 2048 })).rejects.toThrow(
      'too large (8 KB; the limit is 2 KB)',
    );
  });

  it('reports an extension it has no extractor for', async () => {
    await expect(extractInWorker('.odt', new Uint8Array([1, 2, 3]), 'x.odt', LIMITS)).rejects.toThrow('no extractor for .odt files');
  });
});

describe('extractIsolated: one file’s failure is its own', () => {
  const tmp = mkdtempSync(path.join(tmpdir(), 'verbatim-flaky-'));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));
  const hanging = { workerUrl: new URL('./hanging-worker.mjs', import.meta.url) };
  const flaky = { workerUrl: new URL('./flaky-worker.mjs', import.meta.url) };

  it('a file stuck next to others times out alone: the others are read, the stuck one is retried alone, then reported', async () => {
    const stuck = extractIsolated('.pdf', fixture('statement-3-pages.pdf'), 'stuck.pdf', { ...LIMITS, timeoutMs: 1000 }, hanging);
    const good = ['statement-3-pages.pdf', 'two-columns.pdf'].map((name) => extractIsolated('.pdf', fixture(name), name, LIMITS));
    const [a, b] = await Promise.all(good);
    expect(a?.meta.symbol).toBe('A/76/PV.5');
    expect(b?.meta.symbol).toBe('A/76/PV.6');
    await expect(stuck).rejects.toThrow('took longer than the time limit (1 s) (also when parsed alone)');
  }, 30_000);

  it('a worker that died while another file was parsed is retried once alone, and the file is read', async () => {
    const file = path.join(tmp, 'once.pdf');
    const [flakyDoc, goodDoc] = await Promise.all([
      extractIsolated('.pdf', fixture('statement-3-pages.pdf'), file, LIMITS, flaky),
      extractIsolated('.pdf', fixture('statement-3-pages.pdf'), 'statement-3-pages.pdf', LIMITS),
    ]);
    expect(flakyDoc.paragraphs?.[0]?.text).toBe(`read ${file} on the second try`);
    expect(goodDoc.meta.symbol).toBe('A/76/PV.5');
  }, 30_000);

  it('a file that fails on its own is reported at once, not retried', async () => {
    const file = path.join(tmp, 'alone.pdf');
    await expect(extractIsolated('.pdf', fixture('statement-3-pages.pdf'), file, LIMITS, flaky)).rejects.toThrow(
      'parser stopped unexpectedly (exit code 3)',
    );
  });
});
