/**
 * A paragraph longer than a passage is cut into several passages that share its ¶: each part's
 * citation says which part it is, in the citation line (CLI, the bot's hits, "More context"), in
 * JSON (`part`, `parts`) and CSV; a part keeps the pages its own words are on.
 */
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jsonHit } from '../../src/cli/print.ts';
import { closeExtractors } from '../../src/ingest/load-library.ts';
import { hitsCsv } from '../../src/render/csv.ts';
import { StateStore } from '../../src/render/custom-id.ts';
import { renderReply } from '../../src/render/discord.ts';
import { contextReply, searchReply } from '../../src/render/replies.ts';
import { citationLine } from '../../src/search/citation.ts';
import { createEngine, type VerbatimEngine } from '../../src/search/engine.ts';
import type { LibraryDocument, Source } from '../../src/types.ts';
import { engineOfUnDocuments } from '../support/library.ts';

// the United States' 2018 General Debate speech (UNGDC, USA_73_2018.txt), paragraph 23: 1,275
// characters, which ingestion (src/ingest/passages.ts) cuts into these two passages, sharing ¶ 23
const USA_23A =
  'I spoke before this body last year (see A/72/PV.3) and warned that the Human Rights Council had become a grave embarrassment to this institution, shielding egregious human rights abusers while bashing America and its many friends. Our Ambassador to the United Nations, Nikki Haley, laid out a clear agenda for reform, but despite reported and repeated warnings, no action at all was taken. The United States took the only responsible course. We withdrew from the Human Rights Council, and we will not return until real reform is enacted. For similar reasons, the United States will provide no support or recognition to the International Criminal Court (ICC).';
const USA_23B =
  'As far as America is concerned, the ICC has no jurisdiction, no legitimacy and no authority. The ICC claims near-universal jurisdiction over the citizens of every country, violating all principles of justice, fairness and due process. We will never surrender America’s sovereignty to an unelected, unaccountable global bureaucracy. America is governed by Americans. We reject the ideology of globalism and we embrace the doctrine of patriotism. Around the world, responsible nations must defend against threats to sovereignty not just from global governance, but also from other new forms of coercion and domination.';

function usaEngine(): VerbatimEngine {
  const doc: LibraryDocument = {
    id: '2018/USA_73_2018',
    path: '2018/USA_73_2018.txt',
    meta: {
      title: 'United States of America — General Debate, 73rd session (2018)',
      speaker: 'Donald Trump',
      countryName: 'United States of America',
      session: '73',
      date: '2018',
    },
    passages: [
      {
        id: 'usa-22',
        docId: '2018/USA_73_2018',
        paragraph: 22,
        ordinal: 0,
        text: 'We believe that when nations respect the rights of their neighbours, the world is safer.',
      },
      { id: 'usa-23a', docId: '2018/USA_73_2018', paragraph: 23, ordinal: 1, text: USA_23A },
      { id: 'usa-23b', docId: '2018/USA_73_2018', paragraph: 23, ordinal: 2, text: USA_23B },
      {
        id: 'usa-24',
        docId: '2018/USA_73_2018',
        paragraph: 24,
        ordinal: 3,
        text: 'The International Criminal Court was the subject of our review this year.',
      },
    ],
  };
  return createEngine([doc], { documents: 1, passages: 4, skipped: [], warnings: [] });
}

describe('the parts of a paragraph cut into passages are cited apart', () => {
  it('"International Criminal Court": the two parts of ¶ 23 no longer share one citation', async () => {
    const engine = usaEngine();
    const { hits } = await engine.search('sovereignty International Criminal Court', { limit: 10 });
    const lines = new Map(hits.map((h) => [h.id, citationLine(h.source)]));
    // before: both "… · 73rd session · 2018 · ¶ 23"
    expect(lines.get('usa-23a')).toBe('Donald Trump · United States of America · 73rd session · 2018 · ¶ 23 (part 1 of 2)');
    expect(lines.get('usa-23b')).toBe('Donald Trump · United States of America · 73rd session · 2018 · ¶ 23 (part 2 of 2)');
    // a paragraph passed whole is cited as before
    expect(lines.get('usa-24')).toBe('Donald Trump · United States of America · 73rd session · 2018 · ¶ 24');
  });

  it('JSON and CSV give the part and how many; null or empty for a paragraph whole', () => {
    const engine = usaEngine();
    const second = engine.passage('usa-23b')!;
    const whole = engine.passage('usa-24')!;
    expect(jsonHit(second).source).toMatchObject({ paragraph: 23, part: 2, parts: 2 });
    expect(jsonHit(whole).source).toMatchObject({ paragraph: 24, part: null, parts: null });
    const [header, secondRow, wholeRow] = parse(hitsCsv([second, whole]).replace(/^\uFEFF/, '')) as string[][];
    // part, parts, footnoteNumber, link (no url nor symbol here), then the citation
    const at = header!.indexOf('part');
    expect(header!.slice(at, at + 4)).toEqual(['part', 'parts', 'footnoteNumber', 'link']);
    expect(secondRow!.slice(at, at + 4)).toEqual(['2', '2', '', '']);
    expect(wholeRow!.slice(at, at + 4)).toEqual(['', '', '', '']);
    expect(secondRow![header!.indexOf('citation')]).toBe('Donald Trump · United States of America · 73rd session · 2018 · ¶ 23 (part 2 of 2)');
  });

  it("the bot's hit and its More context view say which part", async () => {
    const engine = usaEngine();
    const response = await engine.search('ICC', { limit: 5 });
    const p = renderReply(searchReply(response, 0, { query: 'ICC', filters: {} }, new StateStore()));
    const values = p.embeds[0]!.fields!.map((f) => f.value);
    expect(values.some((v) => /— .*¶ 23 \(part 2 of 2\)/.test(v))).toBe(true);
    const context = renderReply(contextReply(engine.context('usa-23a', 2), 'usa-23a'));
    const shown = JSON.stringify(context.embeds);
    expect(shown).toContain('¶ 23 (part 1 of 2)');
    expect(shown).toContain('¶ 23 (part 2 of 2)');
  });

  it('the part follows a printed number, and a paragraph cited by where it stands', () => {
    const s: Source = { document: 'r', paragraph: 40, printedParagraph: '28', part: 2, parts: 2, page: 17, symbol: 'A/C.3/80/L.3' };
    expect(citationLine(s)).toBe('r · para. 28 (part 2 of 2) · p. 17 · A/C.3/80/L.3');
    const preamble: Source = { document: 'r', paragraph: 3, unnumbered: true, beforeParagraph: '1', part: 2, parts: 2, page: 5 };
    // before: "r · before para. 1 · p. 5", as its first part read
    expect(citationLine(preamble)).toBe('r · before para. 1 (part 2 of 2) · p. 5');
    const footnote: Source = { document: 'r', paragraph: 9, unnumbered: true, footnote: true, afterParagraph: '9', part: 2, parts: 2, page: 5 };
    expect(citationLine(footnote)).toBe('r · footnote after para. 9 (part 2 of 2) · p. 5');
  });
});

