import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { passageId, readSection, splitParagraph, toPassages } from '../../src/ingest/passages.ts';
import { reflow } from '../../src/ingest/reflow.ts';
import { splitSentences } from '../../src/ingest/sentences.ts';

const sample = readFileSync(new URL('../../data/cnd-64-intersessional-2021-10.txt', import.meta.url), 'utf8');
const col1995 = readFileSync(new URL('../fixtures/ingest/COL_50_1995-excerpt.txt', import.meta.url), 'utf8');
const paras = (text: string) => reflow(text).map((t) => ({ text: t }));

describe('sections of the sample report', () => {
  const passages = toPassages('cnd-64-intersessional-2021-10', paras(sample), { date: '2021-10-19', dateEnd: '2021-10-21' });

  it('dates the Pakistan passage to the first session and gives its title', () => {
    const pakistan = passages.find((p) => p.text.includes('Pakistan'));
    expect(pakistan?.sectionDate).toBe('2021-10-19');
    expect(pakistan?.sectionTitle).toBe('Links between drug trafficking and organized crime');
  });

  it('reads the second and third sessions, and leaves the introduction undated', () => {
    expect(passages.map((p) => [p.paragraph, p.sectionDate, p.sectionTitle])).toEqual([
      [1, undefined, undefined],
      [2, '2021-10-19', 'Links between drug trafficking and organized crime'],
      [3, '2021-10-20', 'Money-laundering arising from drug trafficking'],
      [4, '2021-10-21', 'Cybercrime'],
    ]);
  });

  it('dates nothing when the document has no year', () => {
    const undated = toPassages('x', paras(sample));
    expect(undated.some((p) => p.sectionDate !== undefined)).toBe(false);
  });

  it('takes the year after the start when a range crosses new year', () => {
    expect(readSection('On 3 January, a session entitled "Follow-up" was held.', '2021-12-30', '2022-01-04')?.date).toBe('2022-01-03');
  });
});

describe('splitting', () => {
  const long = reflow(col1995).join(' ');

  it('splits a long paragraph at sentence ends, into balanced parts of at most 1,000 characters', () => {
    expect(long.length).toBeGreaterThan(1000);
    const parts = splitParagraph(long, 1000);
    expect(parts.length).toBe(Math.ceil(long.length / 1000));
    for (const part of parts) {
      expect(part.length).toBeLessThanOrEqual(1000);
      expect(part).toMatch(/[.?!]$/);
    }
    expect(parts.join(' ')).toBe(long);
  });

  it('does not cut after "Mr.", "No." or an initial', () => {
    const text = 'I congratulate Mr. Freitas do Amaral of Portugal. Resolution No. 5 was adopted. We thank J. Smith for his work.';
    expect(splitSentences(text)).toEqual([
      'I congratulate Mr. Freitas do Amaral of Portugal.',
      'Resolution No. 5 was adopted.',
      'We thank J. Smith for his work.',
    ]);
  });

  it('numbers paragraphs from 1 and keeps the number on every part of a split paragraph', () => {
    const passages = toPassages('COL', [{ text: long }, { text: 'Thank you, Mr. President, for giving me the floor today.' }], { maxChars: 500 });
    const last = passages[passages.length - 1];
    expect(passages.slice(0, -1).every((p) => p.paragraph === 1)).toBe(true);
    expect(last?.paragraph).toBe(2);
    expect(passages.map((p) => p.ordinal)).toEqual(passages.map((_, i) => i));
  });

  it('joins stray short lines to their neighbour', () => {
    const passages = toPassages('BRB', [
      { text: 'Mr. President, Colleagues, Friends,' },
      { text: 'Those of us here today, representing our brothers and sisters the world over, have endured four years of poly-crises.' },
      { text: 'offer.' },
    ]);
    expect(passages).toHaveLength(1);
    expect(passages[0]?.text).toBe(
      'Mr. President, Colleagues, Friends, Those of us here today, representing our brothers and sisters the world over, have endured four years of poly-crises. offer.',
    );
  });

  it('turns a heading-like short line into the section title of what follows', () => {
    const passages = toPassages('md', [
      { text: 'Cybercrime' },
      { text: 'The participants had the opportunity to get acquainted with the data of the Global Drug Policy Observatory (UK).' },
    ]);
    expect(passages).toHaveLength(1);
    expect(passages[0]?.sectionTitle).toBe('Cybercrime');
  });
});

