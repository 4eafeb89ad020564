/**
 * Every command over the real engine and the bot's fixture library, without Discord: inputs in,
 * reply models out, rendered as Discord would receive them.
 */
import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import about from '../../commands/about.ts';
import { commands } from '../../commands/registry.ts';
import quote from '../../commands/quote.ts';
import reindex from '../../commands/reindex.ts';
import related from '../../commands/related.ts';
import { messageQuery } from '../../src/search/message-query.ts';
import search from '../../commands/search.ts';
import source from '../../commands/source.ts';
import sources from '../../commands/sources.ts';
import { UserFacingError, type CommandContext, type CommandInput, type Invoker, type SlashCommand } from '../../src/command.ts';
import { openLibrary } from '../../src/library/open.ts';
import { StateStore } from '../../src/render/custom-id.ts';
import { renderReply, type MessagePayload } from '../../src/render/discord.ts';
import type { Reply } from '../../src/render/models.ts';
import { createLibrary, type Library } from '../../src/library/handle.ts';
import { QUERY_HELP } from '../../src/search/query.ts';
import { QueryError } from '../../src/types.ts';
import { FIXTURE_LIBRARY, openFixtureLibrary } from '../support/library.ts';

const alice: Invoker = { id: '111111111111111111', name: 'alice', canManageGuild: false };
const admin: Invoker = { id: '222222222222222222', name: 'admin', canManageGuild: true };

let library: Library;
let ctx: CommandContext;

beforeAll(async () => {
  library = createLibrary(() => openFixtureLibrary());
  await library.ready;
  const state = library.state();
  if (state.status !== 'ready') throw new Error('fixture library not ready');
  ctx = { engine: state.engine, library, store: new StateStore(), version: '0.1.0', note: () => undefined };
});

async function run(command: SlashCommand, options: Record<string, string> = {}, user = alice, extra: Partial<CommandInput> = {}): Promise<Reply> {
  return command.run({ options, user, ...extra }, ctx);
}

function controls(p: MessagePayload): { id: string; label: string; disabled: boolean }[] {
  return p.components.flatMap((row) =>
    row.components.map((c) => ({
      id: 'custom_id' in c ? c.custom_id : '',
      label: 'label' in c ? c.label : c.placeholder,
      disabled: 'disabled' in c && c.disabled === true,
    })),
  );
}

describe('the registry', () => {
  it('lists every command once, with names Discord accepts', () => {
    const names = commands.map((c) => c.data.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names).toEqual([
      'search',
      'quote',
      'sources',
      'source',
      'about',
      'reindex',
      'Find related statements',
      'follow',
      'saved',
      'library',
      'trend',
      'compare',
    ]);
    for (const c of commands.filter((c) => c.data.type === 1)) expect(c.data.name).toMatch(/^[a-z0-9_-]{1,32}$/);
    expect(reindex.data.default_member_permissions).toBe('32');
  });
});

