/**
 * The layout pass on pages laid out like current UN records, item by item as pdf.js gives them
 * (one item per line of a column, 10 pt type, columns 12 pt apart), each reproducing a failure
 * reported in issue 9 with its own words.
 */
import { describe, expect, it } from 'vitest';
import { layoutPages, mendArabicMarks, type PageInput, type PageItem } from '../../../src/ingest/formats/layout.ts';
import { joinHyphenated, vocabulary } from '../../../src/ingest/formats/line-joins.ts';

const LEFT = 60;
const RIGHT = 312;
const WIDTH = 240;
const TOP = 720;
const LEAD = 12.5;

const item = (text: string, x: number, y: number, size = 10, width?: number): PageItem => ({
  text,
  x,
  y,
  size,
  right: x + (width ?? Math.min(WIDTH, text.length * size * 0.45)),
});

/** A column's lines: full lines are justified to the column width, the last of a paragraph is short. */
function column(x: number, lines: string[], from = TOP): PageItem[] {
  let y = from;
  const out: PageItem[] = [];
  for (const l of lines) {
    if (l === '') {
      y -= LEAD * 0.6; // paragraph space
      continue;
    }
    const last = l.endsWith('¶');
    const text = last ? l.slice(0, -1) : l;
    out.push(item(text, x + (l.startsWith('  ') ? 18 : 0), y, 10, last ? text.length * 4.5 : WIDTH - (l.startsWith('  ') ? 18 : 0)));
    y -= LEAD;
  }
  return out;
}

const filler = (n: number, words: string) => Array.from({ length: n }, (_, i) => `${words} line ${i + 1} of the statement goes on`);

function record(): PageInput[] {
  const page = (items: PageItem[]): PageInput => ({ items, width: 612, height: 792 });
  const p1 = page([
    item('United Nations', 128, 750, 14),
    item('A/76/PV.102', 480, 750, 14),
    item('General Assembly', 128, 732, 18),
    ...column(LEFT, [...filler(12, 'Opening'), 'of the meeting.¶'], 700),
    ...column(RIGHT, [...filler(12, 'Agenda'), 'of the item.¶'], 700),
    item('V.22-00123 (E) 140122 150122', LEFT, 60, 8),
    item('*2200123*', 460, 60, 10),
  ]);
  const p2 = page([
    item('16/31', LEFT, 760, 8),
    item('22-58466', 280, 760, 8),
    item('08/09/2022', 500, 760, 8),
    ...column(LEFT, [
      '  The President: The General Assembly will now',
      'take a decision on draft resolution A/76/L.86, entitled',
      '“Strengthening of the coordination of emergency',
      'humanitarian assistance”.¶',
      '',
      ...filler(10, 'Further'),
      'and the employment-generation programmes were',
      'discussed.¶',
    ]),
    ...column(RIGHT, [
      '  The President: Before we proceed to other items,',
      'it is my sad duty to pay tribute to the memory of the',
      'late former President of the Assembly.¶',
      '',
      ...filler(9, 'Tribute'),
      '  Such attacks are against the principles of the Charter',
      'and aim to divide us and thereby undermine',
    ]),
    item('This record is subject to correction.', 230, 70, 8),
  ]);
  const p3 = page([
    item('08/09/2022', LEFT, 760, 8),
    item('22-58466', 280, 760, 8),
    item('17/31', 530, 760, 8),
    ...column(LEFT, [
      'international peace and stability in the region and',
      'beyond.¶',
      '',
      '  Member States should include vig-',
      'orous and urgent multilateral actions',
      'to end the crisis, which also needs employment-',
      'generation in the region and more.¶',
      '',
      ...filler(9, 'Third'),
    ]),
    // the footnote mark after "actions", small and raised
    item('2', LEFT + 160, TOP - 4 * LEAD * 1 - LEAD * 0.6 - LEAD + 3.5, 6, 3),
    ...column(RIGHT, [...filler(14, 'Right')]),
    item('2', LEFT, 92, 6, 3),
    item('See A/76/L.86, para. 4.', LEFT + 6, 89, 8),
  ]);
  const p4 = page([
    item('18/31', LEFT, 760, 8),
    item('22-58466', 280, 760, 8),
    item('08/09/2022', 500, 760, 8),
    ...column(LEFT, [...filler(6, 'Before'), 'the figures below.¶'], TOP),
    item('2019', 170, TOP - 8 * LEAD, 10, 20),
    item('2020', 220, TOP - 8 * LEAD, 10, 20),
    item('2021', 270, TOP - 8 * LEAD, 10, 20),
    item('Climate finance (billion euros)', LEFT, TOP - 9 * LEAD, 10, 95),
    item('5.1', 175, TOP - 9 * LEAD, 10, 12),
    item('5.9', 225, TOP - 9 * LEAD, 10, 12),
    item('6.0', 275, TOP - 9 * LEAD, 10, 12),
    item('COVAX doses shared (million)', LEFT, TOP - 10 * LEAD, 10, 90),
    item('–', 178, TOP - 10 * LEAD, 10, 5),
    item('–', 228, TOP - 10 * LEAD, 10, 5),
    item('60', 276, TOP - 10 * LEAD, 10, 10),
    ...column(LEFT, ['  And it is in danger when the routes shift faster', 'than our cooperation does.¶'], TOP - 12 * LEAD),
    ...column(RIGHT, [...filler(14, 'Fourth')]),
  ]);
  return [p1, p2, p3, p4];
}

