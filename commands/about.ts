/** `/about`: library size, when it was indexed, version, how to search. */
import { aboutReply } from '../src/render/replies.ts';
import { QUERY_HELP } from '../src/search/query.ts';
import { COMMAND_TYPE, GUILD_ONLY, type SlashCommand } from './types.ts';

export default {
  data: { type: COMMAND_TYPE.ChatInput, name: 'about', description: 'What the library holds and how to search it', contexts: GUILD_ONLY },
  visibility: 'ephemeral',
  run(_input, ctx) {
    return aboutReply({ stats: ctx.engine.stats(), version: ctx.version, help: QUERY_HELP });
  },
} satisfies SlashCommand;
