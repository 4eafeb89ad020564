/**
 * Sentence ends in English policy text, careful with abbreviations ("Mr.", "No. 5", "U.N.", "e.g.").
 * Shared by the re-flow (does a line end a sentence?) and the passage splitter.
 */

/** Words that take a period without ending a sentence (lower-cased, without the period). */
const ABBREVIATIONS = new Set(
  `mr mrs ms messrs mme mlle dr prof st no nos art arts para paras vol vols p pp ch chap sect sec fig
  gen col lt capt cmdr adm sen rep gov hon rt rev fr sr jr esq amb h.e e.g i.e cf viz vs etc al
  co corp inc ltd bros dept est approx jan feb mar apr jun jul aug sep sept oct nov dec mt ft op
  u.n u.s u.k u.s.a u.s.s.r ibid res doc rev.1 a.m p.m`
    .split(/\s+/)
    .filter(Boolean),
);

/** Abbreviations that usually end a sentence when they close a line or precede a capital. */
const SENTENCE_FINAL_ABBREVIATIONS = new Set(['etc', 'al']);

const CLOSERS = `"'”’»)\\]`;
const END_RE = new RegExp(`[.?!:;…][${CLOSERS}]*$`);

/** The word before a final period, lower-cased, e.g. "mr" for "… Mr." or "u.n" for "… U.N.". */
function wordBeforePeriod(text: string): string {
  const m = /(\S+)\.[”’"')\]]*$/u.exec(text.slice(-48));
  if (!m?.[1]) return '';
  return m[1].replace(/^[("“‘'[]+/u, '').toLowerCase();
}

/**
 * True when `text` (a line or a sentence candidate) ends a sentence: `.?!:;…` possibly followed by
 * closing quotes/brackets, and not an abbreviation such as "Mr." or "No." or a lone initial "J.".
 */
export function endsSentence(text: string): boolean {
  const t = text.slice(-64).trimEnd();
  if (!END_RE.test(t)) return false;
  if (!/\.[”’"')\]]*$/u.test(t)) return true;
  const word = wordBeforePeriod(t);
  if (word === '') return true;
  if (SENTENCE_FINAL_ABBREVIATIONS.has(word)) return true;
  if (ABBREVIATIONS.has(word)) return false;
  if (/^\p{L}$/u.test(word)) return false; // an initial: "J." in "J. Smith"
  if (/^(\p{L}\.)+\p{L}$/u.test(word)) return false; // "U.N.", "U.S.A." mid-sentence more often than not
  return true;
}

/**
 * Splits text into sentences (each keeps its trailing punctuation; whitespace between them is
 * dropped). A boundary is `.?!` (plus closers) followed by whitespace and a capital, digit or
 * opening quote, unless the word before is an abbreviation.
 */
export function splitSentences(text: string): string[] {
  const out: string[] = [];
  const re = /[.?!…][”’"')\]]*(\s+)(?=[\p{Lu}\d"“‘'([])/gu;
  let start = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    const end = m.index + m[0].length - (m[1]?.length ?? 0);
    const candidate = text.slice(start, end);
    if (!endsSentence(candidate)) continue;
    out.push(candidate.trim());
    start = m.index + m[0].length;
  }
  const rest = text.slice(start).trim();
  if (rest) out.push(rest);
  return out;
}
