/** `/sources [filter]`: what the library holds, ten documents a page. */
import { sourcesReply } from '../src/render/replies.ts';
import { stringOption } from './options.ts';
import { COMMAND_TYPE, GUILD_ONLY, OPTION_TYPE, type CommandData, type SlashCommand } from '../src/command.ts';

const data = {
  type: COMMAND_TYPE.ChatInput,
  name: 'sources',
  description: 'List the documents in the library',
  contexts: GUILD_ONLY,
  options: [{ type: OPTION_TYPE.String, name: 'filter', description: 'Words in the title, country, speaker or id', max_length: 60 }],
} as const satisfies CommandData;

export default {
  data,
  visibility: 'ephemeral',

  run(input, ctx) {
    const filter = stringOption(input, 'filter') ?? '';
    const docs = ctx.engine.documents(filter || undefined);
    ctx.note({ hits: docs.length });
    return sourcesReply(docs, 0, filter);
  },

  component: {
    mode: () => 'update',
    run(input, ctx) {
      const m = /^sources:page:(\d+):(.*)$/s.exec(input.id);
      const page = Number(m?.[1] ?? 0);
      const filter = m?.[2] ?? '';
      const docs = ctx.engine.documents(filter || undefined);
      return { ...sourcesReply(docs, page, filter), update: true };
    },
  },
} satisfies SlashCommand<typeof data>;
