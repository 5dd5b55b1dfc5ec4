// Three-role separation attacked end to end (DESIGN §1, §7.3), beyond test/api/admin-separation.test.ts and
// admin-users.test.ts: a secadmin who makes a puppet unit head to confirm a second-factor reset still cannot
// become the user, and every step is on the auditor's record; an administrator cannot give themselves a way
// into case content through the sealed group or a role request either.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newTotpSecret, totpCodeAt } from '../../src/security/totp.js';
import { Browser, expectProblem } from '../helpers/browser.js';
import { Bureau, DEMO_PASSWORD } from '../helpers/demo-bureau.js';
import { createUser } from '../helpers/factories.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';

let t: TestApp;
let b: Bureau;
beforeAll(async () => {
  t = await createTestApp();
  b = await Bureau.load(t);
});
afterAll(async () => t.close());

describe('reset and impersonate', () => {
  it('a secadmin and a puppet unit head get an enrolment code for the victim, but never a session as the victim', async () => {
    const secadmin = await b.as('secadmin');
    // The puppet: a unit head the secadmin creates in the victim's station (a unit role, granted at once).
    const made = await secadmin.send('POST', '/api/v1/admin/users', { username: 'puppet.head', displayName: '傀儡所长', unitId: b.unit('pcs1a'), roles: ['unit_head'] });
    expect(made.statusCode, made.body).toBe(201);
    const puppet = made.json<{ id: string; initialPassword: string; enrolmentCode: string }>();
    // The victim: an enrolled officer of that station whose password the secadmin never saw.
    const v = await createUser(t.deps, { unitId: b.unit('pcs1a'), roles: ['handler'], totpSecret: newTotpSecret() });
    const victim = v.id;
    const started = await secadmin.send('POST', `/api/v1/admin/users/${victim}/totp-reset`);
    expect(started.statusCode).toBe(202);
    // The start answer carries no secret of the victim's.
    expect(Object.keys(started.json()).sort()).toEqual(['confirmers', 'requestId']);
    const { requestId } = started.json<{ requestId: string }>();
    expectProblem(await secadmin.send('POST', `/api/v1/totp-resets/${requestId}/confirm`), 404, 'not_found');

    // The puppet signs in for the first time (the secadmin knows its password and code) and confirms.
    const p = new Browser(t);
    expect((await p.login('puppet.head', puppet.initialPassword)).json().stage).toBe('enrol');
    const { secret } = (await p.send('POST', '/api/v1/auth/totp/enrol', { enrolmentCode: puppet.enrolmentCode })).json<{ secret: string }>();
    await p.send('POST', '/api/v1/auth/totp/enrol', { enrolmentCode: puppet.enrolmentCode, code: totpCodeAt(secret, t.clock.now().getTime()) });
    expect((await p.send('POST', '/api/v1/auth/password', { currentPassword: puppet.initialPassword, newPassword: 'Kui-Lei-Suo-Zhang-2026!' })).json().stage).toBe('authenticated');
    const confirmed = await p.send('POST', `/api/v1/totp-resets/${requestId}/confirm`);
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    const { enrolmentCode } = confirmed.json<{ enrolmentCode: string }>();

    // With the code but without the victim's password: no session, nothing to enrol into.
    const thief = new Browser(t);
    expectProblem(await thief.send('POST', '/api/v1/auth/totp/enrol', { enrolmentCode }), 401, 'unauthenticated');
    for (const guess of ['', DEMO_PASSWORD, puppet.initialPassword]) expect((await new Browser(t).login(v.username, guess)).statusCode).not.toBe(200);
    // The victim's password still stands and now leads to enrolment: the victim notices the reset at once.
    expect((await new Browser(t).login(v.username, v.password)).json().stage).toBe('enrol');

    const audit = await t.deps.pool.query<{ action: string; actor_user_id: string | null }>(`SELECT action, actor_user_id FROM audit WHERE action LIKE 'admin.totp_reset_%' AND target = $1 ORDER BY seq`, [`user:${victim}`]);
    expect(audit.rows.map((r) => [r.action, r.actor_user_id])).toEqual([['admin.totp_reset_requested', b.user('secadmin')], ['admin.totp_reset_confirmed', puppet.id]]);
  });
});

describe('no way into case content for an administrator', () => {
  it('cannot put themselves or another administrator into the sealed group, nor request a case role for themselves', async () => {
    const secadmin = await b.as('secadmin');
    for (const admin of ['secadmin', 'secadmin2', 'sysadmin', 'auditor']) {
      const res = await secadmin.send('POST', '/api/v1/admin/sealed-group', { userId: b.user(admin) });
      expect([admin, res.statusCode]).toEqual([admin, 403]);
    }
    for (const role of ['intake', 'handler', 'supervision_head']) {
      const res = await secadmin.send('POST', `/api/v1/admin/users/${b.user('secadmin')}/roles`, { role });
      expect([role, res.statusCode]).toEqual([role, 403]);
      const forOther = await secadmin.send('POST', `/api/v1/admin/users/${b.user('secadmin2')}/roles`, { role });
      expect([role, forOther.statusCode]).toEqual([role, 422]);
    }
    const grants = await t.deps.pool.query<{ role: string }>('SELECT role FROM role_grants WHERE user_id = ANY($1) AND revoked_at IS NULL', [[b.user('secadmin'), b.user('secadmin2')]]);
    expect(grants.rows.map((r) => r.role).sort()).toEqual(['secadmin', 'secadmin']);
    const requests = await t.deps.pool.query('SELECT 1 FROM role_grant_requests WHERE user_id = ANY($1)', [[b.user('secadmin'), b.user('secadmin2')]]);
    expect(requests.rowCount).toBe(0);
  });
});
