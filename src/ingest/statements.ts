/**
 * Who is speaking. A verbatim record (GA, SC, ECOSOC, CND plenary, committees) is a sequence of
 * statements, each opened by a speaker turn — "Mr. Duque Márquez (Colombia): …", "The President: …",
 * "Mrs. X (Mexico) (spoke in Spanish): …", "M. X (Colombie) (parle en espagnol) : …". A report may
 * narrate statements — "the representative of the civil society organization Center for Governance
 * Research (CGR) from Pakistan stated that …". This module reads both from a document's paragraphs
 * (pure: no I/O) and says which paragraph belongs to which statement; src/ingest/passages.ts keeps
 * statements apart when it makes passages, and {@link statementRanges} turns the result into the
 * document's `statements`.
 *
 * When it acts: a document whose metadata names a speaker is one speaker's statement (the UN General
 * Debate Corpus, a delegation's speech) and is never split. Otherwise a document is read as a record
 * when its symbol is a meeting record's (`A/71/PV.1`, `S/PV.8699`, `E/2021/SR.5`) or when at least
 * three paragraphs open with a speaker turn, from at least two speakers. Narrated statements are read
 * only in documents that are neither records nor one speaker's statement (reports).
 */
import { offsetIn, takeSlicePages } from './page-breaks.ts';
import type { DocumentMeta, ExtractedParagraph, Passage, Statement } from '../types.ts';
import type { AttributedPassage } from './passages.ts';
import { normalizeCountry } from './country.ts';
import { COUNTRIES } from './country-table.ts';
import { isoDay } from './dates.ts';
import { ordinalWord } from '../text/ordinals.ts';

/** What a speaker turn's opening line says. */
export interface TurnHead {
  /** "Mr. Duque Márquez", "The President", "The Acting President", "M. Dupont". */
  speaker: string;
  /** The first parenthesis when it names no language: "Colombia", "European Union". */
  represents?: string;
  /** "on behalf of the Group of 77 and China" → "the Group of 77 and China". */
  onBehalfOf?: string;
  /** Any other words between the parenthesis and the colon ("Co-Chair of the …"). */
  post?: string;
  /** The language note as written: "spoke in Spanish", "interpretation from French", "parle en espagnol". */
  languageNote?: string;
  /** Code of the language the note names: "es". */
  language?: string;
  /** Characters of the opening, up to and including the colon. */
  length: number;
}

/** A paragraph with the statement it belongs to (an index into the heads), as toPassages takes it. */
export interface AttributedParagraph extends ExtractedParagraph {
  statement?: number;
  /** Another part of the previous paragraph (a narrated statement cut out of it): same ¶ number. */
  sameParagraph?: boolean;
}

/** A statement before its passages are known. */
export type StatementHead = Omit<Statement, 'first' | 'last' | 'page' | 'pageEnd'>;

export interface Attribution {
  paragraphs: AttributedParagraph[];
  statements: StatementHead[];
  /** What the record's masthead says (body, session, meeting, date), when it was read as a record. */
  record?: RecordHeader;
}

// ------------------------------------------------------------------ speaker turns

const HONORIFIC =
  '(?:Mr|Mrs|Ms|Miss|Mme|Mlle|M|Sr|Sra|Srta|Dr|Sir|Dame|Lord|Lady|Baroness|Baron|Prince|Princess|Sheikh|Sheikha|Shaikh|Archbishop|Cardinal|Monsignor|Msgr|Bishop|Father|Sister|Judge|Ambassador|King|Queen|Emir|Rev|Г-н|Г-жа|Гн|Гжа)\\.?' +
  // heads of State and Government addressing the General Assembly: "President Duque Márquez (spoke in Spanish):"
  '|(?:Vice-|Acting )?President|(?:Deputy )?Prime Minister|Crown Prince|Grand Duke|Chancellor|Premier';
const ARABIC_HONORIFIC = '(?:السيد|السيدة)';
/** A name word: capitalised (with hyphens, apostrophes, inner capitals), or a lower-case particle. */
const NAME_WORD =
  "(?:[\\p{Lu}][\\p{L}\\p{M}'’.-]*|(?:de|da|del|della|dos|das|do|di|du|van|von|der|den|al|el|bin|ibn|bint|y|e|la|le|ter|zu|ould|wa)(?=\\s))";
const NAME = `${NAME_WORD}(?:[ \\u00a0]${NAME_WORD}){0,6}`;
const ROLES_EN =
  '(?:Acting |Temporary )?(?:President|Vice-President|Chair|Chairperson|Chairman|Chairwoman|Vice-Chair|Vice-Chairperson|Co-Chair|Secretary-General|Deputy Secretary-General|Rapporteur|Secretary)';
