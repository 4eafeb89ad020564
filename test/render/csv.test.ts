import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { CSV_COLUMNS, csvCell, exportFileName, hitsCsv } from '../../src/render/csv.ts';
import type { Hit } from '../../src/types.ts';

const hit = (over: Partial<Hit> = {}): Hit => ({
  id: 'p1',
  score: 12.5,
  excerpt: { text: '…the “Colombian New Deal”, with 97.4%…', marks: [] },
  text: 'Line one, with "quotes".\nLine two — Fundación.',
  source: { document: 'COL_76_2021', country: 'COL', countryName: 'Colombia', paragraph: 3, date: '2021', url: 'https://example.org/col' },
  ...over,
});

describe('csvCell', () => {
  it.each([
    ['plain', 'plain'],
    ['a, b', '"a, b"'],
    ['say "no"', '"say ""no"""'],
    ['two\nlines', '"two\nlines"'],
    ['=SUM(A1)', "'=SUM(A1)"],
    ['+1 555', "'+1 555"],
    ['@cmd', "'@cmd"],
    ['-cmd|x', "'-cmd|x"],
    ['- a list item', '- a list item'],
    ['-3.5', '-3.5'],
    [7, '7'],
    [undefined, ''],
  ])('%j → %j', (input, out) => expect(csvCell(input)).toBe(out));
});

describe('hitsCsv', () => {
  it('starts with a BOM, has a header, one row per hit with every source field, and reads back', () => {
    const csv = hitsCsv([hit(), hit({ id: 'p2', score: 3, source: { document: 'X', paragraph: 1 } })], 11);
    expect(csv.startsWith('\uFEFFrank,score,passage,excerpt,text,document,')).toBe(true);
    expect(csv.endsWith('\r\n')).toBe(true);
    const rows = parse(csv.slice(1), { columns: true }) as Record<string, string>[];
    expect(Object.keys(rows[0]!)).toEqual([...CSV_COLUMNS]);
    expect(rows.map((r) => r['rank'])).toEqual(['11', '12']);
    expect(rows[0]!['text']).toBe(hit().text);
    expect(rows[0]!['excerpt']).toBe(hit().excerpt.text);
    expect(rows[0]!['countryName']).toBe('Colombia');
    expect(rows[0]!['link']).toMatch(/^https:\/\/example\.org\/col#:~:text=/);
    expect(rows[1]!['country']).toBe('');
    expect(rows[1]!['link']).toBe('');
  });
});

describe('exportFileName', () => {
  it.each([
    ['development', 'verbatim-development.csv'],
    ['"human rights" -Syria country:COL', 'verbatim-human-rights-syria-country-col.csv'],
    // letters of any script stay (they were dropped: 'verbatim.csv'); Latin accents go (it was 'fundacio-n')
    ['развитие', 'verbatim-развитие.csv'],
    ['trend لبنان country', 'verbatim-trend-لبنان-country.csv'],
    ['经济 发展', 'verbatim-经济-发展.csv'],
    ['Fundación país', 'verbatim-fundacion-pais.csv'],
    ['../../etc/passwd', 'verbatim-etc-passwd.csv'],
    ['🔥 “” ?', 'verbatim.csv'],
  ])('%j → %j', (q, name) => expect(exportFileName(q)).toBe(name));
});
