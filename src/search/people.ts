/**
 * One person however the library spells them. A manifest writes one speaker several ways: in case
 * ("PAHR", "Pahr"), with a form of address or a title ("Mr. Pahr", "Sheikh …", "His Majesty King …"),
 * with or without accents ("Alicia Bárcena Ibarra"), with a letter lost to a bad conversion ("Hugo
 * Chvez Frias"), and with more or fewer given names ("Joe Biden", "Joseph R. Biden, Jr", "Joseph R.
 * Biden"; "Bill Clinton", "William J. Clinton"). Trends by speaker, /compare, the `speaker:` filter
 * and its autocomplete all read speakers as the {@link Person}s grouped here. Pure: names in, groups out.
 *
 * Two spellings of one country are one person when
 * - they are the same name once case, accents, punctuation, forms of address and titles are set aside
 *   ({@link nameKey}); or
 * - their surnames (last words, a "Jr" aside, particles with them: "Al-Shara") are the same, allowing
 *   one letter lost, not the first ("Chvez" / "Chavez"), or one name drops the other's second surname
 *   ("Hugo Chávez" / "Hugo Chávez Frías"); their given names agree (the first alike: the same word, an
 *   initial, its first letters, "Alex" / "Alexander", or a usual short form, "Joe" / "Joseph", "Bill" /
 *   "William"; the shorter's others found in order among the longer's), or one has none ("Bush"); and the two were
 *   spoken within {@link NEAR_YEARS} years of each other; and no form of address says one is a man
 *   and the other a woman.
 *
 * A spelling joins a person only when it agrees with every spelling the person already has, and only
 * when it could join one person alone: Gabon's "BONGO" (1990), between "Mr. BONGO" (1988) and "Mrs.
 * BONGO" (1991), joins neither, "Mr." and "Mrs." being two people. The years keep apart a father and a
 * son of one name: "George Bush" (1989–92) and "George W. Bush" (2001–08) agree as names, but nine
 * years apart they are two people; "Abe" (1983–85) is not "Shinzo Abe" (2013–19).
 */
import { fold } from '../index/analyzer.ts';
import { speakerKey, voiceName, voices, withoutHonorific, type SpeakingDocument } from './speakers.ts';

/** Spellings more than this many years apart are joined only when they are the same name ({@link nameKey}). */
export const NEAR_YEARS = 4;

/** One spoken name, as the library holds it: who, for which country, in which year, over how many passages. */
export interface Spoken {
  name: string;
  country?: string | undefined;
  year?: number | undefined;
  passages: number;
}

/** One person: the spellings the library writes them with. */
export interface Person {
  /** How the person is shown ({@link labelOf}): a full name, the most frequent, without a form of address. */
  label: string;
  country?: string | undefined;
  /** Each spelling as written, with its passages. */
  spellings: Map<string, number>;
  passages: number;
}

/** Forms of address and titles before a name: no part of who it is. */
const TITLES =
  /^(?:(?:mr|mrs|ms|miss|mme|mlle|madam|madame|dr|sir|dame|lord|hon|honourable|honorable|h\s?e|excellency|(?:his|her)(?:\s+(?:royal|serene))?\s+(?:majesty|highness|excellency|holiness)|sheikh|shaikh|crown prince|prince|princess|king|queen|emir|amir|sultan|president|general|archbishop|cardinal|begum|al[\s-]?haj)\.?\s+)+/;

/** Forms of address, folded: "Mr. Pahr" is a surname alone, "Prince Albert" a name. */
const ADDRESS = /^(?:(?:mr|mrs|ms|miss|mme|mlle|madam|madame|dr|sir|dame|hon|h e)\s+)+/;

/** What follows a surname and is no part of it ("Jr", "III"). */
const SUFFIX = new Set(['jr', 'sr', 'junior', 'senior', 'ii', 'iii', 'iv', 'vi', 'vii', 'viii']);

/** Words that open a surname ("Al-Shara", "van den Broek", "Ould Mouknass"). */
const PARTICLES = new Set([
  'al',
  'el',
  'ul',
  'bin',
  'ibn',
  'bint',
  'de',
  'del',
  'della',
  'di',
  'da',
  'das',
  'dos',
  'du',
  'la',
  'le',
  'van',
  'von',
  'der',
  'den',
  'ter',
  'ould',
  'mint',
  'wa',
]);

