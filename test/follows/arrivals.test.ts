/**
 * Which passages are new, on real documents: the library recorded in a database file against the
 * library after files enter or change. A record of many speakers (a real GA meeting record) is
 * matched per speaker, as /search filters it.
 */
import { appendFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/db/database.ts';
import { ArrivalTracker } from '../../src/follows/arrivals.ts';
import { timeSlicer } from '../../src/time-slice.ts';
import { FollowIndex, analyse, compileFollow } from '../../src/follows/matcher.ts';
import { closeExtractors, loadLibrary } from '../../src/ingest/load-library.ts';
import { createEngine, type VerbatimEngine } from '../../src/search/engine.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
let dir: string;
let db: Database;
let tracker: ArrivalTracker;

async function engineNow(): Promise<VerbatimEngine> {
  const lib = await loadLibrary(dir);
  return createEngine(lib.documents, lib.report);
}
/** Diffs and records, as the follow service does after matching. */
async function arrive(): Promise<Awaited<ReturnType<ArrivalTracker['diff']>>> {
  const a = await tracker.diff(await engineNow());
  db.transaction(() => a.commit());
  return a;
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'verbatim-arrivals-'));
  cpSync(path.join(ROOT, 'test/fixtures/ungdc/2021'), path.join(dir, 'ungdc'), { recursive: true });
  db = openDatabase(path.join(dir, '..', `${path.basename(dir)}.db`));
  tracker = new ArrivalTracker(db);
}, 60_000);
afterAll(async () => {
  db.close();
  await closeExtractors();
  rmSync(dir, { recursive: true, force: true });
});

