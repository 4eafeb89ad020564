/** Message context menu "Find related statements": searches with the message's text. */
import { queryFromText } from '../src/search/query.ts';
import { runSearch } from './search.ts';
import { ANY_CONTEXT, COMMAND_TYPE, UserFacingError, type SlashCommand, SERVER_AND_USER_INSTALL } from '../src/command.ts';

/** Words kept from a message; more only dilutes the ranking. */
const MAX_WORDS = 16;
/** Longer "words" are pasted ids, hashes or base64, not language. */
const MAX_WORD_LENGTH = 40;

/** The searchable words of a chat message: mentions, channels, emoji, URLs and code fences dropped. */
export function messageQuery(text: string): string {
  const cleaned = text
    .replace(/<(?:@[!&]?|#)\d+>/g, ' ')
    .replace(/<a?:\w+:\d+>/g, ' ')
    .replace(/<t:\d+(?::\w)?>/g, ' ')
    .replace(/@(?:everyone|here)\b/g, ' ')
    .replace(/\bhttps?:\/\/\S+/g, ' ')
    .replace(/```/g, ' ')
    .split(/\s+/)
    .filter((w) => w.length <= MAX_WORD_LENGTH)
    .join(' ');
  return queryFromText(cleaned, MAX_WORDS);
}

export default {
  data: {
    type: COMMAND_TYPE.Message,
    name: 'Find related statements',
    description: '',
    contexts: ANY_CONTEXT,
    integration_types: SERVER_AND_USER_INSTALL,
  },
  visibility: 'ephemeral',
  run(input, ctx) {
    const query = messageQuery(input.targetMessage ?? '');
    if (!query) throw new UserFacingError('That message has no words to search for (only links, mentions or emoji).');
    return runSearch({ query, filters: {} }, 0, ctx);
  },
} satisfies SlashCommand;
