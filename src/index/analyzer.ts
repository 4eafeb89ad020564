/**
 * Text analysis for English policy text, shared by indexing, querying and excerpt marking so that
 * the three always agree on what a "word" is.
 *
 * - case and diacritics folding (Fundación = fundacion), typographic apostrophes unified;
 * - numbers are terms of their own (97.4, 1,500, 2030); a percentage is its number followed by a
 *   word of its own, `percent`, however it is written ("63 per cent" as UN texts write it, "63
 *   percent", "63%", "63٪", "63 %", "63 pct"; not "cent"), and a degree sign after a number is the word
 *   "degrees" ("1.5°C" is "1.5 degrees Celsius"; "°C" alone "degrees Celsius"; in French or Spanish
 *   text only before a scale: "79° periodo" is an ordinal; {@link emitWord});
 * - an ordinal in digits is the ordinal spelled out ("60th" is "sixtieth", "21st" is
 *   "twenty-first" as its closed compound is indexed; {@link spelledOrdinal});
 * - acronyms (UNODC, CND) are kept whole, and analysed like other words whatever their case;
 * - English Snowball (Porter2) stemming, the stemmer Xapian uses;
 * - British and American spellings joined (defence / defense, labour / labor, centre / center;
 *   spelling.ts), before and after stemming;
 * - a lone Greek letter is its name (TNF-α = TNF-alpha, NF-κB = NF-kappaB; see {@link fold});
 * - a hyphenated compound is also indexed closed (co-operation = cooperation), and a hyphen that a
 *   line break left spaced joins its word ("self- determination", "pa- tients"; {@link compoundTerms});
 * - stop words removed from the index and from ranked query words (phrases still check them).
 */
import snowball from 'snowball-stemmers';
import { ORDINAL_OPENERS, ordinalSuffix, spelledHundredsSpans, spelledOrdinal, spelledOrdinalAfter } from '../text/ordinals.ts';
import { SPELLING_STEM_PAIRS } from './spelling-stems.data.ts';
import { spellingRules } from './spelling.ts';

const stemmer = snowball.newStemmer('english');
const stem = (word: string): string => stemmer.stem(word);
const russian = snowball.newStemmer('russian');
const arabic = snowball.newStemmer('arabic');
const french = snowball.newStemmer('french');
const spanish = snowball.newStemmer('spanish');

/** A folded word in Arabic script (its first letter's code unit `c`). */
export const isArabicScript = (c: number): boolean => c >= 0x600 && c <= 0x6ff;

const isHan = (c: number): boolean => c >= 0x4e00 && c <= 0x9fff;

/**
 * The first two letters of a non-ASCII word as folded ({@link termHeads}' terms): a bigram of
 * common Han characters is its own (folding leaves it as is, and Chinese text is all bigrams),
 * any other word folded (Arabic presentation forms fold to the letters, ﺍﻟ to ال).
 */
export function wordHead(raw: string): string {
  return raw.length === 2 && isHan(raw.charCodeAt(0)) && isHan(raw.charCodeAt(1)) ? raw : fold(raw).slice(0, 2);
}

/**
 * The stem of a folded word the script tells the language of, by that language's Snowball stemmer:
 * Cyrillic is Russian's, Arabic script Arabic's (whose stems also drop a prefix: المنتدى, منتدى), so
 * that "конференции" meets "конференция" in the Russian statements; null for any other word (Latin
 * script does not tell English from French or Spanish: those keep the English stemmer).
 */
function stemByScript(folded: string): string | null {
  const c = folded.charCodeAt(0);
  if (c >= 0x400 && c <= 0x4ff) return russian.stem(folded) || folded;
  if (isArabicScript(c)) return arabic.stem(folded) || folded;
  return null;
}

/**
 * Stems Snowball gives to words of different meanings, split by the word's beginning (after the
 * spelling rules: organisation is organization): "university" is not "universal", "organization"
 * not "organ", "internal" not "international" (nor an "intern" or "internment"), "authority" not "author", "positive" not "position",
 * "relative" not "relation", "executive" not "execution", "conservative" not "conservation",
 * "liberal" not "liberation". (Not "minority" from "minor" nor "majority" from "major": apart, each
 * became the other's typo correction in a library that rarely says one of them.) A new term is
 * either one no English word stems to otherwise, or the stem Snowball already gives the family's
 * longer forms (organizational → organiz, positivism → positiv, relativism → relativ, liberalism
 * stays apart from liberation): `relative` also finds "relativism", as `organization` finds
 * "organizational". Xapian's and Lucene's Snowball merge them; in a library of
 * UN speeches, where "universal", "organization", "international" and "relations" are among the
 * commonest words, a query for the rarer word drowns in them.
 */
const STEM_SPLITS: ReadonlyMap<string, ReadonlyArray<readonly [RegExp, string]>> = new Map<string, ReadonlyArray<readonly [RegExp, string]>>([
  ['univers', [[/^universit/, 'universiti']]],
  ['organ', [[/^organiz/, 'organiz']]],
  [
    'intern',
    [
      [/^internal/, 'internal'],
      [/^internation/, 'internation'],
    ],
  ],
  [
    'author',
    [
      [/^authorit/, 'authoriti'],
      [/^authoriz/, 'authoriz'],
    ],
  ],
  ['posit', [[/^positiv/, 'positiv']]],
  ['relat', [[/^relativ/, 'relativ']]],
  ['execut', [[/^executiv/, 'executiv']]],
  ['conserv', [[/^conservativ/, 'conservativ']]],
  ['conservat', [[/^conservatis/, 'conservativ']]],
  ['liber', [[/^liberal/, 'liberal']]],
]);

/** The term of a spelled word whose stem is `stemmed`, split off by {@link STEM_SPLITS}. */
function splitStem(spelled: string, stemmed: string): string {
  const splits = STEM_SPLITS.get(stemmed);
  if (splits) for (const [re, term] of splits) if (re.test(spelled)) return term;
  return stemmed;
}

/** British stem → American stem, from the table of spelling pairs (spelling.data.ts). */
const VARIANT_STEMS: ReadonlyMap<string, string> = new Map(SPELLING_STEM_PAIRS);
/** For the terms of that map whose words can begin differently (foetus / fetus), the other beginnings. */
const VARIANT_HEADS = new Map<string, string[]>();
for (const [from, to] of SPELLING_STEM_PAIRS) {
  const h = from.slice(0, 2);
  if (h !== to.slice(0, 2)) VARIANT_HEADS.set(to, [...(VARIANT_HEADS.get(to) ?? []), h]);
}

/**
 * The first two letters (folded) a word analysed to `term` can begin with: a Snowball stem keeps
 * its word's first two letters, except dying / lying / tying (die, lie, tie) and the spelling pairs
 * that begin differently (foetus / fetus, gaol / jail); and a word in Arabic script, whose stem may
 * drop a prefix, which callers always analyse ({@link isArabicScript}); and an initialism's first
 * letter and its dot ("U.S.S.R." for ussr). Used to skip analysing words that cannot match
 * (proximity, phrase checks); a word opening with a digit, which an ordinal's term need not ("60th"
 * is sixtieth), and a sign standing for a word ({@link emitWord}) are always analysed.
 */
export function termHeads(term: string): string[] {
  // an initialism ("U.N." for un) begins with its first letter and a dot
  const out = [term.slice(0, 2), `${term[0]}.`];
  if (/^[dlt]ie$/.test(term)) out.push(`${term[0]}y`);
  const more = VARIANT_HEADS.get(term);
  if (more) out.push(...more);
  return out;
}

/** Snowball's English stop list (the one Xapian and Lucene's English analyzers build on). */
const ENGLISH_STOP_WORDS = `a about above after again against all am an and any are as at be because been before being below
  between both but by can could did do does doing down during each few for from further had has have
  having he her here hers herself him himself his how i if in into is it its itself just me more most
  my myself no nor not now of off on once only or other our ours ourselves out over own same she
  should so some such than that the their theirs them themselves then there these they this those
  through to too under until up very was we were what when where which while who whom why will with
  would you your yours yourself yourselves shall may also us upon`;

/**
 * Russian function words, after Snowball's Russian stop list (folded: ё is е), less its numerals and
 * its content words (хорошо, нельзя, всегда …), plus the forms of который, этот, свой and наш
 * (which, this, own, our: stop words in English too), and the hyphenated из-за, из-под, что-то …
 * (because of, from under, something: their closed forms). The script tells the language, so they are
 * stop words wherever they stand, as Russian's stemmer applies to every Cyrillic word.
 */
const RUSSIAN_STOP_WORDS = `и в во не что он на я с со как а то все она так его но да ты к у же вы за бы по только ее мне
  было вот от меня еще нет о из ему когда даже ну ли если уже или ни быть был него до вас нибудь уж
  вам ведь там потом себя ей может они тут где есть надо ней для мы тебя их чем была сам чтоб без
  чего тоже себе под будет ж тогда кто того потому какой ним здесь мой тем чтобы нее были всех при
  об хоть после над тот через нас про всего них какая моя том такой им всю между также весь вся всем
  этот эта это эти этого этой этом этому эту этих этим этими
  который которая которое которые которого которой котором которому которую которых которым которыми
  свой своя свое свои своего своей своих своим свою наш наша наше наши нашего нашей наших нашим нашу
  изза изпод чтото ктото както гдето когдато`;

/**
 * Arabic function words, after Lucene's Arabic stop list: prepositions, conjunctions, pronouns,
 * demonstratives and relatives, some with the conjunction و or ف joined. غير is left out: it is the
 * "non-" of غير الحكومية (non-governmental).
 */
