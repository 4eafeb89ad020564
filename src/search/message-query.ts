/**
 * A chat message read as a query ("Find related statements"): its searchable words, and whether
 * there are enough of them to find statements on its subject rather than chance matches.
 */
import { QueryError, type SearchEngine } from '../types.ts';
import { queryFromText } from './query.ts';

/** Words kept from a message; more only dilutes the ranking. */
export const MAX_MESSAGE_WORDS = 16;
/** Longer "words" are pasted ids, hashes or base64, not language. */
const MAX_WORD_LENGTH = 40;

/**
 * The fewest words (that some passage holds) a message needs to be searched. Chosen from 24 real
 * chat messages tried on the bundled sample and the UNGDC library (QA22 F8.4): of those left with one
 * such word ("thanks!", "yes", "wow", "ty 🙏", "lol ok 👍", "brb meeting", "fentanyl?") all but
 * "fentanyl?" listed chance matches; from two words ("nuclear disarmament", "climate finance",
 * "sanctions on Iran") the message's subject is found, beside chat ("see you tomorrow").
 */
export const MIN_MESSAGE_WORDS = 2;
/** Up to this many words the reply names them: a short message finds what shares a word, not always its subject. */
export const FEW_MESSAGE_WORDS = 4;

/** The searchable words of a chat message: mentions, channels, emoji, URLs and code fences dropped. */
export function messageQuery(text: string): string {
  const cleaned = text
    .replace(/<(?:@[!&]?|#)\d+>/g, ' ')
    .replace(/<a?:\w+:\d+>/g, ' ')
    .replace(/<t:\d+(?::\w)?>/g, ' ')
    .replace(/@(?:everyone|here)\b/g, ' ')
    .replace(/\bhttps?:\/\/\S+/g, ' ')
    .replace(/```/g, ' ')
    .split(/\s+/)
    .filter((w) => w.length <= MAX_WORD_LENGTH)
    .join(' ');
  return queryFromText(cleaned, MAX_MESSAGE_WORDS);
}

/** What to do with a message: nothing to search, too few words (refused, saying why), or a query (with a notice naming its few words). */
export type MessageSearch = { kind: 'nothing' } | { kind: 'too-few'; message: string } | { kind: 'search'; query: string; notices: string[] };

const quoted = (words: readonly string[]): string => words.map((w) => `“${w}”`).join(', ');
const noPassage = (words: readonly string[]): string => `${quoted(words)} ${words.length === 1 ? 'is' : 'are'} in no passage`;

/**
 * Reads a chat message for "Find related statements": its words ({@link messageQuery}), each asked of
 * the library until more than {@link FEW_MESSAGE_WORDS} are found in it. A message of fewer than
 * {@link MIN_MESSAGE_WORDS} words, or with fewer than that the library holds (but some), is refused
 * with a message naming them; up to FEW_MESSAGE_WORDS held, those are searched and a notice names
 * them; more, the message's words are searched as they are. Words none of which the library holds
 * are searched too, so that the reply is search's own "No passages match".
 */
export async function messageSearch(text: string, engine: Pick<SearchEngine, 'search'>): Promise<MessageSearch> {
  const words = messageQuery(text).split(' ').filter(Boolean);
  if (!words.length) return { kind: 'nothing' };
  const all: MessageSearch = { kind: 'search', query: words.join(' '), notices: [] };
  const held: string[] = [];
  const unheld: string[] = [];
  for (const word of words) {
    if (held.length > FEW_MESSAGE_WORDS) return all;
    let total = 0;
    try {
      total = (await engine.search(word, { limit: 1 })).total;
    } catch (err) {
      if (!(err instanceof QueryError)) throw err;
    }
    (total > 0 ? held : unheld).push(word);
  }
  if (held.length > FEW_MESSAGE_WORDS || (held.length === 0 && words.length >= MIN_MESSAGE_WORDS)) return all;
  if (held.length < MIN_MESSAGE_WORDS) {
    const found = held.length ? `only ${quoted(held)} (${unheld.length ? `${noPassage(unheld)}; ` : ''}` : `${noPassage(unheld)} (`;
    const alone = held.length ? `; to search for ${quoted(held)} alone, use \`/search query: ${held.join(' ')}\`` : '';
    return {
      kind: 'too-few',
      message:
        `This message has too few words to search with: ${found}small words such as “the”, emoji, links and mentions do not count). ` +
        `Find related statements needs at least ${MIN_MESSAGE_WORDS} words that passages hold${alone}.`,
    };
  }
  return {
    kind: 'search',
    query: held.join(' '),
    notices: [`Searched with this message’s few words: ${quoted(held)}${unheld.length ? ` (${noPassage(unheld)})` : ''}.`],
  };
}
