/**
 * The contract every command file fulfils, and what the router hands it. Commands never see
 * discord.js: they get plain inputs and return reply models (src/render/models.ts).
 */
import type { StateStore } from './render/custom-id.ts';
import type { Choice, Reply, Visibility } from './render/models.ts';
import type { LibraryHandle } from './library/handle.ts';
import type { SearchEngine } from './types.ts';
import type { SavedStore } from './saved/store.ts';
import type { FollowCommands } from './follows/service.ts';

/** Discord API numbers used in command definitions. */
export const COMMAND_TYPE = { ChatInput: 1, Message: 3 } as const;
export const OPTION_TYPE = { Subcommand: 1, String: 3, Integer: 4, Boolean: 5, Channel: 7, Attachment: 11 } as const;
/** Channel types a channel option offers: text and announcement channels. */
export const TEXT_CHANNEL_TYPES = [0, 5];
/** The Manage Server permission bit, as `default_member_permissions` takes it. */
export const MANAGE_GUILD = String(1 << 5);
/** Interaction contexts: guild only. */
export const GUILD_ONLY = [0];
/** Interaction contexts: a server, the bot's DM, and other DMs and group DMs (the last needs a user install). */
export const ANY_CONTEXT = [0, 1, 2];
/** Installation types: installed to a server (0) and to a user's account (1), which follows the user everywhere. */
export const SERVER_AND_USER_INSTALL = [0, 1];

export interface OptionData {
  readonly type: (typeof OPTION_TYPE)[keyof typeof OPTION_TYPE];
  name: string;
  description: string;
  required?: boolean;
  autocomplete?: boolean;
  min_value?: number;
  max_value?: number;
  min_length?: number;
  max_length?: number;
  /** Sub-options (subcommands). */
  options?: readonly OptionData[];
  channel_types?: readonly number[];
  choices?: readonly { name: string; value: string | number }[];
}

/** An application command as Discord's bulk-overwrite endpoint takes it. */
export interface CommandData {
  type: (typeof COMMAND_TYPE)[keyof typeof COMMAND_TYPE];
  name: string;
  description: string;
  options?: readonly OptionData[];
  default_member_permissions?: string | null;
  contexts?: readonly number[];
  /** Installation types (0 server, 1 user); Discord applies them to global commands only. Absent: server. */
  integration_types?: readonly number[];
}

/** Option values by name, as submitted (untyped: a command whose definition is not known). */
export type OptionValues = Readonly<Record<string, string | number | boolean>>;

/** The value of an option, by its Discord type (a channel option's value is the channel id). */
type OptionValue<O extends OptionData> = O['type'] extends typeof OPTION_TYPE.Integer
  ? number
  : O['type'] extends typeof OPTION_TYPE.Boolean
    ? boolean
    : string;

/** The options that carry values: a subcommand's own options stand in for it. */
type ValueOption<O extends OptionData> = O extends { type: typeof OPTION_TYPE.Subcommand }
  ? O extends { options: readonly (infer S extends OptionData)[] }
    ? S
    : never
  : O;

/**
 * A command's option values, derived from its definition (the discord.js community's typed-command
 * pattern): `OptionsOf<typeof data>` has exactly the options `data` declares, so reading an
 * option by a wrong name fails tsc (the options of every subcommand are in one record; the
 * subcommand used is `input.subcommand`). Declare `data` with `as const satisfies CommandData` and
 * the command with `satisfies SlashCommand<typeof data>`.
 */
export type OptionsOf<D extends CommandData> = D extends { options: readonly (infer O extends OptionData)[] }
  ? string extends O['name']
    ? OptionValues
    : { readonly [K in ValueOption<O> as K['name']]?: OptionValue<K> }
  : OptionValues;

/** A command problem the user can fix; the message is shown as is (ephemeral). */
export class UserFacingError extends Error {
  override name = 'UserFacingError';
}

export interface Invoker {
  id: string;
  name: string;
  /** Whether the member has Manage Server (Discord enforces default_member_permissions too). */
  canManageGuild: boolean;
  /** Whether the member has Manage Channels (in the channel the command was used in). */
  canManageChannels?: boolean;
  /** The member's role ids in the server (absent outside a server). */
  roles?: readonly string[];
}

