/** Where the shared evaluation data is (../shared/eval: the IR collections, the known items, the benchmark queries). */
import { existsSync } from 'node:fs';
import path from 'node:path';

/** `given`, else VERBATIM_EVAL_DIR, else the nearest shared/eval above the repository. */
export function findEvalDir(given?: string): string {
  if (given) return given;
  if (process.env.VERBATIM_EVAL_DIR) return process.env.VERBATIM_EVAL_DIR;
  for (let dir = path.resolve(import.meta.dirname, '..'); ; dir = path.dirname(dir)) {
    const cand = path.join(dir, 'shared', 'eval');
    if (existsSync(path.join(cand, 'ir'))) return cand;
    if (path.dirname(dir) === dir)
      throw new Error('--eval-dir: no shared/eval folder above the repository; pass --eval-dir or set VERBATIM_EVAL_DIR');
  }
}
