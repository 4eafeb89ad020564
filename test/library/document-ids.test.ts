/**
 * A document id belongs to one file, whatever the order files arrive in (issue 11, item 8): the file
 * whose own name gives the id keeps it against a statement that declares it, and between two
 * declared ids the first file in path order keeps it. A live update gives the same library as a
 * fresh full build after every step, and the file that loses is reported naming the one that keeps it.
 */
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeExtractors, loadLibrary } from '../../src/ingest/load-library.ts';
import { buildState } from '../../src/index/build.ts';
import { LibraryWatcher } from '../../src/library/live.ts';
import { openLibrary } from '../../src/library/open.ts';
import { VerbatimEngine } from '../../src/search/engine.ts';
import type { SearchEngine } from '../../src/types.ts';

const BRA = new URL('../fixtures/ungdc/2021/BRA_76_2021.txt', import.meta.url).pathname;

let tmp: string;
let root: string;
beforeAll(() => {
  tmp = mkdtempSync(path.join(tmpdir(), 'verbatim-ids-'));
  root = path.join(tmp, 'library');
  mkdirSync(path.join(root, '2021'), { recursive: true });
});
afterAll(async () => {
  await closeExtractors();
  rmSync(tmp, { recursive: true, force: true });
});

const write = (rel: string, body: unknown): void => writeFileSync(path.join(root, rel), JSON.stringify(body));
/** Declares the id of the Brazilian speech (its file name gives `2021/BRA_76_2021`). */
const HIJACK = { id: '2021/BRA_76_2021', text: 'Zyxwarble: this statement declares the id of the Brazilian speech.' };

async function fullBuild(): Promise<VerbatimEngine> {
  const { documents, report } = await loadLibrary(root);
  return new VerbatimEngine(buildState(documents, report));
}

/** What a member sees: each document with its file and size, answers, and what was skipped and why. */
async function seen(engine: SearchEngine): Promise<unknown> {
  const hits = async (q: string) => (await engine.search(q, { limit: 10 })).hits.map((h) => [h.source.document, h.text]);
  return {
    documents: engine.documents().map((d) => [d.id, d.path, d.passages]),
    zyxwarble: await hits('Zyxwarble'),
    quokka: await hits('quokka'),
    brazil: (await engine.search('Brazil', { limit: 1 })).hits.map((h) => h.source.document),
    skipped: engine.stats().skipped,
  };
}

describe('document ids', () => {
  it('a full build keeps a file its own id against a statement that declares it, and says which file kept it', async () => {
    cpSync(BRA, path.join(root, '2021/BRA_76_2021.txt'));
    write('0-hijack.json', HIJACK); // sorts before 2021/
    const engine = await fullBuild();
    expect(engine.document('2021/BRA_76_2021')?.path).toBe('2021/BRA_76_2021.txt');
    expect((await engine.search('Zyxwarble')).total).toBe(0);
    expect(engine.stats().skipped).toEqual([
      { path: '0-hijack.json', reason: 'document id "2021/BRA_76_2021" is taken by 2021/BRA_76_2021.txt (its file name gives that id); not indexed' },
    ]);
    rmSync(path.join(root, '0-hijack.json'));
  });

  it('one document as .pdf and .docx is indexed once, from the PDF (its citations give pages), and the report says which was left out and why', async () => {
    // before: A_80_604_Add.6.docx came first in path order, the PDF was never indexed, and no
    // citation of the report had a page
    const dir = mkdtempSync(path.join(tmpdir(), 'verbatim-formats-'));
    try {
      for (const f of ['A_80_604_Add.6.docx', 'A_80_604_Add.6.pdf'])
        cpSync(new URL(`../fixtures/un-documents/${f}`, import.meta.url).pathname, path.join(dir, f));
      const { documents, report } = await loadLibrary(dir);
      expect(documents.map((d) => [d.id, d.path])).toEqual([['A_80_604_Add.6', 'A_80_604_Add.6.pdf']]);
      expect(report.skipped).toEqual([
        {
          path: 'A_80_604_Add.6.docx',
          reason:
            'document id "A_80_604_Add.6" is taken by A_80_604_Add.6.pdf (the same document as a PDF, indexed instead because its citations give page numbers); not indexed',
        },
      ]);
      const engine = new VerbatimEngine(buildState(documents, report));
      const hit = (await engine.search('Head of Mission nationalities', { limit: 1 })).hits[0]!;
      expect(hit.source.symbol).toBe('A/80/604/Add.6');
      expect(hit.source.page).toBeGreaterThan(0);
      // the chapter heading wrapped onto two lines no longer takes paragraph 2's number from it
      const two = (await engine.search('By its resolution 78/302 the General Assembly appropriated', { limit: 1 })).hits[0]!;
      expect(two.text).toMatch(/^2\. By its resolution 78\/302/);
      expect(two.source.printedParagraph).toBe('2');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it('a live update gives the library a fresh full build gives, whatever the order files arrive in', async () => {
    // start: the Brazilian speech and b.json declaring "shared"
    cpSync(BRA, path.join(root, '2021/BRA_76_2021.txt'));
    write('b.json', [{ id: 'shared', text: 'Bravo: a quokka statement from b.' }]);
    const cachePath = path.join(tmp, 'cache', 'index.bin');
    let engine: SearchEngine = (await openLibrary({ dataDir: root, cachePath })).engine;
    const watcher = new LibraryWatcher({ dataDir: root, cachePath, debounceMs: 60_000, maxWaitMs: 60_000 });
    await watcher.start(engine, (e) => (engine = e));
    try {
      const step = async (): Promise<void> => {
        await watcher.refresh();
        expect(await seen(engine)).toEqual(await seen(await fullBuild()));
      };
      // a.json (first in path order) declares "shared" too, and 0-hijack.json the Brazilian speech's id
      write('a.json', [{ id: 'shared', text: 'Alpha: a quokka statement from a.' }]);
      write('0-hijack.json', HIJACK);
      await step();
      expect(engine.document('shared')?.path).toBe('a.json');
      expect(engine.stats().skipped).toContainEqual({
        path: 'b.json',
        reason: 'document id "shared" is taken by a.json (first in path order); not indexed',
      });
      expect(engine.document('2021/BRA_76_2021')?.path).toBe('2021/BRA_76_2021.txt');

      // the file that kept the id leaves: the one that lost it comes in
      rmSync(path.join(root, 'a.json'));
      await step();
      expect(engine.document('shared')?.path).toBe('b.json');
      rmSync(path.join(root, '2021/BRA_76_2021.txt'));
      await step();
      expect(engine.document('2021/BRA_76_2021')?.path).toBe('0-hijack.json');

      // and it comes back: the file named for the id takes it back
      cpSync(BRA, path.join(root, '2021/BRA_76_2021.txt'));
      await step();
      expect(engine.document('2021/BRA_76_2021')?.path).toBe('2021/BRA_76_2021.txt');
    } finally {
      await watcher.stop();
    }
  });
});
