/**
 * Metadata that disagrees is reported, never settled silently: front matter against a sidecar, a
 * sidecar against the manifest, a second sidecar under another name, a manifest row for a missing
 * file, a file listed twice in a manifest. The document is still indexed (first source wins).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadLibrary } from '../../src/ingest/load-library.ts';
import type { IngestReport, LibraryDocument } from '../../src/types.ts';

let root: string;
let documents: LibraryDocument[];
let report: IngestReport;

beforeAll(async () => {
  root = mkdtempSync(path.join(tmpdir(), 'verbatim-meta-'));
  const w = (rel: string, text: string) => {
    mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    writeFileSync(path.join(root, rel), text);
  };
  w('notes/briefing.md', '---\ntitle: Briefing on precursors\ndate: 2021-10-19\n---\nThe Commission discussed precursor control.\n');
  w('notes/briefing.md.meta.json', JSON.stringify({ title: 'Another title', date: '2021-10-19', organisation: 'UNODC' }));
  w('speeches/COL.txt', 'Colombia reaffirms its commitment to peace.\n');
  w('speeches/COL.txt.meta.json', JSON.stringify({ speaker: 'Iván Duque Márquez' }));
  w('speeches/COL.meta.json', JSON.stringify({ speaker: 'Someone Else' }));
  w('speeches/manifest.csv', 'file,speaker,country,session\nCOL.txt,Gustavo Petro,COL,76\nGHOST.txt,Nobody,XXX,76\nCOL.txt,Again,COL,76\n');
  ({ documents, report } = await loadLibrary(root));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('conflicting metadata', () => {
  it('indexes each document with the first source that sets a field (front matter > sidecar > manifest)', () => {
    const byId = new Map(documents.map((d) => [d.id, d.meta]));
    expect(byId.get('notes/briefing')).toMatchObject({ title: 'Briefing on precursors', organisation: 'UNODC' });
    expect(byId.get('speeches/COL')).toMatchObject({ speaker: 'Iván Duque Márquez', country: 'COL', session: '76' });
    expect(report.skipped).toEqual([]);
  });

  it('reports every disagreement and every orphan, with path (and line) and both values', () => {
    expect(report.warnings).toEqual(
      expect.arrayContaining([
        {
          path: 'notes/briefing.md',
          reason:
            'title: front matter says "Briefing on precursors", sidecar briefing.md.meta.json says "Another title"; using "Briefing on precursors"',
        },
        {
          path: 'speeches/COL.txt',
          reason:
            'speaker: sidecar COL.txt.meta.json says "Iván Duque Márquez", manifest.csv line 2 says "Gustavo Petro"; using "Iván Duque Márquez"',
        },
        { path: 'speeches/COL.meta.json', reason: 'sidecar for a file that does not exist (speeches/COL)' },
        { path: 'speeches/manifest.csv', line: 3, reason: 'manifest row for a file that does not exist (GHOST.txt)' },
        { path: 'speeches/manifest.csv', line: 4, reason: 'manifest row for "COL.txt" repeats line 2; row ignored' },
      ]),
    );
    // agreeing values (the date) are not reported
    expect(report.warnings.filter((w) => w.reason.startsWith('date:'))).toEqual([]);
  });
});