describe('on a real UN document: a long numbered paragraph over a page break', () => {
  let engine: VerbatimEngine;
  beforeAll(async () => {
    ({ engine } = await engineOfUnDocuments(['A_C.3_80_L.3.pdf']));
  }, 120_000);
  afterAll(closeExtractors);

  it('A/C.3/80/L.3 para. 28: each part is cited as its part, with the pages its own words are on', async () => {
    const { hits } = await engine.search('"Requests the Secretary-General to continue to provide"', { limit: 5 });
    const first = hits[0]!;
    expect(citationLine(first.source)).toMatch(/ · para\. 28 \(part 1 of 2\) · pp\. 16–17 · A\/C\.3\/80\/L\.3$/);
    const [, after] = engine.context(first.id, 1).filter((h) => h.source.paragraph === first.source.paragraph);
    expect(citationLine(after!.source)).toMatch(/ · para\. 28 \(part 2 of 2\) · p\. 17 · A\/C\.3\/80\/L\.3$/);
  });
});

describe('on real UN documents: a turn cited by its page, a paragraph cited by where it stands', () => {
  let engine: VerbatimEngine;
  beforeAll(async () => {
    ({ engine } = await engineOfUnDocuments(['A_50_PV.33.pdf', 'A_80_590.pdf']));
  }, 120_000);

  it('A/50/PV.33, Venezuela: the two parts of ¶ 22, both on p. 3, no longer read alike', async () => {
    const { hits } = await engine.search('"With regard to reforms"', { limit: 1 });
    const turn = engine.context(hits[0]!.id, 2).map((h) => citationLine(h.source).replace(/^.* · 18 October 1995 · /, ''));
    // before: "p. 3" for the paragraph before, both parts and the paragraph after
    expect(turn.slice(1)).toEqual(['p. 3', '¶ 22 (part 1 of 2) · p. 3', '¶ 22 (part 2 of 2) · p. 3', 'p. 3']);
    expect(citationLine(hits[0]!.source)).toBe(
      'Mr. Tejera-París (Venezuela) (interpretation from Spanish) · A/50/PV.33 · 18 October 1995 · ¶ 22 (part 1 of 2) · p. 3',
    );
  });

  it('A/80/590: a table cut in two after para. 57 says which part, in the hit and in More context', async () => {
    // (the table under para. 57 on p. 19; fix21c joined the report's column labels to their tables,
    // and "Official travel" alone now finds the table after para. 70 first)
    const query = '"Official travel" "Ground transportation" doc:A/80/590';
    const response = await engine.search(query, { limit: 1 });
    const hit = response.hits[0]!;
    // before: "… · after para. 57 · p. 19 · A/80/590" for both parts
    expect(citationLine(hit.source)).toMatch(/ · after para\. 57 \(part 2 of 2\) · p\. 19 · A\/80\/590$/);
    const reply = renderReply(searchReply(response, 0, { query, filters: {} }, new StateStore()));
    // linked to the report through the UN's symbol resolver (the file gives no url)
    expect(reply.embeds[0]!.fields![0]!.value).toMatch(
      /— \[.* · after para\. 57 \(part 2 of 2\) · p\. 19 · A\/80\/590\]\(https:\/\/undocs\.org\/A\/80\/590\)$/,
    );
    const context = JSON.stringify(renderReply(contextReply(engine.context(hit.id, 1), hit.id)).embeds);
    expect(context).toContain('after para. 57 (part 1 of 2)');
    expect(context).toContain('after para. 57 (part 2 of 2)');
  });
});
