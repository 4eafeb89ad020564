/**
 * Reads what a member sent — options, files, the target message, a form's fields, who and where —
 * out of discord.js interactions into the plain inputs commands take.
 */
import {
  ApplicationCommandOptionType,
  InteractionContextType,
  PermissionFlagsBits,
  type AutocompleteInteraction,
  type ChatInputCommandInteraction,
  type Interaction,
  type MessageContextMenuCommandInteraction,
  type ModalSubmitInteraction,
} from 'discord.js';
import type { AttachmentInput, CommandInput, Invoker } from '../command.ts';

/** Who used the interaction, and what they may do. */
export function invoker(interaction: Interaction): Invoker {
  return {
    id: interaction.user.id,
    name: interaction.user.username,
    canManageGuild: interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild) ?? false,
    canManageChannels: interaction.memberPermissions?.has(PermissionFlagsBits.ManageChannels) ?? false,
    ...memberRoles(interaction),
  };
}

/** The member's role ids (a cached member's manager, or the raw API member's list). */
function memberRoles(interaction: Interaction): { roles?: string[] } {
  const roles = (interaction.member as { roles?: unknown } | null)?.roles;
  if (Array.isArray(roles)) return { roles: roles.map(String) };
  const cache = (roles as { cache?: Map<string, unknown> } | undefined)?.cache;
  return cache ? { roles: [...cache.keys()] } : {};
}

/** Files given to attachment options (in a subcommand or at the top). */
function attachmentsOf(interaction: ChatInputCommandInteraction): { attachments?: Record<string, AttachmentInput> } {
  const out: Record<string, AttachmentInput> = {};
  const walk = (
    data: readonly {
      name: string;
      attachment?: { name: string; url: string; size: number; contentType: string | null } | undefined;
      options?: readonly unknown[];
    }[],
  ): void => {
    for (const o of data) {
      if (o.attachment)
        out[o.name] = {
          name: o.attachment.name,
          url: o.attachment.url,
          size: o.attachment.size,
          ...(o.attachment.contentType ? { contentType: o.attachment.contentType } : {}),
        };
      if (o.options) walk(o.options as typeof data);
    }
  };
  walk(interaction.options.data);
  return Object.keys(out).length ? { attachments: out } : {};
}

/** Option values by name; a subcommand's options are lifted to the top and its name returned beside them. */
export function optionValues(interaction: ChatInputCommandInteraction | AutocompleteInteraction): {
  options: Record<string, string | number | boolean>;
  subcommand?: string;
} {
  const out: Record<string, string | number | boolean> = {};
  let data = interaction.options.data;
  let subcommand: string | undefined;
  const sub = data[0];
  if (sub && sub.type === ApplicationCommandOptionType.Subcommand) {
    subcommand = sub.name;
    data = sub.options ?? [];
  }
  for (const o of data) if (o.value !== undefined) out[o.name] = o.value;
  return subcommand === undefined ? { options: out } : { options: out, subcommand };
}

/** Whether an interaction comes from the member's DM with the bot (`{ inBotDm: true }`), where what is posted only they see. */
export function botDm(interaction: Interaction): { inBotDm?: true } {
  return interaction.context === InteractionContextType.BotDM ? { inBotDm: true } : {};
}

/** Where an interaction came from. */
export function place(interaction: Interaction): { guildId?: string; channelId?: string } {
  const out: { guildId?: string; channelId?: string } = {};
  if (interaction.guildId) out.guildId = interaction.guildId;
  if (interaction.channelId) out.channelId = interaction.channelId;
  return out;
}

/** A slash command's input: its options (a subcommand's lifted), files, who and where. */
export function slashInput(interaction: ChatInputCommandInteraction): CommandInput {
  return { ...optionValues(interaction), user: invoker(interaction), ...place(interaction), ...attachmentsOf(interaction) };
}

/** A message context menu command's input (e.g. "Find related statements"): the target message's text. */
export function contextMenuInput(interaction: MessageContextMenuCommandInteraction): CommandInput {
  return { options: {}, user: invoker(interaction), targetMessage: targetText(interaction.targetMessage), ...place(interaction) };
}

/**
 * The text "Find related statements" searches: the quoted passage of a card (Share… posts
 * "Shared by @x" as its content, the passage in the embed), else the message's own text.
 */
function targetText(message: MessageContextMenuCommandInteraction['targetMessage']): string {
  const descriptions = message.embeds.map((e) => e.description ?? '').filter(Boolean);
  const quoted = descriptions.flatMap((d) =>
    d
      .split('\n')
      .filter((l) => l.startsWith('> '))
      .map((l) => l.slice(2)),
  );
  if (quoted.length) return quoted.join('\n');
  return message.content || descriptions.join('\n');
}

/** What was typed into a submitted form, by input id. */
export function formFields(interaction: ModalSubmitInteraction): Record<string, string> {
  const submitted: Record<string, string> = {};
  for (const [id, field] of interaction.fields.fields) if ('value' in field && typeof field.value === 'string') submitted[id] = field.value;
  return submitted;
}
