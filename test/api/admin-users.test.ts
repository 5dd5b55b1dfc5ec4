// The secadmin's accounts and grants (DESIGN §1, §7.3): each rule has a test that fails without it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { totpCodeAt } from '../../src/security/totp.js';
import { Browser, expectProblem } from '../helpers/browser.js';
import { Bureau } from '../helpers/demo-bureau.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';

let t: TestApp;
let b: Bureau;
// 2FA stays required: demo accounts are exempt (loopback), accounts made here are not.
beforeAll(async () => {
  t = await createTestApp();
  b = await Bureau.load(t);
});
afterAll(async () => t.close());

const NEW_PASSWORD = 'Qing-Shan-Lv-Shui-2026!';
let serial = 0;

interface Created { id: string; username: string; initialPassword: string; enrolmentCode: string; roles: string[]; pendingRoles: string[] }

async function create(roles: string[] = [], unit = 'pcs1a'): Promise<Created> {
  serial += 1;
  const res = await (await b.as('secadmin')).send('POST', '/api/v1/admin/users', { username: `new.user${String(serial)}`, displayName: `新民警${String(serial)}`, unitId: b.unit(unit), roles });
  expect(res.statusCode, res.body).toBe(201);
  expect(res.headers['cache-control']).toBe('no-store');
  return res.json();
}

/** First sign-in of a new account: enrol the authenticator with the code, then change the password. */
async function firstSignIn(u: { username: string; password: string; enrolmentCode: string }): Promise<Browser> {
  const browser = new Browser(t);
  expect((await browser.login(u.username, u.password)).json().stage).toBe('enrol');
  const started = await browser.send('POST', '/api/v1/auth/totp/enrol', { enrolmentCode: u.enrolmentCode });
  const { secret } = started.json<{ secret: string }>();
  const enrolled = await browser.send('POST', '/api/v1/auth/totp/enrol', { enrolmentCode: u.enrolmentCode, code: totpCodeAt(secret, t.clock.now().getTime()) });
  expect(enrolled.json().stage).toBe('password_change');
  const changed = await browser.send('POST', '/api/v1/auth/password', { currentPassword: u.password, newPassword: NEW_PASSWORD });
  expect(changed.json().stage, changed.body).toBe('authenticated');
  return browser;
}

async function rolesOf(userId: string): Promise<string[]> {
  return (await t.deps.pool.query<{ role: string }>('SELECT role FROM role_grants WHERE user_id = $1 AND revoked_at IS NULL ORDER BY role', [userId])).rows.map((r) => r.role);
}

