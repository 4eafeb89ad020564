// After `tsc -p tsconfig.build.json`: copy the plain-JS worker entry files (tsc does not emit .mjs
// sources) beside the compiled workers in dist/.
import { copyFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

function walk(dir) {
  for (const name of readdirSync(dir)) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) walk(p);
    else if (name.endsWith('.mjs')) copyFileSync(p, path.join('dist', p));
  }
}
walk('src');