const ARABIC_STOP_WORDS = `من ومن منها منه في وفي فيها فيه و ف ثم او ب بها به لا ولا الا لكن ما وما كما فما عن مع اذا ان
  انها انه بان فان وان التى التي الذى الذي الذين اللذين اللتين اللواتي الى على عليها عليه اما ايضا
  كل وكل لم ولم لن ولن هى هي هو وهى وهي وهو فهى فهي فهو انت لك لها له هذه هذا تلك ذلك هناك كانت كان
  يكون تكون وكانت وكان بعض قد وقد لقد بين بينما منذ حيث خلال بعد قبل حتى عند عندما لدى`;

const words = (list: string): string[] => list.split(/\s+/).filter(Boolean);

/**
 * The stop words: English (Latin script), Russian (Cyrillic) and Arabic (Arabic script), each set
 * apart by its script. They are not indexed and not searched on their own; phrases still hold them.
 */
export const STOP_WORDS: ReadonlySet<string> = new Set([...words(ENGLISH_STOP_WORDS), ...words(RUSSIAN_STOP_WORDS)]);

/** The Arabic stop words, folded as words are ({@link fold}). */
let arabicStops: ReadonlySet<string> | undefined;

/**
 * Whether an Arabic-script word is a stop word, by its folded form. The preposition على (on) and
 * the name علي (Ali) fold alike, as إلى (to) and آلي (automatic) do: such a word is a stop word only
 * as written with alef maksura (or the Persian yeh PDFs set for it), not with yeh.
 */
function isArabicStop(raw: string, folded: string): boolean {
  if (!arabicStops) {
    const list = words(ARABIC_STOP_WORDS);
    arabicStops = new Set(list.map(fold));
    const withYeh = new Set(list.filter((w) => w.endsWith('\u064A')).map(fold));
    maksuraOnly = new Set(
      list
        .filter((w) => w.endsWith('\u0649'))
        .map(fold)
        .filter((w) => !withYeh.has(w)),
    );
  }
  if (!arabicStops.has(folded)) return false;
  // a word written with a final yeh where the stop word has alef maksura is another word (علي, آلي)
  return !maksuraOnly!.has(folded) || !raw.normalize('NFKD').replace(/\p{M}/gu, '').endsWith('\u064A');
}
/** The folded stop words that are stop words only as written with a final alef maksura (على, إلى, حتى, لدى). */
let maksuraOnly: ReadonlySet<string> | undefined;

export interface Token {
  /** The indexed form: folded, stemmed (unless a number). */
  term: string;
  /** The folded surface form, before stemming (used for typo suggestions and phrase checks). */
  folded: string;
  /** Offsets of the raw word in the analysed string, [start, end). */
  start: number;
  end: number;
  /** True when the word is a stop word (kept in `tokens()` output so phrases can check it). */
  stop: boolean;
  /**
   * A second term at the word's position, which the index holds beside `term`: an ordinal in
   * digits' number ("75" for "75th", whose term is "seventyfifth"), so a bare number finds it.
   */
  alt?: string;
  /**
   * The word as written, folded, in the American spelling the rules give (organisation: organization),
   * where it is a plain word of Latin letters: what a quoted phrase's word must be, beside its term,
   * singular or plural ({@link sameForm}: "developing" is not "developed", whose term it shares;
   * "country" is "countries").
   */
  exact?: string;
}

const KANA_VOICING = /[\u3099\u309A]/;

/**
 * Lower-case, strip diacritics (not the kana voicing marks: が is not か), unify apostrophes and
 * dashes, spell out a lone Greek letter. Length-preserving per code point is NOT guaranteed.
 */
export function fold(text: string): string {
  let out = text
    .normalize('NFKD')
    // Russian's й is a letter of its own, not и with a mark (Генеральной: -ой is an ending)
    .replace(/([\u0418\u0438])\u0306/g, (_, i: string) => (i === '\u0418' ? '\u0419' : '\u0439'))
    // the kana voicing marks tell letters apart (か, が): kept after a kana letter, and put back on it below
    .replace(/(?:(?![\u3099\u309A])[\p{M}\u00AD])+|(?<![\p{sc=Hiragana}\p{sc=Katakana}])[\u3099\u309A]/gu, '')
    .replace(/[\u2018\u2019\u02BC\u0060\u00B4]/g, "'")
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .toLowerCase();
  if (KANA_VOICING.test(out)) out = out.normalize('NFC');
  if (ARABIC_ANY.test(out)) out = out.replace(ARABIC_VARIANT, (c) => ARABIC_FOLD[c] ?? '');
  return GREEK_ANY.test(out) ? out.replace(LONE_GREEK, (g) => GREEK_NAMES[g.charCodeAt(0) - 0x3b1]!) : out;
}

/**
 * Arabic letters written in more than one way, folded as Lucene's ArabicNormalizer and
 * PersianNormalizer fold them (after Larkey et al., light stemming for Arabic IR): alef wasla is
 * alef (hamza and madda forms are alef already, their marks dropped with the other diacritics), alef
 * maksura and the Persian yeh are yeh, keheh is kaf, heh doachashmee is heh, and the tatweel that
 * stretches a word is dropped. Teh marbuta stays: Arabic's stemmer takes it off as an ending
 * (التنمية, تنمية), which it would not do for the heh Lucene folds it to. PDFs set Arabic in Persian letter forms
 * ("رئیسا" for "رئيسا") and writers vary, so every spelling meets.
 */
const ARABIC_FOLD: Readonly<Record<string, string>> = {
  '\u0671': '\u0627',
  '\u0649': '\u064A',
  '\u06CC': '\u064A',
  '\u06A9': '\u0643',
  '\u06BE': '\u0647',
  '\u0640': '',
};
const ARABIC_ANY = /[\u0600-\u06FF]/;
const ARABIC_VARIANT = /[\u0671\u0649\u06CC\u06A9\u06BE\u0640]/g;

/**
 * The names of the Greek small letters α … ω (ς, final sigma, is sigma). Scientific text writes a
 * letter as a symbol or as its name — TNF-α and TNF-alpha, β-cells and beta cells, NF-κB and
 * NF-kappaB — so a lone Greek letter (no Greek letter beside it: a Greek word stays as written) is
 * read as its name, in the index and in queries alike, and either finds the other. Except μ, which
 * mostly means micro (μg, μM; the micro sign µ folds to it): spelled "mu" it would find mugs and mums.
 */
const GREEK_NAMES =
  'alpha beta gamma delta epsilon zeta eta theta iota kappa lambda μ nu xi omicron pi rho sigma sigma tau upsilon phi chi psi omega'.split(' ');
const GREEK_ANY = /[\u0370-\u03ff]/;
const LONE_GREEK = /(?<![\u0370-\u03ff])[\u03b1-\u03c9](?![\u0370-\u03ff])/g;

/** Chinese and Japanese script, written without spaces between words: read as overlapping bigrams ({@link forEachWordSpan}). */
const CJK = String.raw`\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}\u30FC\uFF70`; // and the katakana long-vowel mark (コーヒー), of no one script
const CJK_CHAR = new RegExp(`[${CJK}]`, 'u');

/** A letter of a word: any but the halfwidth kana voicing marks (ﾞ ﾟ), which fold to nothing apart from their letter. */
const LETTER = String.raw`[\p{L}--[\uFF9E\uFF9F]]`;

/**
 * Letters written with a dot after each, an initialism: "U.S.", "U.N.", "U.S.S.R.", "e.g." (two or
 * more single letters, the last dot optional, a possessive 's after). It is one word, the letters
 * joined ({@link analyzeWordUncached}): "U.S.S.R." finds "USSR", "U.N." finds "UN", as Xapian's term
 * generator reads them. Not "Ph.D." (its first part has two letters), "E. coli" (a space) nor the
 * letters of a numbered item ("2.a.i.": a digit or a dot before the first letter). The pattern
 * opens by looking for the dot, which most words fail at once: tokenizing stays as fast.
 */
const INITIALISM = String.raw`(?=.\.)(?<![${LETTER}\p{N}.])[${LETTER}--[${CJK}]](?:\.[${LETTER}--[${CJK}]](?![${LETTER}\p{N}\p{M}\u00AD]))+\.?(?:['\u2019\u02BC][sS](?![${LETTER}\p{N}]))?`;

/**
 * A word: a number (decimals kept; an ordinal's suffix and the signs after it are read by
 * {@link emitWord}); a run of Chinese or Japanese characters;
 * an initialism ({@link INITIALISM}); or letters and digits, with the combining marks and soft
 * hyphens inside them (Arabic vowel signs, decomposed accents: "يُعقد" is one word, as "يعقد") and
 * apostrophes before letters. Hyphens and slashes split words (self-determination → self,
 * determination), which lets a query for either half find the compound; phrases re-check
 * adjacency. src/search/phrase-scan.ts splits exactly so.
 */
const WORD = new RegExp(
  String.raw`\p{N}+(?:[.,]\p{N}+)*|[${CJK}]+|[\u2103\u2109]|${INITIALISM}|[[${LETTER}\p{N}]--[${CJK}]][[${LETTER}\p{N}\p{M}\u00AD]--[${CJK}]]*(?:['\u2019\u02BC][${LETTER}--[${CJK}]][[${LETTER}\p{M}\u00AD]--[${CJK}]]*)*`,
  'gv',
);

