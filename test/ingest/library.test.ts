import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeText } from '../../src/ingest/decode.ts';
import { loadFile, loadLibrary, scanLibrary } from '../../src/ingest/load-library.ts';
import type { IngestReport, LibraryDocument } from '../../src/types.ts';

const fixtures = new URL('../fixtures/ingest/', import.meta.url).pathname;
const dataDir = new URL('../../data/', import.meta.url).pathname;

let root: string;
let documents: LibraryDocument[];
let report: IngestReport;
const progress: Array<[number, number]> = [];

beforeAll(async () => {
  root = mkdtempSync(path.join(tmpdir(), 'verbatim-ingest-'));
  cpSync(path.join(fixtures, 'library'), root, { recursive: true });
  // Files that cannot be committed sensibly, or that must be bad: made here.
  writeFileSync(path.join(root, 'empty.txt'), '');
  const binary = Buffer.from(readFileSync(path.join(fixtures, 'COL_50_1995-excerpt.txt')));
  binary[100] = 0;
  writeFileSync(path.join(root, 'scan.txt'), binary);
  writeFileSync(path.join(root, 'huge.txt'), 'The Assembly adopted the resolution. '.repeat(3000));
  writeFileSync(path.join(root, '.DS_Store-to-UTF-8.txt'), 'a hidden file');
  cpSync(path.join(fixtures, 'encodings'), path.join(root, 'encodings'), { recursive: true });
  ({ documents, report } = await loadLibrary(root, { limits: { maxBytes: 100_000 }, onProgress: (d, t) => progress.push([d, t]) }));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

const doc = (id: string) => documents.find((d) => d.id === id);
const skippedReason = (p: string) => report.skipped.filter((s) => s.path === p).map((s) => s.reason);

describe('loadLibrary over a mixed folder', () => {
  it('indexes every good file and statement, in path order', () => {
    expect(documents.map((d) => d.id)).toEqual([
      'encodings/AND_53_1998-cp1252',
      'encodings/AND_53_1998-utf16',
      'notes/cnd-note',
      'speeches/COL_50_1995',
      'speeches/USA_30_1975',
      'ki-srb-2023',
      'ki-no-text',
      'ki-aut-1956',
      'ki-gbr-1954',
    ]);
    expect(report.documents).toBe(documents.length);
    expect(report.passages).toBe(documents.reduce((n, d) => n + d.passages.length, 0));
    expect(progress[progress.length - 1]).toEqual([progress.length, progress.length]);
  });

  it('reports binary, empty, oversized, unsupported and broken files with their reasons', () => {
    expect(skippedReason('empty.txt')).toEqual(['empty file']);
    expect(skippedReason('scan.txt')).toEqual(['binary file (contains NUL bytes)']);
    expect(skippedReason('huge.txt')[0]).toMatch(/^file is 0\.1 MB, over the 0\.1 MB limit$/);
    expect(skippedReason('unsupported.xyz')).toEqual(['unsupported format .xyz']);
    const broken = report.skipped.find((s) => s.path === 'notes/broken.md');
    expect(broken?.reason).toMatch(/^broken front matter/);
    // The YAML error is found between the opening "---" (line 1) and the closing one (line 4).
    expect(broken?.line).toBeGreaterThanOrEqual(2);
    expect(broken?.line).toBeLessThanOrEqual(4);
  });

  it('skips dotfiles and README.md without reporting them', () => {
    const paths = [...report.skipped, ...report.warnings].map((p) => p.path);
    expect(paths.some((p) => p.includes('README') || p.includes('.DS_Store'))).toBe(false);
    expect(documents.some((d) => d.path.includes('README'))).toBe(false);
  });

  it('skips the files describing a folder (SOURCE.md, LICENSE.txt …), as README.md: the real UN corpus folder indexes its documents only', async () => {
    const un = new URL('../fixtures/un-documents/', import.meta.url).pathname;
    const names = (await scanLibrary(un)).map((f) => f.path);
    expect(names).not.toContain('SOURCE.md');
    expect(names).toContain('A_RES_79_191.pdf');
    const dir = mkdtempSync(path.join(tmpdir(), 'verbatim-notes-'));
    try {
      for (const f of ['SOURCE.md', 'sources.txt', 'LICENSE', 'License.txt', 'CHANGELOG.md', 'statement.txt', 'source-code.txt'])
        writeFileSync(path.join(dir, f), 'The delegation spoke on the law of the sea.\n');
      expect((await scanLibrary(dir)).map((f) => f.path)).toEqual(['source-code.txt', 'statement.txt']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('keeps the good lines of a JSONL file and reports the bad one by line number', () => {
    expect(report.skipped.filter((s) => s.path === 'statements.jsonl')).toEqual([
      { path: 'statements.jsonl', line: 2, reason: expect.stringMatching(/^invalid JSON/) },
    ]);
    expect(doc('ki-gbr-1954')?.meta).toMatchObject({ country: 'GBR', countryName: 'United Kingdom', date: '1954', speaker: 'Selwyn Lloyd' });
    expect(report.skipped).toContainEqual({ path: 'statements.json', reason: 'statement has no "text" and no "title"' });
  });

  it('indexes a statement with a title and no text by its title (a title is searchable text)', () => {
    const titled = doc('ki-no-text');
    expect(titled?.meta.title).toBe('Hypersonic boundary layer transition on swept cones');
    expect(titled?.passages.map((p) => p.text)).toEqual(['Hypersonic boundary layer transition on swept cones']);
  });

  it('reads front matter: date ranges, country names, headings as section titles', () => {
    const note = doc('notes/cnd-note');
    expect(note?.meta).toMatchObject({ date: '2021-10-19', dateEnd: '2021-10-21', country: 'CIV', title: 'Note on the CND intersessional meeting' });
    expect(note?.passages.map((p) => p.sectionTitle)).toEqual(['Links between drug trafficking and organized crime', 'Cybercrime']);
    expect(note?.passages[0]?.text).toBe(
      'In the Pacific region of Colombia, coca cultivation has increased by 97.4% in the past ten years, indicating that this region is facing major changes.',
    );
  });

  it('a Markdown file opening with its only "#" heading is titled by it, not by its file name (QA19b #11)', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'verbatim-md-'));
    try {
      writeFileSync(
        path.join(dir, 'us-fentanyl.md'),
        '# Remarks at the Commission on Narcotic Drugs\n\nThe United States speaks of fentanyl.\n\n## Supply\n\nPrecursors are the key.\n',
      );
      writeFileSync(path.join(dir, 'two.md'), '# First part\n\nText one is here.\n\n# Second part\n\nText two is here.\n');
      const { documents: docs } = await loadLibrary(dir);
      const md = docs.find((d) => d.id === 'us-fentanyl')!;
      // before: no title (shown as "us-fentanyl"); the heading stays a section, so a sidecar's title
      // cannot hide its words
      expect(md.meta.title).toBe('Remarks at the Commission on Narcotic Drugs');
      expect(md.passages.map((p) => p.sectionTitle)).toEqual(['Remarks at the Commission on Narcotic Drugs', 'Supply']);
      // with more than one "#" heading, they are sections, as before
      const two = docs.find((d) => d.id === 'two')!;
      expect(two.meta.title).toBeUndefined();
      expect(two.passages.map((p) => p.sectionTitle)).toEqual(['First part', 'Second part']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('merges sidecar over manifest, and warns about the disagreement naming both', () => {
    const col = doc('speeches/COL_50_1995');
    expect(col?.meta).toMatchObject({ speaker: 'Ernesto Samper Pizano', post: 'President', country: 'COL', session: '50', date: '1995' });
    const conflict = report.warnings.find((w) => w.path === 'speeches/COL_50_1995.txt' && w.reason.startsWith('speaker:'));
    expect(conflict?.reason).toContain('sidecar COL_50_1995.txt.meta.json says "Ernesto Samper Pizano"');
    expect(conflict?.reason).toContain('manifest.csv line 2 says "Rodrigo Pardo García-Peña"');
  });

  it('reports bad manifest rows, rows for missing files, unknown countries and bad urls by line', () => {
    const manifest = report.warnings.filter((w) => w.path === 'speeches/manifest.csv');
    expect(manifest).toContainEqual({ path: 'speeches/manifest.csv', line: 4, reason: 'manifest row has 3 columns, the header has 12; row ignored' });
    expect(manifest).toContainEqual({
      path: 'speeches/manifest.csv',
      line: 5,
      reason: 'manifest row for a file that does not exist (GHOST_99_1999.txt)',
    });
    expect(manifest.some((w) => w.line === 3 && w.reason.startsWith('url "ftp://example.org/usa"'))).toBe(true);
    expect(doc('speeches/USA_30_1975')?.meta).toMatchObject({ country: 'USA', speaker: 'Henry Kissinger' });
    expect(doc('speeches/USA_30_1975')?.meta.url).toBeUndefined();
  });

  it('decodes UTF-16 and Windows-1252 files', () => {
    const utf16 = doc('encodings/AND_53_1998-utf16')
      ?.passages.map((p) => p.text)
      .join(' ');
    expect(utf16).toContain('I am speaking in Catalan, the language of Andorra.');
    const cp1252 = doc('encodings/AND_53_1998-cp1252')
      ?.passages.map((p) => p.text)
      .join(' ');
    expect(cp1252).toContain('In Andorra, protected by the Pyrénées mountains');
    expect(cp1252).toContain('the verb “to tolerate”');
    expect(decodeText(readFileSync(path.join(fixtures, 'encodings/AND_53_1998-cp1252.txt'))).encoding).toBe('windows-1252');
  });
});

describe('the bundled sample library', () => {
  it('loads with its metadata and dated sections, and nothing skipped', async () => {
    const { documents: docs, report: r } = await loadLibrary(dataDir);
    expect(r.skipped).toEqual([]);
    expect(r.warnings).toEqual([]);
    expect(docs).toHaveLength(1);
    const [sample] = docs;
    expect(sample?.id).toBe('cnd-64-intersessional-2021-10');
    expect(sample?.meta).toMatchObject({
      date: '2021-10-19',
      dateEnd: '2021-10-21',
      session: '64',
      country: 'SRB',
      language: 'en',
      organisation: 'Office for Combating Drugs, Government of the Republic of Serbia',
    });
    const pakistan = sample?.passages.find((p) => p.text.includes('Center for Governance Research'));
    expect(pakistan).toMatchObject({ sectionDate: '2021-10-19', sectionTitle: 'Links between drug trafficking and organized crime', paragraph: 2 });
  });

  it('lists the sample and its sidecar in a scan, and reloads one file alone', async () => {
    const scan = await scanLibrary(dataDir);
    expect(scan.map((f) => [f.path, f.kind])).toEqual([
      ['cnd-64-intersessional-2021-10.txt', 'document'],
      ['cnd-64-intersessional-2021-10.txt.meta.json', 'sidecar'],
    ]);
    const one = await loadFile(dataDir, 'cnd-64-intersessional-2021-10.txt');
    expect(one.documents[0]?.meta.session).toBe('64');
    // four paragraphs; the second holds two narrated statements (Colombia's foundation, then Pakistan's CGR): five passages
    expect(one.documents[0]?.passages).toHaveLength(5);
  });
});

describe('extractors', () => {
  it('hands other formats to a registered extractor, and reports its failure as the reason', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'verbatim-ext-'));
    try {
      writeFileSync(path.join(dir, 'report.pdf'), '%PDF-1.4 stand-in');
      writeFileSync(path.join(dir, 'scan.pdf'), '%PDF-1.4 stand-in');
      const { documents: docs, report: r } = await loadLibrary(dir, {
        extractors: {
          pdf: async (_bytes, p) => {
            if (p === 'scan.pdf') throw new Error('no text layer (scanned image?)');
            return {
              meta: { title: 'CND report' },
              paragraphs: [{ text: 'About 87% of heroin was smuggled from Afghanistan through neighbouring countries.', page: 3 }],
            };
          },
        },
      });
      expect(docs.map((d) => [d.id, d.meta.title, d.passages[0]?.page])).toEqual([['report', 'CND report', 3]]);
      expect(r.skipped).toEqual([{ path: 'scan.pdf', reason: 'no text layer (scanned image?)' }]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
