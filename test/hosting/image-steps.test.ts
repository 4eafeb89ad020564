/**
 * The Dockerfile's steps, run where Docker is not: in a clean copy of the project, build (the build
 * stage), install the production dependencies only (`npm ci --omit=dev`, the runtime stage), and
 * start the bot as the image does (`node scripts/start.mjs`) as a non-root user, against the
 * loopback Discord server. Then check what a host relies on: no compiler run at start (dist/ is
 * current), the health endpoint, a crash restarted by the supervisor, a clean stop on SIGTERM.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, cpSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, unlinkSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeDiscord, type FakeDiscord } from '../discord-server/fake-discord.ts';
import { FIXTURE_LIBRARY } from '../support/library.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** The image's user when the tests run as root (nobody); otherwise the current, non-root user. */
const AS_ROOT = process.getuid?.() === 0;
const RUN_AS = AS_ROOT ? { uid: 65534, gid: 65534 } : {};

function run(cmd: string, args: string[], cwd: string): { status: number | null; out: string } {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', env: { ...process.env, npm_config_update_notifier: 'false' } });
  return { status: r.status, out: `${r.stdout}\n${r.stderr}` };
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Makes `dir` and everything under it owned by the image's user (when running as root). */
function giveToRunUser(dir: string): void {
  if (!AS_ROOT) return;
  chownSync(dir, 65534, 65534);
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) giveToRunUser(p);
    else chownSync(p, 65534, 65534);
  }
}

let work: string;
let app: string;
let fake: FakeDiscord;
let supervisor: ChildProcess | undefined;
let stdout = '';
const lines = (): Record<string, unknown>[] =>
  stdout
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as Record<string, unknown>);

beforeAll(() => {
  work = mkdtempSync(path.join(tmpdir(), 'verbatim-image-'));
  chmodSync(work, 0o755);
  app = path.join(work, 'app');
  // COPY . . — the files a clean clone has (tracked, plus new ones not ignored)
  const files = run('git', ['ls-files', '--cached', '--others', '--exclude-standard', '-z'], ROOT).out.split('\0');
  for (const f of files) {
    const rel = f.trim();
    // not a link: a worktree's node_modules linked to another checkout's is no file of a clone, and
    // `npm ci` in the copy below would empty the folder it points to
    if (!rel || !existsSync(path.join(ROOT, rel)) || lstatSync(path.join(ROOT, rel)).isSymbolicLink()) continue;
    mkdirSync(path.dirname(path.join(app, rel)), { recursive: true });
    cpSync(path.join(ROOT, rel), path.join(app, rel));
  }
});

