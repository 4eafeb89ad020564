/**
 * A hyphenated compound is also indexed closed: "cooperation" finds Austria's 1956 "co-operation",
 * as UN texts changed spelling over the decades (co-operation, peace-keeping, under-developed).
 */
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { closeSpacedHyphens, compoundTerms, indexTokens, termPositions, tokens, CLOSED_FORM_JOINER } from '../../src/index/analyzer.ts';
import { loadLibrary } from '../../src/ingest/load-library.ts';
import { engineOfStatements } from '../support/library.ts';
import { createEngine, VerbatimEngine } from '../../src/search/engine.ts';
import { analyse, compileFollow, matches, type NewPassage } from '../../src/follows/matcher.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
let ungdc: VerbatimEngine;

beforeAll(async () => {
  const u = await loadLibrary(path.join(ROOT, 'test/fixtures/ungdc'));
  ungdc = createEngine(u.documents, u.report);
});

describe('compoundTerms: a hyphenated compound, closed', () => {
  it.each([
    ['on-line catalogues', ['onlin']],
    ['international co-operation', ['cooper']],
    ['under-developed countries', ['underdevelop']],
    ['a state-of-the-art archive', ['stateoftheart']],
    ['peace-keeping and self-determination', ['peacekeep', 'selfdetermin']],
    // curly hyphens as typed by word processors
    ['co\u2010operation', ['cooper']],
    // a part may be a number or hold digits, after a word: G-77 is G77, IL-10 is IL10, PD-L1 is PDL1
    ['COVID-19 and G-77', ['covid19', 'g77']],
    ['IL-10 and PD-L1', ['il10', 'pdl1']],
    // a footnote number glued after a compound leaves it whole
    ['self-determination.12 The', ['selfdetermin']],
    // a hyphen a line break left spaced (OCR'd records, typeset abstracts) joins as written unbroken
    ['the right of self- determination', ['selfdetermin']],
    ['the pa- tients were', ['patient']],
    ['North Viet- Nam', ['vietnam']],
    ['a non- self-governing territory', ['nonselfgovern']],
    // …but not a suspended hyphen before a conjunction: its compound is the one after
    ['medium- and long-term plans', ['longterm']],
    ['three- to five-year terms', ['fiveyear']],
  ])('%j', (text, closed) => {
    expect(compoundTerms(text).map((c) => c.term)).toEqual(closed);
  });

  it.each([
    // a run opening with a number, a decimal, dashes between words, and halves of longer runs are no compounds
    'ratio-2.5',
    'rate-63%',
    'peace - and security',
    'peace -- security',
    'peace- and security',
    'pre- or post-',
    '1990-1995',
    // nor a word glued to an apostrophe ("sright", "ivoireghana")
    "the people's-rights charter",
    "Côte d'Ivoire-Ghana border",
  ])('none in %j', (text) => {
    expect(compoundTerms(text)).toEqual([]);
  });
});

