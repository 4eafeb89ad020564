/**
 * Test libraries: the bot tests' library (the sample CND report plus excerpts of three 2021 General
 * Debate speeches), and small libraries of statements written for one test.
 */
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadFile, loadLibrary } from '../../src/ingest/load-library.ts';
import { openLibrary } from '../../src/library/open.ts';
import { createEngine, type VerbatimEngine } from '../../src/search/engine.ts';
import type { Hit, LibraryDocument } from '../../src/types.ts';

export const FIXTURE_LIBRARY = fileURLToPath(new URL('../discord/fixtures/library', import.meta.url));

let opened: ReturnType<typeof openLibrary> | undefined;

/** Opens the fixture library once per test file (cache in a temp folder). */
export function openFixtureLibrary(): ReturnType<typeof openLibrary> {
  opened ??= openLibrary({ dataDir: FIXTURE_LIBRARY, cachePath: path.join(mkdtempSync(path.join(tmpdir(), 'verbatim-bot-')), 'index.json') });
  return opened;
}

/** An engine over a library of one `statements.jsonl` holding `lines` (its temporary folder removed once read). */
export async function engineOfStatements(lines: ReadonlyArray<{ id: string; title: string; text: string }>): Promise<VerbatimEngine> {
  const dir = mkdtempSync(path.join(tmpdir(), 'verbatim-statements-'));
  try {
    writeFileSync(path.join(dir, 'statements.jsonl'), lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
    const lib = await loadLibrary(dir);
    return createEngine(lib.documents, lib.report);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * An engine over some of the real UN documents in test/fixtures/un-documents (copied to a temporary
 * folder, removed once read), every one of them indexed, and the text of every passage.
 */
export async function engineOfUnDocuments(files: readonly string[]): Promise<{ engine: VerbatimEngine; texts: string[] }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'verbatim-un-documents-'));
  try {
    for (const f of files) cpSync(fileURLToPath(new URL(`../fixtures/un-documents/${f}`, import.meta.url)), path.join(dir, f));
    const lib = await loadLibrary(dir);
    if (lib.report.skipped.length) throw new Error(`not indexed: ${JSON.stringify(lib.report.skipped)}`);
    return { engine: createEngine(lib.documents, lib.report), texts: lib.documents.flatMap((d) => d.passages.map((p) => p.text)) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** One real UN document of test/fixtures/un-documents as ingestion gives it; throws if it was skipped. */
export async function loadUnDocument(file: string): Promise<LibraryDocument> {
  const r = await loadFile(fileURLToPath(new URL('../fixtures/un-documents', import.meta.url)), file);
  if (r.skipped.length) throw new Error(`${file} not indexed: ${JSON.stringify(r.skipped)}`);
  return r.documents[0]!;
}

/** The words a hit's excerpt marks, as the excerpt writes them. */
export const markedWords = (h: Hit): string[] => h.excerpt.marks.map(([a, b]) => h.excerpt.text.slice(a, b));