async function liveSessions(userId: string): Promise<number> {
  return (await t.deps.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM sessions WHERE user_id = $1 AND revoked_at IS NULL', [userId])).rows[0]!.n;
}

describe('accounts', () => {
  it('creates an account whose one-time password and enrolment code lead through enrolment to a working session', async () => {
    const u = await create(['handler']);
    expect(u.roles).toEqual(['handler']);
    const browser = await firstSignIn({ username: u.username, password: u.initialPassword, enrolmentCode: u.enrolmentCode });
    expect((await browser.send('GET', '/api/v1/me')).json()).toMatchObject({ username: u.username, roles: ['handler'] });
    const listed = await (await b.as('secadmin')).send('GET', `/api/v1/admin/users?q=${u.username}`);
    expect(listed.json().items).toEqual([expect.objectContaining({ id: u.id, roles: ['handler'], active: true, locked: false, totpEnrolled: true, unit: expect.objectContaining({ code: 'pcs1a' }) })]);
    // The secrets went to the secadmin once and never into the audit trail.
    const audit = await t.deps.pool.query<{ target: string | null; details_enc: Buffer | null }>(`SELECT target, details_enc FROM audit WHERE action LIKE 'admin.%' AND target = $1`, [`user:${u.id}`]);
    expect(audit.rows.length).toBeGreaterThan(0);
    for (const row of audit.rows) expect(JSON.stringify(row)).not.toContain(u.initialPassword);
  });

  it('deactivation ends every session of the user at once', async () => {
    const u = await create(['handler']);
    const first = await firstSignIn({ username: u.username, password: u.initialPassword, enrolmentCode: u.enrolmentCode });
    expect((await first.send('GET', '/api/v1/me')).statusCode).toBe(200);
    expect(await liveSessions(u.id)).toBe(1);
    const res = await (await b.as('secadmin')).send('POST', `/api/v1/admin/users/${u.id}/deactivate`);
    expect(res.json()).toEqual({ ok: true, sessionsRevoked: 1 });
    expect(await liveSessions(u.id)).toBe(0);
    expectProblem(await first.send('GET', '/api/v1/me'), 401, 'unauthenticated');
    expect((await new Browser(t).login(u.username, NEW_PASSWORD)).statusCode).toBe(401);
    expectProblem(await (await b.as('secadmin')).send('POST', `/api/v1/admin/users/${u.id}/deactivate`), 409, 'conflict');
  });

  it('unlocks a locked account, and lists it as locked until then', async () => {
    const u = await create(['handler']);
    await t.deps.pool.query(`INSERT INTO login_failures (bucket, username, failures, locked_until, last_failure_at) VALUES ($1, $2, 7, $3, $4)`, [Buffer.from('x'.repeat(32)), u.username, new Date(t.clock.now().getTime() + 3_600_000), t.clock.now()]);
    const secadmin = await b.as('secadmin');
    expect((await secadmin.send('GET', `/api/v1/admin/users?q=${u.username}`)).json().items[0]).toMatchObject({ locked: true });
    expect((await secadmin.send('POST', `/api/v1/admin/users/${u.id}/unlock`)).json()).toEqual({ ok: true, cleared: 1 });
    expect((await secadmin.send('GET', `/api/v1/admin/users?q=${u.username}`)).json().items[0]).toMatchObject({ locked: false });
  });

  it('pages the account list by cursor and refuses unknown filters', async () => {
    const secadmin = await b.as('secadmin');
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: { username: string }[]; nextCursor: string | null } = (await secadmin.send('GET', `/api/v1/admin/users?limit=7${cursor === null ? '' : `&cursor=${cursor}`}`)).json();
      seen.push(...page.items.map((i) => i.username));
      cursor = page.nextCursor;
    } while (cursor !== null);
    const all = (await t.deps.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM users')).rows[0]!.n;
    expect(new Set(seen).size).toBe(all);
    expectProblem(await secadmin.send('GET', '/api/v1/admin/users?colour=red'), 422, 'validation_failed');
  });

  it('lists the units an account can belong to, names and tree only', async () => {
    const res = await (await b.as('secadmin')).send('GET', '/api/v1/admin/user-units');
    const items = res.json<{ items: Record<string, unknown>[] }>().items;
    expect(items).toContainEqual({ id: b.unit('pcs1a'), code: 'pcs1a', name: '东城分局城关派出所', parentId: b.unit('fj1') });
    expect(items.every((u) => Object.keys(u).sort().join() === 'code,id,name,parentId')).toBe(true);
    expect(items).toHaveLength((await t.deps.pool.query('SELECT 1 FROM units')).rowCount ?? 0);
  });
});

