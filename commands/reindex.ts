/** `/reindex`: reloads the library without a restart (Manage Server only). */
import { reindexReply } from '../src/render/replies.ts';
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
    const summary = await ctx.library.reload();
    ctx.note({ ...summary });
    return reindexReply(summary);
  },
} satisfies SlashCommand;
