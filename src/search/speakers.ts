/**
 * Who speaks in each passage, for citations, filters, facets, trends and follows: in a document with
 * statements (a record, or a report narrating statements; see src/ingest/statements.ts) a passage
 * inside a statement is the statement's speaker's, and the rest is the document's; a delegation's
 * statement's heading (its title, letterhead, place and date; LibraryDocument.heading) is no one's
 * words. Pure: documents in, answers out.
 *
 * - `country:` and `speaker:` match who speaks: Colombia's statement in a GA record, not the record;
 *   a passage a report narrates is its actor's, not the report author's.
 * - `org:` matches who speaks (a body in the parenthesis, a narrated organisation) or the document's
 *   own organisation: the report stays the source, so its author finds all of it.
 */
import { fold } from '../index/analyzer.ts';
import { normalizeCountry } from '../ingest/country.ts';
import { presidingName } from '../ingest/statements.ts';
import type { DocumentMeta, Facet, Statement } from '../types.ts';

/** A document as the store holds it (only what this module reads). */
export interface SpeakingDocument {
  id: string;
  meta: DocumentMeta;
  /** Passages of the document. */
  count: number;
  statements?: readonly Statement[];
  /** How many of its first passages are its statement's heading (LibraryDocument.heading). */
  heading?: number;
}

/**
 * Whether passage `ordinal` of `d` is its statement's heading ("Discours de SEM Bassirou Diomaye
 * Diakhar FAYE, Président de la République du Sénégal", "New York, 25 septembre 2024"): no one
 * speaks in it, so it is cited by the document's title and no `speaker:` filter, speaker trend or
 * speaker follow counts it. It stays the delegation's document: its country and organisation are the
 * document's, as a record's masthead is the record's, so `country:SEN` and `doc:` still find it.
 */
export function inStatementHeading(d: { heading?: number | undefined }, ordinal: number): boolean {
  return ordinal < (d.heading ?? 0);
}

/** Who speaks in a run of passages (ordinals first … last) of one document. */
export interface Voice {
  first: number;
  last: number;
  speaker?: string | undefined;
  country?: string | undefined;
  countryName?: string | undefined;
  /** Organisations the passages answer to: the statement's body or narrated actor, and the document's. */
  organisations: string[];
  /** Who presides, when the speaker is the presiding officer ("The President": "Mr. Thomson"). */
  presiding?: string | undefined;
}

/** The document's passages cut into runs of one voice, in order, covering 0 … count-1. */
export function voices(d: SpeakingDocument): Voice[] {
  const m = d.meta;
  const out: Voice[] = [];
  /** The document's own voice over first … last: no speaker in its statement's heading. */
  const own = (first: number, last: number): void => {
    const voice = (from: number, to: number, speaker: boolean): Voice => ({
      first: from,
      last: to,
      ...(speaker ? { speaker: m.speaker } : {}),
      country: m.country,
      countryName: m.countryName,
      organisations: m.organisation ? [m.organisation] : [],
    });
    let from = first;
    if (inStatementHeading(d, from)) {
      const to = Math.min(last, (d.heading ?? 0) - 1);
      out.push(voice(from, to, false));
      from = to + 1;
    }
    if (from <= last) out.push(voice(from, last, true));
  };
  const list = d.statements ?? [];
  if (!list.length) {
    if (d.count > 0) own(0, d.count - 1);
    return out;
  }
  let next = 0;
  for (const s of list) {
    if (s.first > next) own(next, s.first - 1);
    const orgs = [s.organisation, s.kind === 'reported' ? s.speaker : undefined, m.organisation].filter((o): o is string => !!o);
    const v: Voice = { first: s.first, last: s.last, speaker: s.speaker, country: s.country, countryName: s.countryName, organisations: orgs };
    const presiding = presidingName(s);
    if (presiding) v.presiding = presiding;
    out.push(v);
    next = s.last + 1;
  }
  if (next < d.count) own(next, d.count - 1);
  return out;
}

/**
 * Who speaks, by name: the presiding officer's own ("Mr. Thomson") rather than "The President",
 * which every record's presiding officer shares; the speaker as written otherwise.
 */
export function voiceName(v: Voice): string | undefined {
  return v.presiding ?? v.speaker;
}

/** A test on who speaks. */
export type VoiceTest = (v: Voice) => boolean;

/**
 * The passages (ordinals within the document) whose voice passes every test: 'all', 'none', or the
 * list (ascending) when only some do.
 */
export function passagesWhere(d: SpeakingDocument, tests: readonly VoiceTest[]): 'all' | 'none' | number[] {
  if (!tests.length) return 'all';
  const vs = voices(d);
  const pass = vs.map((v) => tests.every((t) => t(v)));
  if (pass.every(Boolean)) return 'all';
  if (!pass.some(Boolean)) return 'none';
  const out: number[] = [];
  vs.forEach((v, i) => {
    if (pass[i]) for (let o = v.first; o <= v.last; o++) out.push(o);
  });
  return out;
}

/** A facet's values in one document with the passages carrying each: [value, label, passages]. */
export function facetEntries(d: SpeakingDocument, facet: Extract<Facet, 'country' | 'speaker' | 'organisation'>): Array<[string, string, number]> {
  const counts = new Map<string, [string, number]>();
  const add = (value: string | undefined, label: string | undefined, n: number): void => {
    if (!value) return;
    const e = counts.get(value);
    if (e) e[1] += n;
    else counts.set(value, [label ?? value, n]);
  };
  for (const v of voices(d)) {
    const n = v.last - v.first + 1;
    if (facet === 'country') add(v.country, (v.country && normalizeCountry(v.country)?.name) ?? v.countryName, n);
    else if (facet === 'speaker') add(voiceName(v), voiceName(v), n);
    else for (const o of new Set(v.organisations)) add(o, o, n);
  }
  return [...counts].map(([value, [label, n]]) => [value, label, n]);
}

/** Forms of address before a name: "Mr. Juan Manuel Santos Calderón" is Juan Manuel Santos Calderón. */
const HONORIFIC =
  /^(?:(?:mr|mrs|ms|miss|mme|mlle|madam|madame|dr|sir|hon|honourable|honorable|h\.?\s?e|his excellency|her excellency|excellency)(?:\.\s*|\s+))+/i;

/**
 * A speaker's name without a leading form of address ("Mr.", "H.E.", "Dr.") when a full name
 * follows; a record's "Mr. Arcilla" (a surname alone) keeps it.
 */
export function withoutHonorific(name: string): string {
  const stripped = name.trim().replace(HONORIFIC, '').trim();
  return stripped.split(/\s+/).length >= 2 ? stripped : name.trim();
}

/**
 * What makes two spellings of a speaker one speaker: accents, case, punctuation and a leading form of
 * address do not count ("Mr. Juan Manuel Santos Calderón" = "Juan Manuel Santos Calderon").
 */
export function speakerKey(name: string): string {
  return fold(withoutHonorific(name))
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}
