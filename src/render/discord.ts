/**
 * The one place that turns reply models into Discord message payloads. Safe by construction: no
 * mention ever parses, link previews are suppressed, and every Discord limit is enforced by
 * truncation at word boundaries. Returns plain API-shaped objects (discord.js accepts them), so this
 * module does not import discord.js.
 */
import { BUTTON_STYLE, COMPONENT, LIMITS, MESSAGE_FLAGS, TEXT_INPUT_STYLE } from './discord-limits.ts';
import type { Card, Choice, Control, FileAttachment, ModalForm, Reply } from './models.ts';
import { truncate, truncateMarkdown } from './text.ts';

export interface EmbedPayload {
  title?: string;
  url?: string;
  description?: string;
  fields?: { name: string; value: string; inline?: boolean }[];
  footer?: { text: string };
  author?: { name: string };
  color?: number;
}

export type ComponentPayload =
  | { type: typeof COMPONENT.Button; style: number; label: string; custom_id: string; disabled?: boolean }
  | { type: typeof COMPONENT.Button; style: typeof BUTTON_STYLE.link; label: string; url: string }
  | {
      type: typeof COMPONENT.StringSelect;
      custom_id: string;
      placeholder: string;
      options: { label: string; value: string; description?: string }[];
    };

export interface ActionRowPayload {
  type: typeof COMPONENT.ActionRow;
  components: ComponentPayload[];
}

/** A file as discord.js takes it (AttachmentPayload). */
export interface FilePayload {
  attachment: Buffer;
  name: string;
  description?: string;
}

/** Everything an interaction reply, follow-up or edit needs. */
export interface MessagePayload {
  /** Attached files, absent when the reply has none (discord.js sends them as multipart form data). */
  files?: FilePayload[];
  content?: string;
  embeds: EmbedPayload[];
  components: ActionRowPayload[];
  allowedMentions: { parse: []; users?: string[]; repliedUser: false };
  /**
   * New messages: Ephemeral, and SuppressEmbeds when there are no cards. Absent on edits: flags
   * cannot change a message's visibility, and content links are wrapped in <…> anyway.
   */
  flags?: number;
}

/** Keeps link previews from unfurling in message content: `<url>` for bare links and link targets. */
function suppressPreviews(md: string): string {
  return md.replace(/\]\((https?:\/\/[^\s)]+)\)/g, '](<$1>)').replace(/(^|[^<(\w])(https?:\/\/[^\s<>)]+)/g, '$1<$2>');
}

function nonEmpty(text: string): string {
  return text.trim() === '' ? '\u200b' : text;
}

interface Part {
  get: () => string;
  set: (value: string) => void;
  markdown: boolean;
}

function embedParts(embed: EmbedPayload): Part[] {
  const parts: Part[] = [];
  if (embed.title !== undefined) parts.push({ get: () => embed.title ?? '', set: (v) => (embed.title = v), markdown: false });
  if (embed.description !== undefined) parts.push({ get: () => embed.description ?? '', set: (v) => (embed.description = v), markdown: true });
  for (const field of embed.fields ?? []) {
    parts.push({ get: () => field.name, set: (v) => (field.name = nonEmpty(v)), markdown: false });
    parts.push({ get: () => field.value, set: (v) => (field.value = nonEmpty(v)), markdown: true });
  }
  if (embed.footer) {
    const footer = embed.footer;
    parts.push({ get: () => footer.text, set: (v) => (footer.text = v), markdown: false });
  }
  if (embed.author) {
    const author = embed.author;
    parts.push({ get: () => author.name, set: (v) => (author.name = v), markdown: false });
  }
  return parts;
}

/** Total characters Discord counts towards the 6,000 per message. */
export function embedsLength(embeds: readonly EmbedPayload[]): number {
  let n = 0;
  for (const e of embeds) {
    n += (e.title?.length ?? 0) + (e.description?.length ?? 0) + (e.footer?.text.length ?? 0) + (e.author?.name.length ?? 0);
    for (const f of e.fields ?? []) n += f.name.length + f.value.length;
  }
  return n;
}

