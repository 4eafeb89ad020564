import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readWordNet } from '../../scripts/gen-wordnet-relations.ts';
import { loadLibrary } from '../../src/ingest/load-library.ts';
import { createEngine, type VerbatimEngine } from '../../src/search/engine.ts';
import { PERTAINYMS_TEXT } from '../../src/search/wordnet-relations.data.ts';
import { derivePertainyms, pertainymsIn } from '../../src/search/wordnet-relations.ts';
import { rankedWith } from '../support/options.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');

/** WordNet lines as the database writes them (wndb(5WN)): a licence line, then synsets and index entries. */
const LICENCE = '  1 This software and database is being provided to you, the LICENSEE, by';
const DATA_NOUN = [
  LICENCE,
  '00000001 17 n 02 sun 0 Sol 0 000 | the star',
  '00000002 09 n 01 futurism 0 000 | a movement in art',
  '00000003 28 n 01 future 0 000 | the time yet to come',
  '00000004 15 n 01 Africa 0 000 | the second largest continent',
  '00000005 17 n 01 state 0 000 | a politically organized body',
  '00000006 17 n 01 kidney 1 000 | an organ',
].join('\n');
const DATA_ADJ = [
  LICENCE,
  // a marker after the word, a pointer from this word (01) to the noun's first word (01)
  '00000010 02 a 01 solar(a) 0 001 \\ 00000001 n 0101 | relating to the sun',
  '00000011 02 a 01 futuristic 0 001 \\ 00000002 n 0101 | of futurism',
  '00000012 02 a 01 African 0 001 \\ 00000004 n 0101 | of Africa',
  // "civil" relates to "state" in a sense that is not its first
  '00000013 02 a 01 civil 0 000 | polite',
  '00000014 02 a 01 civil 0 001 \\ 00000005 n 0101 | of the state',
  // a satellite adjective with a lexical id, pointing from its second word
  '00000015 02 s 02 nephritic 0 renal 1 001 \\ 00000006 n 0201 | of the kidneys',
].join('\n');
const index = (lines: string[]): string => [LICENCE, ...lines].join('\n');
const WORDNET = {
  dataNoun: DATA_NOUN,
  dataAdj: DATA_ADJ,
  indexNoun: index([
    'africa n 1 0 1 3 00000004',
    'future n 1 0 1 20 00000003',
    'futurism n 1 0 1 0 00000002',
    'kidney n 1 0 1 2 00000006',
    'state n 1 0 1 30 00000005',
    'sun n 1 0 1 10 00000001',
  ]),
  indexAdj: index([
    'african a 1 1 \\ 1 0 00000012',
    'civil a 2 1 \\ 2 9 00000013 00000014',
    'futuristic a 1 1 \\ 1 0 00000011',
    'nephritic a 1 1 \\ 1 0 00000015',
    'renal a 1 1 \\ 1 1 00000015',
    'solar a 1 1 \\ 1 5 00000010',
  ]),
  indexVerb: index(['solarize v 1 0 1 0 00000020']),
  indexAdv: index([]),
  // how often each sense was tagged: "solar" is commoner than "solarize", which shares its term
  indexSense: ['renal%3:01:00:: 00000015 1 1', 'solar%3:01:00:: 00000010 1 4', 'solarize%2:30:00:: 00000020 1 0', 'sun%1:17:00:: 00000001 1 10'].join(
    '\n',
  ),
};

