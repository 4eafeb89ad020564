/**
 * Discord's message limits, in one place. Every payload the renderer builds is truncated against
 * these (see https://discord.com/developers/docs/resources/message#embed-object-embed-limits).
 * Lengths are measured in UTF-16 code units, which is never less than what Discord counts.
 */
export const LIMITS = {
  content: 2000,
  embedTitle: 256,
  embedDescription: 4096,
  fieldName: 256,
  fieldValue: 1024,
  footerText: 2048,
  authorName: 256,
  /** Sum of title, description, field names and values, footer text and author name over all embeds. */
  embedTotal: 6000,
  embeds: 10,
  fields: 25,
  actionRows: 5,
  buttonsPerRow: 5,
  customId: 100,
  buttonLabel: 80,
  selectOptions: 25,
  selectPlaceholder: 150,
  optionLabel: 100,
  optionValue: 100,
  optionDescription: 100,
  autocompleteChoices: 25,
  choiceName: 100,
  choiceValue: 100,
  modalTitle: 45,
  modalInputs: 5,
  textInputLabel: 45,
  textInputPlaceholder: 100,
  textInputValue: 4000,
  /** Files on one message. */
  attachments: 10,
  /** Upload size a bot may send to any server (Discord's default limit, 10 MiB), all files together. */
  attachmentBytes: 10 * 1024 * 1024,
  /** Attachment description (alt text). */
  attachmentDescription: 1024,
} as const;

/** Discord message flags the renderer sets (numeric, so this module stays free of discord.js). */
export const MESSAGE_FLAGS = {
  SuppressEmbeds: 1 << 2,
  Ephemeral: 1 << 6,
} as const;

/** Component type and style numbers from the Discord API (v10). */
export const COMPONENT = {
  ActionRow: 1,
  Button: 2,
  StringSelect: 3,
  TextInput: 4,
} as const;

export const TEXT_INPUT_STYLE = { short: 1, paragraph: 2 } as const;

export const BUTTON_STYLE = {
  primary: 1,
  secondary: 2,
  success: 3,
  danger: 4,
  link: 5,
} as const;
