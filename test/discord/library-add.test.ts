/**
 * Feeding the library from Discord: /library add, remove and recent through the real discord.js
 * client and the loopback Discord server, which serves each attachment from its CDN address as
 * Discord does. The library is a temporary copy with live updates on, as the bot runs it.
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { commands } from '../../commands/registry.ts';
import { createBot, type Bot } from '../../src/discord/bot.ts';
import { deployCommands } from '../../src/discord/deploy.ts';
import { createLibrary, type Library } from '../../src/library/handle.ts';
import { openLibrary } from '../../src/library/open.ts';
import { LibraryWatcher } from '../../src/library/live.ts';
import { createLogger } from '../../src/logger.ts';
import { MEMBER_PERMISSIONS, startFakeDiscord, type FakeDiscord, type InteractionHandle, type ReplyView } from '../discord-server/fake-discord.ts';
import { FIXTURE_LIBRARY } from '../support/library.ts';

type Obj = Record<string, unknown>;
const UN_DOCS = new URL('../fixtures/un-documents/', import.meta.url).pathname;
let fake: FakeDiscord;
let bot: Bot;
let library: Library;
let tmp: string;
let root: string;
const logLines: Obj[] = [];

beforeAll(async () => {
  tmp = mkdtempSync(path.join(tmpdir(), 'verbatim-uploads-'));
  root = path.join(tmp, 'library');
  cpSync(FIXTURE_LIBRARY, root, { recursive: true });
  const cachePath = path.join(tmp, 'index.bin');
  fake = await startFakeDiscord();
  await deployCommands(
    { token: fake.token, clientId: fake.applicationId, guildId: fake.guildId, apiBase: fake.apiBase },
    commands.map((c) => c.data),
  );
  const live = new LibraryWatcher({ dataDir: root, cachePath, debounceMs: 200 });
  library = createLibrary((onProgress) => openLibrary({ dataDir: root, cachePath, onProgress }), { live });
  const sink = new Writable({ write: (chunk: Buffer, _e, done) => (logLines.push(JSON.parse(chunk.toString()) as Obj), done()) });
  bot = createBot({
    engineProvider: library,
    commands,
    log: createLogger('info', sink),
    config: { token: fake.token, apiBase: fake.apiBase },
    services: { uploads: { dataDir: root, maxBytes: 2 * 1024 * 1024, roleId: fake.staffRoleId } },
  });
  await bot.start();
  await library.ready;
});

afterAll(async () => {
  await bot?.stop();
  await library?.close();
  await fake?.close();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

const card = (v: { embeds: Obj[] }): { title: string; description: string } => ({
  title: String(v.embeds[0]?.['title'] ?? ''),
  description: String(v.embeds[0]?.['description'] ?? ''),
});
const uploads = (): string[] => {
  const dir = path.join(root, 'uploads');
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => e.name)
    .sort();
};
const admin = { userId: 'admin' } as const;

/**
 * The answer once its work is done: /library add and remove answer at once ("Indexing…",
 * "Removing…"), index outside the command queue, then edit that answer.
 */
