/**
 * The incremental update gives the engine a full rebuild would give: same hits, same scores, same
 * documents — after adding, changing and removing files, across partitions (decades).
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadFiles, loadLibrary } from '../../src/ingest/load-library.ts';
import { buildState } from '../../src/index/build.ts';
import { VerbatimEngine } from '../../src/search/engine.ts';
import type { LibraryDocument } from '../../src/types.ts';

const UNGDC = new URL('../fixtures/ungdc/', import.meta.url).pathname;
const SAMPLE = new URL('../../data/', import.meta.url).pathname;
const ACRONYMS = new URL('../fixtures/acronyms/', import.meta.url).pathname;

let root: string;
beforeAll(() => {
  root = mkdtempSync(path.join(tmpdir(), 'verbatim-update-'));
  cpSync(UNGDC, root, { recursive: true });
  rmSync(path.join(root, 'README.md'));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

const QUERIES = [
  'peace process Colombia',
  'climate change',
  'drug trafficking',
  '"United Nations"',
  'Bhutan happiness',
  'refugees -Europe',
  'year:2021 vaccines',
  'country:COL peace',
  'Kolumbia',
];

async function answers(engine: VerbatimEngine): Promise<unknown[]> {
  const out: unknown[] = [];
  for (const q of QUERIES) {
    const r = await engine.search(q, { limit: 10 });
    out.push([q, r.total, r.hits.map((h) => [h.id, h.score, h.source.paragraph, h.source.document])]);
  }
  out.push(engine.documents().map((d) => [d.id, d.passages]));
  return out;
}

async function fullBuild(): Promise<VerbatimEngine> {
  const { documents, report } = await loadLibrary(root);
  return new VerbatimEngine(buildState(documents, report));
}

/**
 * A library of file a.txt holding `first`, then b.txt holding `added` arriving: the engine a full
 * rebuild gives and the one a live update of the first gives (the folder removed after).
 */
