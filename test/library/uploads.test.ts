import { mkdtempSync, readdirSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { UploadError, checkUploadName, findSameContent, storeUpload, trashUpload } from '../../src/library/uploads.ts';

const by = { id: '1', name: 'ana' };

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
