/**
 * Reply models: what a command answers, independent of Discord. Handlers return these; the Discord
 * renderer (discord.ts) turns them into payloads, and a terminal renderer can print them.
 * Text fields hold Discord-flavoured markdown that is already safe (quoted text escaped).
 */

/** Who sees a new message. Decided before a reply is deferred: Discord cannot change it later. */
export type Visibility = 'ephemeral' | 'public';

export interface CardField {
  name: string;
  value: string;
  inline?: boolean;
}

/** One embed. */
export interface Card {
  title?: string;
  url?: string;
  description?: string;
  fields?: CardField[];
  footer?: string;
  author?: string;
  color?: number;
}

export interface ButtonControl {
  kind: 'button';
  /** custom_id (≤ 100 characters; see custom-id.ts). */
  id: string;
  label: string;
  style?: 'primary' | 'secondary' | 'success' | 'danger';
  disabled?: boolean;
}

export interface LinkControl {
  kind: 'link';
  url: string;
  label: string;
}

export interface SelectOption {
  label: string;
  value: string;
  description?: string;
}

export interface SelectControl {
  kind: 'select';
  id: string;
  placeholder: string;
  options: SelectOption[];
}

export type Control = ButtonControl | LinkControl | SelectControl;

/** A file sent with a message (a chart, an export): its bytes, or its text (sent as UTF-8). */
export interface FileAttachment {
  /** File name shown in Discord (ASCII letters, digits, `.`, `-`, `_`). */
  name: string;
  data?: Uint8Array;
  /** The file's text, when `data` is not given. */
  content?: string;
  /** Alt text / description (Discord shows it to screen readers). */
  description?: string;
}

export interface Reply {
  visibility: Visibility;
  /** Message text (markdown). */
  text?: string;
  cards?: Card[];
  /** Rows of controls; a select menu takes a row of its own. */
  controls?: Control[][];
  /** Replace the message a button sits on instead of sending a new one (paging). */
  update?: boolean;
  /** Users this message may ping (the message mentions them); no one else ever is. Absent: nobody. */
  mentionUsers?: string[];
  /** Attached files (within LIMITS.attachments and LIMITS.attachmentBytes; see render/discord.ts). */
  files?: FileAttachment[];
  /**
   * Open this form (a modal) instead of answering; only possible as the first answer to a command
   * or a control. What the user submits comes back to the command's component handler.
   */
  modal?: ModalForm;
}

/** A form shown over the app: up to five text inputs, submitted back as `fields` by input id. */
export interface ModalForm {
  /** custom_id, `<command>:…` like a control's (≤ 100 characters). */
  id: string;
  title: string;
  inputs: TextInput[];
}

export interface TextInput {
  id: string;
  label: string;
  /** `paragraph`: several lines (up to 4000 characters). */
  style: 'short' | 'paragraph';
  placeholder?: string;
  required?: boolean;
  minLength?: number;
  maxLength?: number;
  /** Pre-filled text. */
  value?: string;
}

/** A choice offered by autocomplete. */
export interface Choice {
  name: string;
  value: string;
}
