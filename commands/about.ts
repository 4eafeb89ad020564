/** `/about`: library size, when it was indexed, version, how to search, and the limits on follows and saved passages. */
import { MAX_FOLLOW_WORDS } from '../src/follows/matcher.ts';
import { FOLLOW_LIMITS } from '../src/follows/service.ts';
import { aboutReply } from '../src/render/replies.ts';
import { MAX_SAVED_PER_USER } from '../src/saved/store.ts';
import { QUERY_HELP } from '../src/search/query.ts';
import { ANY_CONTEXT, COMMAND_TYPE, type SlashCommand, SERVER_AND_USER_INSTALL } from '../src/command.ts';

export default {
  data: {
    type: COMMAND_TYPE.ChatInput,
    name: 'about',
    description: 'What the library holds and how to search it',
    contexts: ANY_CONTEXT,
    integration_types: SERVER_AND_USER_INSTALL,
  },
  visibility: 'ephemeral',
  run(_input, ctx) {
    const limits = ctx.follows?.limits ?? FOLLOW_LIMITS;
    const value =
      ctx.follows || ctx.saved
        ? `\`/follow\`: up to ${limits.perUser} follows per member and ${limits.perGuild} per server, each of at most ${MAX_FOLLOW_WORDS} words; ` +
          `an alert shows 5 passages and opens the rest privately. \`/saved\`: up to ${ctx.saved?.limit ?? MAX_SAVED_PER_USER} passages per member.`
        : 'Unavailable right now: the bot could not open its database.';
    // one field, before the help: the help runs over several fields and must stay in one piece
    return aboutReply({ stats: ctx.engine.stats(), version: ctx.version, help: QUERY_HELP, fields: [{ name: 'Follows and saved passages', value }] });
  },
} satisfies SlashCommand;
