/**
 * Dependencies point one way: entry points → commands → core. Only src/discord imports discord.js;
 * the core (ingest, index, search, render, library) and the commands import neither discord.js, pino nor
 * dotenv; ingest reads files without knowing search; nothing in src but the bot's composition
 * root (src/main.ts) imports commands/; only the entry points read process.env.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

function files(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : [],
  );
}

function imports(file: string): string[] {
  const text = readFileSync(path.join(ROOT, file), 'utf8');
  return [
    ...text.matchAll(/^\s*(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]/gm),
    ...text.matchAll(/^\s*import\s*['"]([^'"]+)['"]/gm),
    ...text.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g),
  ].map((m) => m[1]!);
}

/** The repository paths `file` imports (relative imports resolved; packages as named). */
function resolvedImports(file: string): string[] {
  return imports(file).map((m) => (m.startsWith('.') ? path.posix.join(path.posix.dirname(file.split(path.sep).join('/')), m) : m));
}

const CORE = ['src/ingest', 'src/index', 'src/search', 'src/render', 'src/library', 'src/text'];

describe('module boundaries', () => {
  it.each([...files('src/render'), ...files('commands')])('%s imports no discord.js, pino or dotenv', (file) => {
    expect(imports(file).filter((m) => /^(discord\.js|@discordjs\/|pino|dotenv)/.test(m))).toEqual([]);
  });

  it.each(CORE.flatMap(files))('%s (core) imports no discord.js, pino or dotenv', (file) => {
    expect(imports(file).filter((m) => /^(discord\.js|@discordjs\/|pino|dotenv)/.test(m))).toEqual([]);
  });

  it('ingest does not import search (nor the library, the bot or the CLI)', () => {
    const offending = files('src/ingest').flatMap((f) =>
      resolvedImports(f)
        .filter((m) => /^src\/(search|library|discord|cli)\//.test(m))
        .map((m) => `${f} -> ${m}`),
    );
    expect(offending).toEqual([]);
  });

  it('the index does not import search, the library, the bot or the CLI', () => {
    const offending = files('src/index').flatMap((f) =>
      resolvedImports(f)
        .filter((m) => /^src\/(search|library|discord|cli)\//.test(m))
        .map((m) => `${f} -> ${m}`),
    );
    expect(offending).toEqual([]);
  });

  it('the analyzer reads no ingestion module, and src/text (what both read) imports nothing of the project', () => {
    const offending = [
      ...resolvedImports(path.join('src', 'index', 'analyzer.ts'))
        .filter((m) => m.startsWith('src/ingest/'))
        .map((m) => `src/index/analyzer.ts -> ${m}`),
      ...files('src/text').flatMap((f) =>
        resolvedImports(f)
          .filter((m) => m.startsWith('src/') && !m.startsWith('src/text/'))
          .map((m) => `${f} -> ${m}`),
      ),
    ];
    expect(offending).toEqual([]);
  });

  it('nothing in src imports commands/ except the composition root (src/main.ts)', () => {
    const offending = files('src')
      .filter((f) => f !== path.join('src', 'main.ts'))
      .flatMap((f) =>
        resolvedImports(f)
          .filter((m) => m.startsWith('commands/'))
          .map((m) => `${f} -> ${m}`),
      );
    expect(offending).toEqual([]);
  });

  it('only src/discord imports discord.js among the bot files', () => {
    const bot = [...files('src/render'), ...files('commands'), 'src/config.ts', 'src/logger.ts', 'src/main.ts', 'scripts/deploy-commands.ts'];
    expect(bot.filter((f) => imports(f).some((m) => m.startsWith('discord.js')))).toEqual([]);
  });

  it('only the entry points read process.env or load dotenv', () => {
    const readers = [
      ...files('src/render'),
      ...files('src/discord'),
      ...files('commands'),
      'src/config.ts',
      'src/logger.ts',
      'src/main.ts',
      'scripts/deploy-commands.ts',
    ].filter((f) => /process\.env|dotenv/.test(readFileSync(path.join(ROOT, f), 'utf8')));
    expect(readers.sort()).toEqual(['scripts/deploy-commands.ts', 'src/main.ts']);
  });
});
