/**
 * What the library holds, apart from ranking: its documents, the facets (countries, speakers,
 * sessions, documents, organisations) with their passage counts for autocomplete and filters, and
 * "did you mean" corrections for words not in the vocabulary.
 */
import { typoCandidates, typoEdits } from './ranking/words.ts';
import { fold } from '../index/analyzer.ts';
import type { StoredDocument } from '../index/store.ts';
import type { DocumentSummary, Facet, FacetValue } from '../types.ts';
import type { Corpus } from './corpus.ts';
import { facetEntries } from './speakers.ts';
import { peopleOf } from './people.ts';
import { parseQuery, type ParsedQuery } from './query.ts';
import { valueMatcher } from './filter-values.ts';
import { normalizeCountry } from '../ingest/country.ts';
import { QueryError } from '../types.ts';

const FACETS: readonly Facet[] = ['country', 'speaker', 'session', 'document', 'organisation'];

/** Every facet's values, most frequent first (what {@link libraryFacets} computes). */
export type LibraryFacets = Array<[Facet, FacetValue[]]>;

export class Catalog {
  private readonly facets: Map<Facet, FacetValue[]>;

  /**
   * `facets`: computed beforehand (by a live update's worker thread), else computed here; the
   * speakers on first use (grouping spellings into people takes a moment that opening the library need not wait for).
   */
  constructor(
    private readonly c: Corpus,
    facets?: LibraryFacets,
  ) {
    this.facets = new Map(facets ?? libraryFacets(c.store.docs, { speakers: false }));
  }

  /**
   * The documents `filter` finds (every one without a filter), as {@link documentMatches} reads it,
   * in the order /sources lists them ({@link listOrder}): newest first, undated last.
   */
  documents(filter?: string): DocumentSummary[] {
    const words = findWords(filter ?? '');
    return this.listed()
      .filter((d) => documentMatches(d, words))
      .map(summary);
  }

  /** The library's documents in list order, sorted once (the store does not change under a catalog). */
  private listed(): readonly StoredDocument[] {
    return (this.inListOrder ??= [...this.c.store.docs].sort(listOrder));
  }
  private inListOrder: StoredDocument[] | undefined;

  document(id: string): DocumentSummary | undefined {
    const i = this.c.store.docNumber(id);
    return i === undefined ? undefined : summary(this.c.store.docs[i]!);
  }

  /**
   * The one document `text` names ({@link namedDocument}), or undefined when it names none.
   * @throws QueryError when it names several, saying which.
   */
  named(text: string): DocumentSummary | undefined {
    const d = namedDocument(this.c.store.docs, text);
    return d && summary(d);
  }

  /** Values of a facet whose label (a word of it), value or other spelling (a speaker's) starts with `prefix`, most frequent first. */
  facet(facet: Facet, prefix: string, limit: number): FacetValue[] {
    const p = fold(prefix).trim();
    if (facet === 'document') return this.documentChoices(p, limit);
    // several words ("Colombia 2016") or a part of an id ("COL_71" in 2016/COL_71_2016): each must start a word
    const tokens = p.split(/[\s,]+/).filter(Boolean);
    const out: FacetValue[] = [];
    for (const v of this.facetValues(facet)) {
      if (out.length >= limit) break;
      if (!p || startsWord(fold(v.label), p) || fold(v.value).startsWith(p) || everyStartsAWord(`${v.label} ${v.value}`, tokens)) out.push(v);
      // a speaker by another of their spellings ("Joe Biden" finds Joseph R. Biden)
      else if (v.spellings?.some((s) => startsWord(fold(s), p) || everyStartsAWord(s, tokens))) out.push(v);
    }
    return out;
  }

  /**
   * Documents as /sources finds them ({@link documentMatches}), most passages first: those whose
   * own name holds the words (id, title, symbol, country, speaker) before those where someone
   * speaking holds them.
   */
  private documentChoices(text: string, limit: number): FacetValue[] {
    const words = findWords(text);
    const own: FacetValue[] = [];
    const others: FacetValue[] = [];
    const { store } = this.c;
    for (const v of this.facetValues('document')) {
      if (own.length >= limit) break;
      const i = store.docNumber(v.value);
      const d = i === undefined ? undefined : store.docs[i];
      if (!d) continue;
      if (documentMatches(d, words, 'own')) own.push(v);
      else if (documentMatches(d, words)) others.push(v);
    }
    return [...own, ...others].slice(0, limit);
  }

  /** Every value of a facet, most frequent first. */
  facetValues(facet: Facet): FacetValue[] {
    if (facet === 'speaker' && !this.facets.has('speaker')) this.facets.set('speaker', speakerFacet(this.c.store.docs));
    return this.facets.get(facet) ?? [];
  }

