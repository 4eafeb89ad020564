/**
 * Who speaks, for which country and on which day, read from the heading of a statement as
 * delegations publish them, in the six UN languages:
 *
 *   Discours de SEM Bassirou Diomaye Diakhar FAYE, Président de la République du Sénégal
 *   New York, 25 septembre 2024
 *
 * A statement file carries no metadata of its own (its PDF properties name no country), so without
 * this its passages are cited by file name only and no country or year filter finds them.
 *
 * Read only where the document calls itself a statement (its heading, or its file name, has a word
 * such as "statement", "discours", "mensaje", "выступление", "كلمة"): a report's heading also names
 * countries and dates, and there they are not who spoke.
 * - The country is the first one the heading names (in any of the six languages, Russian declined:
 *   "Республики Беларусь"); failing that, the one the file name names (`GA79_statement_Mexico_es.pdf`).
 * - The date is a day written out in the heading ("28 de septiembre de 2024", "25 сентября 2024 г.",
 *   "September 25, 2024", "26 أيلول 2024", "2024年9月25日").
 * - The session, the General Assembly's only ("79th session of the General Assembly", "79-я сессия
 *   Генеральной Ассамблеи", "الدورة 79 للجمعية العامة").
 * - The speaker only where a form of address or initials mark a name ("H.E. Mr. …", "SEM …",
 *   "М.В. Рыженков", "د. عبد الله بو حبيب"), or where a name stands between commas on the line that
 *   calls itself a statement ("Mensaje de la secretaria de Relaciones Exteriores, Alicia Bárcena
 *   Ibarra, en el …"), places and posts excepted: a guessed name would
 *   put a wrong source line under every passage.
 */
import snowball from 'snowball-stemmers';
import { COUNTRIES } from './country-table.ts';
import { countryByName, countryKey } from './country.ts';
import { isoDay, MONTH_NAMES } from './dates.ts';

export interface StatementHeading {
  /** ISO alpha-3 code. */
  country?: string;
  /** yyyy-mm-dd */
  date?: string;
  speaker?: string;
  /** The session's number ("79th session", "79e session", "79° periodo de sesiones", "79-я сессия"). */
  session?: string;
  /** The line that calls the document a statement, as written ("Discours de SEM …"), for a title. */
  title?: string;
}

/** Longest title taken from a heading line; a longer line is cut after a word, with "…". */
const MAX_TITLE = 160;

/** The languages other than English whose country and month names a heading may use. */
const LANGUAGES = ['fr', 'es', 'ru', 'ar', 'zh'] as const;

/** How far into a document its heading may run. */
const MAX_PARAGRAPHS = 10;
const MAX_CHARS = 900;
const MAX_PAGE = 2;
/**
 * Where the salutation opening the speech starts in a (folded) paragraph, -1 for none: at its
 * start, or after a stop or a year ("… 26 أيلول 2024 سعادة السيد …"). Inside a title it is the
 * speaker's ("Discours de Son Excellence Monsieur le Président de la République du Sénégal",
 * "كلمة سعادة السفير …"), not the salutation.
 */
function salutationAt(folded: string): number {
  for (const m of folded.matchAll(SALUTATIONS)) {
    const before = folded.slice(0, m.index).replace(/[\s\p{P}\p{S}]+$/u, '');
    if (before === '' || /[.!?:;]\s*$/.test(folded.slice(0, m.index)) || /\d{4}$/.test(before)) return m.index;
  }
  return -1;
}

/** A heading line is short: a longer paragraph is the speech. */
const MAX_LINE = 400;

/** A word saying the document is a statement, spoken or delivered (folded, see {@link foldHeading}). */
const STATEMENT_WORDS =
  /(?<!\p{L})(?:statement|speech|address|remarks|intervention|declaration|discours|allocution|mensaje|discurso|intervencion|declaracion|palabras|выступление|заявление|речь|обращение|كلمة|بيان|خطاب)(?!\p{L})|发言|讲话|致辞/u;

/** A word that may stand before the statement word: "Joint statement", "Opening remarks", "Déclaration liminaire" needs none. */
const QUALIFIER = /^(?:joint|opening|closing|concluding|introductory|keynote|national|general|final|written)\s+/u;

