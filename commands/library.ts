/**
 * `/library add file [title] [speaker] [country] [date] [session] [symbol]`, `/library remove
 * document`, `/library recent`: the team feeds the library from Discord. Manage Server, or members
 * of the role in LIBRARY_ROLE_ID. The file is stored under uploads/<year>/ with a sidecar and
 * indexed by the live update right away; the answer says what was found or why it was skipped.
 */
import type { Reply } from '../src/render/models.ts';
import { escapeMarkdown, truncate } from '../src/render/text.ts';
import {
  UPLOAD_FIELDS,
  UPLOADS_DIR,
  UploadError,
  uploadTitle,
  checkUploadMeta,
  checkUploadName,
  download,
  findSameContent,
  recentUploads,
  storeUpload,
  tooLarge,
  trashUpload,
  type UploadMeta,
} from '../src/library/uploads.ts';
import type { DocumentSummary, SearchEngine } from '../src/types.ts';
import { stringOption } from './options.ts';
import {
  COMMAND_TYPE,
  GUILD_ONLY,
  MANAGE_GUILD,
  OPTION_TYPE,
  UserFacingError,
  type CommandContext,
  type CommandInput,
  type CommandData,
  type SlashCommand,
  type UploadSettings,
} from '../src/command.ts';

const meta = (name: (typeof UPLOAD_FIELDS)[number], description: string, max = 200) => ({
  type: OPTION_TYPE.String,
  name,
  description,
  max_length: max,
});

function settings(ctx: CommandContext): UploadSettings {
  if (!ctx.uploads) throw new UserFacingError('Adding documents from Discord is not set up on this bot.');
  return ctx.uploads;
}

function checkAllowed(input: CommandInput, s: UploadSettings): void {
  if (input.user.canManageGuild) return;
  if (s.roleId && input.user.roles?.includes(s.roleId)) return;
  throw new UserFacingError(`Only members with Manage Server${s.roleId ? ` or the <@&${s.roleId}> role` : ''} can change the library.`);
}

/** The engine serving now (after a refresh it is newer than the one the command started with). */
function current(ctx: CommandContext): SearchEngine {
  const state = ctx.library.state();
  return state.status === 'ready' ? state.engine : ctx.engine;
}

/** The sessions the library's documents name (an upload may name one of them, in any case): the session facet's values. */
function sessionsHeld(engine: SearchEngine): string[] {
  return engine.facet('session', '', Infinity).map((f) => f.value);
}

function describe(doc: DocumentSummary): string {
  const lines = [
    `**${escapeMarkdown(truncate(doc.meta.title ?? doc.id, 200))}**`,
    `\`${doc.path}\` · ${doc.passages} passage${doc.passages === 1 ? '' : 's'}`,
  ];
  if (doc.meta.symbol) lines.push(`Symbol: ${escapeMarkdown(doc.meta.symbol)}`);
  // labelled as /source labels them: a country is not a speaker
  if (doc.meta.speaker) lines.push(`Speaker: ${escapeMarkdown(doc.meta.speaker)}`);
  const country = doc.meta.countryName ?? doc.meta.country;
  if (country) lines.push(`Country: ${escapeMarkdown(country)}`);
  if (doc.meta.date) lines.push(`Date: ${doc.meta.date}`);
  if (doc.meta.session) lines.push(`Session: ${escapeMarkdown(doc.meta.session)}`);
  if (doc.statements)
    lines.push(
      `Statements: ${doc.statements}${doc.speakers?.length ? ` by ${escapeMarkdown(truncate(doc.speakers.slice(0, 8).join('; '), 600))}` : ''}`,
    );
  return lines.join('\n');
}

const ok = (title: string, description: string): Reply => ({ visibility: 'ephemeral', cards: [{ title, description }] });

/**
 * The file sent is already in the library folder as `same`: the document it is, or, when the
 * library skipped it (a scan without text, the .docx of a .pdf/.docx pair, a broken file), that it
 * is not searchable and why, as the index report says.
 */
