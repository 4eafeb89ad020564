/**
 * Reply models for every answer the bot gives. Pure: hits and library facts in, {@link Reply} out.
 * Quoted text is escaped here; limits are enforced by the renderer.
 */
import type { NoHitsHelp } from '../search/no-hits.ts';
import type { DocumentSummary, Hit, LibraryStats, SearchResponse, Source } from '../types.ts';
import { alsoInLine, citationLine, paragraphLabel, passageUrl, speakerLabel } from '../search/citation.ts';
import { highlight } from '../search/excerpt.ts';
import { describeFilters, type FilterLabel } from '../search/filter-values.ts';
import { exportId, pageId, type SearchState, type StateStore } from './custom-id.ts';
import { LIMITS } from './discord-limits.ts';
import type { Card, Control, FileAttachment, Reply } from './models.ts';
import { countOf, escapeMarkdown, link, quotedQuery, truncate } from './text.ts';

export const HITS_PER_PAGE = 5;
export const SOURCES_PER_PAGE = 10;
/** Passages shown on either side for "More context". */
export const CONTEXT_RADIUS = 2;

/** The select menu that saves one of the listed passages (handled by /saved). */
export const SAVE_SELECT = 'saved:add';

/** A "Save" button for one passage (handled by /saved): anyone who sees it keeps it in their own list. */
export function saveButton(passageId: string): Control {
  return { kind: 'button', id: `${SAVE_SELECT}:${passageId}`, label: 'Save' };
}

const COLOR = { results: 0x2b6cb0, quote: 0x4a5568, warn: 0xc05621, error: 0xc53030 } as const;

/** The matched words in bold, the rest of the excerpt escaped. */
export function excerptMarkdown(hit: Hit): string {
  return highlight(hit.excerpt, '**', '**', escapeMarkdown);
}

/** Who said it, for labels: speaker or organisation, country. */
export function sourceLabel(source: Source): string {
  const speaker = speakerLabel(source);
  if (speaker) return speaker;
  const who = source.speaker ?? source.organisation ?? source.title ?? source.document;
  const where = source.countryName ?? source.country;
  return where && !who.includes(where) ? `${who} (${where})` : who;
}

/** The one-line citation, linked to the passage when the document has a URL. */
export function citationMarkdown(hit: Hit): string {
  return link(citationLine(hit.source), passageUrl(hit.source, hit.text));
}

/** Where else a hit's text is, on its own line in italics ("*also in A/80/604/Add.6 (….docx)*"); empty when nowhere. */
function alsoInMarkdown(hit: Hit): string {
  const line = alsoInLine(hit);
  return line ? `\n*${escapeMarkdown(line)}*` : '';
}

/** ` · country: Colombia, Mexico · session 70–76 · not USA · newest first` (empty without filters or sort). */
function filterSummary(state: SearchState, label?: FilterLabel): string {
  const line = describeFilters(state.filters, label);
  const sort = state.sort && state.sort !== 'relevance' ? `${state.sort} first` : '';
  const parts = [line ? truncate(line, 300) : '', sort].filter(Boolean);
  return parts.length ? ` · ${parts.join(' · ')}` : '';
}

/** "1–5 of 37"; "1–5 of about 6,800" when the total is an estimate. */
export function rangeLabel(offset: number, shown: number, total: number, estimated = false): string {
  const of = estimated ? `about ${total.toLocaleString('en-US')}` : `${total}`;
  return shown === 0 ? `0 of ${of}` : `${offset + 1}–${offset + shown} of ${of}`;
}

/** A line saying how a query was read leniently (ParsedQuery.notices), in italics: search, trends and follows show them alike. */
export function noticeLine(notice: string): string {
  return `*${escapeMarkdown(notice)}*`;
}

/** What a page of results is for: `for “query”`, or, for filter options alone (no query), the passages they allow. */
function queryLabel(query: string): string {
  return query.trim() ? `for ${quotedQuery(truncate(query, 120))}` : 'passages the filters allow';
}

