import { describe, expect, it } from 'vitest';
import { escapeMarkdown, link, truncate, truncateMarkdown } from '../../src/render/text.ts';

describe('escapeMarkdown', () => {
  it.each([
    ['organised *crime* and _money_ laundering', 'organised \\*crime\\* and \\_money\\_ laundering'],
    ['~~struck~~ `code` ||spoiler||', '\\~\\~struck\\~\\~ \\`code\\` \\|\\|spoiler\\|\\|'],
    ['[click](https://example.org)', '\\[click\\](https://example.org)'],
    ['> quoted line', '\\> quoted line'],
    ['# Heading\n## Sub', '\\# Heading\n\\## Sub'],
    ['- item\n1. first', '\\- item\n1\\. first'],
    ['a back\\slash', 'a back\\\\slash'],
    ['ping <@123456789012345678> and <@&456> in <#789>', 'ping \\<@123456789012345678> and \\<@&456> in \\<#789>'],
    ['97.4% in the past ten years - a rise', '97.4% in the past ten years - a rise'],
    ['Fundación objetivo cero, 2019–2021', 'Fundación objetivo cero, 2019–2021'],
  ])('%j', (input, expected) => {
    expect(escapeMarkdown(input)).toBe(expected);
  });

  it('leaves URLs with underscores and asterisks intact', () => {
    const url = 'https://www.unodc.org/documents/commissions/CND/CND_Sessions/CND_64/E_CN7_2021_12_e.pdf';
    expect(escapeMarkdown(`see ${url} for *details*`)).toBe(`see ${url} for \\*details\\*`);
  });
});

describe('truncate', () => {
  it('returns text that fits unchanged', () => {
    expect(truncate('Links between drug trafficking', 30)).toBe('Links between drug trafficking');
  });
  it('cuts at a word boundary with an ellipsis', () => {
    expect(truncate('Links between drug trafficking and organized crime', 31)).toBe('Links between drug trafficking…');
    expect(truncate('Links between drug trafficking and organized crime', 30)).toBe('Links between drug…');
  });
  it('never exceeds the limit, even for one very long word', () => {
    const out = truncate('x'.repeat(500), 100);
    expect(out.length).toBe(100);
    expect(out.endsWith('…')).toBe(true);
  });
  it('does not split a surrogate pair', () => {
    const out = truncate('😀'.repeat(60), 51);
    expect(out.length).toBeLessThanOrEqual(51);
    expect(out).toBe('😀'.repeat(25) + '…');
  });
});

describe('truncateMarkdown', () => {
  it('closes a bold mark the cut left open', () => {
    const out = truncateMarkdown('about 87% of **heroin was smuggled from Afghanistan** through', 30);
    expect(out.length).toBeLessThanOrEqual(30);
    expect(out.match(/\*\*/g)?.length).toBe(2);
  });
  it('drops a dangling escape backslash', () => {
    const out = truncateMarkdown('word\\_word\\_word\\_word\\_word\\_word', 11);
    expect(out).not.toMatch(/(^|[^\\])(\\\\)*\\…$/);
  });
});

describe('link', () => {
  it('escapes the label and keeps the URL usable', () => {
    expect(link('¶ 2 [draft]', 'https://gadebate.un.org/en/76/colombia')).toBe('[¶ 2 \\[draft\\]](https://gadebate.un.org/en/76/colombia)');
    expect(link('Report (2021)', undefined)).toBe('Report (2021)');
    expect(link('x', 'https://en.wikipedia.org/wiki/Drug_(disambiguation)')).toBe('[x](https://en.wikipedia.org/wiki/Drug_%28disambiguation%29)');
  });
});
