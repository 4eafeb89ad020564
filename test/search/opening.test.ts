/**
 * A document without a title is named by its opening (src/search/ranking/rerank.ts,
 * `openingCoverage`): an abstract that opens with what a query names comes before one that gets to
 * it late, as a title naming it would put it first. A titled document keeps its title's say, and a
 * long one (a speech, a report) opens with its occasion, not its topic.
 */
import { describe, expect, it } from 'vitest';
import type { VerbatimEngine } from '../../src/search/engine.ts';
import type { LibraryDocument } from '../../src/types.ts';
import { rankedWith } from '../support/options.ts';
import { onePassageDoc, outbreakEngine } from '../support/outbreak-library.ts';

const FILLER = [
  'The committee adopted its budget for the next biennium after long negotiations.',
  'Heat transfer to a blunt body in hypersonic flow was computed for three nose shapes.',
  'Supersonic flutter of flat panels was studied with a new aeroelastic model.',
  'The tunnel was rebuilt in 1958 to reach higher stagnation pressures.',
  'Wing loads in gusts were estimated from flight records of two transport aircraft.',
];
const OPENS =
  'Boundary layer transition on swept wings is described from tests at three Mach numbers. The model was mounted on a sting, pressures were recorded along the span with a rake of probes, and the surface was painted to show the flow.';
const LATE = 'Pressures were recorded along the span of the models at three Mach numbers, where the boundary layer transition on swept wings began.';

function library(titled: boolean): LibraryDocument[] {
  const doc = (id: string, text: string): LibraryDocument => (titled ? onePassageDoc(id, text) : { ...onePassageDoc(id, text), meta: {} });
  return [doc('opens', OPENS), doc('late', LATE), ...FILLER.map((t, i) => doc(`f${i}`, t))];
}
/** A speech's paragraphs after its first: none names what the query asks. */
const SPEECH = [
  'I thank the Secretary-General for his report on the work of the Organization.',
  'Our region has seen storms of a force that no one living remembers.',
  'Fisheries are the livelihood of our coastal villages and must be protected.',
  'We call for reform of the Security Council to reflect the world of today.',
  'Nuclear tests in the Pacific left a legacy that our people still bear.',
  'Trade rules must give small economies a fair chance to sell their goods.',
  'The peacekeepers we send serve under the blue flag with pride.',
  'Our schools now teach every child in two languages.',
  'The rule of law at sea protects the weak against the strong.',
  'Debt burdens keep too many states from investing in their people.',
  'We welcome the agreement reached on the protection of migrant workers.',
  'Health care must reach the remote islands as it reaches the capital.',
  'Our farmers need markets, roads and fair prices for their crops.',
  'Human rights are universal, and no tradition excuses their violation.',
  'The Organization must spend its budget with care and account for it.',
  'Young people must have a voice in the decisions that shape their future.',
  'We renew our commitment to the Charter and to this Assembly.',
];
/** A document as `id`'s paragraphs: `text`, then a speech's seventeen (more than a short document's sixteen passages). */
function speech(id: string, text: string): LibraryDocument {
  const passages = [text, ...SPEECH].map((t, i) => ({ id: `${id}-${i + 1}`, docId: id, paragraph: i + 1, ordinal: i, text: t }));
  return { id, path: `${id}.txt`, meta: {}, passages };
}
const first = (e: VerbatimEngine, q: string): string | undefined => e.searchSync(q, { limit: 3 }).hits[0]?.id;
const QUERY = 'boundary layer transition on swept wings';

describe('a document without a title is named by its opening', () => {
  it('an abstract opening with the words a query names comes before one that gets to them late', () => {
    const engine = outbreakEngine(library(false));
    expect(first(engine, QUERY)).toBe('opens-1');
    // without the opening's say, the shorter abstract holding the same words came first
    expect(first(rankedWith(engine, { opening: { weight: 0 } }), QUERY)).toBe('late-1');
  });

  it('a titled document is named by its title: its opening counts for nothing more', () => {
    expect(first(outbreakEngine(library(true)), QUERY)).toBe('late-1');
  });

  it('a long document (a speech, a report) is not named by its opening: it opens with its occasion', () => {
    const docs = [speech('opens', OPENS), speech('late', LATE), ...FILLER.map((t, i) => ({ ...onePassageDoc(`f${i}`, t), meta: {} }))];
    expect(first(outbreakEngine(docs), QUERY)).toBe('late-1');
  });
});