/** One page of search results with paging, "Share…" and "More context" controls. */
export function searchReply(response: SearchResponse, page: number, state: SearchState, store: StateStore, label?: FilterLabel): Reply {
  const offset = page * HITS_PER_PAGE;
  const pages = Math.max(1, Math.ceil(response.total / HITS_PER_PAGE));
  const card: Card = {
    title: `${rangeLabel(offset, response.hits.length, response.total, response.totalEstimated)} ${queryLabel(state.query)}`,
    description:
      escapeMarkdown(`Page ${page + 1} of ${response.totalEstimated ? 'about ' : ''}${pages}${filterSummary(state, label)}`) +
      (response.partial ? '\n*Partial results: the search was cut short.*' : '') +
      (response.notices ?? []).map((n) => `\n${noticeLine(n)}`).join(''),
    fields: response.hits.map((hit, i) => ({
      name: `${offset + i + 1} · ${escapeMarkdown(sourceLabel(hit.source))}`,
      value: `${excerptMarkdown(hit)}\n— ${citationMarkdown(hit)}${alsoInMarkdown(hit)}`,
    })),
    footer: 'Only you can see this. Share… posts one excerpt to the channel.',
    color: COLOR.results,
  };
  const options = response.hits.map((hit, i) => ({
    label: `${offset + i + 1}. ${sourceLabel(hit.source)}`,
    value: hit.id,
    description: hit.excerpt.text,
  }));
  const controls: Control[][] = [
    [
      { kind: 'button', id: pageId(Math.max(0, page - 1), state, store), label: '◀ Prev', disabled: page === 0 },
      { kind: 'button', id: pageId(page + 1, state, store), label: 'Next ▶', disabled: page + 1 >= pages },
      { kind: 'button', id: exportId(state, store), label: 'Export CSV' },
    ],
  ];
  if (options.length) {
    controls.push([{ kind: 'select', id: 'search:share', placeholder: 'Share… (post an excerpt to the channel)', options }]);
    controls.push([{ kind: 'select', id: 'search:context', placeholder: 'More context (neighbouring paragraphs)', options }]);
    controls.push([{ kind: 'select', id: SAVE_SELECT, placeholder: 'Save… (keep a passage in /saved)', options }]);
  }
  return { visibility: 'ephemeral', cards: [card], controls, update: page > 0 };
}

/**
 * The "Export CSV" answer: the file, and what it holds. `shown` hits are in the file out of `total`
 * matches; `cap` says why it stops early ('limit': the export maximum, 'size': Discord's upload size).
 */
export function exportReply(
  state: SearchState,
  file: FileAttachment,
  shown: number,
  total: number,
  cap?: 'limit' | 'size',
  label?: FilterLabel,
): Reply {
  const why =
    cap === 'limit'
      ? ` (the first ${shown}: an export holds at most ${shown} hits)`
      : cap === 'size'
        ? ` (the first ${shown}: Discord takes files up to 10 MB)`
        : '';
  return {
    visibility: 'ephemeral',
    text: `${plural(shown, 'hit')} of ${total} ${state.query.trim() ? `for **${escapeMarkdown(truncate(state.query, 200))}**` : 'the filters allow'}${escapeMarkdown(filterSummary(state, label))} as CSV${why}: rank, score, excerpt, passage text, every source field and a link. UTF-8; opens in Excel.`,
    files: [file],
  };
}

