// Entry point of the extractor worker threads. On Node 20, loader hooks given to a worker through
// `execArgv: ['--import', 'tsx']` do not apply to the worker's own entry module ("Unknown file
// extension .ts"), so this plain-JS entry registers tsx in the worker and then imports the
// TypeScript worker. Works the same when the parent runs under the tsx CLI, under vitest, or both.
import { register } from 'tsx/esm/api';

register();
await import('./worker.ts');
