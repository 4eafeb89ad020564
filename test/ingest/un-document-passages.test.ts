/**
 * Passages of the real UN documents of test/fixtures/un-documents as ingestion gives them (QA19):
 * what a user quotes and cites from them.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { closeExtractors } from '../../src/ingest/load-library.ts';
import { toPassages } from '../../src/ingest/passages.ts';
import { loadUnDocument } from '../support/library.ts';

afterAll(() => closeExtractors());

describe('a line that is only a document symbol in parentheses belongs to the heading above it', () => {
  it('A/50/PV.33: "(b) First report of the Credentials Committee (A/50/559)" is one passage, in its agenda item', async () => {
    // before: "(A/50/559)" was a passage of its own, with no section
    const record = await loadUnDocument('A_50_PV.33.pdf');
    const heading = record.passages.find((p) => p.text.startsWith('(b) First report of the Credentials Committee'));
    expect(heading).toMatchObject({
      text: '(b) First report of the Credentials Committee (A/50/559)',
      sectionTitle: 'Agenda item 3 (continued)',
      page: 7,
    });
    expect(record.passages.some((p) => p.text.startsWith('(A/50/559)'))).toBe(false);
  });

  it('A/80/590: the report a table answers keeps its symbol, which no longer opens the table’s first passage', async () => {
    // before: "(A/78/744/Add.11) Request/recommendation The Advisory Committee trusts that …"
    const report = await loadUnDocument('A_80_590.pdf');
    const texts = report.passages.map((p) => p.text);
    expect(texts).toContain('Proposed budget for the period from 1 July 2024 to 30 June 2025 (A/78/744/Add.11)');
    expect(texts.some((t) => t.startsWith('(A/78/744/Add.11)'))).toBe(false);
  });

  it('a short heading read as a section takes the symbol under it into its title', () => {
    const body = 'The President: The draft resolution recommended by the Committee in paragraph 10 of its report reads as follows.';
    const passages = toPassages('x', [{ text: 'Draft resolution' }, { text: '(A/50/L.5)' }, { text: body }]);
    expect(passages).toHaveLength(1);
    expect(passages[0]).toMatchObject({ text: body, sectionTitle: 'Draft resolution (A/50/L.5)' });
    // a symbol line after a sentence that ends is left alone
    const after = toPassages('x', [
      { text: 'The Committee adopted its report without a vote on 12 October.' },
      { text: '(A/50/559)' },
      { text: body },
    ]);
    expect(after.map((p) => p.text)).not.toContain('The Committee adopted its report without a vote on 12 October. (A/50/559)');
  });
});

describe('a Security Council masthead reads as its members list', () => {
  it('dot leaders cut short by a long name are gone: "Northern Ireland Ms. Pierce" (S/PV.8701), "Mr. Roberts" (S/PV.8699 (Resumption 1))', async () => {
    // before: "…United Kingdom of Great Britain and Northern Ireland . . Ms. Pierce"
    for (const [file, member] of [
      ['S_PV.8701.pdf', 'Ms. Pierce'],
      ['S_PV.8699_Resumption1.pdf', 'Mr. Roberts'],
    ] as const) {
      const texts = (await loadUnDocument(file)).passages.map((p) => p.text);
      expect(texts.join('\n')).toContain(`United Kingdom of Great Britain and Northern Ireland ${member} United States of America`);
      expect(texts.filter((t) => /\. \./.test(t))).toEqual([]);
    }
  });

  it('S/PV.8701: the members listed under "Members:" are one passage, not cut after the first row', async () => {
    // before: "President: … Members: Belgium Mr. Pecsteen de Buytswerve" | "China Mr. Wu Haitao … Mrs. Craft"
    const texts = (await loadUnDocument('S_PV.8701.pdf')).passages.map((p) => p.text);
    const members = texts.find((t) => t.includes('Members: Belgium'));
    expect(members).toMatch(
      /^President: Mr\. Dang \(Viet Nam\) Members: Belgium Mr\. Pecsteen de Buytswerve China Mr\. Wu Haitao .* United States of America Mrs\. Craft$/,
    );
    expect(texts.some((t) => t.startsWith('China Mr. Wu Haitao'))).toBe(false);
  });
});

describe('each part of a long paragraph is cited with its own pages', () => {
  it('A/50/PV.33: the part of Libya’s paragraph that is on p. 18 alone says p. 18, not pp. 17–18', async () => {
    const record = await loadUnDocument('A_50_PV.33.pdf');
    const first = record.passages.find((p) => p.text.startsWith('One of the most important historical events that followed the end of the Second'));
    const second = record.passages.find((p) => p.text.startsWith('This tendency can be seen, inter alia, in the steering of those bodies'));
    expect(second?.paragraph).toBe(first?.paragraph);
    expect([first?.page, first?.pageEnd]).toEqual([17, 18]);
    // before: pp. 17–18, the whole paragraph's range
    expect([second?.page, second?.pageEnd]).toEqual([18, undefined]);
  });

  it('Senegal (GA79): the three paragraphs on pp. 5–7 each cite their own pages', async () => {
    // read as one paragraph over pp. 5–7 until the 8 pt between paragraphs of this double-spaced
    // speech was seen; its parts were cited pp. 5–6 and pp. 6–7
    const speech = await loadUnDocument('GA79_statement_Senegal_fr.pdf');
    const pages = (start: string) => {
      const p = speech.passages.find((q) => q.text.startsWith(start));
      return [p?.page, p?.pageEnd];
    };
    expect(pages('Le monde doit se regarder en face, sans complaisance.')).toEqual([5, 6]);
    expect(pages('Pourtant, nous constatons chaque jour que le droit international')).toEqual([6, undefined]);
    expect(pages('Jamais les fondements des Nations Unies n’ont autant vacillé')).toEqual([6, 7]);
  });

  it('a paragraph that says where each page begins: parts and pieces joined keep their own pages', () => {
    const a = 'The first sentence of this paragraph stands on page four and says a good deal about it. '.repeat(7).trim();
    const b = 'The second half of the paragraph is printed on page five and goes on for a while longer. '.repeat(6).trim();
    const text = `${a} ${b}`;
    const [one, two] = toPassages('x', [{ text, page: 4, pageEnd: 5, pageBreaks: [{ at: a.length + 1, page: 5 }] }]);
    expect([one?.page, one?.pageEnd, two?.page, two?.pageEnd]).toEqual([4, undefined, 5, undefined]);
    // without page breaks (a reader that does not know them) both parts keep the whole range
    const [c, d] = toPassages('x', [{ text, page: 4, pageEnd: 5 }]);
    expect([c?.page, c?.pageEnd, d?.page, d?.pageEnd]).toEqual([4, 5, 4, 5]);
  });
});

describe('a double-spaced right-to-left statement is read in the paragraphs it prints (Lebanon, GA79)', () => {
  it('a sentence whose quotation mark ends a line, or whose last line is short, is one passage', async () => {
    const speech = await loadUnDocument('GA79_statement_Lebanon_ar.pdf');
    const texts = speech.passages.map((p) => p.text);
    const holding = (words: string) => texts.filter((t) => t.includes(words));
    // before: "… لبرنامجكم \" الوحدة" | "في التنوع، لدفع السلام …": a short last line, ending far from
    // the left margin, was taken for an indented first line
    const [quoted] = holding('لبرنامجكم " الوحدة في التنوع، لدفع السلام، التنمیة المستدامة والكرامة الانسانیة ".');
    expect(quoted).toMatch(/^بدایة، أطیب التھاني السید الرئیس/);
    expect(quoted).toMatch(/الانسانیة "\.$/);
    // before: "… على الحدود ویعید" | "النازحین إلى منازلھم. …", "… مع إسرائیل،" | "لكنھا كانت تتھرب …"
    expect(holding('على الحدود ویعید النازحین إلى منازلھم.')).toHaveLength(1);
    expect(holding('مع إسرائیل، لكنھا كانت تتھرب أو تتجاھل ذلك.')).toHaveLength(1);
    // and a paragraph ends where the PDF ends it (5 pt more between paragraphs than between lines)
    expect(texts.some((t) => t.endsWith('لوضعھ موضع التنفیذ.'))).toBe(true);
    expect(texts.some((t) => t.startsWith('إن ما نعیشھ الیوم في لبنان'))).toBe(true);
  });
});
