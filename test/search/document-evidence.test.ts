import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadLibrary } from '../../src/ingest/load-library.ts';
import { createEngine, VerbatimEngine } from '../../src/search/engine.ts';
import { INDEX_OPTIONS } from '../../src/index/options.ts';
import { rankedWith } from '../support/options.ts';

// Two statements on top of the UNGDC fixture: a minister's statement about desertification in the
// Sahel, paragraph after paragraph, and an ambassador's tour of the agenda that mentions it once,
// in a short paragraph of its own.
const ARTICLE = [
  'Desertification is advancing across the Sahel, and my Government has made land restoration its first priority.',
  'In the Sahel, the loss of topsoil has driven herders south; desertification now threatens a third of our arable land.',
  'We ask partners to support the Great Green Wall, our answer to desertification, which will restore degraded land across the Sahel.',
  'Our young people must see a future at home; restoring land in the Sahel is also how we fight desertification and despair.',
].join('\n\n');
const ASIDE = [
  'The Assembly meets at a time of many crises. Trade, debt, health, peacekeeping and reform of the Council all call for our attention, and we will speak to each in turn.',
  'On desertification in the Sahel, we note the report.',
  'We thank the Secretary-General for his leadership and wish the President every success in this session, which we hope will be fruitful for all Member States.',
].join('\n\n');

let engine: VerbatimEngine;
let noDocument: VerbatimEngine;

beforeAll(async () => {
  engine = await libraryWith([
    { id: 'minister', title: 'Statement by the Minister', text: ARTICLE },
    { id: 'ambassador', title: 'Statement by the Ambassador', text: ASIDE },
  ]);
  noDocument = withDocument(engine, { weight: 0 });
});

