// Entry point of the live-update worker thread (see src/library/live.ts). On
// Node 20, loader hooks given through `execArgv: ['--import', 'tsx']` do not apply to a worker's
// own entry module, so this plain-JS entry registers tsx and then imports the TypeScript worker.
import { existsSync } from 'node:fs';

// Compiled (`npm run build`, dist/): the JavaScript sits beside this file. From source: register tsx first.
const compiled = new URL('./live-worker.js', import.meta.url);
if (existsSync(compiled)) {
  await import(compiled.href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('./live-worker.ts');
}
