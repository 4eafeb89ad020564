/**
 * Opening a library from its cache must not load the document parsers (unpdf, mammoth, linkedom,
 * readability): they load only in the extraction workers. Loading them cost every start of the bot
 * and the CLI about 0.2 s (the 10,000-passage cold start went from ~1.1 s to ~0.65 s without them).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');

it('the start path (open a library, search it) loads no document parser', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'verbatim-imports-'));
  const hook = path.join(dir, 'hook.mjs');
  writeFileSync(
    hook,
    `export async function resolve(s, c, next) { const r = await next(s, c); process.stderr.write('LOADED ' + r.url + '\\n'); return r; }\n`,
  );
  const register = path.join(dir, 'register.mjs');
  writeFileSync(register, `import { register } from 'node:module'; register(${JSON.stringify(pathToFileURL(hook).href)});\n`);
  const script = `
    const { openLibrary } = await import('./src/library/open.ts');
    const { engine } = await openLibrary({ dataDir: 'data', cachePath: ${JSON.stringify(path.join(dir, 'index.bin'))} });
    await engine.search('heroin Afghanistan');
    await import('./src/discord/bot.ts');
    await import('./commands/registry.ts');`;
  const out = spawnSync(process.execPath, ['--import', 'tsx', '--import', register, '--input-type=module', '-e', script], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  expect(out.status, out.stderr).toBe(0);
  const loaded = out.stderr.split('\n').filter((l) => l.startsWith('LOADED '));
  expect(loaded.some((l) => l.includes('/src/search/engine.ts'))).toBe(true);
  expect(loaded.filter((l) => /node_modules\/(unpdf|mammoth|linkedom|@mozilla\/readability)\//.test(l))).toEqual([]);
});
