// The portal's first-load budget (DESIGN §9, issue 5): JavaScript a phone downloads before the home page
// draws, gzipped as the server sends it, plus what each further page adds, and the Safari 13 syntax check.
// Run after `npm run build`; writes bench/results/portal-first-load.json and exits 1 over budget.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { checkBuild } from '../scripts/old-browser-syntax.js';
import { BUDGETS, buildDirOf, measureFirstLoad, type Manifest } from '../scripts/web-budget.js';

const dir = buildDirOf('portal');
const manifest = JSON.parse(readFileSync(path.join(dir, '.vite', 'manifest.json'), 'utf8')) as Manifest;
const gz = (file: string): number => gzipSync(readFileSync(path.join(dir, file))).length;
const first = measureFirstLoad(dir);
const firstFiles = new Set(first.files.map((f) => f.file));

/** A lazy page's own chunk and the chunks it imports that the first load did not bring. */
function pageCost(key: string): number {
  const seen = new Set<string>();
  const visit = (k: string): void => {
    const chunk = manifest[k];
    if (chunk === undefined || seen.has(chunk.file) || firstFiles.has(chunk.file)) return;
    seen.add(chunk.file);
    for (const dep of chunk.imports ?? []) visit(dep);
  };
  visit(key);
  return [...seen].filter((f) => f.endsWith('.js')).reduce((sum, f) => sum + gz(f), 0);
}

const css = Object.values(manifest).flatMap((c) => (c as { css?: string[] }).css ?? []);
const pages = Object.keys(manifest)
  .filter((k) => /^src\/(pages|report|track)\/.+\.tsx$/u.test(k))
  .map((k) => ({ page: k, addedGzipBytes: pageCost(k) }));
const syntax = checkBuild(dir);
const result = {
  measuredAt: new Date().toISOString(),
  budgetGzipBytes: BUDGETS.portal,
  firstLoad: { totalGzipBytes: first.totalGzipBytes, files: first.files },
  cssGzipBytes: [...new Set(css)].reduce((sum, f) => sum + gz(f), 0),
  lazyPages: pages,
  safari13SyntaxProblems: syntax,
};
const out = fileURLToPath(new URL('results/portal-first-load.json', import.meta.url));
writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
const kb = (n: number): string => `${(n / 1024).toFixed(1)} KB`;
console.log(`portal first load ${kb(first.totalGzipBytes)} of ${kb(BUDGETS.portal)}; CSS ${kb(result.cssGzipBytes)}`);
for (const p of pages) console.log(`  + ${p.page}: ${kb(p.addedGzipBytes)}`);
for (const s of syntax) console.log(`  Safari 13 cannot parse ${s.file}: ${s.problem}`);
if (first.totalGzipBytes > BUDGETS.portal || syntax.length > 0) process.exit(1);
