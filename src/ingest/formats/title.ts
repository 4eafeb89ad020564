/**
 * Document titles: from a UN document's title block (first page), else a metadata title that is not
 * a placeholder. PDF info titles are often junk: "Etpu", "Microsoft Word - N1234567.doc",
 * "S/PV.8699_Resumption 1", "United Nations" (the masthead's first words).
 */

const ORGAN =
  /^(General Assembly|Security Council|Economic and Social Council|Trusteeship Council|Human Rights Council|(?:First|Second|Third|Fourth|Fifth|Sixth|Special Political and Decolonization) Committee|Commission on [A-Z][\w ]+?|Conference on [A-Z][\w ]+?)(?=\s|$)/;
const SESSION = /^(?:[A-Z][a-z]+(?:-[a-z]+)?|\d{1,3}(?:st|nd|rd|th)) (?:special |emergency special |resumed )?(?:session|year)$/i;
const DATE = /^\d{1,2} [A-Z][a-z]+ \d{4}$/;
const MEETING = /^(\d{1,5}(?:st|nd|rd|th) (?:plenary )?meeting)\b/;
const RESOLUTION = /^(\d{1,4}\/\d{1,4}|\d{4}\/\d{1,3})\.\s+(\S.*)$/;
const MASTHEAD = /^(?:United Nations\b|Distr\.|Original:|Provisional$|Official Records$|Agenda item|Items? \d|Contents$|Summary$|Page$|\*)/;

/** One line of a first page, as the layout reads it. */
export interface TitleRow {
  text: string;
  size: number;
}

/** A title worth showing: not empty, not a file name, not a word processor's placeholder. */
export function meaningfulTitle(raw: unknown, documentText?: string): string | undefined {
  if (typeof raw !== 'string') return undefined;
  const original = raw.replace(/\s+/g, ' ').trim();
  const title = original.replace(/^Microsoft (?:Word|PowerPoint|Excel) - /i, '').trim();
  if (title.length < 4 || !/\p{L}{3}/u.test(title)) return undefined;
  if (/\.(?:docx?|pdf|rtf|odt|txt|html?|indd|qxd|wpd)$/i.test(title)) return undefined;
  if (/^(?:untitled|document\d*|title|no title|new document|slide \d+|united nations|un)$/i.test(title)) return undefined;
  // A file or job name: "S/PV.8699_Resumption 1", "N0553211", "1822426E".
  if (/_/.test(title) || /^[A-Z]?\d{5,}[A-Z]?$/.test(title)) return undefined;
  if (documentText !== undefined) {
    // A placeholder ("Etpu") names nothing the document says: at least one of its words must occur in it.
    const text = documentText.toLowerCase();
    const words = title.toLowerCase().match(/\p{L}{4,}/gu) ?? [];
    if (!words.some((w) => text.includes(w))) return undefined;
  }
  return title.length > 200 ? `${title.slice(0, 199)}…` : title;
}

/**
 * The title in a UN first page's title block, or undefined when the page has none:
 * - a verbatim record: "General Assembly, Seventy-first session, 1st plenary meeting";
 * - a resolution: its own title ("79/191. Addressing and countering…" gives "Addressing and countering…");
 * - another document (report, draft): the first run of large-type lines under the masthead.
 * `rows` are the page's lines top to bottom; `bodySize` the body text's size; `symbol` the
 * document's (only a /PV. symbol is read as a meeting record).
 */
export function titleBlock(rows: readonly TitleRow[], bodySize: number, symbol?: string): string | undefined {
  const texts = rows.map((r) => r.text.trim());
  if (!texts.slice(0, 3).some((t) => /^United Nations\b/.test(t))) return undefined;
  const organ = texts.map((t) => ORGAN.exec(t)?.[1]).find(Boolean);
  const meeting = texts
    .slice(0, 12)
    .map((t) => MEETING.exec(t)?.[1])
    .find(Boolean);
  if (organ && meeting && (!symbol || /\/PV\./.test(symbol))) {
    const session = texts.find((t) => SESSION.test(t));
    return [organ, session, meeting].filter(Boolean).join(', ');
  }
  for (let i = 0; i < rows.length; i++) {
    const m = RESOLUTION.exec(texts[i]!);
    if (!m || rows[i]!.size < bodySize) continue;
    let title = m[2]!;
    for (let j = i + 1; j < rows.length && rows[j]!.size === rows[i]!.size && title.length < 200; j++) {
      if (/^(?:The |Recalling|Reaffirming|Noting)/.test(texts[j]!)) break;
      title += ` ${texts[j]}`;
    }
    return title.replace(/\s+/g, ' ').trim();
  }
  // The first run of large-type lines that are not the masthead, joined (a size change marks a part).
  const large = (r: TitleRow, t: string) =>
    r.size >= Math.max(bodySize * 1.15, 11.5) && !MASTHEAD.test(t) && !ORGAN.test(t) && !SESSION.test(t) && !DATE.test(t);
  let start = -1;
  for (let i = 0; i < rows.length; i++) {
    if (large(rows[i]!, texts[i]!)) {
      start = i;
      break;
    }
  }
  if (start < 0) return undefined;
  const parts: string[] = [];
  let size = rows[start]!.size;
  let current = '';
  for (let i = start; i < rows.length && large(rows[i]!, texts[i]!); i++) {
    if (rows[i]!.size !== size && current) {
      parts.push(current);
      current = '';
      size = rows[i]!.size;
    }
    current = current ? `${current} ${texts[i]}` : texts[i]!;
  }
  if (current) parts.push(current);
  const title = parts.join(': ').replace(/\s+/g, ' ').trim();
  return title.length > 200 ? `${title.slice(0, 199)}…` : title || undefined;
}
