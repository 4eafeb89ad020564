/**
 * Option names are checked by tsc (npm test runs it before vitest): each command's option types
 * are derived from its definition, so reading an option it does not declare does not compile.
 */
import { describe, expect, it } from 'vitest';
import { stringOption } from '../../commands/options.ts';
import follow from '../../commands/follow.ts';
import search from '../../commands/search.ts';
import sources from '../../commands/sources.ts';

describe('typed command options', () => {
  it('reads the options a command declares', () => {
    const input: Parameters<typeof search.run>[0] = {
      options: { query: ' peace ', country: 'COL' },
      user: { id: '1', name: 'a', canManageGuild: false },
    };
    expect(stringOption(input, 'query')).toBe('peace');
    expect(stringOption(input, 'country')).toBe('COL');
    expect(stringOption(input, 'year')).toBeUndefined();
  });

  it('reads the options of every subcommand', () => {
    const input: Parameters<typeof follow.run>[0] = {
      options: { timezone: 'Europe/Vienna' },
      subcommand: 'settings',
      user: { id: '1', name: 'a', canManageGuild: true },
    };
    expect(stringOption(input, 'timezone')).toBe('Europe/Vienna');
    expect(stringOption(input, 'query')).toBeUndefined();
    // @ts-expect-error /follow settings has "timezone", not "tz"
    expect(stringOption(input, 'tz')).toBeUndefined();
  });

  it('does not compile a wrong option name', () => {
    const input: Parameters<typeof sources.run>[0] = { options: { filter: 'cnd' }, user: { id: '1', name: 'a', canManageGuild: false } };
    // @ts-expect-error /sources declares "filter", not "query"
    expect(stringOption(input, 'query')).toBeUndefined();
    // @ts-expect-error /search has no option "qeury"
    expect(stringOption({ options: {} } as Parameters<typeof search.run>[0], 'qeury')).toBeUndefined();
  });
});
