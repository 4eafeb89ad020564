/**
 * Incremental index update: the documents of some files leave the index and the documents loaded
 * again from those files (and from new files) enter it, without indexing the rest of the library
 * again. Only the entering passages are tokenized; the postings of the passages that stay are
 * renumbered and spliced (typed-array copies). The result equals a full build over the same
 * documents: same passage numbers, same postings, same scores (the "did you mean" surface word of
 * a term is kept from before, or taken from the entering passages for a new term).
 *
 * Everything that depends on the engine's data structures is in {@link applyChange}: re-target it
 * when the store or the frozen index change shape.
 */
import { resolveDocumentIds } from '../ingest/document-id.ts';
import { AcronymMiner } from './acronyms.ts';
import { betterSurface, partitionsOf, SURFACE_FORMS, surfaceEntry } from './build.ts';
import { INDEX_OPTIONS } from './options.ts';
import { documentFrequencies, FrozenIndex, type IndexArrays, type PartFrozen } from './frozen.ts';
import { PartitionIndex, type IndexedPassage } from './partition.ts';
import { documentPartitionKey, LibraryStore, type StoreArrays, type StoredDocument } from './store.ts';
import type { EngineState } from './state.ts';
import type { IngestReport, LibraryDocument, Problem } from '../types.ts';

/** What changed in the library since the state was built. */
export interface LibraryChange {
  /** Files (paths relative to the library root) whose documents leave the index: removed and changed files. */
  removedPaths: readonly string[];
  /** Documents to add: those of added and changed files, freshly loaded. */
  documents: readonly LibraryDocument[];
  /** The library's report after the change (its document and passage counts are recomputed here). */
  report: IngestReport;
  /** When the change was indexed (default: now). */
  indexedAt?: string;
}

/**
 * Applies `change` to `state` and returns a new state; `state` is not modified (an engine over it
 * keeps answering until the new one is swapped in). Document ids are settled as a full build
 * settles them (src/ingest/document-id.ts): an entering document may take its id from one that
 * stays (which then leaves), or lose it; the loser is reported in `report.skipped`. Cost: tokenizing the
 * entering passages, plus linear copies of the store and the postings.
 */
