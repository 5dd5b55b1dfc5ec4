// The portal's site settings (issue 5): fictional defaults until the sysadmin saves the bureau's own,
// validated strictly, audited in the same transaction, read publicly with a short cache; other roles refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SITE_SETTINGS } from '../../src/domain/site-settings.js';
import { expectProblem, type Browser } from '../helpers/browser.js';
import { Bureau } from '../helpers/demo-bureau.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';

let t: TestApp;
let b: Bureau;
let sys: Browser;
beforeAll(async () => {
  t = await createTestApp({ ZHITONG_REQUIRE_2FA: 'off' });
  b = await Bureau.load(t);
  sys = await b.as('sysadmin');
});
afterAll(async () => t.close());

const publicSite = () => t.app.inject({ method: 'GET', url: '/api/v1/public/site' });

describe('site settings', () => {
  it('answers the fictional defaults before anything is saved', async () => {
    const res = await publicSite();
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('public, max-age=60');
    expect(res.json()).toEqual(DEFAULT_SITE_SETTINGS);
    expect(res.json()).toMatchObject({ bureauName: { zh: '示例市公安局' }, icpNumber: '示ICP备00000000号', siteIdentifier: '0000000000' });
    const admin = (await sys.send('GET', '/api/v1/admin/site')).json();
    expect([admin.source, admin.updatedAt]).toEqual(['default', null]);
  });

  it('saves the sysadmin’s values with one audit record naming the changed fields, and the portal reads them', async () => {
    const next = { ...DEFAULT_SITE_SETTINGS, hotline: ' 0000-12389 转 1 ', centreName: { zh: '示例市公安局群众监督中心', en: '' }, wechatAccount: { zh: '', en: '' } };
    const saved = await sys.send('PUT', '/api/v1/admin/site', next);
    expect(saved.statusCode, saved.body).toBe(200);
    const read = (await publicSite()).json();
    // Trimmed on the way in; an empty English text stays empty (the portal shows the Chinese).
    expect([read.hotline, read.centreName, read.wechatAccount]).toEqual(['0000-12389 转 1', { zh: '示例市公安局群众监督中心', en: '' }, { zh: '', en: '' }]);
    const admin = (await sys.send('GET', '/api/v1/admin/site')).json();
    expect(admin.source).toBe('table');
    const audit = await t.deps.pool.query<{ actor_user_id: string; target: string }>(`SELECT actor_user_id, target FROM audit WHERE action = 'admin.site_settings_set'`);
    expect(audit.rows).toEqual([{ actor_user_id: b.user('sysadmin'), target: 'settings:site' }]);
  });

  it('refuses unknown fields, missing required ones, bad e-mail and postcode, and line breaks with 422 naming the field', async () => {
    expectProblem(await sys.send('PUT', '/api/v1/admin/site', { ...DEFAULT_SITE_SETTINGS, extra: 'x' }), 422, 'validation_failed');
    const cases: [object, string, string][] = [
      [{ ...DEFAULT_SITE_SETTINGS, bureauName: { zh: ' ', en: 'x' } }, 'bureauName.zh', 'required'],
      [{ ...DEFAULT_SITE_SETTINGS, email: 'not-an-address' }, 'email', 'invalid_email'],
      [{ ...DEFAULT_SITE_SETTINGS, postcode: '1234' }, 'postcode', 'invalid_postcode'],
      [{ ...DEFAULT_SITE_SETTINGS, visitAddress: { zh: '一行\n两行', en: '' } }, 'visitAddress.zh', 'invalid_characters'],
      // A right-to-left override would show the hotline's digits in another order than they dial.
      [{ ...DEFAULT_SITE_SETTINGS, hotline: '0000-\u202e98321' }, 'hotline', 'invalid_characters'],
      [{ ...DEFAULT_SITE_SETTINGS, psbNumber: '示公网安备\u200b000000000000号' }, 'psbNumber', 'invalid_characters'],
      [{ ...DEFAULT_SITE_SETTINGS, icpNumber: 'x'.repeat(61) }, 'icpNumber', 'too_long'],
    ];
    for (const [body, path, code] of cases) {
      const res = await sys.send('PUT', '/api/v1/admin/site', body);
      expect([res.statusCode, res.json().errors[0]]).toMatchObject([422, { path, code }]);
    }
    const { hotline: _omitted, ...missing } = DEFAULT_SITE_SETTINGS;
    expect((await sys.send('PUT', '/api/v1/admin/site', missing)).statusCode).toBe(422);
    // Nothing refused was stored.
    expect((await publicSite()).json().hotline).toBe('0000-12389 转 1');
  });

  it('reads a row changed behind the application’s back as the defaults', async () => {
    await t.deps.pool.query(`UPDATE site_settings SET value = jsonb_set(value, '{hotline}', '123')`);
    expect((await publicSite()).json()).toEqual(DEFAULT_SITE_SETTINGS);
  });

  it('is the sysadmin’s alone', async () => {
    const secadmin = await b.as('secadmin');
    expect((await secadmin.send('GET', '/api/v1/admin/site')).statusCode).toBe(403);
    expect((await secadmin.send('PUT', '/api/v1/admin/site', DEFAULT_SITE_SETTINGS)).statusCode).toBe(403);
    const intake = await b.as('intake');
    expect((await intake.send('PUT', '/api/v1/admin/site', DEFAULT_SITE_SETTINGS)).statusCode).toBe(403);
  });
});
