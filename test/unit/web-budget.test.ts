// The first-load budget counts the HTML entry and its static imports, never the lazy routes.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUDGETS, buildDirOf, firstLoadFiles, measureFirstLoad } from '../../scripts/web-budget.js';

describe('first-load budgets', () => {
  it('follows static imports transitively and leaves dynamic imports out', () => {
    const files = firstLoadFiles({
      'index.html': { file: 'assets/index-a.js', isEntry: true, imports: ['_react-b.js', '_antd-c.js'] },
      '_react-b.js': { file: 'assets/react-b.js' },
      '_antd-c.js': { file: 'assets/antd-c.js', imports: ['_react-b.js', '_runtime-d.js'] },
      '_runtime-d.js': { file: 'assets/runtime-d.js' },
      'src/case/case-detail-page.tsx': { file: 'assets/case-detail-page-e.js', imports: ['_antd-c.js'] },
      '_style.css': { file: 'assets/style.css' },
    });
    expect(files.sort()).toEqual(['assets/antd-c.js', 'assets/index-a.js', 'assets/react-b.js', 'assets/runtime-d.js']);
  });

  it('refuses a manifest without an HTML entry', () => {
    expect(() => firstLoadFiles({ 'a.js': { file: 'a.js' } })).toThrow(/no HTML entry/u);
  });

  // The install builds both (`npm run build`); a checkout that never built them has nothing to measure.
  for (const app of ['console', 'portal'] as const) {
    it.runIf(existsSync(path.join(buildDirOf(app), '.vite', 'manifest.json')))(`keeps the built ${app} within ${String(BUDGETS[app] / 1024)} KB gzipped`, () => {
      const m = measureFirstLoad(buildDirOf(app));
      expect(m.files.length).toBeGreaterThan(0);
      expect(m.totalGzipBytes).toBeLessThanOrEqual(BUDGETS[app]);
    });
  }
});
