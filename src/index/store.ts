/**
 * The compact store beside the index: documents and passages in one global order (documents by
 * partition, then path; passages in document order), their effective dates, and the lookups the
 * engine needs. Passage text and ids live in UTF-8 blobs with offsets (decoded on demand), not in
 * 400,000 JS objects, so the store loads from the cache as a handful of buffers.
 */
import { closeSync, readSync } from 'node:fs';
import type { DocumentMeta, LibraryDocument, Passage, Statement } from '../types.ts';
import { commonNames } from '../ingest/country.ts';
import { statementOf } from '../ingest/statements.ts';

export interface StoredDocument {
  id: string;
  path: string;
  meta: DocumentMeta;
  /** Global number of the document's first passage; its passages are first … first+count-1. */
  first: number;
  count: number;
  /** Its partition key (documents of one partition are contiguous). */
  part: string;
  /** Speakers' statements (passage ordinals within the document), when it has any. */
  statements?: Statement[];
  /** Ordinals of its footnote passages (see LibraryDocument.footnotes), when it has any. */
  footnotes?: number[];
  /** Their printed marks, in the same order (see LibraryDocument.footnoteMarks), when any is known. */
  footnoteMarks?: string[];
  /** How many of its first passages are a statement's heading (see LibraryDocument.heading), when any. */
  heading?: number;
}

/** `YYYY`, `YYYY-MM` or `YYYY-MM-DD` → first day (`YYYY-MM-DD`). */
export function dayStart(date: string): string {
  if (/^\d{4}$/.test(date)) return `${date}-01-01`;
  if (/^\d{4}-\d{2}$/.test(date)) return `${date}-01`;
  return date.slice(0, 10);
}

/** `YYYY`, `YYYY-MM` or `YYYY-MM-DD` → last day, good enough for comparison (`-31`). */
export function dayEnd(date: string): string {
  if (/^\d{4}$/.test(date)) return `${date}-12-31`;
  if (/^\d{4}-\d{2}$/.test(date)) return `${date}-31`;
  return date.slice(0, 10);
}

/** `YYYY-MM-DD` → the number YYYYMMDD (0 for '' or unreadable), so dates compare as integers. */
export function dayNumber(day: string): number {
  const n = Number(day.slice(0, 10).replace(/-/g, ''));
  return Number.isFinite(n) && day ? n : 0;
}

/** The store's arrays: what the cache persists (all transferable between threads). */
export interface StoreArrays {
  /** UTF-8 passage texts, back to back; passage g is textOff[g] … textOff[g+1]. */
  text: Uint8Array;
  textOff: Uint32Array;
  /** UTF-8 passage ids, likewise. */
  ids: Uint8Array;
  idOff: Uint32Array;
  paragraph: Uint32Array;
  ordinal: Uint32Array;
  /** 1-based page, 0 when none. */
  page: Uint32Array;
  /** Last page when the passage runs over a page break, else 0. */
  pageEnd: Uint32Array;
  /** Index into `strings` of the section title / section date, −1 when none. */
  sectionTitle: Int32Array;
  sectionDate: Int32Array;
  /** Effective date range of each passage (section date, else the document's) as YYYYMMDD, 0 when undated. */
  dateFrom: Int32Array;
  dateTo: Int32Array;
}

const utf8 = new TextEncoder();

/** Grows a byte buffer as texts are appended. */
class ByteBuilder {
  buf = new Uint8Array(1 << 16);
  length = 0;
  add(s: string): void {
    const need = this.length + s.length * 3;
    if (need > this.buf.length) {
      const next = new Uint8Array(Math.max(need, this.buf.length * 2));
      next.set(this.buf.subarray(0, this.length));
      this.buf = next;
    }
    this.length += utf8.encodeInto(s, this.buf.subarray(this.length)).written;
  }
  done(): Uint8Array {
    return this.buf.slice(0, this.length);
  }
}

function decode(blob: Uint8Array, a: number, b: number): string {
  return Buffer.from(blob.buffer, blob.byteOffset + a, b - a).toString('utf8');
}

/** Passage text left in the cache file: read on demand at `offset` + textOff[g] of file `fd`. */
export interface TextFile {
  fd: number;
  offset: number;
}

/** Closes a text file's descriptor once no store uses it. */
const closer = new FinalizationRegistry<number>((fd) => {
  try {
    closeSync(fd);
  } catch {
    // already closed
  }
});