/** True when code point `cp` is a Chinese or Japanese character (one of {@link CJK}'s scripts). */
export function isCjk(cp: number): boolean {
  return cp >= 0x2e80 && CJK_CHAR.test(String.fromCodePoint(cp));
}

/**
 * A term of one Chinese or Japanese character (`水`): a run of such characters is read as its
 * bigrams, so the character is a term alone only between other scripts; search looks for it in the
 * bigrams holding it, and excerpts mark it there.
 */
export function isLoneCjk(term: string): boolean {
  const cp = term.codePointAt(0);
  return cp !== undefined && term.length === (cp > 0xffff ? 2 : 1) && isCjk(cp);
}

/** The characters of a term that is a pair of Chinese or Japanese characters (the tokenizer's bigrams); none for any other term. */
export function cjkPairChars(term: string): string[] {
  if (term.charCodeAt(0) < 0x2e80) return [];
  const cps = [...term];
  return cps.length === 2 && cps.every((c) => isCjk(c.codePointAt(0)!)) ? cps : [];
}

/** A word that is a number (its first character a digit). */
const NUMBER = /^\p{N}/u;

/** Whether a word of the tokenizer's is an initialism ({@link INITIALISM}): the only words with a dot besides numbers. */
const isInitialism = (word: string): boolean => word.includes('.') && !NUMBER.test(word);

/**
 * Called for each word of a text, in order: its span, and for a sign or abbreviation whose reading
 * the word before it gives (`%` after a number), the word it stands for (`percent`), which is
 * analysed in its place ({@link emitWord}).
 */
export type WordSpanFn = (start: number, end: number, as?: string) => void;

/**
 * Calls `fn(start, end, as)` for each word of `text` ({@link WORD}, read on by {@link emitWord}), in
 * order. A run of Chinese or Japanese characters, which no space divides into words, is read as its
 * overlapping bigrams ("伙伴关系" → 伙伴, 伴关, 关系; one character alone is a word), as Lucene's CJK
 * analyzer and Xapian's CJK n-gram mode read it: any word of two characters or more is then found by
 * its bigrams in a row.
 */
export function forEachWordSpan(text: string, fn: WordSpanFn): void {
  // one compiled pattern, reset per text (building a v-flag RegExp per call cost a sixth of tokenizing)
  const re = wordPatternBusy ? new RegExp(WORD.source, WORD.flags) : WORD;
  const outer = !wordPatternBusy;
  wordPatternBusy = true;
  re.lastIndex = 0;
  try {
    forEachMatch(text, re, fn);
  } finally {
    if (outer) wordPatternBusy = false;
  }
}
let wordPatternBusy = false;

function forEachMatch(text: string, re: RegExp, fn: WordSpanFn): void {
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const start = m.index;
    const end = start + m[0].length;
    const cp = text.codePointAt(start)!;
    // a number of Han numerals (〇〇) is a number, as the phrase scanner reads it
    if (!isCjk(cp) || NUMBER.test(m[0])) {
      const next = emitWord(text, start, end, fn);
      if (next > end) re.lastIndex = next;
      continue;
    }
    let a = start;
    let b = a + (cp > 0xffff ? 2 : 1);
    if (b >= end) fn(a, b);
    while (b < end) {
      const next = text.codePointAt(b)!;
      const c = b + (next > 0xffff ? 2 : 1);
      fn(a, c);
      a = b;
      b = c;
    }
  }
}

/** The first letters (lower case) of the words a spelled ordinal of several words opens with ({@link ORDINAL_OPENERS}). */
const ORDINAL_OPENING: ReadonlySet<number> = new Set([...ORDINAL_OPENERS].map((w) => w.charCodeAt(0)));

/** The word percentage signs and abbreviations stand for ({@link emitWord}): its term is no "cent"'s. */
const PERCENT = 'percent';

/**
 * Emits the word text[start, end) that a scanner found (this module's {@link forEachWordSpan} and the
 * phrase scanner's, which both call this) with the signs and abbreviations it gives a meaning to, and
 * returns where scanning goes on (`end` when nothing follows that it reads):
 * - a number in digits with an ordinal's suffix ("60th", "21st", "3RD") is one word, read as the
 *   ordinal spelled out ({@link spelledOrdinal});
 * - in a French text ({@link textLanguage}), a number in digits with a French ordinal's suffix ("1er",
 *   "1re", "2e", "79e", "2ème"; "1 er" and "1 re" one space apart, as raised suffixes come out) is
 *   one word, read as the ordinal in English digits ("79th"): English texts write "73e" for an item;
 * - an ordinal spelled in several words ("twenty first", "one hundred and fiftieth", "two hundredth";
 *   {@link spelledOrdinalAfter}) is one word standing for the ordinal in digits ("21st", "150th");
 * - after a number, with one space between at most: "%" (and the Arabic "٪" and full-width "％"),
 *   "pct", and the French "pour cent" and Spanish "por ciento" stand for "percent"; "°" stands for
 *   "degrees", and a C or F right after it (in capitals, or in small letters with no space between)
 *   for "Celsius" or "Fahrenheit"; "℃" and "℉" stand for both words, and so does "ºC" or "º C", the
 *   ordinal indicator typed for a degree sign;
 * - but in a French or Spanish text ({@link textLanguage}) "°" after a number is read as degrees only
 *   before a C or F or the word Celsius, Fahrenheit or centigrade: those languages also write it for
 *   an ordinal ("79° periodo", "Artículo 2°"), as they write "º" ("1º de enero");
 * - a degree sign with no number before it, and a C or F after it ("°C" typed alone, "in °C"), and
 *   "℃" or "℉" alone, stand for "degrees Celsius" or "degrees Fahrenheit";
 * - "per cent", the UN's spelling (any spaces between, any case), is one word standing for "percent";
 * - a C or F in capitals after the word "degrees" stands for "Celsius" or "Fahrenheit".
 * - a capital C or F right after a decimal number ("1.5C") stands for "degrees Celsius" or
 *   "Fahrenheit"; after a whole number it stays a letter: UN job numbers and item labels end so
 *   ("2212432C", "annex 1C"), and OCR reads 0 as C ("2C megawatts", "in 198C").
 */
export function emitWord(text: string, start: number, end: number, fn: WordSpanFn): number {
  const c0 = text.charCodeAt(start);
  if ((c0 >= 0x30 && c0 <= 0x39) || (c0 >= 128 && NUMBER.test(text.slice(start, start + 2)))) {
    const o = ordinalEnd(text, start, end);
    if (o > end) {
      fn(start, o);
      return o;
    }
    const f = frenchOrdinalEnd(text, start, end);
    if (f > end) {
      // read as the ordinal in English digits ("79e" as "79th"), its number beside it (Token.alt)
      const n = Number(text.slice(start, end));
      fn(start, f, `${n}${ordinalSuffix(n)}`);
      return f;
    }
    fn(start, end);
    return unitAfterNumber(text, end, fn, isDecimal(text, start, end));
  }
  const n = end - start;
  if (n >= 3 && n <= 7 && ORDINAL_OPENING.has(c0 | 0x20) && (isSpaceCode(text.charCodeAt(end)) || isHyphen(text.charCodeAt(end)))) {
    // an ordinal spelled in several words ("twenty first", "one hundred and fiftieth") is one word
    const lower = text.slice(start, end).toLowerCase();
    const o = ORDINAL_OPENERS.has(lower) ? spelledOrdinalAfter(lower, text, end) : null;
    if (o) {
      fn(start, o.end, `${o.n}${ordinalSuffix(o.n)}`);
      return o.end;
    }
  }
  if (n === 3 && (c0 | 0x20) === 0x70 && text.slice(start, end).toLowerCase() === 'per') {
    const e = centEnd(text, end);
    if (e > end) {
      fn(start, e, PERCENT);
      return e;
    }
  }
  if (n === 1 && (c0 === 0x2103 || c0 === 0x2109)) {
    // "℃" or "℉" with no number before it
    fn(start, end, 'degrees');
    fn(start, end, c0 === 0x2103 ? 'celsius' : 'fahrenheit');
    return end;
  }
  if ((n === 1 && ((c0 | 0x20) === 0x63 || (c0 | 0x20) === 0x66)) || (n === 2 && c0 === 0xba)) {
    // a C or F after a degree sign with no number before it ("°C" typed alone), or "ºC" written as one word
    const c = n === 2 ? text.charCodeAt(start + 1) : c0;
    const sign = n === 2 ? (c === 0x43 || c === 0x46 ? start : -1) : signBefore(text, start, c0 === 0x43 || c0 === 0x46);
    if (sign >= 0) {
      fn(sign, sign + 1, 'degrees');
      fn(end - 1, end, (c | 0x20) === 0x63 ? 'celsius' : 'fahrenheit');
      return end;
    }
  }
  fn(start, end);
  if ((n === 6 || n === 7) && (c0 | 0x20) === 0x64 && /^degrees?$/i.test(text.slice(start, end))) return scaleAfter(text, end, fn, false);
  return end;
}

/**
 * Where the degree sign stands that a C or F at `at` follows ("°C", or "° C" for a `capital`), when
 * no letter or digit comes right before the sign (nor a number one space before it, whose sign
 * {@link unitAfterNumber} reads); -1 otherwise.
 */