/** Given names and their usual short forms, which share no first letters ("Bill" is "William"). */
const SHORT_FORMS: Readonly<Record<string, string>> = {
  bill: 'william',
  billy: 'william',
  will: 'william',
  bob: 'robert',
  bobby: 'robert',
  dick: 'richard',
  rick: 'richard',
  jim: 'james',
  jimmy: 'james',
  jack: 'john',
  johnny: 'john',
  joe: 'joseph',
  mike: 'michael',
  tom: 'thomas',
  dave: 'david',
  nick: 'nicholas',
  steve: 'stephen',
  ted: 'edward',
  ned: 'edward',
  tony: 'anthony',
  jerry: 'gerald',
  peggy: 'margaret',
  meg: 'margaret',
  betty: 'elizabeth',
  liz: 'elizabeth',
  harry: 'henry',
  hank: 'henry',
  chuck: 'charles',
  sasha: 'alexander',
  pepe: 'jose',
  paco: 'francisco',
};

/**
 * What names a person once the way it is written is set aside: folded (case, accents), without its
 * forms of address and titles (even before a surname alone: "Mr. PAHR" is "pahr"), apostrophes
 * dropped ("Tu'ivakano"), other punctuation a space, and without a place after "of" ("Prince Albert II
 * of Monaco").
 */
