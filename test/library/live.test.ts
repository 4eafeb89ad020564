/**
 * A library that keeps itself current, end to end on a temp copy of a small library: files dropped
 * in, changed and deleted are reflected in answers within seconds, a burst of copies is one update,
 * bad files are reported and skipped, and the cache written after updates reopens with the same
 * answers.
 */
import { appendFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openLibrary } from '../../src/library/open.ts';
import { closeExtractors } from '../../src/ingest/load-library.ts';
import { LibraryWatcher, type UpdateSummary } from '../../src/library/live.ts';
import { citationLine, passageUrl } from '../../src/search/citation.ts';
import type { SearchEngine } from '../../src/types.ts';

const FORMATS = new URL('../fixtures/formats/', import.meta.url).pathname;
const UNGDC_2021 = new URL('../fixtures/ungdc/2021/', import.meta.url).pathname;
const SAMPLE = new URL('../../data/', import.meta.url).pathname;

let root: string;
let cachePath: string;
let engine: SearchEngine;
let watcher: LibraryWatcher;
const updates: UpdateSummary[] = [];

/** Waits until `check` passes (the watcher works in the background), or fails with its last error. */
async function eventually(check: () => Promise<void> | void, ms = 15_000): Promise<void> {
  const until = Date.now() + ms;
  for (;;) {
    try {
      await check();
      return;
    } catch (err) {
      if (Date.now() > until) throw err;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

/** Resolves once the watcher has reported `n` updates in total. */
const updatesReach = (n: number) => eventually(() => expect(updates.length).toBeGreaterThanOrEqual(n));

const top = async (q: string) => (await engine.search(q, { limit: 1 })).hits[0];

beforeAll(async () => {
  const tmp = mkdtempSync(path.join(tmpdir(), 'verbatim-live-'));
  root = path.join(tmp, 'library');
  cachePath = path.join(tmp, 'cache', 'index.bin');
  mkdirSync(root);
  cpSync(path.join(SAMPLE, 'cnd-64-intersessional-2021-10.txt'), path.join(root, 'cnd-64-intersessional-2021-10.txt'));
  cpSync(path.join(SAMPLE, 'cnd-64-intersessional-2021-10.txt.meta.json'), path.join(root, 'cnd-64-intersessional-2021-10.txt.meta.json'));
  cpSync(UNGDC_2021, path.join(root, 'ungdc'), { recursive: true });
  const opened = await openLibrary({ dataDir: root, cachePath });
  engine = opened.engine;
  watcher = new LibraryWatcher({ dataDir: root, cachePath, debounceMs: 300, maxWaitMs: 3000, onUpdate: (u) => updates.push(u) });
  await watcher.start(engine, (e) => (engine = e));
});

afterAll(async () => {
  await watcher.stop();
  await closeExtractors();
  rmSync(path.dirname(root), { recursive: true, force: true });
});

describe('a watched library', () => {
  it('finds the text of a PDF, a Word file and a web page dropped into it, with pages and symbols', async () => {
    expect(await top('Lacalle Pou Uruguay')).toBeUndefined();
    const pdfs = path.join(root, 'pdf');
    mkdirSync(pdfs);
    cpSync(path.join(FORMATS, 'statement-3-pages.pdf'), path.join(pdfs, 'uruguay.pdf'));
    writeFileSync(path.join(pdfs, 'uruguay.pdf.meta.json'), JSON.stringify({ url: 'https://undocs.org/A/76/PV.5.pdf', country: 'Uruguay' }));
    cpSync(path.join(FORMATS, 'cnd-report.docx'), path.join(root, 'cnd-report.docx'));
    cpSync(path.join(FORMATS, 'saved-page.html'), path.join(root, 'rwanda.html'));
    await updatesReach(1);
    expect(updates[0]).toMatchObject({ added: ['cnd-report.docx', 'pdf/uruguay.pdf', 'rwanda.html'], changed: [], removed: [], skipped: [] });

    const pdf = await top('"man is a wolf to man" Hobbes');
    expect(pdf?.source).toMatchObject({ document: 'pdf/uruguay', symbol: 'A/76/PV.5' });
    expect(pdf?.source.page).toBeGreaterThan(1);
    expect(citationLine(pdf!.source)).toMatch(
      new RegExp(
        `^Address by the President of the Eastern Republic of Uruguay · Uruguay · 76th session · ¶ \\d+ · ${pdf!.source.pageEnd ? `pp\\. ${pdf!.source.page}–${pdf!.source.pageEnd}` : `p\\. ${pdf!.source.page}`} · A/76/PV\\.5$`,
      ),
    );
    expect(passageUrl(pdf!.source, pdf!.text)).toBe(`https://undocs.org/A/76/PV.5.pdf#page=${pdf!.source.page}`);

    const docx = await top('"Money-laundering arising from drug trafficking"');
    expect(docx?.source).toMatchObject({ document: 'cnd-report', symbol: 'UNODC/CND/2021/CRP.1' });

    const html = await top('extremist ideologies genocide');
    expect(html?.source).toMatchObject({ document: 'rwanda', symbol: 'A/76/PV.4' });
    expect(html?.source.url).toMatch(/^https:\/\//);
    expect(html?.text).not.toMatch(/TRACKING-SCRIPT-TEXT/);

    // the symbol filter finds each format's document by its symbol
    const bySymbol = await engine.search('symbol:a/76/pv.5 freedom', { limit: 50 });
    expect(bySymbol.total).toBeGreaterThan(0);
    expect(new Set(bySymbol.hits.map((h) => h.source.document))).toEqual(new Set(['pdf/uruguay']));
  });

  it('serves the new text of a changed file, and no longer the old', async () => {
    const file = path.join(root, 'ungdc', 'COL_76_2021.txt');
    expect(await top('Duque Colombia')).toBeDefined();
    const n = updates.length;
    writeFileSync(file, 'Colombia announces the Zyxwarble initiative for rural roads.\n\nA second paragraph about coffee growers.\n');
    await updatesReach(n + 1);
    expect(updates[n]).toMatchObject({ added: [], changed: ['ungdc/COL_76_2021.txt'], removed: [] });
    expect((await top('Zyxwarble'))?.source).toMatchObject({ document: 'ungdc/COL_76_2021', speaker: 'Iván Duque Márquez', paragraph: 1 });
    // words only the old text had are gone
    const original = readFileSync(path.join(UNGDC_2021, 'COL_76_2021.txt'), 'utf8');
    const oldPhrase = original
      .split(/[.!?]\s/)[1]!
      .split(/\s+/)
      .slice(0, 6)
      .join(' ');
    // (a phrase no passage holds is read again as words: none of what it finds may hold it)
    const old = await engine.search(`"${oldPhrase}"`, { limit: 50 });
    expect(old.hits.filter((h) => h.text.replace(/\s+/g, ' ').includes(oldPhrase))).toEqual([]);
    expect(engine.document('ungdc/COL_76_2021')?.passages).toBe(2);
  });

  it('sees later edits to a file saved by writing a new one and renaming it over the old (sed -i, editors, rsync)', async () => {
    const file = path.join(root, 'ungdc', 'BRA_76_2021.txt');
    const n = updates.length;
    // saved by rename: a new inode
    const tmp = path.join(root, 'ungdc', '.BRA_76_2021.txt.swp');
    writeFileSync(tmp, 'Brazil speaks of the Quorbalite treaty.\n');
    renameSync(tmp, file);
    await updatesReach(n + 1);
    expect((await top('Quorbalite'))?.source.document).toBe('ungdc/BRA_76_2021');
    // then appended to in place: before, Node's recursive watch had lost the file and nothing came
    appendFileSync(file, '\nA later paragraph on the Vemmerlund accord.\n');
    await updatesReach(n + 2);
    expect((await top('Vemmerlund'))?.source.document).toBe('ungdc/BRA_76_2021');
  });

  it('drops the passages of a deleted file', async () => {
    const n = updates.length;
    const before = engine.stats().passages;
    const gone = engine.document('rwanda')!.passages;
    rmSync(path.join(root, 'rwanda.html'));
    await updatesReach(n + 1);
    expect(updates[n]).toMatchObject({ added: [], changed: [], removed: ['rwanda.html'] });
    expect(engine.document('rwanda')).toBeUndefined();
    expect(await top('extremist ideologies genocide')).toBeUndefined();
    expect(engine.stats().passages).toBe(before - gone);
  });

  it('takes a folder of 60 files copied at once as one update', async () => {
    const staging = mkdtempSync(path.join(tmpdir(), 'verbatim-burst-'));
    for (let i = 1; i <= 60; i++) {
      writeFileSync(
        path.join(staging, `note-${String(i).padStart(2, '0')}.txt`),
        `Burst note ${i}: the delegation of Quokkaland ${i % 2 ? 'welcomed' : 'noted'} the report.\n`,
      );
    }
    const n = updates.length;
    cpSync(staging, path.join(root, 'burst'), { recursive: true });
    rmSync(staging, { recursive: true, force: true });
    await updatesReach(n + 1);
    // quiet for a while: no second update follows
    await new Promise((r) => setTimeout(r, 1200));
    expect(updates.length).toBe(n + 1);
    expect(updates[n]!.added).toHaveLength(60);
    expect((await engine.search('Quokkaland')).total).toBe(60);
  });

  it('reports a corrupt, an encrypted and a scanned PDF as skipped, and serves the rest', async () => {
    const n = updates.length;
    cpSync(path.join(FORMATS, 'truncated.pdf'), path.join(root, 'pdf', 'truncated.pdf'));
    cpSync(path.join(FORMATS, 'encrypted.pdf'), path.join(root, 'pdf', 'encrypted.pdf'));
    cpSync(path.join(FORMATS, 'scanned.pdf'), path.join(root, 'pdf', 'scanned.pdf'));
    cpSync(path.join(FORMATS, 'two-columns.pdf'), path.join(root, 'pdf', 'portugal.pdf'));
    await updatesReach(n + 1);
    const u = updates[n]!;
    expect(u.added).toEqual(['pdf/encrypted.pdf', 'pdf/portugal.pdf', 'pdf/scanned.pdf', 'pdf/truncated.pdf']);
    expect(u.skipped.map((s) => s.path)).toEqual(['pdf/encrypted.pdf', 'pdf/scanned.pdf', 'pdf/truncated.pdf']);
    expect(u.skipped.find((s) => s.path === 'pdf/encrypted.pdf')?.reason).toMatch(/encrypted/i);
    expect(u.skipped.find((s) => s.path === 'pdf/scanned.pdf')?.reason).toMatch(/no text layer/i);
    expect(engine.stats().skipped.map((s) => s.path)).toEqual(expect.arrayContaining(['pdf/encrypted.pdf', 'pdf/scanned.pdf', 'pdf/truncated.pdf']));
    expect((await top('multipolar world'))?.source.document).toBe('pdf/portugal');
    expect((await top('Lacalle Pou Uruguay'))?.source.document).toBe('pdf/uruguay');
  });

  it('reports a sidecar that disagrees with the manifest, once it appears', async () => {
    const n = updates.length;
    writeFileSync(path.join(root, 'ungdc', 'BRA_76_2021.txt.meta.json'), JSON.stringify({ speaker: 'Someone Else' }));
    await updatesReach(n + 1);
    expect(updates[n]).toMatchObject({ added: [], changed: ['ungdc/BRA_76_2021.txt'], removed: [] });
    expect(engine.stats().warnings).toContainEqual({
      path: 'ungdc/BRA_76_2021.txt',
      reason: 'speaker: sidecar BRA_76_2021.txt.meta.json says "Someone Else", manifest.csv line 2 says "Jair Bolsonaro"; using "Someone Else"',
    });
  });

  it('leaves a cache that reopens with the same answers', async () => {
    const queries = ['Quokkaland welcomed', 'Zyxwarble', 'multipolar world', 'heroin Afghanistan', 'symbol:A/76/PV.5 pandemic'];
    const answers = async (e: SearchEngine) => {
      const out = [];
      for (const q of queries) out.push((await e.search(q, { limit: 5 })).hits.map((h) => [h.id, h.score, h.source.page]));
      return [out, e.stats().documents, e.stats().passages, e.stats().skipped, e.stats().warnings];
    };
    await watcher.stop(); // writes the pending cache update
    const reopened = await openLibrary({ dataDir: root, cachePath });
    expect(reopened.fromCache).toBe(true);
    expect(await answers(reopened.engine)).toEqual(await answers(engine));
    // and a full rebuild agrees with what the updates produced
    const rebuilt = await openLibrary({ dataDir: root, cachePath: path.join(path.dirname(cachePath), 'rebuilt.bin'), rebuild: true });
    expect(await answers(rebuilt.engine)).toEqual(await answers(engine));
  });
});