  /** The query with each word absent from the vocabulary replaced by its closest frequent term's usual spelling. */
  suggest(query: string): string | undefined {
    let parsed: ParsedQuery;
    try {
      parsed = parseQuery(query);
    } catch {
      return undefined;
    }
    const { c } = this;
    let out = query;
    let changed = false;
    for (const w of parsed.words) {
      const folded = fold(w.raw);
      const edits = typoEdits(w.term, folded, 7);
      if (folded.length < 4 || /^\p{N}/u.test(folded) || c.df(w.term) > 0 || edits === 0) continue;
      const best = typoCandidates(c, w.term, folded, edits, 1, true)[0];
      if (!best) continue;
      const word = c.index.surface(c.index.termId(best.term));
      const re = new RegExp(`(?<![\\p{L}\\p{N}])${escapeRe(w.raw)}(?![\\p{L}\\p{N}])`, 'u');
      if (re.test(out)) {
        out = out.replace(re, word);
        changed = true;
      }
    }
    return changed && out !== query ? out : undefined;
  }
}

/**
 * What a document is found by, folded: its id and file, title, symbol, country (code and name),
 * speaker and organisation; with `'all'`, who speaks in it too (a record's statements: `/sources
 * Colombia` lists the records where Colombia speaks).
 */
function findableText(d: StoredDocument, what: 'own' | 'all'): string {
  let texts = findable.get(d);
  if (!texts) findable.set(d, (texts = {}));
  return (texts[what] ??= findableTextOf(d, what));
}

/** Each document's {@link findableText}, kept (the document autocomplete reads every document at each key typed). */
const findable = new WeakMap<StoredDocument, { own?: string; all?: string }>();

function findableTextOf(d: StoredDocument, what: 'own' | 'all'): string {
  const m = d.meta;
  // the name the document gives its country (Dahomey, 1970) and today's (Benin) both find it
  const own = [d.id, d.path, m.title, m.symbol, m.country, m.countryName, normalizeCountry(m.country ?? '')?.name, m.speaker, m.organisation];
  const voices = what === 'own' ? [] : (d.statements ?? []).flatMap((s) => [s.speaker, s.countryName, s.country, s.organisation]);
  return fold([...own, ...voices].filter(Boolean).join(' '));
}

/** The words of a text that finds documents: split at spaces and commas, folded. */
function findWords(text: string): string[] {
  return fold(text)
    .split(/[\s,]+/)
    .filter(Boolean);
}

/**
 * Whether `d` is a document `words` find (see {@link findWords}): each word is part of what the
 * document is found by ({@link findableText}; `'own'`: leaving out who speaks in it). No word finds
 * every document. /sources, the document autocomplete and a document named by what people know
 * ({@link documentsNamed}) all read documents this way.
 */
export function documentMatches(d: StoredDocument, words: readonly string[], what: 'own' | 'all' = 'all'): boolean {
  if (!words.length) return true;
  const text = findableText(d, what);
  return words.every((w) => startsAWord(text, w));
}

/** Whether `text` holds `w` where a word starts (`mali` is not in "somalia", `a/res/55` is in "a/res/55/2"). */
function startsAWord(text: string, w: string): boolean {
  for (let i = text.indexOf(w); i >= 0; i = text.indexOf(w, i + 1)) if (i === 0 || !/[\p{L}\p{N}]/u.test(text[i - 1]!)) return true;
  return false;
}

/** A text written as a UN document symbol (`A/RES/55/2`, `E/CN.7/2021/12`): it names that symbol's documents or none. */
const SYMBOL_SHAPE = /^[A-Z]{1,6}(?:\/[A-Z0-9.()\s-]+){2,}$/i;

/** How {@link documentsNamed} read a text: as an id, a symbol, a title, words of a document's own name, or words of who speaks in it. */
export type NamedBy = 'id' | 'symbol' | 'title' | 'name' | 'speakers';

/**
 * The documents `text` names, the narrowest reading that names any: the document with that id;
 * else those with that UN symbol (any case; `S/PV.8699` names its resumptions too, as `symbol:`
 * reads it); else those with that title (case and accents aside); else those whose own name holds
 * every word (id, title, symbol, country, speaker: `Mexico`, `A/RES/55`, `Millennium`); else those
 * where someone speaking does (`Philippines`: the records where the Philippines speak).
 */
export function documentsNamed(docs: readonly StoredDocument[], text: string): { docs: StoredDocument[]; by: NamedBy } {
  const t = text.trim();
  const byId = docs.filter((d) => d.id === t);
  if (byId.length) return { docs: byId, by: 'id' };
  const symbol = valueMatcher('symbol', t);
  const bySymbol = docs.filter((d) => symbol(d.meta.symbol));
  // a symbol no document has names none: not A/RES/55/25 for A/RES/55/2, by its name's words
  if (bySymbol.length || (SYMBOL_SHAPE.test(t) && /\d/.test(t))) return { docs: bySymbol, by: 'symbol' };
  const title = fold(t);
  const byTitle = docs.filter((d) => d.meta.title !== undefined && fold(d.meta.title).trim() === title);
  if (byTitle.length) return { docs: byTitle, by: 'title' };
  const words = findWords(t);
  if (!words.length) return { docs: [], by: 'name' };
  const byName = docs.filter((d) => documentMatches(d, words, 'own'));
  if (byName.length) return { docs: byName, by: 'name' };
  return { docs: docs.filter((d) => documentMatches(d, words)), by: 'speakers' };
}

