/**
 * Warm-up: before the bot serves, run what members will ask through the commands themselves
 * (searches with phrases, exclusions and filters, paging, a search with no hits, autocomplete,
 * context, /sources, /about) and render the replies. The first answers after a start are then as
 * fast as later ones: code paths compiled, lazily built index structures and the passage text in
 * the page cache. The queries come from what the library holds (its own countries and speakers).
 */
import { StateStore } from '../src/render/custom-id.ts';
import { renderChoices, renderReply } from '../src/render/discord.ts';
import type { Reply } from '../src/render/models.ts';
import type { SearchEngine } from '../src/types.ts';
import type { CommandContext, SlashCommand } from '../src/command.ts';
import type { LibraryHandle } from '../src/library/handle.ts';

const QUERIES = [
  'climate change',
  'nuclear disarmament',
  '"human rights"',
  'peace security -war',
  'sustainable development goals',
  'refugees migration',
  'terrorism',
  'debt relief',
  'drug trafficking',
  'water',
];

export interface WarmUpSummary {
  /** Commands run (each rendered). */
  runs: number;
  ms: number;
}

/** Runs the warm-up on `engine`; a command that fails is skipped (the warm-up never stops the bot). */
export async function warmUp(engine: SearchEngine, commands: readonly SlashCommand[], rounds = 2): Promise<WarmUpSummary> {
  const started = performance.now();
  const byName = new Map(commands.map((c) => [c.data.name, c]));
  const library: LibraryHandle = {
    state: () => ({ status: 'ready', engine }),
    reload: () => Promise.reject(new Error('no reload during warm-up')),
  };
  const ctx: CommandContext = { engine, library, store: new StateStore(), version: 'warm-up', note: () => undefined };
  const user = { id: '0', name: 'warm-up', canManageGuild: false };
  let runs = 0;
  const attempt = async (work: () => Reply | Promise<Reply>): Promise<Reply | undefined> => {
    // a macrotask between steps: interactions arriving meanwhile get their "loading" answer in time
    await new Promise((resolve) => setImmediate(resolve));
    try {
      const reply = await work();
      renderReply(reply, 'new');
      runs++;
      return reply;
    } catch {
      return undefined;
    }
  };
  const country = engine.facet('country', '', 1)[0]?.value;
  const speaker = engine.facet('speaker', '', 1)[0]?.value;
  const search = byName.get('search');
  for (let round = 0; round < rounds; round++) {
    if (search) {
      for (const query of QUERIES) await attempt(() => search.run({ options: { query }, user }, ctx));
      if (country) await attempt(() => search.run({ options: { query: 'development', country }, user }, ctx));
      if (speaker) await attempt(() => search.run({ options: { query: 'peace', speaker }, user }, ctx));
      await attempt(() => search.run({ options: { query: 'cooperation', from: '2000', to: '2020' }, user }, ctx));
      await attempt(() => search.run({ options: { query: 'zqxjv wrdlbrmpft' }, user }, ctx));
      for (const option of ['country', 'speaker', 'session', 'document']) {
        try {
          renderChoices((await search.autocomplete?.({ option, value: round ? 'a' : '', options: {} }, ctx)) ?? []);
        } catch {
          // skipped like a failing command
        }
      }
      const first = (await engine.search('security council', { limit: 1 })).hits[0];
      if (first && search.component) {
        const component = search.component;
        await attempt(() => component.run({ id: 'search:context', values: [first.id], user }, ctx));
        await attempt(() => component.run({ id: 'search:share', values: [first.id], user }, ctx));
      }
    }
    for (const name of ['about', 'sources']) {
      const command = byName.get(name);
      if (command) await attempt(() => command.run({ options: {}, user }, ctx));
    }
    const related = commands.find((c) => c.data.type === 3);
    if (related)
      await attempt(() => related.run({ options: {}, user, targetMessage: 'What did delegations say about climate finance and adaptation?' }, ctx));
  }
  return { runs, ms: Math.round(performance.now() - started) };
}
