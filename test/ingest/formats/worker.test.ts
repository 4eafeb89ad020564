import { afterAll, describe, expect, it } from 'vitest';
import { closeExtractorWorkers, extractInWorker } from '../../../src/ingest/formats/index.ts';
import { fixture, LIMITS } from './helpers.ts';

afterAll(closeExtractorWorkers);

describe('extractInWorker', () => {
  it('extracts a PDF in a worker thread, pages and metadata intact', async () => {
    const doc = await extractInWorker('.pdf', fixture('statement-3-pages.pdf'), 'statement-3-pages.pdf', LIMITS);
    expect(doc.meta.symbol).toBe('A/76/PV.5');
    expect(doc.paragraphs?.find((p) => p.text.startsWith('I would like to conclude'))?.page).toBe(2);
  });

  it('passes an extractor’s reason through', async () => {
    await expect(extractInWorker('.pdf', fixture('encrypted.pdf'), 'encrypted.pdf', LIMITS)).rejects.toThrow(
      'encrypted PDF (password-protected)',
    );
  });

  it('stops a hanging extraction at the time limit while the main thread keeps running', async () => {
    let ticks = 0;
    const ticker = setInterval(() => ticks++, 10);
    const started = Date.now();
    const hanging = extractInWorker('.pdf', fixture('statement-3-pages.pdf'), 'stuck.pdf', { ...LIMITS, timeoutMs: 1500 }, {
      workerUrl: new URL('./hanging-worker.mjs', import.meta.url),
    });
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
    await expect(
      extractInWorker('.pdf', fixture('two-columns.pdf'), 'two-columns.pdf', { ...LIMITS, timeoutMs: 5 }),
    ).rejects.toThrow('took longer than the time limit (5 ms)');
  });

  it('refuses a file over the size limit without parsing it', async () => {
    await expect(
      extractInWorker('.pdf', fixture('statement-3-pages.pdf'), 'big.pdf', { ...LIMITS, maxBytes: 2048 }),
    ).rejects.toThrow('too large (8 KB; the limit is 2 KB)');
  });

  it('reports an extension it has no extractor for', async () => {
    await expect(extractInWorker('.odt', new Uint8Array([1, 2, 3]), 'x.odt', LIMITS)).rejects.toThrow(
      'no extractor for .odt files',
    );
  });
});
