/**
 * Text safety for Discord: markdown escaping that leaves URLs intact, and truncation at word
 * boundaries that never breaks our own bold marks or an escape sequence.
 */

const URL_RE = /\bhttps?:\/\/[^\s<>]+/g;
/** Inline markdown: emphasis, strike, code, spoilers, masked-link brackets, the escape itself. */
const INLINE_RE = /[\\*_~`|[\]]/g;
/** Mentions, channels, custom emoji, timestamps, slash-command links: `<@…>`, `<#…>`, `<:…>`, `<a:…>`, `<t:…>`, `</…>`. */
const ANGLE_RE = /<(?=[@#:/]|a:|t:)/g;
/** Block markdown that only matters at the start of a line: quotes, headings, subtext, lists. */
const LINE_START_RE = /(^|\n)([ \t]*)(>|#{1,3}(?=\s)|-#|[-+](?=\s)|\d+(?=\.\s))/g;

function escapePlain(text: string): string {
  return text
    .replace(INLINE_RE, '\\$&')
    .replace(ANGLE_RE, '\\<')
    .replace(LINE_START_RE, (_m, nl: string, ws: string, marker: string) =>
      /^\d+$/.test(marker) ? `${nl}${ws}${marker}\\` : `${nl}${ws}\\${marker}`,
    );
}

/**
 * Escapes Discord markdown in `text` so it shows literally; URLs are left untouched so they keep
 * working (blanket escaping breaks links with underscores).
 */
export function escapeMarkdown(text: string): string {
  let out = '';
  let last = 0;
  for (const m of text.matchAll(URL_RE)) {
    out += escapePlain(text.slice(last, m.index));
    out += m[0];
    last = m.index + m[0].length;
  }
  return out + escapePlain(text.slice(last));
}

const ELLIPSIS = '…';

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

/** Position ≤ `max` to cut `text` at: the last whitespace when it is not too far back, else `max` (never inside a surrogate pair). */
function cutPoint(text: string, max: number): number {
  const window = text.slice(0, max + 1);
  const space = Math.max(window.lastIndexOf(' '), window.lastIndexOf('\n'), window.lastIndexOf('\t'));
  if (space >= Math.floor(max * 0.6)) return space;
  let at = max;
  if (at > 0 && isHighSurrogate(text.charCodeAt(at - 1))) at -= 1;
  return at;
}

/**
 * Shortens plain text to at most `max` code units, cutting at a word boundary when one is near and
 * ending with "…". Text that fits is returned unchanged.
 */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= 0) return '';
  if (max === 1) return ELLIPSIS;
  const head = text.slice(0, cutPoint(text, max - 1)).trimEnd();
  return head + ELLIPSIS;
}

/** Counts `**` markers that are not escaped. */
function boldMarkers(md: string): number {
  let n = 0;
  for (let i = 0; i < md.length; i++) {
    if (md[i] === '\\') i++;
    else if (md[i] === '*' && md[i + 1] === '*') {
      n++;
      i++;
    }
  }
  return n;
}

/**
 * Like {@link truncate}, for text that is already markdown made by {@link escapeMarkdown} plus
 * `**bold**` marks: never leaves a dangling escape backslash or an unclosed bold.
 */
export function truncateMarkdown(md: string, max: number): string {
  if (md.length <= max) return md;
  if (max < 4) return truncate(md.replace(/[\\*]/g, ''), max);
  let head = md.slice(0, cutPoint(md, max - 3)).trimEnd();
  const trailingSlashes = /\\+$/.exec(head)?.[0].length ?? 0;
  if (trailingSlashes % 2 === 1) head = head.slice(0, -1);
  if (boldMarkers(head) % 2 === 1) {
    if (head.endsWith('**') && !head.endsWith('\\**')) head = head.slice(0, -2).trimEnd();
    else head += '**';
  }
  return head + ELLIPSIS;
}

/** Makes a URL safe inside a markdown link target `(…)`. */
export function linkTarget(url: string): string {
  return url.replace(/[()\s]/g, (c) => (c === '(' ? '%28' : c === ')' ? '%29' : encodeURIComponent(c)));
}

/** A markdown link with escaped label, or just the escaped label when there is no URL. */
export function link(label: string, url: string | undefined): string {
  const text = escapeMarkdown(label);
  return url ? `[${text}](${linkTarget(url)})` : text;
}

/** A count with its noun, given in the plural: "1 passage", "2,090 passages" (en-US digit groups). */
export function countOf(n: number, pluralNoun: string): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? pluralNoun.replace(/s$/, '') : pluralNoun}`;
}

/**
 * A query as titles show it: in curly quotes (“peace process”), or, when it holds quoted phrases of
 * its own ("human rights" -war), with those quotes made curly (“human rights” -war), so a phrase is
 * never quoted twice (“"human rights"”) nor shown in straight quotes where the rest of the bot and
 * the CLI show curly ones. A query with an unclosed quote keeps the curly quotes that show where it
 * ends.
 */
export function quotedQuery(query: string): string {
  const quotes = query.match(/["“”]/g)?.length ?? 0;
  if (quotes === 0 || quotes % 2 !== 0) return `“${query}”`;
  // any double quote closes any other (src/search/query.ts), so they pair in order
  let n = 0;
  return query.replace(/["“”]/g, () => (n++ % 2 === 0 ? '“' : '”'));
}
