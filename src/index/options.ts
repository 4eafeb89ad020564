/**
 * The one index and ranking configuration. The CLI, the bot, `npm run eval` and `npm run bench` all
 * use this constant, so the figures measured are the figures users get.
 */
import { createHash } from 'node:crypto';

export const INDEX_OPTIONS = Object.freeze({
  /** Bump when the cache layout or the meaning of indexed data changes. */
  schemaVersion: 66,
  /**
   * Textbook BM25: k1 saturation, b length normalisation, and k3 for words repeated in a query
   * (Robertson et al., Okapi at TREC-3/4: k3 from 7 to 1000, i.e. nearly linear in query-term frequency).
   *
   * `bLong`: the text field's b in a library of speeches and reports, documents of more than
   * `document.shortDocumentPassages` passages (in between by the share of its passages in such
   * documents: src/search/corpus.ts `libraryTextB`). There a paragraph's length is what it covers
   * (Robertson's scope hypothesis) more than wordiness: a question whose every word is in one long
   * paragraph was put below short paragraphs holding fewer of them. A library of abstracts and
   * articles keeps b. Measured (0.75 → 0.4, round 25): the six collections and both claims stand-ins
   * unchanged (no document of more than 16 passages); the 540 UNGDC known items MRR@10 0.897 →
   * 0.909, hit@10 530 → 531, no set down (blind sets 4–8: MRR 0.917 → 0.935, hit@10 295 → 296 of
   * 300). Two-fold CV over {0.2, 0.3, 0.4, 0.5, 0.6, 0.75}, keeping only points with no set below
   * 0.99× its MRR: the folds chose 0.6 and 0.3, held-out MRR@10 0.908 against 0.897. At 0.3 a
   * remembered line of one common word ("we the peoples") leaves the first ten on the UN documents
   * (test/search/word-for-word.test.ts); 0.5 puts blind set 2 1.2 % down.
   */
  bm25: Object.freeze({ k1: 1.2, b: 0.75, k3: 1000, bLong: 0.4 as number }),
  /**
   * BM25F field weights: the passage text, and a short metadata field (document title, speaker,
   * country name, organisation, section title) shared by a document's passages.
   */
  fields: Object.freeze({ text: 1, meta: 2 }),
  /**
   * Long queries (a pasted paragraph) rank at most this many distinct words, the most informative
   * ones by query weight × idf: bounded work, whatever the query's length.
   */
  query: Object.freeze({ maxTerms: 32 }),
  /**
   * Document evidence for passage ranking: a passage scores its own BM25F plus `weight` × its
   * document's own BM25 — per query word, the document's tf (its passages' normalised tf summed,
   * brought to the document's length norm, 1 − b + b·docLen/avgDocLen) saturated once. A speech that
   * covers the query lifts its passages (known-item queries name the country or topic of the whole
   * speech), and a long article judged as a whole ranks by its whole text, not only its best
   * paragraph. Measured (session 5, npm run eval; against the earlier evidence, each word's best
   * passage contribution, at the same weight 0.3): macro nDCG@10 0.4945 → 0.4969 (CACM +1.1 %, MED
   * +1.2 %, CISI +0.5 %, Cranfield −0.6 %, NPL 0.440 =), UNGDC known items open 0.875 → 0.869,
   * blind 0.822 → 0.829, blind 2 0.731 → 0.738. Two-fold CV over weight {0.15, 0.3, 0.45, 0.6}: both
   * folds chose this model (at 0.15 and 0.45), held-out macro 0.4958; 0.3 lies between (0.45 gives
   * 0.4974 on all queries but NPL 0.4389, under Xapian's 0.439). With documents cut into
   * ~300-character passages (a stand-in for long news articles) macro 0.483 → 0.485 (0.487 at 0.45),
   * where whole-document Xapian is unaffected. Each word weighs its idf among documents, not among
   * passages (session 6): a word one long statement repeats in every paragraph is not common for
   * that. Measured: macro 0.4969 → 0.4975 (MED 0.714 → 0.718, no collection down), known items open
   * 0.869 → 0.870, blind 0.829 → 0.837, blind 2 0.738 → 0.742 (hit@10 53 → 52); CV over weight ×
   * (metadata counted once per document or per passage): both folds chose this, held-out 0.4970.
   *
   * `towardDocument`: for a description (at least `prf.minWords` ranked words: it states a topic, and
   * a topic is what a whole document covers), a passage of a document of several passages moves this
   * share of the way up to its document's BM25 when that is higher — document and best-passage
   * evidence combined by their maximum at 1 (after Callan 1994). Known-item look-ups are shorter and
   * keep ranking passages. Measured (0 → 0.75, session 6): macro nDCG@10 0.4975 → 0.4984 (Cranfield
   * +1.0 %, CISI +1.7 %, MED −0.6 %), with documents cut into ~300-character passages (long articles
   * judged whole) 0.4855 → 0.4904; known items unchanged. CV over {0, 0.5, 0.75, 1}: the folds chose
   * 1 and 0.75, held-out 0.4983; 1 gives 0.4993 but MED −1.1 %.
   *
   * `shortDocumentPassages`: a document of at most this many passages (an article, an abstract cut in
   * parts) is about one topic, so its passages move toward it for every query, a look-up of a few
   * words too; in a longer one (a speech of about 37 passages, a report) a look-up is answered by the
   * passage alone, as before. Measured (0 → 16, round 18): macro nDCG@10 0.5036 → 0.5038 (Cranfield
   * +0.2 %, MED +0.1 %, none down); documents cut into ≤ 300-character passages in sentence case 0.4907
   * → 0.4934 (every collection up; in lower case 0.493 → 0.496); claims titles 0.8334 → 0.8336,
   * sentences 0.4748 → 0.4750; the six in sentence case 0.5027 → 0.5024 (MED −0.3 %); all nine
   * known-item sets unchanged (at 24 too). CV over {0, 4, 8, 16, 24} on the cut stand-in: the folds
   * chose 4 and 16, held-out 0.4921; left out by collection every collection chose 16.
   */
  document: Object.freeze({ weight: 0.3 as number, towardDocument: 0.75 as number, shortDocumentPassages: 16 as number }),
  /** Index partitions: one MiniSearch per decade of the passage's date ("undated" for the rest). */
  partitionYears: 10,
  /**
   * Term proximity re-rank of the best `depth` candidates (0 turns it off): each pair of distinct
   * query words within `window` indexed words of each other is a pseudo-term (after Rasolofo & Savoy's
   * BM25TP and Metzler & Croft's sequential dependence model), weighted by the pair's mean idf,
   * saturated like tf, scaled by 2/n for n query words so that pairs weigh like single words however
   * long the query (`adjacentOnly`: only pairs next to each other in the query, unscaled).
   * Measured with acronyms on (npm run eval): UNGDC known items MRR@10 0.827 → 0.857, hit@10
   * 60 → 59/60; Cranfield 0.380 → 0.381, CISI 0.400 → 0.402. Unscaled pairs lost 0.01 on CISI.
   */
  proximity: Object.freeze({ depth: 30 as number, window: 5 as number, adjacentOnly: false as boolean, weight: 1 as number }),
  /**
   * Span coverage, for keyword queries (3 to `maxWords` ranked words; descriptions have more, and
   * two words are a pair, which proximity weighs): in the re-rank a passage gains `weight` × m² / M,
   * where m is the idf mass of the distinct query words in its best window of `window` indexed words
   * (about a sentence) and M the query's whole idf mass — the words that single out a passage stand together in the sentence that answers (span
   * proximity, after Tao & Zhai 2007; fixed-size passage windows, after Callan 1994). For those
   * queries the proximity pairs (window 5) weigh `pairs`: the span carries the rest. Measured
   * (off → on, npm run eval): NPL 0.429 → 0.440 (p 0.02; Xapian 0.439), macro 0.4937 → 0.4945, no
   * collection down 1 % (CISI −0.9 %, ADI −0.8 %, MED −0.6 %); UNGDC known items, open 0.873 → 0.875,
   * blind 0.791 → 0.822, blind 2 0.710 → 0.731 (hit@10 58 → 59, 49 → 53). Two-fold cross-validation
   * does not confirm the IR gain (held-out macro 0.4929; one fold chose it off): on the collections
   * it is within noise, on the known items and NPL it holds (bench/RESULTS.md).
   */
  span: Object.freeze({ window: 25 as number, weight: 0.25 as number, maxWords: 8 as number, pairs: 0.5 as number }),
  /**
   * A document without a title is named by its opening (round 26): in the re-rank, the first
   * passage of a document with no title gains `weight` × m² / M, m the worth of the distinct query
   * words among its first `words` indexed words (at least two of them) and M the whole query's:
   * span coverage's measure, over the opening. A title states what a text is about, and BM25F
   * weighs it (`fields.meta`); an abstract, a report or a plain-text statement filed without one
   * states it in its first words (after Troy & Zhang 2007, a term's first mention as evidence).
   * A titled document keeps its title's say and gains nothing: its opening would count the topic
   * twice (measured on every document, CISI and CACM fell 2 %). Measured (0 → 1, words 10; two-fold
   * CV pooled over the six and the three stand-ins, both folds chose 1 and 10 from weight {0.5, 1, 2}
   * × words {5, 10}): held-out macro, the six 0.5044 → 0.5061 (MED 0.725 → 0.733, NPL 0.445 → 0.447,
   * the titled four unchanged), claims titles 0.8375 → 0.8508 (+3.5 % over Xapian), claims sentences
   * 0.4815 → 0.4835, news stand-in 0.4954 → 0.4968; known items unchanged (UNGDC speeches are titled).
   * Only a short document (at most `document.shortDocumentPassages` passages) is named so: a speech
   * opens with its salutation (round 27; the UNGDC library without its titles, blind set 4 0.920 →
   * 0.921, nothing else changed).
   */
  opening: Object.freeze({ weight: 1 as number, words: 10 as number }),
  /**
   * Passages holding every query word rank first — for queries of at most this many words (longer
   * queries are descriptions, where no passage holds every word).
   */
  allWordsFirstMaxWords: 3,
  /**
   * An unquoted query of three to this many words, stop words among them, may be a line the user
   * remembers ("the cold war is over", which ranking by indexed words reads as "cold war"): among
   * the re-ranked head (`proximity.depth`), the passages holding it word for word come first
   * (0 turns it off). Measured (round 18): the six and every known-item set Δ 0.0000; claims titles
   * 0.8336 → 0.835 (Cranfield 0.957 → 0.965: its abstracts open with their title). Round 21
   * (QA21 F9: a 12-word line of Castro's put two speeches quoting it first): 8 → 24, chosen by
   * two-fold CV over {8, 12, 16, 24, 40} on the claims titles (both folds chose 24, held-out 0.8378
   * against 0.8352; only Cranfield moves, 0.965 → 0.975); the six, the news stand-in and every
   * known-item set Δ 0.0000.
   */
  wordForWordMaxWords: 24 as number,
  /**
   * How many of the best passages (by score) such a line is looked for among, past the re-ranked
   * head (`proximity.depth`): the passages saying it join the first. Round 25: with a softer length
   * normalisation (`bm25.bLong`) and a claim's rare words weighing more, "the scourge of war" and
   * "Kashmir is an integral part of India" had passages saying them at 16th to 50th.
   */
  wordForWordReach: 120 as number,
  /**
   * Expected answer type: a query asking for a quantity ("how many", "fund amount", "death toll";
   * src/search/ranking/answer-type.ts) multiplies the score of re-ranked passages that state one
   * (a figure that is not a year, a spelled-out number, a percentage) by 1 + weight. Measured
   * (0 → 0.2): UNGDC blind known items MRR@10 0.776 → 0.791 (figure questions 0.522 → 0.592), open
   * set unchanged; IR macro 0.4840 → 0.4844 (Cranfield −0.5 %, CISI +0.5 %, ADI +0.5 %, rest =).
   */
  answerType: Object.freeze({
    weight: 0.2 as number,
    /**
     * …and by 1 + weight + unit when the quantity counts what the question counts: the noun after
     * "how many", a duration for "how long"/"how old" ("for 47 years"; a number, then the unit within
     * three words). Set a priori equal to `weight`, not tuned. Measured (0 → 0.2, session 6): blind
     * known items 0.837 → 0.850, hit@10 59 → 60 (kb-018 "… how many years" from outside the top 10 to
     * 3rd, kb-057 "… how many governments" 2nd → 1st); open set, blind 2 and the IR collections unchanged.
     */
    unit: 0.2 as number,
  }),
  /**
   * Typo tolerance, for words of ≥ minLength letters (edit distance 1, or 2 from 8 letters; two
   * neighbouring letters swapped count as one edit, Damerau's transposition): when
   * the exact term is rarer than rareDf, or a neighbour is `ratio` times more frequent (a likely
   * misspelling). At most maxExpansions neighbours, each weighted
   * `weight · df_n / (df_n + channel · df_w) / distance` (df_n: the neighbour's document frequency,
   * df_w: the typed word's, at least 1) — a noisy-channel prior: a neighbour 10,000 times more
   * frequent ("disarmement" → disarmament) was almost surely meant, one 50 times more frequent
   * ("Columbia" → Colombia) about even odds. Always below an exact match of the same word (weight < 1).
   * Measured against a flat 0.3: typo known items MRR@10 0.754 → 0.792, Cranfield/CISI ±0.0002.
   * Transpositions as one edit (round 7): blind 2 0.787 → 0.788 (kb-091 "civilain" from outside the
   * top 10 to 10th), hit@10 55 → 56; the six IR collections and the other known items unchanged.
   * Neighbours compared as written (round 19, `typoCandidates`): a term whose stem alone is near
   * stands in beside words near as written only when `stemOnly` times as frequent as the best of
   * them. On 5,525 typos of query words (one letter left out, changed, added, two swapped, two left
   * out; `npm run bench:typos`) the meant word first 71.3 % → 77.5 % (stemOnly 1 / 3 / 10 / 30 / 100
   * / never: 76.0 / 77.1 / 77.5 / 77.7 / 77.5 / 75.3 %); blind set 3's typo questions 0.813 → 0.844.
   * `forms` (round 20): how many of a term's written words a typo is compared with (its usual word
   * and up to three others written often, `SURFACE_FORMS`): "organsation" meets "organization"
   * where the term's usual word is "organized". Meant word first 77.5 % → 81.6 % (forms 1 / 2 / 3 / 4:
   * 77.5 / 80.3 / 81.2 / 81.6 %).
   */
  fuzzy: Object.freeze({
    minLength: 5,
    rareDf: 3,
    ratio: 50 as number,
    maxExpansions: 3,
    weight: 0.9,
    channel: 100,
    stemOnly: 10 as number,
    forms: 4 as number,
  }),
  /**
   * Acronyms the library defines ("International Atomic Energy Agency (IAEA)", src/index/acronyms.ts)
   * match their long form and back — those written in capitals in at least `minCapitals` of the
   * passages holding their term (not "LAWS", lethal autonomous weapons systems, which is the term of
   * "laws"). Measured (off → on): UNGDC known items MRR@10 0.789 → 0.827,
   * hit@10 59 → 60/60 (IAEA, ICJ, ICC, COP, ODA queries whose answer spells the name out);
   * Cranfield unchanged, CISI 0.4006 → 0.3998.
   */
  acronyms: Object.freeze({ enabled: true as boolean, minCapitals: 0.5 as number }),
  /**
   * A country's name and its adjective (Austria, Austrian; Rwanda, Rwandese) stand for each other at
   * this weight (stemming leaves them apart). Measured (0 → 0.3 / 0.5 / 1): UNGDC known items MRR@10
   * 0.857 → 0.873 / 0.864 / 0.851, hit@10 59 → 60/60; Cranfield and CISI unchanged.
   */
  countryWords: Object.freeze({ weight: 0.3 as number }),
  /**
   * A noun in the query also finds the adjective meaning "of or relating to" it, where stemming
   * leaves them apart (sun → solar, kidney → renal, city → urban, economy → economic; WordNet's
   * pertainyms, src/search/wordnet-relations.ts): one way only, noun to adjective; countries left
   * to `countryWords`; ranking evidence only: it sets no word bit (a short query's passages saying
   * the noun rank first, a one-word query's too) and a trend's count needs the noun. A mention of
   * the adjective weighs `weight` × the lower of its idf and the noun's, among passages and among
   * documents, so a rare adjective never outweighs a common noun ("futuristic" would outrank
   * "future"). Measured (0 → 0.75, round 8, npm run eval): macro nDCG@10 0.4984 → 0.5028 (Cranfield
   * 0.395 =, CISI 0.415 → 0.416, CACM 0.512 → 0.509, MED 0.714 → 0.725, NPL 0.440 → 0.445, ADI
   * 0.515 → 0.525); documents cut into ~300-character passages 0.490 → 0.492; everything in
   * capitals 0.499 → 0.502; UNGDC known items unchanged. Two-fold CV over weight {0, 0.5, 0.75, 1}:
   * the folds chose 1 and 0.5, held-out 0.5014 against 0.4984; left out one collection at a time,
   * five of six chose 1 (0.5027; 0.75 is within 0.0001 on every collection). The direction and
   * senses were chosen the same way (bench/RESULTS.md): adjective to noun lowers MED (the noun is
   * broad).
   */
  pertainyms: Object.freeze({ weight: 0.75 as number }),
  /**
   * A query that states something (src/search/statement.ts: one sentence with a verb of its own,
   * a pasted claim or a paper's line) of at least `minWords` ranked words. Its one answer is what
   * it states: `feedback` false leaves out pseudo-relevance feedback, which serves a description's
   * topic; and `idfPower` γ weighs each of its words by (idf / its words' mean idf)^γ, at least 1
   * when `idfFloor` (its rare words count more; after Bendersky & Croft 2008 and Lease 2009,
   * reduced to the idf feature). No query of the six open collections, the news stand-in or the
   * known items reads as one (titles: 2 of 984). Measured (round 25) on the claims stand-in of an
   * abstract's last sentence (`npm run eval -- --only ir --claims sentences --cv
   * "statement.feedback=true,false;statement.idfPower=0,0.25,0.5,1;statement.minWords=4"`, 79 % of
   * its queries read as statements): 0.4747 → 0.4815 (Cranfield 0.400 → 0.403, CISI 0.427 → 0.432,
   * CACM 0.445 → 0.457, MED 0.626 → 0.634), *held-out* 0.4803 two-fold (the folds chose γ 0.5 and
   * 0.25, feedback off) and 0.4815 by collection (every collection chose γ 0.5, feedback off): +3.5
   * % and +3.8 % over Xapian's 0.464. Every γ without the statement reading (claims24, round 24)
   * lowered the six's held-out macro (MED −1.2 %).
   */
  statement: Object.freeze({ feedback: false as boolean, idfPower: 0.5 as number, idfFloor: true as boolean, minWords: 4 as number }),
  /**
   * Pseudo-relevance feedback for descriptions (src/search/ranking/feedback.ts): the best passage of
   * each of the top `docs` documents, its words within `window` words of a query word weighted by
   * Bo1 (DFR) and found in at least `minDocs` of the passages, the best `terms` added at `weight` ×
   * (their weight / the best one's) and scored over their whole postings; only for queries of at
   * least `minWords` ranked words (weight 0: off). Measured (npm run eval, two-fold CV over weight
   * {0, 0.25, 0.4, 0.5} × docs {3, 5} × window {0, 5}: the folds chose 0.5, 3, window 0 / 5),
   * held-out: macro nDCG@10 0.4869 → 0.4917 (Cranfield 0.379 → 0.385, CISI 0.404 → 0.409, CACM
   * 0.506 → 0.505, MED 0.699 → 0.708, NPL 0.430, ADI 0.503 → 0.514); UNGDC known items unchanged
   * (none reaches 8 ranked words). On every query it lifts NPL too (0.437) but costs the open known
   * items 0.873 → 0.854.
   */
  prf: Object.freeze({
    weight: 0.5 as number,
    docs: 3 as number,
    terms: 10 as number,
    minDocs: 2 as number,
    window: 5 as number,
    minWords: 8 as number,
  }),
  /**
   * A query that opens with a country's name ("germany on anti-islam video", "US backs …";
   * src/search/ranking/speaker.ts) lifts the passages that country says (its speeches; its
   * statements in a record) and that hold another query word by 1 + weight, re-rank included: such
   * a question asks what the country said. Names only, not codes or lower-case "us". Measured
   * (0 → 0.2 / 0.3 / 0.5, session 6; chosen on the open known items, flat from 0.2, the smallest
   * kept): open 0.870 → 0.878 / 0.878 / 0.878, blind 0.850 → 0.868 / 0.879 / 0.879, blind 2
   * 0.746 → 0.781 / 0.781 / 0.795 (hit@10 53 → 54 / 54 / 55); no known item drops; the IR
   * collections unchanged (none of their queries opens with a country).
   */
  leadingCountry: Object.freeze({ weight: 0.2 as number }),
  /**
   * Context, not topic (round 20, after QA20 F1 and F4): a passage whose text holds none of the
   * query's words, only its document's metadata (the speaker, the country, the year, the title),
   * and that lacks one of them comes after the passages whose text holds one, in documents of at
   * least `metaOnlyMinPassages` passages, where every passage carries the same metadata
   * ("Ahmadinejad Holocaust": every paragraph of his speeches; 0: off) — for a query of one word,
   * every passage its text does not hold (round 21, QA21 F1: `straw` gave ten unmarked passages of
   * Jack Straw's speech before any saying "straw"; a correction guessed for a word the library
   * holds, "looking" for `cooking`, is no mention of it); and a country the query
   * names is context only where the passage holds it through its metadata (`countryInText`: a
   * passage saying "Ukraine" is about Ukraine, in "China say Ukraine 2022").
   */
  context: Object.freeze({ metaOnlyMinPassages: 4 as number, countryInText: true as boolean }),
  /** Stop spending time on a query after this long and return the best hits found so far. */
  timeBudgetMs: 800,
});

export type IndexOptions = typeof INDEX_OPTIONS;

/**
 * A short hash of what the persisted index depends on (schema version, partitioning, fields): a
 * cache built otherwise is not reused. Ranking parameters are applied at query time and are not
 * part of it. Bump `schemaVersion` when the analyzer or the passage store changes meaning.
 */
export function optionsHash(options: IndexOptions = INDEX_OPTIONS): string {
  const persisted = { schemaVersion: options.schemaVersion, partitionYears: options.partitionYears, fields: Object.keys(options.fields) };
  return createHash('sha256').update(JSON.stringify(persisted)).digest('hex').slice(0, 16);
}
