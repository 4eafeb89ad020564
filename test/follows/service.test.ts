/**
 * The follow service on real documents and a real database file, with the outbox recording what
 * it would post (the Discord side is tested end to end in test/discord/follows.e2e.test.ts).
 */
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/database.ts';
import { FollowService, type Outbox, type Target } from '../../src/follows/service.ts';
import { closeExtractors, loadLibrary } from '../../src/ingest/load-library.ts';
import type { Reply } from '../../src/render/models.ts';
import { createEngine } from '../../src/search/engine.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const tmp = mkdtempSync(path.join(tmpdir(), 'verbatim-follow-service-'));
afterAll(async () => {
  await closeExtractors();
  rmSync(tmp, { recursive: true, force: true });
});

/** An engine over some years of the UNGDC fixtures, copied under `prefix` (another prefix: other document ids). */
async function engineOf(prefix: string, ...folders: string[]) {
  const dir = mkdtempSync(path.join(tmp, 'lib-'));
  for (const f of folders) cpSync(path.join(ROOT, 'test/fixtures/ungdc', f), path.join(dir, prefix, f), { recursive: true });
  const lib = await loadLibrary(dir);
  return createEngine(lib.documents, lib.report);
}

describe('FollowService', () => {
  it('takes a library that changed almost entirely (another DATA_DIR) as a new starting point, alerting nobody', async () => {
    const posted: { target: Target; reply: Reply }[] = [];
    const outbox: Outbox = { post: async (target, reply) => void posted.push({ target, reply }), checkChannel: async () => undefined };
    const warnings: string[] = [];
    const log = { info: () => undefined, warn: (_o: object, m: string) => void warnings.push(m), error: () => undefined };
    const follows = new FollowService({ db: openDatabase(path.join(tmp, 'a.db')), log, massChangeDocs: 0 });
    follows.start(outbox, 0);
    const before = await engineOf('un', '2021', '2011');
    follows.onEngine(before);
    await follows.idle();
    await follows.create(
      { ownerId: '1', guildId: '1', channelId: '2', canManageChannels: true, query: 'peace', filters: {}, every: 'instant' },
      before,
    );

    // the same library plus one more statement: news, alerted
    follows.onEngine(await engineOf('un', '2021', '2011', '1956'));
    await follows.idle();
    expect(posted.filter((p) => 'channelId' in p.target)).toHaveLength(1);
    // each passage's excerpt shows the follow's word (or a form of it: "peaceful"), in bold
    const fields = posted[0]!.reply.cards?.flatMap((c) => c.fields ?? []) ?? [];
    expect(fields.length).toBeGreaterThan(0);
    for (const f of fields) expect(f.value).toMatch(/\*\*peace\w*\*\*/i);

    // a different library altogether: recorded, nobody alerted
    follows.onEngine(await engineOf('elsewhere', '2021', '2011', '1956'));
    await follows.idle();
    expect(posted.filter((p) => 'channelId' in p.target)).toHaveLength(1);
    expect(warnings).toContain('follows: most of the library changed at once; recorded as the new starting point, no alerts sent');
    await follows.stop();
  });

  it('alerts a follow whose document is named by its symbol or title words, as /search reads them', async () => {
    // before: doc:A/RES/55/2 was refused; once /search took it, a follow kept "A/RES/55/2" while
    // the matcher compares document ids, and no alert ever came
    const posted: Reply[] = [];
    const outbox: Outbox = { post: async (_target, reply) => void posted.push(reply), checkChannel: async () => undefined };
    const log = { info: () => undefined, warn: () => undefined, error: () => undefined };
    const follows = new FollowService({ db: openDatabase(path.join(tmp, 'doc.db')), log });
    follows.start(outbox, 0);
    const meta = JSON.stringify({ title: 'United Nations Millennium Declaration', symbol: 'A/RES/55/2', date: '2000-09-08' });
    const libraryOf = async (paragraphs: string[]) => {
      const dir = mkdtempSync(path.join(tmp, 'doc-'));
      writeFileSync(path.join(dir, 'A_RES_55_2.txt'), paragraphs.join('\n\n'));
      writeFileSync(path.join(dir, 'A_RES_55_2.txt.meta.json'), meta);
      writeFileSync(path.join(dir, 'other.txt'), 'Peace and security are the first purpose of the Organization.');
      const lib = await loadLibrary(dir);
      return createEngine(lib.documents, lib.report);
    };
    const first = 'We, heads of State and Government, have gathered at United Nations Headquarters in New York.';
    const before = await libraryOf([first]);
    follows.onEngine(before);
    await follows.idle();
    const base = { guildId: 'g', channelId: 'c', canManageChannels: true, every: 'instant' as const };
    await follows.create({ ...base, ownerId: 'a', query: 'peace doc:a/res/55/2', filters: {} }, before);
    await follows.create({ ...base, ownerId: 'b', query: 'peace', filters: { document: 'Millennium' } }, before);
    follows.onEngine(await libraryOf([first, 'We will spare no effort to free our peoples from the scourge of war and to secure a lasting peace.']));
    await follows.idle();
    const texts = posted.map((r) => JSON.stringify(r.cards));
    expect(texts).toHaveLength(2);
    for (const t of texts) {
      expect(t).toContain('secure a lasting **peace**');
      expect(t).not.toContain('first purpose');
    }
    await follows.stop();
  });

  it('sends a passage queued for two identical follows of a member (a database from before they were refused) once', async () => {
    const posted: { target: Target; reply: Reply }[] = [];
    const outbox: Outbox = { post: async (target, reply) => void posted.push({ target, reply }), checkChannel: async () => undefined };
    const log = { info: () => undefined, warn: () => undefined, error: () => undefined };
    const follows = new FollowService({ db: openDatabase(path.join(tmp, 'twins.db')), log });
    const dir = mkdtempSync(path.join(tmp, 'twins-'));
    writeFileSync(path.join(dir, 'statement.txt'), 'Fentanyl is killing our young people.');
    const lib = await loadLibrary(dir);
    const engine = createEngine(lib.documents, lib.report);
    follows.onEngine(engine);
    await follows.idle();
    // both matched the passage before the fix, and neither alert was sent yet
    const passage = lib.documents[0]!.passages[0]!.id;
    const follow = { ownerId: 'm', guildId: 'g', query: 'fentanyl', filters: {}, every: 'instant' as const, createdAt: 0 };
    const [a, b, other] = [follows.store.insert(follow), follows.store.insert(follow), follows.store.insert({ ...follow, ownerId: 'n' })];
    for (const f of [a, b, other]) follows.store.addHits(f.id, [passage], 0);
    follows.start(outbox, 0);
    await follows.tick();
    await follows.idle();
    expect(posted.map((p) => p.target)).toEqual([{ userId: 'm' }, { userId: 'n' }]);
    expect(posted.map((p) => p.reply.cards?.[0]?.footer)).toEqual([
      `Follow #${a.id} · /follow list to see or remove your follows`,
      `Follow #${other.id} · /follow list to see or remove your follows`,
    ]);
    expect(follows.store.pending(b.id)).toEqual([]);
    await follows.stop();
  });

  it('refuses past the per-server limit, and a channel follow from a member without Manage Channels, before storing anything', async () => {
    const outbox: Outbox = { post: async () => undefined, checkChannel: async () => undefined };
    const log = { info: () => undefined, warn: () => undefined, error: () => undefined };
    const follows = new FollowService({ db: openDatabase(path.join(tmp, 'b.db')), log, limits: { perUser: 5, perGuild: 2 } });
    follows.start(outbox, 0);
    const engine = await engineOf('un', '2021');
    const req = (ownerId: string, extra = {}) => ({
      ownerId,
      guildId: 'g',
      canManageChannels: false,
      query: 'peace',
      filters: {},
      every: 'instant' as const,
      ...extra,
    });
    await follows.create(req('a'), engine);
    await follows.create(req('b'), engine);
    await expect(follows.create(req('c'), engine)).rejects.toThrow(
      'This server already has 2 follows, the most a server may. Remove some with `/follow remove` first.',
    );
    await expect(follows.create(req('c', { guildId: 'h', channelId: '9' }), engine)).rejects.toThrow(/Manage Channels/);
    expect(follows.store.countByGuild('h')).toBe(0);
    await follows.stop();
  });
});
