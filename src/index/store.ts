/**
 * The compact store beside the partitions: documents and passages in one global order (documents by
 * path, passages in document order), their effective dates, and the lookup maps the engine needs.
 * Passage text lives here, never inside MiniSearch.
 */
import type { DocumentMeta, LibraryDocument, Passage } from '../types.ts';

export interface StoredDocument {
  id: string;
  path: string;
  meta: DocumentMeta;
  /** Global number of the document's first passage; its passages are first … first+count-1. */
  first: number;
  count: number;
}

/** `YYYY`, `YYYY-MM` or `YYYY-MM-DD` → first day (`YYYY-MM-DD`). */
export function dayStart(date: string): string {
  if (/^\d{4}$/.test(date)) return `${date}-01-01`;
  if (/^\d{4}-\d{2}$/.test(date)) return `${date}-01`;
  return date.slice(0, 10);
}

/** `YYYY`, `YYYY-MM` or `YYYY-MM-DD` → last day, good enough for string comparison (`-31`). */
export function dayEnd(date: string): string {
  if (/^\d{4}$/.test(date)) return `${date}-12-31`;
  if (/^\d{4}-\d{2}$/.test(date)) return `${date}-31`;
  return date.slice(0, 10);
}

export class LibraryStore {
  readonly docs: StoredDocument[];
  readonly passages: Passage[];
  /** Document number of each passage. */
  readonly docOf: Int32Array;
  /** Effective date range of each passage (section date, else the document's), '' when undated. */
  readonly dateFrom: string[];
  readonly dateTo: string[];
  private readonly passageById = new Map<string, number>();
  private readonly docById = new Map<string, number>();

  constructor(docs: StoredDocument[], passages: Passage[]) {
    this.docs = docs;
    this.passages = passages;
    this.docOf = new Int32Array(passages.length);
    this.dateFrom = new Array<string>(passages.length);
    this.dateTo = new Array<string>(passages.length);
    docs.forEach((d, i) => {
      this.docById.set(d.id, i);
      for (let g = d.first; g < d.first + d.count; g++) {
        this.docOf[g] = i;
        const p = passages[g]!;
        if (p.sectionDate) {
          this.dateFrom[g] = dayStart(p.sectionDate);
          this.dateTo[g] = dayEnd(p.sectionDate);
        } else if (d.meta.date) {
          this.dateFrom[g] = dayStart(d.meta.date);
          this.dateTo[g] = dayEnd(d.meta.dateEnd ?? d.meta.date);
        } else {
          this.dateFrom[g] = '';
          this.dateTo[g] = '';
        }
      }
    });
    passages.forEach((p, g) => this.passageById.set(p.id, g));
  }

  /** Orders documents by path (then id) and numbers their passages globally. */
  static fromDocuments(documents: readonly LibraryDocument[]): LibraryStore {
    const sorted = [...documents].sort((a, b) =>
      a.path < b.path ? -1 : a.path > b.path ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0,
    );
    const docs: StoredDocument[] = [];
    const passages: Passage[] = [];
    for (const d of sorted) {
      const ps = [...d.passages].sort((a, b) => a.ordinal - b.ordinal);
      docs.push({ id: d.id, path: d.path, meta: d.meta, first: passages.length, count: ps.length });
      passages.push(...ps);
    }
    return new LibraryStore(docs, passages);
  }

  passageNumber(id: string): number | undefined {
    return this.passageById.get(id);
  }

  docNumber(id: string): number | undefined {
    return this.docById.get(id);
  }

  doc(g: number): StoredDocument {
    return this.docs[this.docOf[g]!]!;
  }

  /** The metadata field indexed with a passage: title, speaker, country, organisation, section title. */
  metaText(g: number): string {
    const m = this.doc(g).meta;
    const p = this.passages[g]!;
    return [m.title, m.speaker, m.countryName, m.organisation, p.sectionTitle].filter(Boolean).join(' \n ');
  }

  /** Partition key of a passage: the first year of its decade, or 'undated'. */
  partitionKey(g: number, years: number): string {
    const y = Number(this.dateFrom[g]!.slice(0, 4));
    if (!this.dateFrom[g] || !Number.isFinite(y)) return 'undated';
    return String(Math.floor(y / years) * years);
  }
}
