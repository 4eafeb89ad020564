/**
 * What the library holds, apart from ranking: its documents, the facets (countries, speakers,
 * sessions, documents, organisations) with their passage counts for autocomplete and filters, and
 * "did you mean" corrections for words not in the vocabulary.
 */
import { typoEdits } from './ranking/words.ts';
import { fold } from '../index/analyzer.ts';
import type { StoredDocument } from '../index/store.ts';
import type { DocumentSummary, Facet, FacetValue } from '../types.ts';
import type { Corpus } from './corpus.ts';
import { facetEntries, speakerKey, withoutHonorific } from './speakers.ts';
import { parseQuery, type ParsedQuery } from './query.ts';

const FACETS: readonly Facet[] = ['country', 'speaker', 'session', 'document', 'organisation'];

/** Every facet's values, most frequent first (what {@link libraryFacets} computes). */
export type LibraryFacets = Array<[Facet, FacetValue[]]>;

export class Catalog {
  private readonly facets: Map<Facet, FacetValue[]>;

  /** `facets`: computed beforehand (by a live update's worker thread), else computed here. */
  constructor(
    private readonly c: Corpus,
    facets?: LibraryFacets,
  ) {
    this.facets = new Map(facets ?? libraryFacets(c.store.docs));
  }

  documents(filter?: string): DocumentSummary[] {
    const f = filter ? fold(filter).trim() : '';
    // A record is found by who speaks in it too: `/sources Colombia` lists the records where Colombia speaks.
    const haystack = (d: StoredDocument): string =>
      fold(
        `${d.id} ${d.meta.title ?? ''} ${d.path} ${d.meta.symbol ?? ''} ${(d.statements ?? []).map((s) => `${s.speaker} ${s.countryName ?? ''} ${s.country ?? ''} ${s.organisation ?? ''}`).join(' ')}`,
      );
    return this.c.store.docs.filter((d) => !f || haystack(d).includes(f)).map(summary);
  }

  document(id: string): DocumentSummary | undefined {
    const i = this.c.store.docNumber(id);
    return i === undefined ? undefined : summary(this.c.store.docs[i]!);
  }

  /** Values of a facet whose label (a word of it) or value starts with `prefix`, most frequent first. */
  facet(facet: Facet, prefix: string, limit: number): FacetValue[] {
    const p = fold(prefix).trim();
    // several words ("Colombia 2016") or a part of an id ("COL_71" in 2016/COL_71_2016): each must start a word
    const tokens = p.split(/[\s,]+/).filter(Boolean);
    const out: FacetValue[] = [];
    for (const v of this.facetValues(facet)) {
      if (out.length >= limit) break;
      if (!p || startsWord(fold(v.label), p) || fold(v.value).startsWith(p) || everyStartsAWord(`${v.label} ${v.value}`, tokens)) out.push(v);
    }
    return out;
  }

  /** Every value of a facet, most frequent first. */
  facetValues(facet: Facet): FacetValue[] {
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
      const best = c
        .closeTerms(w.term, edits)
        .filter((x) => x.df > 0)
        .sort((a, b) => a.distance - b.distance || b.df - a.df || (a.term < b.term ? -1 : 1))[0];
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

/** The facets of a library's documents (countries, speakers, sessions, documents, organisations) with their passage counts. */
export function libraryFacets(docs: readonly StoredDocument[]): LibraryFacets {
  const add = (m: Map<string, FacetValue>, value: string | undefined, label: string | undefined, count: number): void => {
    if (!value) return;
    const v = m.get(value);
    if (v) v.count += count;
    else m.set(value, { value, label: label ?? value, count });
  };
  const maps = new Map<Facet, Map<string, FacetValue>>(FACETS.map((f) => [f, new Map()]));
  // One speaker however spelled ("Mr. Juan Manuel Santos Calderón", "Juan Manuel Santos Calderon"):
  // passages counted per spelling, shown as the most frequent one without its form of address.
  const spellings = new Map<string, Map<string, number>>();
  for (const d of docs) {
    const m = d.meta;
    // Country, speaker and organisation count who speaks in each passage (a record's statements).
    for (const f of ['country', 'organisation'] as const) {
      for (const [value, label, n] of facetEntries(d, f)) add(maps.get(f)!, value, label, n);
    }
    for (const [value, , n] of facetEntries(d, 'speaker')) {
      const key = speakerKey(value) || value;
      const forms = spellings.get(key) ?? new Map<string, number>();
      const shown = withoutHonorific(value);
      forms.set(shown, (forms.get(shown) ?? 0) + n);
      spellings.set(key, forms);
    }
    add(maps.get('session')!, m.session, m.session, d.count);
    add(maps.get('document')!, d.id, m.title, d.count);
  }
  for (const forms of spellings.values()) {
    const ranked = [...forms].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    const shown = ranked[0]![0];
    maps.get('speaker')!.set(shown, { value: shown, label: shown, count: ranked.reduce((t, [, n]) => t + n, 0) });
  }
  const out: LibraryFacets = [];
  for (const [f, m] of maps) {
    out.push([f, [...m.values()].sort((a, b) => b.count - a.count || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0))]);
  }
  return out;
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