/** The UNGDC fixture plus `lines` (a .jsonl of statements), loaded into an engine. */
async function libraryWith(lines: { id: string; title: string; text: string }[]): Promise<VerbatimEngine> {
  const d = mkdtempSync(path.join(tmpdir(), 'verbatim-document-'));
  try {
    cpSync(path.resolve(import.meta.dirname, '../fixtures/ungdc'), d, { recursive: true });
    writeFileSync(path.join(d, 'statements.jsonl'), lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
    const lib = await loadLibrary(d);
    return createEngine(lib.documents, lib.report);
  } finally {
    rmSync(d, { recursive: true, force: true });
  }
}

/** The same library ranked with document evidence's options changed. */
function withDocument(e: VerbatimEngine, change: Partial<typeof INDEX_OPTIONS.document>): VerbatimEngine {
  return rankedWith(e, { document: change });
}

describe('document evidence: a document is one text', () => {
  it('lifts the passages of a statement about the query more than those of one that mentions it once', () => {
    const q = 'desertification sahel';
    const scores = (e: VerbatimEngine): Map<string, number> => {
      const best = new Map<string, number>();
      for (const h of e.searchSync(q, { limit: 20 }).hits) if (!best.has(h.source.document)) best.set(h.source.document, h.score);
      return best;
    };
    const on = scores(engine);
    const off = scores(noDocument);
    const lift = (doc: string): number => on.get(doc)! - off.get(doc)!;
    expect(lift('minister')).toBeGreaterThan(0);
    expect(lift('ambassador')).toBeGreaterThan(0);
    // the minister says it in four paragraphs, the ambassador in one: whole texts, not best paragraphs
    expect(lift('minister')).toBeGreaterThan(lift('ambassador') * 1.1);
  });
});

describe('document evidence: a word is weighed by the documents that hold it', () => {
  // A delegation that names the Aral Sea in every sentence of its statement, as one paragraph or
  // as eight: one document either way. Its paragraphs must not make the word look common and cheapen
  // it for another statement that mentions it once.
  const SENTENCES = [
    'The Aral Sea was once the fourth largest lake on Earth.',
    'Today the Aral Sea has lost nine tenths of its water.',
    'Salt and dust from the dry bed of the Aral Sea poison the air.',
    'Fishing towns on the Aral Sea now stand a hundred kilometres from the shore.',
    'We ask the Assembly to support the trust fund for the Aral Sea.',
    'The basin of the Aral Sea is home to sixty million people.',
    'Rivers that fed the Aral Sea were diverted for cotton.',
    'Saving what remains of the Aral Sea is a shared responsibility.',
  ];
  const OTHER = {
    id: 'neighbour',
    title: 'Statement by the neighbouring delegation',
    text: 'Water is our first concern, from the glaciers of the Pamirs to the shrinking Aral Sea, and we will work with our neighbours on it.',
  };

  it('gives another statement the same lift however the first is cut into paragraphs', async () => {
    const oneParagraph = await libraryWith([{ id: 'delegation', title: 'Statement', text: SENTENCES.join(' ') }, OTHER]);
    const eightParagraphs = await libraryWith([{ id: 'delegation', title: 'Statement', text: SENTENCES.join('\n\n') }, OTHER]);
    const lift = (e: VerbatimEngine): number => {
      const off = withDocument(e, { weight: 0 });
      const score = (x: VerbatimEngine): number => x.searchSync('aral', { limit: 20 }).hits.find((h) => h.source.document === 'neighbour')!.score;
      return score(e) - score(off);
    };
    expect(lift(oneParagraph)).toBeGreaterThan(0);
    // passages would count "aral" in 9 places in one library and 2 in the other; documents, in 2 both times
    // (scores are rounded to 4 decimals, so two lifts can differ by 0.0001)
    expect(lift(eightParagraphs)).toBeCloseTo(lift(oneParagraph), 3);
  });
});

describe('document evidence: a description is a topic, which a whole statement covers', () => {
  // A minister's statement takes the description's aspects one paragraph at a time; a one-sentence
  // note names a few of them together.
  const STATEMENT = [
    'Desertification is advancing across our country, and it is now the first concern of every village we visit.',
    'In the Sahel, where rain has failed for three seasons running, the harvest is lost before it is sown.',
    'Herders have moved south with their animals, and the quarrels over water and pasture grow every year.',
    'The loss of topsoil is measured in centimetres each season, and what the wind takes does not come back.',
    'We ask partners to support the Great Green Wall, a belt of trees from Dakar to Djibouti.',
    'Land restoration gives work to young people, who must see a future at home rather than on the road north.',
  ].join('\n\n');
  const NOTE =
    'Herders and young people in the Sahel need land, water, schools, clinics, roads and markets, and above all peace, justice and the rule of law in every province and district of the country, from the capital to the smallest village.';
  const DESCRIPTION = 'desertification in the Sahel: land restoration, topsoil loss, herders and the Great Green Wall for young people';

  let on: VerbatimEngine;
  let off: VerbatimEngine;
  beforeAll(async () => {
    on = await libraryWith([
      { id: 'minister', title: 'Statement', text: STATEMENT },
      { id: 'note', title: 'Note', text: NOTE },
    ]);
    off = withDocument(on, { towardDocument: 0 });
  });
  const documents = (e: VerbatimEngine, q: string): string[] => [...new Set(e.searchSync(q, { limit: 10 }).hits.map((h) => h.source.document))];

  it('ranks the statement that covers the description above a note that names part of it', () => {
    expect(documents(on, DESCRIPTION).slice(0, 2)).toEqual(['minister', 'note']);
    // passage by passage alone, the note's one dense sentence comes first
    expect(documents(off, DESCRIPTION).slice(0, 2)).toEqual(['note', 'minister']);
  });
});

describe('document evidence: a short document is one topic, whatever the query', () => {
  // A four-paragraph news item on a locust invasion names the insects in two paragraphs and the crop
  // in another; one-line notices each name one of the two words.
  const ARTICLE = [
    'Locust swarms crossed into the eastern provinces in March, the worst invasion in three decades.',
    'The swarms have stripped sorghum and millet fields bare, and pasture is gone along the river.',
    'Control teams sprayed forty thousand hectares, but the locust bands hatch faster than they can be reached.',
    'Farmers fear the swarms will return with the rains, and ask for seed and food until the next harvest.',
  ];
  const NOTICES = [
    { id: 'fair', title: 'Notice', text: 'The sorghum fair opens in the capital on Tuesday.' },
    { id: 'garden', title: 'Notice', text: 'A locust was photographed in the botanical garden.' },
    {
      id: 'coast',
      title: 'Notice',
      text: 'Locust swarms were reported near the coast on Tuesday, the ministry said in a short notice about the weather.',
    },
    ...Array.from({ length: 40 }, (_, i) => ({
      id: `committee-${i + 1}`,
      title: 'Notice',
      text: `The committee met on item ${i + 1} of its agenda and adopted the report of its bureau without a vote.`,
    })),
  ];
  const q = 'locust sorghum';
  const sources = (e: VerbatimEngine): string[] => e.searchSync(q, { limit: 5 }).hits.map((h) => h.source.document);

  it("ranks the article's paragraphs, which hold the two words between them, above notices naming one", async () => {
    const news = await libraryWith([{ id: 'article', title: 'Report', text: ARTICLE.join('\n\n') }, ...NOTICES]);
    expect(sources(news).slice(0, 4)).toEqual(['article', 'article', 'article', 'fair']);
    // the library's six General Debate speeches soften its length normalisation (bm25.bLong), which
    // alone puts the article's short paragraphs first; weighed as a library of articles and notices
    // would be, the same holds, and passage by passage alone the sorghum notice comes second
    const asArticles = { bm25: { bLong: INDEX_OPTIONS.bm25.b } };
    expect(sources(rankedWith(news, asArticles)).slice(0, 4)).toEqual(['article', 'article', 'article', 'fair']);
    expect(sources(rankedWith(news, { ...asArticles, document: { towardDocument: 0 } })).slice(0, 2)).toEqual(['article', 'fair']);
  });

  it('does not count a long speech as one topic', async () => {
    // the same paragraphs opening a speech that goes on through the agenda: 28 paragraphs, shorter
    // than most General Debate speeches (37 passages on average)
    const agenda = Array.from(
      { length: 24 },
      (_, i) =>
        `On item ${i + 1} of the agenda, the locust invasion is again part of the answer, and my delegation will speak to it in the Committee.`,
    );
    const speech = await libraryWith([{ id: 'article', title: 'Report', text: [...ARTICLE, ...agenda].join('\n\n') }, ...NOTICES]);
    expect(speech.searchSync(q, { limit: 30 }).hits.filter((h) => h.source.document === 'article').length).toBeGreaterThan(
      INDEX_OPTIONS.document.shortDocumentPassages,
    );
    const ranked = (e: VerbatimEngine): [string, number][] => e.searchSync(q, { limit: 10 }).hits.map((h) => [h.id, h.score]);
    expect(ranked(speech)).toEqual(ranked(withDocument(speech, { towardDocument: 0 })));
    expect(sources(speech).slice(0, 2)).toEqual(['article', 'fair']);
  });
});
