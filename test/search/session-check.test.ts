/**
 * A session filter the library cannot match is refused by the search core, so the CLI, the bot's
 * commands and follows give the same message: a session is a number, an ordinal, a range, or a
 * session the library names (a special session's "ES-10"), in any case.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadLibrary } from '../../src/ingest/load-library.ts';
import { createEngine, type VerbatimEngine } from '../../src/search/engine.ts';

let engine: VerbatimEngine;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'verbatim-sessions-'));
  const statement = (file: string, session: string, text: string): void => {
    writeFileSync(path.join(dir, file), `Statement\n\n${text}\n`);
    writeFileSync(path.join(dir, `${file}.meta.json`), JSON.stringify({ title: `Statement ${file}`, session, date: '2021-09-21' }));
  };
  statement('special.txt', 'ES-10', 'The delegation spoke on the occupied territories and a lasting peace.');
  statement('regular.txt', '76', 'The delegation spoke on climate finance and a lasting peace.');
  const lib = await loadLibrary(dir);
  engine = createEngine(lib.documents, lib.report);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('session filters', () => {
  it('refuses a value that is no session, naming the forms and the sessions the library holds, in search, trends and matchAll alike', async () => {
    const message =
      '“session:abc” is not a session — write a session number or range, such as session:76 or session:70-76 (the library holds 2 sessions: 76, ES-10).';
    await expect(engine.search('peace session:abc')).rejects.toThrow(message);
    await expect(engine.search('peace', { filters: { session: 'abc' } })).rejects.toThrow(message);
    await expect(engine.search('peace', { filters: { session: '76,abc' } })).rejects.toThrow(message);
    await expect(engine.search('peace', { filters: { session: '-abc' } })).rejects.toThrow(message);
    await expect(engine.count('peace session:abc')).rejects.toThrow(message);
    expect(() => engine.matchAll('peace', { session: 'abc' })).toThrow(message);
  });

  it('takes numbers, ordinals and ranges the library does not hold, and its named sessions in any case', async () => {
    for (const session of ['99', '99th', '70-80']) expect((await engine.search('peace', { filters: { session } })).total).toBeGreaterThanOrEqual(0);
    const special = await engine.search('peace session:es-10');
    // before: session:es-10 passed the bot's check (any case) but matched nothing (the filter compared case)
    expect(special.hits.map((h) => h.source.session)).toEqual(['ES-10']);
    expect((await engine.search('peace', { filters: { session: 'ES-10' } })).hits.map((h) => h.source.session)).toEqual(['ES-10']);
  });
});
