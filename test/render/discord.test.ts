/**
 * Renderer properties over arbitrary excerpts: markdown, mentions, very long words, non-Latin
 * scripts and emoji never break a Discord limit, never ping, and keep our bold marks.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { StateStore } from '../../src/render/custom-id.ts';
import { renderChoices, renderReply, type MessagePayload } from '../../src/render/discord.ts';
import { LIMITS, MESSAGE_FLAGS } from '../../src/render/discord-limits.ts';
import { contextReply, quoteCard, searchReply, sourcesReply } from '../../src/render/replies.ts';
import type { Hit, Mark, SearchResponse, Source } from '../../src/types.ts';
import { checkMessage, mentionsThatPing } from '../discord-server/validate.ts';
import { openFixtureLibrary } from '../support/library.ts';

let realSource: Source;
let realHit: Hit;

beforeAll(async () => {
  const { engine } = await openFixtureLibrary();
  const r = await engine.search('heroin smuggled Afghanistan', { limit: 1 });
  realHit = r.hits[0]!;
  realSource = realHit.source;
});

/** As Discord receives it (discord.js turns allowedMentions into allowed_mentions). */
function apiBody(p: MessagePayload): Record<string, unknown> {
  return { ...p, allowed_mentions: { parse: p.allowedMentions.parse, replied_user: p.allowedMentions.repliedUser } };
}

const fragment = fc.oneof(
  fc.constantFrom(
    '@everyone',
    '@here',
    '<@123456789012345678>',
    '<@&456789012345678901>',
    '<#123456789012345678>',
    '**bold**',
    '__under__',
    '*it*',
    '~~s~~',
    '`code`',
    '```',
    '||spoiler||',
    '> quote',
    '# head',
    '- item',
    '\\',
    '[masked](https://evil.example/x_y)',
    'https://www.unodc.org/documents/CND/CND_Sessions/E_CN7_2021_12_e.pdf',
    'Фонд борьбы с наркотиками',
    'مكتب الأمم المتحدة المعني بالمخدرات',
    '联合国毒品和犯罪问题办公室',
    'Fundación',
    '😀',
    '🇨🇴',
    '\n',
    '97.4%',
  ),
  fc.string({ minLength: 1, maxLength: 12 }),
  fc.integer({ min: 200, max: 3000 }).map((n) => 'ž'.repeat(n)),
);
const text = fc.array(fragment, { minLength: 0, maxLength: 40 }).map((parts) => parts.join(' '));

/** An excerpt that starts with a marked "heroin", then arbitrary text with arbitrary marked segments. */
const excerpt = fc.array(fc.tuple(text, fc.boolean()), { minLength: 0, maxLength: 6 }).map((segments) => {
  let out = 'heroin ';
  const marks: Mark[] = [[0, 6]];
  for (const [t, marked] of segments) {
    if (marked && t.trim()) marks.push([out.length, out.length + t.length]);
    out += t + ' ';
  }
  return { text: out, marks };
});

const source = fc.record({
  speaker: text,
  countryName: text,
  meeting: text,
  url: fc.constantFrom(undefined, 'https://gadebate.un.org/en/76/colombia', 'https://example.org/a_b_(c)'),
});

const hit = fc.tuple(excerpt, text, source).map(([ex, passage, s]): Hit => {
  const src: Source = { ...realSource };
  if (s.speaker) src.speaker = s.speaker;
  if (s.countryName) src.countryName = s.countryName;
  if (s.meeting) src.meeting = s.meeting;
  if (s.url) src.url = s.url;
  return { id: realHit.id, score: 1, excerpt: ex, text: ex.text + passage, source: src };
});

function expectSafe(p: MessagePayload): void {
  const body = apiBody(p);
  expect(checkMessage(body)).toEqual([]);
  expect(p.allowedMentions).toEqual({ parse: [], repliedUser: false });
  expect(mentionsThatPing({ content: p.content, allowed_mentions: body['allowed_mentions'], flags: 0 })).toEqual([]);
  if (p.content !== undefined) expect(p.content.length).toBeLessThanOrEqual(LIMITS.content);
  for (const e of p.embeds) {
    // Quoted text never carries a live mention: only our own "Shared by" line may.
    for (const field of [e.description ?? '', ...(e.fields ?? []).map((f) => f.value)]) expect(field).not.toMatch(/(^|[^\\])<@/);
  }
}

