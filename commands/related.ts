/** Message context menu "Find related statements": searches with the message's text (src/search/message-query.ts reads it). */
import { messageSearch } from '../src/search/message-query.ts';
import { runSearch } from './search.ts';
import { ANY_CONTEXT, COMMAND_TYPE, UserFacingError, type SlashCommand, SERVER_AND_USER_INSTALL } from '../src/command.ts';

export default {
  data: {
    type: COMMAND_TYPE.Message,
    name: 'Find related statements',
    description: '',
    contexts: ANY_CONTEXT,
    integration_types: SERVER_AND_USER_INSTALL,
  },
  visibility: 'ephemeral',
  async run(input, ctx) {
    const read = await messageSearch(input.targetMessage ?? '', ctx.engine);
    if (read.kind === 'nothing')
      throw new UserFacingError('That message has no words to search for (only small words such as “the”, links, mentions or emoji).');
    if (read.kind === 'too-few') throw new UserFacingError(read.message);
    return runSearch({ query: read.query, filters: {} }, 0, ctx, read.notices);
  },
} satisfies SlashCommand;