describe('new passages', () => {
  it('records the library the first time without calling anything new, and finds nothing new after a rebuild', async () => {
    const first = await arrive();
    expect(first.baseline).toBe(true);
    expect(first.passages).toEqual([]);
    const again = await arrive(); // a fresh engine over the same files: same ids
    expect(again).toMatchObject({ baseline: false, changedDocs: 0, removedDocs: 0, passages: [] });
  });

  it('lets the bot answer while it compares the library: the comparison yields to the event loop between slices', async () => {
    const engine = await engineNow();
    let ranBetween = 0;
    const tick = (): void => {
      ranBetween++;
    };
    // a zero budget yields at every document: a callback queued now runs before the diff ends
    setImmediate(tick);
    const done = tracker.diff(engine, timeSlicer(0));
    expect(ranBetween).toBe(0);
    await done;
    expect(ranBetween).toBe(1);
  });

  it("brings a new record's passages, each with who speaks in it, and follows match per speaker", async () => {
    cpSync(path.join(ROOT, 'test/fixtures/un-documents/A_50_PV.33.pdf'), path.join(dir, 'A_50_PV.33.pdf'));
    const engine = await engineNow();
    const a = await tracker.diff(engine);
    const record = engine.document('A_50_PV.33')!;
    expect(a.changedDocs).toBe(1);
    expect(a.passages).toHaveLength(record.passages);
    db.transaction(() => a.commit());

    const index = new FollowIndex();
    index.add(compileFollow({ id: 1, query: 'Kashmir', filters: { country: 'IND' } }));
    index.add(compileFollow({ id: 2, query: 'Kashmir', filters: {} }));
    const found = index.match(a.passages.map(analyse));
    const india = found.get(1) ?? [];
    const anyone = found.get(2) ?? [];
    expect(india.length).toBeGreaterThan(0);
    expect(anyone.length).toBeGreaterThan(india.length);
    for (const id of india) expect(engine.passage(id)?.source.speaker).toBe('Mr. Surie');
  });

  it('brings only the changed paragraph of an edited file, and nothing for a removed one', async () => {
    const file = path.join(dir, 'ungdc', 'COL_76_2021.txt');
    const text = readFileSync(file, 'utf8');
    appendFileSync(file, '\n\nColombia will keep fighting the fentanyl trade with its partners.\n');
    const edited = await arrive();
    expect(edited.changedDocs).toBe(1);
    expect(edited.passages.map((p) => p.text)).toEqual(['Colombia will keep fighting the fentanyl trade with its partners.']);
    expect(edited.passages[0]!.voice.country).toBe('COL');
    writeFileSync(file, text);
    rmSync(path.join(dir, 'A_50_PV.33.pdf'));
    const back = await arrive();
    expect(back).toMatchObject({ changedDocs: 1, removedDocs: 1, passages: [] });
  });

  it('brings a paragraph with a sentence added, but not one only corrected (a word misspelt, a dash)', async () => {
    const file = path.join(dir, 'ungdc', 'COL_76_2021.txt');
    const text = readFileSync(file, 'utf8');
    // a word misspelt in one paragraph and a dash written otherwise in another: the same words said
    const corrected = text
      .replace('abruptly burst into our lives', 'abruptly burts into our lives')
      .replace(' — the Internet of Things', ' - the Internet of Things');
    expect(corrected).not.toBe(text);
    writeFileSync(file, corrected);
    const typo = await arrive();
    expect(typo.changedDocs).toBe(1);
    expect(typo.passages).toEqual([]);
    expect(typo.edited).toBe(2);
    // a sentence added to a paragraph is something new said
    const added = corrected.replace(
      'taking away loved ones.',
      'taking away loved ones. Colombia will donate two million vaccine doses to its neighbours this year.',
    );
    writeFileSync(file, added);
    const more = await arrive();
    expect(more.passages.map((p) => p.text)).toEqual([expect.stringContaining('Colombia will donate two million vaccine doses')]);
    expect(more.edited).toBe(0);
    writeFileSync(file, text);
    await arrive();
  });

  it('brings nothing of a file copied under another name but what the copy adds (QA22 F2)', async () => {
    // before: every paragraph of the copy was new, and each follow was alerted again of what it had
    // been told, cited by the copy's file name
    const original = path.join(dir, 'ungdc', 'COL_76_2021.txt');
    const copy = path.join(dir, 'drops', 'COL_76_2021_copy.txt');
    mkdirSync(path.dirname(copy), { recursive: true });
    const text = readFileSync(original, 'utf8');
    // the copy as another converter wrote it: a dash otherwise, one word misspelt, one paragraph more
    const changed = text
      .replace(' — the Internet of Things', ' - the Internet of Things')
      .replace('abruptly burst into our lives', 'abruptly burts into our lives');
    expect(changed).not.toBe(text);
    writeFileSync(copy, `${changed}\n\nColombia will host the regional conference on drug policy next March.\n`);
    const engine = await engineNow();
    const a = await tracker.diff(engine);
    db.transaction(() => a.commit());
    expect(a.changedDocs).toBe(1);
    expect(a.passages.map((p) => p.text)).toEqual(['Colombia will host the regional conference on drug policy next March.']);
    expect(a.copied).toBe(engine.document('ungdc/COL_76_2021')!.passages);
    rmSync(path.dirname(copy), { recursive: true, force: true });
    await arrive();
  });

  it('gives the record made before fingerprints were kept its fingerprints, then tells an edit', async () => {
    // a record as an older Verbatim left it: ids, no fingerprints
    db.exec('UPDATE library_docs SET prints = NULL');
    const fresh = new ArrivalTracker(db);
    const first = await fresh.diff(await engineNow());
    expect(first).toMatchObject({ changedDocs: 0, passages: [] });
    db.transaction(() => first.commit());
    expect((db.prepare('SELECT count(*) AS n FROM library_docs WHERE prints IS NULL').get() as { n: number }).n).toBe(0);
    const file = path.join(dir, 'ungdc', 'COL_76_2021.txt');
    const text = readFileSync(file, 'utf8');
    writeFileSync(file, text.replace('abruptly burst into our lives', 'abruptly burts into our lives'));
    const typo = await fresh.diff(await engineNow());
    expect(typo).toMatchObject({ changedDocs: 1, edited: 1, passages: [] });
    writeFileSync(file, text);
  });
});