describe('indexTokens: the closed form rides on the last part, and the length stays', () => {
  it('joins the closed term to the last indexed part, one distinct token per compound', () => {
    const toks = indexTokens('The on-line catalogue, on-line again, and a follow-up');
    expect(toks.map((t) => t.split(CLOSED_FORM_JOINER))).toEqual([['line', 'onlin'], ['catalog'], ['line', 'onlin'], ['follow', 'followup']]);
  });

  it('leaves a passage its length: distinct words, as without the closed forms', async () => {
    // "operations" and "co-operation" share "oper": riding on it, "cooper" would make one more distinct token
    const { PartitionIndex } = await import('../../src/index/partition.ts');
    const texts = [
      'Peace-keeping operations need co-operation.',
      'Peacekeeping operations need cooperation.',
      'Peace keeping operations need co operation.',
    ];
    const part = PartitionIndex.build(texts.map((text, g) => ({ g, text, meta: 'Statement' })));
    const lengths = [...part.layout()].map((l) => l.text);
    // peac keep oper need co / peacekeep oper need cooper / peac keep oper need co
    expect(lengths).toEqual([5, 4, 5]);
    expect(part.postings('cooper', 'text')?.size).toBe(2);
    expect(part.postings('peacekeep', 'text')?.size).toBe(2);
  });

  it('indexes a compound of common words alone as a word of its own ("over-all")', () => {
    expect(indexTokens('The over-all picture')).toEqual(['pictur', 'overal']);
  });

  it('places no compound inside a longer one ("non-peace-keeping" holds no "peace-keeping")', () => {
    expect(termPositions('non-peace-keeping missions', new Map([['peacekeep', 0]])).pos).toEqual([]);
  });

  it('takes no run of more than six parts for a compound', () => {
    expect(compoundTerms('a-b-c-d-e-f-g and on-line')).toEqual([{ exact: 'online', term: 'onlin', start: 18, end: 25 }]);
    expect(compoundTerms(`${'a-'.repeat(1000)}a`)).toEqual([]);
  });

  it('places a compound opening with a one-letter word ("e-mail") for proximity', () => {
    const p = termPositions('send an e-mail now', new Map([['email', 0]]));
    expect(p.bits).toEqual([0]);
  });

  it('places the closed form at its first word for proximity ("on-line" where "line" is)', () => {
    const bits = new Map([
      ['onlin', 0],
      ['catalog', 1],
    ]);
    // "on" is a stop word: the compound sits at "line", right before "catalogue"
    const p = termPositions('An on-line catalogue', bits);
    expect(p.pos).toEqual([0, 1]);
    expect(p.bits).toEqual([0, 1]);
  });
});

describe('searching the closed form finds the hyphenated one (UNGDC fixture: Austria 1956 writes co-operation)', () => {
  it('"cooperation" finds "co-operation" and marks the compound whole', async () => {
    const res = await ungdc.search('neutrality cooperation', { limit: 5 });
    const top = res.hits[0]!;
    expect(top.source.document).toMatch(/AUT_11_1956/);
    expect(top.text).toContain('co-operation');
    const marked = top.excerpt.marks.map(([a, b]) => top.excerpt.text.slice(a, b));
    expect(marked).toContain('co-operation');
    expect(marked).toContain('neutrality');
  });

  it('counts Austria 1956 among the passages saying "cooperation"', async () => {
    const res = await ungdc.search('cooperation', { limit: 50 });
    expect(res.hits.some((h) => /AUT_11_1956/.test(h.source.document) && h.text.includes('co-operation'))).toBe(true);
  });
});

describe('a hyphen a line break left spaced: "low- carbon" is the compound low-carbon (UNGDC fixture: Brazil 2021)', () => {
  it('closeSpacedHyphens closes it up, and leaves suspended hyphens, dashes, exclusions and filter values', () => {
    expect(closeSpacedHyphens('self- determination and well- being')).toBe('self-determination and well-being');
    for (const text of ['medium- and long-term', 'war -peace', 'peace - security', 'rates fell 5- 6 per cent', 'country:COL- peace'])
      expect(closeSpacedHyphens(text)).toBe(text);
  });

  it('"lowcarbon", written closed, finds "low- carbon agriculture" and marks it whole; a query pasted with the broken hyphen reads as "low-carbon"', async () => {
    const res = await ungdc.search('lowcarbon agriculture feeds', { limit: 5 });
    const top = res.hits[0]!;
    expect(top.source.document).toMatch(/BRA_76_2021/);
    expect(top.text).toContain('low- carbon agriculture');
    const marked = top.excerpt.marks.map(([a, b]) => top.excerpt.text.slice(a, b));
    expect(marked).toEqual(expect.arrayContaining(['low- carbon', 'agriculture', 'feeds']));
    // Brazil's other passage writes it whole ("low-carbon industries"): both spellings are one word
    const both = await ungdc.search('lowcarbon', { limit: 10 });
    expect(both.hits.map((h) => /low- carbon agriculture|low-carbon industries/.exec(h.text)?.[0])).toEqual(
      expect.arrayContaining(['low- carbon agriculture', 'low-carbon industries']),
    );
    const pasted = await ungdc.search('low- carbon agriculture feeds', { limit: 5 });
    const typed = await ungdc.search('low-carbon agriculture feeds', { limit: 5 });
    expect(pasted.hits.map((h) => [h.id, h.excerpt.marks])).toEqual(typed.hits.map((h) => [h.id, h.excerpt.marks]));
  });

  it('the parser reads a pasted "self- determination" as the compound self-determination', async () => {
    const { parseQuery } = await import('../../src/search/query.ts');
    expect(parseQuery('the right of self- determination').compounds).toEqual([
      { raw: 'self-determination', term: 'selfdetermin', parts: ['self', 'determin'] },
    ]);
    expect(parseQuery('medium- and long-term').compounds).toEqual([{ raw: 'long-term', term: 'longterm', parts: ['long', 'term'] }]);
  });
});

