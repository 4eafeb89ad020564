/** Follows, their matched passages and alerts, and server settings, in the database. */
import type { Database } from '../db/database.ts';
import type { SearchFilters } from '../types.ts';
import { DEFAULT_SETTINGS, type DigestSettings } from './schedule.ts';

export type Every = 'instant' | 'daily' | 'weekly';
export const EVERY: readonly Every[] = ['instant', 'daily', 'weekly'];

export interface Follow {
  id: number;
  ownerId: string;
  guildId: string;
  /** Where alerts go: a channel, or (absent) the owner's direct messages. */
  channelId?: string;
  query: string;
  /** Merged with the query's own filters and resolved (country as its ISO code). */
  filters: SearchFilters;
  every: Every;
  createdAt: number;
  /**
   * A direct-message follow: the channel its /follow command was used in, where its owner is told
   * if their DMs close. Absent for channel follows and for DM follows made before it was recorded.
   */
  madeIn?: string;
  /** Why alerts stopped (the bot lost access), when they did. */
  paused?: string;
  ownerTold: boolean;
  /** Digests: when the last one was settled (sent or found empty). */
  lastDigest?: number;
}

interface FollowRow {
  id: number;
  owner_id: string;
  guild_id: string;
  channel_id: string | null;
  query: string;
  filters: string;
  every: Every;
  created_at: number;
  paused: string | null;
  owner_told: number;
  last_digest: number | null;
  made_in: string | null;
}

const COLUMNS = 'id, owner_id, guild_id, channel_id, query, filters, every, created_at, paused, owner_told, last_digest, made_in';

function toFollow(r: FollowRow): Follow {
  const f: Follow = {
    id: Number(r.id),
    ownerId: r.owner_id,
    guildId: r.guild_id,
    query: r.query,
    filters: JSON.parse(r.filters) as SearchFilters,
    every: r.every,
    createdAt: Number(r.created_at),
    ownerTold: Boolean(r.owner_told),
  };
  if (r.channel_id) f.channelId = r.channel_id;
  if (r.paused) f.paused = r.paused;
  if (r.last_digest !== null) f.lastDigest = Number(r.last_digest);
  if (r.made_in) f.madeIn = r.made_in;
  return f;
}

/**
 * What makes two follows the same: one member, the same query (spaces and case aside, as matching
 * reads it), the same resolved filters, the same destination (a channel, or the member's direct
 * messages, from any server) and the same frequency. Such follows would send each passage twice.
 */
export function followKey(f: Pick<Follow, 'ownerId' | 'channelId' | 'query' | 'filters' | 'every'>): string {
  const filters = Object.entries(f.filters)
    .filter(([, v]) => v !== undefined && v !== '')
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return JSON.stringify([f.ownerId, f.channelId ?? null, f.query.trim().replace(/\s+/g, ' ').toLowerCase(), filters, f.every]);
}

/** The next id of `table` (follows or alerts): above every id it ever gave, so a removed follow's or alert's number is never given again (migration 3). */
const nextId = (table: 'follows' | 'alerts'): string =>
  `(SELECT max(coalesce((SELECT max(id) FROM ${table}), 0), coalesce((SELECT last FROM id_high WHERE name = '${table}'), 0)) + 1)`;

export class FollowStore {
  constructor(readonly db: Database) {}