describe('a line stating a speech’s length is no section title', () => {
  const speech = 'Mr. President, I congratulate you on your election and assure you of the full support of my delegation.';
  it.each([
    ['2724 palabras – 15 minutos'],
    ['2,724 words - 15 minutes'],
    ['(1,850 words)'],
    ['Word count: 2724'],
    ['Durée : 10 minutes'],
    ['Nombre de mots : 1 500'],
    ['Approx. 2,700 words / 12 min.'],
    ['Duración: 15 minutos'],
  ])('%s', (line) => {
    // before: the Mexico statement's every passage had the section "2724 palabras – 15 minutos"
    const passages = toPassages('speech', [{ text: 'Nueva York, 28 de septiembre de 2024.' }, { text: line }, { text: speech }]);
    expect(passages.map((p) => p.sectionTitle)).toEqual([undefined, undefined]);
    // kept with the lines before it, not glued to the speech
    expect(passages.map((p) => p.text)).toEqual([`Nueva York, 28 de septiembre de 2024. ${line}`, speech]);
    // nor as an extractor's heading (HTML, Word, Markdown)
    expect(toPassages('html', [{ text: speech, heading: line }])[0]?.sectionTitle).toBeUndefined();
  });

  it('still takes a short title with a number as a heading', () => {
    for (const title of ['2030 Agenda for Sustainable Development', 'Fifteen minutes of fame'])
      expect(toPassages('md', [{ text: title }, { text: speech }])[0]?.sectionTitle, title).toBe(title);
  });
});

describe('passage ids', () => {
  it('are stable across builds and differ between documents and repeated text', () => {
    const a = toPassages('cnd', paras(sample));
    const b = toPassages('cnd', paras(sample));
    expect(a.map((p) => p.id)).toEqual(b.map((p) => p.id));
    expect(a[0]?.id).toMatch(/^[A-Za-z0-9_-]{12}$/);
    expect(new Set(a.map((p) => p.id)).size).toBe(a.length);
    expect(toPassages('other', paras(sample))[0]?.id).not.toBe(a[0]?.id);
    const repeated = toPassages('d', [
      { text: 'The Assembly adopted the resolution without a vote.' },
      { text: 'The Assembly adopted the resolution without a vote.' },
    ]);
    expect(repeated[0]?.id).not.toBe(repeated[1]?.id);
    expect(repeated[0]?.id).toBe(passageId('d', 'The Assembly adopted the resolution without a vote.', 0));
  });

  it('of earlier passages survive an edit further down the document', () => {
    const edited = sample.replace('Cybercrime', 'Cyber-crime');
    const before = toPassages('cnd', paras(sample)).map((p) => p.id);
    const after = toPassages('cnd', paras(edited)).map((p) => p.id);
    expect(after.slice(0, 3)).toEqual(before.slice(0, 3));
    expect(after[3]).not.toBe(before[3]);
  });
});

describe('a paragraph number stays with its paragraph when a long paragraph is cut', () => {
  it('A/RES/79/191 paragraph 35 (1,001 characters): no passage is "35." alone, and the text is cited "para. 35"', async () => {
    const { engineOfUnDocuments } = await import('../support/library.ts');
    const { citationLine } = await import('../../src/search/citation.ts');
    const { engine, texts } = await engineOfUnDocuments(['A_RES_79_191.pdf']);
    // before: "35." was a passage of its own, and the paragraph was cited "¶ 105"
    expect(texts.filter((t) => /^\s*(?:\d{1,3}\.|\([a-z]{1,4}\))\s*$/.test(t))).toEqual([]);
    const hit = (await engine.search('improve the assessment of the impact of demand and supply reduction strategies', { limit: 1 })).hits[0]!;
    expect(hit.text).toMatch(/^35\. Also encourages Member States/);
    expect(citationLine(hit.source)).toContain(' · para. 35 (part 1 of 2) · ');
    // split in two, each part cited para. 35, at a clause boundary
    const rest = (await engine.search('"conservation and sustainable use of the environment and the protection of biodiversity"', { limit: 1 }))
      .hits[0]!;
    expect(rest.source.printedParagraph).toBe('35');
    const next = engine.context(hit.id, 1).at(-1)!;
    expect(citationLine(next.source)).toContain(' · para. 35 (part 2 of 2) · ');
  }, 60_000);

  it('joins a leading number or list mark to the sentence it numbers before cutting', () => {
    // a sentence that fits alone, not with its number: the paragraph is 1,001 characters or more
    const body = `Also encourages Member States ${'to improve the assessment, '.repeat(40)}`.slice(0, 987) + 'and to act;';
    for (const mark of ['35.', '24.3.', '(b)']) {
      const parts = splitParagraph(`${mark} ${body}`, 1000);
      expect(`${mark} ${body}`.length).toBeGreaterThan(1000);
      expect(parts[0]!.startsWith(`${mark} Also encourages`)).toBe(true);
      expect(parts.every((p) => p.length <= 1000)).toBe(true);
    }
  });
});

