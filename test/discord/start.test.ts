/** The bot as `npm start` runs it: `tsx src/main.ts` in a child process, configured only through its environment. */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeDiscord, type FakeDiscord } from '../discord-server/fake-discord.ts';
import { FIXTURE_LIBRARY } from '../support/library.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const TSX = path.join(ROOT, 'node_modules', '.bin', 'tsx');

/** Every variable set (empty = unset), so a developer's .env cannot leak into the test. */
function botEnv(overrides: Record<string, string>): NodeJS.ProcessEnv {
  return {
    PATH: process.env['PATH'] ?? '',
    HOME: process.env['HOME'] ?? '',
    DISCORD_TOKEN: '',
    DISCORD_CLIENT_ID: '',
    DISCORD_GUILD_ID: '',
    DATA_DIR: '',
    INDEX_CACHE: '',
    DATABASE_PATH: '',
    LOG_LEVEL: '',
    DISCORD_API_BASE: '',
    HEALTH_PORT: '',
    ...overrides,
  };
}

/** A port nothing listens on right now. */
function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Resolves once the child has exited and its output pipes are drained ('close', not 'exit'). */
function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => child.once('close', (code) => resolve(code)));
}

describe('tsx src/main.ts', () => {
  it('stops with one clear line naming each bad variable', async () => {
    const child = spawn(TSX, ['src/main.ts'], {
      cwd: ROOT,
      env: botEnv({ DISCORD_CLIENT_ID: 'abc', DISCORD_API_BASE: 'http://127.0.0.1:1/api/v10' }),
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    // 78 (EX_CONFIG): the supervisor does not restart a bot that cannot start
    expect(await exited(child)).toBe(78);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toContain('DISCORD_TOKEN is missing');
    expect(stderr).toContain('DISCORD_CLIENT_ID must be a numeric id');
    expect(stderr).toContain('DISCORD_API_BASE must not include the API version');
  });

  it('npm run deploy-commands without a client id names it and points to .env.example, as npm start does (QA22 F9)', async () => {
    // before: "Configuration: DISCORD_CLIENT_ID is missing (the application id)." and nothing more
    const deploy = spawn(TSX, ['scripts/deploy-commands.ts'], { cwd: ROOT, env: botEnv({ DISCORD_TOKEN: 'a-token' }) });
    let stderr = '';
    deploy.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    expect(await exited(deploy)).toBe(1);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(/DISCORD_CLIENT_ID is missing \(the application id\)\. See \.env\.example\.$/m);
  });

  describe('against the loopback Discord', () => {
    let fake: FakeDiscord;
    let child: ChildProcess;
    let stdout = '';
    let healthPort = 0;

    // a corrupt database file: reported in one line at start, and search works without follows
    const corrupt = path.join(mkdtempSync(path.join(tmpdir(), 'verbatim-start-db-')), 'verbatim.db');
    writeFileSync(corrupt, 'not a database\n'.repeat(500));

    beforeAll(async () => {
      fake = await startFakeDiscord();
      healthPort = await freePort();
      child = spawn(TSX, ['src/main.ts'], {
        cwd: ROOT,
        env: botEnv({
          DISCORD_TOKEN: fake.token,
          DISCORD_CLIENT_ID: fake.applicationId,
          DISCORD_GUILD_ID: fake.guildId,
          DATA_DIR: FIXTURE_LIBRARY,
          INDEX_CACHE: path.join(mkdtempSync(path.join(tmpdir(), 'verbatim-start-')), 'index.json'),
          LOG_LEVEL: 'info',
          DISCORD_API_BASE: fake.apiBase,
          DATABASE_PATH: corrupt,
          HEALTH_PORT: String(healthPort),
        }),
      });
      child.stdout?.on('data', (d: Buffer) => (stdout += d.toString()));
      await fake.waitForGateway('ready', { after: 0, timeoutMs: 20_000 });
    });

    afterAll(async () => {
      if (child.exitCode === null) child.kill('SIGKILL');
      await fake.close();
    });

    it('logs in, serves commands once the library is loaded, and shuts down cleanly on SIGTERM', async () => {
      let about = await fake.slashCommand('about').response();
      // the library opens on a worker thread: on a busy machine that takes a while, so wait by the clock
      const deadline = Date.now() + 90_000;
      while (about.content.startsWith('Library is loading') && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 200));
        about = await fake.slashCommand('about').response();
      }
      const fields = (about.embeds[0]?.['fields'] ?? []) as { name: string; value: string }[];
      expect(fields.find((f) => f.name === 'Documents')?.value).toBe('4');
      expect(fields.find((f) => f.name === 'Follows and saved passages')?.value).toMatch(/could not open its database/);
      const dbLines = stdout.split('\n').filter((l) => l.includes(corrupt));
      expect(dbLines).toHaveLength(1);
      expect(dbLines[0]).toMatch(/not a usable SQLite file.*follows and saved passages are off; search works/);
      const followed = await fake.slashCommand('follow', { list: {} }).response();
      expect(followed.content).toMatch(/^Saved passages and follows are unavailable right now/);
      expect(about.embeds[0]?.['title']).toMatch(/^Verbatim \d+\.\d+\.\d+$/);
      expect(fake.commands(fake.guildId)).toEqual([]);
      expect(fake.violations).toEqual([]);

      const ready = await fetch(`http://127.0.0.1:${healthPort}/ready`);
      expect([ready.status, await ready.text()]).toEqual([200, 'ready\n']);
      const metrics = await (await fetch(`http://127.0.0.1:${healthPort}/metrics`)).text();
      expect(metrics).toMatch(/^verbatim_library_documents 4$/m);
      expect(metrics).toMatch(/^verbatim_interactions_total\{kind="command",command="about",outcome="ok"\} 1$/m);

      const code = exited(child);
      child.kill('SIGTERM');
      expect(await code).toBe(0);
      expect(stdout).toContain('"msg":"library ready"');
      expect(stdout).toContain('"msg":"shutting down"');
      expect(stdout).not.toContain(fake.token);
    }, 150_000);

    it('npm run deploy-commands registers every command in the guild, idempotently', async () => {
      const env = botEnv({
        DISCORD_TOKEN: fake.token,
        DISCORD_CLIENT_ID: fake.applicationId,
        DISCORD_GUILD_ID: fake.guildId,
        DISCORD_API_BASE: fake.apiBase,
      });
      for (let run = 0; run < 2; run++) {
        const deploy = spawn(TSX, ['scripts/deploy-commands.ts'], { cwd: ROOT, env });
        let out = '';
        deploy.stdout.on('data', (d: Buffer) => (out += d.toString()));
        expect(await exited(deploy)).toBe(0);
        expect(out).toContain(`Registered 12 commands for guild ${fake.guildId}`);
      }
      expect(
        fake
          .commands(fake.guildId)
          .map((c) => c.name)
          .sort(),
      ).toEqual([
        'Find related statements',
        'about',
        'compare',
        'follow',
        'library',
        'quote',
        'reindex',
        'saved',
        'search',
        'source',
        'sources',
        'trend',
      ]);
      expect(fake.commands('global')).toEqual([]);
    });
  });
});
