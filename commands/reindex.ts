/**
 * `/reindex`: rebuilds the library from its files without a restart (Manage Server only). The
 * rebuild runs on a worker thread and outside the command queue, so every member's commands go on
 * being answered by the current index meanwhile; this answer is edited once the new index is in.
 */
import { reindexReply, reindexStartedReply } from '../src/render/replies.ts';
import { COMMAND_TYPE, GUILD_ONLY, MANAGE_GUILD, UserFacingError, type SlashCommand } from '../src/command.ts';

export default {
  data: {
    type: COMMAND_TYPE.ChatInput,
    name: 'reindex',
    description: 'Reload the library from disk (Manage Server permission)',
    default_member_permissions: MANAGE_GUILD,
    contexts: GUILD_ONLY,
  },
  visibility: 'ephemeral',
  async run(input, ctx) {
    if (!input.user.canManageGuild) throw new UserFacingError('Only members with the Manage Server permission can reload the library.');
    const reloaded = async () => {
      const summary = await ctx.library.reload();
      ctx.note({ ...summary });
      return reindexReply(summary);
    };
    // a rebuild re-reads every file (85 s and more on the UNGDC library): inside the queue, every
    // member's /search waited for it (QA22 F1)
    if (!ctx.finishLater) return reloaded();
    ctx.finishLater(reloaded);
    return reindexStartedReply();
  },
} satisfies SlashCommand;