describe('a lead-in opens the quotation it introduces', () => {
  it('A/50/PV.33: "As President Clinton said …," and his words are one passage; so are "declared in Messina …," and the quotation', async () => {
    const { engineOfUnDocuments } = await import('../support/library.ts');
    const { engine, texts } = await engineOfUnDocuments(['A_50_PV.33.pdf']);
    // before: the lead-in was a passage of its own, and the quotation another with no one saying it
    const clinton = (await engine.search('Clinton San Francisco good and lasting peace', { limit: 1 })).hits[0]!;
    expect(clinton.text).toMatch(
      /As President Clinton said at the ceremony in San Francisco .*Charter, “The challenge of building a good and lasting peace/,
    );
    expect(texts.some((t) => /^“Europe of freedom|^“The Europe of freedom/.test(t))).toBe(false);
    expect(texts.some((t) => /declared in Messina on 2 June last, “The Europe of freedom/.test(t))).toBe(true);
    // a lead-in ending with a colon before a quotation too
    expect(texts.some((t) => /The States of the world are called upon to: “reaffirm the commitment/.test(t))).toBe(true);
    // no passage ends with a lead-in that a quotation follows
    expect(texts.filter((t) => /(?:said|declared|stated)[^.]{0,120},$/.test(t))).toEqual([]);
  }, 60_000);

  it('keeps a lead-in apart when the next paragraph opens no quotation, or the two would not fit one passage', () => {
    const ps = (texts: string[]) =>
      toPassages(
        'd',
        texts.map((text) => ({ text })),
      ).map((p) => p.text);
    const lead = 'As the Secretary-General reminded us in his report on the work of the Organization,';
    expect(ps([lead, '“We must act now.”'])).toEqual([`${lead} “We must act now.”`]);
    expect(ps([lead, 'We must act now, and we will act together with every Member State.'])[0]).toBe(lead);
    expect(ps([lead, `“${'We must act now. '.repeat(60)}”`])[0]).toBe(lead);
  });
});

describe('a line cut from the sentence it opens is no heading (QA21 F6)', () => {
  it('"47. On behalf of the" | "Lao People’s Democratic Republic, …" (1977/LAO_32_1977) is one passage, no section', () => {
    // before: "47. On behalf of the" was the section of the speech's last 33 passages, and the paragraph
    // read "Lao People's Democratic Republic, I am pleased…"
    const passages = toPassages('d', [
      { text: 'We have come a long way since the founding of our Republic, and we thank our friends for their support.' },
      { text: '47. On behalf of the' },
      { text: "Lao People's Democratic Republic, I am pleased to extend my warmest greetings to all representatives present here." },
    ]);
    expect(passages.map((p) => [p.text.slice(0, 40), p.sectionTitle])).toEqual([
      ['We have come a long way since the foundi', undefined],
      ["47. On behalf of the Lao People's Democr", undefined],
    ]);
  });

  it('a short line carried alone keeps the section in force: Tuvalu 2024’s "Mr President" under "LDC Status"', () => {
    const passages = toPassages('d', [
      { text: 'LDC Status' },
      { text: 'Tuvalu graduated from the group of Least Developed Countries after long preparation.' },
      { text: 'Mr President' },
      { text: '1. We ask for support through the transition period, as was promised to us.' },
    ]);
    expect(passages.map((p) => p.sectionTitle)).toEqual(['LDC Status', 'LDC Status', 'LDC Status']);
  });
});
