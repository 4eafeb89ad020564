import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadLibrary } from '../../src/ingest/load-library.ts';
import { createEngine, VerbatimEngine } from '../../src/search/engine.ts';
import type { Hit, LibraryDocument } from '../../src/types.ts';
import { rankedWith } from '../support/options.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');

/** Passage ids in ranked order, each hit's folded copies after it (one text in several documents is one hit). */
const rankedIds = (hits: readonly Hit[]): string[] => hits.flatMap((h) => [h.id, ...(h.copies ?? []).map((c) => c.id)]);
let sample: VerbatimEngine;
let ungdc: VerbatimEngine;
let ungdcDocs: LibraryDocument[];

beforeAll(async () => {
  const s = await loadLibrary(path.join(ROOT, 'data'));
  sample = createEngine(s.documents, s.report);
  const u = await loadLibrary(path.join(ROOT, 'test/fixtures/ungdc'));
  ungdcDocs = u.documents;
  ungdc = createEngine(u.documents, u.report);
});

describe('golden rankings on the sample CND report', () => {
  it('puts the Pakistan (CGR) passage first for "heroin smuggled Afghanistan"', async () => {
    const res = await sample.search('heroin smuggled Afghanistan');
    expect(res.hits[0]?.text).toContain('Center for Governance Research (CGR) from Pakistan');
    expect(res.hits[0]?.source.document).toBeTruthy();
  });

  it('matches word forms: "cultivated" finds "coca cultivation"', async () => {
    const res = await sample.search('coca cultivated');
    expect(res.hits[0]?.text).toContain('coca cultivation has increased by 97.4%');
    expect(res.hits[0]?.excerpt.marks.length).toBeGreaterThan(0);
  });

  it('a quoted phrase only returns passages holding that exact phrase', async () => {
    const loose = await sample.search('drug policy network');
    const phrase = await sample.search('"drug policy network"');
    expect(loose.total).toBeGreaterThan(phrase.total);
    expect(phrase.total).toBeGreaterThan(0);
    for (const h of phrase.hits) expect(h.text.toLowerCase()).toContain('drug policy network');
  });

  it('an excluded word removes the passages holding it', async () => {
    const all = await sample.search('drug trafficking');
    const without = await sample.search('drug trafficking -Colombia');
    expect(all.hits.some((h) => h.text.includes('Colombia'))).toBe(true);
    expect(without.hits.length).toBeGreaterThan(0);
    for (const h of without.hits) expect(h.text).not.toContain('Colombia');
  });
});