function signBefore(text: string, at: number, capital: boolean): number {
  const k =
    text.charCodeAt(at - 1) === 0xb0 ? at - 1 : capital && isSpaceCode(text.charCodeAt(at - 1)) && text.charCodeAt(at - 2) === 0xb0 ? at - 2 : -1;
  if (k < 0) return -1;
  if (k > 0 && !wordEndsAt(text, k - 1)) return -1;
  if (k > 1 && isSpaceCode(text.charCodeAt(k - 1)) && NUMBER.test(text.slice(k - 2, k))) return -1;
  return k;
}

const SPACE = /\s/;
const isSpaceCode = (c: number): boolean => c === 0x20 || (c >= 0x09 && c <= 0x0d) || (c >= 0x80 && SPACE.test(String.fromCharCode(c)));
const INSIDE_WORD = /[\p{L}\p{N}\p{M}\u00AD]/u;
const isApostropheCode = (c: number): boolean => c === 0x27 || c === 0x2019 || c === 0x2bc;

/** Whether no word of the tokenizer's goes on at `k`: no letter, digit, mark or soft hyphen, nor an apostrophe before a letter. */
function wordEndsAt(text: string, k: number): boolean {
  const cp = text.codePointAt(k);
  if (cp === undefined) return true;
  if (cp < 128) {
    if ((cp >= 0x30 && cp <= 0x39) || ((cp | 0x20) >= 0x61 && (cp | 0x20) <= 0x7a)) return false;
  } else if (INSIDE_WORD.test(String.fromCodePoint(cp))) return false;
  if (!isApostropheCode(cp)) return true;
  const after = text.codePointAt(k + 1);
  return after === undefined || !/\p{L}/u.test(String.fromCodePoint(after));
}

/** Where an ordinal's suffix after the digits text[start, end) ends ("60th"), or -1 (not all ASCII digits, no suffix, or the word goes on). */
function ordinalEnd(text: string, start: number, end: number): number {
  if (end - start > 9) return -1;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return -1;
  }
  const suffix = text.slice(end, end + 2).toLowerCase();
  if (suffix !== 'st' && suffix !== 'nd' && suffix !== 'rd' && suffix !== 'th') return -1;
  return wordEndsAt(text, end + 2) ? end + 2 : -1;
}

/**
 * "pour cent" and "por ciento", percent in French and Spanish: read after a number only ("pour cent
 * ans" is "for a hundred years", "por ciento veinte" "by a hundred and twenty").
 */
const FOREIGN_PERCENT = /(?:pour\s+cent|por\s+ciento)(?![\p{L}\p{N}\p{M}\u00AD])/iuy;

/** Whether the number text[start, end) has a decimal point ("1.5"; a comma may part thousands, "1,500"). */
function isDecimal(text: string, start: number, end: number): boolean {
  for (let i = start + 1; i < end; i++) if (text.charCodeAt(i) === 0x2e) return true;
  return false;
}

/** A French ordinal's suffix after its number ({@link frenchOrdinalEnd}); "er" and "re" maybe one space after it. */
const FRENCH_ORDINAL = /(?:\s?(?:er|re)|e|ème|eme|ère|ere)(?![\p{L}\p{N}\p{M}\u00AD])/iuy;

/** Where a French ordinal's suffix after the digits text[start, end) ends ("79e"), in a French text; -1 otherwise. */
function frenchOrdinalEnd(text: string, start: number, end: number): number {
  if (end - start > 9 || text.charCodeAt(start) === 0x30) return -1;
  const c = text.charCodeAt(end) | 0x20;
  if (c !== 0x65 && c !== 0x72 && c !== 0x20 && c !== 0xe8 && c !== 0xe9) return -1;
  for (let i = start; i < end; i++) if (!isAsciiDigit(text.charCodeAt(i))) return -1;
  FRENCH_ORDINAL.lastIndex = end;
  const m = FRENCH_ORDINAL.exec(text);
  return m && languageOf(text) === 'fr' ? end + m[0].length : -1;
}

/** After a number ending at `at`: the sign or abbreviation of a percentage or of degrees it reads ({@link emitWord}), emitted; where scanning goes on. */
function unitAfterNumber(text: string, at: number, fn: WordSpanFn, decimal: boolean): number {
  const j = isSpaceCode(text.charCodeAt(at)) ? at + 1 : at;
  const c = text.charCodeAt(j);
  if (c === 0x25 || c === 0x66a || c === 0xff05) {
    fn(j, j + 1, PERCENT);
    return j + 1;
  }
  if (c === 0xb0) {
    // French and Spanish also write the sign for an ordinal ("79° periodo"): there only before a scale
    if (scaleAt(text, j + 1, true) < 0 && !SCALE_WORD.test(text.slice(j + 1, j + 14)) && romanceText(text)) return at;
    fn(j, j + 1, 'degrees');
    return scaleAfter(text, j + 1, fn, true);
  }
  if (c === 0x2103 || c === 0x2109) {
    fn(j, j + 1, 'degrees');
    fn(j, j + 1, c === 0x2103 ? 'celsius' : 'fahrenheit');
    return j + 1;
  }
  // the masculine ordinal indicator typed for a degree sign: only with its C or F in capitals ("1ºC",
  // "1.5º C"; "1º" is "primero")
  if (c === 0xba) {
    const s = scaleAt(text, j + 1, false);
    if (s >= 0) {
      fn(j, j + 1, 'degrees');
      fn(s, s + 1, text.charCodeAt(s) === 0x43 ? 'celsius' : 'fahrenheit');
      return s + 1;
    }
    return at;
  }
  if ((c | 0x20) === 0x70) {
    if ((text.charCodeAt(j + 1) | 0x20) === 0x63 && (text.charCodeAt(j + 2) | 0x20) === 0x74 && wordEndsAt(text, j + 3)) {
      fn(j, j + 3, PERCENT);
      return j + 3;
    }
    // French and Spanish write it out: "50 pour cent", "70 por ciento"
    FOREIGN_PERCENT.lastIndex = j;
    const m = FOREIGN_PERCENT.exec(text);
    if (m) {
      fn(j, j + m[0].length, PERCENT);
      return j + m[0].length;
    }
  }
  // a capital C or F right after a decimal ("1.5C") is degrees Celsius or Fahrenheit; after a whole
  // number it stays a letter ("2C megawatts" and "198C" are OCR'd zeros, "2212432C" a job number)
  if (decimal && j === at && (c === 0x43 || c === 0x46) && wordEndsAt(text, j + 1)) {
    fn(j, j + 1, 'degrees');
    fn(j, j + 1, c === 0x43 ? 'celsius' : 'fahrenheit');
    return j + 1;
  }
  return at;
}

/**
 * After a degree sign or the word "degrees" ending at `at`: a C or F, one space apart at most, read
 * as "Celsius" or "Fahrenheit" (in small letters only right after the sign: "° c)" opens a list
 * item), emitted; where scanning goes on.
 */
function scaleAfter(text: string, at: number, fn: WordSpanFn, sign: boolean): number {
  const j = scaleAt(text, at, sign);
  if (j < 0) return at;
  fn(j, j + 1, (text.charCodeAt(j) | 0x20) === 0x63 ? 'celsius' : 'fahrenheit');
  return j + 1;
}

/** Where the C or F that {@link scaleAfter} reads after `at` stands, or -1. */
function scaleAt(text: string, at: number, sign: boolean): number {
  const spaced = isSpaceCode(text.charCodeAt(at));
  const j = spaced ? at + 1 : at;
  const c = text.charCodeAt(j);
  const capital = c === 0x43 || c === 0x46;
  return (capital || (sign && !spaced && (c === 0x63 || c === 0x66))) && wordEndsAt(text, j + 1) ? j : -1;
}

/** A temperature scale written as a word after a degree sign (one space at most): Celsius, Fahrenheit, centigrade, centígrados. */
const SCALE_WORD = /^\s?(?:celsius|fahrenheit|cent[ií]grad)/i;

/** The last text whose language {@link languageOf} told: a text's words are scanned in order, so one is enough. */
let languageMemo: { text: string; lang: StemLanguage | null } | undefined;

/** The language of `text` ({@link textLanguage}), told once per text: only asked when a figure's reading depends on it. */
function languageOf(text: string): StemLanguage | null {
  if (languageMemo?.text !== text) languageMemo = { text, lang: textLanguage(text) };
  return languageMemo.lang;
}

/** Whether `text` is French or Spanish ({@link languageOf}). */
const romanceText = (text: string): boolean => languageOf(text) !== null;

/** After the word "per" ending at `at`: the end of "cent" or "cents" after one or more spaces, or -1. */
function centEnd(text: string, at: number): number {
  let j = at;
  while (j < text.length && isSpaceCode(text.charCodeAt(j))) j++;
  if (j === at || text.slice(j, j + 4).toLowerCase() !== 'cent') return -1;
  let e = j + 4;
  if ((text.charCodeAt(e) | 0x20) === 0x73) e++;
  return wordEndsAt(text, e) ? e : -1;
}

/** Analyse one raw word (surface form) into its indexed term, or null for an empty result. */
export function analyzeWord(raw: string): WordAnalysis {
  let hit = wordCache.get(raw);
  if (hit === undefined) {
    hit = analyzeWordUncached(raw);
    if (wordCache.size >= WORD_CACHE_MAX) wordCache.clear();
    wordCache.set(raw, hit);
  }
  return hit;
}

/** A word's term, its folded form, whether it is a stop word, and a second term at its position ({@link Token.alt}). */
type WordAnalysis = { term: string; folded: string; stop: boolean; alt?: string; exact?: string } | null;
/**
 * An article or pronoun elided onto a word, as French and Italian write them before a vowel or h
 * (l'Organisation, d'un, qu'il, jusqu'à, dell'Assemblea, un'altra): the word is the rest, so
 * `Organisation` finds "l'Organisation" and "d'organisation" (Côte d'Ivoire: "ivoire").
 */
