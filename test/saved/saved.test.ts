/**
 * Saved passages over the real engine, the fixture library and a real database file: Save on a
 * search result and on a shared card, /saved list with paging, remove, export as CSV, the limit,
 * and what members see without a database.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import saved from '../../commands/saved.ts';
import search from '../../commands/search.ts';
import quote from '../../commands/quote.ts';
import { UserFacingError, type CommandContext, type Invoker } from '../../src/command.ts';
import { openDatabase } from '../../src/db/database.ts';
import { createLibrary } from '../../src/library/handle.ts';
import { StateStore } from '../../src/render/custom-id.ts';
import { renderReply } from '../../src/render/discord.ts';
import type { Reply } from '../../src/render/models.ts';
import { savedCsv } from '../../src/saved/csv.ts';
import { SavedStore } from '../../src/saved/store.ts';
import { openFixtureLibrary } from '../support/library.ts';

const alice: Invoker = { id: '111111111111111111', name: 'alice', canManageGuild: false };
const bob: Invoker = { id: '333333333333333333', name: 'bob', canManageGuild: false };
let ctx: CommandContext;

beforeAll(async () => {
  const library = createLibrary(() => openFixtureLibrary());
  await library.ready;
  const state = library.state();
  if (state.status !== 'ready') throw new Error('fixture library not ready');
  const db = openDatabase(path.join(mkdtempSync(path.join(tmpdir(), 'verbatim-saved-')), 'v.db'));
  ctx = { engine: state.engine, library, store: new StateStore(), version: 't', note: () => undefined, saved: new SavedStore(db, 12) };
});

const selectIds = (r: Reply): string[] => (r.controls ?? []).flat().flatMap((c) => (c.kind === 'link' ? [] : [c.id]));
const selectValues = (r: Reply, id: string): string[] =>
  (r.controls ?? []).flat().flatMap((c) => (c.kind === 'select' && c.id === id ? c.options.map((o) => o.value) : []));

async function component(id: string, values: string[] = [], user = alice): Promise<Reply> {
  return saved.component!.run({ id, values, user }, ctx);
}

describe('Save', () => {
  it('offers Save on every search result and on shared cards, and saving keeps the passage for that member only', async () => {
    const results = await search.run({ options: { query: 'drugs' }, user: alice }, ctx);
    expect(selectIds(results)).toContain('saved:add');
    const first = selectValues(results, 'saved:add')[0]!;
    expect((await component('saved:add', [first])).text).toMatch(/^Saved\./);
    expect((await component('saved:add', [first])).text).toMatch(/already saved/);

    const card = await quote.run({ options: { id: selectValues(results, 'saved:add')[1]! }, user: alice }, ctx);
    const button = selectIds(card).find((id) => id.startsWith('saved:add:'))!;
    expect(button).toBe(`saved:add:${selectValues(results, 'saved:add')[1]}`);
    // bob clicks Save on alice's public card: it goes into bob's list
    expect((await component(button, [], bob)).text).toMatch(/^Saved\./);

    const mine = await saved.run({ options: {}, user: alice, subcommand: 'list' }, ctx);
    expect(mine.visibility).toBe('ephemeral');
    expect(mine.cards?.[0]?.fields).toHaveLength(1);
    expect(mine.cards?.[0]?.fields?.[0]?.value).toContain(first);
    const bobs = await saved.run({ options: {}, user: bob, subcommand: 'list' }, ctx);
    expect(bobs.cards?.[0]?.fields?.[0]?.value).toContain(selectValues(results, 'saved:add')[1]);
  });

  it('says when a passage has left the library instead of saving nothing', async () => {
    expect((await component('saved:add', ['no-such-passage'])).text).toMatch(/no longer in the library/);
  });
});

describe('/saved', () => {
  it('pages newest first, removes, and refuses past the limit with a clear message', async () => {
    const user: Invoker = { id: '444444444444444444', name: 'carol', canManageGuild: false };
    const ids = [
      ...new Set(
        (await Promise.all(['drugs', 'peace', 'development'].map((q) => ctx.engine.search(q, { limit: 20 })))).flatMap((r) =>
          r.hits.map((h) => h.id),
        ),
      ),
    ];
    expect(ids.length).toBeGreaterThanOrEqual(13);
    for (const id of ids.slice(0, 12)) expect((await component('saved:add', [id], user)).text).toMatch(/^Saved\./);
    expect((await component('saved:add', [ids[12]!], user)).text).toMatch(/already keep 12 passages/);

    const page0 = await saved.run({ options: {}, user, subcommand: 'list' }, ctx);
    expect(page0.cards?.[0]?.title).toBe('Your saved passages: 1–5 of 12');
    const next = (page0.controls?.[0] ?? []).find((c) => c.kind === 'button' && c.label === 'Next ▶') as { id: string };
    const page1 = await component(next.id, [], user);
    expect(page1.update).toBe(true);
    expect(page1.cards?.[0]?.title).toBe('Your saved passages: 6–10 of 12');

    const gone = ids[0]!;
    expect((await saved.run({ options: { passage: gone }, user, subcommand: 'remove' }, ctx)).text).toMatch(/^Removed/);
    expect((await saved.run({ options: { passage: gone }, user, subcommand: 'remove' }, ctx)).text).toMatch(/not among your saved/);
    expect(ctx.saved!.count(user.id)).toBe(11);
    // autocomplete finds saved passages by their words, as the member's own
    const choices = await saved.autocomplete!({ option: 'passage', value: '', options: {}, subcommand: 'remove', user }, ctx);
    expect(choices).toHaveLength(11);
    expect(choices.map((c) => c.value)).not.toContain(gone);
  });

  it('exports the saved passages as a CSV attachment that reads back to the same rows', async () => {
    const r = await saved.run({ options: {}, user: alice, subcommand: 'export' }, ctx);
    expect(r.visibility).toBe('ephemeral');
    const file = r.files?.[0];
    expect(file?.name).toBe('verbatim-saved.csv');
    const rows = parse(file!.content!.replace(/^\uFEFF/, ''), { columns: true }) as Record<string, string>[];
    const list = ctx.saved!.all(alice.id);
    expect(rows.map((x) => x['passage_id'])).toEqual(list.map((s) => s.passageId));
    expect(rows[0]!['text']).toBe(list[0]!.text);
    expect(rows[0]!['citation']).toBe(list[0]!.citation);
    // rendered for Discord as an attachment on a private message
    const payload = renderReply(r);
    expect(payload.files?.[0]?.name).toBe('verbatim-saved.csv');
  });

  it('tells members plainly when the database is unavailable, and search is unaffected', async () => {
    const { saved: _gone, ...withoutDb } = ctx;
    await expect(Promise.resolve().then(() => saved.run({ options: {}, user: alice, subcommand: 'list' }, withoutDb))).rejects.toThrow(
      UserFacingError,
    );
    const results = await search.run({ options: { query: 'drugs' }, user: alice }, withoutDb);
    expect(results.cards?.[0]?.fields?.length).toBeGreaterThan(0);
  });
});

describe('CSV', () => {
  it('writes a header and CRLF lines behind a byte order mark', () => {
    const text = savedCsv([
      { passageId: 'p1', savedAt: Date.UTC(2026, 0, 2), source: 'Colombia', citation: 'Iván Duque · ¶ 3', text: '=Drugs, "crime"' },
    ]);
    expect(text).toBe(
      '\uFEFFsaved_at,passage_id,source,citation,url,text\r\n2026-01-02T00:00:00.000Z,p1,Colombia,Iván Duque · ¶ 3,,"\'=Drugs, ""crime"""\r\n',
    );
  });
});
