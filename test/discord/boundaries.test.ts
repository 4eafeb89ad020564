/**
 * Dependencies point one way: only src/discord imports discord.js; reply models, renderers and
 * commands import neither discord.js, pino nor dotenv; only the entry points read process.env.
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
  return [...text.matchAll(/^\s*import\s[^'"]*['"]([^'"]+)['"]/gm)].map((m) => m[1]!);
}

describe('module boundaries', () => {
  it.each([...files('src/render'), ...files('commands')])('%s imports no discord.js, pino or dotenv', (file) => {
    expect(imports(file).filter((m) => /^(discord\.js|@discordjs\/|pino|dotenv)/.test(m))).toEqual([]);
  });

  it('only src/discord imports discord.js among the bot files', () => {
    const bot = [...files('src/render'), ...files('commands'), 'src/config.ts', 'src/logger.ts', 'src/main.ts', 'scripts/deploy-commands.ts'];
    expect(bot.filter((f) => imports(f).some((m) => m.startsWith('discord.js')))).toEqual([]);
  });

  it('only the entry points read process.env or load dotenv', () => {
    const readers = [...files('src/render'), ...files('src/discord'), ...files('commands'), 'src/config.ts', 'src/logger.ts', 'src/main.ts', 'scripts/deploy-commands.ts'].filter((f) =>
      /process\.env|dotenv/.test(readFileSync(path.join(ROOT, f), 'utf8')),
    );
    expect(readers.sort()).toEqual(['scripts/deploy-commands.ts', 'src/main.ts']);
  });
});
