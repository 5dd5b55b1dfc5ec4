// The public portal's build (issue 5): served by Zhitong at / from dist/web/portal, built at install time.
// No Ant Design and no runtime styles: the page's CSS is one file, so the CSP needs no nonce.
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  root: 'web/portal',
  base: '/',
  plugins: [react()],
  build: {
    outDir: '../../dist/web/portal',
    emptyOutDir: true,
    // The budget check (scripts/web-budget.ts) reads which chunks the first page pulls in.
    manifest: true,
    // WeChat's in-app browser and the domestic browsers: Chromium ≥ 87 and Safari ≥ 13 (DESIGN §9).
    target: ['chrome87', 'safari13'],
    // An inline polyfill script would need 'unsafe-inline'; browsers without modulepreload just fetch later.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
  },
});