const ROLES_FR = '(?:Président|Présidente|Vice-Président|Vice-Présidente|Secrétaire général|Secrétaire générale)(?: par intérim)?';
const ROLES_ES = '(?:Presidente|Presidenta|Vicepresidente|Vicepresidenta|Secretario General|Secretaria General)(?: interin[oa]| Interin[oa])?';
const ROLE = `(?:The ${ROLES_EN}|(?:Le|La) ${ROLES_FR}|(?:El|La) ${ROLES_ES}|(?:Исполняющий обязанности )?Председател(?:ь|ьница|я)|Генеральный секретарь|(?:الرئيس|الرئيسة|الأمين العام)(?: بالنيابة)?)`;
/** A parenthesis ("(Colombia)", "(spoke in Spanish)"); read again by {@link parens}. */
const PAREN = '\\([^()]{2,120}\\)';
const COLON = '[ \\u00a0\\u202f]*:';
/** "… (Colombia) (spoke in Spanish), on behalf of the Group of 77 and China (spoke in Spanish):" */
const TAIL = `((?:[ \\u00a0]*${PAREN})*)(?:,[ \\u00a0]*([^:()]{3,200}?))?((?:[ \\u00a0]*${PAREN})*)${COLON}`;
const ROLE_TURN = new RegExp(`^(${ROLE})${TAIL}`, 'u');
/** Arabic has no capitals: after السيد/السيدة, up to five words. */
const ARABIC_NAME = '[\\u0621-\\u064a]+(?: [\\u0621-\\u064a]+){0,4}';
const NAMED_TURN = new RegExp(`^((?:${HONORIFIC})[ \\u00a0]+${NAME}|${ARABIC_HONORIFIC} ${ARABIC_NAME})${TAIL}`, 'u');
/** Names that are forms of address, not speakers ("Mr. President:"). */
const NOT_A_NAME = /^(?:President|Chair|Chairman|Chairperson|Secretary-General|Speaker|Président|Presidente)$/u;