describe('a closed form only ever written hyphenated corrects a typo only when it is common', () => {
  it('"wellbeng" is not read as a rare "hell-bent", "selfdefnce" is read as a common "self-defence"', async () => {
    const lines = [
      { id: 'a', title: 'Statement', text: 'The Government is hell-bent on reform.' },
      { id: 'b', title: 'Statement', text: 'The wellbeing of every citizen comes first.' },
      { id: 'c', title: 'Statement', text: 'Co-operation, co-operation and again cooperation.' },
      ...Array.from({ length: 60 }, (_, i) => ({ id: `sd${i}`, title: 'Statement', text: `Article 51 and the right of self-defence, case ${i}.` })),
    ];
    const e = await engineOfStatements(lines);
    const docs = async (q: string): Promise<string[]> => (await e.search(q, { limit: 5 })).hits.map((h) => h.source.document);
    expect(await docs('wellbeng')).not.toContain('a');
    expect((await docs('selfdefnce')).some((x) => x.startsWith('sd'))).toBe(true);
    // a word written closed is the term's surface, though the hyphenated form is commoner
    const ix = e.state.index;
    expect(ix.surface(ix.termId('cooper'))).toBe('cooperation');
    expect(ix.surface(ix.termId('hellbent'))).toBe('hell-bent');
  });
});

describe('a quoted phrase written closed holds across a hyphenated compound', () => {
  it('"international cooperation" finds and marks Austria 1956\'s "international co-operation", in search and in a trend alike', async () => {
    const res = await ungdc.search('"international cooperation"', { limit: 20 });
    const aut = res.hits.find((h) => /AUT_11_1956/.test(h.source.document));
    expect(aut).toBeDefined();
    const marked = aut!.excerpt.marks.map(([a, b]) => aut!.excerpt.text.slice(a, b));
    expect(marked).toContain('international co-operation');
    const trend = await ungdc.count('"international cooperation"', { by: 'country' });
    expect(trend.buckets.find((b) => b.key === 'AUT')?.count).toBeGreaterThan(0);
    // left out, it leaves out the hyphenated one too
    const without = await ungdc.search('neutrality -"international cooperation"', { limit: 20 });
    expect(without.hits.some((h) => h.text.includes('international co-operation'))).toBe(false);
  });

  it('a compound followed by \'s is one word closed ("Vietnam\'s independence" in "Viet-Nam\'s independence")', async () => {
    const { holdsPhrase, passageTokens } = await import('../../src/search/ranking/phrases.ts');
    const { phraseChecker } = await import('../../src/search/phrase-scan.ts');
    const text = "Viet-Nam's independence and the Secretary-General's report";
    const terms = (q: string): string[] => tokens(q).map((t) => t.term);
    for (const [phrase, holds] of [
      ["Vietnam's independence", true],
      ['Vietnam independence', true],
      ['secretarygeneral general report', false],
    ] as const) {
      expect(holdsPhrase(passageTokens(text), terms(phrase))).toBe(holds);
      expect(phraseChecker([terms(phrase)])(text)).toBe(holds);
    }
  });

  it('each compound is read as written or closed on its own ("cooperation among non-aligned countries")', async () => {
    const { holdsPhrase, passageTokens } = await import('../../src/search/ranking/phrases.ts');
    const { phraseChecker } = await import('../../src/search/phrase-scan.ts');
    const text = 'Economic co-operation among non-aligned countries is the answer.';
    const terms = (q: string): string[] => tokens(q).map((t) => t.term);
    for (const phrase of [
      'cooperation among non-aligned countries',
      'co-operation among nonaligned countries',
      'cooperation among nonaligned countries',
    ]) {
      expect(holdsPhrase(passageTokens(text), terms(phrase))).toBe(true);
      expect(phraseChecker([terms(phrase)])(text)).toBe(true);
    }
    expect(holdsPhrase(passageTokens(text), terms('cooperation among aligned countries'))).toBe(false);
    const follow = compileFollow({ id: 1, query: '"cooperation among non-aligned countries"', filters: {} });
    expect(matches(follow, analyse(speech('ZMB', 27, 1972, text)))).toBe(true);
  });

  it('a follow of "international cooperation" is told of "international co-operation"', () => {
    const passage = speech('AUT', 11, 1956, 'Dedication to active international co-operation on the basis of the Charter.');
    expect(matches(compileFollow({ id: 1, query: '"international cooperation"', filters: {} }), analyse(passage))).toBe(true);
    expect(matches(compileFollow({ id: 2, query: 'Charter -"international cooperation"', filters: {} }), analyse(passage))).toBe(false);
  });
});

