import { describe, expect, it } from 'vitest';
import { extractDocx } from '../../../src/ingest/formats/docx.ts';
import { fixture, LIMITS, sourceParagraphs } from './helpers.ts';

describe('Word extraction', () => {
  it('carries each heading to the paragraphs under it', async () => {
    const doc = await extractDocx(fixture('cnd-report.docx'), 'cnd-report.docx', LIMITS);
    const [intro, first, second, third] = sourceParagraphs('cnd-64-intersessional-2021-10.txt');
    const title = 'Commission on Narcotic Drugs: first intersessional meeting, 64th session';
    expect(doc.paragraphs).toEqual([
      { text: 'UNODC/CND/2021/CRP.1', heading: title },
      { text: intro, heading: title },
      { text: first, heading: 'Links between drug trafficking and organized crime' },
      { text: second, heading: 'Money-laundering arising from drug trafficking' },
      { text: third, heading: 'Cybercrime' },
    ]);
  });

  it('takes the title from the document’s title property and the symbol from the first page', async () => {
    const doc = await extractDocx(fixture('cnd-report.docx'), 'cnd-report.docx', LIMITS);
    expect(doc.meta).toEqual({
      title: 'First intersessional meeting of the 64th session of the CND',
      symbol: 'UNODC/CND/2021/CRP.1',
    });
  });

  it('refuses a file that is not a Word document', async () => {
    await expect(extractDocx(fixture('truncated.pdf'), 'x.docx', LIMITS)).rejects.toThrow(/^not a readable Word file/);
  });
});
