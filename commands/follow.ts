/**
 * `/follow add | list | remove | settings`: be told when passages on a topic enter the library —
 * in a channel (needs Manage Channels) or in your direct messages (anyone), instantly or as a
 * daily or weekly digest at the server's time. "and N more" on an alert (`follow:more:…`) lands here.
 */
import { FollowRefusal, type FollowCommands } from '../src/follows/service.ts';
import { EVERY, type Every } from '../src/follows/store.ts';
import { WEEKDAYS } from '../src/follows/schedule.ts';
import { ALERT_HITS, alertMoreReply, followCreatedReply, followLabel, followListReply, settingsReply } from '../src/render/follows.ts';
import type { Choice, Reply } from '../src/render/models.ts';
import { expiredReply } from '../src/render/replies.ts';
import { truncate } from '../src/render/text.ts';
import { FILTER_OPTIONS, autocompleteFacet, filtersFrom, stringOption } from './options.ts';
import { NO_DATABASE } from './saved.ts';
import {
  COMMAND_TYPE,
  GUILD_ONLY,
  OPTION_TYPE,
  TEXT_CHANNEL_TYPES,
  UserFacingError,
  type CommandContext,
  type CommandData,
  type SlashCommand,
} from '../src/command.ts';

/** An alert's "and N more" pressed after its follow was removed. */
export const ALERT_GONE =
  'The follow behind this alert has been removed, so its passages can no longer be opened here. `/follow list` shows your follows.';
/** An alert's "and N more" pressed by someone the alert is not for. */
export const ALERT_FOREIGN =
  'This alert belongs to another member’s follow, so it does not open for you. `/follow list` shows your follows; `/follow add` makes one.';

function service(ctx: CommandContext): FollowCommands {
  if (!ctx.follows) throw new UserFacingError(NO_DATABASE);
  return ctx.follows;
}

/** Refusals from the follow service are shown as written. */
async function refusing<T>(work: () => T | Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof FollowRefusal) throw new UserFacingError(err.message);
    throw err;
  }
}

const data = {
  type: COMMAND_TYPE.ChatInput,
  name: 'follow',
  description: 'Be told when new passages on a topic enter the library',
  contexts: GUILD_ONLY,
  options: [
    {
      type: OPTION_TYPE.Subcommand,
      name: 'add',
      description: 'Follow a query: alerts in your DMs, or in a channel (Manage Channels)',
      options: [
        {
          type: OPTION_TYPE.String,
          name: 'query',
          description: 'Words, "exact phrases", -excluded words (as in /search)',
          required: true,
          max_length: 300,
        },
        ...FILTER_OPTIONS,
        {
          type: OPTION_TYPE.Channel,
          name: 'channel',
          description: 'Post alerts in this channel (needs Manage Channels); default: your DMs',
          channel_types: TEXT_CHANNEL_TYPES,
        },
        {
          type: OPTION_TYPE.String,
          name: 'every',
          description: 'How often: as passages arrive (default), or a daily or weekly digest',
          choices: EVERY.map((e) => ({ name: e, value: e })),
        },
      ],
    },
    { type: OPTION_TYPE.Subcommand, name: 'list', description: 'Your follows and this server’s channel follows' },
    {
      type: OPTION_TYPE.Subcommand,
      name: 'remove',
      description: 'Stop a follow',
      options: [
        {
          type: OPTION_TYPE.String,
          name: 'follow',
          description: 'The follow (type to find it)',
          required: true,
          autocomplete: true,
          max_length: 100,
        },
      ],
    },
    {
      type: OPTION_TYPE.Subcommand,
      name: 'settings',
      description: 'When this server’s digests go out (changing it needs Manage Server)',
      options: [
        { type: OPTION_TYPE.String, name: 'time', description: 'Digest time of day, HH:MM (24-hour)', max_length: 5 },
        { type: OPTION_TYPE.String, name: 'timezone', description: 'The server’s time zone, e.g. Europe/Vienna or UTC', max_length: 64 },
        {
          type: OPTION_TYPE.String,
          name: 'weekday',
          description: 'Day of weekly digests',
          choices: WEEKDAYS.map((d, i) => ({ name: d, value: String(i) })),
        },
      ],
    },
  ],
} as const satisfies CommandData;

