/**
 * custom_ids for buttons and select menus. They carry what a handler needs (command, page, query
 * and filters, passage id) so controls keep working after a restart; state too long for Discord's
 * 100 characters is kept in memory under a short hash and reported as expired once it is gone.
 */
import { createHash } from 'node:crypto';
import { SORT_ORDERS, type SearchFilters, type SortOrder } from '../types.ts';
import { LIMITS } from './discord-limits.ts';

/** What a search page needs to be run again. */
export interface SearchState {
  query: string;
  filters: SearchFilters;
  /** Absent: relevance. */
  sort?: SortOrder;
}

const FILTER_KEYS: Record<keyof SearchFilters, string> = {
  country: 'c',
  speaker: 's',
  organisation: 'o',
  year: 'y',
  from: 'f',
  to: 't',
  session: 'n',
  document: 'd',
  symbol: 'u',
};
const KEY_FILTERS = new Map(Object.entries(FILTER_KEYS).map(([k, v]) => [v, k as keyof SearchFilters]));

const enc = (v: string): string => v.replace(/%/g, '%25').replace(/\|/g, '%7C').replace(/#/g, '%23');
const dec = (v: string): string => v.replace(/%23/g, '#').replace(/%7C/g, '|').replace(/%25/g, '%');

/** `query|c=COL|y=2021|z=newest` (z: sort order, only when not relevance) */
export function encodeState(state: SearchState): string {
  const parts = [enc(state.query)];
  for (const [key, short] of Object.entries(FILTER_KEYS) as [keyof SearchFilters, string][]) {
    const value = state.filters[key];
    if (value) parts.push(`${short}=${enc(value)}`);
  }
  if (state.sort && state.sort !== 'relevance') parts.push(`z=${state.sort}`);
  return parts.join('|');
}

export function decodeState(text: string): SearchState | undefined {
  const [query, ...rest] = text.split('|');
  if (query === undefined) return undefined;
  const filters: SearchFilters = {};
  let sort: SortOrder | undefined;
  for (const part of rest) {
    const eq = part.indexOf('=');
    if (part.slice(0, eq) === 'z') {
      sort = SORT_ORDERS.find((o) => o === part.slice(eq + 1));
      if (!sort) return undefined;
      continue;
    }
    const key = KEY_FILTERS.get(part.slice(0, eq));
    if (eq < 0 || !key) return undefined;
    filters[key] = dec(part.slice(eq + 1));
  }
  return sort ? { query: dec(query), filters, sort } : { query: dec(query), filters };
}

/** Remembers states too long for a custom_id. Bounded; lost on restart (then the result has expired). */
export class StateStore {
  readonly #map = new Map<string, string>();
  constructor(readonly capacity = 5000) {}

  put(encoded: string): string {
    const key = createHash('sha256').update(encoded).digest('base64url').slice(0, 12);
    this.#map.delete(key);
    this.#map.set(key, encoded);
    if (this.#map.size > this.capacity) {
      const oldest = this.#map.keys().next().value;
      if (oldest !== undefined) this.#map.delete(oldest);
    }
    return key;
  }

  get(key: string): string | undefined {
    return this.#map.get(key);
  }
}

/** Thrown when a control refers to state the bot no longer has. */
export class ExpiredError extends Error {
  override name = 'ExpiredError';
}

/** `<prefix><encoded>`, or `<prefix>#<hash>` (kept in `store`) when that is too long for a custom_id. */
export function stateId(prefix: string, encoded: string, store: StateStore): string {
  if (prefix.length + encoded.length <= LIMITS.customId) return prefix + encoded;
  return `${prefix}#${store.put(encoded)}`;
}

/** The encoded state after `prefix` in a custom_id made by {@link stateId}. @throws ExpiredError when it is gone. */
export function stateFromId(id: string, prefix: string, store: StateStore): string {
  if (!id.startsWith(prefix)) throw new ExpiredError('unreadable id');
  const rest = id.slice(prefix.length);
  const encoded = rest.startsWith('#') ? store.get(rest.slice(1)) : rest;
  if (encoded === undefined) throw new ExpiredError('state no longer held');
  return encoded;
}

/** `search:page:<page>:<state>`, or `search:page:<page>:#<hash>` when the state is too long. */
export function pageId(page: number, state: SearchState, store: StateStore): string {
  return stateId(`search:page:${page}:`, encodeState(state), store);
}

/** The "Export CSV" button's id: `search:export:<state>`. */
export function exportId(state: SearchState, store: StateStore): string {
  return stateId('search:export:', encodeState(state), store);
}

/** Reads an export id back. @throws ExpiredError when the state was kept in memory and is gone. */
export function parseExportId(id: string, store: StateStore): SearchState {
  const state = decodeState(stateFromId(id, 'search:export:', store));
  if (!state) throw new ExpiredError('unreadable export id');
  return state;
}

/** Reads a page id back. @throws ExpiredError when the state was kept in memory and is gone. */
export function parsePageId(id: string, store: StateStore): { page: number; state: SearchState } {
  const m = /^search:page:(\d+):(.*)$/s.exec(id);
  if (!m?.[1] || m[2] === undefined) throw new ExpiredError('unreadable page id');
  let encoded: string | undefined = m[2];
  if (encoded.startsWith('#')) encoded = store.get(encoded.slice(1));
  const state = encoded === undefined ? undefined : decodeState(encoded);
  if (!state) throw new ExpiredError('state no longer held');
  return { page: Number(m[1]), state };
}

/** The command a custom_id belongs to (its first segment). */
export function idCommand(id: string): string {
  return id.split(':', 1)[0] ?? '';
}