describe('layoutPages on a two-column record', () => {
  const { paragraphs } = layoutPages(record());
  const texts = paragraphs.map((p) => p.text);
  const all = texts.join('\n');

  it('reads each column apart: the two Presidents’ lines on one baseline are not merged', () => {
    expect(texts).toContain(
      'The President: The General Assembly will now take a decision on draft resolution A/76/L.86, entitled “Strengthening of the coordination of emergency humanitarian assistance”.',
    );
    expect(texts.some((t) => t.startsWith('The President: Before we proceed to other items, it is my sad duty'))).toBe(true);
    expect(all).not.toContain('will now The President');
  });

  it('drops running headers and footers that alternate sides, and first-page job numbers and barcodes', () => {
    expect(all).not.toMatch(/\d+\/31|22-58466|08\/09\/2022|V\.22-00123|140122|\*2200123\*/);
  });

  it('keeps a sentence cut by a page break and a correction notice in one passage, with both pages', () => {
    const p = paragraphs.find((q) => q.text.includes('and thereby undermine international peace and stability in the region and beyond.'));
    expect(p).toMatchObject({ page: 2, pageEnd: 3 });
    expect(all).not.toContain('This record is subject to correction');
  });

  it('takes the footnote mark out of the sentence and gives the footnote its own paragraph', () => {
    expect(all).toContain('Member States should include vigorous and urgent multilateral actions to end the crisis');
    expect(paragraphs).toContainEqual({ text: 'See A/76/L.86, para. 4.', page: 3, kind: 'footnote', mark: '2' });
    expect(all).not.toMatch(/actions 2|^2 /m);
  });

  it('joins soft hyphens but keeps a compound the document writes with its hyphen', () => {
    expect(all).toContain('which also needs employment-generation in the region');
  });

  it('reads a table as rows of cells, apart from the prose after it', () => {
    expect(paragraphs).toContainEqual({
      text: '2019 · 2020 · 2021 | Climate finance (billion euros) · 5.1 · 5.9 · 6.0 | COVAX doses shared (million) · – · – · 60',
      page: 4,
      kind: 'table',
    });
    expect(texts).toContain('And it is in danger when the routes shift faster than our cooperation does.');
  });
});