export function nameKey(name: string): string {
  const folded = fold(name)
    .replace(/'/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
  const bare = folded
    .replace(TITLES, '')
    .replace(/^(\S.*?)\s+of\s+.*$/, '$1')
    .trim();
  return bare || folded;
}

/** Whether a form of address says a man or a woman ("Mr. BONGO" 1981 and "Mrs. BONGO" 1991 are two people). */
function addressed(name: string): 'm' | 'f' | undefined {
  const first = /^\s*(mr|mrs|ms|miss|mme|mlle|madam|madame|dame)\b/i.exec(name)?.[1]?.toLowerCase();
  return first === undefined ? undefined : first === 'mr' ? 'm' : 'f';
}

/** A name's words: its surname last, given names before it; a "Jr" or "III" after the surname left out. */
function nameWords(key: string): string[] {
  const words = key.split(' ').filter(Boolean);
  // a king's number stays with his name: "Mohammed VI" is no surname Mohammed
  while (words.length > 2 && SUFFIX.has(words[words.length - 1]!)) words.pop();
  // particles belong to the surname after them: "Al-Shara", "van den Broek", "wa Mutharika"
  let last = words.length - 1;
  while (last > 1 && PARTICLES.has(words[last - 1]!)) last--;
  return [...words.slice(0, last), words.slice(last).join(' ')];
}

/** Whether `short` is `long` with one letter lost ("chvez", "chavez"), in a word long enough to tell. */
function oneLetterLost(short: string, long: string): boolean {
  if (long.length !== short.length + 1 || long.length < 6 || short[0] !== long[0]) return false;
  let i = 0;
  while (i < short.length && short[i] === long[i]) i++;
  return short.slice(i) === long.slice(i + 1);
}

/** Whether two surnames can be one, their particles aside ("Al-Shara", "Shara"). */
function sameSurname(a: string, b: string): boolean {
  if (a === b) return true;
  const core = (s: string): string =>
    s
      .split(' ')
      .filter((w) => !PARTICLES.has(w))
      .join(' ');
  const x = core(a);
  const y = core(b);
  return x === y || oneLetterLost(x, y) || oneLetterLost(y, x);
}

/** Whether two given names can be one: the same, one an initial or the first letters of the other, a short form, or one letter lost. */
function sameGiven(a: string, b: string): boolean {
  if (a === b) return true;
  if (a.length === 1 || b.length === 1) return a[0] === b[0];
  if ((SHORT_FORMS[a] ?? a) === (SHORT_FORMS[b] ?? b)) return true;
  if (Math.min(a.length, b.length) >= 3 && (a.startsWith(b) || b.startsWith(a))) return true;
  return oneLetterLost(a, b) || oneLetterLost(b, a);
}

/**
 * Whether two names' given names can be one person's: none on one side ("Bush"); else the first the
 * same, and the other given names of the shorter found in order among the longer's ("Hugo Chávez Frías",
 * "Hugo Rafael Chávez Frías"; "Joseph R. Biden", "Joe Biden").
 */
function sameGivenNames(a: readonly string[], b: readonly string[]): boolean {
  if (!a.length || !b.length) return true;
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  if (!sameGiven(short[0]!, long[0]!)) return false;
  let k = 1;
  for (const g of short.slice(1)) {
    while (k < long.length && !sameGiven(g, long[k]!)) k++;
    if (k++ >= long.length) return false;
  }
  return true;
}

/** Whether two names' words can be one person's (see the module comment): never decides alone, the years count too. */
function agree(a: readonly string[], b: readonly string[]): boolean {
  const surname = (x: readonly string[]): string => x[x.length - 1]!;
  if (sameSurname(surname(a), surname(b)) && sameGivenNames(a.slice(0, -1), b.slice(0, -1))) return true;
  // a second surname dropped ("Hugo Chávez" of "Hugo Chávez Frías"): the name written with both has all
  // the given names of the other, or a name written family name first would meet another ("Pham Minh
  // Chinh" is no "Pham Binh Minh")
  const dropped = (x: readonly string[], y: readonly string[]): boolean => {
    if (x.length < 3 || !sameSurname(x[x.length - 2]!, surname(y))) return false;
    const gx = x.slice(0, -2);
    const gy = y.slice(0, -1);
    return gy.length <= gx.length && sameGivenNames(gx, gy);
  };
  return dropped(a, b) || dropped(b, a);
}

/** Spellings of one {@link nameKey} in one country. */
interface Unit {
  key: string;
  /** Man or woman, when a form of address says so. */
  gender: 'm' | 'f' | undefined;
  words: string[];
  years: Set<number>;
  passages: number;
  spellings: Map<string, number>;
}

function agreeing(a: Unit, b: Unit): boolean {
  return (!a.gender || !b.gender || a.gender === b.gender) && (a.key === b.key || agree(a.words, b.words));
}

/** The people of a library, and how to find them by a spelling or a part of a name. */
export class People {
  readonly persons: readonly Person[];
  /** Person number per country and spelling as written. */
  private readonly byName = new Map<string, number>();
  /** Every spelling with its {@link speakerKey} and person, for {@link matching}. */
  private readonly keyed: Array<[string, number]> = [];

  constructor(spoken: Iterable<Spoken>) {
    // each spelling once per country (a library speaks a name in many passages), then by name
    const written = new Map<string, Map<string, { years: Set<number>; passages: number }>>();
    for (const s of spoken) {
      const country = s.country?.trim().toUpperCase() ?? '';
      let names = written.get(country);
      if (!names) written.set(country, (names = new Map()));
      let w = names.get(s.name);
      if (!w) names.set(s.name, (w = { years: new Set(), passages: 0 }));
      if (s.year) w.years.add(s.year);
      w.passages += s.passages;
    }
    const perCountry = new Map<string, Map<string, Unit>>();
    for (const [country, names] of written) {
      const units = new Map<string, Unit>();
      perCountry.set(country, units);
      for (const [raw, w] of names) {
        const name = raw.trim();
        if (!name) continue;
        const key = nameKey(name);
        const gender = addressed(name);
        let u = units.get(`${gender ?? ''} ${key}`);
        if (!u)
          units.set(`${gender ?? ''} ${key}`, (u = { key, gender, words: nameWords(key), years: new Set(), passages: 0, spellings: new Map() }));
        for (const y of w.years) u.years.add(y);
        u.passages += w.passages;
        u.spellings.set(name, (u.spellings.get(name) ?? 0) + w.passages);
      }
    }
    const persons: Person[] = [];
    for (const [country, units] of perCountry) {
      for (const group of country ? groupUnits([...units.values()]) : [...units.values()].map((u) => [u])) {
        const spellings = new Map<string, number>();
        for (const u of group) for (const [name, n] of u.spellings) spellings.set(name, (spellings.get(name) ?? 0) + n);
        const p = persons.length;
        persons.push({ label: labelOf(spellings), ...(country ? { country } : {}), spellings, passages: group.reduce((t, u) => t + u.passages, 0) });
        for (const name of spellings.keys()) {
          this.byName.set(`${country}\u0000${name}`, p);
          this.keyed.push([speakerKey(name), p]);
        }
      }
    }
    this.persons = persons;
  }

  /** The person (its number) who speaks as `name` for `country`, when the library holds that spelling there. */
  of(country: string | undefined, name: string | undefined): number | undefined {
    if (!name) return undefined;
    return this.byName.get(`${country?.trim().toUpperCase() ?? ''}\u0000${name.trim()}`);
  }

  /**
   * The people (their numbers) one of whose spellings holds `value` ({@link speakerKey}: case,
   * accents, punctuation and a form of address aside): `Joe Biden` finds the person written "Joseph R.
   * Biden" too, `Chávez` the one written "Hugo Chvez Frias" too.
   */
  matching(value: string): Set<number> {
    const want = speakerKey(value);
    const out = new Set<number>();
    if (!want) return out;
    for (const [key, p] of this.keyed) if (key.includes(want)) out.add(p);
    return out;
  }
}

/** Years between two sets of years (the closest two), Infinity when either has none. */
function yearsApart(a: ReadonlySet<number>, b: ReadonlySet<number>): number {
  let best = Infinity;
  for (const x of a) for (const y of b) best = Math.min(best, Math.abs(x - y));
  return best;
}

/** The words a unit may meet another by: its surname (particles aside), and the one before it (a second surname dropped). */
function meetingWords(u: Unit): string[] {
  const core = (w: string): string =>
    w
      .split(' ')
      .filter((x) => !PARTICLES.has(x))
      .join(' ');
  const out = [core(u.words[u.words.length - 1]!)];
  if (u.words.length >= 3) out.push(core(u.words[u.words.length - 2]!));
  // one letter lost: a word meets its own forms with a letter taken out (not the first)
  for (const w of [...out]) if (w.length >= 6) for (let i = 1; i < w.length; i++) out.push(w.slice(0, i) + w.slice(i + 1));
  return out;
}

/**
 * Largest set of spellings that may meet (one country's spellings of one surname) that is grouped by
 * name and years, pair by pair; a larger one is left to its exact names. UNGDC's largest is 20.
 */
const MAX_MEETING = 60;

/**
 * A country's spellings grouped into people. Two groups are joined when every spelling of one agrees
 * with every spelling of the other (the same name, or names that agree as the module comment says),
 * and they share a name or were spoken within {@link NEAR_YEARS} years; the closest in years first.
 * A group that could join two others which cannot be one person ("BONGO" beside "Mr. BONGO" and
 * "Mrs. BONGO") joins neither.
 */
function groupUnits(units: readonly Unit[]): Unit[][] {
  // units that may meet, by a shared meeting word: connected sets are grouped on their own
  const parent = units.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
  const byWord = new Map<string, number>();
  units.forEach((u, i) => {
    for (const w of meetingWords(u)) {
      const j = byWord.get(w);
      if (j === undefined) byWord.set(w, i);
      else parent[find(i)] = find(j);
    }
  });
  const sets = new Map<number, Unit[]>();
  units.forEach((u, i) => {
    const r = find(i);
    const set = sets.get(r);
    if (set) set.push(u);
    else sets.set(r, [u]);
  });
  const out: Unit[][] = [];
  for (const set of sets.values()) {
    if (set.length === 1) out.push(set);
    else if (set.length > MAX_MEETING) out.push(...joinSame(set));
    else out.push(...joinNear(set));
  }
  return out;
}

/** Units of one name (a gender aside) as one group each: what a set too large to compare pairwise gets. */
function joinSame(set: readonly Unit[]): Unit[][] {
  const byKey = new Map<string, Unit[]>();
  for (const u of set) byKey.set(u.key, [...(byKey.get(u.key) ?? []), u]);
  return [...byKey.values()];
}

/** The agglomeration of {@link groupUnits} over one set of units that may meet. */
function joinNear(set: readonly Unit[]): Unit[][] {
  const agrees: boolean[][] = set.map((a) => set.map((b) => agreeing(a, b)));
  interface Group {
    members: number[];
    years: Set<number>;
    keys: Set<string>;
  }
  let groups: Group[] = set.map((u, i) => ({ members: [i], years: new Set(u.years), keys: new Set([u.key]) }));
  const allAgree = (a: Group, b: Group): boolean => a.members.every((i) => b.members.every((j) => agrees[i]![j]!));
  /** How far apart two groups are (0: a name in common), or undefined when they cannot join. */
  const apart = (a: Group, b: Group): number | undefined => {
    if (!allAgree(a, b)) return undefined;
    for (const k of a.keys) if (b.keys.has(k)) return 0;
    const d = yearsApart(a.years, b.years);
    return d <= NEAR_YEARS ? d : undefined;
  };
  for (;;) {
    // each group's possible partners, and how far
    const partners = groups.map((a) => groups.map((b) => (a === b ? undefined : apart(a, b))));
    /** Whether x could join z, which y cannot be one with: then x and y do not join (nor does either take z). */
    const torn = (x: number, y: number): boolean => partners[x]!.some((d, z) => d !== undefined && z !== y && !allAgree(groups[y]!, groups[z]!));
    let best: [number, number, number] | undefined;
    for (let x = 0; x < groups.length; x++) {
      for (let y = x + 1; y < groups.length; y++) {
        const d = partners[x]![y];
        if (d === undefined || (best && best[2] <= d) || torn(x, y) || torn(y, x)) continue;
        best = [x, y, d];
      }
    }
    if (!best) break;
    const [x, y] = best;
    const a = groups[x]!;
    const b = groups[y]!;
    const joined: Group = { members: [...a.members, ...b.members], years: new Set([...a.years, ...b.years]), keys: new Set([...a.keys, ...b.keys]) };
    groups = [...groups.filter((_, i) => i !== x && i !== y), joined];
  }
  return groups.map((g) => g.members.map((i) => set[i]!));
}

/**
 * How a person is shown: a name with a given name (or a title) before a surname alone; of those, the
 * most frequent name ({@link nameKey}); one with no letter lost before one with ("Hugo Chávez", not
 * "Hugo Chvez Frias"), a spelling in small letters before one with a word in capitals ("Pahr", not
 * "PAHR"), one without a form of address before one with it ("Mock", not "Mr Mock"), then the longer
 * name, the most frequent spelling, and one with its accents; without a form of address before a full
 * name ({@link withoutHonorific}).
 */
function labelOf(spellings: ReadonlyMap<string, number>): string {
  const shown = new Map<string, number>();
  for (const [name, n] of spellings) {
    const s = withoutHonorific(name).replace(/[\s,;]+$/, '');
    shown.set(s, (shown.get(s) ?? 0) + n);
  }
  if (shown.size === 1) return shown.keys().next().value!;
  const perName = new Map<string, number>();
  const ranked = [...shown].map(([s, n]) => {
    const name = nameKey(s);
    perName.set(name, (perName.get(name) ?? 0) + n);
    return {
      s,
      n,
      name,
      full: speakerKey(s).replace(ADDRESS, '').split(' ').length > 1 ? 1 : 0,
      capitals: s.split(/\s+/).some((w) => /\p{L}{2}/u.test(w) && w === w.toUpperCase()) ? 1 : 0,
      addressed: ADDRESS.test(speakerKey(s)) ? 1 : 0,
    };
  });
  const often = (name: string): number => perName.get(name)!;
  // a name with a letter lost where another has it ("Hugo Chvez Frias" beside "Hugo Chávez")
  const words = new Set([...perName.keys()].flatMap((name) => name.split(' ')));
  const lost = new Map([...perName.keys()].map((name) => [name, name.split(' ').some((w) => [...words].some((v) => oneLetterLost(w, v))) ? 1 : 0]));
  const accents = (s: string): number => [...s].filter((c) => c.charCodeAt(0) > 0x7f).length;
  ranked.sort(
    (a, b) =>
      b.full - a.full ||
      often(b.name) - often(a.name) ||
      lost.get(a.name)! - lost.get(b.name)! ||
      a.capitals - b.capitals ||
      a.addressed - b.addressed ||
      b.name.length - a.name.length ||
      b.n - a.n ||
      accents(b.s) - accents(a.s) ||
      b.s.length - a.s.length ||
      (a.s < b.s ? -1 : a.s > b.s ? 1 : 0),
  );
  return ranked[0]!.s;
}

/** The people of a library's documents, built once per list of documents (a library's store). */
export function peopleOf(docs: readonly SpeakingDocument[]): People {
  let people = peopleCache.get(docs);
  if (!people) {
    people = new People(spokenIn(docs));
    peopleCache.set(docs, people);
  }
  return people;
}
const peopleCache = new WeakMap<readonly SpeakingDocument[], People>();

/** Who speaks in each document, by voice (src/search/speakers.ts), with the document's year. */
function* spokenIn(docs: readonly SpeakingDocument[]): Generator<Spoken> {
  for (const d of docs) {
    const year = Number(/^\d{4}/.exec(d.meta.date ?? '')?.[0]) || undefined;
    for (const v of voices(d)) {
      const name = voiceName(v);
      if (name) yield { name, country: v.country, year, passages: v.last - v.first + 1 };
    }
  }
}
