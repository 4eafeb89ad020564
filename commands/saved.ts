/**
 * `/saved list | remove | export`: the passages a member kept with "Save" (on search results,
 * alerts and shared cards). Always private. The Save controls themselves (`saved:add…`) land here.
 */
import type { Choice, Reply } from '../src/render/models.ts';
import { sourceLabel } from '../src/render/replies.ts';
import { SAVED_PER_PAGE, savedListReply, savedOutcomeReply } from '../src/render/saved.ts';
import { truncate } from '../src/render/text.ts';
import { pastedPassageId } from '../src/render/csv.ts';
import { savedCsv } from '../src/saved/csv.ts';
import type { SavedStore } from '../src/saved/store.ts';
import { stringOption } from './options.ts';
import { COMMAND_TYPE, GUILD_ONLY, OPTION_TYPE, UserFacingError, type CommandContext, type CommandData, type SlashCommand } from '../src/command.ts';

/** What members see when the database could not be opened at start. */
export const NO_DATABASE =
  'Saved passages and follows are unavailable right now: the bot could not open its database (an administrator can see why in the log). Search works as usual.';

function store(ctx: CommandContext): SavedStore {
  if (!ctx.saved) throw new UserFacingError(NO_DATABASE);
  return ctx.saved;
}

function listPage(saved: SavedStore, userId: string, page: number): Reply {
  const total = saved.count(userId);
  const last = Math.max(0, Math.ceil(total / SAVED_PER_PAGE) - 1);
  const p = Math.min(Math.max(0, page), last);
  return savedListReply(saved.list(userId, p * SAVED_PER_PAGE, SAVED_PER_PAGE), p, total, saved.limit);
}

const data = {
  type: COMMAND_TYPE.ChatInput,
  name: 'saved',
  description: 'Passages you saved; only you see them',
  contexts: GUILD_ONLY,
  options: [
    { type: OPTION_TYPE.Subcommand, name: 'list', description: 'List your saved passages, newest first' },
    {
      type: OPTION_TYPE.Subcommand,
      name: 'remove',
      description: 'Forget one saved passage',
      options: [
        {
          type: OPTION_TYPE.String,
          name: 'passage',
          description: 'The passage (type to find it)',
          required: true,
          autocomplete: true,
          max_length: 100,
        },
      ],
    },
    { type: OPTION_TYPE.Subcommand, name: 'export', description: 'Your saved passages as a CSV file' },
  ],
} as const satisfies CommandData;

export default {
  data,
  visibility: 'ephemeral',

  run(input, ctx) {
    const saved = store(ctx);
    const user = input.user.id;
    switch (input.subcommand) {
      case 'remove': {
        const id = pastedPassageId(stringOption(input, 'passage') ?? '');
        return savedOutcomeReply(saved.remove(user, id) ? 'removed' : 'not-saved', saved.limit);
      }
      case 'export': {
        const items = saved.all(user);
        ctx.note({ exported: items.length });
        if (!items.length) return savedListReply([], 0, 0, saved.limit);
        return {
          visibility: 'ephemeral',
          text: `${items.length} saved passage${items.length === 1 ? '' : 's'}, attached as CSV (UTF-8; opens in any spreadsheet).`,
          files: [{ name: 'verbatim-saved.csv', content: savedCsv(items) }],
        };
      }
      default:
        return listPage(saved, user, 0);
    }
  },

  autocomplete(input, ctx): Choice[] {
    if (!ctx.saved || !input.user) return [];
    return ctx.saved.find(input.user.id, input.value.trim()).map((s) => ({
      name: `${truncate(s.source, 40)}: ${truncate(s.text, 55)}`,
      value: s.passageId,
    }));
  },

  component: {
    mode: (id) => (id.startsWith('saved:page:') ? 'update' : 'ephemeral'),
    run(input, ctx) {
      const saved = store(ctx);
      const user = input.user.id;
      if (input.id.startsWith('saved:page:')) return { ...listPage(saved, user, Number(input.id.split(':')[2]) || 0), update: true };
      if (input.id === 'saved:remove') {
        const id = input.values[0] ?? '';
        return savedOutcomeReply(saved.remove(user, id) ? 'removed' : 'not-saved', saved.limit);
      }
      // saved:add (select: the chosen value) or saved:add:<passage id> (button)
      const id = input.id === 'saved:add' ? input.values[0] : input.id.slice('saved:add:'.length);
      const hit = id ? ctx.engine.passage(id) : undefined;
      if (!hit) return { visibility: 'ephemeral', text: 'That passage is no longer in the library, so it cannot be saved. Search for it again.' };
      const outcome = saved.save(user, hit, sourceLabel(hit.source));
      ctx.note({ saved: hit.id, outcome });
      return savedOutcomeReply(outcome, saved.limit);
    },
  },
} satisfies SlashCommand<typeof data>;
