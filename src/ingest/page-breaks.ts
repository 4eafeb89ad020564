/**
 * Pages of a piece of a paragraph. A PDF paragraph over a page break knows where in its text each
 * later page begins (`pageBreaks`); a piece of it (a speaker's turn cut out of it, a part of a long
 * paragraph) spans only the pages its own characters stand on, and two pieces joined keep theirs.
 */
import type { PageBreak } from '../types.ts';

/** What a paragraph (or block) knows of its pages. */
export interface Paged {
  page?: number;
  pageEnd?: number;
  pageBreaks?: PageBreak[];
}

/**
 * The pages of characters [from, to) of a paged text: the page its first character stands on, the
 * last page (only when later) and the page breaks inside, counted from `from`. Without page breaks
 * (a paragraph from another reader) the piece has the paragraph's pages, as before.
 */
export function pagesOfSlice(p: Paged, from: number, to: number): Paged {
  const breaks = p.pageBreaks ?? [];
  if (p.page === undefined || !breaks.length) return withPages<Paged>({}, p.page, p.pageEnd);
  let page = p.page;
  let end = p.page;
  const inside: PageBreak[] = [];
  for (const b of breaks) {
    if (b.at <= from) page = b.page;
    if (b.at < to) end = b.page;
    if (b.at > from && b.at < to) inside.push({ at: b.at - from, page: b.page });
  }
  const out = withPages<Paged>({}, page, end);
  if (inside.length) out.pageBreaks = inside;
  return out;
}

/** Gives `target` (a copy of `p` holding characters [from, to) of its text) the pages of that slice. */
export function takeSlicePages<T extends Paged>(target: T, p: Paged, from: number, to: number): T {
  delete target.pageBreaks;
  const pages = pagesOfSlice(p, from, to);
  withPages(target, pages.page, pages.pageEnd);
  if (pages.pageBreaks) target.pageBreaks = pages.pageBreaks;
  return target;
}

/** Where `text` (a slice of `whole`, trimmed) stands in it, from `cursor` on; the cursor if not found verbatim. */
export function offsetIn(whole: string, text: string, cursor: number): number {
  const at = whole.indexOf(text, cursor);
  return at >= 0 ? at : Math.min(cursor, whole.length);
}

/**
 * The pages of `a` followed by `b`, whose text starts at character `offset` of the joined text:
 * a page break where `b` starts on a later page than `a` ends, and `b`'s own breaks moved along.
 */
export function joinPages(a: Paged, b: Paged, offset: number): Paged {
  const page = a.page ?? b.page;
  const aEnd = a.pageEnd ?? a.page;
  const breaks = [...(a.pageBreaks ?? [])];
  if (b.page !== undefined && aEnd !== undefined && b.page > aEnd) breaks.push({ at: offset, page: b.page });
  for (const x of b.pageBreaks ?? []) breaks.push({ at: x.at + offset, page: x.page });
  const bEnd = b.pageEnd ?? b.page;
  const end = Math.max(aEnd ?? page ?? 0, bEnd ?? 0) || undefined;
  const out = withPages<Paged>({}, page, end);
  if (breaks.length && out.pageEnd !== undefined) out.pageBreaks = breaks;
  return out;
}

/** Sets `page` and `pageEnd` (only when later than `page`) on `target`. */
export function withPages<T extends Paged>(target: T, page: number | undefined, pageEnd: number | undefined): T {
  delete target.page;
  delete target.pageEnd;
  if (page !== undefined) target.page = page;
  if (page !== undefined && pageEnd !== undefined && pageEnd > page) target.pageEnd = pageEnd;
  return target;
}
