/**
 * A query that states something rather than asks for it: one sentence, no question, not opening
 * with a question word or a request ("what …", "how …", "I am interested in …", "describe …"), with
 * a verb of its own after its first word — an auxiliary, copula or modal ("is associated with", "are
 * discussed", "can reduce"). A pasted claim or a line from a paper reads so; a topic ("electron
 * microscopy of lung or bronchi"), a question and a request do not. Read from closed word lists,
 * not a tagger: a claim whose only verb is a lexical one ("activation reduces inflammation") is not
 * recognised.
 */

/** Auxiliaries, copulas and modals: a finite verb whatever the sentence's subject. */
const FINITE = new Set('is are was were be been being am has have had do does did can could may might must shall should will would'.split(' '));
/** What a question, a request or a topic read as a task ("to find …", "given …", "in summarizing …") opens with (lower case). */
const OPENS_REQUEST =
  /^(?:what|which|who|whom|whose|when|where|why|how|is|are|was|were|does|do|did|can|could|should|would|will|has|have|had|may|might|must|shall|i|i'm|i'd|we|please|find|give|describe|list|show|documents?|papers?|articles?|interested|information|any|need|want|looking|search|to|given|in)\b/;
/** Abbreviations whose dot ends no sentence. */
const ABBREVIATION = /\b(?:e\.g|i\.e|et al|vs|etc|fig|dr|mr|mrs|ms|no)\.\s/gi;

/** Whether `text` (a query's words, filters left out) states something; English only. */
export function isStatement(text: string): boolean {
  const t = text.trim();
  if (!t || t.includes('?')) return false;
  // one sentence: no sentence end before its last word
  const body = t.replace(/[.!]+\s*$/, '').replace(ABBREVIATION, ' ');
  if (/[.!;:]\s+\S/.test(body)) return false;
  const lower = t.toLowerCase();
  if (OPENS_REQUEST.test(lower) || t === t.toUpperCase()) return false;
  const words = lower.match(/\p{L}+(?:['’]\p{L}+)?/gu) ?? [];
  for (let i = 1; i < words.length; i++) if (FINITE.has(words[i]!) && words[i - 1] !== 'to') return true;
  return false;
}