describe('renderReply on arbitrary excerpts', () => {
  it('search pages respect every limit, ping nobody and keep the bold marks', () => {
    fc.assert(
      fc.property(fc.array(hit, { minLength: 1, maxLength: 5 }), text, fc.nat(40), (hits, query, page) => {
        const response: SearchResponse = { query, total: page * 5 + hits.length, hits, tookMs: 3 };
        const p = renderReply(searchReply(response, page, { query: query || 'x', filters: { country: query } }, new StateStore()));
        expectSafe(p);
        expect(p.flags! & MESSAGE_FLAGS.Ephemeral).toBe(MESSAGE_FLAGS.Ephemeral);
        const fields = p.embeds[0]?.fields ?? [];
        expect(fields).toHaveLength(hits.length);
        for (const f of fields) expect(f.value.slice(0, 10)).toBe('**heroin**');
      }),
      { numRuns: 150 },
    );
  });

  it('citation cards and context views respect every limit and ping nobody', () => {
    fc.assert(
      fc.property(fc.array(hit, { minLength: 1, maxLength: 5 }), (hits) => {
        const card = renderReply(quoteCard(hits[0]!, '123456789012345678'));
        expectSafe(card);
        expect(card.flags! & MESSAGE_FLAGS.Ephemeral).toBe(0);
        expect(card.content).toBe('Shared by <@123456789012345678>');
        const context = renderReply(contextReply(hits, hits[0]!.id));
        expectSafe(context);
      }),
      { numRuns: 100 },
    );
  });

  it('document lists respect every limit', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(text, text), { maxLength: 30 }), fc.nat(5), text, (docs, page, filter) => {
        const summaries = docs.map(([title, speaker], i) => ({ id: `doc-${i}`, path: `x/${i}.txt`, meta: { title, speaker }, passages: i }));
        expectSafe(renderReply(sourcesReply(summaries, page, filter)));
      }),
      { numRuns: 100 },
    );
  });

  it('autocomplete choices stay within 25, names and values within 100', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ name: text, value: text }), { maxLength: 60 }), (choices) => {
        const out = renderChoices(choices);
        expect(out.length).toBeLessThanOrEqual(LIMITS.autocompleteChoices);
        for (const c of out) {
          expect(c.name.length).toBeGreaterThan(0);
          expect(c.name.length).toBeLessThanOrEqual(LIMITS.choiceName);
          expect(c.value.length).toBeLessThanOrEqual(LIMITS.choiceValue);
        }
      }),
    );
  });
});

describe('renderReply on a real hit', () => {
  it('shows the excerpt with bold matches, a citation and the controls', () => {
    const response: SearchResponse = { query: 'heroin smuggled Afghanistan', total: 1, hits: [realHit], tookMs: 2 };
    const p = renderReply(searchReply(response, 0, { query: 'heroin smuggled Afghanistan', filters: {} }, new StateStore()));
    const field = p.embeds[0]!.fields![0]!;
    expect(field.value).toContain('**heroin** was **smuggled** from **Afghanistan**');
    expect(field.value).toContain('Center for Governance Research (CGR) from Pakistan');
    expect(field.value).toMatch(/— .*Commission on Narcotic Drugs.*¶ 2/);
    expect(p.embeds[0]!.title).toBe('1–1 of 1 for “heroin smuggled Afghanistan”');
    const labels = p.components.flatMap((r) => r.components).map((c) => ('label' in c ? c.label : c.placeholder));
    expect(labels).toEqual([
      '◀ Prev',
      'Next ▶',
      'Export CSV',
      'Share… (post an excerpt to the channel)',
      'More context (neighbouring paragraphs)',
      'Save… (keep a passage in /saved)',
    ]);
    expect(p.flags).toBe(MESSAGE_FLAGS.Ephemeral);
  });

  it('suppresses link previews on plain messages', () => {
    const p = renderReply({ visibility: 'public', text: 'See https://gadebate.un.org/en/76/colombia' });
    expect(p.content).toBe('See <https://gadebate.un.org/en/76/colombia>');
    expect(p.flags! & MESSAGE_FLAGS.SuppressEmbeds).toBe(MESSAGE_FLAGS.SuppressEmbeds);
  });
});

describe('the loading reply', () => {
  it('reads as one sentence, with or without progress (no doubled punctuation)', async () => {
    const { loadingReply } = await import('../../src/render/replies.ts');
    expect(loadingReply(0, 0).text).toBe('Library is loading. Try again in a moment.');
    expect(loadingReply(3, 10).text).toBe('Library is loading: 3/10 files read. Try again in a moment.');
  });
});
