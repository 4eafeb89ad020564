/**
 * Spanish as staff have it: Mexico's GA79 statement (a PDF) and E/RES/2023/1 in Spanish (UN XML),
 * from test/fixtures/un-documents, beside the English resolution. Spanish words meet in their forms
 * by Spanish's Snowball stemmer, which the index applies to each word of a passage read as Spanish.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeExtractors } from '../../src/ingest/load-library.ts';
import type { VerbatimEngine } from '../../src/search/engine.ts';
import { engineOfUnDocuments, markedWords as marked } from '../support/library.ts';

let engine: VerbatimEngine;

beforeAll(async () => {
  ({ engine } = await engineOfUnDocuments(['E_RES_2023_1-ES.xml', 'GA79_statement_Mexico_es.pdf', 'E_RES_2023_1-EN.xml']));
}, 60_000);
afterAll(closeExtractors);

describe("Spanish words meet in their forms, by Spanish's Snowball stemmer", () => {
  it('"internacionales" finds "internacional" (which English stems apart), marked, and no French "internationale"', async () => {
    const res = await engine.search('internacionales', { limit: 50 });
    const words = new Set(res.hits.flatMap(marked).map((w) => w.toLowerCase()));
    expect(words).toContain('internacional');
    expect(words).toContain('internacionales');
    // a word the library holds is no typo: no correction to another language's spelling
    expect([...words].filter((w) => w.startsWith('internation'))).toEqual([]);
    expect((await engine.count('internacionales')).total).toBe(res.total);
  });

  it('"nacionales" finds "nacional", not "naciones" (before, a typo correction two letters away)', async () => {
    const res = await engine.search('nacionales', { limit: 50 });
    const words = new Set(res.hits.flatMap(marked).map((w) => w.toLowerCase()));
    expect(words).toContain('nacional');
    expect(words.has('naciones')).toBe(false);
  });

  it('"políticas" typed with or without its accent finds "política" and "políticos"', async () => {
    for (const q of ['políticas', 'politicas']) {
      const words = new Set((await engine.search(q, { limit: 50 })).hits.flatMap(marked).map((w) => w.toLowerCase()));
      expect(words).toContain('política');
      expect(words).toContain('políticos');
    }
  });

  it('an English query keeps its English reading in the English resolution', async () => {
    const res = await engine.search('international cooperation', { limit: 5 });
    expect(res.hits[0]!.source.document).toMatch(/EN/);
  });
});

describe('French and Spanish function words are left out of a query, as English stop words are', () => {
  it('"derechos de las mujeres y la paz" searches derechos, mujeres and paz: nothing marks "de", "las", "y" or "la"', async () => {
    const res = await engine.search('derechos de las mujeres y la paz', { limit: 50 });
    expect(res.hits.length).toBeGreaterThan(0);
    const marks = res.hits.flatMap(marked).map((w) => w.toLowerCase());
    for (const w of ['de', 'las', 'y', 'la']) expect(marks).not.toContain(w);
    // before: 144 passages, found by "de", "la" and "y" alone
    expect(res.total).toBe((await engine.search('derechos mujeres paz', { limit: 1 })).total);
  });

  it('typed in capitals they are words (DE, LA); alone they are refused like "the of"; in quotes a phrase holds them', async () => {
    const { parseQuery } = await import('../../src/search/query.ts');
    expect(parseQuery('DE trade').words.map((w) => w.term)).toEqual(['de', 'trade']);
    expect(parseQuery('El Salvador').words.map((w) => w.term)).toEqual(['salvador']);
    expect(() => parseQuery('de la')).toThrow(/only very common words/);
    const quoted = await engine.search('"inclusión de las mujeres"', { limit: 5 });
    expect(quoted.hits.length).toBeGreaterThan(0);
    expect(quoted.hits.flatMap(marked)).toContain('inclusión de las mujeres');
  });
});

describe('which passages are read as Spanish', () => {
  it('a short sentence of Mexico\'s statement is Spanish ("inversiones" finds its "inversión"); English footnotes and names are not', async () => {
    const { textLanguage } = await import('../../src/index/analyzer.ts');
    const res = await engine.search('inversiones', { limit: 10 });
    expect(res.hits.flatMap(marked)).toContain('inversión');
    expect(textLanguage('See para. 12; para. 5 and para. 7 on Al-Qaida, Al-Shabaab and their affiliates.')).toBeNull();
    expect(textLanguage('General Kim Jong Il devoted tireless efforts; Kim Il Sung.')).toBeNull();
    // longer function words count too
    expect(textLanguage('También hemos trabajado con nuestros socios.')).toBe('es');
  });

  it('one Spanish function word of its own with those Spanish shares with French (de, la, en) is enough: "inaugurar" finds Mexico\'s "inauguraremos"', async () => {
    const { textLanguage } = await import('../../src/index/analyzer.ts');
    // before: "el" alone counted, and the passage was read as English
    const res = await engine.search('inaugurar', { limit: 5 });
    expect(res.hits.map((h) => h.text)).toContain(
      'El 1º de octubre inauguraremos la Administración de la primera presidenta mujer en 200 años, la Dra. Claudia Sheinbaum.',
    );
    expect(res.hits.flatMap(marked)).toContain('inauguraremos');
    // the shared words alone tell nothing, nor do names with "de" and "La" in English
    expect(textLanguage('Plenario de la Asamblea General, 28 de septiembre de 2024.')).toBeNull();
    expect(textLanguage('Javier Pérez de Cuéllar spoke in La Paz and in Le Monde.')).toBeNull();
    // "nos" is French and Spanish alike: it tells neither
    expect(textLanguage('Nos pays partagent nos valeurs.')).not.toBe('es');
    expect(textLanguage('Nos pays partagent nos valeurs et notre avenir.')).toBe('fr');
  });
});
