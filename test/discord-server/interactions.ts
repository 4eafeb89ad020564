/**
 * Pure builders for the fake Discord: snowflakes, permission bits, the test guild, and slash
 * command options typed the way Discord types them.
 */

const DISCORD_EPOCH = 1420070400000n;
let increment = 0n;

/** A real-looking snowflake (discord.js derives `createdTimestamp` from it). */
export function snowflake(at: number = Date.now()): string {
  increment = (increment + 1n) & 0xfffn;
  return (((BigInt(at) - DISCORD_EPOCH) << 22n) | (1n << 17n) | increment).toString();
}

export const Permission = {
  CreateInstantInvite: 1n << 0n,
  Administrator: 1n << 3n,
  ManageChannels: 1n << 4n,
  ManageGuild: 1n << 5n,
  AddReactions: 1n << 6n,
  ViewChannel: 1n << 10n,
  SendMessages: 1n << 11n,
  EmbedLinks: 1n << 14n,
  AttachFiles: 1n << 15n,
  ReadMessageHistory: 1n << 16n,
  MentionEveryone: 1n << 17n,
  UseExternalEmojis: 1n << 18n,
  ChangeNickname: 1n << 26n,
  UseApplicationCommands: 1n << 31n,
  SendMessagesInThreads: 1n << 38n,
} as const;

/** What an ordinary member may do in a text channel (no Manage Server). */
export const MEMBER_PERMISSIONS =
  Permission.CreateInstantInvite |
  Permission.AddReactions |
  Permission.ViewChannel |
  Permission.SendMessages |
  Permission.EmbedLinks |
  Permission.AttachFiles |
  Permission.ReadMessageHistory |
  Permission.UseExternalEmojis |
  Permission.ChangeNickname |
  Permission.UseApplicationCommands |
  Permission.SendMessagesInThreads;

/** Every permission bit Discord currently defines (what an owner/administrator gets). */
export const ALL_PERMISSIONS = (1n << 51n) - 1n;

export interface FakeUser {
  id: string;
  username: string;
  global_name: string | null;
  /** Computed channel permissions sent as `member.permissions`. */
  permissions: bigint;
  roles: string[];
  bot?: boolean;
}

/** The public API shape of a user. */
export function apiUser(u: Pick<FakeUser, 'id' | 'username' | 'global_name' | 'bot'>): Record<string, unknown> {
  return {
    id: u.id,
    username: u.username,
    discriminator: '0',
    global_name: u.global_name,
    avatar: null,
    ...(u.bot ? { bot: true } : {}),
    public_flags: 0,
  };
}

/** The API shape of a guild member (as in GUILD_CREATE and interactions). */
export function apiMember(u: FakeUser, joinedAt: string, withPermissions: boolean): Record<string, unknown> {
  return {
    user: apiUser(u),
    nick: null,
    avatar: null,
    roles: u.roles,
    joined_at: joinedAt,
    premium_since: null,
    deaf: false,
    mute: false,
    flags: 0,
    pending: false,
    communication_disabled_until: null,
    ...(withPermissions ? { permissions: u.permissions.toString() } : {}),
  };
}

export interface CommandOptionDef {
  type: number;
  name: string;
  required?: boolean;
  autocomplete?: boolean;
  choices?: { name: string; value: string | number }[];
  options?: CommandOptionDef[];
}

/** A value a user can type into a slash command; a nested object is a subcommand (or group). */
export type OptionValue = string | number | boolean | OptionValues;
export interface OptionValues {
  [name: string]: OptionValue;
}

export interface EncodedOptions {
  options: Record<string, unknown>[];
  refs: { users: string[]; channels: string[]; roles: string[]; attachments?: string[] };
}

const OPTION_TYPE = {
  Subcommand: 1,
  SubcommandGroup: 2,
  String: 3,
  Integer: 4,
  Boolean: 5,
  User: 6,
  Channel: 7,
  Role: 8,
  Mentionable: 9,
  Number: 10,
  Attachment: 11,
} as const;

