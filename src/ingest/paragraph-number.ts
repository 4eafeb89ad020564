/** The numbers documents print their paragraphs with ("11. We will …", "16.86 The Office …"), and their list items' marks. */

/** A list item's mark opening a paragraph: a bullet, "(a)", "a)", "(iv)", "(1)", Arabic "(أ)" or "(هـ)". */
export const LIST_ITEM = /^(?:[•▪◦‣·–-]\.?|\(?(?:[a-z]{1,2}|[ivxl]{1,6}|\d{1,2})\)|\([\p{Script=Arabic}\u0640]{1,3}\))\s/u;

/**
 * The number a passage's paragraph is printed with, when the passage opens with one: "11. We will
 * …" (a resolution's or declaration's paragraph, an old record's "244. The reports…") or "16.86 The
 * Office…" (a budget section's), also after a short heading carried onto it ("(b) Human resources
 * 44. During…"). Not a resolution's own number ("2018/17. The rule of law"), a
 * table row ("1. The Fifth Committee · 1 · 1", "1.1.7 Percentage"), a year or a footnote's bare number.
 */
export function printedParagraphNumber(text: string): string | undefined {
  // a table's row ("1. The Fifth Committee · 1 · 1") is no paragraph
  if (text.includes(' · ')) return undefined;
  const m =
    /^(\d{1,3})\.\s+(?=[\p{L}"“(])/u.exec(text) ??
    // Arabic UN documents number "1 - يقرر …"
    /^(\d{1,3}) ?- (?=\p{Script=Arabic})/u.exec(text) ??
    /^(\d{1,2}\.\d{1,3})\s+(?=\p{Lu})/u.exec(text) ??
    // a short heading carried onto the paragraph it heads: "(b) Human resources 44. During the liquidation…"
    /^(?:\([a-z]{1,3}\)|[A-Z]\.|[IVXL]{1,5}\.)\s[^\d.;:!?]{1,80}?\s(\d{1,3}(?=\.)|\d{1,2}\.\d{1,3}(?=\s))\.?\s+(?=\p{Lu})/u.exec(text);
  return m ? m[1] : undefined;
}
