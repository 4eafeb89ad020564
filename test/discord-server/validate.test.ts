import { describe, expect, it } from 'vitest';
import { encodeOptions } from './interactions.ts';
import { checkAutocomplete, checkMessage, checkModal } from './validate.ts';

const row = (n: number, prefix = 'b'): object => ({
  type: 1,
  components: Array.from({ length: n }, (_, i) => ({ type: 2, style: 1, label: `L${i}`, custom_id: `${prefix}${i}` })),
});
const rules = (breaches: { path: string; rule: string }[]): string[] => breaches.map((b) => `${b.path}:${b.rule}`);

describe('checkMessage: Discord message limits', () => {
  it.each([
    ['content at 2000 is fine', { content: 'a'.repeat(2000) }, []],
    ['content over 2000', { content: 'a'.repeat(2001) }, ['content:max-length']],
    ['11 embeds', { embeds: Array.from({ length: 11 }, () => ({ description: 'x' })) }, ['embeds:max-items']],
    ['embed title 257', { embeds: [{ title: 't'.repeat(257) }] }, ['embeds.0.title:max-length']],
    ['description 4097', { embeds: [{ description: 'd'.repeat(4097) }] }, ['embeds.0.description:max-length']],
    ['field value 1025', { embeds: [{ fields: [{ name: 'n', value: 'v'.repeat(1025) }] }] }, ['embeds.0.fields.0.value:max-length']],
    ['empty field value', { embeds: [{ fields: [{ name: 'n', value: '' }] }] }, ['embeds.0.fields.0.value:required']],
    ['26 fields', { embeds: [{ fields: Array.from({ length: 26 }, () => ({ name: 'n', value: 'v' })) }] }, ['embeds.0.fields:max-items']],
    ['footer 2049', { embeds: [{ footer: { text: 'f'.repeat(2049) } }] }, ['embeds.0.footer.text:max-length']],
    ['6001 embed chars over two embeds', { embeds: [{ description: 'd'.repeat(4000) }, { description: 'd'.repeat(2001) }] }, ['embeds:max-total']],
    [
      '6 rows',
      { content: 'x', components: [row(1, 'a'), row(1, 'b'), row(1, 'c'), row(1, 'd'), row(1, 'e'), row(1, 'f')] },
      ['components:max-items'],
    ],
    ['6 buttons in a row', { content: 'x', components: [row(6)] }, ['components.0.components:max-items']],
    [
      'custom_id 101',
      { content: 'x', components: [{ type: 1, components: [{ type: 2, style: 1, label: 'x', custom_id: 'c'.repeat(101) }] }] },
      ['components.0.components.0.custom_id:max-length'],
    ],
    ['duplicate custom_id', { content: 'x', components: [row(1), row(1)] }, ['components.1.components.0.custom_id:duplicate']],
    [
      '26 select options',
      {
        content: 'x',
        components: [
          { type: 1, components: [{ type: 3, custom_id: 's', options: Array.from({ length: 26 }, (_, i) => ({ label: `${i}`, value: `${i}` })) }] },
        ],
      },
      ['components.0.components.0.options:max-items'],
    ],
    ['empty message', {}, [':empty-message']],
    [
      'link button with custom_id',
      { content: 'x', components: [{ type: 1, components: [{ type: 2, style: 5, label: 'go', url: 'https://un.org', custom_id: 'x' }] }] },
      ['components.0.components.0.custom_id:forbidden'],
    ],
  ])('%s', (_name, body, expected) => {
    expect(rules(checkMessage(body))).toEqual(expected);
  });

  it('an edit may leave everything out', () => {
    expect(checkMessage({ components: [] }, { edit: true })).toEqual([]);
  });
});

describe('autocomplete and modal limits', () => {
  it('26 choices or a 101-char name is refused', () => {
    const choices = Array.from({ length: 26 }, (_, i) => ({ name: `c${i}`, value: `${i}` }));
    expect(rules(checkAutocomplete({ choices }))).toEqual(['choices:max-items']);
    expect(rules(checkAutocomplete({ choices: [{ name: 'n'.repeat(101), value: 'v' }] }))).toEqual(['choices.0.name:max-length']);
    expect(checkAutocomplete({ choices: [] })).toEqual([]);
  });

  it('a modal needs a short title and at most 5 rows', () => {
    const input = (id: string): object => ({ type: 1, components: [{ type: 4, custom_id: id, label: 'Note', style: 1 }] });
    expect(checkModal({ title: 'Share', custom_id: 'm', components: [input('a')] })).toEqual([]);
    expect(rules(checkModal({ title: 't'.repeat(46), custom_id: 'm', components: ['a', 'b', 'c', 'd', 'e', 'f'].map(input) }))).toEqual([
      'title:max-length',
      'components:max-items',
    ]);
  });
});

describe('encodeOptions: what a Discord client sends', () => {
  it('infers types without definitions: string 3, integer 4, number 10, boolean 5, subcommand 1', () => {
    const { options } = encodeOptions({ q: 'x', year: 2019, score: 0.5, all: true, list: { filter: 'cnd' } }, undefined);
    expect(options.map((o) => [o['name'], o['type']])).toEqual([
      ['q', 3],
      ['year', 4],
      ['score', 10],
      ['all', 5],
      ['list', 1],
    ]);
    expect(options[4]?.['options']).toEqual([{ type: 3, name: 'filter', value: 'cnd' }]);
  });

  it('marks the focused option and sends its text as typed', () => {
    const defs = [{ type: 4, name: 'session', autocomplete: true }];
    expect(encodeOptions({ session: '7' }, defs, 'session').options).toEqual([{ type: 4, name: 'session', value: '7', focused: true }]);
  });

  it('collects user ids for resolved data and enforces fixed choices', () => {
    const defs = [
      { type: 6, name: 'who' },
      { type: 3, name: 'kind', choices: [{ name: 'Report', value: 'report' }] },
    ];
    expect(encodeOptions({ who: '42' }, defs).refs.users).toEqual(['42']);
    expect(() => encodeOptions({ kind: 'speech' }, defs)).toThrow(/fixed choices/);
  });
});