function inferType(value: OptionValue): number {
  if (typeof value === 'object') {
    return Object.values(value).some((v) => typeof v === 'object') ? OPTION_TYPE.SubcommandGroup : OPTION_TYPE.Subcommand;
  }
  if (typeof value === 'boolean') return OPTION_TYPE.Boolean;
  if (typeof value === 'number') return Number.isInteger(value) ? OPTION_TYPE.Integer : OPTION_TYPE.Number;
  return OPTION_TYPE.String;
}

/**
 * Encodes option values as Discord sends them. With the registered definitions (`defs`), types
 * come from them and the input is checked the way the Discord client checks what a user may
 * submit (unknown option, wrong type, missing required option, value outside fixed choices);
 * without, types are inferred from the JS values. Throws on input a real user could not send.
 */
export function encodeOptions(values: OptionValues, defs: CommandOptionDef[] | undefined, focused?: string): EncodedOptions {
  const refs: EncodedOptions['refs'] = { users: [], channels: [], roles: [], attachments: [] };
  const encode = (vals: OptionValues, ds: CommandOptionDef[] | undefined, path: string): Record<string, unknown>[] => {
    const out: Record<string, unknown>[] = [];
    for (const [name, value] of Object.entries(vals)) {
      const def = ds?.find((d) => d.name === name);
      if (ds && !def) throw new Error(`option "${path}${name}" is not registered for this command`);
      const type = def?.type ?? inferType(value);
      if (type === OPTION_TYPE.Subcommand || type === OPTION_TYPE.SubcommandGroup) {
        if (typeof value !== 'object') throw new Error(`"${path}${name}" is a subcommand: pass an object`);
        out.push({ type, name, options: encode(value, def ? (def.options ?? []) : undefined, `${path}${name} `) });
        continue;
      }
      if (typeof value === 'object') throw new Error(`"${path}${name}" is not a subcommand`);
      const isFocused = focused === name;
      if (!isFocused) {
        const ok =
          type === OPTION_TYPE.Integer
            ? typeof value === 'number' && Number.isInteger(value)
            : type === OPTION_TYPE.Number
              ? typeof value === 'number'
              : type === OPTION_TYPE.Boolean
                ? typeof value === 'boolean'
                : typeof value === 'string';
        if (!ok) throw new Error(`option "${path}${name}" (type ${type}) cannot take ${JSON.stringify(value)}`);
        if (def?.choices && def.choices.length > 0 && !def.choices.some((c) => c.value === value)) {
          throw new Error(`option "${path}${name}" only accepts its fixed choices, not ${JSON.stringify(value)}`);
        }
      }
      if (type === OPTION_TYPE.User || type === OPTION_TYPE.Mentionable) refs.users.push(String(value));
      if (type === OPTION_TYPE.Channel) refs.channels.push(String(value));
      if (type === OPTION_TYPE.Role) refs.roles.push(String(value));
      if (type === OPTION_TYPE.Attachment) refs.attachments?.push(String(value));
      out.push({ type, name, value: isFocused ? String(value) : value, ...(isFocused ? { focused: true } : {}) });
    }
    if (ds && focused === undefined) {
      const isSubLevel = ds.some((d) => d.type === OPTION_TYPE.Subcommand || d.type === OPTION_TYPE.SubcommandGroup);
      if (isSubLevel && out.length !== 1) throw new Error(`"${path.trim() || 'command'}" needs exactly one subcommand`);
      for (const d of ds) {
        if (d.required && !(d.name in vals)) throw new Error(`required option "${path}${d.name}" is missing`);
      }
    }
    return out;
  };
  const options = encode(values, defs, '');
  if (focused !== undefined && !JSON.stringify(options).includes('"focused":true')) {
    throw new Error(`focused option "${focused}" is not among the options given`);
  }
  return { options, refs };
}