const ELISION = /^(?:l|d|j|m|n|s|t|c|qu|jusqu|lorsqu|puisqu|quoiqu|dell|all|nell|sull|dall|un)'(?=[aeiouyh])/;
const withoutElision = (folded: string): string => (folded.includes("'") ? folded.replace(ELISION, '') : folded);

/**
 * Whether the word text[start, end) (the whole text by default) may not begin as its term does: an
 * apostrophe among its first eight characters (an elided l', qu', jusqu' taken off, {@link withoutElision}). Proximity and the phrase scanner
 * analyse such a word rather than judge it by its first two letters ({@link termHeads}).
 */
export function mayElide(text: string, start = 0, end = text.length): boolean {
  for (let i = start + 1; i < end && i < start + 8; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x27 || c === 0x2019 || c === 0x2bc) return true;
  }
  return false;
}

/** Memo of analyzeWord: folding and stemming dominate indexing time, and word forms repeat a lot. */
const wordCache = new Map<string, WordAnalysis>();
const WORD_CACHE_MAX = 500_000;

/** The term of "USA", which the United States' statements carry as a common name: what "U.S." says (and a query's "US"). */
export const US_TERM = 'usa';

function analyzeWordUncached(raw: string): WordAnalysis {
  if (isInitialism(raw)) {
    // an initialism (INITIALISM): its letters joined, analysed as the word they make ("U.S.S.R." is
    // "USSR", "α.β." is "αβ"); "U.S." is the United States, not the stop word "us"
    const a = analyzeWordUncached(raw.replace(/['\u2019\u02BC][sS]$/, '').replace(/\./g, ''));
    if (a?.folded === 'us') return { term: US_TERM, folded: 'us', stop: false };
    // no exact form: the text writes its letters apart ("U.N." is "UN" in any form)
    return a && { term: a.term, folded: a.folded, stop: a.stop };
  }
  let folded = fold(raw);
  // possessive 's and trailing apostrophes carry no meaning for search
  folded = withoutElision(folded.replace(/'s$/, '').replace(/'+$/, ''));
  if (!folded) return null;
  const stop = isArabicScript(folded.charCodeAt(0)) ? isArabicStop(raw, folded) : STOP_WORDS.has(folded);
  if (NUMBER.test(folded)) {
    // an ordinal in digits is the ordinal spelled out, 1st to 100th: UN records spell them ("sixtieth
    // anniversary", "seventy-fifth session") where other texts write "60th", "75th"; from 21st on as
    // the compound written closed ("twentyfirst", the term the index holds for "twenty-first",
    // {@link compoundTerms}); above 100 it is a term of its own ("150th", which "one hundred and
    // fiftieth" reads as, {@link emitWord}); its number rides beside it (alt: `75` finds "75th", not
    // "seventy-fifth"); with a suffix not the number's ("2th") it is its number
    const ordinal = /^(\d+)(st|nd|rd|th)$/.exec(folded);
    if (ordinal && ordinal[1]!.charCodeAt(0) !== 0x30 && ordinal[2] === ordinalSuffix(Number(ordinal[1]))) {
      const spelled = spelledOrdinal(ordinal[1]!, ordinal[2]);
      return { term: spelled ? analyzeWordUncached(spelled)!.term : folded, folded, stop: false, alt: ordinal[1]! };
    }
    // "1,500" and "1500" should meet; decimals stay
    return { term: (ordinal ? ordinal[1]! : folded).replace(/,(?=\d{3}(?:\D|$))/g, ''), folded, stop: false };
  }
  const other = stemByScript(folded);
  if (other !== null) return { term: other, folded, stop };
  // Acronyms (UNODC, ECOWAS) stay one token and are stemmed like any word, so that "ECOWAS" in a
  // statement and "ecowas" typed in a query meet (sparing capitals from stemming made them differ).
  // British and American spellings meet: rules on the word (organisation → organization, labour →
  // labor), then the table of pairs on the stem (defenc → defens, centr → center).
  const spelled = spellingRules(folded.replace(/'/g, ''));
  const stemmed = splitStem(spelled, stem(spelled));
  const term = VARIANT_STEMS.get(stemmed) ?? stemmed;
  // a British or American spelling the pairs table joins (defence, defense) is held by its term alone
  if (VARIANT_TERMS.has(term) || !PLAIN_LATIN.test(folded) || !PLAIN_LATIN.test(spelled)) return { term, folded, stop };
  return { term, folded, stop, exact: spelled };
}

/** The terms British and American spellings share through the table of pairs ({@link VARIANT_STEMS}). */
const VARIANT_TERMS: ReadonlySet<string> = new Set(VARIANT_STEMS.values());
const PLAIN_LATIN = /^[a-z]+$/;

/** Whether a text's word of exact form `written` is a phrase word of exact form `form` (either unknown: yes). */
export function agrees(form: string | undefined, written: string | undefined): boolean {
  return form === undefined || written === undefined || sameForm(form, written);
}

/**
 * Whether two words' exact forms ({@link Token.exact}) are the same word, singular or plural: equal,
 * or one the other with -s, -es or -ies for -y ("country", "countries"; "virus", "viruses"; "veto",
 * "vetoes"; "authorize", "authorizes"). Only asked of two words whose terms are equal, so "new" and
 * "news" (two terms) never meet.
 */
export function sameForm(a: string, b: string): boolean {
  return a === b || pluralOf(a, b) || pluralOf(b, a);
}
function pluralOf(one: string, many: string): boolean {
  const d = many.length - one.length;
  if (d === 1) return many.charCodeAt(many.length - 1) === 0x73 && many.startsWith(one);
  if (d === 2) {
    if (!many.endsWith('es')) return false;
    // "policy", "policies"
    if (one.endsWith('y')) return many.startsWith(one.slice(0, -1)) && many.endsWith('ies');
    return many.startsWith(one);
  }
  return false;
}

/** All tokens of a text, stop words included (flagged), with offsets into `text`. */
export function tokens(text: string): Token[] {
  const out: Token[] = [];
  forEachWordSpan(text, (start, end, as) => {
    const a = analyzeWord(as ?? text.slice(start, end));
    if (!a) return;
    // an ordinal's number (Token.alt) where it is written in digits, not spelled ("one hundred and fiftieth")
    const t: Token = { term: a.term, folded: a.folded, start, end, stop: a.stop };
    if (a.alt !== undefined && !(as !== undefined && !isAsciiDigit(text.charCodeAt(start)))) t.alt = a.alt;
    // a sign standing for a word ("%") is that word in any form
    if (a.exact !== undefined && as === undefined) t.exact = a.exact;
    out.push(t);
  });
  return out;
}

/**
 * Whether two words typed apart (a query's, split at spaces) read otherwise together, as the text
 * around them would read them: "per" "cent", "50" "%", "1.5" "°C", "degrees" "C" ({@link emitWord}).
 */
export function readTogether(before: string, after: string): boolean {
  const apart = [...tokens(before), ...tokens(after)];
  const together = tokens(`${before} ${after}`);
  return apart.length !== together.length || apart.some((t, i) => t.term !== together[i]!.term);
}

/**
 * Where some terms occur in a text, as positions among its indexed (non-stop) words, for proximity
 * scoring. Cheaper than {@link tokens}: only words whose first two letters could stem to one of the
 * terms are analysed ({@link termHeads}); the rest are only counted.
 */
export function termPositions(text: string, bitOf: ReadonlyMap<string, number>): { pos: number[]; bits: number[]; count: number } {
  const heads = new Set<string>();
  for (const t of bitOf.keys()) for (const h of termHeads(t)) heads.add(h);
  // a French or Spanish word's own stem searched ({@link languageTerm}): every word of such a passage is analysed
  const lang = [...bitOf.keys()].some(isLanguageTerm) ? textLanguage(text) : null;
  const pos: number[] = [];
  const bits: number[] = [];
  let n = 0;
  /** The bit of the closed form of a hyphenated compound opening at `at` (`on-line` for "online"). */
  const compoundBit = (at: number): number | undefined => {
    const c = compoundAt(text, at);
    return c ? bitOf.get(c) : undefined;
  };
  forEachWordSpan(text, (start, end, as) => {
    if (as !== undefined) {
      // a sign standing for a word ("%" for percent): always analysed, never a stop word; written in
      // digits ("79e" read as "79th"), its number beside it (Token.alt)
      const a = analyzeWord(as)!;
      const b = bitOf.get(a.term) ?? (a.alt !== undefined && isAsciiDigit(text.charCodeAt(start)) ? bitOf.get(a.alt) : undefined);
      if (b !== undefined) {
        pos.push(n);
        bits.push(b);
      }
      n++;
      return;
    }
    const raw = text.slice(start, end);
    // a compound's closed form sits at its first indexed word's place (for on-line, at "line")
    const cb = isHyphen(text.charCodeAt(end)) ? compoundBit(start) : undefined;
    // stop words are short words: only those are looked up (a possessive 's is dropped first)
    if (raw.length <= 12) {
      let lower = raw.toLowerCase();
      const q = lower.length - 2;
      if (q > 0 && lower.charCodeAt(q + 1) === 0x73 && (lower.charCodeAt(q) === 0x27 || lower.charCodeAt(q) === 0x2019)) lower = lower.slice(0, q);
      // an initialism is a stop word as its letters joined say ("H.E.", but not "U.S.")
      // (a word in another script is judged as the index judges it: Arabic before folding, Russian's ё as е)
      if (isInitialism(raw) || lower.charCodeAt(0) >= 128 ? (analyzeWord(raw)?.stop ?? true) : STOP_WORDS.has(lower)) {
        if (cb !== undefined) {
          pos.push(n);
          bits.push(cb);
        }
        return;
      }
    }
    const c0 = raw.charCodeAt(0);
    const c1 = raw.length > 1 ? raw.charCodeAt(1) : 0;
    const head = c0 < 128 && c1 < 128 ? raw.slice(0, 2).toLowerCase() : wordHead(raw);
    let b: number | undefined;
    // an Arabic stem may have dropped a prefix, an elided article its word's, and an ordinal in digits
    // is its word ("60th"): the first letters do not tell the term
    if (lang || heads.has(head) || isArabicScript(head.charCodeAt(0)) || mayElide(raw) || (c0 >= 0x30 && c0 <= 0x39)) {
      const a = analyzeWord(raw);
      b = a && !a.stop ? (bitOf.get(a.term) ?? (a.alt === undefined ? undefined : bitOf.get(a.alt))) : undefined;
      if (b === undefined && lang && a && !a.stop) {
        const own = languageTerm(lang, raw);
        b = own ? bitOf.get(own) : undefined;
      }
      if (b !== undefined) {
        pos.push(n);
        bits.push(b);
      }
    }
    if (cb !== undefined && cb !== b) {
      pos.push(n);
      bits.push(cb);
    }
    n++;
  });
  return { pos, bits, count: n };
}

/**
 * A hyphen that a line break left spaced ("self- determination", "pa- tients", "Viet- Nam": the
 * line's end became a space): the space after it, before a letter, where no conjunction follows
 * (a suspended hyphen stays: "medium- and long-term", "three- to five-year").
 */
const SPACED_HYPHEN = String.raw` (?=\p{L})(?!(?:and|or|nor|to|but|than|as|versus|vs|not)\b)`;

/**
 * A compound of two to six runs of letters or digits joined by hyphens, opening with a letter
 * (`on-line`, `co-operation`, `under-developed`, `state-of-the-art`; `G-77`, `COVID-19`, `IL-10`,
 * `PD-L1`, as scientific and UN texts also write them closed; a hyphen a line break left spaced,
 * {@link SPACED_HYPHEN}, joins too): whole, not inside a longer run of letters, digits,
 * apostrophes or hyphens, and no number part a decimal's or a percentage's (`ratio-2.5`,
 * `rate-63%`); a run opening with a number is a range, not a word (`1990-1995`).
 */
const COMPOUND = new RegExp(
  String.raw`(?<![\p{L}\p{N}'\u2019\u2010\u2011-])\p{L}[\p{L}\p{N}]*(?:[-\u2010\u2011](?:${SPACED_HYPHEN})?[\p{L}\p{N}]+(?!(?<=\p{N})(?:[.,]\p{N}|%))){1,5}(?![\p{L}\p{N}\u2010\u2011-])`,
  'gu',
);

/** A text with each hyphen a line break left spaced ({@link SPACED_HYPHEN}) closed up: "self- determination" → "self-determination". */
export function closeSpacedHyphens(text: string): string {
  return HYPHEN_SPACE.test(text) ? text.replace(CLOSE_SPACED_HYPHEN, '') : text;
}
const HYPHEN_SPACE = /[-\u2010\u2011] /;
// not in a filter's value (country:COL- peace: the value ends at the space)
const CLOSE_SPACED_HYPHEN = new RegExp(String.raw`(?<=\p{L}[-\u2010\u2011])(?<!:\S*)${SPACED_HYPHEN}`, 'gu');

/** Longer runs are no compound (a chain of hyphens in a table, OCR debris): at most 6 parts, 60 characters. */
const MAX_COMPOUND_LENGTH = 60;
/** {@link COMPOUND} anchored where a word starts (sticky). */
const COMPOUND_AT = new RegExp(COMPOUND.source.replace(/^\(\?<!\[[^\]]*\]\)/, ''), 'uy');

/**
 * The term of each hyphenated compound in a text, written closed (`on-line` → the term of
 * `online`), with its span. The index holds it beside the compound's parts, so a query's closed
 * form finds the hyphenated one, as UN texts changed their spelling over the decades
 * (co-operation, peace-keeping, under-developed) and older abstracts wrote "on-line" for "online".
 * None when the closed form is a stop word.
 */
export function compoundTerms(text: string): Array<{ term: string; start: number; end: number; exact?: string }> {
  const out: Array<{ term: string; start: number; end: number; exact?: string }> = [];
  if (!text.includes('-') && !text.includes('\u2010') && !text.includes('\u2011')) return out;
  let inOrdinal: Array<[number, number]> | undefined;
  for (const m of text.matchAll(COMPOUND)) {
    const closed = closedWord(m[0]);
    if (!closed) continue;
    const start = m.index;
    const end = start + m[0].length;
    // hyphenated words inside an ordinal spelled out are read with it ("one hundred fifty-fifth" is 155th, no 55th)
    inOrdinal ??= spelledHundredsSpans(text);
    if (inOrdinal.some(([a, b]) => a <= start && end <= b)) continue;
    out.push(closed.exact === undefined ? { term: closed.term, start, end } : { term: closed.term, start, end, exact: closed.exact });
  }
  return out;
}

/** The closed form's term of a compound as written (`co-operation` → cooper), or null for a stop word. */
function closedTerm(compound: string): string | null {
  return closedWord(compound)?.term ?? null;
}

/** A compound's closed term and exact form ({@link Token.exact}), or null when it is too long or a stop word. */
function closedWord(compound: string): { term: string; exact?: string } | null {
  if (compound.length > MAX_COMPOUND_LENGTH) return null;
  // each part's Greek letter spelled out before the parts join (α-β: alphabeta, as alpha-beta)
  const a = analyzeWord(fold(compound).replace(/- ?/g, ''));
  if (!a || a.stop) return null;
  return a.exact === undefined ? { term: a.term } : { term: a.term, exact: a.exact };
}

/** The closed term of the hyphenated compound opening at `at` ({@link compoundTerms}'s, found there alone), or null. */
function compoundAt(text: string, at: number): string | null {
  const before = at > 0 ? text[at - 1]! : '';
  if (before && /[\p{L}\p{N}'\u2019\u2010\u2011-]/u.test(before)) return null;
  COMPOUND_AT.lastIndex = at;
  const m = COMPOUND_AT.exec(text);
  return m ? closedTerm(m[0]) : null;
}

/** A hyphenated compound among a text's tokens: the index after its last token, and its closed term. */
export interface CompoundSpan {
  to: number;
  term: string;
  /** Its closed word's exact form ({@link Token.exact}): "co-operation" is "cooperation", not "cooperative". */
  exact?: string;
}

/**
 * Where each hyphenated compound opens among a text's tokens ({@link tokens}), by token index; a
 * token starting inside the compound is part of it ("Nam's" in "Viet-Nam's"). Null when the text has none.
 */
export function compoundSpans(text: string, toks: readonly Token[], compounds = compoundTerms(text)): Map<number, CompoundSpan> | null {
  return compoundSpansAt(toks.length, (i) => toks[i]!.start, compounds);
}

/** {@link compoundSpans} over `n` words given by where each starts in the text (`startOf`, ascending). */
export function compoundSpansAt(
  n: number,
  startOf: (i: number) => number,
  compounds: ReadonlyArray<{ term: string; start: number; end: number; exact?: string }>,
): Map<number, CompoundSpan> | null {
  if (compounds.length === 0) return null;
  const spans = new Map<number, CompoundSpan>();
  let k = 0;
  for (let i = 0; i < n; i++) {
    const start = startOf(i);
    while (k < compounds.length && compounds[k]!.end <= start) k++;
    const c = compounds[k];
    if (!c || start !== c.start) continue;
    let to = i + 1;
    while (to < n && startOf(to) < c.end) to++;
    spans.set(i, c.exact === undefined ? { to, term: c.term } : { to, term: c.term, exact: c.exact });
  }
  return spans.size ? spans : null;
}

/**
 * Where `phrase` (analyzer terms, stop words included) holds consecutively in a text's terms (null:
 * a word that is none of the phrase's), as [first, last] token indexes: each hyphenated compound
 * ({@link compoundSpans}) read either as its parts or as its closed term, on its own — "cooperation
 * among non-aligned countries" holds in "co-operation among non-aligned countries". With `first`,
 * only the first match. A word carrying its exact form ({@link PHRASE_EXACT}) holds only where the
 * text's word has that form (`exacts`, the words' {@link Token.exact}) or none (a number, a sign, a
 * word of another script), so "developing countries" is not held in "developed countries". The one
 * phrase matcher of search, excerpts, trends and follows.
 */
export function phraseMatches(
  terms: readonly (string | null)[],
  spans: ReadonlyMap<number, CompoundSpan> | null,
  phrase: readonly string[],
  first = false,
  exacts?: readonly (string | undefined)[],
): Array<[first: number, last: number]> {
  const out: Array<[number, number]> = [];
  const n = phrase.length;
  if (n === 0) return out;
  const slots = slotsOf(phrase);
  const { words, forms } = exactsOf(phrase);
  const endOf = (i: number, k: number): number => {
    if (k === n) return i;
    if (i >= terms.length) return -1;
    const slot = slots?.[k];
    if (slot) return slotEnd(i, k, slot);
    const form = forms?.[k];
    if (terms[i] === words[k] && agrees(form, exacts?.[i])) {
      const e = endOf(i + 1, k + 1);
      if (e >= 0) return e;
    }
    const c = spans?.get(i);
    return c && c.term === words[k] && agrees(form, c.exact) ? endOf(c.to, k + 1) : -1;
  };
  // a compound slot ({@link phraseReading}): its closed term, the text's compound read closed, or its parts in a row
  const slotEnd = (i: number, k: number, slot: readonly PhraseWord[]): number => {
    const closed = slot[0]!;
    if (terms[i] === closed.term && agrees(closed.form, exacts?.[i])) {
      const e = endOf(i + 1, k + 1);
      if (e >= 0) return e;
    }
    const c = spans?.get(i);
    if (c && c.term === closed.term && agrees(closed.form, c.exact)) {
      const e = endOf(c.to, k + 1);
      if (e >= 0) return e;
    }
    for (let p = 1; p < slot.length; p++) if (terms[i + p - 1] !== slot[p]!.term || !agrees(slot[p]!.form, exacts?.[i + p - 1])) return -1;
    return endOf(i + slot.length - 1, k + 1);
  };
  for (let i = 0; i < terms.length; i++) {
    const e = endOf(i, 0);
    if (e < 0) continue;
    out.push([i, e - 1]);
    if (first) break;
  }
  return out;
}

/**
 * Per phrase, its words' terms and exact forms ({@link PHRASE_EXACT}; forms null for a phrase
 * without one, a form undefined for a word without one): split once, not per token.
 */
const exactCache = new WeakMap<readonly string[], { words: readonly string[]; forms: ReadonlyArray<string | undefined> | null }>();
export function exactsOf(phrase: readonly string[]): { words: readonly string[]; forms: ReadonlyArray<string | undefined> | null } {
  let hit = exactCache.get(phrase);
  if (hit === undefined) {
    // a compound slot stays whole: its words' forms are read by slotsOf
    const split = (t: string): PhraseWord => (t.includes(PHRASE_SLOT) ? { term: t, form: undefined } : phraseWord(t));
    hit = phrase.some((t) => t.includes(PHRASE_EXACT))
      ? { words: phrase.map((t) => split(t).term), forms: phrase.map((t) => split(t).form) }
      : { words: phrase, forms: null };
    exactCache.set(phrase, hit);
  }
  return hit;
}

/** Per phrase, each term's compound slot split ({@link phraseReading}), or null for a phrase without one: split once, not per token. */
const slotCache = new WeakMap<readonly string[], ReadonlyArray<readonly PhraseWord[] | null> | null>();
function slotsOf(phrase: readonly string[]): ReadonlyArray<readonly PhraseWord[] | null> | null {
  let slots = slotCache.get(phrase);
  if (slots === undefined) {
    slots = phrase.some((t) => t.includes(PHRASE_SLOT))
      ? phrase.map((t) => (t.includes(PHRASE_SLOT) ? t.split(PHRASE_SLOT).map(phraseWord) : null))
      : null;
    slotCache.set(phrase, slots);
  }
  return slots;
}

const isHyphen = (c: number): boolean => c === 0x2d || c === 0x2010 || c === 0x2011;
const isAsciiDigit = (c: number): boolean => c >= 0x30 && c <= 0x39;

/** Joins a compound's closed term to the term of its last indexed part in {@link indexTokens}. */
export const CLOSED_FORM_JOINER = '\u0000';

/** A language the Latin script does not tell from English, whose words the index also holds by their own stem. */
export type StemLanguage = 'fr' | 'es';

/**
 * Function words that tell French or Spanish text from English (and from each other): only words
 * of one of the three languages (not "de", "la", "que", "en", "les", "se" or "y", which French and
 * Spanish share; not "para", "al" or "con", which English text holds: "para. 12", "Al-Qaida").
 */
const LANGUAGE_MARKERS: ReadonlyMap<string, StemLanguage | 'en'> = new Map([
  ...'le des du et est une dans pour qui sur avec au aux nous ce cette ces sont pas elle ont été leur notre vous avons être mais aussi tous tout comme où je sa ses ne lui leurs votre vos ainsi très sans selon dont déjà puis alors cela ceci ici chaque sommes mes mon ma peut doit après depuis encore toujours jamais rien même'
    .split(' ')
    .map((w) => [w, 'fr'] as const),
  ...'el los las del por una como pero más este esta estos estas han fue sus todos todas nuestro nuestra nuestros hemos también además desde hasta cuando donde porque está están hay muy otros sido su ha ante sin sobre ser hoy ya aquí así mientras siempre nunca nada cada sino según durante mismo misma ellos ellas usted ustedes yo'
    .split(' ')
    .map((w) => [w, 'es'] as const),
  ...'the and of to is that for with are this be was it on have which'.split(' ').map((w) => [w, 'en'] as const),
]);
/**
 * Function words French and Spanish share ("un" only in small letters: "UN" is English), which do
 * not tell one from the other but do tell them from English: counted beside a language's own.
 */
const ROMANCE_MARKERS: ReadonlySet<string> = new Set('de la que en se y les nos'.split(' '));
/** French and Italian elided articles and pronouns (l'Organisation, d'un): French markers too. */
const ELIDED = /^(?:l|d|qu|n|s|c|j)['\u2019]/i;

/**
 * The language of a passage's text, when it is French or Spanish: counted on its first 200 words,
 * the function words of one language (at least two, or one with words French and Spanish share
 * making three: "El 1º de octubre … la primera") outnumber the other's and the English ones, and
 * with the shared ones twice the English ones. Null for English, for other languages and for text
 * too short to tell.
 */
export function textLanguage(text: string): StemLanguage | null {
  let fr = 0;
  let es = 0;
  let en = 0;
  let shared = 0;
  let n = 0;
  const re = /\p{L}+(?:['\u2019]\p{L}+)?/gu;
  for (let m = re.exec(text); m !== null && n < 200; m = re.exec(text), n++) {
    const w = m[0];
    if (ELIDED.test(w)) {
      fr++;
      continue;
    }
    if (w.length > 8) continue;
    const lower = w.toLowerCase();
    const lang = LANGUAGE_MARKERS.get(lower);
    if (lang === 'fr') fr++;
    else if (lang === 'es') es++;
    else if (lang === 'en') en++;
    else if (ROMANCE_MARKERS.has(lower) || w === 'un') shared++;
  }
  // two of a language's own words, or one and shared ones making three; more than the English ones,
  // and with the shared ones more than twice as many
  if ((fr >= 2 || (fr >= 1 && fr + shared >= 3)) && fr > es && fr > en && fr + shared > 2 * en) return 'fr';
  if ((es >= 2 || (es >= 1 && es + shared >= 3)) && es > fr && es > en && es + shared > 2 * en) return 'es';
  return null;
}

/**
 * A word's term by its language's Snowball stemmer (French or Spanish), prefixed with the language
 * (`fr:national` for "nationaux", `es:desarroll` for "desarrollado"): the index holds it beside the
 * English stem for each word of a French or Spanish passage, and a query word also asks for its
 * own (search and trends: src/search/ranking/words.ts). The word is stemmed as written, accents
 * and all (the stemmers know "organización"), lower-cased, without an elided article.
 */
export function languageTerm(lang: StemLanguage, raw: string): string | null {
  const key = lang + raw;
  let hit = languageTermCache.get(key);
  if (hit === undefined) {
    hit = languageTermUncached(lang, raw);
    if (languageTermCache.size >= WORD_CACHE_MAX) languageTermCache.clear();
    languageTermCache.set(key, hit);
  }
  return hit;
}

/** Memo of languageTerm, as analyzeWord's: Snowball's stemmers take about 10 µs a word. */
const languageTermCache = new Map<string, string | null>();

function languageTermUncached(lang: StemLanguage, raw: string): string | null {
  const lower = raw
    .normalize('NFC')
    .toLowerCase()
    .replace(/['\u2019\u02BC]s$/, '');
  const word = lower.replace(/^(?:l|d|j|m|n|s|t|c|qu|jusqu|lorsqu|puisqu)['\u2019\u02BC](?=\p{L})/u, '');
  if (!word || !/^\p{sc=Latin}/u.test(word) || NUMBER.test(word) || FOREIGN_FUNCTION_WORDS.has(fold(word))) return null;
  const stem = (lang === 'fr' ? french : spanish).stem(word);
  return stem ? `${lang}:${fold(stem)}` : null;
}

/**
 * French and Spanish function words that are no English word (not "pour", "son" or "sin", which
 * are; not "au", the African Union's AU): a query leaves them out as it leaves out English stop
 * words (`derechos de las mujeres`: derechos, mujeres; unless typed in capitals, `DE`), and they
 * have no French or Spanish stem in the index. The index holds them as English words, so a quoted
 * phrase still holds them ("droits de l'homme").
 */
export const FOREIGN_FUNCTION_WORDS: ReadonlySet<string> = new Set(
  'de des du le les la et en el los las del y una une aux dans que qui ces cette nous sont por'.split(' '),
);

/** The languages whose terms a query word also asks for ({@link languageTerm}). */
const STEM_LANGUAGES: readonly StemLanguage[] = ['fr', 'es'];

/** Whether `term` is a word's French or Spanish stem ({@link languageTerm}: `fr:social`). */
export const isLanguageTerm = (term: string): boolean => term.startsWith('fr:') || term.startsWith('es:');

/**
 * A query word's French and Spanish stems ({@link languageTerm}), each once: stemmed as typed and
 * without its accents (the stemmers know accented endings: `organizacion` typed plainly stems apart
 * from "organización"). Search asks for those the library holds, a follow for every one.
 */
export function languageTermsOf(raw: string): string[] {
  const out: string[] = [];
  for (const lang of STEM_LANGUAGES) {
    for (const form of [raw, fold(raw)]) {
      const term = languageTerm(lang, form);
      if (term && !out.includes(term)) out.push(term);
    }
  }
  return out;
}

/**
 * A text's words as the index takes them: the term of each non-stop word, in order. A hyphenated
 * compound's closed term ({@link compoundTerms}) rides on its last indexed part, joined by
 * {@link CLOSED_FORM_JOINER} (`line\u0000onlin` for "on-line"), for the index's `processTerm` to
 * split: both terms are indexed, and the field's length (MiniSearch counts distinct tokens) is
 * the one the text had without it (a compound none of whose parts is indexed, `over-all`, is a token
 * of its own). A word's second term ({@link Token.alt}: `seventyfifth\u000075` for "75th") rides
 * so too, where `alts` (false for the metadata field). `onWord` sees each word's term and
 * folded form, and each compound's closed term with its hyphenated folded form.
 */
export function indexTokens(text: string, onWord?: (term: string, folded: string) => void, languages = false, alts = true): string[] {
  const out: string[] = [];
  const ends: number[] = [];
  const starts: number[] = [];
  for (const t of tokens(text)) {
    if (t.stop) continue;
    // a second term at the word's position (an ordinal's number, Token.alt) rides as a closed form
    // does — in a passage's text only (`alts`): every UNGDC title names its session ("General
    // Debate, 10th session"), which made "10" a word of every passage of that session
    out.push(t.alt === undefined || !alts ? t.term : `${t.term}${CLOSED_FORM_JOINER}${t.alt}`);
    ends.push(t.end);
    starts.push(t.start);
    onWord?.(t.term, t.folded);
  }
  let k = 0;
  for (const c of compoundTerms(text)) {
    while (k < ends.length && ends[k]! < c.end) k++;
    // the last part when it is indexed (co-operation), else the last indexed one before it (follow-up)
    const at = k < ends.length && ends[k] === c.end ? k : k - 1;
    if (at >= 0 && ends[at]! > c.start && !out[at]!.includes(CLOSED_FORM_JOINER)) out[at] = `${out[at]!}${CLOSED_FORM_JOINER}${c.term}`;
    // a compound of stop words (over-all, further-more) is a word of its own
    else out.push(c.term);
    // its surface keeps the hyphen: a term only ever written hyphenated is no typo's correction
    onWord?.(c.term, fold(text.slice(c.start, c.end)));
  }
  // a French or Spanish passage's words also ride with their own language's stem (languageTerm)
  const lang = languages ? textLanguage(text) : null;
  if (lang) {
    for (let i = 0; i < starts.length; i++) {
      const t = languageTerm(lang, text.slice(starts[i]!, ends[i]!));
      if (t) out[i] = `${out[i]!}${CLOSED_FORM_JOINER}${t}`;
    }
  }
  return out;
}

/** Joins a compound slot's closed term and its parts in a phrase's terms ({@link phraseReading}). */
export const PHRASE_SLOT = '\u0001';
/** Joins a phrase word's term and its exact form in a phrase's terms ({@link phraseReading}, {@link Token.exact}). */
export const PHRASE_EXACT = '\u0002';

/**
 * Whether a text may hold a word of this term written with other letters, or none: a sign read as a
 * word ("%" as percent, "°C" as degrees Celsius) or an ordinal in digits ("20th" as twentieth).
 * Such a word's exact form is not in the text (src/search/phrase-scan.ts looks for it there).
 */
export function writtenOtherwise(term: string): boolean {
  if (!otherwise) {
    otherwise = new Set([PERCENT, 'degrees', 'celsius', 'fahrenheit'].map((w) => analyzeWord(w)!.term));
    for (let n = 1; n <= 100; n++) otherwise.add(analyzeWord(`${n}${ordinalSuffix(n)}`)!.term);
  }
  return otherwise.has(term);
}
let otherwise: Set<string> | undefined;

/**
 * A query's phrase as search, trends and follows read it ({@link phraseReading}, `slot` telling which
 * typed compounds are slots): a quoted phrase of two words or more, or a hyphenated compound, holds
 * its words in the forms typed; a `+word` and a quoted single word meet every form of their stem,
 * as an unquoted word does: the index holds stems, so finding one form of a common stem
 * (`"nationally"`: 427 of the 150,000 passages holding "nation") would mean reading every passage
 * that holds the stem.
 */
export function readQueryPhrase(p: { raw: string; quoted?: true }, slot: (term: string) => boolean): PhraseReading {
  const read = phraseReading(p.raw, slot);
  const typed = p.quoted === true && (read.terms.length > 1 || read.compounds.length > 0);
  return typed ? read : { ...read, terms: read.terms.map(inAnyForm) };
}

/** A phrase's term (a word or a compound slot) without the exact forms its words carry: held in any form. */
export function inAnyForm(t: string): string {
  if (!t.includes(PHRASE_EXACT)) return t;
  return t.includes(PHRASE_SLOT)
    ? t
        .split(PHRASE_SLOT)
        .map((w) => phraseWord(w).term)
        .join(PHRASE_SLOT)
    : phraseWord(t).term;
}

/** A phrase word ({@link PHRASE_EXACT}, not a compound slot) as its term and the exact form it carries. */
interface PhraseWord {
  term: string;
  form: string | undefined;
}
function phraseWord(t: string): PhraseWord {
  const i = t.indexOf(PHRASE_EXACT);
  return i < 0 ? { term: t, form: undefined } : { term: t.slice(0, i), form: t.slice(i + 1) };
}

/** A quoted phrase as the matcher reads it ({@link phraseReading}). */
export interface PhraseReading {
  /**
   * Its terms in order, stop words included; a compound slot is `closed␁part␁part` ({@link PHRASE_SLOT});
   * a plain word its term and its exact form, `term␂form` ({@link PHRASE_EXACT}): the phrase holds where
   * the word is written in that form, singular or plural ("developing countries" not in "developed countries").
   */
  terms: string[];
  /** Its indexed (non-stop) words outside the compound slots. */
  content: string[];
  /** Its compound slots: the closed term and the indexed parts (a passage holds one or all of them). */
  compounds: Array<{ term: string; parts: string[] }>;
}

/**
 * A quoted phrase's terms, with each hyphenated compound for which `slot(term)` holds read as a
 * slot: the compound closed or as written. The phrase matcher ({@link phraseMatches}) takes a slot
 * for the closed term, for a compound in the text read closed, or for its parts in a row, so
 * "international co-operation" holds in "international cooperation", "international co-operation"
 * and "international co operation" alike.
 */
export function phraseReading(raw: string, slot: (term: string) => boolean): PhraseReading {
  const toks = tokens(raw);
  const found = typedCompounds(raw).filter((k) => slot(k.term));
  const out: PhraseReading = { terms: [], content: [], compounds: [] };
  let k = 0;
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i]!;
    while (k < found.length && found[k]!.end <= t.start) k++;
    const compound = found[k];
    if (compound && t.start === compound.start) {
      // each with its exact form: `"self-determined"` is not held in "self-determination"
      const withForm = (term: string, exact: string | undefined): string => (exact === undefined ? term : term + PHRASE_EXACT + exact);
      out.terms.push(
        [withForm(compound.term, compound.exact), ...compound.written.map((t, w) => withForm(t, compound.writtenExacts[w]))].join(PHRASE_SLOT),
      );
      out.compounds.push({ term: compound.term, parts: compound.parts });
      i += compound.written.length - 1;
      continue;
    }
    out.terms.push(t.exact === undefined ? t.term : t.term + PHRASE_EXACT + t.exact);
    if (!t.stop) out.content.push(t.term);
  }
  return out;
}

/** A hyphenated compound typed in a query ({@link typedCompounds}). */
export interface TypedCompound {
  /** Its closed term and its span in the typed text. */
  term: string;
  start: number;
  end: number;
  /** Its words' terms as written, stop words included (`follow-up`: follow, up). */
  written: string[];
  /** Its words' exact forms ({@link Token.exact}), one per written term. */
  writtenExacts: Array<string | undefined>;
  /** Its closed word's exact form. */
  exact?: string;
  /** Its indexed parts: the written terms less the stop words (`follow-up`: follow). */
  parts: string[];
}

/** The hyphenated compounds of a query's text ({@link compoundTerms}) with their words: how the parser and phrases read them. */
export function typedCompounds(raw: string): TypedCompound[] {
  return compoundTerms(raw).map((k) => {
    const toks = tokens(raw.slice(k.start, k.end));
    return { ...k, written: toks.map((t) => t.term), writtenExacts: toks.map((t) => t.exact), parts: toks.filter((t) => !t.stop).map((t) => t.term) };
  });
}

/** A phrase's terms with each compound slot ({@link phraseReading}) spelled out: its closed term and its parts. */
export function phraseTerms(phrase: readonly string[]): string[] {
  return phrase.flatMap((t) => inAnyForm(t).split(PHRASE_SLOT));
}

/** The indexed term for one query word, or null when it is a stop word or empty. */
export function queryTerm(word: string): string | null {
  const a = analyzeWord(word);
  if (!a || a.stop) return null;
  return a.term;
}