export function applyChange(state: EngineState, change: LibraryChange): EngineState {
  const years = INDEX_OPTIONS.partitionYears;
  const old = state.store;
  const leaving = new Set(change.removedPaths);
  for (const d of change.documents) leaving.add(d.path);

  // ids are settled as a full build settles them: an entering document may take an id from one that stays
  const staying = old.docs.filter((d) => !leaving.has(d.path));
  const byPath = (a: { path: string }, b: { path: string }): number => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);
  const lost = resolveDocumentIds<{ id: string; path: string }>([...staying, ...change.documents]);
  const kept = staying.filter((d) => !lost.has(d));
  const entering = change.documents.filter((d) => !lost.has(d)).sort(byPath);
  const rejected = [...lost.values()].sort(byPath);

  const keyOf = new Map<string, string>(kept.map((d) => [d.id, d.part]));
  for (const d of entering) keyOf.set(d.id, documentPartitionKey(d, years));
  const store = spliceStore(old, kept, entering, (id) => keyOf.get(id)!);

  // old passage number → new one (−1: leaving)
  const renumber = new Int32Array(old.size).fill(-1);
  const lenText = new Uint32Array(store.size);
  const lenMeta = new Uint32Array(store.size);
  const oa = state.index.a;
  for (const d of kept) {
    const to = store.docs[store.docNumber(d.id)!]!.first;
    for (let k = 0; k < d.count; k++) {
      renumber[d.first + k] = to + k;
      lenText[to + k] = oa.lenText[d.first + k]!;
      lenMeta[to + k] = oa.lenMeta[d.first + k]!;
    }
  }

  // the entering passages, indexed alone under their new numbers
  const counts = new Map<string, Map<string, number>>();
  const onWord = (term: string, folded: string): void => {
    let m = counts.get(term);
    if (!m) counts.set(term, (m = new Map()));
    m.set(folded, (m.get(folded) ?? 0) + 1);
  };
  const ranges = entering.map((d) => store.docs[store.docNumber(d.id)!]!);
  function* items(): Generator<IndexedPassage> {
    for (const r of ranges) for (let g = r.first; g < r.first + r.count; g++) yield { g, text: store.text(g), meta: store.metaText(g) };
  }
  const delta: PartFrozen = ranges.some((r) => r.count > 0)
    ? PartitionIndex.build(items(), onWord).freeze(lenText, lenMeta)
    : {
        terms: [],
        textOff: new Uint32Array(1),
        textG: new Int32Array(0),
        textTf: new Uint16Array(0),
        metaOff: new Uint32Array(1),
        metaG: new Int32Array(0),
        metaTf: new Uint16Array(0),
      };

  /** The entering passages' best surface word for a term (betterSurface), or undefined when they hold none. */
  const newSurface = (term: string): string | undefined => {
    const m = counts.get(term);
    if (!m) return undefined;
    let best = '';
    let bestN = -1;
    for (const [w, n] of m) if (bestN < 0 || betterSurface(w, n, best, bestN)) [best, bestN] = [w, n];
    return best;
  };
  /** The entering passages' surface entry for a term (surfaceEntry: the best word and the other written words). */
  const newEntry = (term: string): string | undefined => {
    const m = counts.get(term);
    return (
      m &&
      surfaceEntry(
        term,
        [...m].map(([w, n]) => ({ w, n })),
      )
    );
  };
  const index = new FrozenIndex(splice(state.index, renumber, delta, lenText, lenMeta, newSurface, newEntry));

  const partitions = partitionsOf(store);

  const report: IngestReport = {
    documents: store.docs.length,
    passages: store.size,
    skipped: mergeByPath(change.report.skipped, rejected),
    warnings: [...change.report.warnings],
  };
  // acronyms: the leaving passages' counts out, the entering passages' in
  const miner = AcronymMiner.from(state.acronymCounts);
  for (const d of old.docs) if (leaving.has(d.path) || lost.has(d)) for (let g = d.first; g < d.first + d.count; g++) miner.remove(old.text(g));
  for (const r of ranges) for (let g = r.first; g < r.first + r.count; g++) miner.add(store.text(g));
  const acronyms = miner.result();
  return { store, index, partitions, report, indexedAt: change.indexedAt ?? new Date().toISOString(), acronyms, acronymCounts: miner.counts() };
}

/**
 * The new store: the kept documents' passages copied byte for byte from the old store, the
 * entering ones packed by `LibraryStore.fromDocuments`, in the order a full build gives
 * (partition key, path, id).
 */