function renderCard(card: Card): EmbedPayload {
  const embed: EmbedPayload = {};
  if (card.title) embed.title = truncate(card.title, LIMITS.embedTitle);
  if (card.url && /^https?:\/\//.test(card.url)) embed.url = card.url;
  if (card.description) embed.description = truncateMarkdown(card.description, LIMITS.embedDescription);
  if (card.fields?.length) {
    embed.fields = card.fields.slice(0, LIMITS.fields).map((f) => {
      const field: { name: string; value: string; inline?: boolean } = {
        name: nonEmpty(truncate(f.name, LIMITS.fieldName)),
        value: nonEmpty(truncateMarkdown(f.value, LIMITS.fieldValue)),
      };
      if (f.inline) field.inline = true;
      return field;
    });
  }
  if (card.footer) embed.footer = { text: truncate(card.footer, LIMITS.footerText) };
  if (card.author) embed.author = { name: truncate(card.author, LIMITS.authorName) };
  if (card.color !== undefined) embed.color = card.color;
  return embed;
}

/**
 * Fits all embeds into Discord's 6,000 characters by capping every text at the same length (the
 * largest cap that fits), so one huge part does not wipe out the others.
 */
function fitTotal(embeds: EmbedPayload[]): void {
  const parts = embeds.flatMap(embedParts);
  for (let round = 0; round < 5 && embedsLength(embeds) > LIMITS.embedTotal; round++) {
    const lengths = parts.map((p) => p.get().length);
    let lo = 1;
    let hi = Math.max(...lengths);
    while (lo < hi) {
      const mid = Math.ceil((lo + hi) / 2);
      const total = lengths.reduce((sum, n) => sum + Math.min(n, mid), 0);
      if (total <= LIMITS.embedTotal) lo = mid;
      else hi = mid - 1;
    }
    for (const part of parts) {
      const value = part.get();
      if (value.length > lo) part.set(part.markdown ? truncateMarkdown(value, lo) : truncate(value, lo));
    }
  }
}

function assertCustomId(id: string): string {
  if (id.length === 0 || id.length > LIMITS.customId) throw new Error(`custom_id of ${id.length} characters: ${id.slice(0, 40)}…`);
  return id;
}

function renderControl(control: Control): ComponentPayload {
  switch (control.kind) {
    case 'button': {
      const button: ComponentPayload = {
        type: COMPONENT.Button,
        style: BUTTON_STYLE[control.style ?? 'secondary'],
        label: truncate(control.label, LIMITS.buttonLabel),
        custom_id: assertCustomId(control.id),
      };
      if (control.disabled) button.disabled = true;
      return button;
    }
    case 'link':
      return { type: COMPONENT.Button, style: BUTTON_STYLE.link, label: truncate(control.label, LIMITS.buttonLabel), url: control.url };
    case 'select': {
      const seen = new Set<string>();
      const options = [];
      for (const o of control.options) {
        if (o.value.length === 0 || o.value.length > LIMITS.optionValue || seen.has(o.value)) continue;
        seen.add(o.value);
        const option: { label: string; value: string; description?: string } = {
          label: nonEmpty(truncate(o.label, LIMITS.optionLabel)),
          value: o.value,
        };
        if (o.description) option.description = truncate(o.description, LIMITS.optionDescription);
        options.push(option);
        if (options.length === LIMITS.selectOptions) break;
      }
      return {
        type: COMPONENT.StringSelect,
        custom_id: assertCustomId(control.id),
        placeholder: truncate(control.placeholder, LIMITS.selectPlaceholder),
        options,
      };
    }
  }
}

function renderRows(rows: readonly Control[][]): ActionRowPayload[] {
  const out: ActionRowPayload[] = [];
  for (const row of rows) {
    let buttons: ComponentPayload[] = [];
    const flush = (): void => {
      if (buttons.length) out.push({ type: COMPONENT.ActionRow, components: buttons });
      buttons = [];
    };
    for (const control of row) {
      if (control.kind === 'select') {
        flush();
        const select = renderControl(control);
        if ('options' in select && select.options.length > 0) out.push({ type: COMPONENT.ActionRow, components: [select] });
      } else {
        if (buttons.length === LIMITS.buttonsPerRow) flush();
        buttons.push(renderControl(control));
      }
    }
    flush();
  }
  return out.slice(0, LIMITS.actionRows);
}

/**
 * A file name fit for an attachment: letters (of any script), digits, `.`, `_` and `-`; anything else
 * becomes `_`. Discord puts the ASCII ones in the attachment's URL and shows the whole name, letters
 * of other scripts included, as the file's title.
 */
function safeFileName(name: string): string {
  const clean = Array.from(name.replace(/[^\p{L}\p{M}\p{N}._-]+/gu, '_').replace(/^[._]+/, ''))
    .slice(-100)
    .join('');
  return clean || 'file';
}

/**
 * Files within Discord's limits. Too many or too large files are a bug in the command that made
 * them (commands size their files against LIMITS), so this throws instead of sending a broken message.
 */
function renderFiles(files: readonly FileAttachment[]): FilePayload[] {
  if (files.length > LIMITS.attachments) throw new Error(`${files.length} files on one message (at most ${LIMITS.attachments})`);
  const buffers = files.map((f) =>
    f.data ? Buffer.from(f.data.buffer, f.data.byteOffset, f.data.byteLength) : Buffer.from(f.content ?? '', 'utf8'),
  );
  const bytes = buffers.reduce((n, b) => n + b.byteLength, 0);
  if (bytes > LIMITS.attachmentBytes) throw new Error(`attachments of ${bytes} bytes (at most ${LIMITS.attachmentBytes})`);
  return files.map((f, i) => {
    const file: FilePayload = { attachment: buffers[i]!, name: safeFileName(f.name) };
    if (f.description) file.description = truncate(f.description, LIMITS.attachmentDescription);
    return file;
  });
}

/**
 * Renders a reply model as a Discord message payload. `edit` is for replacing an existing message
 * (paging, a deferred reply): the Ephemeral flag only applies to new messages.
 */
export function renderReply(reply: Reply, mode: 'new' | 'edit' = 'new'): MessagePayload {
  const embeds = (reply.cards ?? []).slice(0, LIMITS.embeds).map(renderCard);
  fitTotal(embeds);
  const payload: MessagePayload = {
    embeds,
    components: renderRows(reply.controls ?? []),
    allowedMentions: { parse: [], repliedUser: false },
  };
  if (reply.mentionUsers?.length) payload.allowedMentions.users = [...reply.mentionUsers];
  if (reply.files?.length) payload.files = renderFiles(reply.files);
  if (reply.text) payload.content = truncateMarkdown(suppressPreviews(reply.text), LIMITS.content);
  else if (mode === 'edit') payload.content = '';
  if (!payload.content && embeds.length === 0 && !payload.files) payload.content = '\u200b';
  if (mode === 'new') {
    payload.flags = (embeds.length === 0 ? MESSAGE_FLAGS.SuppressEmbeds : 0) | (reply.visibility === 'ephemeral' ? MESSAGE_FLAGS.Ephemeral : 0);
  }
  return payload;
}

/** Autocomplete choices within Discord's limits (≤ 25, name and value ≤ 100). */
export function renderChoices(choices: readonly Choice[]): { name: string; value: string }[] {
  const out: { name: string; value: string }[] = [];
  const seen = new Set<string>();
  for (const c of choices) {
    const value = c.value.length > LIMITS.choiceValue ? truncate(c.value, LIMITS.choiceValue) : c.value;
    if (!value || seen.has(value)) continue;
    seen.add(value);
    out.push({ name: nonEmpty(truncate(c.name, LIMITS.choiceName)), value });
    if (out.length === LIMITS.autocompleteChoices) break;
  }
  return out;
}

/** A modal as the interaction callback takes it (type 9's data), within Discord's limits. */
export interface ModalPayload {
  custom_id: string;
  title: string;
  components: {
    type: typeof COMPONENT.ActionRow;
    components: {
      type: typeof COMPONENT.TextInput;
      custom_id: string;
      label: string;
      style: number;
      required: boolean;
      placeholder?: string;
      min_length?: number;
      max_length?: number;
      value?: string;
    }[];
  }[];
}

export function renderModal(form: ModalForm): ModalPayload {
  return {
    custom_id: form.id,
    title: nonEmpty(truncate(form.title, LIMITS.modalTitle)),
    components: form.inputs.slice(0, LIMITS.modalInputs).map((input) => {
      const max = Math.min(input.maxLength ?? LIMITS.textInputValue, LIMITS.textInputValue);
      return {
        type: COMPONENT.ActionRow,
        components: [
          {
            type: COMPONENT.TextInput,
            custom_id: input.id,
            label: nonEmpty(truncate(input.label, LIMITS.textInputLabel)),
            style: TEXT_INPUT_STYLE[input.style],
            required: input.required ?? true,
            max_length: max,
            ...(input.minLength !== undefined ? { min_length: Math.min(input.minLength, max) } : {}),
            ...(input.placeholder ? { placeholder: truncate(input.placeholder, LIMITS.textInputPlaceholder) } : {}),
            ...(input.value ? { value: input.value.slice(0, max) } : {}),
          },
        ],
      };
    }),
  };
}