describe('golden rankings on UN General Debate speeches', () => {
  it('finds the right passage despite a typo', async () => {
    const res = await ungdc.search('Afganistan drug trafficking');
    const exact = await ungdc.search('Afghanistan drug trafficking');
    expect(exact.hits[0]).toBeDefined();
    expect(res.hits.slice(0, 3).map((h) => h.id)).toContain(exact.hits[0]!.id);
  });

  it('ranks an exact match of a word above fuzzy matches of a similar, more frequent word', async () => {
    const res = await ungdc.search('Columbia');
    expect(res.hits[0]?.text).toContain('Columbia University');
    // the typo-tolerant matches (Colombia) follow, below the exact one
    expect(res.hits.slice(1).some((h) => /Colombia/.test(h.text))).toBe(true);
    expect(res.hits[0]!.score).toBeGreaterThan(res.hits[1]!.score);
  });

  it('a misspelling of a far more frequent word ranks like the word itself, but never above it', async () => {
    const typo = await ungdc.search('peace Venezuala mediation');
    const exact = await ungdc.search('peace Venezuela mediation');
    expect(typo.hits.slice(0, 3).map((h) => h.id)).toEqual(exact.hits.slice(0, 3).map((h) => h.id));
    expect(typo.hits[0]!.score).toBeLessThan(exact.hits[0]!.score);
    expect(typo.hits[0]!.score).toBeGreaterThan(exact.hits[0]!.score * 0.8);
  });

  it('two neighbouring letters swapped in a short word are one typo: "Bhuatn" finds Bhutan', async () => {
    // six letters allow one edit; without transpositions "Bhuatn" is two substitutions from "Bhutan" and finds nothing
    const typo = await ungdc.search('Bhuatn');
    const exact = await ungdc.search('Bhutan');
    expect(typo.total).toBe(exact.total);
    expect(typo.hits.map((h) => h.id)).toEqual(exact.hits.map((h) => h.id));
    expect(typo.hits[0]!.excerpt.marks.map(([a, b]) => typo.hits[0]!.excerpt.text.slice(a, b))).toContain('Bhutan');
  });

  it('a real word one swap from a far more frequent word is not read as its typo ("unclear" is not "nuclear")', async () => {
    // real General Debate sentences: 4 say "unclear", 200 say "nuclear"
    const lib = await loadLibrary(path.join(ROOT, 'test/fixtures/swaps'));
    const engine = createEngine(lib.documents, lib.report);
    const unclear = await engine.search('unclear', { limit: 100 });
    expect(unclear.total).toBe(4);
    for (const h of unclear.hits) expect(h.text).toMatch(/\bunclear\b/i);
    // a swap in a word the library does not hold is still a typo
    const typo = await engine.search('nucelar', { limit: 100 });
    expect(typo.total).toBeGreaterThan(200);
    expect(typo.hits[0]!.excerpt.marks.length).toBeGreaterThan(0);
  });

  it('does not expand a word that the library holds often', async () => {
    const res = await ungdc.search('Colombia');
    expect(res.hits.some((h) => h.text.includes('Columbia'))).toBe(false);
  });

  it('ranks passages holding every word of a short query first', async () => {
    const res = await ungdc.search('peace Venezuela mediation');
    const top = res.hits[0]!.text.toLowerCase();
    expect(top).toContain('venezuela');
    expect(top).toMatch(/mediat/);
    expect(top).toContain('peace');
  });

  it('gives the same hits for a country filter by name and by code', async () => {
    const byName = await ungdc.search('peace', { filters: { country: 'Colombia' } });
    const byCode = await ungdc.search('peace', { filters: { country: 'col' } });
    expect(byName.total).toBeGreaterThan(0);
    expect(byName.hits.map((h) => h.id)).toEqual(byCode.hits.map((h) => h.id));
    for (const h of byName.hits) expect(h.source.country).toBe('COL');
  });

  it('filters by year, speaker (accent-insensitive) and session', async () => {
    const y = await ungdc.search('peace', { filters: { country: 'COL', year: '2021' } });
    expect(y.hits.length).toBeGreaterThan(0);
    for (const h of y.hits) expect(h.source.date?.startsWith('2021')).toBe(true);
    const s = await ungdc.search('peace', { filters: { speaker: 'ivan duque' } });
    expect(s.hits.length).toBeGreaterThan(0);
    for (const h of s.hits) expect(h.source.speaker).toBe('Iván Duque Márquez');
    const sess = await ungdc.search('peace', { filters: { session: '66' } });
    for (const h of sess.hits) expect(h.source.session).toBe('66');
    const range = await ungdc.search('peace', { filters: { from: '1950', to: '1960' } });
    for (const h of range.hits) expect(h.source.date).toBe('1956');
  });

  it('refuses an unknown country or document with a helpful message', async () => {
    await expect(ungdc.search('peace', { filters: { country: 'Atlantis' } })).rejects.toThrow(/Unknown country “Atlantis”/);
    await expect(ungdc.search('peace', { filters: { document: 'nope' } })).rejects.toThrow(/No document “nope”/);
  });

  it('orders equal scores deterministically, whatever the load order', async () => {
    const text = 'The General Assembly must reform the Security Council without further delay.';
    const make = (id: string, p: string): LibraryDocument => ({
      id,
      path: p,
      meta: { title: 'Same' },
      passages: [{ id: `${id}-1`, docId: id, paragraph: 1, ordinal: 0, text }],
    });
    const docs = [make('b', 'b.txt'), make('a', 'a.txt'), make('c', 'c.txt')];
    const report = { documents: 3, passages: 3, skipped: [], warnings: [] };
    const one = await createEngine(docs, report).search('Security Council reform');
    const two = await createEngine([...docs].reverse(), report).search('Security Council reform');
    // one text in three documents: one hit, the others folded into it in their ranked order
    expect(rankedIds(one.hits)).toEqual(['a-1', 'b-1', 'c-1']);
    expect(rankedIds(two.hits)).toEqual(['a-1', 'b-1', 'c-1']);
  });

  it('checks stop words of a phrase on positions, even when another word stems to a stop word', async () => {
    const mk = (id: string, text: string): LibraryDocument => ({
      id,
      path: `${id}.txt`,
      meta: {},
      passages: [{ id: `${id}-1`, docId: id, paragraph: 1, ordinal: 0, text }],
    });
    const docs = [
      // ECU_70_2015: the sentence of a known-item query
      mk(
        'ecu',
        'I was saddened to hear President Obama say that he proposed ending 50 years of embargo not because it was a violation of international law, but because it had not functioned.',
      ),
      // "nots" stems to "not", a stop word: it must not become a required word of the phrase
      mk('knots', 'The ifs and nots of sanctions: an embargo that functioned for a decade.'),
    ];
    const engine = createEngine(docs, { documents: 2, passages: 2, skipped: [], warnings: [] });
    const res = await engine.search('embargo "had not functioned"');
    expect(res.hits.map((h) => h.id)).toEqual(['ecu-1']);
  });

  it('ranks a long pasted description instead of refusing it, its source passage first', async () => {
    // a paraphrased, wordy description (over 50 words, with a quoted word) of one BRA_76_2021 paragraph
    const q =
      'I am looking for the statement in which the speaker explained that the State-owned enterprises of the country used to ' +
      'incur "losses" in the billions of dollars and are now profitable again, and that the National Development Bank had been ' +
      'used as a conduit to finance public works in communist countries with no collateral guarantees, so that the people ' +
      'themselves bore the brunt of those commitments and costs.';
    expect(q.split(/\s+/).length).toBeGreaterThan(50);
    const res = await ungdc.search(q);
    expect(res.hits[0]?.text).toContain('Our State-owned enterprises used to incur losses');
    expect(res.hits[0]?.source.document).toContain('BRA_76_2021');
  });

  it('lifts a passage whose speech covers the query words the passage itself lacks', async () => {
    // two speeches with the same sentence; only one of them (NZL, as in NZL_53_1998) also speaks of
    // the Commission on Sustainable Development elsewhere — a known-item query names both
    const sentence = 'Our Environment Minister, the Honourable Simon Upton, will chair the meeting next year.';
    const speech = (id: string, p: string, other: string): LibraryDocument => ({
      id,
      path: p,
      meta: { title: id },
      passages: [
        { id: `${id}-1`, docId: id, paragraph: 1, ordinal: 0, text: sentence },
        { id: `${id}-2`, docId: id, paragraph: 2, ordinal: 1, text: other },
      ],
    });
    const docs = [
      // sorts first, so it would win a tie
      speech('aaa', 'a.txt', 'We welcome the report on fisheries and the law of the sea, and thank the Secretary-General.'),
      speech('nzl', 'n.txt', 'The Commission on Sustainable Development must now turn the Rio commitments into action.'),
    ];
    const engine = createEngine(docs, { documents: 2, passages: 4, skipped: [], warnings: [] });
    const q = 'Simon Upton chair sustainable development commission';
    // (the one sentence of both is one hit, the other's folded into it: their order is the ranking's)
    const rankOf = (hits: readonly Hit[], id: string): number => rankedIds(hits).indexOf(id);
    const res = await engine.search(q);
    expect(rankOf(res.hits, 'nzl-1')).toBeGreaterThanOrEqual(0);
    expect(rankOf(res.hits, 'nzl-1')).toBeLessThan(rankOf(res.hits, 'aaa-1'));
    // passage evidence alone cannot tell the two apart
    const flat = rankedWith(engine, { document: { weight: 0 } }).searchSync(q);
    expect(rankOf(flat.hits, 'aaa-1')).toBeLessThan(rankOf(flat.hits, 'nzl-1'));
  });

  it('a number meets its percentage: 97.4 finds 97.4%', async () => {
    const res = await sample.search('coca 97.4');
    expect(res.hits[0]?.text).toContain('97.4%');
  });

  it('pages without overlap and reports the total', async () => {
    const p1 = await ungdc.search('development', { limit: 5 });
    const p2 = await ungdc.search('development', { limit: 5, offset: 5 });
    expect(p1.total).toBeGreaterThan(10);
    expect(p2.hits.map((h) => h.id).filter((id) => p1.hits.some((h) => h.id === id))).toEqual([]);
  });

  it('suggests the frequent spelling for a word the library lacks', () => {
    expect(ungdc.suggest('Afganistan peace')).toBe('afghanistan peace');
    expect(ungdc.suggest('peace')).toBeUndefined();
  });

  it('offers facet values by accent-insensitive prefix, most frequent first', () => {
    expect(ungdc.facet('country', 'col', 5).map((v) => v.value)).toEqual(['COL']);
    expect(ungdc.facet('country', 'Colombia', 5)[0]?.label).toBe('Colombia');
    expect(ungdc.facet('speaker', 'ivan', 5)[0]?.value).toBe('Iván Duque Márquez');
    expect(ungdc.facet('speaker', 'duque', 5)[0]?.value).toBe('Iván Duque Márquez');
    const countries = ungdc.facet('country', '', 10);
    expect(countries[0]?.value).toBe('COL'); // two speeches
  });

  it('gives a passage its neighbours in document order', () => {
    const doc = ungdcDocs.find((d) => d.id.includes('COL_76_2021'))!;
    const mid = [...doc.passages].sort((a, b) => a.ordinal - b.ordinal)[3]!;
    const ctx = ungdc.context(mid.id, 1);
    expect(ctx.map((h) => h.id)).toHaveLength(3);
    expect(ctx[1]!.id).toBe(mid.id);
    expect(ungdc.passage(mid.id)?.text).toBe(mid.text);
  });

  it('lets a country name and its adjective find each other, an exact match still weighing more', () => {
    const marked = (h: Hit): string[] => h.excerpt.marks.map(([a, b]) => h.excerpt.text.slice(a, b));
    // Austria 1956: "800,000 refugees have crossed the Austrian borders"
    const top = ungdc.searchSync('refugees Austria').hits[0]!;
    expect(top.text).toContain('refugees have crossed the Austrian borders');
    expect(marked(top)).toContain('Austrian');
    const plain = rankedWith(ungdc, { countryWords: { weight: 0 } });
    expect(plain.searchSync('refugees Austria').hits[0]!.text).not.toContain('Austrian borders');
    // and back: "Venezuelan" finds passages that only say "Venezuela"
    const hits = ungdc.searchSync('Venezuelan', { limit: 100 }).hits;
    expect(hits.some((h) => marked(h).includes('Venezuela') && !/Venezuelan/.test(h.text))).toBe(true);
    // the top passage says the adjective itself; its excerpt shows the sentence with "millions of Venezuelans fleeing" whole
    expect(marked(hits[0]!).some((m) => /^Venezuelans?$/.test(m))).toBe(true);
  });

  it('ranks a passage where the words stand together above one where they are scattered', () => {
    // Colombia 2011: "before the end of an internal armed conflict"; Venezuela 2011 has "the Libyan
    // conflict" and "armed" apart, and wins on word counts alone
    const q = 'armed conflict';
    const top = ungdc.searchSync(q).hits[0]!;
    expect(top.text).toMatch(/armed conflict/i);
    const scattered = rankedWith(ungdc, { proximity: { depth: 0 } }).searchSync(q).hits[0]!;
    expect(scattered.text).not.toMatch(/armed conflict/i);
  });
});

