// Entry point of the index-opening worker thread (see src/index/open.ts, openLibraryInWorker). On
// Node 20, loader hooks given through `execArgv: ['--import', 'tsx']` do not apply to a worker's
// own entry module, so this plain-JS entry registers tsx and then imports the TypeScript worker.
import { register } from 'tsx/esm/api';

register();
await import('./open-worker.ts');
