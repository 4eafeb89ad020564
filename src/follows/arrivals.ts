/**
 * Which passages are new: the library as the database last recorded it (per document, a hash of
 * its passage ids and the ids themselves) against the library now. Passage ids are stable (same
 * file, same text → same id), so a rebuild, a restart or a reindex finds nothing new, a new file
 * brings all its passages, and an edited file only its changed paragraphs — not a paragraph only
 * corrected (a word misspelt, quotation marks changed), told by the fingerprints kept beside the ids
 * (./fingerprint.ts), and not a paragraph the library holds in another file, a copy (./copies.ts). Files added while the bot was down are found at the next start. The first
 * time (an empty record) is the baseline: nothing is new.
 */
import { createHash } from 'node:crypto';
import type { Database } from '../db/database.ts';
import { VerbatimEngine } from '../search/engine.ts';
import { voices } from '../search/speakers.ts';
import type { SearchEngine } from '../types.ts';
import { heldElsewhere } from './copies.ts';
import { fingerprintOf, formatFingerprint, isEdit, parseFingerprint, type Fingerprint } from './fingerprint.ts';
import type { NewPassage } from './matcher.ts';
import { timeSlicer, type Slicer } from '../time-slice.ts';

interface DocNow {
  id: string;
  hash: string;
  first: number;
  count: number;
}

export interface Arrivals {
  passages: NewPassage[];
  /** Documents that entered or changed, and that left. */
  changedDocs: number;
  removedDocs: number;
  /** Passages of changed documents that are an old passage corrected ({@link isEdit}): not new. */
  edited: number;
  /** Passages of changed documents that the library holds in another document ({@link heldElsewhere}): not new. */
  copied: number;
  /** True on the first run (the record was empty): the library was recorded, nothing counted as new. */
  baseline: boolean;
  /** Records the library as now; run it in the transaction that stores the matches. */
  commit(): void;
}

/** Compares engines' libraries with the record in the database. Keeps the per-document hashes in memory. */
export class ArrivalTracker {
  private hashes: Map<string, string> | undefined;
  /** Documents recorded without their passages' fingerprints (before they were kept): given them at the next diff. */
  private bare: Set<string> | undefined;

  constructor(private readonly db: Database) {}

  private recorded(): Map<string, string> {
    if (!this.hashes) {
      const rows = this.db.prepare('SELECT doc_id, hash, prints IS NULL AS bare FROM library_docs').all() as {
        doc_id: string;
        hash: string;
        bare: number;
      }[];
      this.hashes = new Map(rows.map((r) => [r.doc_id, r.hash]));
      this.bare = new Set(rows.filter((r) => r.bare).map((r) => r.doc_id));
    }
    return this.hashes;
  }

