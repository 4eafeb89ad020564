/**
 * Schema migrations, in order: entry i takes the file from user_version i to i+1. Never edit one
 * that has shipped; append a new one.
 */
export const MIGRATIONS: readonly string[] = [
  // 1: saved passages. The citation and text are kept so /saved and its export still work after
  // the passage leaves the library.
  `CREATE TABLE saved (
     user_id    TEXT NOT NULL,
     passage_id TEXT NOT NULL,
     saved_at   INTEGER NOT NULL,
     source     TEXT NOT NULL,
     citation   TEXT NOT NULL,
     url        TEXT,
     text       TEXT NOT NULL,
     PRIMARY KEY (user_id, passage_id)
   );
   CREATE INDEX saved_by_time ON saved (user_id, saved_at DESC);`,
  // 2: follows, what each has been matched and sent, server settings, and the library snapshot
  // that tells which passages are new.
  `CREATE TABLE follows (
     id          INTEGER PRIMARY KEY,
     owner_id    TEXT NOT NULL,
     guild_id    TEXT NOT NULL,
     channel_id  TEXT,
     query       TEXT NOT NULL,
     filters     TEXT NOT NULL,
     every       TEXT NOT NULL CHECK (every IN ('instant', 'daily', 'weekly')),
     created_at  INTEGER NOT NULL,
     paused      TEXT,
     owner_told  INTEGER NOT NULL DEFAULT 0,
     last_digest INTEGER
   );
   CREATE INDEX follows_by_owner ON follows (owner_id);
   CREATE INDEX follows_by_guild ON follows (guild_id);
   CREATE TABLE follow_hits (
     follow_id  INTEGER NOT NULL REFERENCES follows (id) ON DELETE CASCADE,
     passage_id TEXT NOT NULL,
     matched_at INTEGER NOT NULL,
     alert_id   INTEGER,
     PRIMARY KEY (follow_id, passage_id)
   );
   CREATE INDEX follow_hits_unsent ON follow_hits (follow_id) WHERE alert_id IS NULL;
   CREATE TABLE alerts (
     id         INTEGER PRIMARY KEY,
     follow_id  INTEGER NOT NULL REFERENCES follows (id) ON DELETE CASCADE,
     sent_at    INTEGER NOT NULL,
     hits       INTEGER NOT NULL
   );
   CREATE TABLE guild_settings (
     guild_id     TEXT PRIMARY KEY,
     digest_time  TEXT NOT NULL DEFAULT '09:00',
     time_zone    TEXT NOT NULL DEFAULT 'UTC',
     weekly_day   INTEGER NOT NULL DEFAULT 1
   );
   CREATE TABLE library_docs (
     doc_id TEXT PRIMARY KEY,
     hash   TEXT NOT NULL,
     ids    TEXT NOT NULL
   );`,
  // 3: follow and alert numbers are never used twice. Without AUTOINCREMENT SQLite hands out
  // max(id) + 1, so removing the newest follow gave its number (and its alerts' numbers) to the
  // next one made, and an old "and N more" button opened someone else's alert. The highest id
  // ever given is kept here (a trigger per table); FollowStore inserts above it.
  `CREATE TABLE id_high (
     name TEXT PRIMARY KEY,
     last INTEGER NOT NULL
   );
   INSERT INTO id_high (name, last) SELECT 'follows', coalesce(max(id), 0) FROM follows;
   INSERT INTO id_high (name, last) SELECT 'alerts', coalesce(max(id), 0) FROM alerts;
   CREATE TRIGGER follows_id_high AFTER INSERT ON follows BEGIN
     UPDATE id_high SET last = max(last, NEW.id) WHERE name = 'follows';
   END;
   CREATE TRIGGER alerts_id_high AFTER INSERT ON alerts BEGIN
     UPDATE id_high SET last = max(last, NEW.id) WHERE name = 'alerts';
   END;`,
  // 4: each recorded passage's fingerprint beside its id (src/follows/fingerprint.ts), to tell a
  // corrected paragraph from a new one when a file is edited; filled in at the next comparison.
  `ALTER TABLE library_docs ADD COLUMN prints TEXT;`,
  // 5: where a direct-message follow was made (the channel of its /follow command), so that when
  // the member's DMs close the pause can be told there. Follows made before have none: they are
  // paused silently, as before.
  `ALTER TABLE follows ADD COLUMN made_in TEXT;`,
];