function duplicateReply(same: string, engine: SearchEngine): Reply {
  const doc = engine.documents().find((d) => d.path === same);
  if (doc) return ok('Already in the library', `The same file is already there, so it was not added again:\n${describe(doc)}`);
  const why = engine
    .stats()
    .skipped.find((p) => p.path === same)
    ?.reason.replace(/;\s*not indexed$/, '');
  const fix = same.startsWith(`${UPLOADS_DIR}/`)
    ? ' Fix the file and add the fixed one, or take this copy out with /library remove.'
    : ' Fix the file in the library folder, or add a version that has the text.';
  if (why)
    return ok(
      'In the library folder, but not indexed',
      `The same file is already in the library folder as \`${same}\`, so it was not added again. It is **not indexed**, so searches do not find it: ${escapeMarkdown(why)}.${fix}`,
    );
  return ok(
    'In the library folder, not indexed yet',
    `The same file is already in the library folder as \`${same}\`, so it was not added again. It is not in the index yet (it may still be being indexed); \`/library recent\` shows whether it was.`,
  );
}

async function add(input: CommandInput, ctx: CommandContext): Promise<Reply> {
  const s = settings(ctx);
  checkAllowed(input, s);
  const file = input.attachments?.['file'];
  if (!file) throw new UserFacingError('Attach the document to the `file` option.');
  const given: UploadMeta = {};
  for (const f of UPLOAD_FIELDS) {
    const v = stringOption(input, f);
    if (v) given[f] = v;
  }
  let meta: UploadMeta;
  let bytes: Buffer;
  try {
    // the values are checked before anything is downloaded or stored (QA22 F3)
    meta = checkUploadMeta(given, sessionsHeld(current(ctx)));
    checkUploadName(file.name);
    if (file.size > s.maxBytes) throw new UploadError(tooLarge(file.size, s.maxBytes));
    bytes = await download(file.url, s.maxBytes);
  } catch (err) {
    if (err instanceof UploadError) throw new UserFacingError(err.message);
    throw err;
  }
  const same = await findSameContent(s.dataDir, bytes);
  if (same) {
    ctx.note({ change: 'add', outcome: 'duplicate', existing: same });
    return duplicateReply(same, current(ctx));
  }
  if (!meta.title) {
    // a text file has no title of its own: titled as a reader would, not by its path (QA22 F8.2)
    const title = uploadTitle(file.name, bytes);
    if (title) meta.title = title;
  }
  let record;
  try {
    record = await storeUpload({ root: s.dataDir, name: file.name, bytes, meta, addedBy: { id: input.user.id, name: input.user.name } });
  } catch (err) {
    if (err instanceof UploadError) throw new UserFacingError(err.message);
    throw err;
  }
  ctx.note({ change: 'add', path: record.path, bytes: record.bytes, by: input.user.id });
  const refresh = ctx.library.refresh?.bind(ctx.library);
  if (!refresh) return ok('Stored', `\`${record.path}\` was stored; it becomes searchable after /reindex (live updates are off).`);
  const indexed = async (): Promise<Reply> => {
    await refresh();
    const engine = current(ctx);
    const doc = engine.documents().find((d) => d.path === record.path);
    if (doc) return ok('Added to the library', `${describe(doc)}\nSearch it now with /search.`);
    const why = engine.stats().skipped.find((p) => p.path === record.path)?.reason;
    return ok(
      'Stored, but not indexed',
      `\`${record.path}\` was stored but not indexed: ${why ? escapeMarkdown(why) : 'no passages were found'}. Remove it with /library remove, or fix the file and add it again.`,
    );
  };
  // indexing takes seconds (a long PDF up to the extraction timeout): it is done outside the
  // command queue, so other members' searches are answered meanwhile, and this answer is edited
  if (!ctx.finishLater) return indexed();
  ctx.finishLater(indexed);
  return ok('Indexing…', `\`${record.path}\` was stored and is being indexed now. This message will say what was found when it is done.`);
}

