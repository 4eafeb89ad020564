/** British and American spellings meet on one term; words that only look like a pair do not. */
import snowball from 'snowball-stemmers';
import { describe, expect, it } from 'vitest';
import { queryTerm, termHeads, tokens } from '../../src/index/analyzer.ts';
import { SPELLING_STEM_PAIRS } from '../../src/index/spelling-stems.data.ts';
import { deriveSpellingStemPairs, spellingPairs, spellingRules } from '../../src/index/spelling.ts';
import { engineOfStatements, markedWords } from '../support/library.ts';

const stemmer = snowball.newStemmer('english');
const stem = (w: string): string => stemmer.stem(w);

describe('British and American spellings', () => {
  it.each([
    // -ence / -ense, -our / -or, -re / -er, -mme / -m, -ogue / -og (table and rules)
    ['defence', 'defense'],
    ['offences', 'offenses'],
    ['labour', 'labor'],
    ['labourers', 'laborers'],
    ['neighbouring', 'neighboring'],
    ['favourable', 'favorable'],
    ['behaviour', 'behavior'],
    ['honoured', 'honored'],
    ['centre', 'center'],
    ['centres', 'centers'],
    ['theatre', 'theater'],
    ['programme', 'program'],
    ['programmes', 'programs'],
    ['catalogue', 'catalog'],
    ['dialogue', 'dialog'],
    ['licence', 'license'],
    // -ise / -ize, -yse / -yze
    ['organisation', 'organization'],
    ['organised', 'organized'],
    ['recognise', 'recognize'],
    ['decolonisation', 'decolonization'],
    ['analyse', 'analyze'],
    ['paralysed', 'paralyzed'],
    // doubled l, e / no e (the stemmer already joins these; kept here so that it stays so)
    ['travelled', 'traveled'],
    ['fulfil', 'fulfill'],
    ['fulfilment', 'fulfillment'],
    ['enrolment', 'enrollment'],
    ['ageing', 'aging'],
    ['judgement', 'judgment'],
    ['skilful', 'skillful'],
    // ae / e, oe / e, irregulars
    ['paediatric', 'pediatric'],
    ['anaemia', 'anemia'],
    ['foetus', 'fetus'],
    ['diarrhoea', 'diarrhea'],
    ['manoeuvres', 'maneuvers'],
    ['sceptical', 'skeptical'],
    ['aluminium', 'aluminum'],
    ['sulphur', 'sulfur'],
    ['grey', 'gray'],
    ['enquiry', 'inquiry'],
    ['connexion', 'connection'],
    ['learnt', 'learned'],
  ])('%s and %s meet on one term', (uk, us) => {
    expect(queryTerm(uk)).not.toBeNull();
    expect(queryTerm(uk)).toBe(queryTerm(us));
  });

  it.each([
    // one spelling is also another common word
    ['metre', 'meter'],
    ['tyre', 'tire'],
    ['storey', 'story'],
    ['cheque', 'check'],
    ['draught', 'draft'],
    ['kerb', 'curb'],
    ['tonne', 'ton'],
    ['litre', 'literal'],
    ['speciality', 'specialty'],
    // -ise words with no -ize spelling keep their own term (and their relatives: see below)
    ['advise', 'advize'],
    ['exercise', 'exercize'],
    ['surprise', 'surprize'],
    ['enterprise', 'enterprize'],
    ['compromise', 'compromize'],
    ['otherwise', 'otherwize'],
    // the -our rule spares short words
    ['tour', 'tor'],
    ['flour', 'flor'],
  ])('%s and %s stay apart', (a, b) => {
    expect(queryTerm(a)).not.toBe(queryTerm(b));
  });

  it('leaves the -ise words with no -ize spelling with their relatives', () => {
    expect(queryTerm('precise')).toBe(queryTerm('precision'));
    expect(queryTerm('revise')).toBe(queryTerm('revision'));
    expect(queryTerm('imprecise')).toBe(queryTerm('imprecision'));
    expect(spellingRules('uncompromising')).toBe('uncompromising');
    expect(spellingRules('disenfranchised')).toBe('disenfranchised');
  });

  it('leaves stop words alone', () => {
    for (const w of ['four', 'hour', 'your', 'our', 'ours', 'yours']) expect(spellingRules(w)).toBe(w);
    expect(queryTerm('your')).toBeNull();
  });

  it('every pair of the table is needed (the stemmer alone keeps it apart) and joins', () => {
    const pairs = spellingPairs();
    expect(pairs.length).toBeGreaterThan(100);
    for (const [uk, us] of pairs) {
      expect(uk, 'lower-case letters').toMatch(/^[a-z]+$/);
      expect(us, 'lower-case letters').toMatch(/^[a-z]+$/);
      expect(stem(spellingRules(uk)), `${uk}/${us} is already joined`).not.toBe(stem(spellingRules(us)));
      expect(queryTerm(uk), `${uk}/${us}`).toBe(queryTerm(us));
    }
  });

  it('the generated stem pairs are what the table, the rules and the stemmer give (else run npm run gen-spelling)', () => {
    const pairs = deriveSpellingStemPairs(stem);
    expect(pairs).toEqual(SPELLING_STEM_PAIRS.map(([a, b]) => [a, b]));
    // each British stem goes straight to its American stem (no chains)
    const from = new Set(pairs.map(([a]) => a));
    for (const [, to] of pairs) expect(from.has(to)).toBe(false);
  });

  it('keeps the word as written in tokens, with its offsets, and the shared term', () => {
    const text = 'the unrestricted defence of the Amazon';
    const t = tokens(text).find((x) => x.folded === 'defence')!;
    expect(text.slice(t.start, t.end)).toBe('defence');
    expect(t.term).toBe(queryTerm('defense'));
  });

  it('tells every beginning a word of a term can have (foetus / fetus, gaol / jail)', () => {
    expect(termHeads(queryTerm('fetus')!)).toEqual(expect.arrayContaining(['fe', 'fo']));
    expect(termHeads(queryTerm('jail')!)).toEqual(expect.arrayContaining(['ja', 'ga']));
    expect(termHeads(queryTerm('dying')!)).toEqual(expect.arrayContaining(['di', 'dy']));
  });
});

describe('transliterations of a name', () => {
  it('"Gaddafi" finds the Qadhafi and Qaddafi the records write, and "Kiev" finds Kyiv, marked as written', async () => {
    // before: "Gaddafi", a word the library holds, found only itself (QA20 F5)
    const engine = await engineOfStatements([
      { id: 'a', title: 'Chad 1987', text: 'Colonel Qadhafi sent troops across the border.' },
      { id: 'b', title: 'Libya 2009', text: 'Muammar Al-Qaddafi addressed the Assembly for ninety minutes.' },
      { id: 'c', title: 'Libya 2007', text: 'The Gaddafi Programme for African women was launched.' },
      { id: 'd', title: 'Ukraine 2022', text: 'Missiles struck Kyiv and Kharkiv overnight.' },
    ]);
    const gaddafi = await engine.search('Gaddafi');
    expect(gaddafi.hits.map((h) => h.source.document).sort()).toEqual(['a', 'b', 'c']);
    expect(gaddafi.hits.flatMap(markedWords).sort()).toEqual(['Gaddafi', 'Qaddafi', 'Qadhafi']);
    const kiev = await engine.search('Kiev Kharkov');
    expect(kiev.hits.flatMap(markedWords).sort()).toEqual(['Kharkiv', 'Kyiv']);
  });
});
