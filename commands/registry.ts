/** The registry: the router builds its map from this list and the deploy script sends `commands.map(c => c.data)`. */
import about from './about.ts';
import follow from './follow.ts';
import library from './library.ts';
import compare from './compare.ts';
import quote from './quote.ts';
import reindex from './reindex.ts';
import saved from './saved.ts';
import related from './related.ts';
import search from './search.ts';
import source from './source.ts';
import sources from './sources.ts';
import trend from './trend.ts';
import type { SlashCommand } from '../src/command.ts';

export const commands: readonly SlashCommand[] = [search, quote, sources, source, about, reindex, related, follow, saved, library, trend, compare];