describe('title-only statements', () => {
  it('a JSONL statement with a title and empty text is found by its exact title', async () => {
    const { mkdtempSync, writeFileSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(path.join(tmpdir(), 'verbatim-titles-'));
    try {
      const lines = [
        { id: '1', title: 'Compiling recursive procedures for a stack machine', text: '' },
        {
          id: '2',
          title: 'Sorting by address calculation',
          text: 'A sorting method that places each key near its final address, then corrects the order.',
        },
        { id: '3', title: 'Storage allocation', text: 'Procedures for a machine with a stack of registers and recursive calls are compared.' },
      ];
      writeFileSync(path.join(dir, 'corpus.jsonl'), lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
      const lib = await loadLibrary(dir);
      expect(lib.report.skipped).toEqual([]);
      const engine = createEngine(lib.documents, lib.report);
      const res = await engine.search('compiling recursive procedures stack machine');
      expect(res.hits[0]?.source.document).toBe('1');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('a quoted phrase marks its own words, not its stop words standing alone', () => {
  it('"peace and security" marks the phrase and "peace" or "security" alone, never a lone "and"', async () => {
    const res = await ungdc.search('"peace and security"', { limit: 10 });
    expect(res.hits.length).toBeGreaterThan(0);
    const marked = res.hits.flatMap((h) => h.excerpt.marks.map(([a, b]) => h.excerpt.text.slice(a, b).toLowerCase()));
    expect(marked).toContain('peace and security');
    // before: every "and" in the excerpt was marked too
    expect(marked.filter((m) => m === 'and')).toEqual([]);
  });
});