  insert(f: Omit<Follow, 'id' | 'ownerTold'>): Follow {
    const r = this.db
      .prepare(
        `INSERT INTO follows (id, owner_id, guild_id, channel_id, query, filters, every, created_at, last_digest, made_in) VALUES (${nextId('follows')}, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        f.ownerId,
        f.guildId,
        f.channelId ?? null,
        f.query,
        JSON.stringify(f.filters),
        f.every,
        f.createdAt,
        f.lastDigest ?? null,
        f.channelId ? null : (f.madeIn ?? null),
      );
    return this.get(Number(r.lastInsertRowid))!;
  }

  get(id: number): Follow | undefined {
    const r = this.db.prepare(`SELECT ${COLUMNS} FROM follows WHERE id = ?`).get(id) as FollowRow | undefined;
    return r ? toFollow(r) : undefined;
  }

  /** Every follow, active and paused. */
  all(): Follow[] {
    return (this.db.prepare(`SELECT ${COLUMNS} FROM follows ORDER BY id`).all() as FollowRow[]).map(toFollow);
  }

  /** The follows a member sees: their own (any server) and the channel follows of this server. */
  visibleTo(userId: string, guildId: string | undefined): Follow[] {
    return (
      this.db
        .prepare(`SELECT ${COLUMNS} FROM follows WHERE owner_id = ? OR (guild_id = ? AND channel_id IS NOT NULL) ORDER BY id`)
        .all(userId, guildId ?? '') as FollowRow[]
    ).map(toFollow);
  }

  /** The active (not paused) follows the same as `f` ({@link followKey}), `f` itself left out, oldest first. */
  twinsOf(f: Pick<Follow, 'ownerId' | 'channelId' | 'query' | 'filters' | 'every'> & { id?: number }): Follow[] {
    const key = followKey(f);
    return (this.db.prepare(`SELECT ${COLUMNS} FROM follows WHERE owner_id = ? AND paused IS NULL ORDER BY id`).all(f.ownerId) as FollowRow[])
      .map(toFollow)
      .filter((t) => t.id !== f.id && followKey(t) === key);
  }

  /** Those of `passageIds` that one of the follows `followIds` has matched (queued, sent or settled). */
  heldBy(followIds: readonly number[], passageIds: readonly string[]): Set<string> {
    const held = new Set<string>();
    const q = this.db.prepare('SELECT 1 AS x FROM follow_hits WHERE follow_id = ? AND passage_id = ?');
    for (const id of passageIds) if (followIds.some((f) => q.get(f, id) !== undefined)) held.add(id);
    return held;
  }

  /** A member's direct-message follows not paused, oldest first. */
  activeDmFollowsOf(userId: string): Follow[] {
    return (
      this.db
        .prepare(`SELECT ${COLUMNS} FROM follows WHERE owner_id = ? AND channel_id IS NULL AND paused IS NULL ORDER BY id`)
        .all(userId) as FollowRow[]
    ).map(toFollow);
  }

  countByOwner(userId: string): number {
    return Number((this.db.prepare('SELECT count(*) AS n FROM follows WHERE owner_id = ?').get(userId) as { n: number }).n);
  }

  countByGuild(guildId: string): number {
    return Number((this.db.prepare('SELECT count(*) AS n FROM follows WHERE guild_id = ?').get(guildId) as { n: number }).n);
  }

  remove(id: number): boolean {
    return this.db.prepare('DELETE FROM follows WHERE id = ?').run(id).changes > 0;
  }

  pause(id: number, reason: string): void {
    this.db.prepare('UPDATE follows SET paused = ? WHERE id = ?').run(reason, id);
  }

  markOwnerTold(id: number): void {
    this.db.prepare('UPDATE follows SET owner_told = 1 WHERE id = ?').run(id);
  }

  setLastDigest(id: number, at: number): void {
    this.db.prepare('UPDATE follows SET last_digest = ? WHERE id = ?').run(at, id);
  }

  /** Queues matched passages; a passage already queued or sent to this follow is ignored. Returns how many were new. */
  addHits(followId: number, passageIds: readonly string[], at: number): number {
    const ins = this.db.prepare('INSERT OR IGNORE INTO follow_hits (follow_id, passage_id, matched_at) VALUES (?, ?, ?)');
    let n = 0;
    for (const id of passageIds) n += ins.run(followId, id, at).changes;
    return n;
  }

  /** Matched passages not yet sent, in the order they were matched. */
  pending(followId: number): string[] {
    return (
      this.db.prepare('SELECT passage_id FROM follow_hits WHERE follow_id = ? AND alert_id IS NULL ORDER BY rowid').all(followId) as {
        passage_id: string;
      }[]
    ).map((r) => r.passage_id);
  }

  /** Follows with passages waiting to be sent. */
  withPending(): number[] {
    return (this.db.prepare('SELECT DISTINCT follow_id FROM follow_hits WHERE alert_id IS NULL').all() as { follow_id: number }[]).map((r) =>
      Number(r.follow_id),
    );
  }

  /** Reserves an alert id before sending (its "and N more" button names it). */
  reserveAlert(followId: number, at: number): number {
    return Number(
      this.db.prepare(`INSERT INTO alerts (id, follow_id, sent_at, hits) VALUES (${nextId('alerts')}, ?, ?, 0)`).run(followId, at).lastInsertRowid,
    );
  }

  /** The alert was delivered: its passages are marked sent, in one transaction (never sent again). */
  confirmAlert(alertId: number, followId: number, passageIds: readonly string[]): void {
    this.db.transaction(() => {
      this.db.prepare('UPDATE alerts SET hits = ? WHERE id = ?').run(passageIds.length, alertId);
      const mark = this.db.prepare('UPDATE follow_hits SET alert_id = ? WHERE follow_id = ? AND passage_id = ?');
      for (const id of passageIds) mark.run(alertId, followId, id);
    });
  }

  /** The alert could not be delivered: forget the reservation (its passages stay pending). */
  cancelAlert(alertId: number): void {
    this.db.prepare('DELETE FROM alerts WHERE id = ?').run(alertId);
  }

  /** Marks passages that can no longer be shown (they left the library) as settled, without an alert. */
  dropHits(followId: number, passageIds: readonly string[]): void {
    const mark = this.db.prepare('UPDATE follow_hits SET alert_id = 0 WHERE follow_id = ? AND passage_id = ?');
    for (const id of passageIds) mark.run(followId, id);
  }

  /** The passages of a sent alert, in order, and its follow. */
  alert(alertId: number): { followId: number; passageIds: string[] } | undefined {
    const a = this.db.prepare('SELECT follow_id FROM alerts WHERE id = ?').get(alertId) as { follow_id: number } | undefined;
    if (!a) return undefined;
    const ids = (
      this.db.prepare('SELECT passage_id FROM follow_hits WHERE alert_id = ? ORDER BY rowid').all(alertId) as { passage_id: string }[]
    ).map((r) => r.passage_id);
    return { followId: Number(a.follow_id), passageIds: ids };
  }

  /** Passages ever sent to a follow (tests, diagnostics). */
  sentCount(followId: number): number {
    return Number((this.db.prepare('SELECT count(*) AS n FROM follow_hits WHERE follow_id = ? AND alert_id > 0').get(followId) as { n: number }).n);
  }

  settings(guildId: string): DigestSettings {
    const r = this.db.prepare('SELECT digest_time, time_zone, weekly_day FROM guild_settings WHERE guild_id = ?').get(guildId) as
      { digest_time: string; time_zone: string; weekly_day: number } | undefined;
    return r ? { time: r.digest_time, timeZone: r.time_zone, weeklyDay: Number(r.weekly_day) } : { ...DEFAULT_SETTINGS };
  }

  saveSettings(guildId: string, s: DigestSettings): void {
    this.db
      .prepare(
        'INSERT INTO guild_settings (guild_id, digest_time, time_zone, weekly_day) VALUES (?, ?, ?, ?) ON CONFLICT (guild_id) DO UPDATE SET digest_time = excluded.digest_time, time_zone = excluded.time_zone, weekly_day = excluded.weekly_day',
      )
      .run(guildId, s.time, s.timeZone, s.weeklyDay);
  }
}
