/**
 * QA22 F8.3: what the session and document autocomplete offer, as Discord receives the choices
 * (renderChoices: at most 25, names and values within 100 characters). A session range being typed
 * (`70-`) is completed; two budget sections whose titles run past 100 characters keep their ids
 * and counts, so they can be told apart. Real engine over the UNGDC fixture speeches (sessions 11,
 * 66, 76) and the two real budget fascicles A/81/6 (Sect. 16) and (Sect. 24) (session 81).
 */
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import search from '../../commands/search.ts';
import source from '../../commands/source.ts';
import type { CommandContext, Invoker } from '../../src/command.ts';
import { closeExtractors } from '../../src/ingest/load-library.ts';
import { openLibrary } from '../../src/library/open.ts';
import { StateStore } from '../../src/render/custom-id.ts';
import { renderChoices } from '../../src/render/discord.ts';
import type { Choice } from '../../src/render/models.ts';

const FIXTURES = path.resolve(import.meta.dirname, '../fixtures');
const alice: Invoker = { id: '111111111111111111', name: 'alice', canManageGuild: false };
let ctx: CommandContext;

beforeAll(async () => {
  const tmp = mkdtempSync(path.join(tmpdir(), 'verbatim-choices-'));
  const root = path.join(tmp, 'library');
  cpSync(path.join(FIXTURES, 'ungdc'), root, { recursive: true });
  for (const f of ['A_81_6_Sect.16.pdf', 'A_81_6_Sect.24.pdf']) cpSync(path.join(FIXTURES, 'un-documents', f), path.join(root, f));
  const lib = await openLibrary({ dataDir: root, cachePath: path.join(tmp, 'index.bin') });
  const engine = lib.engine;
  ctx = {
    engine,
    library: { state: () => ({ status: 'ready', engine }), reload: async () => Promise.reject(new Error('no reload')) } as never,
    store: new StateStore(),
    version: '0.1.0',
    note: () => undefined,
  };
}, 120_000);
afterAll(closeExtractors);

/** The choices Discord receives for `value` typed in `option` of /search (or /source for a document). */
const offered = (option: 'session' | 'document', value: string): { name: string; value: string }[] => {
  const complete = (option === 'document' ? source.autocomplete : search.autocomplete) as (input: unknown, c: CommandContext) => Choice[];
  return renderChoices(complete({ option, value, options: {}, user: alice }, ctx));
};

describe('session autocomplete completes a range being typed', () => {
  it('`66-` offers the ranges to the later sessions the library holds, with their passages', () => {
    const single = (n: string): number => Number(/\((\d+)\)$/.exec(offered('session', n)[0]!.name)![1]);
    // before: no choices
    expect(offered('session', '66-')).toEqual([
      { name: `66-76 (${single('66') + single('76')})`, value: '66-76' },
      { name: `66-81 (${single('66') + single('76') + single('81')})`, value: '66-81' },
    ]);
    expect(offered('session', '11-').map((c) => c.value)).toEqual(['11-66', '11-76', '11-81']);
    expect(offered('session', '11–').map((c) => c.value)).toEqual(['11-66', '11-76', '11-81']);
  });

  it('`11-7` completes the second number; `11-70` is offered as typed; a range ending before it starts offers nothing', () => {
    expect(offered('session', '11-7').map((c) => c.value)).toEqual(['11-76']);
    expect(offered('session', '11-70').map((c) => c.value)).toEqual(['11-70']);
    expect(offered('session', '81-')).toEqual([]);
    // a single session is completed as before
    expect(offered('session', '6').map((c) => c.value)).toEqual(['66']);
  });

  it('a range after other values keeps them (`11, 66-` → `11,66-76`, …)', () => {
    expect(offered('session', '11, 66-').map((c) => c.value)).toEqual(['11,66-76', '11,66-81']);
  });
});

describe('document choices with long titles keep their id and count', () => {
  it('the two budget sections can be told apart, each name within 100 characters', () => {
    const choices = offered('document', 'Proposed programme budget');
    expect(choices.map((c) => c.value)).toEqual(['A_81_6_Sect.16', 'A_81_6_Sect.24']);
    // before: "Proposed programme budget for 2027: Part IV International cooperation for development: Section 16…"
    expect(choices[0]!.name).toMatch(/^Proposed programme budget for 2027: Part IV .*… — A_81_6_Sect\.16 \(\d+\)$/);
    expect(choices[1]!.name).toMatch(/^Proposed programme budget for 2027: Part VI .*… — A_81_6_Sect\.24 \(\d+\)$/);
    for (const c of choices) expect(c.name.length).toBeLessThanOrEqual(100);
  });

  it('a short title is shown whole', () => {
    expect(offered('document', 'COL_66')[0]!.name).toMatch(/^Colombia — General Debate, 66th session \(2011\) — 2011\/COL_66_2011 \(\d+\)$/);
  });
});
