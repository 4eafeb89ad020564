/**
 * custom_ids for buttons and select menus. They carry what a handler needs (command, page, query
 * and filters, passage id) so controls keep working after a restart; state too long for Discord's
 * 100 characters is kept in memory under a short hash and reported as expired once it is gone.
 */
import { createHash } from 'node:crypto';
import type { SearchFilters } from '../types.ts';
import { LIMITS } from './limits.ts';

/** What a search page needs to be run again. */
export interface SearchState {
  query: string;
  filters: SearchFilters;
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

/** `query|c=COL|y=2021` */
export function encodeState(state: SearchState): string {
  const parts = [enc(state.query)];
  for (const [key, short] of Object.entries(FILTER_KEYS) as [keyof SearchFilters, string][]) {
    const value = state.filters[key];
    if (value) parts.push(`${short}=${enc(value)}`);
  }
  return parts.join('|');
}

export function decodeState(text: string): SearchState | undefined {
  const [query, ...rest] = text.split('|');
  if (query === undefined) return undefined;
  const filters: SearchFilters = {};
  for (const part of rest) {
    const eq = part.indexOf('=');
    const key = KEY_FILTERS.get(part.slice(0, eq));
    if (eq < 0 || !key) return undefined;
    filters[key] = dec(part.slice(eq + 1));
  }
  return { query: dec(query), filters };
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

/** `search:page:<page>:<state>`, or `search:page:<page>:#<hash>` when the state is too long. */
export function pageId(page: number, state: SearchState, store: StateStore): string {
  const prefix = `search:page:${page}:`;
  const encoded = encodeState(state);
  if (prefix.length + encoded.length <= LIMITS.customId) return prefix + encoded;
  return `${prefix}#${store.put(encoded)}`;
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
