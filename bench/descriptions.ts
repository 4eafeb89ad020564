/**
 * `npx tsx bench/descriptions.ts [--data DIR] [--runs N]`: what pseudo-relevance feedback
 * (INDEX_OPTIONS.prf, src/search/ranking/feedback.ts) costs on the whole library. Feedback only
 * serves descriptions (8 or more ranked words), which `npm run bench`'s queries never are (2–6
 * words), so this times descriptions: the first 15, 30 and 120 words of 20 passages of at least 130
 * words drawn with a fixed seed, each searched with feedback (INDEX_OPTIONS) and without
 * (prf.weight 0), alternately, N passes (default 3) after a warm-up. Prints medians, p95 and max.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { INDEX_OPTIONS } from '../src/index/options.ts';
import { defaultCachePath, openLibrary } from '../src/library/open.ts';
import { VerbatimEngine } from '../src/search/engine.ts';

const { values } = parseArgs({ options: { data: { type: 'string', default: '/work/ungdc-lib' }, runs: { type: 'string', default: '3' } } });
const dataDir = path.resolve(values.data);
const opened = await openLibrary({ dataDir, cachePath: defaultCachePath(dataDir) });
const on = opened.engine;
const off = new VerbatimEngine(on.state, { ...INDEX_OPTIONS, prf: { ...INDEX_OPTIONS.prf, weight: 0 } });
const { store } = on.state;
let seed = 7;
const random = (): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
const texts: string[] = [];
for (let tries = 0; texts.length < 20 && tries < 10_000; tries++) {
  const t = store.text(Math.floor(random() * store.size));
  if (t.split(/\s+/).length >= 130) texts.push(t.replace(/["“”]/g, ''));
}
const at = (xs: number[], q: number): number => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))]!;
const fmt = (xs: number[]): string => `median ${at(xs, 0.5).toFixed(1)} ms, p95 ${at(xs, 0.95).toFixed(1)} ms, max ${Math.max(...xs).toFixed(1)} ms`;
console.log(`${path.basename(dataDir)}: ${store.size} passages; ${texts.length} descriptions per length, ${values.runs} passes`);
for (const words of [15, 30, 120]) {
  const queries = texts.map((t) => t.split(/\s+/).slice(0, words).join(' '));
  for (const q of queries.slice(0, 5)) {
    on.searchSync(q);
    off.searchSync(q);
  }
  const times = { on: [] as number[], off: [] as number[] };
  for (let r = 0; r < Number(values.runs); r++) {
    for (const q of queries) {
      for (const [k, e] of [
        ['off', off],
        ['on', on],
      ] as const) {
        const t0 = performance.now();
        e.searchSync(q, { limit: 10 });
        times[k].push(performance.now() - t0);
      }
    }
  }
  console.log(`  ${words} words: without feedback ${fmt(times.off)}; with ${fmt(times.on)}`);
}