/** A file attached to an attachment option, as Discord describes it (its bytes are at `url`). */
export interface AttachmentInput {
  name: string;
  url: string;
  size: number;
  contentType?: string;
}

export interface CommandInput<Options = OptionValues> {
  /** Option values by name, as submitted. */
  options: Options;
  user: Invoker;
  /** The target message's text (message context menu). */
  targetMessage?: string;
  /** The subcommand used, when the command has subcommands (its options are in `options`). */
  subcommand?: string;
  /** Files given to attachment options, by option name (the option's value is the attachment id). */
  attachments?: Readonly<Record<string, AttachmentInput>>;
  /** Where the command was used. */
  guildId?: string;
  channelId?: string;
}

export interface ComponentInput {
  /** The control's custom_id. */
  id: string;
  /** Chosen values (select menus). */
  values: readonly string[];
  user: Invoker;
  /** What was typed into a submitted form (modal), by input id. */
  fields?: Readonly<Record<string, string>>;
  /** Set when the control sits in the member's DM with the bot (a DM alert, a user-installed /search there): no channel to share into. */
  inBotDm?: boolean;
  /** Where the control was used (a follow's alert opens only for its owner, or in its channel). */
  guildId?: string;
  channelId?: string;
}

export interface AutocompleteInput<Options = OptionValues> {
  /** The option being typed. */
  option: keyof Options & string;
  value: string;
  options: Options;
  subcommand?: string;
  user?: Invoker;
  guildId?: string;
}

/** Where /library stores documents, and who may. */
export interface UploadSettings {
  /** The library folder. */
  dataDir: string;
  /** Largest file taken (bytes). */
  maxBytes: number;
  /** Members of this role may add and remove documents, besides those with Manage Server. */
  roleId?: string;
}

export interface CommandContext {
  engine: SearchEngine;
  library: LibraryHandle;
  store: StateStore;
  version: string;
  /** The library's name for source lines (its folder's name), when known. */
  libraryName?: string;
  /** Adds fields to the interaction's log line (e.g. hit count). */
  note(fields: Record<string, unknown>): void;
  /** Saved passages; absent when the database could not be opened. */
  saved?: SavedStore;
  /** Follows; absent when the database could not be opened. */
  follows?: FollowCommands;
  /** /library add, remove, recent; absent when not configured. */
  uploads?: UploadSettings;
  /**
   * Finishes the answer outside the command queue: the reply `run` returns is sent at once, the
   * queue moves on to other members' commands, and `work`'s reply then replaces it (the router
   * edits the message). For slow work that must not hold everyone up and needs no one-at-a-time
   * guarantee of its own, such as waiting for the library's live update (the watcher runs its
   * updates one at a time). Absent outside the bot: run the work inline.
   */
  finishLater?(work: () => Promise<Reply>): void;
}

/**
 * How a control answers, known before any work so a deferral has the right visibility:
 * `update` replaces the message it sits on, `ephemeral`/`public` send a new message.
 */
export type ComponentMode = 'update' | Visibility;

export interface SlashCommand<D extends CommandData = CommandData> {
  data: D;
  /** Who sees the answer (errors are always ephemeral). */
  visibility: Visibility;
  run(input: CommandInput<OptionsOf<D>>, ctx: CommandContext): Reply | Promise<Reply>;
  autocomplete?(input: AutocompleteInput<OptionsOf<D>>, ctx: CommandContext): Choice[] | Promise<Choice[]>;
  /**
   * True when `run` answers this input with a form (a modal) and does no search. A form can only be
   * the first response, never one after a deferral, so the router opens it at once rather than
   * queueing it behind searches (where it would be deferred).
   */
  opensForm?(input: CommandInput<OptionsOf<D>>): boolean;
  /** Handles controls whose custom_id starts with `<data.name>:`. */
  component?: {
    /** Known from the control (`input`'s id and where it was used) before any work, so a deferral has the right visibility. */
    mode(id: string, input?: Pick<ComponentInput, 'inBotDm'>): ComponentMode;
    run(input: ComponentInput, ctx: CommandContext): Reply | Promise<Reply>;
  };
}
