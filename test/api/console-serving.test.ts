// The staff console's shell (issue 4): a nonce per response, caching by kind, deep links, and a clear 503 without a build.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gunzipSync } from 'node:zlib';
import { createTestApp, type TestApp } from '../helpers/test-app.js';

let t: TestApp;
let unbuilt: TestApp;
let publicOnly: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  unbuilt = await createTestApp({ ZHITONG_CONSOLE_DIR: '/nonexistent/zhitong-console' });
  publicOnly = await createTestApp({ ZHITONG_SURFACE: 'public' });
});
afterAll(async () => {
  await Promise.all([t.close(), unbuilt.close(), publicOnly.close()]);
});

function nonceOf(csp: string): string {
  const m = /style-src 'self' 'nonce-([A-Za-z0-9+/=]+)'/u.exec(csp);
  if (!m?.[1]) throw new Error(`no style nonce in ${csp}`);
  return m[1];
}

describe('console shell', () => {
  it('serves index.html with a fresh nonce in the body and in a CSP without unsafe-inline, never cached', async () => {
    const a = await t.app.inject({ method: 'GET', url: '/console' });
    const b = await t.app.inject({ method: 'GET', url: '/console/' });
    for (const res of [a, b]) {
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(res.headers['cache-control']).toBe('no-store');
      const csp = String(res.headers['content-security-policy']);
      expect(csp).toContain("script-src 'self';");
      expect(csp).not.toContain('unsafe');
      expect(res.body).toContain(`nonce="${nonceOf(csp)}"`);
      expect(res.body).not.toContain('__ZT_CSP_NONCE__');
    }
    expect(nonceOf(String(a.headers['content-security-policy']))).not.toBe(nonceOf(String(b.headers['content-security-policy'])));
  });

  it('answers deep links with the same shell', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/console/cases/SL2026-000001' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<div id="root">');
  });

  it('serves hashed assets immutable, gzipped when asked, and nothing outside assets/', async () => {
    const plain = await t.app.inject({ method: 'GET', url: '/console/assets/index-Fx1a2B3c.js' });
    expect(plain.statusCode).toBe(200);
    expect(plain.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(plain.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const zipped = await t.app.inject({ method: 'GET', url: '/console/assets/index-Fx1a2B3c.js', headers: { 'accept-encoding': 'gzip, br' } });
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(zipped.rawPayload).toString('utf8')).toBe(plain.body);
    for (const url of ['/console/assets/missing-1234.js', '/console/assets/..%2f..%2fpackage.json', '/console/assets/.env.js', '/console/assets/sub/index-Fx1a2B3c.js']) {
      const res = await t.app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(404);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/u);
    }
  });

  it('answers 503 with a plain page when the console has not been built', async () => {
    for (const url of ['/console', '/console/cases/SL2026-000001']) {
      const res = await unbuilt.app.inject({ method: 'GET', url });
      expect(res.statusCode).toBe(503);
      expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(res.body).toContain('控制台暂不可用');
      expect(res.body).toContain('npm run build');
    }
  });

  it('is not served by a public-only node', async () => {
    expect((await publicOnly.app.inject({ method: 'GET', url: '/console' })).statusCode).toBe(404);
  });
});