afterAll(async () => {
  if (supervisor && supervisor.exitCode === null) supervisor.kill('SIGKILL');
  await fake?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('the image steps, in a clean copy', () => {
  it('build stage: npm run build compiles and stamps dist/', () => {
    // stands in for the build stage's `npm ci` (the same lockfile, already installed here)
    symlinkSync(path.join(ROOT, 'node_modules'), path.join(app, 'node_modules'), 'dir');
    try {
      const build = run('npm', ['run', 'build', '--silent'], app);
      expect(build.status, build.out).toBe(0);
      expect(existsSync(path.join(app, 'dist', 'src', 'main.js'))).toBe(true);
      expect(existsSync(path.join(app, 'dist', 'src', 'library', 'open-worker-entry.mjs'))).toBe(true);
      expect(run('node', ['scripts/build-stamp.mjs', 'check'], app).out.trim()).toBe('current');
    } finally {
      // the next step runs npm ci in the copy: it must never reach the checkout's node_modules
      unlinkSync(path.join(app, 'node_modules'));
    }
  }, 120_000);

  it('runtime stage: npm ci --omit=dev installs no compiler and no test tools', () => {
    const install = run('npm', ['ci', '--omit=dev', '--ignore-scripts', '--no-audit', '--no-fund', '--prefer-offline'], app);
    expect(install.status, install.out).toBe(0);
    for (const dev of ['typescript', 'vitest', 'fast-check']) expect(existsSync(path.join(app, 'node_modules', dev)), dev).toBe(false);
    expect(run('node', ['scripts/build-stamp.mjs', 'check'], app).out.trim()).toBe('current');
  }, 120_000);

  it(`starts as ${AS_ROOT ? 'nobody (uid 65534)' : 'the current non-root user'} without compiling, serves, reports health, survives a crash, stops on SIGTERM`, async () => {
    fake = await startFakeDiscord();
    const library = path.join(work, 'library');
    const cache = path.join(work, 'cache');
    const db = path.join(work, 'db');
    cpSync(FIXTURE_LIBRARY, library, { recursive: true });
    mkdirSync(cache);
    mkdirSync(db);
    for (const volume of [library, cache, db]) giveToRunUser(volume);
    const healthPort = await freePort();
    supervisor = spawn(process.execPath, ['scripts/start.mjs'], {
      cwd: app,
      ...RUN_AS,
      env: {
        PATH: process.env['PATH'] ?? '',
        HOME: work,
        NODE_ENV: 'production',
        DISCORD_TOKEN: fake.token,
        DISCORD_CLIENT_ID: fake.applicationId,
        DISCORD_GUILD_ID: fake.guildId,
        DISCORD_API_BASE: fake.apiBase,
        DATA_DIR: library,
        INDEX_CACHE: path.join(cache, 'index.bin'),
        DATABASE_PATH: path.join(db, 'verbatim.db'),
        LOG_LEVEL: 'info',
        HEALTH_PORT: String(healthPort),
      },
    });
    supervisor.stdout?.on('data', (d: Buffer) => (stdout += d.toString()));
    supervisor.stderr?.on('data', (d: Buffer) => (stdout += d.toString()));
    const ready = async (): Promise<void> => {
      const deadline = Date.now() + 90_000;
      for (;;) {
        const r = await fetch(`http://127.0.0.1:${healthPort}/ready`).catch(() => undefined);
        if (r?.status === 200) return;
        if (Date.now() > deadline) throw new Error(`not ready:\n${stdout}`);
        await new Promise((res) => setTimeout(res, 200));
      }
    };
    await ready();
    const documents = async (): Promise<string | undefined> => {
      const about = await fake.slashCommand('about').response();
      return ((about.embeds[0]?.['fields'] ?? []) as { name: string; value: string }[]).find((f) => f.name === 'Documents')?.value;
    };
    expect(await documents()).toBe('4');
    expect(lines().some((l) => l['msg'] === 'building (npm run build)')).toBe(false);
    const metrics = await (await fetch(`http://127.0.0.1:${healthPort}/metrics`)).text();
    expect(metrics).toMatch(/^verbatim_ready 1$/m);
    expect(metrics).toMatch(/^verbatim_library_documents 4$/m);
    // the index cache and the database were written by the unprivileged user into their volumes
    expect(readdirSync(cache).length).toBeGreaterThan(0);
    expect(readdirSync(db)).toContain('verbatim.db');
    expect(lines().some((l) => l['msg'] === 'database ready')).toBe(true);

    // a crash: the bot process dies; the supervisor starts it again and it answers again
    const first = lines().find((l) => l['msg'] === 'bot started')?.['child'] as number;
    const identifies = fake.gatewayCount('identify');
    process.kill(first, 'SIGKILL');
    await fake.waitForGateway('identify', { after: identifies, timeoutMs: 60_000 });
    await ready();
    expect(await documents()).toBe('4');
    expect(lines().find((l) => l['msg'] === 'the bot exited unexpectedly; restarting')).toMatchObject({ signal: 'SIGKILL', inMs: 1000 });
    expect(lines().filter((l) => l['msg'] === 'bot started')).toHaveLength(2);

    const code = new Promise((resolve) => supervisor!.once('close', resolve));
    supervisor.kill('SIGTERM');
    expect(await code).toBe(0);
    expect(stdout).toContain('"msg":"shutting down"');
    expect(stdout).not.toContain(fake.token);
    expect(fake.violations).toEqual([]);
  }, 180_000);
});
