/**
 * End to end for the debate views (issue 14): newest first, Export CSV, /trend and /compare. The
 * bot as users run it (createBot, the real engine over real General Debate speeches of three
 * years) logged in to the loopback Discord-compatible server with the real discord.js client.
 * Assertions are about what a member sees and gets.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.ts';
import { parseConfig } from '../../src/config.ts';
import { createBot, type Bot } from '../../src/discord/bot.ts';
import { deployCommands } from '../../src/discord/deploy.ts';
import { createLibrary, type Library } from '../../src/discord/library.ts';
import { openLibrary } from '../../src/index/open.ts';
import { createLogger } from '../../src/logger.ts';
import type { SearchEngine } from '../../src/types.ts';
import { ATTACHMENT_SIZE_LIMIT, startFakeDiscord, type FakeDiscord, type ReplyView } from '../discord-server/fake-discord.ts';

type Obj = Record<string, unknown>;

/** Real UNGDC speeches: Austria 1956; Bhutan, Colombia, Venezuela 2011; Brazil, Colombia 2021. */
const UNGDC = fileURLToPath(new URL('../fixtures/ungdc', import.meta.url));

let fake: FakeDiscord;
let bot: Bot;
let library: Library;
let engine: SearchEngine;

beforeAll(async () => {
  fake = await startFakeDiscord();
  const config = parseConfig({
    DISCORD_TOKEN: fake.token,
    DISCORD_CLIENT_ID: fake.applicationId,
    DISCORD_GUILD_ID: fake.guildId,
    DATA_DIR: UNGDC,
    INDEX_CACHE: path.join(mkdtempSync(path.join(tmpdir(), 'verbatim-e2e-trends-')), 'index.bin'),
    LOG_LEVEL: 'info',
    DISCORD_API_BASE: fake.apiBase,
  });
  await deployCommands(config, commands.map((c) => c.data));
  library = createLibrary((onProgress) => openLibrary({ dataDir: config.dataDir, cachePath: config.indexCache!, onProgress }));
  engine = (await library.ready).engine;
  const sink = new Writable({ write: (_chunk: Buffer, _e, done) => done() });
  bot = createBot({ engineProvider: library, commands, log: createLogger(config.logLevel, sink), config, version: '0.1.0' });
  await bot.start();
});

afterAll(async () => {
  await bot?.stop();
  await fake?.close();
  await library?.close();
});

afterEach(() => {
  const violations = [...fake.violations];
  fake.clearLogs();
  expect(violations).toEqual([]);
});

const embed = (v: ReplyView): Obj => v.embeds[0] ?? {};
const fields = (v: ReplyView): { name: string; value: string }[] => (embed(v)['fields'] as { name: string; value: string }[] | undefined) ?? [];
const components = (v: ReplyView): Obj[] => v.components.flatMap((row) => (row['components'] as Obj[] | undefined) ?? []);
const byLabel = (v: ReplyView, label: string): Obj | undefined => components(v).find((c) => c['label'] === label);
/** The year in a hit's citation line (the last year it names). */
const citedYear = (f: { value: string }): number => Number([...(f.value.split('\n— ').pop() ?? '').matchAll(/\b(?:19|20)\d{2}\b/g)].pop()?.[0]);

describe('/search sort', () => {
  it('newest first puts the 2021 speeches before 2011 and 1956, and pages keep the order', async () => {
    const v = await fake.slashCommand('search', { query: 'peace', sort: 'newest' }).response();
    const years = fields(v).map(citedYear);
    expect(years.length).toBe(5);
    expect([...years].sort((a, b) => b - a)).toEqual(years);
    expect(years[0]).toBe(2021);
    expect(String(embed(v)['description'])).toContain('newest first');
    const next = await fake.button(String(byLabel(v, 'Next ▶')!['custom_id']), { message: v }).response();
    const later = fields(next).map(citedYear);
    expect(Math.max(...later)).toBeLessThanOrEqual(years.at(-1)!);
  });

  it('oldest first starts with Austria 1956', async () => {
    const v = await fake.slashCommand('search', { query: 'peace', sort: 'oldest' }).response();
    expect(fields(v)[0]!.name).toContain('Austria');
  });
});

describe('Export CSV', () => {
  it('attaches a CSV of every hit, in the order of the results, with source fields and links', async () => {
    const v = await fake.slashCommand('search', { query: 'development', country: 'Colombia' }).response();
    const total = Number(/of (\d+)/.exec(String(embed(v)['title']))![1]);
    expect(total).toBeGreaterThan(5);
    const exported = await fake.button(String(byLabel(v, 'Export CSV')!['custom_id']), { message: v }).response();
    expect(exported.ephemeral).toBe(true);
    expect(exported.content).toContain(`${total} hits of ${total}`);
    expect(exported.attachments).toHaveLength(1);
    const file = exported.attachments[0]!;
    expect(file.filename).toBe('verbatim-development.csv');
    expect(file.content_type).toBe('text/csv; charset=utf-8');
    expect(file.size).toBeLessThanOrEqual(ATTACHMENT_SIZE_LIMIT);
    // UTF-8 with a byte-order mark, so Excel reads it as UTF-8
    expect([...file.data.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parse(file.data.toString('utf8').slice(1), { columns: true }) as Record<string, string>[];
    const expected = await engine.search('development', { filters: { country: 'COL' }, limit: 5000 });
    expect(rows).toHaveLength(total);
    expect(rows.map((r) => r['passage'])).toEqual(expected.hits.map((h) => h.id));
    expect(rows.map((r) => Number(r['rank']))).toEqual(expected.hits.map((_, i) => i + 1));
    expect(rows.every((r) => r['country'] === 'COL' && r['countryName'] === 'Colombia')).toBe(true);
    expect(rows[0]!['text']).toBe(expected.hits[0]!.text);
    expect(rows[0]!['excerpt']).toBe(expected.hits[0]!.excerpt.text);
    expect(Number(rows[0]!['score'])).toBeCloseTo(expected.hits[0]!.score, 3);
    expect(Object.keys(rows[0]!)).toEqual(expect.arrayContaining(['speaker', 'session', 'date', 'paragraph', 'title', 'meeting', 'link']));
  });

  it('exports in the order the results were sorted', async () => {
    const v = await fake.slashCommand('search', { query: 'peace', sort: 'oldest' }).response();
    const exported = await fake.button(String(byLabel(v, 'Export CSV')!['custom_id']), { message: v }).response();
    const rows = parse(exported.attachments[0]!.data.toString('utf8').slice(1), { columns: true }) as Record<string, string>[];
    const dates = rows.map((r) => r['date']!);
    expect(dates[0]).toBe('1956');
    expect([...dates].sort()).toEqual(dates);
  });
});