describe('WordNet pertainyms', () => {
  it('reads WordNet lines: first senses only, one way, a noun term no other word shares, common words only', () => {
    // futurism shares "futur" with future; Africa is a proper noun; civil relates to state in its
    // second sense; the satellite's pointer is from its second word (renal, not nephritic); "solar"
    // keeps its pair though the rarer verb "solarize" shares its term
    expect(derivePertainyms(WORDNET)).toBe('kidney renal\nsun solar');
    // were "solarize" the commoner word, "solar" would stand for it as much as for the adjective
    const commonerVerb = { ...WORDNET, indexSense: WORDNET.indexSense.replace('solarize%2:30:00:: 00000020 1 0', 'solarize%2:30:00:: 00000020 1 9') };
    expect(derivePertainyms(commonerVerb)).toBe('kidney renal');
  });

  it('the generated lines are what WordNet and the analyzer give (else run npm run gen-wordnet-relations)', () => {
    expect(derivePertainyms(readWordNet())).toBe(PERTAINYMS_TEXT.trim());
  });

  it('pairs real nouns with their adjectives, and leaves out what would mislead', () => {
    const all = pertainymsIn(() => true);
    expect(all.get('sun')).toContain('solar');
    expect(all.get('kidney')).toContain('renal');
    expect(all.get('citi')).toContain('urban'); // city, stemmed
    // one way: the adjective does not stand for the noun
    expect(all.get('solar')).toBeUndefined();
    // a term other words share: "future" (futurism), "fundamental" (fundamentalism), "growth" → "grow"
    expect(all.get('futur')).toBeUndefined();
    expect(all.get('fundament')).toBeUndefined();
    expect(all.get('growth') ?? []).not.toContain('grow');
    // countries are the country words', an ambiguous form too (Nigerian: Nigeria or Niger)
    expect(all.get('nigerian')).toBeUndefined();
    expect(all.get('mauritius')).toBeUndefined();
    // the stemmer already joins nation and national: no pair needed
    expect(all.get('nation')).toBeUndefined();
  });

  it('keeps only the adjectives the library holds', () => {
    const some = pertainymsIn((t) => t === 'solar');
    expect([...some]).toEqual([['sun', ['solar']]]);
  });
});

