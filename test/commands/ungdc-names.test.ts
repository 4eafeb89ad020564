/**
 * Documents and speakers named the way members copy them (issue 11, items 10-11): a title exactly as
 * /sources lists it (UNGDC titles hold " — " and a comma), a part of an id, words in any order.
 * Real engine over the UNGDC fixture library (test/fixtures/ungdc).
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import search from '../../commands/search.ts';
import source from '../../commands/source.ts';
import type { CommandContext, Invoker } from '../../src/command.ts';
import { openLibrary } from '../../src/library/open.ts';
import { StateStore } from '../../src/render/custom-id.ts';
import { renderReply } from '../../src/render/discord.ts';
import type { SearchEngine } from '../../src/types.ts';

const UNGDC = path.resolve(import.meta.dirname, '../fixtures/ungdc');
const alice: Invoker = { id: '111111111111111111', name: 'alice', canManageGuild: false };
let engine: SearchEngine;
let ctx: CommandContext;

beforeAll(async () => {
  const lib = await openLibrary({ dataDir: UNGDC, cachePath: path.join(mkdtempSync(path.join(tmpdir(), 'verbatim-names-')), 'index.json') });
  engine = lib.engine;
  ctx = {
    engine,
    library: {
      state: () => ({ status: 'ready', engine }),
      reload: async () => {
        throw new Error('no reload');
      },
    } as never,
    store: new StateStore(),
    version: '0.1.0',
    note: () => undefined,
  };
});

const TITLE = 'Colombia — General Debate, 66th session (2011)';

describe('a document named by its title as /sources lists it', () => {
  it('/source finds it', async () => {
    expect(engine.facet('document', '', 25).map((f) => f.label)).toContain(TITLE);
    const p = renderReply(await source.run({ options: { document: TITLE }, user: alice }, ctx));
    const fields = Object.fromEntries(p.embeds[0]!.fields!.map((f) => [f.name, f.value]));
    expect(fields['Speaker']).toMatch(/Santos/);
  });

  it('/search document: filters to it (the comma in the title does not split it), and can leave it out', async () => {
    const only = renderReply(await search.run({ options: { query: 'peace', document: TITLE }, user: alice }, ctx));
    expect(only.embeds[0]!.title).toMatch(/for “peace”/);
    const cited = only.embeds[0]!.fields!.flatMap((f) => f.value.split('\n').filter((l) => l.startsWith('— ')));
    expect(cited.length).toBeGreaterThan(0);
    for (const line of cited) expect(line).toContain('Colombia · UN General Assembly, General Debate · 66th session');
    const all = engine.search('peace', { limit: 1 });
    const without = engine.search('peace', { limit: 1, filters: { document: '-2011/COL_66_2011' } as never });
    const notThis = renderReply(await search.run({ options: { query: 'peace', document: `-${TITLE}` }, user: alice }, ctx));
    expect(notThis.embeds[0]!.title).toContain(`of ${(await without).total} for`);
    expect((await without).total).toBeLessThan((await all).total);
  });

  it('an autocomplete choice name sent as text resolves too', async () => {
    const choice = source.autocomplete!({ option: 'document', value: 'Colombia — General Debate, 66th', options: {}, user: alice }, ctx) as {
      name: string;
      value: string;
    }[];
    expect(choice[0]?.value).toBe('2011/COL_66_2011');
    const p = renderReply(await source.run({ options: { document: choice[0]!.name }, user: alice }, ctx));
    expect(p.embeds[0]!.title).toContain('Colombia');
  });
});

describe('document autocomplete', () => {
  const values = (value: string): string[] =>
    (source.autocomplete!({ option: 'document', value, options: {}, user: alice }, ctx) as { value: string }[]).map((c) => c.value);

  it('finds "Colombia 2011" (country and year) and "COL_66" (a part of the id)', () => {
    expect(values('Colombia 2011')).toEqual(['2011/COL_66_2011']);
    expect(values('COL_66')).toEqual(['2011/COL_66_2011']);
    expect(values('colombia')).toEqual(expect.arrayContaining(['2011/COL_66_2011', '2021/COL_76_2021']));
  });
});

describe('one speaker however spelled (honorific, accents)', () => {
  let variants: SearchEngine;
  beforeAll(async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'verbatim-speakers-'));
    const text = readFileSync(path.join(UNGDC, '2011/COL_66_2011.txt'), 'utf8');
    const spellings = ['Juan Manuel Santos Calderón', 'Mr. Juan Manuel Santos Calderón', 'Juan Manuel Santos Calderon'];
    const rows = spellings.map((speaker, i) => {
      const year = 2011 + i;
      writeFileSync(path.join(dir, `COL_${66 + i}_${year}.txt`), text);
      return `COL_${66 + i}_${year}.txt,"Colombia — General Debate, ${66 + i}th session (${year})",${year},"UN General Assembly, General Debate",${66 + i},${speaker},President,COL,en,`;
    });
    writeFileSync(path.join(dir, 'manifest.csv'), ['file,title,date,meeting,session,speaker,post,country,language,url', ...rows].join('\n') + '\n');
    variants = (await openLibrary({ dataDir: dir, cachePath: path.join(dir, 'cache.json') })).engine;
  });

  it('is one facet value, counting every passage, shown without “Mr.”', () => {
    const santos = variants.facet('speaker', 'santos', 25);
    expect(santos).toHaveLength(1);
    const perFile = variants.facet('document', '', 25)[0]!.count;
    expect(santos[0]!.count).toBe(3 * perFile);
    expect(santos[0]!.label).not.toMatch(/^Mr\./);
  });

  it('any one spelling as a filter finds the passages of all three', async () => {
    const all = (await variants.search('peace', { limit: 100 })).total;
    expect(all).toBeGreaterThan(0);
    for (const speaker of ['Mr. Juan Manuel Santos Calderón', 'Juan Manuel Santos Calderon', 'juan manuel santos calderón']) {
      expect((await variants.search('peace', { limit: 100, filters: { speaker } })).total, speaker).toBe(all);
    }
  });
});
