// The staff console's build (issue 4): served by Zhitong at /console from dist/web/console, built at install time.
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// Replaced per response by the server (src/http/routes/console.routes.ts): Vite stamps it on the
// script and style tags and on a <meta property="csp-nonce">, which the app hands to Ant Design.
export const CSP_NONCE_PLACEHOLDER = '__ZT_CSP_NONCE__';

export default defineConfig({
  root: 'web/console',
  base: '/console/',
  plugins: [react()],
  html: { cspNonce: CSP_NONCE_PLACEHOLDER },
  build: {
    outDir: '../../dist/web/console',
    emptyOutDir: true,
    // The server and the budget check read which chunks the first load pulls in.
    manifest: true,
    // Chromium ≥ 87 and the domestic browsers built on it (DESIGN §9).
    target: ['chrome87', 'safari14', 'firefox78', 'edge88'],
    chunkSizeWarningLimit: 1500,
    // No inlined data: URLs for scripts; small images may stay inline (img-src allows data:).
    assetsInlineLimit: 0,
  },
});
