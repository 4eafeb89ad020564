/**
 * Markdown marks left in plain text: the converters of many 2024 speeches wrote emphasis
 * (`**fulfilment of commitments**`, `*Pact for the Future*`), quotations (`> *"We stand by…"*`) and
 * section headings (`### V. Venezuela`) into .txt files, which users would otherwise see as
 * literal asterisks glued to the match marks. They are taken out when the file is read, before its
 * paragraphs are built, so the text, its excerpts and the offsets of the marks are clean.
 *
 * Only what is plainly a mark goes: an emphasis run (`*`, `**`, `***`, `_`, `__`) that opens at the
 * start of a line or after a space or opening punctuation, right before a non-space, and closes the
 * same run right after a non-space, before the end of a word. So an asterisk of a footnote
 * ("peace*"), a formula ("2*3"), a bullet ("* item"), a rule ("***"), a word such as snake_case and
 * the stray asterisks of scanned records ("forced confessions* taking…") stay. A run pairs within one
 * line; a bold run may also span the lines of one block when it opens a line and closes another
 * ("**Mr President," / "Ladies and Gentlemen,**").
 */

/** Characters after which an emphasis run may open: a space, opening punctuation, a dash. */
const BEFORE_OPEN = String.raw`[\s(\[{“"‘'«¿¡—–\-/]`;

/** A run and its match within one line: the opener, the text (no space at either end, not the run again), the closer. */
const EMPHASIS_IN_LINE = new RegExp(
  String.raw`(^|${BEFORE_OPEN})(\*{1,3}|_{1,2})(?=[^\s*_])((?:(?!\2).)*?[^\s*_\\]|[^\s*_])\2(?![\p{L}\p{N}*_])`,
  'gu',
);

/** A bold run opening a line ("**Mr President,") and one closing a later line ("Ladies and Gentlemen,**"). */
const OPENS_LINE = /^(\*\*|__)(?=[^\s*_])/;
const CLOSES_LINE = /(?<=[^\s*_])(\*\*|__)([.,;:!?”’"')\]]*)$/;

/** A Markdown quotation mark ("> text") or heading ("### V. Venezuela") opening a line. */
const LINE_MARK = /^(?:>[ \t]+(?=\S)|>$|#{1,6}[ \t]+(?=\S))/;

/** One line with its paired emphasis runs taken out (see the module comment). */
export function stripEmphasis(line: string): string {
  let out = line;
  // a run inside another ("**a *b* c**") is found on the next pass
  for (let pass = 0; pass < 3; pass++) {
    // a single asterisk around no letter is no emphasis: a barcode "*1729597*"; a bold figure is ("**2014**")
    const next = out.replace(EMPHASIS_IN_LINE, (m: string, before: string, run: string, text: string) =>
      run === '*' && !/\p{L}/u.test(text) ? m : before + text,
    );
    if (next === out) break;
    out = next;
  }
  return out;
}

/**
 * A file's lines with their Markdown marks taken out (see the module comment); as many lines as
 * given, in the same order, so line numbers and page breaks keep their places.
 */
export function stripMarkdownMarks(lines: readonly string[]): string[] {
  const out = lines.map((l) => stripEmphasis(l.replace(LINE_MARK, '')));
  // a bold run spanning the lines of one block: opens line i, closes line j, no blank line between
  for (let i = 0; i < out.length; i++) {
    const open = OPENS_LINE.exec(out[i]!);
    if (!open) continue;
    for (let j = i + 1; j < out.length && j <= i + 8 && out[j]!.trim() !== ''; j++) {
      if (out[j]!.includes(open[1]!) && !CLOSES_LINE.test(out[j]!)) break;
      const close = CLOSES_LINE.exec(out[j]!);
      if (!close || close[1] !== open[1]) continue;
      out[i] = out[i]!.slice(open[1]!.length);
      out[j] = out[j]!.slice(0, close.index) + close[2]!;
      i = j;
      break;
    }
  }
  return out;
}
