/** Reply models for follows: alerts and digests, "and N more", /follow list, confirmations. Pure. */
import type { Every, Follow } from '../follows/store.ts';
import { WEEKDAYS, type DigestSettings } from '../follows/schedule.ts';
import { describeFilters } from '../search/filter-values.ts';
import type { Hit } from '../types.ts';
import type { Card, Control, Reply } from './models.ts';
import { SAVE_SELECT, citationMarkdown, excerptMarkdown, noticeLine, rangeLabel, sourceLabel } from './replies.ts';
import { escapeMarkdown, quotedQuery, truncate } from './text.ts';

/** Passages shown in one alert; the rest open with "and N more". */
export const ALERT_HITS = 5;
const COLOR = 0x2f855a;

function filterText(filters: Follow['filters']): string {
  const line = describeFilters(filters);
  return line ? ` · ${truncate(line, 120)}` : '';
}

/** “query” · country: COL, MEX · not USA */
export function followLabel(f: Pick<Follow, 'query' | 'filters'>): string {
  return `${quotedQuery(truncate(f.query, 80))}${filterText(f.filters)}`;
}

/**
 * The hits as fields, with Share…, More context and Save…; Share… only where the alert goes to a
 * channel (`inChannel`): in the owner's direct messages there is no channel to post into.
 */
function hitRows(hits: readonly Hit[], offset: number, inChannel: boolean): { fields: NonNullable<Card['fields']>; controls: Control[][] } {
  const options = hits.map((hit, i) => ({ label: `${offset + i + 1}. ${sourceLabel(hit.source)}`, value: hit.id, description: hit.excerpt.text }));
  return {
    fields: hits.map((hit, i) => ({
      name: `${offset + i + 1} · ${escapeMarkdown(sourceLabel(hit.source))}`,
      value: `${excerptMarkdown(hit)}\n— ${citationMarkdown(hit)}`,
    })),
    controls: options.length
      ? [
          ...(inChannel ? [[{ kind: 'select', id: 'search:share', placeholder: 'Share… (post an excerpt to the channel)', options } as const]] : []),
          [{ kind: 'select', id: 'search:context', placeholder: 'More context (neighbouring paragraphs)', options }],
          [{ kind: 'select', id: SAVE_SELECT, placeholder: 'Save… (keep a passage in /saved)', options }],
        ]
      : [],
  };
}

const KIND_TITLE: Record<Every, string> = { instant: 'New', daily: 'Daily digest', weekly: 'Weekly digest' };

/**
 * One alert (or digest): up to {@link ALERT_HITS} passages with excerpt and citation, Share…,
 * More context and Save…, and "and N more" opening the rest privately.
 */
export function alertReply(follow: Follow, hits: readonly Hit[], total: number, alertId: number): Reply {
  const shown = hits.slice(0, ALERT_HITS);
  const { fields, controls } = hitRows(shown, 0, follow.channelId !== undefined);
  const more = total - shown.length;
  if (more > 0) controls.push([{ kind: 'button', id: `follow:more:${alertId}:0`, label: `and ${more} more`, style: 'primary' }]);
  const noun = total === 1 ? 'passage' : 'passages';
  return {
    visibility: 'public',
    cards: [
      {
        title: truncate(`${KIND_TITLE[follow.every]}: ${total} ${noun} for ${followLabel(follow)}`, 250),
        description: escapeMarkdown(
          follow.every === 'instant' ? `${total} new ${noun} entered the library.` : `${total} new ${noun} since the last digest.`,
        ),
        fields,
        footer: `Follow #${follow.id} · /follow list to see or remove your follows`,
        color: COLOR,
      },
    ],
    controls,
  };
}

/**
 * "and N more": the rest of an alert, privately, five at a time. `page` counts from 0 after the
 * alert; the numbers shown count the alert's own five as page 1, as the passages' numbers and the
 * title's range (6–10 of 12) do.
 */
export function alertMoreReply(
  follow: Pick<Follow, 'query' | 'filters' | 'channelId'>,
  hits: readonly Hit[],
  page: number,
  total: number,
  alertId: number,
): Reply {
  const offset = ALERT_HITS + page * ALERT_HITS;
  // pages after the alert's own
  const rest = Math.max(1, Math.ceil((total - ALERT_HITS) / ALERT_HITS));
  const inChannel = follow.channelId !== undefined;
  const { fields, controls } = hitRows(hits, offset, inChannel);
  if (rest > 1) {
    controls.unshift([
      { kind: 'button', id: `follow:more:${alertId}:${Math.max(0, page - 1)}`, label: '◀ Prev', disabled: page === 0 },
      { kind: 'button', id: `follow:more:${alertId}:${page + 1}`, label: 'Next ▶', disabled: page + 1 >= rest },
    ]);
  }
  return {
    visibility: 'ephemeral',
    update: false,
    cards: [
      {
        title: truncate(`${rangeLabel(offset, hits.length, total)} new passages for ${followLabel(follow)}`, 250),
        description: escapeMarkdown(`Page ${page + 2} of ${rest + 1} (page 1 is the alert itself)`),
        fields,
        footer: inChannel ? 'Only you can see this. Share… posts one excerpt to the channel.' : 'Only you can see this.',
        color: COLOR,
      },
    ],
    controls,
  };
}

