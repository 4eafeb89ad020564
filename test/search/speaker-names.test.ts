/**
 * A one-word query finds the passages that say it before a speech whose speaker's name it matches
 * (QA21 F1), on six real General Debate speeches: Ghana 1972 (Mr. Moore), the United Kingdom 1997
 * (Robin Cook) and 2004 (Jack Straw), and three that say "moorings", "straw" and "cooking".
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadLibrary } from '../../src/ingest/load-library.ts';
import { createEngine, type VerbatimEngine } from '../../src/search/engine.ts';
import type { Hit } from '../../src/types.ts';
import { rankedWith } from '../support/options.ts';

describe('a word that is also a speaker’s name', () => {
  let engine: VerbatimEngine;
  beforeAll(async () => {
    const lib = await loadLibrary(path.resolve(import.meta.dirname, '../fixtures/ungdc-speaker-names'));
    engine = createEngine(lib.documents, lib.report);
  });
  const first = (q: string) => {
    const h = engine.searchSync(q, { limit: 1 }).hits[0]!;
    return { speaker: h.source.speaker, marked: h.excerpt.marks.map(([a, b]) => h.excerpt.text.slice(a, b).toLowerCase()) };
  };

  it.each([
    ['straw', 'Mr. EBAN', 'straw'], // not Jack Straw's speech, which never says it
    ['moorings', 'Mr. Frank-Walter Steinmeier', 'moorings'], // not Mr. Moore's ("moorings" and "Moore" stem alike)
    ['cooking', 'Kassim Majaliwa Majaliwa', 'cooking'], // not Robin Cook's
  ])('“%s” first finds a passage that says it', (q, speaker, word) => {
    expect(first(q)).toEqual({ speaker, marked: [word] });
  });

  it('still finds the speech of the speaker so named, after the passages saying the word', () => {
    const speakers = engine.searchSync('straw', { limit: 10 }).hits.map((h) => h.source.speaker);
    expect(speakers.indexOf('Jack Straw')).toBeGreaterThan(0);
  });

  it('reaches a speech through its speaker’s name only by the name as written: `cooking fuel` is no “Cook”', () => {
    // before: Robin Cook's passage saying "fuel" held both words (cook through his name), and his
    // passages saying neither followed, unmarked
    const hits = engine.searchSync('cooking fuel', { limit: 10 }).hits;
    expect(hits[0]?.source.speaker).toBe('Kassim Majaliwa Majaliwa');
    for (const h of hits) expect(h.excerpt.marks.length).toBeGreaterThan(0);
    // the name typed as written still finds him
    const named = engine.searchSync('Cook fuel', { limit: 10 }).hits;
    expect(named.slice(0, 2).map((h) => h.source.speaker)).toContain('Robin Cook');
    expect(named.filter((h) => h.source.speaker === 'Robin Cook').length).toBeGreaterThan(1);
  });

  it('finds a number in the text, not in a title naming its session (“General Debate, 52nd session”)', () => {
    // an ordinal in a text carries its number (`75` finds "75th"); in a title it does not, or every
    // passage of the United Kingdom's 52nd-session speech, which never says 52, would hold "52"
    expect(engine.searchSync('52').total).toBe(0);
    expect(engine.searchSync('52nd session', { limit: 1 }).hits[0]?.source.speaker).toBe('Robin Cook');
  });

  it('counts a correction guessed for a word the library holds as no mention of it', async () => {
    // a library where "looking" is far more frequent than "cooking", which it is one letter from: a
    // likely misspelling, so "looking" is searched too; Cook's speech (his name stems as "cooking"
    // does) says "looking" in every paragraph and "cooking" in none
    const dir = mkdtempSync(path.join(tmpdir(), 'verbatim-guess-'));
    const para = (i: number) => `Paragraph ${i}: we are looking at the situation and looking ahead to the session.`;
    writeFileSync(path.join(dir, 'cook.txt'), [1, 2, 3, 4, 5, 6].map(para).join('\n\n'));
    const plan = 'Our development plan invests in roads, schools, clinics, water and power for every district of the country. ';
    writeFileSync(
      path.join(dir, 'stove.txt'),
      [`Clean cooking stoves save lives in rural homes. ${plan.repeat(6)}`, ...[1, 2, 3, 4].map(para)].join('\n\n'),
    );
    for (let i = 0; i < 30; i++)
      writeFileSync(path.join(dir, `other${i}.txt`), `${para(i)}\n\nAnd we keep looking for ways forward, looking at every option.`);
    writeFileSync(
      path.join(dir, 'manifest.csv'),
      `file,title,date,speaker,country\ncook.txt,Statement by the United Kingdom,1997,Robin Cook,GBR\nstove.txt,Statement by Kenya,2010,Mr. Otieno,KEN\n`,
    );
    const lib = await loadLibrary(dir);
    const guessing = rankedWith(createEngine(lib.documents, lib.report), { fuzzy: { ratio: 5 } });
    const marked = (h: Hit): string[] => h.excerpt.marks.map(([a, b]) => h.excerpt.text.slice(a, b).toLowerCase());
    const [h, next] = guessing.searchSync('cooking', { limit: 2 }).hits;
    // (before: Robin Cook's paragraphs first, "looking" marked, Kenya's after them)
    expect(h!.source.speaker).toBe('Mr. Otieno');
    expect(marked(h!)).toEqual(['cooking']);
    expect(marked(next!)).toContain('looking');
    rmSync(dir, { recursive: true, force: true });
  });

  it('guesses at a word the library holds only by words near it as written, not by its stem (“moorings” is no “poor”)', async () => {
    // "moorings" stems as moor, one edit from poor and two from mr ("Mr."): by the stem alone,
    // `moorings` was also searched as "poor", "Mr." and "major" (UNGDC)
    const dir = mkdtempSync(path.join(tmpdir(), 'verbatim-guess-'));
    for (let i = 0; i < 3; i++) writeFileSync(path.join(dir, `harbour${i}.txt`), `The boats slipped their moorings in storm ${i}.`);
    for (let i = 0; i < 40; i++) writeFileSync(path.join(dir, `poor${i}.txt`), `Mr. Smith spoke of the poor, item ${i}.`);
    const lib = await loadLibrary(dir);
    const guessing = rankedWith(createEngine(lib.documents, lib.report), { fuzzy: { ratio: 5 } });
    const res = guessing.searchSync('moorings', { limit: 50 });
    expect(res.total).toBe(3);
    for (const h of res.hits) expect(h.excerpt.marks.map(([a, b]) => h.excerpt.text.slice(a, b))).toEqual(['moorings']);
    rmSync(dir, { recursive: true, force: true });
  });

  it('puts a passage holding every word as typed before one holding a guessed correction instead (`cooking fuel`)', async () => {
    // "cooking fuel" gave passages saying "looking" and "fuel" first: the guess counted as the word
    // for the all-words-first order (UNGDC: 5 of the first 10; `coral reefs bleaching` likewise,
    // "reaching" for "bleaching")
    const dir = mkdtempSync(path.join(tmpdir(), 'verbatim-guess-'));
    const filler = 'Our development plan invests in roads, schools, clinics, water and power for every district of the country. ';
    writeFileSync(path.join(dir, 'stove.txt'), `Clean cooking fuel saves lives in rural homes. ${filler.repeat(8)}`);
    for (let i = 0; i < 2; i++) writeFileSync(path.join(dir, `class${i}.txt`), `Cooking classes for children, group ${i}.`);
    for (let i = 0; i < 6; i++) writeFileSync(path.join(dir, `fuel${i}.txt`), `Looking at fuel prices, fuel subsidies: looking ahead.`);
    for (let i = 0; i < 40; i++) writeFileSync(path.join(dir, `other${i}.txt`), `We keep looking for ways forward, item ${i}.`);
    const lib = await loadLibrary(dir);
    const guessing = rankedWith(createEngine(lib.documents, lib.report), { fuzzy: { ratio: 5 } });
    const res = guessing.searchSync('cooking fuel', { limit: 3 });
    expect(res.hits[0]!.text).toContain('Clean cooking fuel');
    // the guess still ranks what it finds, after
    expect(res.hits[1]!.text).toContain('Looking at fuel');
    rmSync(dir, { recursive: true, force: true });
  });
});