/** "No passages match …" with a spelling suggestion and which filter or word to drop. */
export function noHitsReply(state: SearchState, help: NoHitsHelp, notices: readonly string[] = [], label?: FilterLabel): Reply {
  // filters alone, one of which finds nothing in the library: that, in one sentence
  if (help.emptyFilters && help.filtersAlone)
    return { visibility: 'ephemeral', text: [escapeMarkdown(help.emptyFilters), ...notices.map(noticeLine)].join('\n') };
  const what = state.query.trim() ? `**${escapeMarkdown(truncate(state.query, 200))}**` : 'the filters';
  const lines = [`No passages match ${what}${escapeMarkdown(filterSummary(state, label))}.`];
  for (const n of notices) lines.push(noticeLine(n));
  // with words, a filter that finds nothing in the library at all: named, with what the library holds
  if (help.emptyFilters) lines.push(escapeMarkdown(help.emptyFilters));
  if (help.suggestion) lines.push(`Did you mean **${escapeMarkdown(help.suggestion)}**?`);
  for (const d of help.dropFilters) {
    const what =
      d.value === undefined ? `the ${d.filter} filter` : `“${escapeMarkdown(truncate(describeFilters({ [d.filter]: d.value }, label), 100))}”`;
    lines.push(`Without ${what}: ${plural(d.total, 'passage')}.`);
  }
  for (const d of help.dropWords) {
    // a filter written in the query (session:75, -country:USA) is dropped like a word, but is no word
    const what = /^[-+]?\p{L}+:/u.test(d.word) ? '' : 'the word ';
    lines.push(`Without ${what}“${escapeMarkdown(d.word)}”: ${plural(d.total, 'passage')}.`);
  }
  if (!help.suggestion && !help.dropFilters.length && !help.dropWords.length)
    lines.push(
      help.filtersAlone
        ? 'Each of these filters finds passages on its own, but none together.'
        : 'Try fewer or more general words; /about shows the query syntax.',
    );
  return { visibility: 'ephemeral', text: lines.join('\n') };
}

/** The public citation card: the excerpt as a quote, the full source line, who shared it (named, never pinged). */
export function quoteCard(hit: Hit, sharedBy: string | undefined): Reply {
  const quote = escapeMarkdown(hit.text)
    .split('\n')
    .map((line) => `> ${line}`)
    .join('\n');
  const url = passageUrl(hit.source, hit.text);
  const card: Card = {
    title: truncate(sourceLabel(hit.source), 200),
    description: `${quote}\n\n— ${citationMarkdown(hit)}`,
    footer: `Passage ${hit.id} · /quote id:${hit.id}`,
    color: COLOR.quote,
  };
  if (url) card.url = url;
  const reply: Reply = { visibility: 'public', cards: [card], controls: [[saveButton(hit.id)]] };
  if (sharedBy) reply.text = `Shared by <@${sharedBy}>`;
  return reply;
}

/**
 * Share… in the member's DM with the bot (a DM alert, a user-installed /search there): posting the
 * card there would show it to them alone, so the answer says how to post it in a channel instead.
 */
export function shareFromDmReply(hit: Hit): Reply {
  return {
    visibility: 'ephemeral',
    text:
      `This is your direct message with Verbatim, so there is no channel here to share into. ` +
      `To post this passage in a channel, run \`/quote id:${hit.id.replace(/`/g, "'")}\` there.`,
  };
}

/** "More context": the passage with its neighbours, the chosen one marked. */
export function contextReply(hits: Hit[], centerId: string): Reply {
  const center = hits.find((h) => h.id === centerId) ?? hits[0];
  const body = hits
    .map((h) => {
      const text = escapeMarkdown(h.text);
      // labelled as citations are: the printed number a passage opens with or falls under, else ¶ and the count
      const label = paragraphLabel(h.source);
      return h.id === centerId ? `**${label}** ▶ ${text}` : `${label} ${text}`;
    })
    .join('\n\n');
  const controls: Control[][] = center
    ? [[{ kind: 'button', id: `quote:share:${center.id}`, label: 'Share this passage', style: 'primary' }, saveButton(center.id)]]
    : [];
  return {
    visibility: 'ephemeral',
    cards: [
      {
        title: center ? truncate(sourceLabel(center.source), 200) : 'Context',
        description: center ? `${body}\n\n— ${citationMarkdown(center)}` : body,
        color: COLOR.results,
      },
    ],
    controls,
  };
}

