/** Reply models for saved passages (/saved and the Save controls). Pure. */
import type { SaveOutcome, SavedPassage } from '../saved/store.ts';
import type { Control, Reply } from './models.ts';
import { rangeLabel } from './replies.ts';
import { escapeMarkdown, link, truncate } from './text.ts';

export const SAVED_PER_PAGE = 5;

/** One page of a person's saved passages, newest first, with paging and a Remove… menu. */
export function savedListReply(items: readonly SavedPassage[], page: number, total: number, limit: number): Reply {
  if (total === 0) {
    return {
      visibility: 'ephemeral',
      update: page > 0,
      text: 'You have no saved passages yet. Choose **Save** under a search result, an alert or a shared card.',
    };
  }
  const pages = Math.max(1, Math.ceil(total / SAVED_PER_PAGE));
  const offset = page * SAVED_PER_PAGE;
  const controls: Control[][] = [];
  if (pages > 1) {
    controls.push([
      { kind: 'button', id: `saved:page:${Math.max(0, page - 1)}`, label: '◀ Prev', disabled: page === 0 },
      { kind: 'button', id: `saved:page:${page + 1}`, label: 'Next ▶', disabled: page + 1 >= pages },
    ]);
  }
  const options = items.map((s, i) => ({ label: `${offset + i + 1}. ${s.source}`, value: s.passageId, description: s.text }));
  if (options.length) {
    controls.push([{ kind: 'select', id: 'search:share', placeholder: 'Share… (post a passage to the channel)', options }]);
    controls.push([{ kind: 'select', id: 'saved:remove', placeholder: 'Remove… (forget a saved passage)', options }]);
  }
  return {
    visibility: 'ephemeral',
    update: page > 0,
    cards: [
      {
        title: `Your saved passages: ${rangeLabel(offset, items.length, total)}`,
        description: escapeMarkdown(`Page ${page + 1} of ${pages}`),
        fields: items.map((s, i) => ({
          name: `${offset + i + 1} · ${escapeMarkdown(truncate(s.source, 200))}`,
          value: `${escapeMarkdown(truncate(s.text, 400))}\n— ${link(s.citation, s.url)} · \`${s.passageId}\``,
        })),
        footer: `Only you can see this. You may keep up to ${limit} passages; /saved export attaches them as CSV.`,
        color: 0x2b6cb0,
      },
    ],
    controls,
  };
}

export function savedOutcomeReply(outcome: SaveOutcome | 'removed' | 'not-saved', limit: number): Reply {
  const text = {
    saved: 'Saved. `/saved list` shows your saved passages; only you can see them.',
    already: 'You had already saved this passage. `/saved list` shows them.',
    limit: `You already keep ${limit} passages, the most one person may. Remove some with \`/saved remove\` first.`,
    removed: 'Removed from your saved passages.',
    'not-saved': 'That passage is not among your saved passages.',
  }[outcome];
  return { visibility: 'ephemeral', text };
}