function whereTo(f: Follow): string {
  return f.channelId ? `<#${f.channelId}>` : 'your direct messages';
}

function cadence(f: Pick<Follow, 'every'>, s: DigestSettings): string {
  if (f.every === 'instant') return 'as passages arrive';
  if (f.every === 'daily') return `daily at ${s.time} (${s.timeZone})`;
  return `weekly on ${WEEKDAYS[s.weeklyDay]} at ${s.time} (${s.timeZone})`;
}

export function followCreatedReply(f: Follow, s: DigestSettings, nextDigest?: number, notices: readonly string[] = []): Reply {
  const next = nextDigest === undefined ? '' : ` The first digest: <t:${Math.floor(nextDigest / 1000)}:f>.`;
  return {
    visibility: 'ephemeral',
    text:
      `Following ${escapeMarkdown(followLabel(f))} (#${f.id}): new passages go to ${whereTo(f)}, ${cadence(f, s)}.${next}\n` +
      // how the query was read leniently, as /search shows it: every alert is matched that way
      notices.map((n) => `${noticeLine(n)}\n`).join('') +
      'Only passages that enter the library from now on are sent, each once. `/follow list` shows your follows; `/follow remove` stops one.',
  };
}

/** The refusal of a follow the member already has (the same query, filters, destination and frequency). */
export function followExistsText(f: Follow, s: DigestSettings): string {
  return `You already follow ${escapeMarkdown(followLabel(f))} (#${f.id}): new passages go to ${whereTo(f)}, ${cadence(f, s)}. \`/follow list\` shows your follows.`;
}

export function followListReply(follows: readonly Follow[], userId: string, s: DigestSettings, limits: { perUser: number }): Reply {
  if (!follows.length) {
    return { visibility: 'ephemeral', text: 'No follows yet. `/follow add query: …` sends you new passages on a topic as they enter the library.' };
  }
  const lines = follows.slice(0, 25).map((f) => {
    const who = f.ownerId === userId ? '' : ` · made by <@${f.ownerId}>`;
    const state = f.paused ? ` · **paused**: ${escapeMarkdown(f.paused)}` : '';
    return `**#${f.id}** ${escapeMarkdown(followLabel(f))} → ${whereTo(f)}, ${cadence(f, s)}${who}${state}`;
  });
  const mine = follows.filter((f) => f.ownerId === userId).length;
  return {
    visibility: 'ephemeral',
    cards: [
      {
        title: `Follows (${follows.length})`,
        description: lines.join('\n'),
        footer: `You have ${mine} of at most ${limits.perUser}. Channel follows of this server are listed too.`,
        color: COLOR,
      },
    ],
  };
}

export function settingsReply(s: DigestSettings, changed: boolean): Reply {
  return {
    visibility: 'ephemeral',
    text: `${changed ? 'Saved. ' : ''}Digests on this server: daily at **${s.time}**, weekly on **${WEEKDAYS[s.weeklyDay]}** at ${s.time}, time zone **${escapeMarkdown(s.timeZone)}**.`,
  };
}

/** The one DM a follow's owner gets when its alerts stop because the bot lost access. */
export function pausedNoticeReply(f: Follow, reason: string): Reply {
  return {
    visibility: 'public',
    text:
      `Your follow #${f.id} ${escapeMarkdown(followLabel(f))} is paused: ${f.channelId ? `I can no longer post in <#${f.channelId}>` : 'I can no longer send you direct messages'} (${escapeMarkdown(reason)}).\n` +
      'Nothing more is sent for it. Fix the channel’s permissions and add the follow again, or remove it with `/follow remove`.',
  };
}

/**
 * Told in a channel where a member made a direct-message follow, when their DMs closed: which of
 * their follows are paused (by number only: the channel may be public, the follows were made
 * privately) and how to get alerts again.
 */
export function dmsClosedNoticeReply(ownerId: string, followIds: readonly number[]): Reply {
  const which =
    followIds.length === 1
      ? `your direct-message follow #${followIds[0]} is`
      : `your ${followIds.length} direct-message follows (${followIds.map((id) => `#${id}`).join(', ')}) are`;
  return {
    visibility: 'public',
    mentionUsers: [ownerId],
    text:
      `<@${ownerId}>, ${which} paused: I can no longer send you direct messages. ` +
      'To get alerts again, allow direct messages from this server’s members (Privacy Settings in the server’s menu), ' +
      `then make ${followIds.length === 1 ? 'the follow' : 'the follows'} again with \`/follow add\` and remove the paused ${followIds.length === 1 ? 'one' : 'ones'} with \`/follow remove\` (\`/follow list\` shows them).`,
  };
}

/** The first DM of a direct-message follow (it also proves the bot can reach the member). */
export function dmWelcomeReply(f: Follow, s: DigestSettings): Reply {
  return {
    visibility: 'public',
    text: `You are following ${escapeMarkdown(followLabel(f))} (#${f.id}). New passages will arrive here, ${cadence(f, s)}.`,
  };
}