function documentLine(d: DocumentSummary): string {
  const bits = [d.meta.date, d.meta.countryName ?? d.meta.country, d.meta.speaker ?? d.meta.organisation].filter(Boolean);
  if (d.statements) bits.push(plural(d.statements, 'statement'));
  return `${link(d.meta.title ?? d.id, d.meta.url)} — ${escapeMarkdown([...bits, plural(d.passages, 'passage')].join(' · '))}\n\`${d.id.replace(/`/g, "'")}\``;
}

/** One page of the library's documents (in the engine's order: newest first, undated last), or why none is listed. */
export function sourcesReply(docs: DocumentSummary[], page: number, filter: string): Reply {
  if (!docs.length && filter) {
    return {
      visibility: 'ephemeral',
      update: page > 0,
      text:
        `No document’s title, symbol, id, country or speaker holds “${escapeMarkdown(truncate(filter, 60))}”. ` +
        'Try fewer words, or /sources alone for every document; /search finds what documents say.',
    };
  }
  const pages = Math.max(1, Math.ceil(docs.length / SOURCES_PER_PAGE));
  const p = Math.min(Math.max(0, page), pages - 1);
  const slice = docs.slice(p * SOURCES_PER_PAGE, (p + 1) * SOURCES_PER_PAGE);
  const f = filter.slice(0, 60).replace(/:/g, ' ');
  const description = slice.length ? slice.map(documentLine).join('\n\n') : 'The library is empty.';
  return {
    visibility: 'ephemeral',
    update: page > 0,
    cards: [
      {
        title: `${rangeLabel(p * SOURCES_PER_PAGE, slice.length, docs.length)} documents${filter ? ` matching “${truncate(filter, 60)}”` : ''}`,
        description,
        footer: `Page ${p + 1} of ${pages} · newest first · /source document:<id> for details`,
        color: COLOR.results,
      },
    ],
    controls:
      pages > 1
        ? [
            [
              { kind: 'button', id: `sources:page:${Math.max(0, p - 1)}:${f}`, label: '◀ Prev', disabled: p === 0 },
              { kind: 'button', id: `sources:page:${p + 1}:${f}`, label: 'Next ▶', disabled: p + 1 >= pages },
            ],
          ]
        : [],
  };
}

const META_LABELS: [keyof DocumentSummary['meta'], string][] = [
  ['date', 'Date'],
  ['dateEnd', 'Until'],
  ['meeting', 'Meeting'],
  ['session', 'Session'],
  ['speaker', 'Speaker'],
  ['post', 'Post'],
  ['organisation', 'Organisation'],
  ['countryName', 'Country'],
  ['symbol', 'Symbol'],
  ['language', 'Language'],
];

/** One document's details and passage count. */
export function sourceReply(doc: DocumentSummary): Reply {
  const fields = META_LABELS.flatMap(([key, name]) => {
    const value = doc.meta[key];
    return value ? [{ name, value: escapeMarkdown(value), inline: true }] : [];
  });
  fields.push({ name: 'Passages', value: String(doc.passages), inline: true });
  if (doc.statements) fields.push({ name: 'Statements', value: String(doc.statements), inline: true });
  if (doc.speakers?.length) fields.push({ name: 'Speakers', value: escapeMarkdown(truncate(doc.speakers.join(' · '), 900)), inline: false });
  fields.push({ name: 'File', value: escapeMarkdown(doc.path), inline: false });
  if (doc.meta.url) fields.push({ name: 'Link', value: doc.meta.url, inline: false });
  const card: Card = { title: doc.meta.title ?? doc.id, description: `Document id: \`${doc.id.replace(/`/g, "'")}\``, fields, color: COLOR.results };
  if (doc.meta.url) card.url = doc.meta.url;
  return { visibility: 'ephemeral', cards: [card] };
}

export interface AboutFacts {
  stats: LibraryStats;
  version: string;
  help: string;
  /** More facts (the limits on follows and saved passages), shown after the library's and before the help. */
  fields?: { name: string; value: string }[];
}

