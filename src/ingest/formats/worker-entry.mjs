// Entry point of the extractor worker threads. On Node 20, loader hooks given to a worker through
// `execArgv: ['--import', 'tsx']` do not apply to the worker's own entry module ("Unknown file
// extension .ts"), so this plain-JS entry registers tsx in the worker and then imports the
// TypeScript worker. Works the same when the parent runs under the tsx CLI, under vitest, or both.
import { existsSync } from 'node:fs';

// Compiled (`npm run build`, dist/): the JavaScript sits beside this file. From source: register tsx first.
const compiled = new URL('./worker.js', import.meta.url);
if (existsSync(compiled)) {
  await import(compiled.href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('./worker.ts');
}
