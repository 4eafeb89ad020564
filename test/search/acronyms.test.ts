import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { AcronymMiner, bestLongForm, findDefinitions } from '../../src/index/acronyms.ts';
import { openLibrary } from '../../src/library/open.ts';
import { loadLibrary } from '../../src/ingest/load-library.ts';
import { createEngine, VerbatimEngine } from '../../src/search/engine.ts';
import type { Hit } from '../../src/types.ts';
import { rankedWith } from '../support/options.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
let engine: VerbatimEngine;
let without: VerbatimEngine;
const marked = (h: Hit): string[] => h.excerpt.marks.map(([a, b]) => h.excerpt.text.slice(a, b));

beforeAll(async () => {
  const lib = await loadLibrary(path.join(ROOT, 'test/fixtures/acronyms'));
  engine = createEngine(lib.documents, lib.report);
  without = rankedWith(engine, { acronyms: { enabled: false } });
});

describe('acronym definitions (Schwartz–Hearst), on sentences of UN speeches', () => {
  it('reads the long form just before a parenthesised acronym', () => {
    const text =
      'Any armed attack on nuclear facilities devoted to peaceful purposes constitutes a violation of the Charter of the United Nations and the Statute of the International Atomic Energy Agency (IAEA).';
    expect(findDefinitions(text)).toEqual([{ short: 'IAEA', long: 'International Atomic Energy Agency' }]);
  });

  it('starts the long form at a content word, not at a stop word that happens to fit', () => {
    const text =
      'The Organization of African Unity (OAU), which was founded in Addis Ababa in May 1963, has proved that it can assist the United Nations.';
    expect(findDefinitions(text)).toEqual([{ short: 'OAU', long: 'Organization of African Unity' }]);
    expect(bestLongForm('OAS', 'members of the Organization of American States')).toBe('Organization of American States');
  });

  it('accepts plurals and non-English names, and ignores parentheses that are not acronyms', () => {
    expect(findDefinitions('We are committed to the Sustainable Development Goals (SDGs).')).toEqual([
      { short: 'SDGs', long: 'Sustainable Development Goals' },
    ]);
    expect(findDefinitions('the Fuerzas Armadas Revolucionarias de Colombia (FARC) have laid down their arms')).toEqual([
      { short: 'FARC', long: 'Fuerzas Armadas Revolucionarias de Colombia' },
    ]);
    expect(findDefinitions('as stated in resolution 2334 (2016) and in paragraph (b) (see annex) (A/76/PV.3)')).toEqual([]);
    // letters that do not spell the acronym: no definition rather than a wrong one
    expect(findDefinitions('the peace process in the region (UNMIK)')).toEqual([]);
  });

  it('keeps the definition most passages agree on, and only when two or more give it', () => {
    const m = new AcronymMiner();
    m.add('The Conference on Disarmament (CD) must resume its work.');
    m.add('We regret that the Conference on Disarmament (CD) has not agreed on a programme of work.');
    m.add('music sold on compact disc (CD) format');
    m.add('the Western European Union (WEU) met once');
    expect(m.result()).toEqual([{ short: 'CD', long: 'Conference on Disarmament', count: 2, uses: 3 }]);
  });
});

describe('searching with acronyms the library defines', () => {
  it('mines the library when it is indexed', () => {
    expect(engine.state.acronyms.map((a) => [a.short, a.long])).toEqual([
      ['IAEA', 'International Atomic Energy Agency'],
      ['LAWS', 'lethal autonomous weapon systems'],
    ]);
  });

  it('lets an acronym that is mostly an ordinary word stand for nothing: "laws" are not weapons', async () => {
    const res = await engine.search('laws');
    expect(res.total).toBe((await without.search('laws')).total);
    for (const h of res.hits) expect(marked(h).join(' ')).not.toMatch(/autonomous/i);
  });

  it('finds a passage that spells the name out for a query that uses the acronym, marking the name', async () => {
    const res = await engine.search('IAEA Zaporizhzhya');
    // the EU's speech names Mr. Grossi the "Director General of the International Atomic Energy Agency"
    expect(res.hits[0]!.text).toContain('to restore security at the Zaporizhzhya plant');
    expect(marked(res.hits[0]!)).toEqual(['International Atomic Energy Agency', 'Zaporizhzhya']);
    // without acronyms it ranks below the passages that use the acronym
    const plain = await without.search('IAEA Zaporizhzhya');
    expect(plain.hits[0]!.text).toContain('(IAEA)');
  });

  it('finds passages that only use the acronym for a query that spells the name out', async () => {
    const res = await engine.search('International Atomic Energy Agency');
    const irn = res.hits.find((h) => h.text.includes('Fifteen reports released by the IAEA'));
    expect(irn).toBeDefined();
    expect(marked(irn!)).toContain('IAEA');
    expect(res.hits.some((h) => h.text.includes('Zaporizhzhia Nuclear Power Station'))).toBe(true);
    // without acronyms, Ukraine's "IAEA’s clear appeal" holds none of the query's words
    const plain = await without.search('International Atomic Energy Agency');
    expect(plain.hits.some((h) => h.text.includes('Zaporizhzhia Nuclear Power Station'))).toBe(false);
  });

  it('keeps the acronyms in the index cache: a reopened library answers the same', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'verbatim-acronyms-'));
    try {
      const options = { dataDir: path.join(ROOT, 'test/fixtures/acronyms'), cachePath: path.join(dir, 'index.bin') };
      const first = await openLibrary(options);
      const second = await openLibrary(options);
      expect(second.fromCache).toBe(true);
      expect(second.engine.state.acronyms).toEqual(first.engine.state.acronyms);
      const ids = async (e: VerbatimEngine): Promise<string[]> => (await e.search('IAEA Zaporizhzhya')).hits.map((h) => h.id);
      expect(await ids(second.engine)).toEqual(await ids(first.engine));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('spells the acronym out inside a filtered search and next to a required phrase', async () => {
    const eu = engine.state.store.docs.find((d) => d.id.startsWith('EU_77_2022'))!;
    const filtered = await engine.search('IAEA', { filters: { document: eu.id } });
    expect(filtered.hits.map((h) => h.text)).toEqual([expect.stringContaining('Director General of the International Atomic Energy Agency')]);
    const phrase = await engine.search('"Zaporizhzhya plant" IAEA');
    expect(phrase.total).toBe(1);
    expect(marked(phrase.hits[0]!)).toContain('International Atomic Energy Agency');
  });

  it('finds every passage with the acronym or the whole name, and none with only some of its words', async () => {
    const res = await engine.search('IAEA');
    expect(res.total).toBe(5);
    for (const h of res.hits) expect(h.text).toMatch(/IAEA|International Atomic Energy Agency/);
    expect((await without.search('IAEA')).total).toBe(4);
  });
});
