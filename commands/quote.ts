/** `/quote id`: posts one passage publicly as a citation card naming (not pinging) who shared it. */
import { pastedPassageId } from '../src/render/csv.ts';
import { expiredReply, quoteCard, shareFromDmReply } from '../src/render/replies.ts';
import { escapeMarkdown } from '../src/render/text.ts';
import { stringOption } from './options.ts';
import {
  ANY_CONTEXT,
  COMMAND_TYPE,
  OPTION_TYPE,
  UserFacingError,
  type CommandData,
  type SlashCommand,
  SERVER_AND_USER_INSTALL,
} from '../src/command.ts';

const data = {
  type: COMMAND_TYPE.ChatInput,
  name: 'quote',
  description: 'Post a passage to the channel as a citation card',
  contexts: ANY_CONTEXT,
  integration_types: SERVER_AND_USER_INSTALL,
  options: [{ type: OPTION_TYPE.String, name: 'id', description: 'Passage id (shown under shared excerpts)', required: true, max_length: 100 }],
} as const satisfies CommandData;

export default {
  data,
  visibility: 'public',

  run(input, ctx) {
    const id = stringOption(input, 'id') ?? '';
    const hit = ctx.engine.passage(pastedPassageId(id));
    if (!hit) throw new UserFacingError(`No passage with id “${escapeMarkdown(id.slice(0, 100))}”. Find one with /search, then use Share….`);
    ctx.note({ shared: hit.id });
    return quoteCard(hit, input.user.id);
  },

  component: {
    mode: (_id, input?) => (input?.inBotDm ? 'ephemeral' : 'public'),
    run(input, ctx) {
      const id = input.id.split(':')[2] ?? '';
      const hit = ctx.engine.passage(id);
      if (!hit) return expiredReply('Run /search again and share from the new results.');
      if (input.inBotDm) return shareFromDmReply(hit);
      ctx.note({ shared: hit.id });
      return quoteCard(hit, input.user.id);
    },
  },
} satisfies SlashCommand<typeof data>;
