/**
 * Who speaks in a delegation statement's heading ("Discours de SEM Bassirou Diomaye Diakhar FAYE,
 * Président de la République du Sénégal", "New York, 25 septembre 2024"): no one, for the citation,
 * the speaker filter, trends and follows alike (src/search/speakers.ts decides it once); the
 * heading stays the delegation's document, so its country still finds it. On the real GA79
 * statements of test/fixtures/un-documents; and General Debate speeches whose words above a "Mr.
 * President," are their speaker's, not a heading (test/fixtures/ungdc-openings).
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/database.ts';
import { ArrivalTracker } from '../../src/follows/arrivals.ts';
import { FollowIndex, analyse, compileFollow } from '../../src/follows/matcher.ts';
import { closeExtractors, loadLibrary } from '../../src/ingest/load-library.ts';
import { citationLine } from '../../src/search/citation.ts';
import { createEngine, type VerbatimEngine } from '../../src/search/engine.ts';
import { engineOfUnDocuments } from '../support/library.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const FAYE = 'Bassirou Diomaye Diakhar Faye';

let engine: VerbatimEngine;
beforeAll(async () => {
  ({ engine } = await engineOfUnDocuments(['GA79_statement_Senegal_fr.pdf', 'GA79_statement_Mexico_es.pdf']));
}, 120_000);
afterAll(() => closeExtractors());

/** The passages the filters allow, first to last, as "citation | opening words". */
const listed = (filters: Record<string, string>, query = ''): string[] =>
  engine.searchSync(query, { filters, filtersAlone: query === '', limit: 100 }).hits.map((h) => `${citationLine(h.source)} | ${h.text.slice(0, 30)}`);

describe('a statement’s heading is no one’s words, wherever who speaks is asked', () => {
  it('speaker:Faye lists his speech and not the three heading passages; country:SEN lists all 27', () => {
    const speech = listed({ speaker: 'Faye' });
    // before: 27, the first three the heading, cited with no speaker ("Discours de SEM … · ¶ 1 · p. 1")
    expect(speech).toHaveLength(24);
    expect(speech.every((l) => l.startsWith(`${FAYE} · Senegal · `))).toBe(true);
    expect(speech[0]).toMatch(/ · ¶ 4 · p\. 2 \| Monsieur le Président de l’Ass/);
    const country = listed({ country: 'SEN' });
    expect(country).toHaveLength(27);
    expect(country[0]).toMatch(
      /^Discours de SEM Bassirou Diomaye Diakhar FAYE, Président de la République · Senegal · .* · ¶ 1 · p\. 1 \| 79e Session/,
    );
  });

  it('a word of the heading: found by country:SEN, not by speaker:Faye', () => {
    // ¶ 1, the heading's theme: "… agir ensemble pour la paix, le développement durable …"
    const byCountry = engine.searchSync('paix', { filters: { country: 'SEN' }, limit: 50 }).hits;
    const bySpeaker = engine.searchSync('paix', { filters: { speaker: 'Faye' }, limit: 50 }).hits;
    expect(byCountry.map((h) => h.source.paragraph)).toContain(1);
    expect(bySpeaker.map((h) => h.source.paragraph)).not.toContain(1);
    expect(bySpeaker).toHaveLength(byCountry.length - 1);
  });

  it('a trend by speaker counts the speech only; by country, the heading too', async () => {
    const bySpeaker = await engine.count('', { by: 'speaker' });
    const speakers = Object.fromEntries(bySpeaker.buckets.map((b) => [b.label, b.count]));
    // before: Faye 27, Alicia Bárcena Ibarra 66 (her statement's two heading passages counted as hers)
    expect(speakers).toEqual({ [FAYE]: 24, 'Alicia Bárcena Ibarra': 64 });
    expect(bySpeaker.unbucketed).toBe(5);
    const byCountry = await engine.count('', { by: 'country' });
    expect(Object.fromEntries(byCountry.buckets.map((b) => [b.key, b.count]))).toEqual({ SEN: 27, MEX: 66 });
  });

  it('a follow of speaker:Faye is not told of the heading; a follow of country:SEN is', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'verbatim-heading-voice-'));
    const db = openDatabase(path.join(dir, 'follows.db'));
    try {
      const library = path.join(dir, 'library');
      const now = async (): Promise<VerbatimEngine> => {
        const lib = await loadLibrary(library);
        return createEngine(lib.documents, lib.report);
      };
      const tracker = new ArrivalTracker(db);
      cpSync(path.join(ROOT, 'test/fixtures/un-documents/GA79_statement_Mexico_es.pdf'), path.join(library, 'GA79_statement_Mexico_es.pdf'));
      const first = await tracker.diff(await now());
      db.transaction(() => first.commit());
      cpSync(path.join(ROOT, 'test/fixtures/un-documents/GA79_statement_Senegal_fr.pdf'), path.join(library, 'GA79_statement_Senegal_fr.pdf'));
      const arrived = await tracker.diff(await now());
      expect(arrived.passages).toHaveLength(27);
      const index = new FollowIndex();
      index.add(compileFollow({ id: 1, query: 'Sénégal', filters: { speaker: 'Faye' } }));
      index.add(compileFollow({ id: 2, query: 'Sénégal', filters: { country: 'SEN' } }));
      const found = index.match(arrived.passages.map(analyse));
      const paragraphs = (id: number): number[] =>
        (found.get(id) ?? []).map((p) => arrived.passages.findIndex((a) => a.id === p) + 1).sort((a, b) => a - b);
      // ¶ 3, "du Sénégal New York, 25 septembre 2024 …", is the heading: before, both follows had it
      expect(paragraphs(2)).toContain(3);
      expect(paragraphs(1)).not.toContain(3);
      expect(paragraphs(1).length).toBe(paragraphs(2).length - 1);
    } finally {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('a General Debate speech’s words above its “Mr. President,” are its speaker’s', () => {
  let ungdc: VerbatimEngine;
  beforeAll(async () => {
    const lib = await loadLibrary(path.join(ROOT, 'test/fixtures/ungdc-openings'));
    ungdc = createEngine(lib.documents, lib.report);
  });

  it('Indonesia 2020: the seven lines before “Mr. President,” are Widodo’s, cited and filtered as his', () => {
    const hits = ungdc.searchSync('"75 years ago"', { filters: { speaker: 'Widodo' }, limit: 5 }).hits;
    // before: read as a statement’s heading, and cited with no speaker
    expect(hits.length).toBeGreaterThan(0);
    expect(citationLine(hits[0]!.source)).toMatch(/^Mr\. Joko Widodo \(President\) · Indonesia · /);
    const opening = ungdc.searchSync('', { filters: { document: '2020/IDN_75_2020' }, filtersAlone: true, limit: 1 }).hits[0]!;
    expect(opening.text).toBe('His Excellency President of the UN General Assembly,');
    expect(opening.source.speaker).toBe('Mr. Joko Widodo');
  });

  it('Israel 1955: “1. Mr. President, …” keeps its number; no passage “1.” of its own', () => {
    const opening = ungdc.searchSync('', { filters: { document: '1955/ISR_10_1955' }, filtersAlone: true, limit: 1 }).hits[0]!;
    // before: a passage "1." cited with no speaker, then "Mr. President, the Members …"
    expect(opening.text).toMatch(/^1\. Mr\. President, the Members of the United Nations have expressed deep confidence/);
    expect(opening.source.speaker).toBe('Mr. Eban');
  });
});