describe('an excerpt marks the compound, not its parts, where the passage says it', () => {
  it('"peace-keeping" marks "Peacekeeping" but not the "peace" beside it; "keeping the peace" has both marked', async () => {
    const lines = [
      { id: 'a', title: 'Statement', text: 'Peacekeeping missions bring peace to the region.' },
      { id: 'b', title: 'Statement', text: 'Keeping the peace at home and abroad.' },
    ];
    const e = await engineOfStatements(lines);
    const res = await e.search('peace-keeping', { limit: 5 });
    const marked = (id: string): string[] => {
      const h = res.hits.find((x) => x.source.document === id)!;
      return h.excerpt.marks.map(([a, b]) => h.excerpt.text.slice(a, b));
    };
    expect(marked('a')).toEqual(['Peacekeeping']);
    expect(marked('b')).toEqual(['Keeping', 'peace']);
    // "peace" typed on its own is marked everywhere
    const both = await e.search('peace peace-keeping', { limit: 5 });
    const a = both.hits.find((x) => x.source.document === 'a')!;
    expect(a.excerpt.marks.map(([x, y]) => a.excerpt.text.slice(x, y))).toEqual(['Peacekeeping', 'peace']);
    // a follow's alert marks alike
    const follow = compileFollow({ id: 1, query: 'peace-keeping', filters: {} });
    const alertMarks = (id: string): string[] => {
      const h = e.passage(res.hits.find((x) => x.source.document === id)!.id, follow.marks)!;
      return h.excerpt.marks.map(([x, y]) => h.excerpt.text.slice(x, y));
    };
    expect(alertMarks('a')).toEqual(['Peacekeeping']);
    expect(alertMarks('b')).toEqual(['Keeping', 'peace']);
  });
});

describe('a follow of the closed form is told of the hyphenated one', () => {
  const passage = (text: string): NewPassage => speech('CYP', 29, 1974, text);
  it('follow "peacekeeping" matches a statement writing "peace-keeping"', () => {
    const follow = compileFollow({ id: 1, query: 'peacekeeping', filters: {} });
    expect(matches(follow, analyse(passage('The costs of peace-keeping in Cyprus have grown.')))).toBe(true);
    expect(matches(follow, analyse(passage('Keeping the peace in Cyprus has a cost.')))).toBe(false);
  });

  it('follow "peace-keeping" is told of "peacekeeping", "peace-keeping" and "keeping the peace", once each, not of "peace" alone', async () => {
    const { FollowIndex } = await import('../../src/follows/matcher.ts');
    const index = new FollowIndex();
    index.add(compileFollow({ id: 1, query: 'peace-keeping', filters: {} }));
    index.add(compileFollow({ id: 2, query: 'follow-up Cyprus', filters: {} }));
    const texts = [
      'The costs of peacekeeping in Cyprus have grown.',
      'The costs of peace-keeping in Cyprus have grown.',
      'Keeping the peace in Cyprus has a cost.',
      'A lasting peace in Cyprus.',
      'The followup in Cyprus.',
      'We follow Cyprus closely.',
    ];
    const arrived = texts.map((t, i) => analyse({ ...passage(t), id: `p${i}` }));
    const told = index.match(arrived);
    expect(told.get(1)).toEqual(['p0', 'p1', 'p2']);
    // a stop-word part: the other part alone ("follow") does not say "follow-up"
    expect(told.get(2)).toEqual(['p4']);
    // an excluded phrase sharing a part leaves the compound whole; an excluded compound leaves out both spellings
    const peacekeeping = analyse(passage('Peacekeeping operations in Cyprus.'));
    expect(matches(compileFollow({ id: 3, query: 'peace-keeping -"peace talks"', filters: {} }), peacekeeping)).toBe(true);
    expect(matches(compileFollow({ id: 4, query: 'Cyprus -peace-keeping', filters: {} }), peacekeeping)).toBe(false);
  });
});