describe('a noun in the query finds its adjective, below the noun itself', () => {
  let ungdc: VerbatimEngine;
  let dir: string;
  let small: VerbatimEngine;
  beforeAll(async () => {
    // real General Debate speeches (test/fixtures/ungdc/README.md)
    const lib = await loadLibrary(path.join(ROOT, 'test/fixtures/ungdc'));
    ungdc = createEngine(lib.documents, lib.report);
    // "sun" in five statements, "solar" in one: the rarer adjective must not outrank the noun
    dir = mkdtempSync(path.join(tmpdir(), 'verbatim-pertainyms-'));
    const lines = [
      'The sun rises over our islands every morning.',
      'Our farmers work under the sun from dawn to dusk.',
      'The sun and the sea are our heritage.',
      'We watched the sun set over the ocean.',
      'The heat of the sun grows stronger each year.',
      'We are building solar power plants across the country.',
      'Solar panels now light our schools, and the sun heats our water.',
      'Wind farms supply a third of our electricity.',
    ];
    lines.forEach((text, i) => writeFileSync(path.join(dir, `s${i}.txt`), text + '\n'));
    const s = await loadLibrary(dir);
    small = createEngine(s.documents, s.report);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('"society" also finds "social", marked, ranked below "society"; without the pairs it does not', async () => {
    const res = await ungdc.search('society', { limit: 100 });
    expect(res.hits[0]!.text).toMatch(/\bsociety\b/i);
    // "social", "socialism", "societal": the words of the adjectives' terms
    const adjectiveOnly = res.hits.findIndex((h) => !/\bsociet(y|ies)\b/i.test(h.text));
    expect(adjectiveOnly).toBeGreaterThan(0);
    const hit = res.hits[adjectiveOnly]!;
    expect(hit.text).toMatch(/\bsoci(al|etal)/i);
    expect(hit.excerpt.marks.map(([a, b]) => hit.excerpt.text.slice(a, b).toLowerCase()).some((m) => /^soci(al|etal)/.test(m))).toBe(true);
    const without = await rankedWith(ungdc, { pertainyms: { weight: 0 } }).search('society', { limit: 100 });
    expect(without.hits.every((h) => /\bsociet(y|ies)\b/i.test(h.text))).toBe(true);
    expect(res.total).toBeGreaterThan(without.total);
  });

  it('a count (trends) needs the noun itself: the adjective only ranks', async () => {
    const search = await ungdc.search('society', { limit: 100 });
    expect(ungdc.matchAll('society').length).toBe(search.hits.filter((h) => /\bsociet(y|ies)\b/i.test(h.text)).length);
    expect(ungdc.matchAll('society').length).toBeLessThan(search.total);
  });

  it('a rare adjective never outranks its common noun', async () => {
    const res = await small.search('sun', { limit: 10 });
    const says = res.hits.map((h) => /\bsun\b/i.test(h.text));
    expect(says.filter(Boolean)).toHaveLength(6);
    // every passage saying "sun" first, the one saying only "solar" last
    expect(says).toEqual([true, true, true, true, true, true, false]);
  });

  it('a query naming both the noun and its adjective ranks the passages holding both first', async () => {
    // a short passage repeating "solar" would join those holding every word if "solar" also
    // counted as "sun" there, and outscore the one that says both
    const tier = mkdtempSync(path.join(tmpdir(), 'verbatim-pertainyms-tier-'));
    try {
      writeFileSync(path.join(tier, 'a.txt'), 'Solar energy, solar jobs, solar schools: solar power for all.\n');
      // (its "sun" past its opening words: an untitled document's opening would lift it on its own)
      writeFileSync(
        path.join(tier, 'b.txt'),
        'Solar panels now light our schools and clinics across the valley, and in the dry season the sun heats the water of our homes.\n',
      );
      // "sun" common in the library, so that the passage repeating "solar" scores highest
      for (let i = 1; i <= 5; i++) writeFileSync(path.join(tier, `s${i}.txt`), `The sun rose again over the hills on day ${i} of the summit.\n`);
      const lib = await loadLibrary(tier);
      const engine = createEngine(lib.documents, lib.report);
      const res = await engine.search('sun solar', { limit: 10 });
      expect(res.hits[0]!.source.document).toBe('b');
      expect(res.hits[1]!.source.document).toBe('a');
      expect(res.hits[1]!.score).toBeGreaterThan(res.hits[0]!.score);
      // and "sun" alone: every passage saying "sun" first, the one repeating "solar" after them
      const sun = await engine.search('sun', { limit: 10 });
      const docs = sun.hits.map((h) => h.source.document);
      expect(docs).toHaveLength(7);
      expect(new Set(docs.slice(0, 6))).toEqual(new Set(['b', 's1', 's2', 's3', 's4', 's5']));
      expect(docs[6]).toBe('a');
      // it scores more than some of them, but does not say "sun"
      expect(sun.hits[6]!.score).toBeGreaterThan(sun.hits[5]!.score);
    } finally {
      rmSync(tier, { recursive: true, force: true });
    }
  });

  it('an excerpt opens at the sentence saying the noun, not at a rarer adjective', async () => {
    const lib = mkdtempSync(path.join(tmpdir(), 'verbatim-pertainyms-excerpt-'));
    try {
      // a long passage: the excerpt shows one part of it, chosen by the words it holds
      const long = [
        'Next year my country will mark the centenary of its independence, and we are preparing celebrations in every province and every village of the nation.',
        'Our schools, our roads and our hospitals were built by generations who believed in the promise of that day, and we honour them.',
        'Yet the real test lies ahead of us: this century will decide whether the promise is kept for all our children.',
      ].join(' ');
      writeFileSync(path.join(lib, 'a.txt'), long + '\n');
      for (let i = 1; i <= 4; i++) writeFileSync(path.join(lib, `c${i}.txt`), `In the last century, treaty ${i} changed the region.\n`);
      const loaded = await loadLibrary(lib);
      const res = await createEngine(loaded.documents, loaded.report).search('century', { limit: 10 });
      const hit = res.hits.find((h) => h.source.document === 'a')!;
      expect(hit.excerpt.text).toContain('this century will decide');
    } finally {
      rmSync(lib, { recursive: true, force: true });
    }
  });

  it('"social" does not find a passage that says only "society"', async () => {
    const res = await ungdc.search('social', { limit: 100 });
    expect(res.total).toBeGreaterThan(0);
    for (const h of res.hits) expect(h.text).toMatch(/\bsocial/i);
  });
});