async function settled(h: InteractionHandle, timeoutMs = 60_000): Promise<ReplyView> {
  const first = await h.response({ timeoutMs });
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = h.current() ?? first;
    if (!/^(Indexing|Removing)…$/.test(card(v).title)) return v;
    if (Date.now() > until) throw new Error(`still “${card(v).title}” after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('/library add', () => {
  it('stores a PDF under uploads/<year>/ with a sidecar, indexes it at once, says what it found, and /search finds it', async () => {
    const file = fake.attachment('A_RES_55_2.pdf', readFileSync(path.join(UN_DOCS, 'A_RES_55_2.pdf')), { contentType: 'application/pdf' });
    const v = await settled(fake.slashCommand('library', { add: { file, country: 'Colombia', date: '2000-09-08' } }, admin));
    expect(v.ephemeral).toBe(true);
    expect(card(v).title).toBe('Added to the library');
    expect(card(v).description).toMatch(/Symbol: A\/RES\/55\/2/);
    // a country is labelled a country, as /source does (before: "Speaker: Colombia", QA19b #7)
    expect(card(v).description).toMatch(/^Country: Colombia$/m);
    expect(card(v).description).not.toMatch(/Speaker:/);
    expect(card(v).description).toMatch(/`uploads\/\d{4}\/A_RES_55_2\.pdf` · \d+ passages/);
    expect(fake.cdnRequests.some((r) => r.path.endsWith('/A_RES_55_2.pdf') && r.status === 200)).toBe(true);
    const year = new Date().getUTCFullYear();
    const sidecar = JSON.parse(readFileSync(path.join(root, 'uploads', String(year), 'A_RES_55_2.pdf.meta.json'), 'utf8')) as Obj;
    expect(sidecar).toMatchObject({ country: 'Colombia', date: '2000-09-08', addedBy: 'admin', addedById: fake.users.admin.id });
    const found = await fake.slashCommand('search', { query: 'millennium declaration solidarity tolerance' }).response();
    expect(JSON.stringify(found.embeds)).toContain('A/RES/55/2');
    // one log line per change: who, what, where (written once the answer is final)
    await vi.waitFor(() => expect(logLines.find((l) => l['change'] === 'add')).toBeDefined());
    expect(logLines.find((l) => l['change'] === 'add')).toMatchObject({
      user: fake.users.admin.id,
      path: `uploads/${year}/A_RES_55_2.pdf`,
      outcome: 'ok',
    });
  }, 90_000);

  it('indexes outside the command queue: other members are answered at once while a file is indexed (QA19b #2)', async () => {
    // before: the upload waited for indexing inside the single command queue, so every member's
    // /search and /about waited for it (3.7 s for 13 KB, 11 s for 15 MB)
    const paragraphs = Array.from(
      { length: 4000 },
      (_, i) =>
        `Paragraph ${i + 1}. The delegation of Norway addressed ocean governance, fisheries subsidies and marine litter in statement part ${i}.`,
    );
    const file = fake.attachment('long-ocean-statement.txt', `Statement by Norway on the ocean\n\n${paragraphs.join('\n\n')}\n`);
    const upload = fake.slashCommand('library', { add: { file, country: 'Norway', speaker: 'Jonas Gahr Støre' } }, admin);
    const first = await upload.response({ timeoutMs: 20_000 });
    expect(first.ephemeral).toBe(true);
    expect(card(first)).toEqual({
      title: 'Indexing…',
      description: expect.stringMatching(/^`uploads\/\d{4}\/long-ocean-statement\.txt` was stored and is being indexed now\. This message will say/),
    }) as unknown;
    const search = await fake.slashCommand('search', { query: 'climate change' }, { userId: 'bob' }).response();
    const about = await fake.slashCommand('about', {}, { userId: 'alice' }).response();
    // both answered while the file was still being indexed, without a "thinking…" wait
    expect(card(upload.current()!).title).toBe('Indexing…');
    expect(search.deferred).toBe(false);
    expect(about.deferred).toBe(false);
    expect(search.embeds.length).toBeGreaterThan(0);
    const done = await settled(upload);
    expect(card(done).title).toBe('Added to the library');
    expect(card(done).description).toMatch(/`uploads\/\d{4}\/long-ocean-statement\.txt` · 4\d{3} passages/);
    expect(card(done).description).toMatch(/^Speaker: Jonas Gahr Støre\nCountry: Norway$/m);
    const found = await fake.slashCommand('search', { query: 'fisheries subsidies marine litter' }).response();
    expect(JSON.stringify(found.embeds)).toContain('Jonas Gahr Støre');
  }, 90_000);

  it('does not add the same content twice, and points to it', async () => {
    const before = uploads();
    const file = fake.attachment('copy-of-the-declaration.pdf', readFileSync(path.join(UN_DOCS, 'A_RES_55_2.pdf')));
    const v = await fake.slashCommand('library', { add: { file } }, admin).response();
    expect(card(v).title).toBe('Already in the library');
    expect(card(v).description).toMatch(/uploads\/\d{4}\/A_RES_55_2\.pdf/);
    expect(uploads()).toEqual(before);
  });

  it('a file the library skipped, sent again, is said to be there but not indexed, and why (QA19b #4)', async () => {
    // before: "Already in the library" with its path, as if it were searchable
    const scan = readFileSync(path.join(UN_DOCS, 'GA79_statement_State-of-Palestine_ar_scanned.pdf'));
    const stored = await settled(fake.slashCommand('library', { add: { file: fake.attachment('palestine.pdf', scan) } }, admin));
    expect(card(stored).title).toBe('Stored, but not indexed');
    const reason = /was stored but not indexed: (.*)\. Remove it/.exec(card(stored).description)?.[1];
    expect(reason).toBeTruthy();
    const again = await settled(fake.slashCommand('library', { add: { file: fake.attachment('scan-again.pdf', scan) } }, admin));
    expect(again.ephemeral).toBe(true);
    expect(card(again)).toEqual({
      title: 'In the library folder, but not indexed',
      description: expect.stringContaining(
        `The same file is already in the library folder as \`uploads/${new Date().getUTCFullYear()}/palestine.pdf\`, so it was not added again. It is **not indexed**, so searches do not find it: ${reason!}.`,
      ),
    }) as unknown;

    // the .docx of a .pdf/.docx pair: the PDF is indexed, the .docx skipped, and said so when sent again
    const pdf = await settled(
      fake.slashCommand(
        'library',
        { add: { file: fake.attachment('A_80_604_Add.6.pdf', readFileSync(path.join(UN_DOCS, 'A_80_604_Add.6.pdf'))) } },
        admin,
      ),
    );
    expect(card(pdf).title).toBe('Added to the library');
    const docx = readFileSync(path.join(UN_DOCS, 'A_80_604_Add.6.docx'));
    const twin = await settled(fake.slashCommand('library', { add: { file: fake.attachment('A_80_604_Add.6.docx', docx) } }, admin));
    expect(card(twin).title).toBe('Stored, but not indexed');
    const resent = await settled(fake.slashCommand('library', { add: { file: fake.attachment('A_80_604_Add.6 (1).docx', docx) } }, admin));
    expect(card(resent).title).toBe('In the library folder, but not indexed');
    expect(card(resent).description).toMatch(
      /It is \*\*not indexed\*\*, so searches do not find it: document id .* is taken by uploads\/\d{4}\/A\\_80\\_604\\_Add\.6\.pdf/,
    );
    expect(card(resent).description).toMatch(/take this copy out with \/library remove\.$/);
  }, 90_000);

  it('takes a member of the library role without Manage Server; refuses others', async () => {
    const file = fake.attachment(
      'note.md',
      '# Water\n\nThe delegation of Colombia spoke at length about transboundary aquifers and glacier retreat.\n',
    );
    const staff = { userId: 'admin', permissions: MEMBER_PERMISSIONS, bypassPermissions: true };
    const v = await settled(fake.slashCommand('library', { add: { file, title: 'Aquifers note' } }, staff));
    expect(card(v).title).toBe('Added to the library');
    const refused = await fake.slashCommand('library', { add: { file } }, { userId: 'alice', bypassPermissions: true }).response();
    expect(refused.content).toMatch(/Only members with Manage Server or the <@&\d+> role can change the library/);
    expect(() => fake.slashCommand('library', { recent: {} }, { userId: 'alice' })).toThrow(/cannot see/);
  });

  it('refuses metadata searches could not use, naming each value and what is taken, before storing anything (QA22 F3)', async () => {
    // before: "Added to the library" with "Country: Narnia"; the date and the session were dropped
    // without a word, and a country: search could never find the document
    const before = uploads();
    const text = 'Statement by the delegation of Atlantis on quixotic matters of fisheries subsidies.\n';
    const bad = fake.attachment('meta.txt', text);
    const v = await fake.slashCommand('library', { add: { file: bad, country: 'Narnia', date: 'yesterday', session: 'abc' } }, admin).response();
    expect(v.ephemeral).toBe(true);
    expect(v.content).toBe(
      [
        'Nothing was added:',
        '- the date “yesterday” is not a date: write 2021, 2021-10 or 2021-10-19.',
        '- the country “Narnia” is not a country searches know: use a country name (Colombia) or an ISO code (COL).',
        '- the session “abc” is not a session: write a session number (76) or a special session (ES-10, S-27).',
        'Add the file again with those values corrected, or left out.',
      ].join('\n'),
    );
    const one = await fake.slashCommand('library', { add: { file: fake.attachment('meta.txt', text), date: '2021-13-01' } }, admin).response();
    expect(one.content).toBe(
      'Nothing was added: the date “2021-13-01” is not a date: write 2021, 2021-10 or 2021-10-19.\nAdd the file again with that value corrected, or left out.',
    );
    expect(uploads()).toEqual(before);
    expect(fake.cdnRequests.some((r) => r.path.endsWith('/meta.txt'))).toBe(false);
    // readable values are stored as searches read them ("76th" is session 76) and shown
    const good = await settled(
      fake.slashCommand('library', { add: { file: fake.attachment('meta.txt', text), country: 'fji', date: '2021-10', session: '76th' } }, admin),
    );
    expect(card(good).title).toBe('Added to the library');
    expect(card(good).description).toMatch(/^Country: Fiji\nDate: 2021-10\nSession: 76$/m);
    const found = await fake.slashCommand('search', { query: 'quixotic fisheries', country: 'Fiji', session: '76' }).response();
    expect(JSON.stringify(found.embeds)).toContain('quixotic');
  }, 90_000);

  it('titles a text file sent without title: by its first line when that is a heading, else by its file name (QA22 F8.2)', async () => {
    // before: **uploads/2026/atlantis statement**, as if the path were its title
    const year = new Date().getUTCFullYear();
    const heading = fake.attachment(
      'atlantis statement.txt',
      'Statement by the delegation of Atlantis at the Commission\n\nMr. Chair, Atlantis supports a global levy on shipping emissions to finance ocean resilience through a zorblax mechanism.\n',
    );
    const a = await settled(fake.slashCommand('library', { add: { file: heading } }, admin));
    expect(card(a).description).toMatch(
      /^\*\*Statement by the delegation of Atlantis at the Commission\*\*\n`uploads\/\d{4}\/atlantis statement\.txt`/,
    );
    // a first line that is a sentence is no title: the file's name without its folder and extension
    const w1252 = fake.attachment('w1252.txt', readFileSync(new URL('../fixtures/formats/windows-1252.txt', import.meta.url)));
    const b = await settled(fake.slashCommand('library', { add: { file: w1252 } }, admin));
    expect(card(b).description).toMatch(/^\*\*w1252\*\*\n/);
    const c = await settled(
      fake.slashCommand(
        'library',
        { add: { file: fake.attachment('one-paragraph.txt', 'Colombia spoke about glacier retreat and water security in the Andes.\n') } },
        admin,
      ),
    );
    expect(card(c).description).toMatch(/^\*\*one-paragraph\*\*\n`uploads\/\d{4}\/one-paragraph\.txt` · 1 passage$/m);
    const found = await fake.slashCommand('search', { query: 'zorblax levy' }).response();
    expect(JSON.stringify(found.embeds)).toContain('Statement by the delegation of Atlantis at the Commission');
    const recent = card(await fake.slashCommand('library', { recent: {} }, admin).response()).description;
    expect(recent).toContain(`**one-paragraph** — \`uploads/${year}/one-paragraph.txt\`\nadded by <@${fake.users.admin.id}> on `);
    expect(recent).toMatch(/one-paragraph\.txt`\nadded by <@\d+> on \d{4}-\d{2}-\d{2} · 1 passage$/m);
    expect(recent).toContain(`**w1252** — \`uploads/${year}/w1252.txt\``);
  }, 90_000);

  it.each([
    ['a path in the name', '../../evil.txt', 'plain text', {}, /has a path in it/],
    ['control characters in the name', 'bad\u0007name.txt', 'plain text', {}, /control characters/],
    ['a format not taken', 'tool.exe', 'MZ', {}, /`\.exe` files are not taken/],
    ['a file over the size limit', 'big.txt', 'x', { size: 5 * 1024 * 1024 }, /5\.0 MB; the library takes files up to 2\.0 MB/],
    ['a download that fails', 'gone.txt', 'text', { status: 404 }, /could not be downloaded from Discord \(HTTP 404\)/],
  ] as [string, string, string, { size?: number; status?: number }, RegExp][])(
    '%s: a clear private answer, nothing written',
    async (_why, name, content, opts, message) => {
      const before = uploads();
      const file = fake.attachment(name, content, opts);
      const v = await fake.slashCommand('library', { add: { file } }, admin).response();
      expect(v.ephemeral).toBe(true);
      expect(v.content).toMatch(message);
      expect(uploads()).toEqual(before);
      expect(readdirSync(root).filter((n) => n.startsWith('.upload-'))).toEqual([]);
    },
  );
});