export class LibraryStore {
  readonly docs: StoredDocument[];
  readonly arrays: StoreArrays;
  /** Interned section titles and dates. */
  readonly strings: string[];
  /** Passages in the library. */
  readonly size: number;
  /** Document number of each passage. */
  readonly docOf: Int32Array;
  /** Where the text is when `arrays.text` does not hold it (a store loaded from the cache). */
  readonly textFile: TextFile | undefined;
  private passageById: Map<string, number> | undefined;
  /** Set once {@link release} closed the text file: reading text then fails rather than read a reused descriptor. */
  private released = false;
  private readonly docById = new Map<string, number>();
  private scratch = Buffer.allocUnsafe(0);

  /**
   * `textFile`: the passage text stays in that file (read per passage, on demand) and
   * `arrays.text` is empty; the descriptor is closed when the store is garbage-collected.
   */
  constructor(docs: StoredDocument[], arrays: StoreArrays, strings: string[], textFile?: TextFile) {
    this.docs = docs;
    this.arrays = arrays;
    this.strings = strings;
    this.textFile = textFile;
    if (textFile) closer.register(this, textFile.fd, this);
    this.size = arrays.textOff.length - 1;
    this.docOf = new Int32Array(this.size);
    docs.forEach((d, i) => {
      this.docById.set(d.id, i);
      this.docOf.fill(i, d.first, d.first + d.count);
    });
  }

  /**
   * Orders documents by `group` (the partition key of their date), then path and id, numbers their
   * passages globally and packs them. `group` keeps each partition a contiguous range of passages.
   */
  static fromDocuments(documents: readonly LibraryDocument[], group: (d: LibraryDocument) => string = () => ''): LibraryStore {
    const keyed = documents.map((d) => ({ d, k: group(d) }));
    keyed.sort((a, b) => cmp(a.k, b.k) || cmp(a.d.path, b.d.path) || cmp(a.d.id, b.d.id));
    const n = documents.reduce((s, d) => s + d.passages.length, 0);
    const docs: StoredDocument[] = [];
    const text = new ByteBuilder();
    const ids = new ByteBuilder();
    const a: StoreArrays = {
      text: new Uint8Array(0),
      textOff: new Uint32Array(n + 1),
      ids: new Uint8Array(0),
      idOff: new Uint32Array(n + 1),
      paragraph: new Uint32Array(n),
      ordinal: new Uint32Array(n),
      page: new Uint32Array(n),
      pageEnd: new Uint32Array(n),
      sectionTitle: new Int32Array(n).fill(-1),
      sectionDate: new Int32Array(n).fill(-1),
      dateFrom: new Int32Array(n),
      dateTo: new Int32Array(n),
    };
    const strings: string[] = [];
    const interned = new Map<string, number>();
    const intern = (s: string): number => {
      let i = interned.get(s);
      if (i === undefined) interned.set(s, (i = strings.push(s) - 1));
      return i;
    };
    let g = 0;
    for (const { d, k } of keyed) {
      const ps = [...d.passages].sort((x, y) => x.ordinal - y.ordinal);
      const stored: StoredDocument = { id: d.id, path: d.path, meta: d.meta, first: g, count: ps.length, part: k };
      if (d.statements?.length) stored.statements = d.statements;
      if (d.footnotes?.length) stored.footnotes = d.footnotes;
      if (d.footnoteMarks?.length) stored.footnoteMarks = d.footnoteMarks;
      if (d.heading) stored.heading = d.heading;
      docs.push(stored);
      const docFrom = d.meta.date ? dayNumber(dayStart(d.meta.date)) : 0;
      const docTo = d.meta.date ? dayNumber(dayEnd(d.meta.dateEnd ?? d.meta.date)) : 0;
      for (const p of ps) {
        text.add(p.text);
        a.textOff[g + 1] = text.length;
        ids.add(p.id);
        a.idOff[g + 1] = ids.length;
        a.paragraph[g] = p.paragraph;
        a.ordinal[g] = p.ordinal;
        a.page[g] = p.page ?? 0;
        a.pageEnd[g] = p.pageEnd ?? 0;
        if (p.sectionTitle !== undefined) a.sectionTitle[g] = intern(p.sectionTitle);
        if (p.sectionDate !== undefined) a.sectionDate[g] = intern(p.sectionDate);
        if (p.sectionDate) {
          a.dateFrom[g] = dayNumber(dayStart(p.sectionDate));
          a.dateTo[g] = dayNumber(dayEnd(p.sectionDate));
        } else {
          a.dateFrom[g] = docFrom;
          a.dateTo[g] = docTo;
        }
        g++;
      }
    }
    a.text = text.done();
    a.ids = ids.done();
    return new LibraryStore(docs, a, strings);
  }

