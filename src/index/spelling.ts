/**
 * British and American spellings of a word meet on one indexed term (defence / defense, labour /
 * labor, organisation / organization, centre / center), so that a query in either spelling finds
 * text in the other. UN documents use British spelling; many users type American.
 *
 * Two steps, both inside the analyzer's word analysis (so indexing, queries, excerpt marks and
 * phrase checks agree, and the memo of word analyses makes them cost nothing per occurrence):
 * - rules on the folded word, before stemming, for the regular patterns: -ise → -ize
 *   (organisation → organization, as UN documents and American text spell it), -lyze → -lyse
 *   (analyze → analyse, as UN documents spell it), -our → -or before a word end or a suffix
 *   (labour, labourers → labor, laborers). The -ise and -our rules need three letters before the
 *   pattern, which spares rise, wise, raise, noise, four, hour, your, tour, pour, sour, flour; the
 *   words they change that have no other spelling (contour → contor) change in queries and text
 *   alike, so they still meet;
 * - a table of pairs for the rest (spelling.data.ts), applied to stems: the British word's stem is
 *   replaced by the American word's, which covers every inflection the stemmer joins (the stem
 *   pairs are generated into spelling-stems.data.ts).
 */
import { SPELLING_PAIRS_TEXT } from './spelling.data.ts';

/** -ise → -ize before these endings (organised, organisation, organiser → organized, ...). */
const ISE = /^([a-z]{3,})is(e|es|ed|ing|ingly|ation|ations|ational|er|ers|able)$/;
/**
 * Words in -ise that have no -ize spelling (advise, exercise, surprise): left as they are, so that
 * they keep meeting their relatives (precise / precision, revise / revision), also after a prefix
 * (imprecise, uncompromising, disenfranchised, otherwise).
 */
const ISE_ONLY =
  /(?:wise|prise|vise|guise|franchise|aise|oise|uise|exercise|precise|concise|excise|incise|circumcise|promise|premise|demise|surmise|advertise|expertise|chastise|mortise|treatise|merchandise|paradise|despise|valise)$/;
const LYZE = /^([a-z]{2,})lyz(e|es|ed|ing|er|ers|able)$/;
const OUR = /^([a-z]{3,})our(|s|ed|ing|ings|er|ers|ite|ites|itism|able|ably|ful|fully|less|al|ally|ly|ism|ist|ists|hood|hoods|y|ies|ation|ations)$/;

/** The spelling rules applied to one folded word (lower case, no apostrophes). */
export function spellingRules(word: string): string {
  if (word.length < 6) return word;
  // cheap guards first: most words have none of "is", "lyz", "our"
  if (word.includes('is')) {
    const a = ISE.exec(word);
    if (a) {
      const base = `${a[1]}ise`;
      if (!ISE_ONLY.test(base)) return `${a[1]}iz${a[2]}`;
    }
  }
  if (word.includes('lyz')) {
    const b = LYZE.exec(word);
    if (b) return `${b[1]}lys${b[2]}`;
  }
  if (word.includes('our')) {
    const c = OUR.exec(word);
    if (c) return `${c[1]}or${c[2]}`;
  }
  return word;
}

/** The [British, American] word pairs of the table. */
export function spellingPairs(): Array<[british: string, american: string]> {
  const out: Array<[string, string]> = [];
  for (const line of SPELLING_PAIRS_TEXT.split('\n')) {
    const w = line.trim().split(/\s+/);
    if (w.length === 2) out.push([w[0]!, w[1]!]);
  }
  return out;
}

/**
 * The table as stem pairs: the British word's stem → the American word's stem, both after the
 * rules, sorted. `stem` is the analyzer's stemmer (Snowball English). `npm run gen-spelling` writes
 * them to spelling-stems.data.ts, which the analyzer loads, so that starting stems nothing (deriving
 * them costs ~35 ms cold); a test checks that the file matches. Throws on a British stem that two
 * pairs send to different stems, or an American stem that is itself sent elsewhere.
 */
export function deriveSpellingStemPairs(stem: (word: string) => string): Array<[british: string, american: string]> {
  const map = new Map<string, string>();
  for (const [uk, us] of spellingPairs()) {
    const from = stem(spellingRules(uk));
    const to = stem(spellingRules(us));
    if (from === to) continue;
    const had = map.get(from);
    if (had !== undefined && had !== to) throw new Error(`spelling pairs: ${uk} (${from}) goes to both ${had} and ${to}`);
    map.set(from, to);
  }
  for (const [from, to] of map) if (map.has(to)) throw new Error(`spelling pairs: ${from} → ${to} → ${map.get(to)!}`);
  return [...map].sort((a, b) => (a[0] < b[0] ? -1 : 1));
}