/** Where the speech itself begins: the salutation ends the heading. */
const SALUTATION_WORDS =
  /(?<!\p{L})(?:mr\.? president|madam president|mr\.? chair(?:man|person)?|madam chair|your excellenc|excellencies|monsieur le president|madame la presidente|mesdames et messieurs|senor presidente|senora presidenta|senoras y senores|queridos delegados|господин председатель|госпожа председатель|уважаемый|уважаемые|السيد الرئيس|سعادة)|主席先生/u;
const SALUTATIONS = new RegExp(SALUTATION_WORDS.source, 'gu');

/**
 * Text folded for matching: lower case, Latin accents off, Arabic letter variants and vowel signs
 * folded (the Persian yeh and keheh some Arabic fonts map to, alef forms, tatweel), "ё" as "е".
 */
function foldHeading(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/(\p{Script=Latin})[\u0300-\u036f]+/gu, '$1')
    .normalize('NFC')
    .replace(/[\u064b-\u065f\u0670\u0640]/g, '')
    .toLowerCase()
    .replace(/[یى]/g, 'ي')
    .replace(/ک/g, 'ك')
    .replace(/[أإآ]/g, 'ا')
    .replace(/ё/g, 'е')
    .replace(/[’‘`´]/g, "'");
}

const russian = snowball.newStemmer('russian');

/** A heading's words, each with the form it is compared by: Cyrillic words by their Russian stem (a name is declined). */
interface Word {
  text: string;
  stem: string;
}

function wordsOf(folded: string): Word[] {
  const out: Word[] = [];
  for (const m of folded.matchAll(/[\p{L}\p{N}]+(?:'[\p{L}]+)?/gu)) {
    const text = m[0];
    out.push({ text, stem: /\p{Script=Cyrillic}/u.test(text) ? russian.stem(text) : text });
  }
  return out;
}

/** One word of a name matches a heading word as written, or by a shared Russian stem of at least four letters ("Мали" is no "малых"). */
function sameWord(name: Word, word: Word): boolean {
  if (name.text === word.text) return true;
  if (/\p{Script=Arabic}/u.test(name.text)) {
    // Arabic joins "and", "for", "in" to the word: ولبنان, للسنغال (ل + السنغال)
    return word.text === `و${name.text}` || word.text === `ب${name.text}` || (name.text.startsWith('ال') && word.text === `ل${name.text.slice(1)}`);
  }
  return name.stem.length >= 4 && name.stem === word.stem;
}

interface CountryName {
  code: string;
  words: Word[];
  /** Chinese names are found as characters (no spaces between words). */
  han?: string;
}

/** UN names the locale data spells otherwise (the UN's "Bélarus", "État de Palestine", "Fédération de Russie" …). */
const UN_NAMES: Readonly<Record<string, readonly string[]>> = {
  BLR: ['Bélarus', 'Belarús'],
  PSE: ['État de Palestine', 'Estado de Palestina', 'Государство Палестина', 'Палестина', 'دولة فلسطين', 'فلسطين', '巴勒斯坦国', 'Palestine'],
  RUS: ['Fédération de Russie', 'Federación de Rusia', 'Российская Федерация', 'الاتحاد الروسي', '俄罗斯联邦'],
  USA: ["États-Unis d'Amérique", 'Estados Unidos de América', 'Соединенные Штаты Америки', 'الولايات المتحدة الأمريكية', '美利坚合众国'],
  GBR: ['Royaume-Uni de Grande-Bretagne', 'Reino Unido de Gran Bretaña', 'Соединенное Королевство', 'المملكة المتحدة'],
  KOR: ['République de Corée', 'República de Corea', 'جمهورية كوريا', '大韩民国'],
  PRK: ['République populaire démocratique de Corée', 'República Popular Democrática de Corea', 'Корейская Народно-Демократическая Республика'],
  SYR: ['République arabe syrienne', 'República Árabe Siria', 'Сирийская Арабская Республика', 'الجمهورية العربية السورية'],
  IRN: ["République islamique d'Iran", 'República Islámica del Irán', 'Исламская Республика Иран', 'جمهورية إيران الإسلامية'],
  VEN: ['République bolivarienne du Venezuela', 'República Bolivariana de Venezuela'],
  BOL: ['État plurinational de Bolivie', 'Estado Plurinacional de Bolivia'],
  MDA: ['République de Moldova', 'República de Moldova', 'Республика Молдова'],
  TZA: ['République-Unie de Tanzanie', 'República Unida de Tanzanía'],
  LAO: ['République démocratique populaire lao', 'República Democrática Popular Lao'],
  CHN: ['中华人民共和国', 'République populaire de Chine', 'República Popular China', 'Китайская Народная Республика', 'جمهورية الصين الشعبية'],
  MEX: ['Estados Unidos Mexicanos', 'United Mexican States', 'États-Unis du Mexique'],
  VNM: ['Viet Nam'],
  TUR: ['Türkiye'],
  CIV: ["Côte d'Ivoire"],
};

let countryNames: CountryName[] | undefined;

/**
 * Country names that are also common words where a heading would have them: "America" (Latin
 * America is no country), Russian "того" ("of that"; Togo).
 */
const COMMON_WORDS = new Set(['america', 'того']);

/** Every country's names: the UN's English name and its variants, the locale's name in each language, and {@link UN_NAMES}. */
function allCountryNames(): CountryName[] {
  if (countryNames) return countryNames;
  const names: CountryName[] = [];
  const seen = new Set<string>();
  const add = (code: string, name: string): void => {
    const folded = foldHeading(name);
    const key = `${code}|${folded}`;
    if (!folded.trim() || seen.has(key)) return;
    seen.add(key);
    if (/\p{Script=Han}/u.test(folded)) names.push({ code, words: [], han: folded.replace(/\s+/g, '') });
    else names.push({ code, words: wordsOf(folded) });
  };
  const display = LANGUAGES.map((lang) => new Intl.DisplayNames([lang], { type: 'region', fallback: 'none' }));
  for (const c of COUNTRIES) {
    add(c.code, c.name);
    for (const alias of c.aliases) add(c.code, alias);
    if (!c.alpha2) continue;
    for (const d of display) {
      const name = d.of(c.alpha2);
      if (name) add(c.code, name);
    }
  }
  for (const [code, list] of Object.entries(UN_NAMES)) for (const name of list) add(code, name);
  countryNames = names.filter(
    (n) =>
      n.han ||
      (n.words.length > 0 &&
        !(n.words.length === 1 && COMMON_WORDS.has(n.words[0]!.text)) &&
        n.words.some((w) => w.text.length >= 4 || /[^\p{Script=Latin}]/u.test(w.text))),
  );
  return countryNames;
}

/** A group whose name holds a country's: China in "the Group of 77 and China" is not who speaks. */
const GROUP_NAMES =
  /group of 77 and china|groupe des 77 et (?:de )?la chine|grupo de los 77 y china|группы? 77 и китая?|مجموعة ال ?77 والصين|77国集团和中国/gu;

/** The first country the text names (the longest name where two start at one word), or undefined. */
export function firstCountryNamed(text: string): string | undefined {
  const folded = foldHeading(text).replace(GROUP_NAMES, ' ');
  const words = wordsOf(folded);
  let best: { at: number; length: number; code: string; exact?: boolean } | undefined;
  for (const name of allCountryNames()) {
    if (name.han) {
      const at = folded.replace(/\s+/g, '').indexOf(name.han);
      // Chinese positions are counted in characters, other scripts' in words: a heading is in one script
      if (at >= 0 && (!best || at < best.at || (at === best.at && name.han.length > best.length)))
        best = { at, length: name.han.length, code: name.code };
      continue;
    }
    const n = name.words.length;
    for (let i = 0; i + n <= words.length; i++) {
      if (best && i > best.at) break;
      if (!name.words.every((w, k) => sameWord(w, words[i + k]!))) continue;
      // the longest name starting there; between two as long, the one written as the text writes
      // it over one matched by its stem ("Нигерия" is Nigeria, though Niger's "Нигер" stems alike)
      const exact = name.words.every((w, k) => w.text === words[i + k]!.text);
      if (!best || i < best.at || (i === best.at && (n > best.length || (n === best.length && exact && !best.exact))))
        best = { at: i, length: n, code: name.code, exact };
      break;
    }
  }
  return best?.code;
}

/** The country a file name names, as a run of its parts (`GA79_statement_Mexico_es`, `State-of-Palestine`); undefined for none or two. */
export function countryOfFileName(fileName: string): string | undefined {
  const stem = fileName.replace(/^.*[\\/]/, '').replace(/\.[^.]+$/, '');
  const parts = stem.split(/[_\s.]+/).filter(Boolean);
  const found = new Set<string>();
  for (let i = 0; i < parts.length; i++) {
    for (let n = Math.min(4, parts.length - i); n >= 1; n--) {
      const name = parts
        .slice(i, i + n)
        .join(' ')
        .replace(/-/g, ' ');
      // names only, never a code: "es", "ar" and "ru" are language tags here, not Spain or Argentina
      if (countryKey(name).replace(/ /g, '').length < 4) continue;
      const c = countryByName(name);
      if (c) {
        found.add(c.code);
        i += n - 1;
        break;
      }
    }
  }
  return found.size === 1 ? [...found][0] : undefined;
}

/** Month names, folded, with their number (1–12): each language's names in their "day month" form, Arabic's Levantine names too. */
const MONTHS: ReadonlyMap<string, number> = (() => {
  const m = new Map<string, number>();
  MONTH_NAMES.forEach((name, i) => m.set(name, i + 1));
  for (const lang of ['fr', 'es', 'ru', 'ar'] as const) {
    const f = new Intl.DateTimeFormat(lang, { day: 'numeric', month: 'long', timeZone: 'UTC' });
    for (let i = 0; i < 12; i++) {
      const part = f.formatToParts(new Date(Date.UTC(2024, i, 15))).find((p) => p.type === 'month');
      if (part) m.set(foldHeading(part.value), i + 1);
    }
  }
  m.set('setiembre', 9);
  const levantine = ['كانون الثاني', 'شباط', 'آذار', 'نيسان', 'أيار', 'حزيران', 'تموز', 'آب', 'أيلول', 'تشرين الأول', 'تشرين الثاني', 'كانون الأول'];
  levantine.forEach((name, i) => m.set(foldHeading(name), i + 1));
  return m;
})();

const MONTH_ALTERNATION = [...MONTHS.keys()]
  .sort((a, b) => b.length - a.length)
  .map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
  .join('|');
/** "25 septembre 2024", "28 de septiembre de 2024", "25 сентября 2024", "26 أيلول 2024" */
const DAY_MONTH_YEAR = new RegExp(
  `(?<![\\p{L}\\p{N}])(\\d{1,2})(?:er|º|°|st|nd|rd|th)?\\s+(?:de\\s+|of\\s+)?(${MONTH_ALTERNATION})\\s+(?:de\\s+|del\\s+)?(\\d{4})(?!\\d)`,
  'u',
);
/** "September 25, 2024" */
const MONTH_DAY_YEAR = new RegExp(`(?<![\\p{L}\\p{N}])(${MONTH_ALTERNATION})\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})(?!\\d)`, 'u');
/** "2024 أيلول 26": an Arabic line whose numbers the right-to-left reading put in the other order */
const YEAR_MONTH_DAY = new RegExp(`(?<![\\p{L}\\p{N}])(\\d{4})\\s+(${MONTH_ALTERNATION})\\s+(\\d{1,2})(?!\\d)`, 'u');
const HAN_DATE = /(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日/u;

function dayOf(year: string, month: number, day: string): string | undefined {
  const name = MONTH_NAMES[month - 1];
  return name === undefined ? undefined : isoDay(year, name, day);
}

/**
 * The last day the (folded) text writes out, as yyyy-mm-dd: a heading's place and date line comes
 * after its title, which may name another day ("… on the fiftieth anniversary, 24 October 1995 …
 * New York, 24 October 2020").
 */
export function lastDateWritten(text: string): string | undefined {
  const folded = foldHeading(text);
  const found: Array<{ at: number; date: string | undefined }> = [];
  const all = (re: RegExp) => folded.matchAll(new RegExp(re.source, 'gu'));
  for (const m of all(DAY_MONTH_YEAR)) found.push({ at: m.index, date: dayOf(m[3]!, MONTHS.get(m[2]!)!, m[1]!) });
  for (const m of all(MONTH_DAY_YEAR)) found.push({ at: m.index, date: dayOf(m[3]!, MONTHS.get(m[1]!)!, m[2]!) });
  for (const m of all(YEAR_MONTH_DAY))
    if (/\p{Script=Arabic}/u.test(m[2]!)) found.push({ at: m.index, date: dayOf(m[1]!, MONTHS.get(m[2]!)!, m[3]!) });
  for (const m of all(HAN_DATE)) found.push({ at: m.index, date: dayOf(m[1]!, Number(m[2]), m[3]!) });
  return found.filter((f) => f.date).sort((a, b) => b.at - a.at)[0]?.date;
}

/** A weekday a date line opens with: "Monday,", "lundi", "lunes" (folded). */
const WEEKDAY =
  /(?<!\p{L})(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|lunes|martes|miercoles|jueves|viernes|sabado|domingo)(?!\p{L})/gu;
/** An hour a date line gives: "10 a.m.", "3.15 p.m.", "12:00 hrs.", "10h00", "noon". */
const HOUR = /(?<![\p{L}\p{N}])(?:\d{1,2}(?:[.:h]\d{2})?\s*(?:a\.\s?m\.?|p\.\s?m\.?|am|pm|hrs?\.?|h)(?!\p{L})|\d{1,2}[.:h]\d{2}|noon|midi)/gu;

/**
 * Whether a line only writes a day, as a masthead or a letterhead dates a document ("18 December
 * 2024", "Monday, 13 January 2020, 10 a.m.", "25 septembre 2024", "28 de septiembre de 2024"):
 * a day written out, maybe with its weekday and hour, and nothing else.
 */
export function isDateLine(text: string): boolean {
  if (text.length > 60) return false;
  const folded = foldHeading(text);
  if (!lastDateWritten(folded)) return false;
  const rest = folded
    .replace(new RegExp(DAY_MONTH_YEAR.source, 'gu'), ' ')
    .replace(new RegExp(MONTH_DAY_YEAR.source, 'gu'), ' ')
    .replace(WEEKDAY, ' ')
    .replace(HOUR, ' ')
    .replace(/(?<!\p{L})(?:at|a|le|el|the)(?!\p{L})/gu, ' ');
  return /^[\s\p{P}]*$/u.test(rest);
}

/** A session's number in a (folded) heading, in the languages whose word order puts the number first. */
const SESSION =
  /(?<![\p{L}\p{N}])(\d{1,3})(?:st|nd|rd|th|e|eme|ème|°|º|-я|-й|-ая|-ой)?\s+(?:(?:ordinary|regular|ordinaire)\s+)?(?:session|periodo\s+(?:ordinario\s+)?de\s+sesiones|сесси[яи])(?!\p{L})/u;

/** "الدورة 79": the number after the word, as Arabic writes it. */
const ARABIC_SESSION = /(?<!\p{L})(?:لل|ل|ب)?الدورة\s+(\d{1,3})(?!\d)/u;

/** The session a heading names, or undefined. */
function sessionNamed(folded: string): string | undefined {
  for (const re of [SESSION, ARABIC_SESSION]) {
    for (const m of folded.matchAll(new RegExp(re.source, 'gu'))) {
      // the General Assembly's, as the library's sessions are (not "the 69th session of the CSW")
      const after = folded.slice(m.index + m[0].length, m.index + m[0].length + 60);
      if (Number(m[1]) > 0 && GENERAL_ASSEMBLY.test(after)) return String(Number(m[1]));
    }
  }
  return undefined;
}

/** The General Assembly, named right after a session's number. */
const GENERAL_ASSEMBLY =
  /^[\s\p{P}]*(?:(?:ordinaire|ordinary|regular|ordinario)\s+)?(?:(?:of|de|del|des)\s+)?(?:the\s+|la\s+|l')?(?:united nations\s+|naciones unidas\s+|nations unies\s+)?(?:general assembly|assemblee generale|asamblea general|генеральной ассамблеи|للجمعية العامة|الجمعية العامة)/u;

/** A capitalised name word: "Alicia", "Bárcena", "FAYE", "Ki-moon", "O'Brien". */
const NAME_WORD = String.raw`\p{Lu}[\p{L}'’-]*`;
/** Name particles: "de", "del", "van", "bin", "al-"… */
const PARTICLE = String.raw`(?:de|del|de la|da|do|dos|van|von|der|bin|ibn|al|el|le|la)`;
const NAME = String.raw`${NAME_WORD}(?:[ \t]+(?:${PARTICLE}[ \t]+)?${NAME_WORD}){1,4}`;
/** A form of address before a name: "H.E. Mr.", "His Excellency", "SEM", "S.E. M.", "Excmo. Sr.", "Dr." */
const HONORIFIC = String.raw`(?:(?:H\.\s?E\.|S\.\s?E\.(?:\s?M\.)?|SEM|His Excellency|Her Excellency|Son Excellence|Excmo\.|Excma\.)\s+(?:(?:Mr|Mrs|Ms|Dr|M|Mme|Sr|Sra)\.?\s+)?|(?:Mr|Mrs|Ms|Dr|Mme|Sr|Sra)\.\s+)`;
const AFTER_HONORIFIC = new RegExp(`(?<![\\p{L}])${HONORIFIC}(${NAME})`, 'u');
/** ", Alicia Bárcena Ibarra," after a post, a statement word before it */
const BETWEEN_COMMAS = new RegExp(`,\\s+(${NAME}),`, 'u');
/** An Arabic heading's "Dr." before a name: "د. عبد الله بو حبيب", "الدكتور …". */
const ARABIC_TITLE = /(?<!\p{L})(?:د\.|الدكتور|الدكتورة)\s+/u;
/** Words that end an Arabic name in a heading: "before", "at", "to", "in", "on behalf of", "the session" … (folded forms and as written). */
const AFTER_ARABIC_NAME = new Set([
  'أمام',
  'امام',
  'في',
  'إلى',
  'الى',
  'على',
  'عن',
  'باسم',
  'خلال',
  'حول',
  'للجمعية',
  'الجمعية',
  'الدورة',
  'رئيس',
  'وزير',
]);

/** The two to five Arabic words after "د." in a heading, up to a word that starts what follows the name. */
function arabicNameAfterTitle(heading: string): string | undefined {
  const m = ARABIC_TITLE.exec(heading);
  if (!m) return undefined;
  const words: string[] = [];
  for (const w of heading.slice(m.index + m[0].length).split(/\s+/)) {
    if (!/^\p{Script=Arabic}+$/u.test(w) || AFTER_ARABIC_NAME.has(w) || AFTER_ARABIC_NAME.has(foldHeading(w)) || words.length === 5) break;
    words.push(w);
  }
  return words.length >= 2 ? words.join(' ') : undefined;
}

/** Russian initials and surname: "М.В.Рыженкова", "С.В. Лавров" */
const INITIALS = /(?<!\p{L})(\p{Lu}\.\s?\p{Lu}\.)\s?(\p{Lu}\p{Ll}+(?:-\p{Lu}\p{Ll}+)?)/u;
const CYRILLIC = /^\p{Script=Cyrillic}/u;

/** Words a name between commas must not hold: a post or a body, not a person ("Relaciones Exteriores", "United Nations"). */
const NOT_A_NAME =
  /(?<!\p{L})(?:Minist|Ministry|Ministre|Ministro|President|Présid|Presid|Secretar|Affairs|Relations|Relaciones|Exteriores|Étrangères|Asamblea|Assembly|Assemblée|Nations|Naciones|Republic|République|República|Kingdom|Royaume|Reino|Government|Gobierno|Gouvernement|General|Session|Sesión|Debate|Council|Conseil|Consejo|Represent|Représent|Ambassad|Embajad|Mission|Misión|Delegat|Délégat|Delegac|Permanent|Permanente|York|Nueva|Geneva|Genève|Ginebra|Vienna|Vienne|Viena|Nairobi|Plenary|Plenario)/u;

/** The speaker a heading names by a form of address, initials, or between commas (see the module's comment). */
function speakerNamed(heading: string): string | undefined {
  const honorific = AFTER_HONORIFIC.exec(heading);
  if (honorific && !NOT_A_NAME.test(honorific[1]!)) return tidyName(honorific[1]!);
  const arabic = arabicNameAfterTitle(heading);
  if (arabic) return arabic;
  const initials = INITIALS.exec(heading);
  if (initials && CYRILLIC.test(initials[1]!) && CYRILLIC.test(initials[2]!)) {
    return `${initials[1]!.replace(/\.\s?/g, '. ').trim()} ${nominative(initials[2]!, heading.slice(0, initials.index))}`;
  }
  // between commas only on the line that calls itself a statement, after its statement word
  const titled = heading.split('\n').find((line) => STATEMENT_WORDS.test(foldHeading(line)));
  const opening = titled === undefined ? -1 : foldHeading(titled).search(STATEMENT_WORDS);
  const between = titled === undefined ? null : BETWEEN_COMMAS.exec(titled.slice(Math.max(0, opening)));
  if (between && !NOT_A_NAME.test(between[1]!)) return tidyName(between[1]!);
  return undefined;
}

/** A post in the genitive ("Выступление Министра …": the speech of the Minister), whose holder's name is declined with it. */
const GENITIVE_POST = /(?<!\p{L})(?:министра|президента|председателя|заместителя|представителя|премьер-министра|посла|главы)(?!\p{L})/iu;

/**
 * A Russian surname as a citation gives it, in the nominative: after a post in the genitive, a
 * man's "-ова", "-ева", "-ина" is "-ов", "-ев", "-ин" ("Министра … М.В.Рыженкова": Рыженков). A
 * woman's name would read "-овой" there, which is left as printed.
 */
function nominative(surname: string, before: string): string {
  return GENITIVE_POST.test(before) && /(?:ов|ев|ёв|ин|ын)а$/u.test(surname) ? surname.slice(0, -1) : surname;
}

/** "Bassirou Diomaye Diakhar FAYE" → "Bassirou Diomaye Diakhar Faye": a surname set in capitals, as a citation writes it. */
function tidyName(name: string): string {
  return name
    .split(/\s+/)
    .map((w) => (w.length > 1 && w === w.toUpperCase() && /\p{Lu}/u.test(w) ? w.charAt(0) + w.slice(1).toLowerCase() : w))
    .join(' ');
}

/**
 * The heading: the short paragraphs a document opens with (title lines, place and date), up to the
 * salutation that opens the speech or the first paragraph of running text, as written (for the
 * speaker's name) and folded (for matching). `titled` when one of its lines opens with a statement
 * word ("Statement by …", "*** Discours de …", "ВЫСТУПЛЕНИЕ …").
 */
function headingOf(paragraphs: ReadonlyArray<{ text: string; page?: number }>): {
  text: string;
  folded: string;
  titled: boolean;
  /** The paragraph the salutation opening the speech is in, when one ends the heading. */
  salutation?: number;
  /** Where the salutation starts in that paragraph's folded text (0: the paragraph opens with it). */
  salutationCut?: number;
  /** The first line that opens with a word such as "statement", as written. */
  titleLine?: string;
} {
  let titleLine: string | undefined;
  const raw: string[] = [];
  const folded: string[] = [];
  let titled = false;
  let chars = 0;
  let salutation: number | undefined;
  let salutationCut = 0;
  for (const [i, p] of paragraphs.slice(0, MAX_PARAGRAPHS).entries()) {
    if ((p.page ?? 1) > MAX_PAGE) break;
    const f = foldHeading(p.text);
    const cut = salutationAt(f);
    const head = cut >= 0 ? f.slice(0, cut) : f;
    if (head.length > MAX_LINE) break;
    folded.push(head);
    // folding keeps a Latin or Cyrillic text's length (accents are put back together), so the cut
    // holds in the text as written; where it shortens it (Arabic vowel signs) the cut falls a little
    // early, never in the speech
    raw.push(cut >= 0 ? p.text.slice(0, cut) : p.text);
    // the line opens with the word ("*** Discours de …"): "Measures to address the situation" does not
    if (STATEMENT_WORDS.exec(head.replace(/^[\s\p{P}\p{S}]+/u, '').replace(QUALIFIER, ''))?.index === 0) {
      titled = true;
      titleLine ??= raw[raw.length - 1];
    }
    chars += head.length;
    if (cut >= 0) {
      salutation = i;
      salutationCut = cut;
    }
    if (cut >= 0 || chars >= MAX_CHARS) break;
  }
  const out = { text: raw.join('\n'), folded: folded.join('\n'), titled, ...(titleLine === undefined ? {} : { titleLine }) };
  return salutation === undefined ? out : { ...out, salutation, salutationCut };
}

/**
 * How many of a document's first paragraphs stand above the salutation that opens its speech
 * ("Monsieur le Président de l’Assemblée générale, …", "Mr. President,"): its letterhead (a
 * State's name, its motto), title, place and date, which are no section of the speech. 0 when no
 * salutation ends the opening lines (read as {@link readStatementHeading} reads them).
 */
export function linesAboveSpeech(paragraphs: ReadonlyArray<{ text: string; page?: number }>): number {
  return headingOf(paragraphs).salutation ?? 0;
}

/**
 * Where the speech starts inside the paragraph that holds its salutation, when a heading runs into
 * it with no paragraph break ("كلمة وزير الخارجية … 26 أيلول 2024 سعادة السيد انطونيو غوتيريش، …",
 * the Lebanon statement): the offset of the salutation in that paragraph's text as written, the
 * paragraph being `linesAboveSpeech(paragraphs)`. Undefined when the paragraph opens with it or
 * there is none.
 */
export function speechStartInParagraph(paragraphs: ReadonlyArray<{ text: string; page?: number }>): number | undefined {
  const heading = headingOf(paragraphs);
  const text = heading.salutation === undefined ? undefined : paragraphs[heading.salutation]?.text;
  const cut = heading.salutationCut ?? 0;
  if (text === undefined || cut <= 0) return undefined;
  // folding may shorten the text (Arabic vowel signs, ligatures): the offset as written is where
  // the folded text before it reaches the cut
  let at = 0;
  while (at < text.length && foldHeading(text.slice(0, at)).length < cut) at++;
  // a heading holds words: a paragraph's number or a mark before the salutation ("1. Mr. President,
  // …", "**Mr President,**") opens the speech's first paragraph, and stays with it
  return /\p{L}/u.test(text.slice(0, at)) && text.slice(at).trim() ? at : undefined;
}

/**
 * Whether a document calls itself a statement: a line of its heading opens with a word such as
 * "Statement", "Discours", "Mensaje", "Выступление", "كلمة", or its file's own name holds one
 * (`GA79_statement_Mexico_es.pdf`). Only then are the lines above its salutation a heading that
 * no one speaks (see LibraryDocument.heading): a General Debate speech's opening lines above a
 * "Mr. President," ("In the name of God, the Compassionate, the Merciful", "I congratulate you,")
 * are its speaker's words.
 */
export function callsItselfAStatement(paragraphs: ReadonlyArray<{ text: string; page?: number }>, fileName: string): boolean {
  return fileSaysStatement(fileName) || headingOf(paragraphs).titled;
}

/** Whether the file's own name, not its folders', holds a statement word. */
function fileSaysStatement(fileName: string): boolean {
  return STATEMENT_WORDS.test(foldHeading(fileName.replace(/^.*[\\/]/, '').replace(/[_.-]+/g, ' ')));
}

/**
 * What a statement's heading says of its speaker, country and date (the module's comment);
 * empty when the document does not call itself a statement.
 */
export function readStatementHeading(paragraphs: ReadonlyArray<{ text: string; page?: number }>, fileName: string): StatementHeading {
  const heading = headingOf(paragraphs);
  if (!fileSaysStatement(fileName) && !heading.titled) return {};
  const out: StatementHeading = {};
  const country = firstCountryNamed(heading.folded) ?? countryOfFileName(fileName);
  if (country) out.country = country;
  const date = lastDateWritten(heading.folded);
  if (date) out.date = date;
  const speaker = speakerNamed(heading.text);
  if (speaker) out.speaker = speaker;
  const session = sessionNamed(heading.folded);
  if (session) out.session = session;
  const title = heading.titleLine?.replace(/\s+/g, ' ').replace(/^[\s*•·–—-]+|[\s,;:–—-]+$/gu, '');
  if (title) out.title = title.length <= MAX_TITLE ? title : `${title.slice(0, MAX_TITLE).replace(/\s+\S*$/u, '')} …`;
  return out;
}