describe('/library recent and remove', () => {
  it('lists the last additions with who added them', async () => {
    const v = await fake.slashCommand('library', { recent: {} }, admin).response();
    expect(card(v).title).toBe('Recent additions');
    expect(card(v).description).toMatch(/\*\*Aquifers note\*\* — `uploads\/\d{4}\/note\.md`\nadded by <@\d+> on \d{4}-\d{2}-\d{2} · 1 passage$/m);
    expect(card(v).description.indexOf('note.md')).toBeLessThan(card(v).description.indexOf('A_RES_55_2.pdf'));
  });

  it('offers added documents in autocomplete, moves the chosen one to .trash/ and out of the index', async () => {
    const choices = (await fake.autocomplete('library', { remove: { document: 'aquif' } }, 'document', admin).response()).choices as {
      name: string;
      value: string;
    }[];
    expect(choices.map((c) => c.name)).toEqual([expect.stringMatching(/^Aquifers note — uploads\/\d{4}\/note\.md$/)]);
    const v = await settled(fake.slashCommand('library', { remove: { document: choices[0]!.value } }, admin));
    expect(card(v).title).toBe('Removed from the library');
    const trashed = readdirSync(path.join(root, '.trash'), { recursive: true }).map(String);
    expect(trashed.some((p) => p.endsWith('note.md'))).toBe(true);
    expect(trashed.some((p) => p.endsWith('note.md.meta.json'))).toBe(true);
    const search = await fake.slashCommand('search', { query: 'transboundary aquifers glacier' }).response();
    expect(JSON.stringify(search.embeds)).not.toContain('Aquifers note');
    expect(logLines.find((l) => l['change'] === 'remove')).toMatchObject({ user: fake.users.admin.id, path: expect.stringMatching(/note\.md$/) });
  });

  it('offers uploads the library skipped in autocomplete, marked as not indexed, and removes the chosen one', async () => {
    // before: only indexed documents were offered; a broken upload had to be typed out in full
    const year = new Date().getUTCFullYear();
    const choices = (await fake.autocomplete('library', { remove: { document: 'palest' } }, 'document', admin).response()).choices as {
      name: string;
      value: string;
    }[];
    expect(choices).toEqual([
      { name: expect.stringMatching(new RegExp(`^⚠ not indexed — uploads/${year}/palestine\\.pdf: .+`)), value: `uploads/${year}/palestine.pdf` },
    ]);
    // the .docx of a .pdf/.docx pair: the indexed PDF as a document, the skipped .docx marked
    const pair = (await fake.autocomplete('library', { remove: { document: 'A_80_604' } }, 'document', admin).response()).choices as {
      name: string;
      value: string;
    }[];
    expect(pair.map((c) => c.value)).toEqual([`uploads/${year}/A_80_604_Add.6.pdf`, `uploads/${year}/A_80_604_Add.6.docx`]);
    expect(pair[0]!.name).not.toMatch(/not indexed/);
    expect(pair[1]!.name).toMatch(new RegExp(`^⚠ not indexed — uploads/${year}/A_80_604_Add\\.6\\.docx: document id `));
    const v = await settled(fake.slashCommand('library', { remove: { document: choices[0]!.value } }, admin));
    expect(card(v).title).toBe('Removed from the library');
    expect(
      readdirSync(path.join(root, '.trash'), { recursive: true })
        .map(String)
        .some((p) => p.endsWith('palestine.pdf')),
    ).toBe(true);
    const after = (await fake.autocomplete('library', { remove: { document: 'palest' } }, 'document', admin).response()).choices;
    expect(after).toEqual([]);
  });

  it('refuses to remove a document that was not added here', async () => {
    const v = await fake.slashCommand('library', { remove: { document: 'COL_76_2021.txt' } }, admin).response();
    expect(v.content).toMatch(/Only documents added with \/library add can be removed here/);
    expect(existsSync(path.join(root, 'COL_76_2021.txt'))).toBe(true);
    expect(fake.violations).toEqual([]);
  });
});
