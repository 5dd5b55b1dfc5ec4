// The first-load budgets of DESIGN §9 (the console ≤ 600 KB, the portal ≤ 120 KB of JavaScript gzipped):
// the entry chunk of the built index.html and every chunk it imports statically, gzipped as the server
// sends them. `node --import tsx scripts/web-budget.ts console|portal` runs after `vite build`; it exits 1
// over budget, so an install that breaks it fails.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

export const BUDGETS = { console: 600 * 1024, portal: 120 * 1024 } as const;
export type WebApp = keyof typeof BUDGETS;

interface ManifestChunk {
  readonly file: string;
  readonly isEntry?: boolean;
  readonly imports?: readonly string[];
}
export type Manifest = Readonly<Record<string, ManifestChunk>>;

/** The JS files a browser loads before the first screen: the HTML entry and its static imports, transitively. */
export function firstLoadFiles(manifest: Manifest): string[] {
  const files = new Set<string>();
  const visit = (key: string): void => {
    const chunk = manifest[key];
    if (chunk === undefined || files.has(chunk.file)) return;
    files.add(chunk.file);
    for (const dep of chunk.imports ?? []) visit(dep);
  };
  const entries = Object.entries(manifest).filter(([key, c]) => c.isEntry === true && key.endsWith('.html'));
  if (entries.length === 0) throw new Error('the manifest has no HTML entry');
  for (const [key] of entries) visit(key);
  return [...files].filter((f) => f.endsWith('.js'));
}

export interface Measured {
  readonly files: readonly { readonly file: string; readonly gzipBytes: number }[];
  readonly totalGzipBytes: number;
}

export function measureFirstLoad(buildDir: string): Measured {
  const manifest = JSON.parse(readFileSync(path.join(buildDir, '.vite', 'manifest.json'), 'utf8')) as Manifest;
  const files = firstLoadFiles(manifest).map((file) => ({ file, gzipBytes: gzipSync(readFileSync(path.join(buildDir, file))).length }));
  return { files, totalGzipBytes: files.reduce((sum, f) => sum + f.gzipBytes, 0) };
}

export const buildDirOf = (app: WebApp): string => fileURLToPath(new URL(`../dist/web/${app}`, import.meta.url));

if (process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const app = process.argv[2];
  if (app !== 'console' && app !== 'portal') {
    console.error('usage: web-budget.ts console|portal');
    process.exit(2);
  }
  const dir = buildDirOf(app);
  if (!existsSync(path.join(dir, '.vite', 'manifest.json'))) {
    console.error(`web-budget: no build in ${dir}; run the vite build first`);
    process.exit(1);
  }
  const m = measureFirstLoad(dir);
  const kb = (n: number): string => (n / 1024).toFixed(1);
  for (const f of m.files) console.log(`  ${f.file}  ${kb(f.gzipBytes)} KB gzipped`);
  const verdict = m.totalGzipBytes <= BUDGETS[app] ? 'within' : 'OVER';
  console.log(`${app} first load: ${kb(m.totalGzipBytes)} KB gzipped JavaScript, ${verdict} the budget of ${kb(BUDGETS[app])} KB`);
  if (verdict === 'OVER') process.exit(1);
}
