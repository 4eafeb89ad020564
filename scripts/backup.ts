/**
 * `npm run backup [-- <file>]`: a consistent copy of the database (DATABASE_PATH, default
 * .data/verbatim.db) while the bot keeps running — SQLite's `VACUUM INTO`, a read transaction —
 * to <file> or .data/backups/verbatim-<UTC timestamp>.db; the copy is integrity-checked.
 */
import 'dotenv/config';
import path from 'node:path';
import { existsSync } from 'node:fs';
import { databasePath } from '../src/config.ts';
import { DatabaseError, backupDatabase, openDatabase } from '../src/db/database.ts';

const args = process.argv.slice(2);
if (args.includes('--help') || args.includes('-h')) {
  process.stdout.write(
    'Usage: npm run backup [-- <destination.db>]\nCopies DATABASE_PATH (default .data/verbatim.db) safely, even while the bot runs.\n',
  );
  process.exit(0);
}
const source = databasePath(process.env);
if (!existsSync(source)) {
  process.stderr.write(`No database at ${source} (DATABASE_PATH); nothing to back up.\n`);
  process.exit(1);
}
const stamp = new Date()
  .toISOString()
  .replace(/[-:]/g, '')
  .replace(/\.\d+Z$/, 'Z');
const dest = args[0] ?? path.join(path.dirname(source), 'backups', `verbatim-${stamp}.db`);
try {
  const db = openDatabase(source);
  try {
    const { path: out, bytes } = backupDatabase(db, dest);
    process.stdout.write(`Backed up ${source} to ${out} (${(bytes / 1024).toFixed(0)} KB, integrity ok).\n`);
  } finally {
    db.close();
  }
} catch (err) {
  if (!(err instanceof DatabaseError)) throw err;
  process.stderr.write(`${err.message}\n`);
  process.exit(1);
}