/** A new General Debate passage, as a follow sees it. */
function speech(country: string, session: number, year: number, text: string): NewPassage {
  return {
    id: 'p1',
    docId: `${country}_${session}_${year}`,
    text,
    meta: { country, session: String(session), date: String(year) },
    voice: { country, organisations: [] },
    dateFrom: year * 10000 + 101,
    dateTo: year * 10000 + 1231,
  };
}

describe('a hyphenated word in a query also finds the closed spelling, where the library writes it closed', () => {
  it('the parser notes each compound among the free words, not in quotes or exclusions', async () => {
    const { parseQuery } = await import('../../src/search/query.ts');
    expect(parseQuery('peace-keeping operations in non-aligned countries').compounds).toEqual([
      { raw: 'peace-keeping', term: 'peacekeep', parts: ['peac', 'keep'] },
      { raw: 'non-aligned', term: 'nonalign', parts: ['non', 'align'] },
    ]);
    expect(parseQuery('follow-up').compounds).toEqual([{ raw: 'follow-up', term: 'followup', parts: ['follow'], partial: true }]);
    expect(parseQuery('"peace-keeping operations" -co-operation').compounds).toBeUndefined();
    // excluding the closed spelling would leave out both spellings of what is searched for
    expect(() => parseQuery('co-operation -cooperation')).toThrow(
      /“cooperation” is both searched for \(as “co-operation”, its spelling with a hyphen\) and excluded/,
    );
    expect(() => parseQuery('co-operation -co-operation')).toThrow(/“co-operation” is both searched for and excluded/);
    // an excluded compound leaves out both spellings, as a searched one finds both
    expect(parseQuery('Cyprus -peace-keeping').excluded.map((w) => w.term)).toEqual(['peacekeep']);
  });

  it('"co-operation" finds the modern "cooperation" on the UNGDC fixture, and Austria 1956 still', async () => {
    const res = await ungdc.search('co-operation', { limit: 10 });
    const docs = res.hits.map((h) => h.source.document);
    // Colombia 2011 and Venezuela 2011 write "cooperation", Austria 1956 "co-operation"
    expect(docs.some((d) => /COL_66_2011/.test(d))).toBe(true);
    expect(docs.some((d) => /VEN_66_2011/.test(d))).toBe(true);
    expect(docs.some((d) => /AUT_11_1956/.test(d))).toBe(true);
    for (const h of res.hits) {
      const marked = h.excerpt.marks.map(([a, b]) => h.excerpt.text.slice(a, b).toLowerCase());
      // the word's forms, as "cooperation" typed finds them (cooperate, co-operate, cooperating)
      expect(marked.some((m) => /^co-?operat/.test(m))).toBe(true);
    }
  });

  it('"peace-keeping" finds Brazil 2021\'s "peacekeeping operations" first, not any passage saying "peace"', async () => {
    const res = await ungdc.search('peace-keeping operations', { limit: 3 });
    expect(res.hits[0]!.text.toLowerCase()).toContain('peacekeeping operations');
    const all = await ungdc.search('peace-keeping', { limit: 100 });
    expect(all.hits.length).toBeGreaterThan(0);
    for (const h of all.hits) expect(h.text.toLowerCase()).toMatch(/peace-?keeping|\bpeace\b[\s\S]*\bkeep|\bkeep[\s\S]*\bpeace\b/);
  });

  it('a library that never writes it closed keeps the parts ("boundary-layer" still finds "boundary layer"); a part named alone stays a word', async () => {
    const lines = [
      { id: 'a', title: 'Statement', text: 'The boundary layer thickens downstream.' },
      { id: 'b', title: 'Statement', text: 'A boundary-layer profile was measured.' },
      { id: 'c', title: 'Statement', text: 'Peacekeeping missions were renewed.' },
      { id: 'd', title: 'Statement', text: 'Peace-keeping forces were sent.' },
      { id: 'e', title: 'Statement', text: 'A lasting peace is our aim.' },
      { id: 'f', title: 'Statement', text: 'Keeping the peace at home and abroad.' },
      { id: 'g', title: 'Statement', text: 'Peacebuilding after the war.' },
      { id: 'h', title: 'Statement', text: 'Peace-building after the war.' },
      { id: 'i', title: 'Statement', text: 'The followup of the summit.' },
      { id: 'j', title: 'Statement', text: 'The follow-up of the conference.' },
      { id: 'k', title: 'Statement', text: 'We will follow the mechanism.' },
    ];
    const e = await engineOfStatements(lines);
    const docs = async (q: string): Promise<string[]> => (await e.search(q, { limit: 10 })).hits.map((h) => h.source.document).sort();
    expect(await docs('boundary-layer')).toEqual(['a', 'b']);
    // written closed in c: the compound is one word, closed, hyphenated or its parts together
    expect(await docs('peace-keeping')).toEqual(['c', 'd', 'f']);
    // "peace" also typed alone is a word of its own
    expect(await docs('peace and peace-keeping')).toEqual(['c', 'd', 'e', 'f', 'h']);
    // an excluded phrase sharing a part leaves the compound whole (it is not a part typed alone)
    expect(await docs('peace-keeping -"peace talks"')).toEqual(['c', 'd', 'f']);
    // typed twice, it weighs twice, as a word typed twice does
    const top = async (q: string): Promise<number> => (await e.search(q, { limit: 1 })).hits[0]!.score;
    expect(await top('peace-keeping peace-keeping')).toBeGreaterThan(1.5 * (await top('peace-keeping')));
    // with a stop-word part, the other part alone does not say the compound
    expect(await docs('follow-up')).toEqual(['i', 'j']);
    // two compounds opening with the same part are two words, each found
    expect(await docs('peace-keeping peace-building')).toEqual(['c', 'd', 'f', 'g', 'h']);
  });
});

