/**
 * Discord's documented message, component, autocomplete and modal limits, checked the way Discord
 * checks them before it accepts a payload. Each breach is one {@link LimitBreach}. Lengths are
 * counted in UTF-16 code units (`.length`), which is never more lenient than Discord.
 */

export interface LimitBreach {
  /** Dotted path into the payload, e.g. `embeds.0.fields.3.value`. */
  path: string;
  /** Short rule name, e.g. `max-length`, `max-items`, `required`, `duplicate`. */
  rule: string;
  detail: string;
}

export const LIMITS = {
  content: 2000,
  embeds: 10,
  embedTitle: 256,
  embedDescription: 4096,
  embedFields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footerText: 2048,
  authorName: 256,
  embedTotal: 6000,
  actionRows: 5,
  buttonsPerRow: 5,
  customId: 100,
  buttonLabel: 80,
  selectOptions: 25,
  selectOptionText: 100,
  selectPlaceholder: 150,
  autocompleteChoices: 25,
  choiceName: 100,
  choiceValue: 100,
  modalTitle: 45,
  modalComponents: 5,
  textInputLabel: 45,
  textInputValue: 4000,
} as const;

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

class Checker {
  readonly breaches: LimitBreach[] = [];

  maxLength(path: string, value: unknown, max: number): void {
    if (typeof value === 'string' && value.length > max) {
      this.breaches.push({ path, rule: 'max-length', detail: `${value.length} chars > ${max}` });
    }
  }

  maxItems(path: string, value: unknown, max: number): void {
    if (Array.isArray(value) && value.length > max) {
      this.breaches.push({ path, rule: 'max-items', detail: `${value.length} items > ${max}` });
    }
  }

  add(path: string, rule: string, detail: string): void {
    this.breaches.push({ path, rule, detail });
  }
}

/** Flag bit: the message is only visible to the interaction's user. */
export const EPHEMERAL = 64;
/** Flag bit: message uses Components V2 (different layout rules; only custom_id limits checked). */
export const IS_COMPONENTS_V2 = 1 << 15;

function checkEmbeds(c: Checker, embeds: unknown): void {
  c.maxItems('embeds', embeds, LIMITS.embeds);
  let total = 0;
  arr(embeds).forEach((raw, i) => {
    if (!isObj(raw)) {
      c.add(`embeds.${i}`, 'type', 'embed must be an object');
      return;
    }
    const p = `embeds.${i}`;
    c.maxLength(`${p}.title`, raw['title'], LIMITS.embedTitle);
    c.maxLength(`${p}.description`, raw['description'], LIMITS.embedDescription);
    c.maxItems(`${p}.fields`, raw['fields'], LIMITS.embedFields);
    total += str(raw['title']).length + str(raw['description']).length;
    arr(raw['fields']).forEach((f, j) => {
      const fp = `${p}.fields.${j}`;
      if (!isObj(f)) return;
      const name = str(f['name']);
      const value = str(f['value']);
      if (name.trim() === '') c.add(`${fp}.name`, 'required', 'field name must not be empty');
      if (value.trim() === '') c.add(`${fp}.value`, 'required', 'field value must not be empty');
      c.maxLength(`${fp}.name`, name, LIMITS.fieldName);
      c.maxLength(`${fp}.value`, value, LIMITS.fieldValue);
      total += name.length + value.length;
    });
    if (isObj(raw['footer'])) {
      c.maxLength(`${p}.footer.text`, raw['footer']['text'], LIMITS.footerText);
      total += str(raw['footer']['text']).length;
    }
    if (isObj(raw['author'])) {
      c.maxLength(`${p}.author.name`, raw['author']['name'], LIMITS.authorName);
      total += str(raw['author']['name']).length;
    }
  });
  if (total > LIMITS.embedTotal) {
    c.add('embeds', 'max-total', `${total} embed characters > ${LIMITS.embedTotal}`);
  }
}