/** Library size, when it was indexed, the version and how to use the bot. */
export function aboutReply(facts: AboutFacts): Reply {
  const { stats } = facts;
  const indexed = new Date(stats.indexedAt);
  const when = Number.isNaN(indexed.getTime()) ? stats.indexedAt : `<t:${Math.floor(indexed.getTime() / 1000)}:f>`;
  return {
    visibility: 'ephemeral',
    cards: [
      {
        title: `Verbatim ${facts.version}`,
        description:
          'Search UN session statements and share citable excerpts.\n' +
          '`/search` finds passages (only you see the results); **Share…** posts one to the channel with its source. ' +
          '`/quote` posts a passage by id, `/sources` and `/source` show what the library holds.',
        fields: [
          { name: 'Documents', value: String(stats.documents), inline: true },
          { name: 'Passages', value: String(stats.passages), inline: true },
          { name: 'Indexed', value: when, inline: true },
          ...(stats.skipped.length ? [{ name: 'Skipped files', value: String(stats.skipped.length), inline: true }] : []),
          ...(facts.fields ?? []),
          // the syntax runs past one field's 1,024 characters: cut at line ends, never inside a line
          ...helpFields(facts.help),
        ],
        color: COLOR.results,
      },
    ],
  };
}

/** The query syntax as code-block fields of at most 1,024 characters each, cut between lines. */
function helpFields(help: string): { name: string; value: string }[] {
  const max = LIMITS.fieldValue - 8; // the fences
  const chunks: string[] = [];
  let cur = '';
  for (const line of help.replace(/```/g, "'''").split('\n')) {
    const piece = line.length > max ? line.slice(0, max) : line;
    if (cur && cur.length + 1 + piece.length > max) {
      chunks.push(cur);
      cur = '';
    }
    cur = cur ? `${cur}\n${piece}` : piece;
  }
  if (cur) chunks.push(cur);
  return chunks.map((c, i) => ({ name: i === 0 ? 'How to search' : 'How to search (continued)', value: '```\n' + c + '\n```' }));
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export interface ReindexSummary {
  added: number;
  changed: number;
  removed: number;
  skipped: number;
  documents: number;
  passages: number;
  ms: number;
}

export function reindexReply(s: ReindexSummary): Reply {
  return {
    visibility: 'ephemeral',
    text:
      `Library reloaded in ${(s.ms / 1000).toFixed(1)} s: ${plural(s.documents, 'document')}, ${plural(s.passages, 'passage')}.\n` +
      `Added ${s.added} · changed ${s.changed} · removed ${s.removed} · skipped ${s.skipped}.`,
  };
}

/** /reindex has started; its answer is edited into {@link reindexReply} when the rebuild is done. */
export function reindexStartedReply(): Reply {
  return {
    visibility: 'ephemeral',
    text: 'Rebuilding the library from its files… Searches are answered from the current index meanwhile. This message will say what changed when it is done.',
  };
}

/** While the library loads. */
export function loadingReply(done: number, total: number): Reply {
  const progress = total > 0 ? `: ${done}/${total} files read` : '';
  return { visibility: 'ephemeral', text: `Library is loading${progress}. Try again in a moment.` };
}

/** A problem the user can fix; the message is shown as written. */
export function userErrorReply(message: string): Reply {
  return { visibility: 'ephemeral', text: message };
}

/** A bug: a short apology quoting the id that is also in the log. */
export function apologyReply(errorId: string): Reply {
  return { visibility: 'ephemeral', text: `Sorry, something went wrong on our side. If it keeps happening, report error id \`${errorId}\`.` };
}

/**
 * A command Discord still offers but the bot no longer has (registered by an older version: renamed
 * or removed). Running it again cannot help; registering the bot's commands again does.
 */
export function unknownCommandReply(name: string): Reply {
  return {
    visibility: 'ephemeral',
    text: `This bot has no “${name}” command any more: Discord still offers it from an older registration. An administrator can update the list Discord shows with \`npm run deploy-commands\`.`,
  };
}

/** A control whose result the bot no longer holds. */
export function expiredReply(rerun: string): Reply {
  return { visibility: 'ephemeral', text: `This result has expired (the bot was restarted or the library changed). ${rerun}` };
}

/** What a trend answer shows: the chart (already drawn), its alt text and the top buckets. */
export interface TrendAnswer {
  title: string;
  /** What is counted, and by what: "matching passages per 1,000 passages of each year", "matching passages by country" (chart/spec.ts measureBy). */
  measure: string;
  total: number;
  noun: 'passages' | 'documents';
  /** Top buckets with counts, one line each (or each value's line, for a trend per value). */
  top: string[];
  /** What `top` is: "Top years", "Per country" (chart/spec.ts summaryHeading). */
  heading: string;
  png: Uint8Array;
  alt: string;
  fileName: string;
  /** How the query was read leniently ({@link TrendCounts.notices}): one italic line each, as search shows them. */
  notices?: readonly string[];
}

/** The trend chart with the answer in words, privately with Share… (or publicly, shared by someone). */
export function trendReply(t: TrendAnswer, controls: { shareId?: string; sharedBy?: string }): Reply {
  const lines = [
    ...(controls.sharedBy ? [`Shared by <@${controls.sharedBy}>`] : []),
    `**${escapeMarkdown(truncate(t.title, 300))}** — ${escapeMarkdown(t.measure)}: ${countOf(t.total, t.noun)} in all.`,
    ...(t.notices ?? []).map(noticeLine),
    `${t.heading}: ${t.top.map((l) => escapeMarkdown(l)).join(' · ')}`,
  ];
  const reply: Reply = {
    visibility: controls.sharedBy ? 'public' : 'ephemeral',
    text: lines.join('\n'),
    files: [{ name: t.fileName, data: t.png, description: t.alt }],
  };
  if (controls.shareId) reply.controls = [[{ kind: 'button', id: controls.shareId, label: 'Share…', style: 'primary' }]];
  return reply;
}

/**
 * A trend with no match: says so (and how the query was read leniently, as search does), with
 * nothing attached; `emptyFilters`: the filters that find nothing in the library at all, named as
 * search names them ({@link NoHitsHelp.emptyFilters}), instead of the advice on the words.
 */
export function noTrendReply(title: string, noun: string, notices: readonly string[] = [], emptyFilters?: string): Reply {
  const lines = [
    `No ${noun} match **${escapeMarkdown(truncate(title, 300))}**, so there is no trend to draw.${emptyFilters ? '' : ' Try fewer or more general words.'}`,
  ];
  for (const n of notices) lines.push(noticeLine(n));
  if (emptyFilters) lines.push(escapeMarkdown(emptyFilters));
  return { visibility: 'ephemeral', text: lines.join('\n') };
}

/** One entity of a comparison and its best passage (none: it says nothing on this). */
export interface CompareEntry {
  label: string;
  hit?: Hit;
  total: number;
}

/** `/compare`: one field per entity, its best passage's excerpt and citation, and Share… per passage. */
export function compareReply(query: string, entries: readonly CompareEntry[], notices: readonly string[] = []): Reply {
  const card: Card = {
    title: truncate(`${quotedQuery(query)} compared`, 200),
    // how the query was read leniently (an unclosed quote…), as /search and /trend say it
    description: [escapeMarkdown(`Best passage for each of ${entries.map((e) => e.label).join(', ')}.`), ...notices.map(noticeLine)].join('\n'),
    fields: entries.map((e) => ({
      name: `${escapeMarkdown(e.label)} · ${plural(e.total, 'passage')}`,
      value: e.hit
        ? `${excerptMarkdown(e.hit)}\n— ${citationMarkdown(e.hit)}`
        : `Nothing: no passage of ${escapeMarkdown(e.label)} matches this query.`,
    })),
    footer: 'Only you can see this. Share… posts one passage to the channel.',
    color: COLOR.results,
  };
  const shares: Control[] = entries.flatMap((e) =>
    e.hit ? [{ kind: 'button' as const, id: `quote:share:${e.hit.id}`, label: `Share: ${truncate(e.label, 60)}` }] : [],
  );
  return { visibility: 'ephemeral', cards: [card], controls: shares.length ? [shares] : [] };
}
