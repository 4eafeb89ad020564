import { describe, expect, it } from 'vitest';
import { decodeState, encodeState, exportId, parseExportId, StateStore } from '../../src/render/custom-id.ts';
import { renderReply } from '../../src/render/discord.ts';
import { LIMITS } from '../../src/render/discord-limits.ts';

describe('files on a reply', () => {
  it('become discord.js attachment payloads with safe names and alt text within the limit', () => {
    const p = renderReply({
      visibility: 'ephemeral',
      files: [{ name: 'trend «peace».png', data: new Uint8Array([1, 2, 3]), description: 'x'.repeat(2000) }],
    });
    expect(p.files).toHaveLength(1);
    expect(p.files![0]!.name).toBe('trend_peace_.png');
    expect([...p.files![0]!.attachment]).toEqual([1, 2, 3]);
    expect(p.files![0]!.description!.length).toBeLessThanOrEqual(LIMITS.attachmentDescription);
    // a message with only a file needs no placeholder text
    expect(p.content).toBeUndefined();
  });

  it('refuses more than Discord takes (a bug in the command, not something to send)', () => {
    const big = { name: 'a.csv', data: new Uint8Array(LIMITS.attachmentBytes + 1) };
    expect(() => renderReply({ visibility: 'ephemeral', files: [big] })).toThrow(/bytes/);
    const many = Array.from({ length: 11 }, (_, i) => ({ name: `${i}.csv`, data: new Uint8Array(1) }));
    expect(() => renderReply({ visibility: 'ephemeral', files: many })).toThrow(/files/);
  });
});

describe('search state in custom ids', () => {
  it.each([
    [{ query: 'peace', filters: {} }],
    [{ query: 'peace', filters: { country: 'COL' }, sort: 'newest' as const }],
    [{ query: 'a|b#c%', filters: { year: '2021' }, sort: 'oldest' as const }],
  ])('%j survives encoding', (state) => expect(decodeState(encodeState(state))).toEqual(state));

  it('an export id holds the state, long ones in the store', () => {
    const store = new StateStore();
    const long = { query: 'x'.repeat(300), filters: {}, sort: 'newest' as const };
    const id = exportId(long, store);
    expect(id.length).toBeLessThanOrEqual(LIMITS.customId);
    expect(parseExportId(id, store)).toEqual(long);
    expect(() => parseExportId(id, new StateStore())).toThrow(/no longer/);
  });
});
