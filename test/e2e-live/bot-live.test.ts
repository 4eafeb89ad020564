/**
 * The bot as `npm start` runs it (`tsx src/main.ts`, WATCH_LIBRARY on by default) against the
 * loopback Discord: a PDF dropped into the library while the bot runs becomes findable through
 * /search, cited with its page and symbol, without a restart or /reindex.
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakeDiscord } from '../discord-server/fake-discord.ts';
import { FIXTURE_LIBRARY } from '../support/library.ts';
import { REPO_ROOT, startLoopbackBot, type LoopbackBot } from '../support/loopback-bot.ts';

const TSX = path.join(REPO_ROOT, 'node_modules', '.bin', 'tsx');
const PDF = fileURLToPath(new URL('../fixtures/formats/statement-3-pages.pdf', import.meta.url));

type Obj = Record<string, unknown>;
const embed = (v: { embeds: Obj[] }): Obj => v.embeds[0] ?? {};
const fields = (v: { embeds: Obj[] }) => (embed(v)['fields'] ?? []) as { name: string; value: string }[];

describe('a file dropped into the library while the bot runs', () => {
  let bot: LoopbackBot;
  let fake: FakeDiscord;
  let tmp: string;

  beforeAll(async () => {
    tmp = mkdtempSync(path.join(tmpdir(), 'verbatim-bot-live-'));
    cpSync(FIXTURE_LIBRARY, path.join(tmp, 'library'), { recursive: true });
    bot = await startLoopbackBot({
      command: [TSX, 'src/main.ts'],
      env: {
        DATA_DIR: path.join(tmp, 'library'),
        INDEX_CACHE: path.join(tmp, 'index.bin'),
        DATABASE_PATH: path.join(tmp, 'verbatim.db'),
        WATCH_LIBRARY: '',
        EXTRACT_TIMEOUT_MS: '20000',
        EXTRACT_MAX_BYTES: '5MB',
      },
      // tsx itself gets the SIGTERM below and its exit code is asserted
      detached: false,
      stderr: 'pipe',
    });
    fake = bot.fake;
    await fake.waitForGateway('ready', { after: 0, timeoutMs: 20_000 });
  });

  afterAll(async () => {
    if (bot.child.exitCode === null) bot.signal('SIGKILL');
    await fake.close();
    rmSync(tmp, { recursive: true, force: true });
  });

  it('becomes findable via /search, with page and symbol in the citation', async () => {
    const search = () => fake.slashCommand('search', { query: 'Hobbes wolf' }).response();
    let before = await search();
    // The library opens on a worker thread (with PDF parsing in workers of its own): on a busy
    // machine running the suite in parallel that takes a while, so wait by the clock.
    const deadline = Date.now() + 90_000;
    while (before.content.startsWith('Library is loading') && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 200));
      before = await search();
    }
    // The child's log line travels through a pipe and may arrive after the reply that shows the
    // library serving: wait for it by the clock too.
    expect(await bot.waitForLog('"msg":"library ready"', 10_000), bot.tail(15)).toBe(true);
    expect(fields(before)).toEqual([]);

    cpSync(PDF, path.join(tmp, 'library', 'uruguay-statement.pdf'));
    let after = before;
    const updated = Date.now() + 45_000;
    while (fields(after).length === 0 && Date.now() < updated) {
      await new Promise((r) => setTimeout(r, 200));
      after = await search();
    }
    expect(embed(after)['title']).toMatch(/^1–\d of \d+ for “Hobbes wolf”$/);
    const [hit] = fields(after);
    expect(hit!.value).toContain('**Hobbes**');
    expect(hit!.value).toMatch(/¶ \d+ · pp?\. [23](?:–3)? · A\/76\/PV\.5/);
    expect(await bot.waitForLog('"msg":"library updated"', 10_000), bot.tail(15)).toBe(true);
    expect(fake.violations).toEqual([]);

    const code = new Promise((resolve) => bot.child.once('close', resolve));
    bot.signal('SIGTERM');
    expect(await code).toBe(0);
  }, 150_000);
});
