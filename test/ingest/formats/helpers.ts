import { readFileSync } from 'node:fs';
import type { ExtractLimits } from '../../../src/types.ts';

export const FIXTURES = new URL('../../fixtures/formats/', import.meta.url);
export const LIMITS: ExtractLimits = { timeoutMs: 20_000, maxBytes: 5_000_000 };

export const fixture = (name: string) => new Uint8Array(readFileSync(new URL(name, FIXTURES)));
/** The plain-text source a fixture was typeset from: one paragraph a line. */
export const sourceParagraphs = (name: string) =>
  readFileSync(new URL(`source/${name}`, FIXTURES), 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
