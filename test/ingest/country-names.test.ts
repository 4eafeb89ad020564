/**
 * A speech is cited under the name its country spoke under: the UN General Debate Corpus files the
 * USSR's speeches under RUS, and citing Gromyko's 1961 speech as the "Russian Federation" misleads.
 * The country filter and facets keep one code (country:RUS finds both), and "Russia" still finds it.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countryNameOn } from '../../src/ingest/country.ts';
import { loadLibrary } from '../../src/ingest/load-library.ts';
import { citationLine } from '../../src/search/citation.ts';
import { createEngine, type VerbatimEngine } from '../../src/search/engine.ts';

describe('countryNameOn', () => {
  it.each([
    ['RUS', 'Russian Federation', '1961', 'Union of Soviet Socialist Republics'],
    ['RUS', 'Russian Federation', '1991-09-24', 'Union of Soviet Socialist Republics'],
    ['RUS', 'Russian Federation', '1992', 'Russian Federation'],
    ['BLR', 'Belarus', '1990', 'Byelorussian Soviet Socialist Republic'],
    // a year alone is read as its 1 October, in the debate's weeks: Belarus and Ukraine spoke under
    // their new names in 1991, Malaysia in 1963, the National Transitional Council for Libya in 2011
    ['BLR', 'Belarus', '1991-09-25', 'Belarus'],
    ['BLR', 'Belarus', '1991', 'Belarus'],
    ['UKR', 'Ukraine', '1991', 'Ukraine'],
    ['MYS', 'Malaysia', '1963', 'Malaysia'],
    ['LBY', 'Libya', '2011', 'Libya'],
    ['LBY', 'Libya', '2010', 'Libyan Arab Jamahiriya'],
    ['COD', 'Democratic Republic of the Congo', '1985', 'Zaire'],
    ['COD', 'Democratic Republic of the Congo', '1965', 'Democratic Republic of the Congo'],
    ['MMR', 'Myanmar', '1988-10', 'Burma'],
    ['TUR', 'Türkiye', '2021', 'Turkey'],
    ['TUR', 'Türkiye', '2024', 'Türkiye'],
    ['COL', 'Colombia', '1961', 'Colombia'],
    ['RUS', 'Russian Federation', undefined, 'Russian Federation'],
  ])('%s on %s: %s', (code, name, date, expected) => {
    expect(countryNameOn(code, name, date)).toBe(expected);
  });
});

describe('a UNGDC speech of the USSR, filed under RUS', () => {
  let dir: string;
  let engine: VerbatimEngine;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'verbatim-country-names-'));
    const header = 'file,title,date,meeting,session,speaker,post,country,language,url';
    const speech = (year: string, session: string, file: string, speaker: string, text: string): void => {
      mkdirSync(path.join(dir, year), { recursive: true });
      writeFileSync(path.join(dir, year, file), text);
      writeFileSync(
        path.join(dir, year, 'manifest.csv'),
        `${header}\n${file},,${year},"UN General Assembly, General Debate",${session},${speaker},,RUS,en,\n`,
      );
    };
    // the corpus's own text (RUS_16_1961.txt and RUS_47_1992.txt, CC0)
    speech(
      '1961',
      '16',
      'RUS_16_1961.txt',
      'Mr. Gromyko',
      "88.\tIn the opinion of the Soviet Government, one of the central problems that should be considered at the General Assembly's present session is the problem of disarmament.\n",
    );
    speech(
      '1992',
      '47',
      'RUS_47_1992.txt',
      'Mr. Kozyrev',
      'The Russian Federation intends to play a pioneering role in this endeavour. In the long run, real disarmament and the reduction of armaments are in the interest of all.\n',
    );
    const lib = await loadLibrary(dir);
    engine = createEngine(lib.documents, lib.report);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is cited as the Union of Soviet Socialist Republics in 1961, the Russian Federation in 1992; one country to filter and count', async () => {
    const hits = (await engine.search('disarmament country:RUS', { limit: 5 })).hits;
    const line = (year: string): string => citationLine(hits.find((h) => h.source.date?.startsWith(year))!.source);
    // before: "Mr. Gromyko · Russian Federation · …"
    expect(line('1961')).toContain('Mr. Gromyko · Union of Soviet Socialist Republics · ');
    expect(line('1992')).toContain('Mr. Kozyrev · Russian Federation · ');
    expect(engine.facet('country', '', 10).map((f) => [f.value, f.label])).toEqual([['RUS', 'Russian Federation']]);
    // the name the speech bore, and today's, both find it
    for (const q of ['Soviet Socialist Republics disarmament', 'Russia disarmament'])
      expect((await engine.search(q, { limit: 5 })).hits.some((h) => h.source.date?.startsWith('1961'))).toBe(true);
  });
});