function checkComponent(c: Checker, comp: Obj, path: string, ids: Set<string>): void {
  const customId = comp['custom_id'];
  if (typeof customId === 'string') {
    c.maxLength(`${path}.custom_id`, customId, LIMITS.customId);
    if (customId.length === 0) c.add(`${path}.custom_id`, 'required', 'custom_id must not be empty');
    if (ids.has(customId)) c.add(`${path}.custom_id`, 'duplicate', `custom_id "${customId}" used twice`);
    ids.add(customId);
  }
  const type = comp['type'];
  if (type === 2) {
    c.maxLength(`${path}.label`, comp['label'], LIMITS.buttonLabel);
    const isLink = comp['style'] === 5;
    const isPremium = comp['style'] === 6;
    if (isLink && typeof comp['url'] !== 'string') c.add(`${path}.url`, 'required', 'link button needs url');
    if (isLink && customId !== undefined) c.add(`${path}.custom_id`, 'forbidden', 'link button has custom_id');
    if (!isLink && !isPremium && typeof customId !== 'string') {
      c.add(`${path}.custom_id`, 'required', 'non-link button needs custom_id');
    }
    if (!isPremium && comp['label'] === undefined && comp['emoji'] === undefined) {
      c.add(`${path}.label`, 'required', 'button needs a label or an emoji');
    }
  }
  if (type === 3 || (typeof type === 'number' && type >= 5 && type <= 8)) {
    c.maxLength(`${path}.placeholder`, comp['placeholder'], LIMITS.selectPlaceholder);
    if (typeof customId !== 'string') c.add(`${path}.custom_id`, 'required', 'select needs custom_id');
  }
  if (type === 3) {
    const options = comp['options'];
    c.maxItems(`${path}.options`, options, LIMITS.selectOptions);
    if (arr(options).length === 0) c.add(`${path}.options`, 'required', 'string select needs options');
    arr(options).forEach((o, k) => {
      if (!isObj(o)) return;
      c.maxLength(`${path}.options.${k}.label`, o['label'], LIMITS.selectOptionText);
      c.maxLength(`${path}.options.${k}.value`, o['value'], LIMITS.selectOptionText);
      c.maxLength(`${path}.options.${k}.description`, o['description'], LIMITS.selectOptionText);
    });
  }
}

function checkComponents(c: Checker, components: unknown, flags: number): void {
  const ids = new Set<string>();
  if ((flags & IS_COMPONENTS_V2) !== 0) {
    const walk = (list: unknown, path: string): void => {
      arr(list).forEach((raw, i) => {
        if (!isObj(raw)) return;
        checkComponent(c, raw, `${path}.${i}`, ids);
        walk(raw['components'], `${path}.${i}.components`);
        if (isObj(raw['accessory'])) checkComponent(c, raw['accessory'], `${path}.${i}.accessory`, ids);
      });
    };
    walk(components, 'components');
    return;
  }
  c.maxItems('components', components, LIMITS.actionRows);
  arr(components).forEach((row, i) => {
    const p = `components.${i}`;
    if (!isObj(row) || row['type'] !== 1) {
      c.add(p, 'type', 'top-level components must be action rows (type 1)');
      return;
    }
    const children = arr(row['components']);
    if (children.length === 0) c.add(`${p}.components`, 'required', 'action row must not be empty');
    const selects = children.filter((x) => isObj(x) && x['type'] !== 2);
    if (selects.length > 0 && children.length > 1) {
      c.add(`${p}.components`, 'mixed-row', 'a select menu must be alone in its row');
    }
    c.maxItems(`${p}.components`, children, LIMITS.buttonsPerRow);
    children.forEach((child, j) => {
      if (isObj(child)) checkComponent(c, child, `${p}.components.${j}`, ids);
    });
  });
}

function checkAllowedMentions(c: Checker, am: unknown): void {
  if (!isObj(am)) return;
  const parse = arr(am['parse']);
  if (parse.includes('users') && arr(am['users']).length > 0) {
    c.add('allowed_mentions', 'conflict', 'parse:["users"] together with a users list');
  }
  if (parse.includes('roles') && arr(am['roles']).length > 0) {
    c.add('allowed_mentions', 'conflict', 'parse:["roles"] together with a roles list');
  }
}

/**
 * Checks a message body (create, edit, interaction reply/update data).
 * `edit` skips the "empty message" rule for fields the edit leaves alone.
 */