export default {
  data,
  visibility: 'ephemeral',

  async run(input, ctx): Promise<Reply> {
    const follows = service(ctx);
    const user = input.user;
    const guildId = input.guildId;
    if (!guildId) throw new UserFacingError('Use /follow in a server.');
    switch (input.subcommand) {
      case 'add': {
        const query = stringOption(input, 'query');
        if (!query) throw new UserFacingError('Give some words to follow, e.g. `/follow add query: nitazenes`.');
        const every = (stringOption(input, 'every') ?? 'instant') as Every;
        if (!EVERY.includes(every)) throw new UserFacingError('`every` is instant, daily or weekly.');
        const channelId = stringOption(input, 'channel');
        const filters = filtersFrom(input, ctx.engine);
        const { follow, settings, nextDigest, notices } = await refusing(() =>
          follows.create(
            {
              ownerId: user.id,
              guildId,
              ...(channelId ? { channelId } : input.channelId ? { madeIn: input.channelId } : {}),
              canManageChannels: user.canManageChannels ?? false,
              query,
              filters,
              every,
            },
            ctx.engine,
          ),
        );
        ctx.note({ follow: follow.id });
        return followCreatedReply(follow, settings, nextDigest, notices);
      }
      case 'remove': {
        const raw = (stringOption(input, 'follow') ?? '').replace(/^#/, '');
        const id = /^\d+/.exec(raw)?.[0];
        if (!id) throw new UserFacingError('Choose a follow from the list (its number, e.g. 3). `/follow list` shows them.');
        const removed = await refusing(() =>
          follows.remove({ id: user.id, canManageChannels: user.canManageChannels ?? false }, guildId, Number(id)),
        );
        return { visibility: 'ephemeral', text: `Stopped follow #${removed.id} ${followLabel(removed)}. Nothing more is sent for it.` };
      }
      case 'settings': {
        const change: { time?: string; timeZone?: string; weeklyDay?: number } = {};
        const time = stringOption(input, 'time');
        const zone = stringOption(input, 'timezone');
        const day = stringOption(input, 'weekday');
        if (time !== undefined) change.time = time;
        if (zone !== undefined) change.timeZone = zone;
        if (day !== undefined) change.weeklyDay = Number(day);
        const changing = Object.keys(change).length > 0;
        if (changing && !user.canManageGuild) throw new UserFacingError('Changing when digests go out needs the **Manage Server** permission.');
        return settingsReply(await refusing(() => follows.settings(guildId, change)), changing);
      }
      default:
        return followListReply(follows.visibleTo(user.id, guildId), user.id, follows.settings(guildId), follows.limits);
    }
  },

  autocomplete(input, ctx): Choice[] {
    if (input.subcommand === 'remove') {
      if (!ctx.follows || !input.user) return [];
      const typed = input.value.trim().toLowerCase().replace(/^#/, '');
      return ctx.follows
        .visibleTo(input.user.id, input.guildId)
        .filter((f) => !typed || String(f.id).startsWith(typed) || f.query.toLowerCase().includes(typed))
        .map((f) => ({
          name: truncate(`#${f.id} ${followLabel(f)} → ${f.channelId ? 'channel' : 'DM'}${f.paused ? ' (paused)' : ''}`, 100),
          value: String(f.id),
        }));
    }
    return autocompleteFacet(input, ctx.engine);
  },

  component: {
    mode: (id) => (/^follow:more:\d+:0$/.test(id) ? 'ephemeral' : 'update'),
    run(input, ctx) {
      const m = /^follow:more:(\d+):(\d+)$/.exec(input.id);
      if (!m) return expiredReply('Open /follow list.');
      const rest = service(ctx).alertRest(Number(m[1]), ctx.engine, {
        userId: input.user.id,
        ...(input.channelId ? { channelId: input.channelId } : {}),
      });
      if ('refused' in rest) return { visibility: 'ephemeral', text: rest.refused === 'gone' ? ALERT_GONE : ALERT_FOREIGN };
      const page = Number(m[2]);
      const hits = rest.hits.slice(ALERT_HITS + page * ALERT_HITS, ALERT_HITS * 2 + page * ALERT_HITS);
      return { ...alertMoreReply(rest.follow, hits, page, rest.hits.length, Number(m[1])), update: page > 0 };
    },
  },
} satisfies SlashCommand<typeof data>;