const LANGUAGE_NOTE: Array<[RegExp, (m: RegExpExecArray) => string]> = [
  [/^(?:spoke|speaking) in (\p{L}+)/u, (m) => m[1]!],
  [/^(?:interpretation|translation) from (\p{L}+)/u, (m) => m[1]!],
  [/^parle en (\p{L}+)/u, (m) => m[1]!],
  [/^interprétation (?:de l['’]|du )(\p{L}+)/u, (m) => m[1]!],
  [/^habla en (\p{L}+)/u, (m) => m[1]!],
  [/^interpretación del? (\p{L}+)/u, (m) => m[1]!],
  [/^говорит по-(\p{L}+)/u, (m) => m[1]!],
  [/^تكلم(?:ت)? ب(\p{L}+)/u, (m) => m[1]!],
];

const LANGUAGE_CODES: Array<[RegExp, string]> = [
  [/^(?:english|anglais|inglés|ingles|английски|الإنكليزية|الانكليزية|الإنجليزية|الانجليزية)$/iu, 'en'],
  [/^(?:french|français|francais|francés|frances|французски|الفرنسية)$/iu, 'fr'],
  [/^(?:spanish|espagnol|español|espanol|испански|الإسبانية|الاسبانية)$/iu, 'es'],
  [/^(?:russian|russe|ruso|русски|الروسية)$/iu, 'ru'],
  [/^(?:arabic|arabe|árabe|арабски|العربية)$/iu, 'ar'],
  [/^(?:chinese|chinois|chino|китайски|الصينية)$/iu, 'zh'],
  [/^(?:portuguese|portugais|portugués)$/iu, 'pt'],
  [/^(?:german|allemand|alemán)$/iu, 'de'],
];

function languageNote(inner: string): { note: string; code?: string } | undefined {
  const text = inner.trim();
  for (const [re, name] of LANGUAGE_NOTE) {
    const m = re.exec(text);
    if (!m) continue;
    const word = name(m);
    // Arabic writes "بالإسبانية" (bi- + al-isbaniya): the table holds the word with its article.
    const code = LANGUAGE_CODES.find(([re2]) => re2.test(word) || re2.test(word.replace(/^ال?/u, 'ال')))?.[1];
    return code ? { note: text, code } : { note: text };
  }
  return undefined;
}

function parens(group: string | undefined): string[] {
  return group ? [...group.matchAll(/\(([^()]*)\)/g)].map((m) => m[1]!.trim()) : [];
}

/**
 * A turn from its parts: the bracketed notes give the language note and the country or body
 * represented (the first that is not a language); the words between the name and the colon give
 * "on behalf of …" or the speaker's post.
 */
function turnHead(speaker: string, length: number, bracketed: readonly string[], between: string | undefined): TurnHead {
  const turn: TurnHead = { speaker, length };
  for (const inner of bracketed) {
    const lang = languageNote(inner);
    if (lang) {
      turn.languageNote ??= lang.note;
      if (lang.code) turn.language ??= lang.code;
    } else if (turn.represents === undefined) turn.represents = inner.replace(/\s+/g, ' ');
  }
  if (between) {
    const behalf = /^(?:speaking |who spoke )?on behalf of (.+)$/iu.exec(between);
    if (behalf) turn.onBehalfOf = behalf[1]!.trim();
    else turn.post = between;
  }
  return turn;
}

// Compiled once: read at every paragraph of a record.
const LEADING_HONORIFIC = new RegExp(`^(?:${HONORIFIC}|${ARABIC_HONORIFIC})\\s+`, 'u');
const LEADING_LATIN_HONORIFIC = new RegExp(`^(?:${HONORIFIC})\\s+`, 'u');
const NUMBERED_ROLE = new RegExp(`^(?:\\d{1,3}\\.\\s+)?${ROLE}`, 'u');

/**
 * Reads a speaker turn at the start of `text`: "Mr. Duque Márquez (Colombia): …", "The President:
 * …", "Mrs. X (Mexico) (spoke in Spanish): …", "Mr. Akram (Pakistan), on behalf of the Group of 77
 * and China: …", "Le Président (parle en anglais) : …". Undefined when the text opens otherwise.
 */
export function parseTurn(text: string): TurnHead | undefined {
  const head = text.slice(0, 320);
  const m = ROLE_TURN.exec(head) ?? NAMED_TURN.exec(head);
  if (!m) return undefined;
  const speaker = m[1]!.replace(/\s+/g, ' ').trim();
  const name = speaker.replace(LEADING_HONORIFIC, '');
  if (NOT_A_NAME.test(name)) return undefined;
  const all = [...parens(m[2]), ...parens(m[4])];
  const between = m[3]?.replace(/\s+/g, ' ').trim();
  // A named speaker with nothing in brackets is read only when the colon follows the name closely
  // (briefers in Security Council records: "Mrs. Robinson: …").
  if (!ROLE_TURN.test(head) && all.length === 0 && (between || name.split(' ').length > 5)) return undefined;
  return turnHead(speaker, m[0].length, all, between);
}

const SUMMARY_VERB =
  '(?:said|asked|noted|stated|welcomed|recalled|expressed|stressed|emphasi[sz]ed|pointed out|observed|suggested|proposed|agreed|requested|thanked|drew attention|introduced|reiterated|underlined|announced|invited|took it|informed|wished|hoped|explained|urged|called)';
/** Summary records (`…/SR.n`) speak of the speaker: "12. Mr. Duque (Colombia), speaking on behalf of …, said that …". */
const SUMMARY_TURN = new RegExp(
  `^(?:\\d{1,3}\\.\\s+)?(${ROLE}|(?:${HONORIFIC})[ \\u00a0]+${NAME})((?:[ \\u00a0]*${PAREN})*)(?:,[ \\u00a0]*([^:()]{3,200}?),)?[ \\u00a0]+${SUMMARY_VERB}\\b`,
  'u',
);

/**
 * Reads a speaker's turn in a summary record, written in the third person: "Mr. Duque Márquez
 * (Colombia) said that …", "3. The Chair said …", "Ms. X (Mexico), speaking on behalf of the Group
 * of Friends of …, said that …". `length` is the length of the name and parentheses (the paragraph
 * keeps its text).
 */
export function parseSummaryTurn(text: string): TurnHead | undefined {
  const m = SUMMARY_TURN.exec(text.slice(0, 400));
  if (!m) return undefined;
  const speaker = m[1]!.replace(/\s+/g, ' ').trim();
  const name = speaker.replace(LEADING_LATIN_HONORIFIC, '');
  if (NOT_A_NAME.test(name)) return undefined;
  const all = parens(m[2]);
  // Someone named in passing ("Mr. X said") is not a turn: the record names a delegate with their country.
  if (all.length === 0 && !NUMBERED_ROLE.test(text)) return undefined;
  return turnHead(speaker, m[0].length, all, m[3]?.replace(/\s+/g, ' ').trim());
}

/** "I have the honour to speak on behalf of the Group of 77 and China" near a statement's start. */
const BEHALF_IN_TEXT =
  /\b(?:speak(?:s|ing)?|deliver(?:s|ing)?(?: this statement)?|make this statement|making this statement|take the floor|have the honour to speak)\s+on behalf of ((?:the )?[^.,;:]{3,120}?)(?=[.,;:]|\s+(?:and (?:in|on) my|in my national))/iu;

/** Where a turn starts inside a paragraph (after a sentence end), for text whose turns were run together. */
const INNER_TURN = new RegExp(`(?<=[.!?”"’)]\\s)(?=(?:${ROLE}|(?:${HONORIFIC})[ \\u00a0]+${NAME})[^:]{0,200}${COLON})`, 'gu');

/** Cuts `text` before every speaker turn that follows a sentence end. */
export function splitAtTurns(text: string): string[] {
  const cuts: number[] = [];
  for (const m of text.matchAll(INNER_TURN)) {
    if (m.index > 0 && parseTurn(text.slice(m.index))) cuts.push(m.index);
  }
  if (!cuts.length) return [text];
  const out: string[] = [];
  let from = 0;
  for (const c of cuts) {
    out.push(text.slice(from, c).trim());
    from = c;
  }
  out.push(text.slice(from).trim());
  return out.filter(Boolean);
}

/**
 * Words of one sentence before "was adopted": a dot that ends no sentence is passed, so that a
 * draft's symbol ("Draft resolution A/50/L.3 and Corr.1 was adopted") is read through.
 */
const IN_SENTENCE = '(?:[^.]|\\.(?!\\s|$)){0,240}';

/** Record lines that are not anyone's words: a statement ends there (votes, decisions, the meeting rising). */
const PROCEDURAL = new RegExp(
  [
    '^(?:The meeting (?:rose|was (?:called to order|suspended|adjourned|resumed|closed))\\b)',
    '^It was so decided\\b',
    '^(?:A recorded vote|A vote) was taken\\b',
    '^(?:In favour|Against|Abstaining|Abstentions)\\s*:',
    `^(?:The )?(?:draft )?(?:resolution|decision|amendment)s?\\b${IN_SENTENCE}\\bw(?:as|ere) (?:adopted|rejected)\\b`,
    `^Draft (?:resolution|decision|amendment)s?\\b${IN_SENTENCE}\\bw(?:as|ere) (?:adopted|rejected)\\b`,
    '^The (?:members of the )?(?:General )?Assembly observed a minute',
    '^The agenda was adopted\\b',
    '^(?:Agenda item|Item) \\d+\\b',
    '^Address by\\b',
    '\\bwas escorted (?:into|from) the\\b',
    '^[^.]{0,120}\\b(?:took|returned to|resumed) the Chair\\b',
    '^(?:La séance est (?:levée|ouverte|suspendue|reprise)|Il en est ainsi décidé|Se (?:levanta|abre|suspende|reanuda) la sesión|Así queda acordado|Заседание (?:закрывается|открывается)|Решение принимается)',
  ].join('|'),
  'u',
);

// ------------------------------------------------------------------ the record's masthead

/** The presiding officer's turn, whose post is who presides as the masthead names them. */
const PRESIDENT = 'The President';

/**
 * The name of who presides, for a "The President" turn the masthead names ("Mr. Thomson (Fiji)" is
 * Mr. Thomson, not the country in brackets); undefined for any other statement.
 */
export function presidingName(s: { speaker: string; post?: string | undefined }): string | undefined {
  return s.speaker === PRESIDENT && s.post ? s.post.replace(/\s*\([^)]*\)\s*$/, '') : undefined;
}

/** "President: Mr. Freitas do Amaral (Portugal)" in a record's masthead. */
const MASTHEAD_PRESIDENT = new RegExp(`\\bPresident:\\s*((?:${HONORIFIC})\\s+[^()]{2,80}?)[\\s.]*\\(([^()]{2,60})\\)`, 'u');

export interface RecordHeader {
  /** "General Assembly", "Security Council", … */
  body?: string;
  /** "71" (from "Seventy-first session"). */
  session?: string;
  /** "1st plenary meeting", "8699th meeting". */
  meeting?: string;
  /** `YYYY-MM-DD`. */
  date?: string;
  /** Who presides, as the masthead names them: "Mr. Freitas do Amaral (Portugal)". */
  president?: string;
}

const BODIES = [
  'General Assembly',
  'Security Council',
  'Economic and Social Council',
  'Commission on Narcotic Drugs',
  'Human Rights Council',
  'Trusteeship Council',
  'Commission on Crime Prevention and Criminal Justice',
  'Conference on Disarmament',
  'Commission on the Status of Women',
  'Commission for Social Development',
];
/**
 * Reads the masthead of a record's first page: the body ("General Assembly"), the session
 * ("Seventy-first session" → "71"), the meeting ("1st plenary meeting") and the date ("Tuesday,
 * 13 September 2016, 3.50 p.m.").
 */
export function readRecordHeader(paragraphs: readonly ExtractedParagraph[]): RecordHeader {
  const out: RecordHeader = {};
  for (const p of paragraphs.slice(0, 25)) {
    if (p.page !== undefined && p.page > 1) break;
    const t = p.text.replace(/\s+/g, ' ');
    if (parseTurn(t)) break;
    if (!out.body) {
      const body = BODIES.find((b) => new RegExp(`(?:^|United Nations |\\s)${b}\\b`).test(t.slice(0, 80)));
      if (body) out.body = body;
    }
    if (!out.session) {
      const s = /\b([A-Z][a-z]+(?:-[a-z]+)?) (?:session|Session|year)\b/.exec(t);
      const n = s ? ordinalWord(s[1]!) : undefined;
      if (n !== undefined && /session/i.test(s![0])) out.session = String(n);
    }
    if (!out.meeting) {
      const m = /\b(\d{1,5}(?:st|nd|rd|th) (?:plenary )?meeting)\b/i.exec(t);
      if (m) out.meeting = m[1]!;
    }
    if (!out.president) {
      // "President: Mr. Freitas do Amaral . . . . . (Portugal)" (dot leaders in older records)
      const m = MASTHEAD_PRESIDENT.exec(t);
      if (m) out.president = `${m[1]!.replace(/[\s.]+$/, '')} (${m[2]!.trim()})`;
    }
    if (!out.date) {
      const d = /\b(\d{1,2}) ([A-Z][a-z]+) (\d{4})\b/.exec(t);
      const date = d ? isoDay(d[3]!, d[2]!, d[1]!) : undefined;
      if (date) out.date = date;
    }
  }
  return out;
}

// ------------------------------------------------------------------ narrated statements (reports)

const REPORT_VERB =
  '(?:stated|said|pointed out|noted|stressed|emphasi[sz]ed|underlined|highlighted|explained|informed|reported|indicated|presented|expressed|warned|recalled|mentioned|observed|added|underscored|called)';
const ACTOR_KIND =
  '(?:(?:the )?(?:civil society organi[sz]ation|non-governmental organi[sz]ation|NGO|organi[sz]ation|association|foundation|network|institute|delegation of|Government of|Permanent Mission of|Ministry of)\\s+)';
const ACTOR_NAME = '[\\p{Lu}][^,;()]{1,100}?(?:\\s*\\([\\p{Lu}][\\p{L}\\d&.-]{1,15}\\))?';
const FROM_COUNTRY =
  "from\\s+(?:the\\s+)?(?:(?:state|State|Republic|Kingdom|Federation|Commonwealth)\\s+of\\s+(?:the\\s+)?)?([\\p{Lu}][\\p{L}'’ -]{1,60}?)(?:\\s*\\(([\\p{Lu}][\\p{L}\\d&.-]{1,15})\\))?";
/** "a representative of the civil society organization X, from the state of Y, pointed out that". */
const NARRATED = new RegExp(
  `\\b(?:an?|the)\\s+representatives?\\s+of\\s+(?:the\\s+)?${ACTOR_KIND}?(${ACTOR_NAME})(?:,?\\s+${FROM_COUNTRY})?,?\\s+(?:also\\s+|further\\s+)?${REPORT_VERB}\\b`,
  'gu',
);

export interface NarratedActor {
  /** Where the clause naming the actor starts in the paragraph. */
  index: number;
  /** "Center for Governance Research (CGR)". */
  actor: string;
  /** As written after "from": "Pakistan", "Colombia". */
  from?: string;
}

/** The actors a report says made statements, in order: "the representative of X from Y stated that …". */
export function findNarrated(text: string): NarratedActor[] {
  const out: NarratedActor[] = [];
  for (const m of text.matchAll(NARRATED)) {
    let actor = m[1]!.replace(/\s+/g, ' ').trim().replace(/,$/, '');
    if (m[3] && !actor.includes(`(${m[3]})`)) actor = `${actor} (${m[3]})`;
    const a: NarratedActor = { index: m.index, actor };
    if (m[2]) a.from = m[2].trim();
    out.push(a);
  }
  return out;
}

/** Where to cut a paragraph before the clause at `at`: after ", " / "; " / ". " before it (so "while …" opens the part). */
function clauseStart(text: string, at: number): number {
  const before = text.slice(0, at);
  const m = /(?:[,;]\s+|[.!?]\s+)(?=[^,;.!?]*$)/u.exec(before);
  return m ? m.index + m[0].length : at;
}

/** Folds a country name in any script: case, accents and punctuation away, spaces collapsed. */
function foreignKey(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[’'`]/g, ' ')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** UN official names that the ICU short names do not give ("Fédération de Russie", not "Russie"). */
const UN_NAMES: Record<string, string[]> = {
  RUS: ['Fédération de Russie', 'Federación de Rusia', 'Российская Федерация', 'الاتحاد الروسي'],
  USA: ["États-Unis d'Amérique", 'Estados Unidos de América', 'Соединенные Штаты Америки', 'الولايات المتحدة الأمريكية'],
  GBR: [
    "Royaume-Uni de Grande-Bretagne et d'Irlande du Nord",
    'Reino Unido de Gran Bretaña e Irlanda del Norte',
    'Соединенное Королевство',
    'Соединенное Королевство Великобритании и Северной Ирландии',
    'المملكة المتحدة لبريطانيا العظمى وأيرلندا الشمالية',
  ],
  IRN: ["République islamique d'Iran", 'República Islámica del Irán', 'Иран (Исламская Республика)', 'جمهورية إيران الإسلامية'],
  VEN: [
    'République bolivarienne du Venezuela',
    'República Bolivariana de Venezuela',
    'Венесуэла (Боливарианская Республика)',
    'جمهورية فنزويلا البوليفارية',
  ],
  SYR: ['République arabe syrienne', 'República Árabe Siria', 'Сирийская Арабская Республика', 'الجمهورية العربية السورية'],
  KOR: ['République de Corée', 'República de Corea', 'Республика Корея', 'جمهورية كوريا'],
  PRK: [
    'République populaire démocratique de Corée',
    'República Popular Democrática de Corea',
    'Корейская Народно-Демократическая Республика',
    'جمهورية كوريا الشعبية الديمقراطية',
  ],
  BOL: [
    'État plurinational de Bolivie',
    'Estado Plurinacional de Bolivia',
    'Боливия (Многонациональное Государство)',
    'دولة بوليفيا المتعددة القوميات',
  ],
};

const HISTORICAL_ALPHA2 = new Set(['DD', 'SU', 'YU', 'CS', 'YD', 'ZR', 'TP', 'BU', 'AN']);
let foreign: Map<string, string> | undefined;
/** Country names in French, Spanish, Russian, Arabic and Chinese (ICU's names, and UN names above) → code. */
function foreignNames(): Map<string, string> {
  if (foreign) return foreign;
  foreign = new Map();
  const names = ['fr', 'es', 'ru', 'ar', 'zh'].map((l) => new Intl.DisplayNames([l], { type: 'region' }));
  for (const c of COUNTRIES) {
    // ICU names a deprecated region code as its successor (DD → "Allemagne"): historical codes are left out
    if (!c.alpha2 || HISTORICAL_ALPHA2.has(c.alpha2)) continue;
    for (const dn of names) {
      let name: string | undefined;
      try {
        name = dn.of(c.alpha2);
      } catch {
        name = undefined;
      }
      if (name && name !== c.alpha2 && !foreign.has(foreignKey(name))) foreign.set(foreignKey(name), c.code);
    }
  }
  for (const [code, list] of Object.entries(UN_NAMES)) for (const n of list) foreign.set(foreignKey(n), code);
  return foreign;
}

/**
 * The country a parenthesis (or a "from …") names: English names and codes via the country
 * normaliser, then French, Spanish, Russian, Arabic and Chinese names ("Colombie", "Колумбия",
 * "كولومبيا"). Undefined for a body ("African Union").
 */
export function countryOf(name: string | undefined): { code: string; name: string } | undefined {
  if (!name) return undefined;
  const english = normalizeCountry(name.replace(/^(?:the )?(?:state|Republic|Kingdom) of (?:the )?/i, ''));
  if (english) return english;
  const map = foreignNames();
  const code = map.get(foreignKey(name)) ?? map.get(foreignKey(name.split(/[(,]/)[0] ?? ''));
  const entry = code ? normalizeCountry(code) : undefined;
  return entry;
}

// ------------------------------------------------------------------ the whole document

/** Tables and footnotes (records' extractor marks them `kind`) are never turns. */
function kindOf(p: ExtractedParagraph): string | undefined {
  return (p as { kind?: string }).kind;
}

function headOfTurn(turn: TurnHead, firstText: string): StatementHead {
  const h: StatementHead = { kind: 'turn', speaker: turn.speaker };
  if (turn.represents) {
    const c = countryOf(turn.represents);
    if (c) {
      h.country = c.code;
      // As the record writes it ("Libyan Arab Jamahiriya"), so the citation reads as the record does.
      h.countryName = turn.represents;
    } else h.organisation = turn.represents;
  }
  const behalf = turn.onBehalfOf ?? BEHALF_IN_TEXT.exec(firstText.slice(turn.length, turn.length + 400))?.[1]?.trim();
  // "I speak on behalf of the Marshall Islands" is the speaker's own country: nothing to add.
  if (behalf && !(h.country && countryOf(behalf)?.code === h.country)) h.onBehalfOf = behalf;
  if (turn.post) h.post = turn.post;
  if (turn.languageNote) h.languageNote = turn.languageNote;
  if (turn.language) h.language = turn.language;
  return h;
}

const RECORD_SYMBOL = /\/(?:PV|SR)\.\s?\d+/i;
const SUMMARY_SYMBOL = /\/SR\.\s?\d+/i;

/** Whether the document is read as a record of speaker turns (see the module comment). */
export function isRecord(meta: DocumentMeta, paragraphs: readonly ExtractedParagraph[]): boolean {
  if (meta.speaker) return false;
  if (meta.symbol && RECORD_SYMBOL.test(meta.symbol)) return true;
  let turns = 0;
  const speakers = new Set<string>();
  for (const p of paragraphs) {
    if (kindOf(p)) continue;
    const t = parseTurn(p.text);
    if (!t) continue;
    turns++;
    speakers.add(`${t.speaker} ${t.represents ?? ''}`);
    if (turns >= 3 && speakers.size >= 2) return true;
  }
  return false;
}

/**
 * Says which paragraph belongs to which statement. Records: every turn opens a statement that runs
 * until the next turn or a procedural line ("It was so decided.", "The meeting rose at …", a vote,
 * an agenda item); paragraphs before the first turn (the masthead) and after a procedural line
 * belong to none. Reports: each paragraph part from a narrated actor to the next one belongs to that
 * actor. A single speaker's document is returned as it came, with no statements.
 */
export function attributeStatements(meta: DocumentMeta, paragraphs: readonly ExtractedParagraph[]): Attribution {
  if (meta.speaker) return { paragraphs: [...paragraphs], statements: [] };
  if (isRecord(meta, paragraphs)) return attributeTurns(paragraphs, !!meta.symbol && SUMMARY_SYMBOL.test(meta.symbol));
  return attributeNarrated(paragraphs);
}

/** "Address by Mr. Iván Duque Márquez, President of the Republic of Colombia" / "…, was escorted into the General Assembly Hall." */
const ADDRESS = /^(?:Address by\s+(.+?)\s*$|(.+?),\s*was escorted into\b)/u;

export interface Introduced {
  /** "Mr. Iván Duque Márquez, President of the Republic of Colombia". */
  who: string;
  /** "President of the Republic of Colombia". */
  post?: string;
  country?: { code: string; name: string };
}

/**
 * Who the record introduces before a head of State or Government speaks, from "Address by …" or
 * "… was escorted into the General Assembly Hall": their name, post and the country the post names.
 */
export function readIntroduction(text: string): Introduced | undefined {
  const m = ADDRESS.exec(text.replace(/\s+/g, ' ').trim());
  const who = (m?.[1] ?? m?.[2])?.trim();
  if (!who) return undefined;
  const out: Introduced = { who };
  const comma = who.indexOf(', ');
  if (comma < 0) return out;
  const post = who.slice(comma + 2).trim();
  out.post = post;
  // "President of the Republic of Colombia": try each "of …" tail, longest first.
  for (const m2 of post.matchAll(/\bof\s+/g)) {
    const c = countryOf(post.slice(m2.index + m2[0].length));
    if (c) {
      out.country = c;
      break;
    }
  }
  return out;
}

/** The surname a turn names ("President Duque Márquez" → "Márquez"), to match it to an introduction. */
function lastName(speaker: string): string {
  return speaker.split(/\s+/).at(-1) ?? speaker;
}

function attributeTurns(paragraphs: readonly ExtractedParagraph[], summary: boolean): Attribution {
  const out: AttributedParagraph[] = [];
  const statements: StatementHead[] = [];
  let current: number | undefined;
  let introduced: Introduced | undefined;
  for (const p of paragraphs) {
    if (kindOf(p)) {
      out.push(current === undefined ? { ...p } : { ...p, statement: current });
      continue;
    }
    const parts = summary ? [p.text] : splitAtTurns(p.text);
    let cursor = 0;
    for (const part of parts) {
      const turn = summary ? parseSummaryTurn(part) : parseTurn(part);
      if (turn) {
        const head = headOfTurn(turn, part);
        // A head of State speaks with no country in brackets: the introduction says whose.
        if (introduced && !turn.represents && !ROLE_TURN.test(part) && introduced.who.includes(lastName(turn.speaker))) {
          if (introduced.country) {
            head.country = introduced.country.code;
            head.countryName = introduced.country.name;
          }
          introduced = undefined;
        }
        statements.push(head);
        current = statements.length - 1;
      } else if (PROCEDURAL.test(part)) {
        current = undefined;
        introduced = readIntroduction(part) ?? introduced;
      }
      const q: AttributedParagraph = { ...p, text: part };
      if (parts.length > 1) {
        // a turn cut out of a paragraph stands on its own pages
        const from = offsetIn(p.text, part, cursor);
        cursor = from + part.length;
        takeSlicePages(q, p, from, cursor);
      }
      if (current !== undefined) q.statement = current;
      out.push(q);
    }
  }
  const record = readRecordHeader(paragraphs);
  // "The President:" is whoever the masthead says presides (an acting president is "The Acting President")
  if (record.president) for (const h of statements) if (h.speaker === PRESIDENT && !h.post && !h.country) h.post = record.president;
  return { paragraphs: out, statements, record };
}

function attributeNarrated(paragraphs: readonly ExtractedParagraph[]): Attribution {
  const out: AttributedParagraph[] = [];
  const statements: StatementHead[] = [];
  for (const p of paragraphs) {
    const actors = kindOf(p) ? [] : findNarrated(p.text);
    if (!actors.length) {
      out.push({ ...p });
      continue;
    }
    const cuts = [0, ...actors.slice(1).map((a) => clauseStart(p.text, a.index))];
    actors.forEach((a, i) => {
      const h: StatementHead = { kind: 'reported', speaker: a.actor };
      const c = countryOf(a.from);
      if (c) {
        h.country = c.code;
        h.countryName = c.name;
      } else if (a.from) h.countryName = a.from;
      statements.push(h);
      const text = p.text.slice(cuts[i]!, cuts[i + 1] ?? p.text.length).trim();
      const q: AttributedParagraph = { ...p, text, statement: statements.length - 1 };
      if (actors.length > 1) {
        const from = offsetIn(p.text, text, cuts[i]!);
        takeSlicePages(q, p, from, from + text.length);
      }
      if (i > 0) q.sameParagraph = true;
      out.push(q);
    });
  }
  return { paragraphs: out, statements };
}

/**
 * The document's statements with their passages (first and last ordinal) and pages, from the
 * passages toPassages made of attributed paragraphs. Statements left with no passage are dropped.
 */
export function statementRanges(heads: readonly StatementHead[], passages: readonly AttributedPassage[]): Statement[] {
  const out: Statement[] = [];
  const byHead = new Map<number, Statement>();
  for (const p of passages) {
    if (p.statement === undefined) continue;
    const head = heads[p.statement];
    if (!head) continue;
    let s = byHead.get(p.statement);
    if (!s) {
      s = { ...head, first: p.ordinal, last: p.ordinal };
      byHead.set(p.statement, s);
      out.push(s);
    }
    s.last = p.ordinal;
    if (p.page !== undefined) {
      if (s.page === undefined || p.page < s.page) s.page = p.page;
      if (s.pageEnd === undefined || p.page > s.pageEnd) s.pageEnd = p.page;
    }
  }
  for (const s of out) if (s.pageEnd !== undefined && s.pageEnd === s.page) delete s.pageEnd;
  return out;
}

/** The statement passage `p` belongs to, if any. */
export function statementOf(doc: { statements?: readonly Statement[] }, p: Pick<Passage, 'ordinal'>): Statement | undefined {
  const list = doc.statements;
  if (!list?.length) return undefined;
  let lo = 0;
  let hi = list.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = list[mid]!;
    if (p.ordinal < s.first) hi = mid - 1;
    else if (p.ordinal > s.last) lo = mid + 1;
    else return s;
  }
  return undefined;
}
