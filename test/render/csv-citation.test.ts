/**
 * QA22 F7: the CSV carries what the citation shows: the statement's fields (`statement`,
 * `reportedBy`, `onBehalfOf`, `languageNote`) and a `citation` column holding the source line the
 * bot and the command line show; and a passage whose file gives no url but whose document has a UN
 * symbol is linked to it through the UN's symbol resolver (https://undocs.org), in the CSV and in
 * the bot's citation. On real documents: a Security Council record (S/PV.8699 (Resumption 1)), the
 * shipped CND report with narrated statements (data/), a UNGDC speech cut from A/70/PV.22.
 */
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { textResult } from '../../src/cli/print.ts';
import { symbolUrl } from '../../src/ingest/formats/symbol.ts';
import { closeExtractors, loadLibrary } from '../../src/ingest/load-library.ts';
import { CSV_COLUMNS, hitsCsv } from '../../src/render/csv.ts';
import { StateStore } from '../../src/render/custom-id.ts';
import { renderReply } from '../../src/render/discord.ts';
import { quoteCard, searchReply } from '../../src/render/replies.ts';
import { escapeMarkdown } from '../../src/render/text.ts';
import { createEngine, type VerbatimEngine } from '../../src/search/engine.ts';
import type { SearchResponse } from '../../src/types.ts';
import { engineOfUnDocuments } from '../support/library.ts';

const rowsOf = (csv: string): Record<string, string>[] => parse(csv.replace(/^\uFEFF/, ''), { columns: true }) as Record<string, string>[];

/** The bot's rendered hit fields for `response`. */
const botFields = (response: SearchResponse, query: string): string[] =>
  renderReply(searchReply(response, 0, { query, filters: {} }, new StateStore())).embeds[0]!.fields!.map((f) => f.value);

let record: VerbatimEngine;
let cnd: VerbatimEngine;
let ungdc: VerbatimEngine;
beforeAll(async () => {
  record = (await engineOfUnDocuments(['S_PV.8699_Resumption1.pdf'])).engine;
  const data = await loadLibrary(path.resolve(import.meta.dirname, '../../data'));
  cnd = createEngine(data.documents, data.report);
  const speeches = await loadLibrary(path.resolve(import.meta.dirname, '../fixtures/ungdc-page-heads'));
  ungdc = createEngine(speeches.documents, speeches.report);
}, 120_000);
afterAll(closeExtractors);

describe('the CSV gives what the citation shows', () => {
  it('the new columns come after the old ones, whose positions hold', () => {
    expect(CSV_COLUMNS.slice(0, 6)).toEqual(['rank', 'score', 'passage', 'excerpt', 'text', 'document']);
    expect(CSV_COLUMNS.indexOf('link')).toBe(29);
    expect(CSV_COLUMNS.slice(30)).toEqual(['statement', 'reportedBy', 'onBehalfOf', 'languageNote', 'citation', 'alsoIn']);
  });

  it('a turn in a Security Council record: on behalf of, the language note, the citation, a link to the record', () => {
    const query = '"I have the honour to speak on behalf of" Aliyev';
    const response = record.searchSync(query, { limit: 1 });
    const [row] = rowsOf(hitsCsv(response.hits));
    const citation =
      'Mr. Aliyev (Azerbaijan), on behalf of the Movement of Non-Aligned Countries · S/PV.8699 (Resumption 1) · 10 January 2020 · p. 18';
    expect(row).toMatchObject({
      statement: 'turn',
      speaker: 'Mr. Aliyev',
      onBehalfOf: 'the Movement of Non-Aligned Countries',
      languageNote: '',
      reportedBy: '',
      citation,
      url: '',
      link: 'https://undocs.org/S/PV.8699(Resumption1)',
    });
    // the same line as the command line prints it and the bot shows it, there linked to the record
    expect(textResult(response, 0, false)).toContain(`— ${citation}\n   https://undocs.org/S/PV.8699(Resumption1)\n`);
    expect(botFields(response, query)[0]).toMatch(/— \[Mr\. Aliyev .* · p\. 18\]\(https:\/\/undocs\.org\/S\/PV\.8699%28Resumption1%29\)$/);
    expect(quoteCard(response.hits[0]!, undefined).cards![0]!.url).toBe('https://undocs.org/S/PV.8699(Resumption1)');
  });

  it('a turn given in another language: its language note', () => {
    const [row] = rowsOf(hitsCsv(record.searchSync('"Rodríguez Abascal" "We align ourselves"', { limit: 1 }).hits));
    expect(row).toMatchObject({ statement: 'turn', languageNote: 'spoke in Spanish', onBehalfOf: '' });
    expect(row!['citation']).toBe('Ms. Rodríguez Abascal (Cuba) (spoke in Spanish) · S/PV.8699 (Resumption 1) · 10 January 2020 · p. 5');
  });

  it('a statement the CND report narrates: who reported it, and the "reported in" citation (no url, no symbol: no link)', () => {
    const query = '"organized crime"';
    const response = cnd.searchSync(query, { limit: 20 });
    const rows = rowsOf(hitsCsv(response.hits));
    const i = rows.findIndex((r) => r['statement'] === 'reported');
    expect(i).toBeGreaterThanOrEqual(0);
    const row = rows[i]!;
    expect(row['reportedBy']).toMatch(/^Office for Combating Drugs, Government of the Republic of Serbia/);
    expect(row['citation']).toMatch(/ — reported in: Office for Combating Drugs, Government of the Republic of Serbia · /);
    expect(row['link']).toBe('');
    // the bot shows the same line (escaped for Discord, nothing to link)
    expect(botFields(response, query)[i]).toContain(`— ${escapeMarkdown(row['citation']!)}`);
  });
});

describe('a link derived from the document’s UN symbol', () => {
  it('a UNGDC speech cut from A/70/PV.22 (no url in the manifest) links to the record', () => {
    const response = ungdc.searchSync('"Gentlemen, check your fanaticism at the door"');
    const [row] = rowsOf(hitsCsv(response.hits));
    expect(row).toMatchObject({ document: '2015/ISR_70_2015', symbol: 'A/70/PV.22', url: '', link: 'https://undocs.org/A/70/PV.22' });
    expect(botFields(response, 'x')[0]).toMatch(/\]\(https:\/\/undocs\.org\/A\/70\/PV\.22\)$/);
  });

  it.each([
    ['A/70/PV.22', 'https://undocs.org/A/70/PV.22'],
    ['A/RES/55/2', 'https://undocs.org/A/RES/55/2'],
    ['E/CN.7/2021/12', 'https://undocs.org/E/CN.7/2021/12'],
    ['S/RES/2532 (2020)', 'https://undocs.org/S/RES/2532(2020)'],
    ['A/81/6 (Sect. 16)', 'https://undocs.org/A/81/6(Sect.16)'],
    ['A/C.3/80/L.3', 'https://undocs.org/A/C.3/80/L.3'],
    ['CEDAW/C/GC/39', 'https://undocs.org/CEDAW/C/GC/39'],
    // not the resolver's: UNODC's conference room papers; not a symbol; not wholly one
    ['UNODC/CND/2021/CRP.1', undefined],
    ['HIV/AIDS', undefined],
    ['A/RES', undefined],
    ['A/70/PV.22; see also', undefined],
    ['https://example.org/A/70/1', undefined],
    ['', undefined],
  ])('%j → %j', (symbol, url) => {
    expect(symbolUrl(symbol)).toBe(url);
  });
});
