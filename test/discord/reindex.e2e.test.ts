/**
 * /reindex through the real discord.js client and the loopback Discord server, on a library of real
 * UN documents (PDFs take seconds to re-read), opened and rebuilt on a worker thread with live
 * updates on, as the bot runs it (src/main.ts).
 */
import { cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../../commands/registry.ts';
import { createBot, type Bot } from '../../src/discord/bot.ts';
import { deployCommands } from '../../src/discord/deploy.ts';
import { createLibrary, type Library } from '../../src/library/handle.ts';
import { LibraryWatcher } from '../../src/library/live.ts';
import { openLibraryInWorker } from '../../src/library/open.ts';
import { createLogger } from '../../src/logger.ts';
import { startFakeDiscord, type FakeDiscord, type InteractionHandle, type ReplyView } from '../discord-server/fake-discord.ts';
import { FIXTURE_LIBRARY } from '../support/library.ts';

const UN_DOCS = new URL('../fixtures/un-documents/', import.meta.url).pathname;
let fake: FakeDiscord;
let bot: Bot;
let library: Library;
let tmp: string;

beforeAll(async () => {
  tmp = mkdtempSync(path.join(tmpdir(), 'verbatim-reindex-e2e-'));
  const root = path.join(tmp, 'library');
  cpSync(FIXTURE_LIBRARY, root, { recursive: true });
  for (const name of readdirSync(UN_DOCS).filter((n) => n.endsWith('.pdf') && !n.includes('scanned')))
    cpSync(path.join(UN_DOCS, name), path.join(root, 'un', name));
  const cachePath = path.join(tmp, 'index.bin');
  fake = await startFakeDiscord();
  await deployCommands(
    { token: fake.token, clientId: fake.applicationId, guildId: fake.guildId, apiBase: fake.apiBase },
    commands.map((c) => c.data),
  );
  const live = new LibraryWatcher({ dataDir: root, cachePath, rebuild: () => openLibraryInWorker({ dataDir: root, cachePath, rebuild: true }) });
  library = createLibrary((onProgress, o) => openLibraryInWorker({ dataDir: root, cachePath, rebuild: o?.rebuild ?? false, onProgress }), { live });
  bot = createBot({ engineProvider: library, commands, log: createLogger('silent'), config: { token: fake.token, apiBase: fake.apiBase } });
  await bot.start();
  await library.ready;
}, 180_000);

afterAll(async () => {
  await bot?.stop();
  await library?.close();
  await fake?.close();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

/** The reindex answer once the rebuild is done (the first answer says it has started). */
async function settled(h: InteractionHandle, timeoutMs = 150_000): Promise<ReplyView> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = h.current();
    if (v && !v.content.startsWith('Rebuilding the library')) return v;
    if (Date.now() > until) throw new Error(`/reindex not done after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('/reindex', () => {
  it('answers other members from the current index while it rebuilds, then says what changed (QA22 F1)', async () => {
    // before: the rebuild ran inside the command queue, so bob's /search and /about were deferred
    // ("thinking…") and answered only when the reindex ended (19.5 s on 17k passages)
    const reindex = fake.slashCommand('reindex', {}, { userId: 'admin' });
    const started = await reindex.response({ timeoutMs: 20_000 });
    expect(started.ephemeral).toBe(true);
    expect(started.deferred).toBe(false);
    expect(started.content).toMatch(/^Rebuilding the library from its files… Searches are answered from the current index meanwhile\./);
    const search = await fake.slashCommand('search', { query: 'millennium declaration solidarity' }, { userId: 'bob' }).response();
    const about = await fake.slashCommand('about', {}, { userId: 'bob' }).response();
    // both answered, at once, while the reindex is still running
    expect(reindex.current()!.content).toMatch(/^Rebuilding the library/);
    expect(search.deferred).toBe(false);
    expect(JSON.stringify(search.embeds)).toContain('A/RES/55/2');
    expect(about.deferred).toBe(false);
    const done = await settled(reindex);
    expect(done.content).toMatch(/^Library reloaded in [\d.]+ s: \d+ documents, \d+ passages\.\nAdded 0 · changed 0 · removed 0 · skipped 0\.$/);
    const again = await fake.slashCommand('search', { query: 'millennium declaration solidarity' }, { userId: 'bob' }).response();
    expect(JSON.stringify(again.embeds)).toContain('A/RES/55/2');
  }, 180_000);
});
