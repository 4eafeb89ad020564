/**
 * Delivers follow alerts with discord.js: channel messages and direct messages go through the
 * client's REST manager, whose queue waits out 429s (Retry-After) and retries 5xx, so a burst
 * loses nothing and sends nothing twice. Access errors become permanent DeliveryErrors (the follow
 * is paused, not retried).
 */
import { DiscordAPIError, PermissionFlagsBits, type Client } from 'discord.js';
import { DMS_CLOSED, DeliveryError, type Outbox, type Target } from '../follows/service.ts';
import { renderReply } from '../render/discord.ts';
import type { Reply } from '../render/models.ts';

/** Discord error codes that mean the bot cannot reach the target (retrying will not help). */
const NO_ACCESS: Record<number, string> = {
  10003: 'the channel no longer exists',
  10013: 'the member is gone',
  50001: 'missing access to the channel',
  50007: DMS_CLOSED,
  50013: 'missing permission to post there',
};

function classify(err: unknown): DeliveryError {
  if (err instanceof DeliveryError) return err;
  if (err instanceof DiscordAPIError && typeof err.code === 'number' && NO_ACCESS[err.code]) return new DeliveryError(NO_ACCESS[err.code]!, true);
  // any other 4xx (429s never get here: the REST queue waits them out): the message itself was refused
  if (err instanceof DiscordAPIError && err.status >= 400 && err.status < 500)
    return new DeliveryError(`Discord refused the message: ${err.message}`, false, true);
  return new DeliveryError(err instanceof Error ? err.message : String(err), false);
}

const NEEDED = [
  ['ViewChannel', PermissionFlagsBits.ViewChannel],
  ['SendMessages', PermissionFlagsBits.SendMessages],
  ['EmbedLinks', PermissionFlagsBits.EmbedLinks],
] as const;

export function discordOutbox(client: Client): Outbox {
  return {
    async post(target: Target, reply: Reply): Promise<void> {
      const payload = renderReply(reply, 'new');
      try {
        if ('channelId' in target) {
          const channel = await client.channels.fetch(target.channelId);
          if (!channel || !channel.isSendable()) throw new DeliveryError('it is not a channel I can post in', true);
          await channel.send(payload);
        } else {
          const dm = await client.users.createDM(target.userId);
          await dm.send(payload);
        }
      } catch (err) {
        throw classify(err);
      }
    },

    async checkChannel(channelId: string): Promise<string | undefined> {
      let channel;
      try {
        channel = await client.channels.fetch(channelId, { force: true });
      } catch (err) {
        return classify(err).message;
      }
      if (!channel || channel.isDMBased() || !channel.isTextBased()) return 'it is not a text channel of this server';
      const me = channel.guild.members.me ?? (await channel.guild.members.fetchMe().catch(() => null));
      if (!me) return 'I could not read my own permissions there';
      const perms = channel.permissionsFor(me);
      const missing = NEEDED.filter(([, bit]) => !perms.has(bit)).map(([name]) => name.replace(/([a-z])([A-Z])/g, '$1 $2'));
      return missing.length ? `I am missing ${missing.join(', ')} there` : undefined;
    },
  };
}