describe('/search', () => {
  it('shows the first five of all hits, privately, with paging and share controls', async () => {
    const reply = await run(search, { query: 'pandemic' });
    const p = renderReply(reply);
    expect(reply.visibility).toBe('ephemeral');
    const embed = p.embeds[0]!;
    expect(embed.title).toMatch(/^1–5 of (\d+) for “pandemic”$/);
    expect(embed.fields).toHaveLength(5);
    for (const f of embed.fields!) expect(f.value).toMatch(/\*\*pandemic(’s|s)?\*\*/i);
    const [prev, next, exported, share, context] = controls(p);
    expect(prev).toMatchObject({ label: '◀ Prev', disabled: true });
    expect(next).toMatchObject({ label: 'Next ▶', disabled: false, id: 'search:page:1:pandemic' });
    expect(exported).toMatchObject({ label: 'Export CSV', id: 'search:export:pandemic' });
    expect(share?.id).toBe('search:share');
    expect(context?.id).toBe('search:context');
  });

  it('pages forward from the button alone, replacing the message', async () => {
    const first = renderReply(await run(search, { query: 'pandemic' }));
    const total = Number(/of (\d+)/.exec(first.embeds[0]!.title!)![1]);
    const reply = await search.component.run({ id: 'search:page:1:pandemic', values: [], user: alice }, ctx);
    expect(reply.update).toBe(true);
    const p = renderReply(reply, 'edit');
    expect(p.embeds[0]!.title).toBe(`6–${Math.min(10, total)} of ${total} for “pandemic”`);
    const firstIds = new Set(first.components[1]!.components.flatMap((c) => ('options' in c ? c.options.map((o) => o.value) : [])));
    const pageTwoIds = p.components[1]!.components.flatMap((c) => ('options' in c ? c.options.map((o) => o.value) : []));
    expect(pageTwoIds.some((id) => firstIds.has(id))).toBe(false);
  });

  it('keeps long queries in memory and says plainly when they have expired', async () => {
    const query = 'multilateralism pandemic vaccines equity recovery solidarity cooperation development climate';
    const p = renderReply(await run(search, { query, country: 'Colombia' }));
    const next = controls(p)[1]!;
    expect(next.id.length).toBeLessThanOrEqual(100);
    const fresh = { ...ctx, store: new StateStore() };
    const expired = await search.component.run({ id: next.id, values: [], user: alice }, fresh);
    expect(expired.text).toMatch(/expired.*Run \/search again/s);
  });

  it('resolves a country given by name, code or an autocomplete choice name', async () => {
    for (const country of ['Colombia', 'col', 'Colombia — COL (14)']) {
      const p = renderReply(await run(search, { query: 'pandemic', country }));
      const names = p.embeds[0]!.fields!.map((f) => f.name);
      expect(names.length).toBeGreaterThan(0);
      for (const n of names) expect(n).toContain('Colombia');
    }
  });

  it('says which filter to drop when nothing matches', async () => {
    const reply = await run(search, { query: 'heroin', country: 'MEX' });
    expect(reply.visibility).toBe('ephemeral');
    expect(reply.text).toContain('No passages match **heroin**');
    expect(reply.text).toContain('Without the country filter: 1 passage.');
  });

  it('names a filter written in the query (not “the word”) when dropping it would find passages', async () => {
    const reply = await run(search, { query: 'pandemic -country:COL session:75' });
    expect(reply.text).toContain('No passages match **pandemic -country:COL session:75**');
    expect(reply.text).toMatch(/Without “session:75”: \d+ passages\./);
    expect(reply.text).not.toContain('the word “session:75”');
  });

  it('passes query mistakes on as the engine words them', async () => {
    await expect(run(search, { query: 'coca year:twenty' })).rejects.toThrow(QueryError);
    await expect(run(search, { query: 'drugs', country: 'Atlantis' })).rejects.toThrow(/Unknown country “Atlantis”/);
  });

  it('shares the chosen hit publicly, naming who shared it', async () => {
    const page = renderReply(await run(search, { query: 'heroin smuggled Afghanistan' }));
    const option = page.components[1]!.components[0]!;
    const id = 'options' in option ? option.options[0]!.value : '';
    const reply = await search.component.run({ id: 'search:share', values: [id], user: alice }, ctx);
    expect(search.component.mode('search:share')).toBe('public');
    expect(search.component.mode('search:share', { inBotDm: true })).toBe('ephemeral');
    const card = renderReply(reply);
    expect(reply.visibility).toBe('public');
    expect(card.content).toBe(`Shared by <@${alice.id}>`);
    expect(card.allowedMentions.parse).toEqual([]);
    // the passage is the Pakistani organisation's, narrated in Serbia's report (issue 9): titled and cited so
    expect(card.embeds[0]!.title).toBe('Center for Governance Research (CGR), Pakistan');
    expect(card.embeds[0]!.description).toContain(
      '> while the representative of the civil society organization Center for Governance Research (CGR) from Pakistan stated',
    );
    expect(card.embeds[0]!.description).not.toContain('97.4%');
    expect(card.embeds[0]!.description).toMatch(
      /— Center for Governance Research \(CGR\), Pakistan — reported in: Office for Combating Drugs, Government of the Republic of Serbia · .*¶ 2/,
    );
  });

  it('shows more context: the passage between its neighbours', async () => {
    const hit = (await ctx.engine.search('heroin smuggled Afghanistan')).hits[0]!;
    const reply = await search.component.run({ id: 'search:context', values: [hit.id], user: alice }, ctx);
    const d = renderReply(reply).embeds[0]!.description!;
    expect(reply.visibility).toBe('ephemeral');
    // ¶ 2 is cut in two where its second organisation's statement begins: each part is labelled as such
    expect(d.indexOf('¶ 1')).toBeLessThan(d.indexOf('¶ 2 (part 1 of 2)'));
    expect(d.indexOf('¶ 2 (part 1 of 2)')).toBeLessThan(d.indexOf('**¶ 2 (part 2 of 2)** ▶'));
    expect(d.indexOf('**¶ 2 (part 2 of 2)** ▶')).toBeLessThan(d.indexOf('¶ 3'));
  });
});

describe('/quote', () => {
  it('posts a passage by id as a public card', async () => {
    const hit = (await ctx.engine.search('Cybercrime')).hits[0]!;
    const reply = await run(quote, { id: hit.id });
    expect(quote.visibility).toBe('public');
    const p = renderReply(reply);
    expect(p.flags! & 64).toBe(0);
    expect(p.embeds[0]!.description).toContain('> On October 21, the last session');
    expect(p.embeds[0]!.footer!.text).toContain(hit.id);
  });
  it('explains an unknown id', async () => {
    await expect(run(quote, { id: 'nope' })).rejects.toThrow(UserFacingError);
  });
});