describe('role grants', () => {
  it('a secadmin cannot grant themselves a role', async () => {
    const res = await (await b.as('secadmin')).send('POST', `/api/v1/admin/users/${b.user('secadmin')}/roles`, { role: 'archivist' });
    expectProblem(res, 403, 'forbidden');
    expect(res.json().errors[0].code).toBe('self');
    expect(await rolesOf(b.user('secadmin'))).toEqual(['secadmin']);
  });

  it('the database refuses a self-grant even if a command forgot to', async () => {
    await expect(t.deps.pool.query(`INSERT INTO role_grants (id, user_id, role, granted_by) VALUES (gen_random_uuid(), $1, 'handler', $1)`, [b.user('handler')])).rejects.toThrow(/role_grants_not_self/);
  });

  it('a central role is inactive until a second secadmin approves, and the requester cannot approve', async () => {
    const u = await create([]);
    const secadmin = await b.as('secadmin');
    const requested = await secadmin.send('POST', `/api/v1/admin/users/${u.id}/roles`, { role: 'intake' });
    expect(requested.statusCode).toBe(202);
    const { id: requestId } = requested.json<{ status: string; id: string }>();
    expect(requested.json().status).toBe('pending');
    expect(await rolesOf(u.id)).toEqual([]);
    const own = await secadmin.send('POST', `/api/v1/admin/role-requests/${requestId}/approve`);
    expectProblem(own, 403, 'forbidden');
    expect(own.json().errors[0].code).toBe('requester');
    expect(await rolesOf(u.id)).toEqual([]);
    // The second secadmin sees the request (and was told of it) and approves.
    const second = await b.as('secadmin2');
    expect((await second.send('GET', '/api/v1/admin/role-requests')).json().items).toEqual(expect.arrayContaining([expect.objectContaining({ id: requestId, role: 'intake', status: 'pending' })]));
    expect((await second.send('GET', '/api/v1/notifications')).json().items).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'role_request_to_approve', caseNumber: null })]));
    expect((await second.send('POST', `/api/v1/admin/role-requests/${requestId}/approve`)).statusCode).toBe(200);
    expect(await rolesOf(u.id)).toEqual(['intake']);
    const grant = await t.deps.pool.query<{ granted_by: string; approved_by: string }>(`SELECT granted_by, approved_by FROM role_grants WHERE user_id = $1 AND role = 'intake'`, [u.id]);
    expect(grant.rows[0]).toEqual({ granted_by: b.user('secadmin'), approved_by: b.user('secadmin2') });
    expectProblem(await second.send('POST', `/api/v1/admin/role-requests/${requestId}/approve`), 409, 'conflict');
  });

  it('creating an account with a central role leaves that role pending', async () => {
    const u = await create(['handler', 'followup']);
    expect([u.roles, u.pendingRoles]).toEqual([['handler'], ['followup']]);
    expect(await rolesOf(u.id)).toEqual(['handler']);
  });

  it('admin and case roles never meet on one user', async () => {
    const secadmin = await b.as('secadmin');
    const res = await secadmin.send('POST', `/api/v1/admin/users/${b.user('sysadmin')}/roles`, { role: 'handler' });
    expectProblem(res, 422, 'validation_failed');
    expect(res.json().errors[0].code).toBe('not_separated');
    expect(await rolesOf(b.user('sysadmin'))).toEqual(['sysadmin']);
    // Admin roles are never handed out over the web at all.
    const admin = await secadmin.send('POST', `/api/v1/admin/users/${b.user('handler')}/roles`, { role: 'auditor' });
    expectProblem(admin, 403, 'forbidden');
    expect(admin.json().errors[0].code).toBe('admin_role');
  });

  it('a role change ends the user’s sessions, granted or revoked', async () => {
    const u = await create(['handler']);
    const browser = await firstSignIn({ username: u.username, password: u.initialPassword, enrolmentCode: u.enrolmentCode });
    const secadmin = await b.as('secadmin');
    expect((await secadmin.send('POST', `/api/v1/admin/users/${u.id}/roles`, { role: 'liaison' })).statusCode).toBe(201);
    expectProblem(await browser.send('GET', '/api/v1/me'), 401, 'unauthenticated');
    expect(await rolesOf(u.id)).toEqual(['handler', 'liaison']);
    expect((await secadmin.send('DELETE', `/api/v1/admin/users/${u.id}/roles/liaison`)).json()).toEqual({ ok: true });
    expect(await rolesOf(u.id)).toEqual(['handler']);
    expectProblem(await secadmin.send('DELETE', `/api/v1/admin/users/${u.id}/roles/liaison`), 409, 'conflict');
  });
});