describe('a line-end hyphen, decided by the document’s own words', () => {
  const join = (head: string, tail: string, doc: string) => joinHyphenated(head, tail, vocabulary(doc));
  it('joins a word cut in two, keeps a compound whose parts the document writes alone or apart', () => {
    expect(join('the deter-', 'mination of', 'self determination and more')).toBe('the determination of');
    expect(join('disaster-', 'risk reduction', 'a disaster struck; the risk grew')).toBe('disaster-risk reduction');
    expect(join('end-', 'of-mission', 'at the end of the mission')).toBe('end-of-mission');
    // the document writes it joined: joined, though both parts are words too
    expect(join('frame-', 'work', 'a frame; work; the framework')).toBe('framework');
    // a word cut in two whose halves are English words too, joined a word: joined ("re-" | "port")
    expect(join('re-', 'port', 'the port of re')).toBe('report');
  });
});

describe('layoutPages: superscripts that are letters', () => {
  const page = (items: PageItem[]): PageInput => ({ items, width: 612, height: 792 });
  const texts = (items: PageItem[]) => layoutPages([page(items)]).paragraphs.map((p) => p.text);

  it('reads a raised ordinal suffix after its number ("79" + "e" is "79e Session"), not as a line above; other raised letters stay apart', () => {
    // Senegal's statement at GA79: "79" at 14 pt, "e" at 9 pt raised 5 pt, the rest of the line after it
    expect(
      texts([
        item('79', 110.63, 542.69, 13.98, 14.17),
        item('e ', 124.8, 547.68, 9, 7.73),
        item('Session ordinaire de l’Assemblée générale', 132.53, 542.7, 13.98, 260),
      ]),
    ).toEqual(['79e Session ordinaire de l’Assemblée générale']);
    // a raised "a" after a word is a note's mark, not a suffix
    const note = texts([item('Total', 60, 542.69, 13.98, 35), item('a', 95, 547.68, 9, 4), item('of the expenditure', 104, 542.7, 13.98, 110)]);
    expect(note.join('\n')).not.toContain('Totala');
    // nor after a figure: a table's note mark "12ᵃ" is no ordinal
    const cell = texts([item('Posts 12', 60, 542.69, 13.98, 52), item('a', 112.5, 547.68, 9, 4), item('in total', 124, 542.7, 13.98, 50)]);
    expect(cell.join('\n')).not.toMatch(/12 ?a/);
  });
});

describe('a line-end hyphen in a French or Spanish document', () => {
  it('is joined when its parts happen to be English words: the English lexicon is for English text', () => {
    const fr = vocabulary('Les délégations et le Secrétariat, de la session, les États et la paix');
    // "sou" and "vent" are English words, "souvent" is not: in English text the hyphen would stay
    expect(joinHyphenated('très sou-', 'vent les', fr)).toBe('très souvent les');
    expect(joinHyphenated('the disaster-', 'risk', vocabulary('the risk and the disaster of the day'))).toBe('the disaster-risk');
  });
});

describe('mendArabicMarks: an Arabic mark with no letter under it (QA21 F8)', () => {
  it.each([
    // a fathatan set apart after a final alef is that word's
    ['انتخابكم رئیسا ً للدورة', 'انتخابكم رئیساً للدورة'],
    ['قرارا ً مھما بتطویع', 'قراراً مھما بتطویع'],
    // moved onto another word, a number, or the start of a line: left out
    ['مع المجتمع ً الدولي', 'مع المجتمع الدولي'],
    ['بالقرار 1701ً، بحیث', 'بالقرار 1701، بحیث'],
    ['ً لإرساء ھدوء', 'لإرساء ھدوء'],
    ['مع كل ّ جولة', 'مع كل جولة'],
    ['البن َّاء العامل', 'البناء العامل'],
    // marks on their letters, and other scripts, are left alone
    ['الذي يُنظَّم تحت', 'الذي يُنظَّم تحت'],
    ['تفصیلاً بسیطاً،', 'تفصیلاً بسیطاً،'],
    ['5 per cent, a', '5 per cent, a'],
  ])('%j → %j', (text, mended) => {
    expect(mendArabicMarks(text)).toBe(mended);
  });
});