describe('a hyphenated word in quotes holds in the closed spelling too, where the library writes it closed', () => {
  const lines = [
    { id: 'hyphen', title: 'Statement', text: 'We support international co-operation on drugs.' },
    { id: 'closed', title: 'Statement', text: 'We support international cooperation on drugs.' },
    { id: 'spaced', title: 'Statement', text: 'We support international co operation on drugs.' },
    { id: 'other', title: 'Statement', text: 'International trade and cooperation on drugs grew.' },
    { id: 'layer', title: 'Statement', text: 'The boundary layer flow thickens downstream.' },
    { id: 'layer2', title: 'Statement', text: 'A boundary-layer flow profile was measured.' },
  ];
  let e: VerbatimEngine;
  beforeAll(async () => {
    e = await engineOfStatements(lines);
  });
  const docs = async (q: string): Promise<string[]> => (await e.search(q, { limit: 10 })).hits.map((h) => h.source.document).sort();

  it('"international co-operation" holds closed, hyphenated or apart, in search and in a trend alike', async () => {
    // before: the hyphenated and the spaced spellings only (its parts side by side)
    expect(await docs('"international co-operation"')).toEqual(['closed', 'hyphen', 'spaced']);
    expect(e.matchAll('"international co-operation"').length).toBe(3);
    const hit = (await e.search('"international co-operation"', { limit: 10 })).hits.find((h) => h.source.document === 'closed')!;
    expect(hit.excerpt.marks.map(([a, b]) => hit.excerpt.text.slice(a, b))).toContain('international cooperation');
    // the compound's parts mark a passage only where it writes them apart: not "operations" beside "cooperation"
    const ops = await engineOfStatements([{ id: 'ops', title: 'S', text: 'International cooperation in peace operations matters.' }]);
    const opsHit = (await ops.search('"international co-operation"', { limit: 1 })).hits[0]!;
    expect(opsHit.excerpt.marks.map(([a, b]) => opsHit.excerpt.text.slice(a, b))).toEqual(['International cooperation']);
    // a quoted compound alone, and one left out: every spelling
    expect(await docs('"co-operation"')).toEqual(['closed', 'hyphen', 'other', 'spaced']);
    expect(await docs('drugs -"international co-operation"')).toEqual(['other']);
    expect(e.matchAll('drugs -"international co-operation"').length).toBe(1);
  });

  it('a hyphenated word with a number finds the closed spelling too ("IL-10" finds "IL10", "G-77" finds "G77")', async () => {
    const lab = await engineOfStatements([
      { id: 'closed', title: 'S', text: 'Serum IL10 levels rose, as the G77 asked.' },
      { id: 'hyphen', title: 'S', text: 'Serum IL-10 levels rose, as the G-77 asked.' },
      { id: 'apart', title: 'S', text: 'Serum levels of 10 markers rose; the IL family.' },
    ]);
    const found = async (q: string): Promise<string[]> => (await lab.search(q, { limit: 10 })).hits.map((h) => h.source.document).sort();
    // the parts apart in a passage still find it, as for any hyphenated word, below the compound
    const ranked = (await lab.search('IL-10 levels', { limit: 10 })).hits.map((h) => h.source.document);
    expect(ranked.slice(0, 2).sort()).toEqual(['closed', 'hyphen']);
    expect(await found('"IL-10 levels"')).toEqual(['closed', 'hyphen']);
    expect(await found('G-77')).toEqual(['closed', 'hyphen']);
    expect(await found('G77')).toEqual(['closed', 'hyphen']);
    // a follow of it waits on its closed term and its longest part, not on "g"
    expect(compileFollow({ id: 4, query: 'G-77', filters: {} }).keys).toEqual(['g77', '77']);
  });

  it('where the library never writes the compound closed, the parts are words, as typed', async () => {
    expect(await docs('"boundary-layer flow"')).toEqual(['layer', 'layer2']);
  });

  it('a follow of "international co-operation" is told of every spelling', () => {
    const follow = compileFollow({ id: 1, query: '"international co-operation"', filters: {} });
    for (const [text, told] of [
      ['Support for international cooperation grew.', true],
      ['Support for international co-operation grew.', true],
      ['Support for international co operation grew.', true],
      ['International trade and cooperation grew.', false],
    ] as const)
      expect(matches(follow, analyse(speech('AUT', 11, 1956, text)))).toBe(told);
    // as in search, a fourth compound and later ones are held closed or hyphenated, not apart
    const many = compileFollow({ id: 3, query: '"peace-keeping, co-operation, self-determination and non-aligned policy"', filters: {} });
    expect(matches(many, analyse(speech('AUT', 11, 1956, 'On peacekeeping, cooperation, self determination and nonaligned policy.')))).toBe(true);
    expect(matches(many, analyse(speech('AUT', 11, 1956, 'On peacekeeping, cooperation, self-determination and non aligned policy.')))).toBe(false);
    const without = compileFollow({ id: 2, query: 'drugs -"international co-operation"', filters: {} });
    expect(matches(without, analyse(speech('AUT', 11, 1956, 'International cooperation on drugs.')))).toBe(false);
    expect(matches(without, analyse(speech('AUT', 11, 1956, 'Cooperation on drugs.')))).toBe(true);
  });
});