describe('two-person TOTP reset', () => {
  it('the secadmin starts it, only the user’s unit head confirms, and the user must enrol again', async () => {
    const u = await create(['handler']);
    const browser = await firstSignIn({ username: u.username, password: u.initialPassword, enrolmentCode: u.enrolmentCode });
    const started = await (await b.as('secadmin')).send('POST', `/api/v1/admin/users/${u.id}/totp-reset`);
    expect(started.statusCode).toBe(202);
    const { requestId, confirmers } = started.json<{ requestId: string; confirmers: { id: string }[] }>();
    expect(confirmers.map((c) => c.id)).toEqual([b.user('unit_head')]);
    // Started is not done: the account keeps its authenticator and its session.
    expect((await browser.send('GET', '/api/v1/me')).statusCode).toBe(200);
    expectProblem(await (await b.as('secadmin')).send('POST', `/api/v1/totp-resets/${requestId}/confirm`), 404, 'not_found');
    expectProblem(await (await b.as('fj1dc_liaison')).send('POST', `/api/v1/totp-resets/${requestId}/confirm`), 404, 'not_found');
    const head = await b.as('unit_head');
    expect((await head.send('GET', '/api/v1/totp-resets')).json().items).toEqual([expect.objectContaining({ id: requestId, user: expect.objectContaining({ id: u.id }) })]);
    const confirmed = await head.send('POST', `/api/v1/totp-resets/${requestId}/confirm`);
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    const { enrolmentCode } = confirmed.json<{ enrolmentCode: string }>();
    expectProblem(await browser.send('GET', '/api/v1/me'), 401, 'unauthenticated');
    expect((await new Browser(t).login(u.username, NEW_PASSWORD)).json().stage).toBe('enrol');
    const again = new Browser(t);
    await again.login(u.username, NEW_PASSWORD);
    expect((await again.send('POST', '/api/v1/auth/totp/enrol', { enrolmentCode })).statusCode).toBe(200);
    expectProblem(await head.send('POST', `/api/v1/totp-resets/${requestId}/confirm`), 409, 'conflict');
  });

  it('refuses resets of administrator accounts and of oneself', async () => {
    const secadmin = await b.as('secadmin');
    expect((await secadmin.send('POST', `/api/v1/admin/users/${b.user('secadmin')}/totp-reset`)).json().errors[0].code).toBe('self');
    expect((await secadmin.send('POST', `/api/v1/admin/users/${b.user('auditor')}/totp-reset`)).json().errors[0].code).toBe('admin_account');
  });
});

describe('sealed group', () => {
  it('takes case users only, and lists and removes them', async () => {
    const secadmin = await b.as('secadmin');
    expect((await secadmin.send('POST', '/api/v1/admin/sealed-group', { userId: b.user('supervision_head') })).statusCode).toBe(201);
    expect((await secadmin.send('POST', '/api/v1/admin/sealed-group', { userId: b.user('supervision_head') })).statusCode).toBe(409);
    const admin = await secadmin.send('POST', '/api/v1/admin/sealed-group', { userId: b.user('auditor') });
    expect([admin.statusCode, admin.json().errors[0].code]).toEqual([403, 'admin_account']);
    expect((await secadmin.send('GET', '/api/v1/admin/sealed-group')).json().items).toEqual([expect.objectContaining({ user: expect.objectContaining({ id: b.user('supervision_head') }) })]);
    expect((await secadmin.send('DELETE', `/api/v1/admin/sealed-group/${b.user('supervision_head')}`)).statusCode).toBe(200);
    expect((await secadmin.send('GET', '/api/v1/admin/sealed-group')).json().items).toEqual([]);
  });
});
