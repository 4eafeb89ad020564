import { mkdtempSync, readdirSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { UploadError, checkUploadMeta, checkUploadName, findSameContent, storeUpload, trashUpload, uploadTitle } from '../../src/library/uploads.ts';

const by = { id: '1', name: 'ana' };

describe('checkUploadMeta: the values /library add stores are ones the library and searches read (QA22 F3)', () => {
  it.each([
    [{ date: '2021' }, { date: '2021' }],
    [{ date: '2021-10-19/2021-10-22' }, { date: '2021-10-19/2021-10-22' }],
    [
      { country: 'COL', title: 'Any title', speaker: 'Anyone' },
      { country: 'COL', title: 'Any title', speaker: 'Anyone' },
    ],
    [{ country: 'Korea, Republic of' }, { country: 'Korea, Republic of' }],
    [{ session: '76th' }, { session: '76' }],
    [{ session: '76th session' }, { session: '76' }],
    [{ session: 'es-10' }, { session: 'ES-10' }],
    [{ session: 'resumed cnd' }, { session: 'Resumed CND' }],
  ])('%j is stored as %j', (given, stored) => {
    expect(checkUploadMeta(given, ['76', 'Resumed CND'])).toEqual(stored);
  });

  it.each([
    [{ date: 'yesterday' }, /^Nothing was added: the date “yesterday” is not a date: write 2021, 2021-10 or 2021-10-19\./],
    [{ date: '2021-02-30' }, /the date “2021-02-30” is not a date/],
    [{ country: 'Narnia' }, /the country “Narnia” is not a country searches know: use a country name \(Colombia\) or an ISO code \(COL\)\./],
    [{ session: 'abc' }, /the session “abc” is not a session: write a session number \(76\) or a special session \(ES-10, S-27\)\./],
    [{ session: '70-76' }, /the session “70-76” is not a session/],
  ])('%j is refused', (given, message) => {
    expect(() => checkUploadMeta(given)).toThrow(UploadError);
    expect(() => checkUploadMeta(given)).toThrow(message);
  });
});

describe('uploadTitle: a text upload sent without title: is titled as a reader would (QA22 F8.2)', () => {
  it.each([
    [
      'atlantis.txt',
      'Statement by the delegation of Atlantis at the Commission\n\nMr. Chair, …\n',
      'Statement by the delegation of Atlantis at the Commission',
    ],
    ['a.txt', '\r\n  Remarks on   ocean finance \r\n\r\nThank you.', 'Remarks on ocean finance'],
    // a sentence, a hard-wrapped paragraph's first line, or an over-long line is no title
    ['uploads/2026/meta.txt', 'Another statement on quixotic matters of fisheries subsidies.\n', 'meta'],
    ['wrapped.txt', 'The representative of Colombia said that the\nprogramme had been a success.\n', 'wrapped'],
    ['long.txt', `${'word '.repeat(40)}\n\nmore`, 'long'],
    ['Mr President.txt', 'Mr. President,\n\nI speak for Fiji.', 'Mr President'],
    ['notes.md', 'Notes from the Commission\n\nText.', 'Notes from the Commission'],
    ['headed.md', '# Remarks at the Commission\n\nText.', undefined],
    ['front.md', '---\ntitle: Given\n---\nText.', undefined],
    ['A_RES_55_2.pdf', '%PDF-1.4', undefined],
  ])('%s (%j) → %s', (name, text, title) => {
    expect(uploadTitle(name, Buffer.from(text))).toBe(title);
  });
});

describe('checkUploadName', () => {
  it.each([
    ['report.pdf', true],
    ['Statement (final) 2021.docx', true],
    ['page.HTML', true],
    ['notes.md', true],
    ['../report.pdf', false],
    ['a/b.txt', false],
    ['a\\b.txt', false],
    ['..', false],
    ['.hidden.txt', false],
    ['tab\there.txt', false],
    ['x.txt.meta.json', false],
    ['data.json', false],
    ['noextension', false],
    [`${'x'.repeat(81)}.txt`, false],
  ])('%j → %s', (name, ok) => {
    if (ok) expect(checkUploadName(name)).toBe(name);
    else expect(() => checkUploadName(name)).toThrow(UploadError);
  });
});

describe('storeUpload', () => {
  it('picks a free name when the name is taken, and finds the same content later', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'verbatim-store-'));
    const now = new Date('2026-03-01T10:00:00Z');
    const a = await storeUpload({ root, name: 'note.txt', bytes: Buffer.from('first text, long enough'), meta: { title: 'A' }, addedBy: by, now });
    const b = await storeUpload({ root, name: 'note.txt', bytes: Buffer.from('second text, long enough'), meta: {}, addedBy: by, now });
    expect([a.path, b.path]).toEqual(['uploads/2026/note.txt', 'uploads/2026/note-2.txt']);
    expect(await findSameContent(root, Buffer.from('second text, long enough'))).toBe('uploads/2026/note-2.txt');
    expect(await findSameContent(root, Buffer.from('third text'))).toBeUndefined();
  });

  it('writes nothing when the store fails (here: uploads is a file, not a folder)', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'verbatim-store-'));
    writeFileSync(path.join(root, 'uploads'), 'in the way');
    await expect(storeUpload({ root, name: 'note.txt', bytes: Buffer.from('text'), meta: {}, addedBy: by })).rejects.toThrow(
      /could not be stored .*nothing was added/,
    );
    expect(readdirSync(root)).toEqual(['uploads']);
  });

  it('moves only uploads to the trash, with their sidecar', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'verbatim-store-'));
    mkdirSync(path.join(root, '2021'));
    writeFileSync(path.join(root, '2021', 'COL.txt'), 'a statement');
    await expect(trashUpload(root, '2021/COL.txt')).rejects.toThrow(/Only documents added with \/library add/);
    await expect(trashUpload(root, 'uploads/../2021/COL.txt')).rejects.toThrow(UploadError);
    const r = await storeUpload({ root, name: 'x.md', bytes: Buffer.from('# x\n\ntext'), meta: {}, addedBy: by, now: new Date('2026-01-01') });
    const moved = await trashUpload(root, r.path, new Date('2026-01-02T00:00:00Z'));
    expect(moved).toBe('.trash/2026-01-02T00-00-00-000Z/uploads/2026/x.md');
    expect(readdirSync(path.join(root, '.trash/2026-01-02T00-00-00-000Z/uploads/2026')).sort()).toEqual(['x.md', 'x.md.meta.json']);
  });
});
