/**
 * The database file as operators meet it: created and migrated at open, WAL, shared by two
 * processes at once, backed up while written to, and a corrupt or locked file reported in one line.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DatabaseError, backupDatabase, openDatabase, type Database } from '../../src/db/database.ts';
import { MIGRATIONS } from '../../src/db/migrations.ts';

const open: Database[] = [];
afterEach(() => {
  for (const db of open.splice(0)) db.close();
});
const tmp = (): string => mkdtempSync(path.join(tmpdir(), 'verbatim-db-'));
function use(file: string, options?: { busyTimeoutMs?: number }): Database {
  const db = openDatabase(file, options);
  open.push(db);
  return db;
}

/** A second Node process running `code` (ESM, libsql importable) with the database path as argv[2]. */
function child(code: string, file: string): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, ['--input-type=module', '-e', code, file], { cwd: process.cwd(), stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    p.stdout.on('data', (d: Buffer) => (out += d.toString()));
    p.stderr.on('data', (d: Buffer) => (out += d.toString()));
    p.on('close', (c) => resolve({ code: c, out }));
  });
}

describe('openDatabase', () => {
  it('creates the file and its folder, migrates to the latest schema in WAL mode, and reopens without redoing it', () => {
    const file = path.join(tmp(), 'nested', 'verbatim.db');
    const db = use(file);
    expect(db.version()).toBe(MIGRATIONS.length);
    expect((db.prepare('PRAGMA journal_mode').get() as { journal_mode: string }).journal_mode).toBe('wal');
    db.prepare("INSERT INTO guild_settings (guild_id) VALUES ('g1')").run();
    db.close();
    open.pop();
    const again = use(file);
    expect(again.version()).toBe(MIGRATIONS.length);
    expect(again.prepare("SELECT digest_time FROM guild_settings WHERE guild_id = 'g1'").get()).toMatchObject({ digest_time: '09:00' });
  });

  it('reports a corrupt file in one line naming it', () => {
    const file = path.join(tmp(), 'broken.db');
    writeFileSync(file, 'this is not a database, just text that got here by mistake\n'.repeat(200));
    let caught: unknown;
    try {
      use(file);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(DatabaseError);
    const message = (caught as Error).message;
    expect(message).toContain(file);
    expect(message).toMatch(/not a usable SQLite file/);
    expect(message).not.toContain('\n');
  });

  it('reports a file another process holds locked in one line, after the busy timeout', async () => {
    const file = path.join(tmp(), 'locked.db');
    const code = `
      import Database from 'libsql';
      const db = new Database(process.argv[1]);
      db.exec('PRAGMA locking_mode = EXCLUSIVE; BEGIN EXCLUSIVE; CREATE TABLE hold (x);');
      console.log('holding');
      setTimeout(() => process.exit(0), 4000);`;
    const holder = spawn(process.execPath, ['--input-type=module', '-e', code, file], { cwd: process.cwd(), stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((resolve) => holder.stdout.once('data', () => resolve()));
    try {
      expect(() => use(file, { busyTimeoutMs: 200 })).toThrow(/is locked by another process/);
    } finally {
      holder.kill();
    }
  });
});

describe('two processes and backups', () => {
  it('lets another process write to the same file at the same time, and a backup taken meanwhile is complete and consistent', async () => {
    const dir = tmp();
    const file = path.join(dir, 'shared.db');
    const db = use(file);
    const insert = db.prepare('INSERT INTO saved (user_id, passage_id, saved_at, source, citation, text) VALUES (?, ?, ?, ?, ?, ?)');
    const other = child(
      `
      import Database from 'libsql';
      const db = new Database(process.argv[1], { timeout: 5000 });
      db.exec('PRAGMA busy_timeout = 5000');
      const ins = db.prepare('INSERT INTO saved (user_id, passage_id, saved_at, source, citation, text) VALUES (?, ?, ?, ?, ?, ?)');
      for (let i = 0; i < 300; i++) db.transaction(() => ins.run('cli', 'p' + i, i, 's', 'c', 't')).immediate();
      console.log('done');`,
      file,
    );
    for (let i = 0; i < 300; i++) {
      db.transaction(() => insert.run('bot', `p${i}`, i, 's', 'c', 't'));
      if (i % 50 === 0) await new Promise((r) => setTimeout(r, 5));
    }
    const backup = backupDatabase(db, path.join(dir, 'backups', 'copy.db'));
    const result = await other;
    expect(result.out.trim()).toBe('done');
    expect(result.code).toBe(0);
    const counts = db.prepare('SELECT user_id, count(*) AS n FROM saved GROUP BY user_id ORDER BY user_id').all();
    expect(counts.map((r) => ({ ...(r as object) }))).toMatchObject([
      { user_id: 'bot', n: 300 },
      { user_id: 'cli', n: 300 },
    ]);
    const copy = use(backup.path);
    expect(copy.version()).toBe(MIGRATIONS.length);
    const copied = Number((copy.prepare("SELECT count(*) AS n FROM saved WHERE user_id = 'bot'").get() as { n: number }).n);
    expect(copied).toBe(300);
  });

  it('npm run backup copies the file the bot has open, and says so in one line; a missing file is an error', async () => {
    const dir = tmp();
    const file = path.join(dir, 'live.db');
    const db = use(file);
    db.prepare("INSERT INTO saved (user_id, passage_id, saved_at, source, citation, text) VALUES ('u', 'p', 1, 's', 'c', 't')").run();
    const tsx = path.join(process.cwd(), 'node_modules', '.bin', 'tsx');
    const run = (env: Record<string, string>, args: string[]) =>
      new Promise<{ code: number | null; out: string; err: string }>((resolve) => {
        const p = spawn(tsx, ['scripts/backup.ts', ...args], {
          cwd: process.cwd(),
          env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '', ...env },
        });
        let out = '';
        let err = '';
        p.stdout.on('data', (d: Buffer) => (out += d.toString()));
        p.stderr.on('data', (d: Buffer) => (err += d.toString()));
        p.on('close', (code) => resolve({ code, out, err }));
      });
    const dest = path.join(dir, 'copy.db');
    const ok = await run({ DATABASE_PATH: file }, [dest]);
    expect(ok.code).toBe(0);
    expect(ok.out.trim().split('\n')).toHaveLength(1);
    expect(ok.out).toMatch(/^Backed up .*live\.db to .*copy\.db \(\d+ KB, integrity ok\)/);
    expect(use(dest).prepare('SELECT count(*) AS n FROM saved').get()).toMatchObject({ n: 1 });
    const missing = await run({ DATABASE_PATH: path.join(dir, 'none.db') }, []);
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/^No database at .*none\.db/);
  });
});