/**
 * The one document `text` names ({@link documentsNamed}), or undefined when it names none.
 * @throws QueryError when it names several: which (the first five by id, with their titles), and to pick one
 * (a symbol that several documents share, such as a resolution's language versions, can be
 * searched whole with `symbol:`).
 */
export function namedDocument(docs: readonly StoredDocument[], text: string): StoredDocument | undefined {
  const named = documentsNamed(docs, text);
  if (named.docs.length <= 1) return named.docs[0];
  const shown = [...named.docs]
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .slice(0, 5)
    .map((d) => (d.meta.title ? `${d.id} (${clip(d.meta.title, 60)})` : d.id));
  const more = named.docs.length > shown.length ? `, and ${named.docs.length - shown.length} more` : '';
  const all = named.by === 'symbol' ? ` (symbol:${text.trim()} finds them all)` : '';
  throw new QueryError(`“${text.trim()}” names ${named.docs.length} documents: ${shown.join(', ')}${more} — pick one${all}.`);
}

function clip(s: string, max: number): string {
  return s.length <= max ? s : `${s.slice(0, max - 1).trimEnd()}…`;
}

/**
 * The facets of a library's documents (countries, speakers, sessions, documents, organisations) with
 * their passage counts; with `speakers: false`, all but the speakers ({@link speakerFacet}).
 */
export function libraryFacets(docs: readonly StoredDocument[], options: { speakers?: boolean } = {}): LibraryFacets {
  const add = (m: Map<string, FacetValue>, value: string | undefined, label: string | undefined, count: number): void => {
    if (!value) return;
    const v = m.get(value);
    if (v) v.count += count;
    else m.set(value, { value, label: label ?? value, count });
  };
  const maps = new Map<Facet, Map<string, FacetValue>>(FACETS.filter((f) => f !== 'speaker').map((f) => [f, new Map()]));
  for (const d of docs) {
    const m = d.meta;
    // Country and organisation count who speaks in each passage (a record's statements).
    for (const f of ['country', 'organisation'] as const) {
      for (const [value, label, n] of facetEntries(d, f)) add(maps.get(f)!, value, label, n);
    }
    add(maps.get('session')!, m.session, m.session, d.count);
    add(maps.get('document')!, d.id, m.title, d.count);
  }
  const out: LibraryFacets = [];
  for (const [f, m] of maps) out.push([f, byCount([...m.values()])]);
  if (options.speakers !== false) out.push(['speaker', speakerFacet(docs)]);
  return out;
}

/**
 * The speakers of a library's documents with their passage counts: one speaker however spelled ("Mr.
 * PAHR", "Pahr"; "Joe Biden", "Joseph R. Biden"), each person once, shown as src/search/people.ts names
 * them, with their other spellings; people of one name (in two countries) are one value.
 */
function speakerFacet(docs: readonly StoredDocument[]): FacetValue[] {
  const speakers = new Map<string, FacetValue>();
  for (const p of peopleOf(docs).persons) {
    const v = speakers.get(p.label);
    const others = [...p.spellings.keys()].filter((s) => s !== p.label);
    if (v) {
      v.count += p.passages;
      v.spellings = [...new Set([...(v.spellings ?? []), ...others])];
    } else speakers.set(p.label, { value: p.label, label: p.label, count: p.passages, ...(others.length ? { spellings: others } : {}) });
  }
  return byCount([...speakers.values()]);
}

/** Facet values most frequent first, then by label. */
function byCount(values: FacetValue[]): FacetValue[] {
  return values.sort((a, b) => b.count - a.count || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0));
}

/**
 * The order of a list of documents: newest first by date (`2021-10-19` before `2021`, a year alone
 * before the years under it), undated last; on the same date (or undated) by title, then id.
 */
function listOrder(a: StoredDocument, b: StoredDocument): number {
  const da = a.meta.date ?? '';
  const db = b.meta.date ?? '';
  if (da !== db) return da < db ? 1 : -1;
  return (a.meta.title ?? a.id).localeCompare(b.meta.title ?? b.id, 'en') || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

function summary(d: StoredDocument): DocumentSummary {
  const out: DocumentSummary = { id: d.id, path: d.path, meta: d.meta, passages: d.count };
  if (d.statements?.length) {
    out.statements = d.statements.length;
    const seen = new Set<string>();
    for (const s of d.statements) {
      const where = s.countryName ?? s.organisation;
      seen.add(!where ? s.speaker : s.kind === 'reported' ? `${s.speaker}, ${where}` : `${s.speaker} (${where})`);
    }
    out.speakers = [...seen];
  }
  return out;
}

function startsWord(label: string, prefix: string): boolean {
  if (label.startsWith(prefix)) return true;
  for (let i = label.indexOf(' '); i >= 0; i = label.indexOf(' ', i + 1)) if (label.startsWith(prefix, i + 1)) return true;
  return false;
}

function everyStartsAWord(text: string, tokens: readonly string[]): boolean {
  if (!tokens.length) return false;
  const words = fold(text).split(/[\s/(),.;:-]+/);
  return tokens.every((t) => words.some((w) => w.startsWith(t)));
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
