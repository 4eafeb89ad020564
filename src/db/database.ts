/**
 * The bot's database: one SQLite file (DATABASE_PATH, default .data/verbatim.db) opened through
 * `libsql` — a maintained better-sqlite3-compatible driver whose native binary ships as an npm
 * package (@libsql/linux-x64-gnu and friends), so it installs with no compile and no download.
 * WAL journal, a busy timeout so the CLI and the bot can use the file at once, foreign keys on,
 * and the schema migrations (./migrations.ts) applied at open. The only module importing libsql.
 */
import { renameSync, rmSync } from 'node:fs';
import { makeFoldersSync } from '../folders.ts';
import path from 'node:path';
import Libsql from 'libsql';
import { MIGRATIONS } from './migrations.ts';

/** How long a statement waits for another process's write lock before giving up (ms). */
export const BUSY_TIMEOUT_MS = 5000;
export const DEFAULT_DATABASE_PATH = '.data/verbatim.db';

/** The part of the driver the rest of the code uses (better-sqlite3's synchronous API). */
export interface Statement {
  run(...params: unknown[]): { changes: number; lastInsertRowid: number | bigint };
  get(...params: unknown[]): unknown;
  all(...params: unknown[]): unknown[];
}

export interface Database {
  readonly path: string;
  prepare(sql: string): Statement;
  exec(sql: string): void;
  /** Runs `fn` in one IMMEDIATE transaction (the write lock is taken at once: no upgrade deadlock between processes). */
  transaction<T>(fn: () => T): T;
  /** The schema version (PRAGMA user_version). */
  version(): number;
  close(): void;
}

/** The database cannot be used: the message is one line fit for the log and the console. */
export class DatabaseError extends Error {
  override name = 'DatabaseError';
}

function describe(err: unknown, file: string, busyMs = BUSY_TIMEOUT_MS): string {
  const e = err as { code?: string; message?: string };
  const msg = e.message ?? String(err);
  if (e.code === 'SQLITE_BUSY' || /locked|busy/i.test(msg)) return `database ${file} is locked by another process (waited ${busyMs / 1000} s)`;
  if (e.code === 'SQLITE_NOTADB' || e.code === 'SQLITE_CORRUPT' || /not a database|malformed|corrupt/i.test(msg))
    return `database ${file} is not a usable SQLite file (corrupt?): ${msg}; move it away to start afresh, or restore a backup`;
  if (e.code === 'SQLITE_CANTOPEN' || /unable to open/i.test(msg)) return `database ${file} cannot be opened: ${msg}`;
  if (e.code === 'SQLITE_READONLY' || /readonly/i.test(msg)) return `database ${file} is read-only: ${msg}`;
  return `database ${file}: ${msg}`.replace(/\s*\n\s*/g, ' ');
}

/**
 * Opens (creating it and its folder if needed) and migrates the database at `file`.
 * @throws DatabaseError with a one-line reason when the file is corrupt, locked or unreadable.
 */
export function openDatabase(file: string, options: { busyTimeoutMs?: number } = {}): Database {
  const full = path.resolve(file);
  const busy = options.busyTimeoutMs ?? BUSY_TIMEOUT_MS;
  let raw: Libsql.Database;
  try {
    makeFoldersSync(path.dirname(full));
    raw = new Libsql(full, { timeout: busy });
  } catch (err) {
    throw new DatabaseError(describe(err, file, busy));
  }
  const db: Database = {
    path: full,
    prepare: (sql) => raw.prepare(sql) as unknown as Statement,
    exec: (sql) => void raw.exec(sql),
    transaction<T>(fn: () => T): T {
      return raw.transaction(fn).immediate() as T;
    },
    version: () => Number((raw.prepare('PRAGMA user_version').get() as { user_version: number }).user_version),
    close: () => raw.close(),
  };
  try {
    raw.exec(`PRAGMA busy_timeout = ${busy}`);
    raw.exec('PRAGMA journal_mode = WAL');
    raw.exec('PRAGMA foreign_keys = ON');
    raw.exec('PRAGMA synchronous = NORMAL');
    migrate(db);
    // a cheap read of every table's root page: a damaged file fails here, at start, not mid-alert
    raw.prepare('SELECT count(*) FROM sqlite_master').get();
  } catch (err) {
    try {
      raw.close();
    } catch {
      // already unusable
    }
    throw err instanceof DatabaseError ? err : new DatabaseError(describe(err, file, busy));
  }
  return db;
}

/** Applies the migrations the file has not seen, each in its own transaction. */
export function migrate(db: Database): number {
  const from = db.version();
  if (from > MIGRATIONS.length) {
    throw new DatabaseError(
      `database ${db.path} has schema version ${from}, newer than this Verbatim knows (${MIGRATIONS.length}); upgrade Verbatim`,
    );
  }
  for (let v = from; v < MIGRATIONS.length; v++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[v]!);
      db.exec(`PRAGMA user_version = ${v + 1}`);
    });
  }
  return MIGRATIONS.length - from;
}

/**
 * A consistent copy of the live database (`VACUUM INTO`: a read transaction, so the bot keeps
 * writing meanwhile), written to a temporary file and renamed into place.
 */
export function backupDatabase(db: Database, dest: string): { path: string; bytes: number } {
  const out = path.resolve(dest);
  makeFoldersSync(path.dirname(out));
  const tmp = `${out}.partial-${process.pid}`;
  rmSync(tmp, { force: true });
  try {
    db.prepare('VACUUM INTO ?').run(tmp);
    renameSync(tmp, out);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw new DatabaseError(describe(err, db.path));
  }
  const check = openRaw(out);
  try {
    const ok = (check.prepare('PRAGMA integrity_check').get() as { integrity_check: string }).integrity_check;
    if (ok !== 'ok') throw new DatabaseError(`backup ${out} failed its integrity check: ${ok}`);
    const bytes = Number((check.prepare('SELECT page_count * page_size AS n FROM pragma_page_count(), pragma_page_size()').get() as { n: number }).n);
    return { path: out, bytes };
  } finally {
    check.close();
  }
}

function openRaw(file: string): Libsql.Database {
  return new Libsql(file, { timeout: BUSY_TIMEOUT_MS });
}
