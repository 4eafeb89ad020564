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

export interface Reply {
  visibility: Visibility;
  /** Message text (markdown). */
  text?: string;
  cards?: Card[];
  /** Rows of controls; a select menu takes a row of its own. */
  controls?: Control[][];
  /** Replace the message a button sits on instead of sending a new one (paging). */
  update?: boolean;
  /** Files attached to a new message (e.g. a CSV export). */
  files?: FileAttachment[];
}

/** A file sent with a message. */
export interface FileAttachment {
  name: string;
  /** The file's text (UTF-8). */
  content: string;
}

/** A choice offered by autocomplete. */
export interface Choice {
  name: string;
  value: string;
}
