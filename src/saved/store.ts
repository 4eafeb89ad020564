/**
 * Saved passages, per user, in the database. A saved passage keeps its citation and text, so the
 * list and the export still work after the passage leaves the library.
 */
import type { Database } from '../db/database.ts';
import { citationLine, passageUrl } from '../search/citation.ts';
import type { Hit } from '../types.ts';

/** Most passages one person may keep (said in /about). */
export const MAX_SAVED_PER_USER = 500;

export interface SavedPassage {
  passageId: string;
  /** Epoch ms. */
  savedAt: number;
  /** Who said it (speaker or organisation, country). */
  source: string;
  citation: string;
  url?: string;
  text: string;
}

interface Row {
  passage_id: string;
  saved_at: number;
  source: string;
  citation: string;
  url: string | null;
  text: string;
}

const toSaved = (r: Row): SavedPassage => {
  const s: SavedPassage = { passageId: r.passage_id, savedAt: Number(r.saved_at), source: r.source, citation: r.citation, text: r.text };
  if (r.url) s.url = r.url;
  return s;
};

export type SaveOutcome = 'saved' | 'already' | 'limit';

export class SavedStore {
  constructor(
    private readonly db: Database,
    readonly limit = MAX_SAVED_PER_USER,
  ) {}

  /** Keeps `hit` for `userId`; `label` is who said it, as lists show it. */
  save(userId: string, hit: Hit, label: string, now = Date.now()): SaveOutcome {
    return this.db.transaction(() => {
      if (this.db.prepare('SELECT 1 FROM saved WHERE user_id = ? AND passage_id = ?').get(userId, hit.id)) return 'already';
      if (this.count(userId) >= this.limit) return 'limit';
      this.db
        .prepare('INSERT INTO saved (user_id, passage_id, saved_at, source, citation, url, text) VALUES (?, ?, ?, ?, ?, ?, ?)')
        .run(userId, hit.id, now, label, citationLine(hit.source), passageUrl(hit.source, hit.text) ?? null, hit.text);
      return 'saved';
    });
  }

  count(userId: string): number {
    return Number((this.db.prepare('SELECT count(*) AS n FROM saved WHERE user_id = ?').get(userId) as { n: number }).n);
  }

  /** Newest first. */
  list(userId: string, offset: number, limit: number): SavedPassage[] {
    const rows = this.db
      .prepare(
        'SELECT passage_id, saved_at, source, citation, url, text FROM saved WHERE user_id = ? ORDER BY saved_at DESC, passage_id LIMIT ? OFFSET ?',
      )
      .all(userId, limit, offset) as Row[];
    return rows.map(toSaved);
  }

  /** Every saved passage of `userId`, newest first (for the export). */
  all(userId: string): SavedPassage[] {
    return this.list(userId, 0, this.limit + 1000);
  }

  /** For autocomplete: saved passages whose source, citation or text contain `typed` (case-insensitive). */
  find(userId: string, typed: string, limit = 25): SavedPassage[] {
    const like = `%${typed.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const rows = this.db
      .prepare(
        "SELECT passage_id, saved_at, source, citation, url, text FROM saved WHERE user_id = ? AND (source LIKE ? ESCAPE '\\' OR citation LIKE ? ESCAPE '\\' OR text LIKE ? ESCAPE '\\' OR passage_id = ?) ORDER BY saved_at DESC LIMIT ?",
      )
      .all(userId, like, like, like, typed, limit) as Row[];
    return rows.map(toSaved);
  }

  remove(userId: string, passageId: string): boolean {
    return this.db.prepare('DELETE FROM saved WHERE user_id = ? AND passage_id = ?').run(userId, passageId).changes > 0;
  }
}
