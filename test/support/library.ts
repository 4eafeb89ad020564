/** The bot tests' library: the sample CND report plus excerpts of three 2021 General Debate speeches. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openLibrary } from '../../src/library/open.ts';

export const FIXTURE_LIBRARY = fileURLToPath(new URL('../discord/fixtures/library', import.meta.url));

let opened: ReturnType<typeof openLibrary> | undefined;

/** Opens the fixture library once per test file (cache in a temp folder). */
export function openFixtureLibrary(): ReturnType<typeof openLibrary> {
  opened ??= openLibrary({ dataDir: FIXTURE_LIBRARY, cachePath: path.join(mkdtempSync(path.join(tmpdir(), 'verbatim-bot-')), 'index.json') });
  return opened;
}
