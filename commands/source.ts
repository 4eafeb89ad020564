/** `/source document`: one document's details and passage count. */
import { sourceReply } from '../src/render/replies.ts';
import { escapeMarkdown } from '../src/render/text.ts';
import { autocompleteFacet, resolveFacet, stringOption } from './options.ts';
import { COMMAND_TYPE, GUILD_ONLY, OPTION_TYPE, UserFacingError, type CommandData, type SlashCommand } from '../src/command.ts';

const data = {
  type: COMMAND_TYPE.ChatInput,
  name: 'source',
  description: 'Details of one document',
  contexts: GUILD_ONLY,
  options: [
    {
      type: OPTION_TYPE.String,
      name: 'document',
      description: 'Document: id, symbol (A/RES/55/2), title or country',
      required: true,
      autocomplete: true,
    },
  ],
} as const satisfies CommandData;

export default {
  data,
  visibility: 'ephemeral',

  run(input, ctx) {
    const typed = stringOption(input, 'document') ?? '';
    // an autocomplete choice (its id, or its name sent as text), else what people know: symbol, title, country…
    const doc = ctx.engine.document(typed) ?? ctx.engine.document(resolveFacet(ctx.engine, 'document', typed)) ?? ctx.engine.documentNamed(typed);
    if (!doc) throw new UserFacingError(`No document matches “${escapeMarkdown(typed.slice(0, 100))}”. /sources lists what the library holds.`);
    return sourceReply(doc);
  },

  autocomplete(input, ctx) {
    return autocompleteFacet(input, ctx.engine);
  },
} satisfies SlashCommand<typeof data>;