  /** The text of passage `g`. */
  text(g: number): string {
    const { text, textOff } = this.arrays;
    if (!this.textFile) return decode(text, textOff[g]!, textOff[g + 1]!);
    const n = textOff[g + 1]! - textOff[g]!;
    if (this.scratch.length < n) this.scratch = Buffer.allocUnsafe(Math.max(n, 64 * 1024));
    this.readText(this.scratch, textOff[g]!, n);
    return this.scratch.toString('utf8', 0, n);
  }

  /** Bytes [a, b) of the text blob (UTF-8 of passages, back to back), or of the ids blob. */
  blobRange(blob: 'text' | 'ids', a: number, b: number): Uint8Array {
    if (blob === 'ids' || !this.textFile) return this.arrays[blob].subarray(a, b);
    const out = Buffer.allocUnsafe(b - a);
    this.readText(out, a, b - a);
    return out;
  }

  /**
   * Closes the text file now (a store no longer served: the file may be a deleted cache that would
   * otherwise stay on disk until a garbage collection). Reading its text afterwards throws.
   */
  release(): void {
    if (!this.textFile || this.released) return;
    this.released = true;
    closer.unregister(this);
    try {
      closeSync(this.textFile.fd);
    } catch {
      // already closed
    }
  }

  /** Whether {@link release} closed the text file. */
  get isReleased(): boolean {
    return this.released;
  }

  private readText(into: Uint8Array, at: number, n: number): void {
    if (this.released) throw new Error('this index was replaced by a newer one (its text file is closed); search again');
    const f = this.textFile!;
    for (let done = 0; done < n;) {
      const r = readSync(f.fd, into, done, n - done, f.offset + at + done);
      if (r === 0) throw new Error('index cache file shrank while in use');
      done += r;
    }
  }

  /** The id of passage `g`. */
  id(g: number): string {
    const { ids, idOff } = this.arrays;
    return decode(ids, idOff[g]!, idOff[g + 1]!);
  }

  /** The ¶ of passage `g` (parts of one long paragraph share it). */
  paragraphOf(g: number): number {
    return this.arrays.paragraph[g]!;
  }

  /** Passage `g` as the ingest step delivered it. */
  passage(g: number): Passage {
    const a = this.arrays;
    const p: Passage = { id: this.id(g), docId: this.doc(g).id, paragraph: a.paragraph[g]!, ordinal: a.ordinal[g]!, text: this.text(g) };
    const st = a.sectionTitle[g]!;
    const sd = a.sectionDate[g]!;
    if (st >= 0) p.sectionTitle = this.strings[st]!;
    if (sd >= 0) p.sectionDate = this.strings[sd]!;
    if (a.page[g]) p.page = a.page[g]!;
    if (a.pageEnd[g]) p.pageEnd = a.pageEnd[g]!;
    return p;
  }

  /** Global number of the passage with this id (the id map is built on first use). */
  passageNumber(id: string): number | undefined {
    if (!this.passageById) {
      const m = new Map<string, number>();
      for (let g = 0; g < this.size; g++) m.set(this.id(g), g);
      this.passageById = m;
    }
    return this.passageById.get(id);
  }

  docNumber(id: string): number | undefined {
    return this.docById.get(id);
  }

  doc(g: number): StoredDocument {
    return this.docs[this.docOf[g]!]!;
  }

  /**
   * The metadata field indexed with a passage: title, speaker, country (its UN name and common
   * names), organisation, section title.
   */
  metaText(g: number): string {
    const d = this.doc(g);
    const m = d.meta;
    const st = this.arrays.sectionTitle[g]!;
    // In a statement, the speaker's name and country are the passage's (a record names no one).
    const said = d.statements ? statementOf(d, { ordinal: this.arrays.ordinal[g]! }) : undefined;
    const who = said
      ? [said.speaker, said.post, said.countryName, commonNames(said.country), said.organisation, said.onBehalfOf]
      : [m.speaker, m.countryName, commonNames(m.country)];
    return [m.title, ...who, m.organisation, st >= 0 ? this.strings[st] : undefined].filter(Boolean).join(' \n ');
  }
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Partition key of a date: the first year of its decade (for `years` = 10), or 'undated'. */
export function partitionKeyOf(date: string | undefined, years: number): string {
  const y = date ? Number(date.slice(0, 4)) : Number.NaN;
  if (!Number.isFinite(y)) return 'undated';
  return String(Math.floor(y / years) * years).padStart(4, '0');
}

/** A document's partition key: from its date, else its first dated section, else 'undated'. */
export function documentPartitionKey(d: LibraryDocument, years: number): string {
  const date = d.meta.date ?? d.passages.find((p) => p.sectionDate)?.sectionDate;
  return partitionKeyOf(date, years);
}
