// The console's first-load budget (DESIGN §9: ≤ 600 KB JavaScript gzipped): the entry chunk of the
// built index.html and every chunk it imports statically, gzipped as the server sends them. Run after
// `vite build`; exits 1 over budget, so an install that breaks it fails.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

export const FIRST_LOAD_BUDGET_BYTES = 600 * 1024;

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

export const CONSOLE_BUILD_DIR = fileURLToPath(new URL('../dist/web/console', import.meta.url));

if (process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  if (!existsSync(path.join(CONSOLE_BUILD_DIR, '.vite', 'manifest.json'))) {
    console.error(`console-budget: no build in ${CONSOLE_BUILD_DIR}; run the vite build first`);
    process.exit(1);
  }
  const m = measureFirstLoad(CONSOLE_BUILD_DIR);
  const kb = (n: number): string => (n / 1024).toFixed(1);
  for (const f of m.files) console.log(`  ${f.file}  ${kb(f.gzipBytes)} KB gzipped`);
  const verdict = m.totalGzipBytes <= FIRST_LOAD_BUDGET_BYTES ? 'within' : 'OVER';
  console.log(`console first load: ${kb(m.totalGzipBytes)} KB gzipped JavaScript, ${verdict} the budget of ${kb(FIRST_LOAD_BUDGET_BYTES)} KB`);
  if (verdict === 'OVER') process.exit(1);
}