describe('a hyphenated word with a common word as a part is the compound, whether or not the library writes it closed', () => {
  // real 2023 General Debate statements: France says "the so-called Baghdad process", Germany "on-site";
  // neither writes "socalled" or "onsite", and other passages say "called", "calls" or "site"
  let follows: VerbatimEngine;
  beforeAll(async () => {
    const lib = await loadLibrary(path.join(ROOT, 'test/fixtures/ungdc-follows'));
    follows = createEngine(lib.documents, lib.report);
  });
  const found = async (q: string): Promise<Array<{ doc: string; marked: string[] }>> =>
    (await follows.search(q, { limit: 50 })).hits.map((h) => ({
      doc: h.source.document,
      marked: h.excerpt.marks.map(([a, b]) => h.excerpt.text.slice(a, b)),
    }));

  it('"so-called" finds France\'s "so-called Baghdad process" only, not every "called" (before: 29 passages with call, called, calls)', async () => {
    expect(await found('so-called')).toEqual([{ doc: '2023/FRA_78_2023', marked: ['so-called'] }]);
    expect(await found('on-site')).toEqual([{ doc: '2023/DEU_78_2023', marked: ['on-site'] }]);
    // a trend counts what search finds, and a follow wakes on it alone, as it already did
    expect(follows.matchAll('so-called').length).toBe(1);
    const follow = compileFollow({ id: 1, query: 'so-called', filters: {} });
    const said = (text: string): boolean => matches(follow, analyse(speech('FRA', 78, 2023, text)));
    expect(said('We will continue to participate in the so-called Baghdad process.')).toBe(true);
    expect(said('We called for a ceasefire.')).toBe(false);
    // with another word, passages saying only that word still come (after those saying both)
    const withBaghdad = await found('so-called Baghdad');
    expect(withBaghdad[0]).toEqual({ doc: '2023/FRA_78_2023', marked: ['so-called', 'Baghdad'] });
    // in quotes, the words written apart hold too, as a phrase always did
    const apart = await engineOfStatements([
      { id: 'hyphen', title: 'S', text: 'An in-depth review of the mandate.' },
      { id: 'apart', title: 'S', text: 'The mandate was reviewed in depth.' },
      { id: 'depth', title: 'S', text: 'The depth of the crisis.' },
    ]);
    const docs = async (q: string): Promise<string[]> => (await apart.search(q, { limit: 10 })).hits.map((h) => h.source.document).sort();
    expect(await docs('in-depth')).toEqual(['hyphen']);
    expect(await docs('"in-depth"')).toEqual(['apart', 'hyphen']);
  });

  it('a compound of common words only (while-do) is searched as itself, not refused as "only very common words"', async () => {
    const { parseQuery } = await import('../../src/search/query.ts');
    expect(parseQuery('while-do').compounds).toEqual([{ raw: 'while-do', term: 'whiledo', parts: [], partial: true }]);
    expect(() => parseQuery('while do')).toThrow(/only very common words/);
    // an article or a conjunction beside a hyphen makes it a dash set without spaces (CACM titles), no compound
    expect(parseQuery('ELIZA-A Computer Program').compounds).toBeUndefined();
    expect(parseQuery('Fen-An Axiomatic Basis; Algebra-the Coefficients').compounds).toBeUndefined();
    // an article opening a compound is its part (A-bomb, A-level): its closed term
    expect(parseQuery('A-bomb tests').compounds).toEqual([{ raw: 'A-bomb', term: 'abomb', parts: ['bomb'], partial: true }]);
    const e = await engineOfStatements([
      { id: 'loop', title: 'S', text: 'The theoretical completeness of if-then-else and while-do is discussed.' },
      { id: 'prose', title: 'S', text: 'Do write while you can; if so, then do it else wait.' },
    ]);
    const res = await e.search('while-do', { limit: 10 });
    expect(res.hits.map((h) => [h.source.document, h.excerpt.marks.map(([a, b]) => h.excerpt.text.slice(a, b))])).toEqual([['loop', ['while-do']]]);
    // beside other words it counts as one of them: the passage saying both compounds comes first
    expect((await e.search('if-then-else while-do', { limit: 10 })).hits.map((h) => h.source.document)).toEqual(['loop']);
    expect(e.matchAll('while-do').length).toBe(1);
    const follow = compileFollow({ id: 1, query: 'while-do', filters: {} });
    expect(matches(follow, analyse(speech('FRA', 78, 2023, 'A while-do loop.')))).toBe(true);
    expect(matches(follow, analyse(speech('FRA', 78, 2023, 'Do it while you can.')))).toBe(false);
  });
});
