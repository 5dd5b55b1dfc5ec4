// The public portal's shell (issue 5): the strict CSP without a nonce, never cached, the bureau's hotline in
// the noscript message, its pages and its 404 page, while the API keeps answering unknown paths with problems.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fillShell } from '../../src/http/routes/portal.routes.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';

let t: TestApp;
let staffOnly: TestApp;
let unbuilt: TestApp;
beforeAll(async () => {
  // One after another: the apps share the run's database roles, which are altered as each opens.
  t = await createTestApp();
  staffOnly = await createTestApp({ ZHITONG_SURFACE: 'staff' });
  unbuilt = await createTestApp({ ZHITONG_PORTAL_DIR: '/nonexistent/zhitong-portal' });
});
afterAll(async () => {
  await Promise.all([t.close(), staffOnly.close(), unbuilt.close()]);
});

const html = { accept: 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.8' };

describe('portal shell', () => {
  it('serves every page with the strict CSP, no caching, and the title and hotline filled in', async () => {
    for (const url of ['/', '/track', '/receipt', '/notice', '/contact', '/stats', '/report/accusation', '/report/complaint']) {
      const res = await t.app.inject({ method: 'GET', url, headers: html });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.headers['referrer-policy']).toBe('no-referrer');
      const csp = String(res.headers['content-security-policy']);
      expect(csp).toContain("script-src 'self';");
      expect(csp).toContain("style-src 'self';");
      expect(csp).not.toMatch(/unsafe|nonce/u);
      expect(res.body).not.toMatch(/__ZT_[A-Z]+__/u);
      // The platform's name and hotline from the site settings (the fictional defaults here).
      expect(res.body).toContain('<title>示例市公安局12389公安服务平台</title>');
      expect(res.body).toContain('（0000-12389）');
    }
  });

  it('answers an unknown page with the shell and status 404, an unknown API path with a problem', async () => {
    for (const url of ['/no-such-page', '/report/other', '/report/nothing']) {
      const page = await t.app.inject({ method: 'GET', url, headers: html });
      expect(page.statusCode, url).toBe(404);
      expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
      // It differs with Accept and must not outlive a deploy in a cache.
      expect([page.headers['cache-control'], page.headers.vary]).toEqual(['no-store', 'Accept']);
      expect(page.body).toContain('<div id="root">');
    }
    for (const url of ['/api/v1/public/nothing', '/hooks/nothing', '/console-nothing/x', '/assets/missing-1234.js']) {
      const res = await t.app.inject({ method: 'GET', url, headers: url.startsWith('/assets') ? {} : html });
      expect(res.statusCode, url).toBe(404);
      if (!url.startsWith('/console')) expect(res.headers['content-type'], url).toMatch(/^application\/problem\+json/u);
    }
    const post = await t.app.inject({ method: 'POST', url: '/no-such-page', headers: html });
    expect(post.headers['content-type']).toMatch(/^application\/problem\+json/u);
  });

  it('serves hashed assets immutable and nothing outside assets/', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/assets/index-Pq4r5S6t.js' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    for (const url of ['/assets/..%2f..%2fpackage.json', '/assets/.env.js', '/assets/sub/index-Pq4r5S6t.js', '/assets/index-Missing1.js']) {
      const res = await t.app.inject({ method: 'GET', url });
      expect([res.statusCode, res.headers['cache-control']], url).toEqual([404, 'no-store']);
    }
  });

  it('puts a sysadmin’s text into the page as text, dollar patterns and markup included', () => {
    const shell = '<title>__ZT_TITLE__</title><div id="root"></div><noscript>（__ZT_HOTLINE__）</noscript>';
    const html = fillShell(shell, { title: "示例$'平台</title><script>x</script>", hotline: '0000-12389 & "1"' });
    expect(html).toBe('<title>示例$&#39;平台&#60;/title&#62;&#60;script&#62;x&#60;/script&#62;</title><div id="root"></div><noscript>（0000-12389 &#38; &#34;1&#34;）</noscript>');
  });

  it('leaves the portal off a staff-only node and says plainly when it is not built', async () => {
    const staff = await staffOnly.app.inject({ method: 'GET', url: '/', headers: html });
    expect(staff.statusCode).toBe(404);
    expect(staff.headers['content-type']).toMatch(/^application\/problem\+json/u);
    const down = await unbuilt.app.inject({ method: 'GET', url: '/', headers: html });
    expect(down.statusCode).toBe(503);
    expect(down.body).toContain('请直接拨打110');
  });
});