async function fullAndUpdated(first: string, added: string): Promise<{ full: VerbatimEngine; updated: VerbatimEngine }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'verbatim-arrival-'));
  try {
    writeFileSync(path.join(dir, 'a.txt'), first);
    const { documents: before, report: r0 } = await loadLibrary(dir);
    const old = new VerbatimEngine(buildState(before, r0));
    writeFileSync(path.join(dir, 'b.txt'), added);
    const documents = (await loadFiles(dir, ['b.txt'])).flatMap((r) => r.documents);
    const { documents: all, report } = await loadLibrary(dir);
    return { full: new VerbatimEngine(buildState(all, report)), updated: old.update({ removedPaths: [], documents, report }) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The term whose usual written word is `surface`: that word, then its other forms. */
function writtenForms(e: VerbatimEngine, surface: string): string[] {
  const t = [...Array(e.state.index.termCount).keys()].find((i) => e.state.index.surface(i) === surface)!;
  return [e.state.index.surface(t), ...e.state.index.otherForms(t)];
}

describe('applyChange (VerbatimEngine.update)', () => {
  it('adds, changes and removes files in several decades and answers like a full rebuild', async () => {
    const before = await fullBuild();
    const beforeAnswers = await answers(before);

    // remove a 1956 speech, change a 2011 one, add a 2021-10 CND report (sample) and a new 2011 file
    rmSync(path.join(root, '1956/AUT_11_1956.txt'));
    const col = path.join(root, '2011/COL_66_2011.txt');
    writeFileSync(col, readFileSync(col, 'utf8').replace(/Colombia/g, 'Kolumbia'));
    cpSync(path.join(SAMPLE, 'cnd-64-intersessional-2021-10.txt'), path.join(root, 'cnd/cnd-report.txt'));
    cpSync(path.join(SAMPLE, 'cnd-64-intersessional-2021-10.txt.meta.json'), path.join(root, 'cnd/cnd-report.txt.meta.json'));
    writeFileSync(path.join(root, '2011/extra.txt'), 'A short note on drug trafficking and the peace process.\n');

    const changed = ['2011/COL_66_2011.txt', 'cnd/cnd-report.txt', '2011/extra.txt'];
    const results = await loadFiles(root, changed);
    const documents: LibraryDocument[] = results.flatMap((r) => r.documents);
    const full = await fullBuild();
    const updated = before.update({ removedPaths: ['1956/AUT_11_1956.txt', '2011/COL_66_2011.txt'], documents, report: full.state.report });

    expect(await answers(updated)).toEqual(await answers(full));
    expect(updated.stats().passages).toBe(full.stats().passages);
    expect(updated.state.partitions).toEqual(full.state.partitions);
    const { surface: _a, ...got } = updated.state.index.a;
    const { surface: _b, ...want } = full.state.index.a;
    expect(got).toEqual(want);
    // the old engine is untouched and still answers as before
    expect(await answers(before)).toEqual(beforeAnswers);
    // the change is visible
    expect((await updated.search('Kolumbia')).total).toBeGreaterThan(0);
    expect((await updated.search('heroin Afghanistan')).hits[0]?.source.document).toBe('cnd/cnd-report');
    expect(updated.document('1956/AUT_11_1956')).toBeUndefined();
    // the report's narrated statements come in with it, and stay when a later update keeps it (issue 9)
    const cgr = async (e: VerbatimEngine) => (await e.search('heroin', { filters: { country: 'PAK' } })).hits[0]?.source;
    expect(await cgr(updated)).toMatchObject({ document: 'cnd/cnd-report', speaker: 'Center for Governance Research (CGR)', statement: 'reported' });
    const again = updated.update({ removedPaths: ['2011/extra.txt'], documents: [], report: full.state.report });
    expect(await cgr(again)).toMatchObject({ document: 'cnd/cnd-report', speaker: 'Center for Governance Research (CGR)', statement: 'reported' });
  });

  it('counts the acronyms of files that come and go, as a full rebuild would', async () => {
    // start without the two speeches that define "International Atomic Energy Agency (IAEA)"
    const lib = mkdtempSync(path.join(tmpdir(), 'verbatim-update-acronyms-'));
    try {
      cpSync(ACRONYMS, lib, { recursive: true });
      rmSync(path.join(lib, 'README.md'));
      const defining = ['CZE_77_2022-excerpt.txt', 'KAZ_72_2017-excerpt.txt'];
      const held = new Map(defining.map((f) => [f, readFileSync(path.join(lib, f), 'utf8')]));
      for (const f of defining) rmSync(path.join(lib, f));
      const build = async (): Promise<VerbatimEngine> => {
        const { documents, report } = await loadLibrary(lib);
        return new VerbatimEngine(buildState(documents, report));
      };
      const before = await build();
      expect(before.state.acronyms.map((a) => a.short)).toEqual(['LAWS']);

      for (const [f, text] of held) writeFileSync(path.join(lib, f), text);
      const added = (await loadFiles(lib, defining)).flatMap((r) => r.documents);
      const full = await build();
      const updated = before.update({ removedPaths: [], documents: added, report: full.state.report });
      expect(updated.state.acronyms).toEqual(full.state.acronyms);
      expect(updated.state.acronymCounts).toEqual(full.state.acronymCounts);
      expect(updated.state.acronyms.map((a) => a.short)).toEqual(['IAEA', 'LAWS']);
      const ids = async (e: VerbatimEngine): Promise<unknown> => (await e.search('IAEA Zaporizhzhya')).hits.map((h) => [h.id, h.score]);
      expect(await ids(updated)).toEqual(await ids(full));

      // one definition left: no longer an acronym of the library
      rmSync(path.join(lib, defining[0]!));
      const fewer = await build();
      const removed = updated.update({ removedPaths: [defining[0]!], documents: [], report: fewer.state.report });
      expect(removed.state.acronymCounts).toEqual(fewer.state.acronymCounts);
      expect(removed.state.acronyms.map((a) => a.short)).toEqual(['LAWS']);
    } finally {
      rmSync(lib, { recursive: true, force: true });
    }
  });

  it('refuses a document whose id is already taken, and reports it', async () => {
    const engine = await fullBuild();
    const [r] = await loadFiles(root, ['2021/BRA_76_2021.txt']);
    const clash = { ...r!.documents[0]!, path: '2021/copy-of-bra.txt' };
    const updated = engine.update({ removedPaths: [], documents: [clash], report: engine.state.report });
    expect(updated.stats().passages).toBe(engine.stats().passages);
    expect(updated.stats().skipped.at(-1)).toEqual({
      path: '2021/copy-of-bra.txt',
      reason: 'document id "2021/BRA_76_2021" is taken by 2021/BRA_76_2021.txt (its file name gives that id); not indexed',
    });
  });

  it('chooses surface words as a full rebuild does: a word written closed wins over a compound hyphenated', async () => {
    // only the hyphenated form arrives, three times: a full build keeps "antiapartheid" as the surface
    const { full, updated } = await fullAndUpdated(
      'Antiapartheid movements grew across the continent.\n',
      'The anti-apartheid campaign, anti-apartheid groups and anti-apartheid songs.\n',
    );
    const surfaceOf = (e: VerbatimEngine): string => e.state.index.surface(e.state.index.termId('antiapartheid'));
    expect(surfaceOf(full)).toBe('antiapartheid');
    expect(surfaceOf(updated)).toBe(surfaceOf(full));
    // so a typo still finds it, after the update as after a rebuild
    const hits = async (e: VerbatimEngine) => (await e.search('antiaparthied')).hits.map((h) => h.source.document).sort();
    expect(await hits(updated)).toEqual(await hits(full));
    expect(await hits(full)).toContain('a');
  });

  it("keeps a new term's other written words, so a typo of one of them is corrected after the update", async () => {
    // one term (organ-iz-) written three ways, "organized" most often
    const { full, updated } = await fullAndUpdated(
      'The committee met in Geneva.\n',
      'The meeting was organized well. The conference was organized by the hosts. The talks were organized twice.\n\nThe organization thanked the hosts. Regional organizations and the organization of work were discussed.\n',
    );
    // "organizations", written once, is no form (a stray spelling is not either)
    expect(writtenForms(full, 'organized')).toEqual(['organized', 'organization']);
    expect(writtenForms(updated, 'organized')).toEqual(writtenForms(full, 'organized'));
    // "organsation" is two edits from "organization", more from "organized"
    for (const e of [full, updated]) expect((await e.search('organsation')).hits.map((h) => h.source.document)).toContain('b');
  });

  it("an existing term takes the entering passages' written words as other forms (review20 R2), so their typo is corrected after the update as after a rebuild", async () => {
    // the same term, written another way, arrives
    const { full, updated } = await fullAndUpdated(
      'The meeting was organized well. The talks were organized twice. The visit was organized.\n',
      'The organisation met in Vienna. The organisation thanked its hosts.\n',
    );
    expect(writtenForms(full, 'organized')).toEqual(['organized', 'organisation']);
    expect(writtenForms(updated, 'organized')).toEqual(writtenForms(full, 'organized'));
    // "organsation" is one edit from "organisation", three from "organized"
    for (const e of [full, updated]) expect((await e.search('organsation')).hits.map((h) => h.source.document)).toContain('b');
  });

  it('removing everything leaves an empty engine that still answers', async () => {
    const engine = await fullBuild();
    const paths = engine.documents().map((d) => d.path);
    const empty = engine.update({ removedPaths: paths, documents: [], report: { documents: 0, passages: 0, skipped: [], warnings: [] } });
    expect(empty.stats().passages).toBe(0);
    expect((await empty.search('peace')).total).toBe(0);
  });
});