describe('/sources and /source', () => {
  it('lists the library', async () => {
    const p = renderReply(await run(sources));
    expect(p.embeds[0]!.title).toBe('1–4 of 4 documents');
    expect(p.embeds[0]!.description).toContain('Colombia — General Debate, 76th session');
  });
  it('shows one document by id or by its title', async () => {
    for (const document of ['COL_76_2021', 'Colombia — General Debate, 76th session']) {
      const p = renderReply(await run(source, { document }));
      const fields = Object.fromEntries(p.embeds[0]!.fields!.map((f) => [f.name, f.value]));
      expect(fields['Speaker']).toBe('Iván Duque Márquez');
      expect(Number(fields['Passages'])).toBeGreaterThan(5);
      expect(p.embeds[0]!.url).toBe('https://gadebate.un.org/en/76/colombia');
    }
    await expect(run(source, { document: 'Atlantis' })).rejects.toThrow(/No document matches/);
  });
  it('suggests documents, countries and speakers as they are typed, accents optional', () => {
    expect(source.autocomplete({ option: 'document', value: 'col', options: {} }, ctx)[0]?.value).toBe('COL_76_2021');
    expect(search.autocomplete({ option: 'country', value: 'co', options: {} }, ctx).map((c) => c.value)).toContain('COL');
    expect(search.autocomplete({ option: 'speaker', value: 'ivan', options: {} }, ctx)[0]?.value).toBe('Iván Duque Márquez');
  });
});

describe('/about', () => {
  it('gives size, version and the query syntax', async () => {
    const p = renderReply(await run(about));
    const fields = Object.fromEntries(p.embeds[0]!.fields!.map((f) => [f.name, f.value]));
    expect(p.embeds[0]!.title).toBe('Verbatim 0.1.0');
    expect(fields['Documents']).toBe('4');
    expect(fields['How to search']).toContain('country:COL');
    // the whole syntax is shown, cut between lines into fields Discord accepts (1,024 characters each)
    const help = p.embeds[0]!.fields!.filter((f) => f.name.startsWith('How to search'));
    expect(help.length).toBeGreaterThan(1);
    for (const f of help) expect(f.value.length).toBeLessThanOrEqual(1024);
    const shown = help.map((f) => f.value.replace(/^```\n|\n```$/g, '')).join('\n');
    expect(shown).toBe(QUERY_HELP);
    expect(shown).toContain('leave out passages whose text says the word');
    expect(shown).toContain('-country:USA');
  });
});

describe('Find related statements', () => {
  it('drops mentions and links from the message', () => {
    expect(messageQuery('<@123456789012345678> see https://example.org/x_y about coca cultivation in Colombia @everyone')).toBe(
      'see coca cultivation Colombia',
    );
  });
  it('keeps a long message to a query the engine accepts', async () => {
    const message = `${'a'.repeat(300)} ${'Statement on alternative development, coca cultivation and the Balkan route. '.repeat(60)}`;
    const query = messageQuery(message);
    expect(query.split(' ').length).toBeLessThanOrEqual(16);
    expect(query).not.toContain('aaaa');
    await expect(ctx.engine.search(query)).resolves.toMatchObject({ total: expect.any(Number) });
  });
  it('searches with the message text', async () => {
    const p = renderReply(await run(related, {}, alice, { targetMessage: 'Has anyone looked at heroin smuggled out of Afghanistan?' }));
    expect(p.embeds[0]!.fields![0]!.value).toContain('**heroin**');
  });
  it('refuses a message with nothing to search', async () => {
    await expect(run(related, {}, alice, { targetMessage: 'https://example.org <@1234567890123456789>' })).rejects.toThrow(UserFacingError);
  });
});

describe('/reindex', () => {
  it('needs Manage Server', async () => {
    await expect(run(reindex, {}, alice)).rejects.toThrow(/Manage Server/);
  });

  it('reloads and reports what changed, serving from the old index until the new one is ready', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'verbatim-reindex-'));
    cpSync(FIXTURE_LIBRARY, dir, { recursive: true });
    const cachePath = path.join(dir, '..', `${path.basename(dir)}-index.json`);
    const lib = createLibrary(() => openLibrary({ dataDir: dir, cachePath }));
    await lib.ready;
    const state = lib.state();
    if (state.status !== 'ready') throw new Error('not ready');
    const local: CommandContext = { ...ctx, engine: state.engine, library: lib };
    writeFileSync(path.join(dir, 'note.txt'), 'A short statement on alternative development and coca cultivation in the Andean region.\n');
    const reloading = reindex.run({ options: {}, user: admin }, local);
    expect(lib.state()).toMatchObject({ status: 'ready', engine: state.engine });
    const reply = await reloading;
    expect(reply.text).toMatch(/5 documents/);
    expect(reply.text).toMatch(/Added 1 · changed 0 · removed 0 · skipped 0\./);
    const after = lib.state();
    expect(after.status === 'ready' && after.engine).not.toBe(state.engine);
  });
});