async function remove(input: CommandInput, ctx: CommandContext): Promise<Reply> {
  const s = settings(ctx);
  checkAllowed(input, s);
  const value = stringOption(input, 'document') ?? '';
  const engine = current(ctx);
  const doc = engine.documents().find((d) => d.path === value || d.id === value);
  const target = doc?.path ?? value;
  let moved: string;
  try {
    moved = await trashUpload(s.dataDir, target);
  } catch (err) {
    if (err instanceof UploadError) throw new UserFacingError(err.message);
    throw err;
  }
  ctx.note({ change: 'remove', path: target, trash: moved, by: input.user.id });
  const refresh = ctx.library.refresh?.bind(ctx.library);
  const removed = async (): Promise<Reply> => {
    await refresh?.();
    return ok('Removed from the library', `\`${target}\` was taken out of the index and moved to \`${moved}\` (move it back to restore it).`);
  };
  // as for add: the index update runs outside the command queue
  if (!refresh || !ctx.finishLater) return removed();
  ctx.finishLater(removed);
  return ok('Removing…', `\`${target}\` was moved to \`${moved}\` and is being taken out of the index now. This message will say when it is done.`);
}

async function recent(input: CommandInput, ctx: CommandContext): Promise<Reply> {
  const s = settings(ctx);
  const list = await recentUploads(s.dataDir, 10);
  if (!list.length) return ok('Nothing added yet', 'No document has been added with /library add.');
  const engine = current(ctx);
  const lines = list.map((r) => {
    const doc = engine.documents().find((d) => d.path === r.path);
    const title = doc?.meta.title ?? r.meta.title ?? r.path;
    return `**${escapeMarkdown(truncate(title, 120))}** — \`${r.path}\`\nadded by <@${r.addedBy.id}> on ${r.addedAt.slice(0, 10)}${doc ? ` · ${doc.passages} passage${doc.passages === 1 ? '' : 's'}` : ' · not indexed'}`;
  });
  void input;
  return ok('Recent additions', truncate(lines.join('\n'), 4000));
}

const data = {
  type: COMMAND_TYPE.ChatInput,
  name: 'library',
  description: 'Add documents to the library, remove them, see what was added',
  contexts: GUILD_ONLY,
  default_member_permissions: MANAGE_GUILD,
  options: [
    {
      type: OPTION_TYPE.Subcommand,
      name: 'add',
      description: 'Add a PDF, Word, HTML, text or Markdown document',
      options: [
        { type: OPTION_TYPE.Attachment, name: 'file', description: 'The document', required: true },
        meta('title', 'Title (else read from the file)'),
        meta('speaker', 'Who speaks'),
        meta('country', 'Country name or ISO code', 100),
        meta('date', 'Date: 2021 or 2021-10-19', 23),
        meta('session', 'Session number or name', 50),
        meta('symbol', 'UN document symbol, e.g. E/CN.7/2021/12', 60),
      ],
    },
    {
      type: OPTION_TYPE.Subcommand,
      name: 'remove',
      description: 'Take a document added here out of the library (kept in the trash)',
      options: [{ type: OPTION_TYPE.String, name: 'document', description: 'The document', required: true, autocomplete: true }],
    },
    { type: OPTION_TYPE.Subcommand, name: 'recent', description: 'The last documents added, and by whom' },
  ],
} as const satisfies CommandData;

export default {
  data,
  visibility: 'ephemeral',

  run(input, ctx) {
    if (input.subcommand === 'add') return add(input, ctx);
    if (input.subcommand === 'remove') return remove(input, ctx);
    return recent(input, ctx);
  },

  autocomplete(input, ctx) {
    const typed = input.value.toLowerCase();
    const indexed = ctx.engine
      .documents()
      .filter((d) => d.path.startsWith(`${UPLOADS_DIR}/`) && `${d.meta.title ?? ''} ${d.path}`.toLowerCase().includes(typed))
      .map((d) => ({ name: `${d.meta.title ?? d.id} — ${d.path}`, value: d.path }));
    // uploads the library skipped (a scan without text, a broken file) are there to remove too,
    // marked so they are not taken for documents searches find
    const broken = ctx.engine
      .stats()
      .skipped.filter((p) => p.path.startsWith(`${UPLOADS_DIR}/`) && p.path.toLowerCase().includes(typed))
      .map((p) => ({ name: `⚠ not indexed — ${p.path}: ${p.reason}`, value: p.path }));
    return [...indexed, ...broken].slice(0, 25);
  },
} satisfies SlashCommand<typeof data>;