function spliceStore(
  old: LibraryStore,
  kept: readonly StoredDocument[],
  entering: readonly LibraryDocument[],
  keyOf: (id: string) => string,
): LibraryStore {
  const fresh = LibraryStore.fromDocuments(entering, (d) => keyOf(d.id));
  const order = [...kept.map((d) => ({ d, from: old })), ...fresh.docs.map((d) => ({ d, from: fresh }))].sort(
    (a, b) => cmp(keyOf(a.d.id), keyOf(b.d.id)) || cmp(a.d.path, b.d.path) || cmp(a.d.id, b.d.id),
  );
  const n = order.reduce((sum, o) => sum + o.d.count, 0);
  const oa = old.arrays;
  const fa = fresh.arrays;
  const textBytes = order.reduce((sum, { d, from }) => sum + from.arrays.textOff[d.first + d.count]! - from.arrays.textOff[d.first]!, 0);
  const idBytes = order.reduce((sum, { d, from }) => sum + from.arrays.idOff[d.first + d.count]! - from.arrays.idOff[d.first]!, 0);
  const a: StoreArrays = {
    text: new Uint8Array(textBytes),
    textOff: new Uint32Array(n + 1),
    ids: new Uint8Array(idBytes),
    idOff: new Uint32Array(n + 1),
    paragraph: new Uint32Array(n),
    ordinal: new Uint32Array(n),
    page: new Uint32Array(n),
    pageEnd: new Uint32Array(n),
    sectionTitle: new Int32Array(n),
    sectionDate: new Int32Array(n),
    dateFrom: new Int32Array(n),
    dateTo: new Int32Array(n),
  };
  // the old interned strings keep their numbers; the entering documents' follow them
  const strings = [...old.strings, ...fresh.strings];
  const shift = old.strings.length;
  const docs: StoredDocument[] = [];
  let g = 0;
  for (const { d, from } of order) {
    const src = from === old ? oa : fa;
    const [p, q] = [d.first, d.first + d.count];
    const blob = (bytes: 'text' | 'ids', offs: 'textOff' | 'idOff'): void => {
      const base = src[offs][p]!;
      const at = a[offs][g]!;
      a[bytes].set(from.blobRange(bytes, base, src[offs][q]!), at);
      for (let k = 1; k <= d.count; k++) a[offs][g + k] = at + src[offs][p + k]! - base;
    };
    blob('text', 'textOff');
    blob('ids', 'idOff');
    for (const key of ['paragraph', 'ordinal', 'page', 'pageEnd', 'dateFrom', 'dateTo'] as const) a[key].set(src[key].subarray(p, q), g);
    for (const key of ['sectionTitle', 'sectionDate'] as const) {
      if (from === old) a[key].set(src[key].subarray(p, q), g);
      else for (let k = 0; k < d.count; k++) a[key][g + k] = src[key][p + k]! < 0 ? -1 : src[key][p + k]! + shift;
    }
    const stored: StoredDocument = { id: d.id, path: d.path, meta: d.meta, first: g, count: d.count, part: d.part };
    if (d.statements?.length) stored.statements = d.statements;
    if (d.footnotes?.length) stored.footnotes = d.footnotes;
    if (d.footnoteMarks?.length) stored.footnoteMarks = d.footnoteMarks;
    if (d.heading) stored.heading = d.heading;
    docs.push(stored);
    g += d.count;
  }
  return new LibraryStore(docs, a, strings);
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The old postings with leaving passages dropped and the others renumbered, merged term by term
 * with the entering passages' postings (`delta`, already under new numbers).
 */
function splice(
  old: FrozenIndex,
  renumber: Int32Array,
  delta: PartFrozen,
  lenText: Uint32Array,
  lenMeta: Uint32Array,
  newSurface: (term: string) => string | undefined,
  newEntry: (term: string) => string | undefined,
): IndexArrays {
  const oa = old.a;
  // renumbering keeps the order of the passages that stay (documents sort by partition, path, id)
  let monotone = true;
  for (let g = 0, last = -1; g < renumber.length; g++) {
    const n = renumber[g]!;
    if (n < 0) continue;
    if (n < last) monotone = false;
    last = n;
  }

  const terms: string[] = [];
  const surfaces: string[] = [];
  const textOff: number[] = [0];
  const metaOff: number[] = [0];
  const textG = new Int32Array(oa.textG.length + delta.textG.length);
  const textTf = new Uint16Array(textG.length);
  const metaG = new Int32Array(oa.metaG.length + delta.metaG.length);
  const metaTf = new Uint16Array(metaG.length);
  let tn = 0;
  let mn = 0;

  const mergeField = (oid: number, did: number, field: 'text' | 'meta', outG: Int32Array, outTf: Uint16Array, at: number): number => {
    const start = at;
    let i = 0;
    let ie = 0;
    let og: Int32Array = new Int32Array(0);
    let otf: Uint16Array = new Uint16Array(0);
    if (oid >= 0) {
      const r = old.postings(oid, field);
      og = r.g;
      otf = r.tf;
      i = r.start;
      ie = r.end;
    }
    const dG = field === 'text' ? delta.textG : delta.metaG;
    const dTf = field === 'text' ? delta.textTf : delta.metaTf;
    const dOff = field === 'text' ? delta.textOff : delta.metaOff;
    let j = did >= 0 ? dOff[did]! : 0;
    const je = did >= 0 ? dOff[did + 1]! : 0;
    for (;;) {
      while (i < ie && renumber[og[i]!]! < 0) i++;
      const a = i < ie ? renumber[og[i]!]! : 0x7fffffff;
      const b = j < je ? dG[j]! : 0x7fffffff;
      if (a === 0x7fffffff && b === 0x7fffffff) break;
      if (a < b) {
        outG[at] = a;
        outTf[at++] = otf[i++]!;
      } else {
        outG[at] = b;
        outTf[at++] = dTf[j++]!;
      }
    }
    if (!monotone && at - start > 1) {
      const idx = Array.from({ length: at - start }, (_, k) => start + k).sort((x, y) => outG[x]! - outG[y]!);
      const gs = idx.map((k) => outG[k]!);
      const fs = idx.map((k) => outTf[k]!);
      outG.set(gs, start);
      outTf.set(fs, start);
    }
    return at;
  };

  let oi = 0;
  let di = 0;
  while (oi < old.termCount || di < delta.terms.length) {
    const ot = oi < old.termCount ? old.term(oi) : undefined;
    const dt = di < delta.terms.length ? delta.terms[di]! : undefined;
    let term: string;
    let oid = -1;
    let did = -1;
    if (dt === undefined || (ot !== undefined && ot < dt)) {
      term = ot!;
      oid = oi++;
    } else if (ot === undefined || dt < ot) {
      term = dt;
      did = di++;
    } else {
      term = ot;
      oid = oi++;
      did = di++;
    }
    const t0 = tn;
    const m0 = mn;
    tn = mergeField(oid, did, 'text', textG, textTf, tn);
    mn = mergeField(oid, did, 'meta', metaG, metaTf, mn);
    if (tn === t0 && mn === m0) continue; // every passage holding it left
    terms.push(term);
    // as a full build chooses: a word written closed wins over a hyphenated compound's form, then the old surface stays
    // (with its other written words); a new term's entry is the entering passages'
    const s = oid >= 0 ? old.surface(oid) : undefined;
    const n = newSurface(term);
    if (s !== undefined && (!s.includes('-') || n === undefined || n.includes('-'))) {
      // the old surface stays; the entering passages' written words join its other forms
      const fresh = newEntry(term);
      surfaces.push(fresh === undefined ? old.surfaceEntry(oid) : mergedEntry(term, old.surfaceEntry(oid), fresh));
    } else surfaces.push(newEntry(term) ?? '');
    textOff.push(tn);
    metaOff.push(mn);
  }

  const T = terms.length;
  const tOff = Uint32Array.from(textOff);
  const mOff = Uint32Array.from(metaOff);
  const tG = textG.slice(0, tn);
  const mG = metaG.slice(0, mn);
  const df = documentFrequencies(T, tOff, tG, mOff, mG);
  const enc = new TextEncoder();
  return {
    terms: enc.encode(terms.join('\n')),
    surface: enc.encode(surfaces.join('\n')),
    df,
    textOff: tOff,
    textG: tG,
    textTf: textTf.slice(0, tn),
    metaOff: mOff,
    metaG: mG,
    metaTf: metaTf.slice(0, mn),
    lenText,
    lenMeta,
  };
}

/**
 * `extra` (sorted by path) placed into `report` (in path order, as a full build or a live update
 * lists it), each after the lines of its file: the order a full build gives.
 */
function mergeByPath(report: readonly Problem[], extra: readonly Problem[]): Problem[] {
  const out: Problem[] = [];
  let i = 0;
  for (const p of report) {
    while (i < extra.length && extra[i]!.path < p.path) out.push(extra[i++]!);
    out.push(p);
  }
  return [...out, ...extra.slice(i)];
}

/**
 * A term's surface entry after an update: the old entry's surface, then its other written words and
 * the entering passages' (`fresh`, a {@link surfaceEntry}), each once, at most SURFACE_FORMS.max of
 * them, the old ones first. A full build counts every passage, so it may keep other words (or order
 * them otherwise); a typo of a word only the new passages write is corrected all the same.
 */
function mergedEntry(term: string, oldEntry: string, fresh: string): string {
  const [first = '', ...forms] = oldEntry.split('\t');
  const [freshFirst = '', ...freshForms] = fresh.split('\t');
  const surface = first || term;
  const others: string[] = [];
  for (const w of [...forms, freshFirst || term, ...freshForms])
    if (w && w !== surface && !w.includes('-') && !others.includes(w) && others.length < SURFACE_FORMS.max) others.push(w);
  return [first, ...others].join('\t');
}
