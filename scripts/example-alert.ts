/**
 * `npx tsx scripts/example-alert.ts`: the alert a member sees, rendered by the real code (for the
 * README). The bot's fixture library is copied to a temp folder, a follow of "fentanyl" is made,
 * two real General Debate statements (UNGDC) are dropped in, and the Discord payload the bot
 * would post is printed as Discord shows it.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { openDatabase } from '../src/db/database.ts';
import { FollowService, type Outbox } from '../src/follows/service.ts';
import { openLibrary } from '../src/library/open.ts';
import { renderReply, type MessagePayload } from '../src/render/discord.ts';

const FIXTURES = path.resolve(import.meta.dirname, '../test/discord/fixtures/library');
const UNGDC = process.argv[2] ?? path.resolve(import.meta.dirname, '../test/fixtures/ungdc-follows');
const tmp = mkdtempSync(path.join(tmpdir(), 'verbatim-example-'));
const root = path.join(tmp, 'library');
const cachePath = path.join(tmp, 'index.bin');
cpSync(FIXTURES, root, { recursive: true });

const posted: MessagePayload[] = [];
const outbox: Outbox = { post: async (_t, reply) => void posted.push(renderReply(reply)), checkChannel: async () => undefined };
const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };
const follows = new FollowService({ db: openDatabase(path.join(tmp, 'verbatim.db')), log: silent });
follows.start(outbox, 0);
let { engine } = await openLibrary({ dataDir: root, cachePath });
follows.onEngine(engine);
await follows.idle();
await follows.create(
  { ownerId: '1', guildId: '1', channelId: '2', canManageChannels: true, query: 'fentanyl', filters: {}, every: 'instant' },
  engine,
);

for (const file of ['2023/USA_78_2023.txt', '2024/COL_79_2024.txt']) {
  const rows = parse(readFileSync(path.join(UNGDC, path.dirname(file), 'manifest.csv'), 'utf8'), { columns: true }) as Record<string, string>[];
  const row = rows.find((r) => r['file'] === path.basename(file))!;
  mkdirSync(path.join(root, 'ungdc'), { recursive: true });
  cpSync(path.join(UNGDC, file), path.join(root, 'ungdc', path.basename(file)));
  const meta = {
    title: row['title'],
    date: row['date'],
    session: row['session'],
    speaker: row['speaker'],
    post: row['post'],
    country: row['country'],
    meeting: row['meeting'],
  };
  writeFileSync(path.join(root, 'ungdc', `${path.basename(file)}.meta.json`), JSON.stringify(meta));
}
({ engine } = await openLibrary({ dataDir: root, cachePath }));
follows.onEngine(engine);
await follows.idle();

for (const p of posted) {
  const e = p.embeds[0]!;
  const out = [`**${e.title}**`, e.description ?? '', ''];
  for (const f of e.fields ?? []) out.push(`**${f.name}**`, f.value, '');
  out.push(`_${e.footer?.text ?? ''}_`);
  for (const row of p.components) out.push(`[${row.components.map((c) => ('label' in c ? c.label : c.placeholder)).join('] [')}]`);
  process.stdout.write(`${out.join('\n')}\n`);
}