  /**
   * What entered the library in `engine` since the last commit. Hashing every document of a large
   * library takes ~100 ms: the work is time-sliced (`slice`), so the bot keeps answering meanwhile.
   */
  async diff(engine: SearchEngine, slice: Slicer = timeSlicer()): Promise<Arrivals> {
    if (!(engine instanceof VerbatimEngine)) throw new Error('follows need the library engine (VerbatimEngine)');
    const store = engine.state.store;
    const { idOff, dateFrom, dateTo } = store.arrays;
    const now: DocNow[] = [];
    for (const d of store.docs) {
      await slice();
      now.push({
        id: d.id,
        first: d.first,
        count: d.count,
        hash: createHash('sha1')
          .update(store.blobRange('ids', idOff[d.first]!, idOff[d.first + d.count]!))
          .digest('base64url'),
      });
    }
    const before = this.recorded();
    const baseline = before.size === 0;
    const changed = now.filter((d) => before.get(d.id) !== d.hash);
    const present = new Set(now.map((d) => d.id));
    const removed = [...before.keys()].filter((id) => !present.has(id));
    const passages: NewPassage[] = [];
    // each changed document's passages' fingerprints, computed once: compared, then stored
    const prints = new Map<string, Fingerprint[]>();
    const printsOf = (d: DocNow): Fingerprint[] => {
      let p = prints.get(d.id);
      if (p === undefined) {
        p = [];
        for (let g = d.first; g < d.first + d.count; g++) p.push(fingerprintOf(store.text(g)));
        prints.set(d.id, p);
      }
      return p;
    };
    let edited = 0;
    let copied = 0;
    if (!baseline) {
      // a passage held by a document that did not change is no news, whatever file brings it again
      const changedDocs = new Set(changed.map((d) => store.docOf[d.first]!));
      const elsewhere = (g: number): boolean => !changedDocs.has(store.docOf[g]!);
      const oldRecord = this.db.prepare('SELECT ids, prints FROM library_docs WHERE doc_id = ?');
      for (const d of changed) {
        await slice();
        const old = oldRecord.get(d.id) as { ids: string; prints: string | null } | undefined;
        const oldIds = old ? old.ids.split(' ') : [];
        const known = new Set(oldIds);
        const nowIds = new Set<string>();
        for (let g = d.first; g < d.first + d.count; g++) nowIds.add(store.id(g));
        // the passages that left the document, by fingerprint: a new one close to one of them is
        // that paragraph corrected, not something new said
        const oldPrints = old?.prints?.split(' ');
        const gone: Fingerprint[] = [];
        if (oldPrints && oldPrints.length === oldIds.length)
          oldIds.forEach((id, i) => {
            const f = nowIds.has(id) ? undefined : parseFingerprint(oldPrints[i]!);
            if (f) gone.push(f);
          });
        const doc = store.docs[store.docOf[d.first]!]!;
        const vs = voices(doc);
        for (let g = d.first; g < d.first + d.count; g++) {
          const id = store.id(g);
          if (known.has(id)) continue;
          const o = g - d.first;
          if (gone.length) {
            const f = printsOf(d)[o]!;
            const k = gone.findIndex((x) => isEdit(x, f));
            if (k >= 0) {
              gone.splice(k, 1);
              edited++;
              continue;
            }
          }
          await slice();
          if (heldElsewhere(engine.state, g, printsOf(d)[o]!, elsewhere)) {
            copied++;
            continue;
          }
          const v = vs.find((x) => o >= x.first && o <= x.last);
          const voice = { speaker: v?.speaker, presiding: v?.presiding, country: v?.country, organisations: v?.organisations ?? [] };
          passages.push({ id, docId: d.id, text: store.text(g), meta: doc.meta, voice, dateFrom: dateFrom[g]!, dateTo: dateTo[g]! });
        }
      }
    }
    const rows: Array<[id: string, hash: string, ids: string, prints: string]> = [];
    const bare = this.bare!;
    for (const d of now) {
      if (!(before.get(d.id) !== d.hash || bare.has(d.id))) continue;
      await slice();
      const ids: string[] = [];
      for (let g = d.first; g < d.first + d.count; g++) ids.push(store.id(g));
      rows.push([d.id, d.hash, ids.join(' '), printsOf(d).map(formatFingerprint).join(' ')]);
    }
    const commit = (): void => {
      const upsert = this.db.prepare(
        'INSERT INTO library_docs (doc_id, hash, ids, prints) VALUES (?, ?, ?, ?) ON CONFLICT (doc_id) DO UPDATE SET hash = excluded.hash, ids = excluded.ids, prints = excluded.prints',
      );
      const del = this.db.prepare('DELETE FROM library_docs WHERE doc_id = ?');
      for (const row of rows) upsert.run(...row);
      for (const id of removed) del.run(id);
      const map = this.recorded();
      for (const d of changed) map.set(d.id, d.hash);
      for (const id of removed) map.delete(id);
      for (const [id] of rows) bare.delete(id);
      for (const id of removed) bare.delete(id);
    };
    return { passages, changedDocs: changed.length, removedDocs: removed.length, edited, copied, baseline, commit };
  }

  /** Forgets the in-memory hashes (after a rolled-back transaction). */
  reset(): void {
    this.hashes = undefined;
    this.bare = undefined;
  }
}