export function checkMessage(body: unknown, opts: { edit?: boolean; hasFiles?: boolean } = {}): LimitBreach[] {
  const c = new Checker();
  if (!isObj(body)) {
    if (!opts.edit) c.add('', 'required', 'message body missing');
    return c.breaches;
  }
  c.maxLength('content', body['content'], LIMITS.content);
  checkEmbeds(c, body['embeds']);
  checkComponents(c, body['components'], typeof body['flags'] === 'number' ? body['flags'] : 0);
  checkAllowedMentions(c, body['allowed_mentions']);
  if (!opts.edit) {
    const empty =
      str(body['content']).length === 0 &&
      arr(body['embeds']).length === 0 &&
      arr(body['components']).length === 0 &&
      arr(body['attachments']).length === 0 &&
      !opts.hasFiles &&
      !isObj(body['poll']);
    if (empty) c.add('', 'empty-message', 'Cannot send an empty message (50006)');
  }
  return c.breaches;
}

/** Checks an autocomplete result (callback type 8 data). */
export function checkAutocomplete(data: unknown): LimitBreach[] {
  const c = new Checker();
  const choices = isObj(data) ? data['choices'] : undefined;
  if (!Array.isArray(choices)) {
    c.add('choices', 'required', 'autocomplete result needs a choices array');
    return c.breaches;
  }
  c.maxItems('choices', choices, LIMITS.autocompleteChoices);
  choices.forEach((ch, i) => {
    if (!isObj(ch)) return;
    const name = str(ch['name']);
    if (name.length === 0) c.add(`choices.${i}.name`, 'required', 'choice name must not be empty');
    c.maxLength(`choices.${i}.name`, name, LIMITS.choiceName);
    c.maxLength(`choices.${i}.value`, ch['value'], LIMITS.choiceValue);
  });
  return c.breaches;
}

/** Checks a modal (callback type 9 data). */
export function checkModal(data: unknown): LimitBreach[] {
  const c = new Checker();
  if (!isObj(data)) {
    c.add('', 'required', 'modal data missing');
    return c.breaches;
  }
  if (str(data['title']).length === 0) c.add('title', 'required', 'modal needs a title');
  c.maxLength('title', data['title'], LIMITS.modalTitle);
  if (typeof data['custom_id'] !== 'string') c.add('custom_id', 'required', 'modal needs custom_id');
  c.maxLength('custom_id', data['custom_id'], LIMITS.customId);
  const rows = arr(data['components']);
  if (rows.length === 0) c.add('components', 'required', 'modal needs components');
  c.maxItems('components', rows, LIMITS.modalComponents);
  const ids = new Set<string>();
  rows.forEach((row, i) => {
    if (!isObj(row)) return;
    const inner = [...arr(row['components']), ...(isObj(row['component']) ? [row['component']] : [])];
    inner.forEach((comp, j) => {
      if (!isObj(comp)) return;
      const p = `components.${i}.components.${j}`;
      checkComponent(c, comp, p, ids);
      if (comp['type'] === 4) {
        c.maxLength(`${p}.label`, comp['label'], LIMITS.textInputLabel);
        c.maxLength(`${p}.value`, comp['value'], LIMITS.textInputValue);
      }
    });
  });
  return c.breaches;
}

/**
 * The mentions in `content` that would notify someone, given `allowed_mentions`, following
 * Discord's rules: without `allowed_mentions` everything parses; ephemeral messages ping nobody.
 */
export function mentionsThatPing(message: { content?: string | undefined; allowed_mentions?: unknown; flags?: number | undefined }): string[] {
  const content = message.content ?? '';
  if (((message.flags ?? 0) & EPHEMERAL) !== 0) return [];
  const am = message.allowed_mentions;
  const parse = isObj(am) ? arr(am['parse']).map(String) : ['users', 'roles', 'everyone'];
  const users = isObj(am) ? arr(am['users']).map(String) : [];
  const roles = isObj(am) ? arr(am['roles']).map(String) : [];
  const out: string[] = [];
  for (const m of content.matchAll(/@(everyone|here)|<@!?(\d+)>|<@&(\d+)>/g)) {
    if (m[1] !== undefined && parse.includes('everyone')) out.push(m[0]);
    else if (m[2] !== undefined && (parse.includes('users') || users.includes(m[2]))) out.push(m[0]);
    else if (m[3] !== undefined && (parse.includes('roles') || roles.includes(m[3]))) out.push(m[0]);
  }
  return out;
}
