// Staff sessions attacked (DESIGN §7.3) beyond test/api/staff-auth.test.ts: a half-signed-in session on every
// staff and admin route, CSRF tokens from another user or an earlier session, replay of a logged-out cookie on
// a write, a planted session cookie, and sign-ins that come without an allowed Origin.
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { submitReport } from '../../src/commands/submit-report.js';
import type { Role } from '../../src/domain/roles.js';
import { newTotpSecret, totpCodeAt } from '../../src/security/totp.js';
import { ROUTE_FIXTURES } from '../fixtures/route-policies.js';
import { Browser, expectProblem } from '../helpers/browser.js';
import { createUnit, createUser, type TestUnit, type UserOptions } from '../helpers/factories.js';
import { createTestApp, ORIGIN, type TestApp } from '../helpers/test-app.js';

let t: TestApp; // 2FA required, as in production
let unit: TestUnit;
let caseNumber = '';
const MARKER = '会话测试标记五五二';

beforeAll(async () => {
  t = await createTestApp();
  unit = await createUnit(t.deps, { name: '示例市公安局督察支队' });
  caseNumber = (await submitReport(t.deps, { type: 'complaint', anonymity: 'anonymous', subjects: [], content: `窗口民警${MARKER}推诿扯皮，要求多次补交材料。` }, [], { channel: 'web' })).caseNumber;
});
afterAll(async () => t.close());

function user(o: Partial<UserOptions> = {}) {
  return createUser(t.deps, { unitId: unit.id, ...o });
}

/** Signed in with both factors (or exempt from the second). */
async function signedIn(roles: readonly Role[]): Promise<Browser> {
  const u = await user({ roles, totpRequired: false });
  const b = new Browser(t);
  expect((await b.login(u.username, u.password)).json().stage).toBe('authenticated');
  return b;
}

function concrete(url: string): string {
  return url
    .replace(':number', caseNumber)
    .replace(':action', 'add_note')
    .replace(':kind', 'registration')
    .replace(':dictionary', 'problem_type')
    .replace(':caseType', 'complaint')
    .replace(':rank', 'officer')
    .replace(':year', '2026')
    .replace(':date', '2026-03-10')
    .replace(':role', 'handler')
    .replace(/:[A-Za-z]+/gu, '00000000-0000-4000-8000-000000000000');
}

const GUARDED = ROUTE_FIXTURES.filter((r) => r.policy === 'staff' || r.policy === 'admin');

describe('a half-signed-in session', () => {
  it('gets step_required and nothing else on every staff and admin route, at every unfinished step', async () => {
    const halfway: [string, Browser][] = [];
    // Password right, TOTP not entered yet; or password right, authenticator not enrolled yet.
    for (const [roles, stage] of [[['intake', 'supervision_head'], 'totp'], [['intake', 'supervision_head'], 'enrol'], [['auditor'], 'totp'], [['secadmin'], 'enrol']] as [Role[], string][]) {
      const u = await user({ roles, ...(stage === 'totp' ? { totpSecret: newTotpSecret() } : {}) });
      const browser = new Browser(t);
      expect((await browser.login(u.username, u.password)).json().stage).toBe(stage);
      halfway.push([`${roles.join('+')} at ${stage}`, browser]);
    }
    // Both factors done, but the first-login password change still owed.
    const owing = await user({ roles: ['intake'], totpRequired: false, mustChangePassword: true });
    const d = new Browser(t);
    expect((await d.login(owing.username, owing.password)).json().stage).toBe('password_change');
    halfway.push(['intake at password_change', d]);

    const leaks: string[] = [];
    for (const [who, browser] of halfway) {
      for (const route of GUARDED) {
        const res: LightMyRequestResponse = await browser.send(route.method, concrete(route.url), route.method === 'GET' ? undefined : {}, route.method === 'GET' ? {} : { 'if-match': '"1"' });
        const code = res.headers['content-type']?.toString().startsWith('application/problem+json') ? res.json<{ code: string }>().code : null;
        if (res.statusCode !== 403 || code !== 'step_required' || res.body.includes(caseNumber) || res.body.includes(MARKER)) leaks.push(`${who}: ${route.method} ${route.url} → ${String(res.statusCode)} ${res.body.slice(0, 100)}`);
      }
    }
    expect(leaks).toEqual([]);
    // Nothing was written on their behalf.
    const written = await t.deps.pool.query(`SELECT 1 FROM case_notes n JOIN cases c ON c.id = n.case_id WHERE c.case_number = $1`, [caseNumber]);
    expect(written.rowCount).toBe(0);
  });
});

describe('the sign-in steps', () => {
  it('cannot be skipped: a session waiting for its TOTP can neither change the password nor enrol a new authenticator', async () => {
    const u = await user({ roles: ['intake'], totpSecret: newTotpSecret(), mustChangePassword: true });
    const b = new Browser(t);
    expect((await b.login(u.username, u.password)).json().stage).toBe('totp');
    const changed = await b.send('POST', '/api/v1/auth/password', { currentPassword: u.password, newPassword: 'Tiao-Guo-Yan-Zheng-2026!' });
    expectProblem(changed, 403, 'step_required');
    expectProblem(await b.send('POST', '/api/v1/auth/totp/enrol', { enrolmentCode: 'ABCDEFGHJKMN' }), 403, 'step_required');
    expectProblem(await b.send('GET', '/api/v1/me'), 403, 'step_required');
    // The password is unchanged and the next sign-in still asks for the TOTP.
    expect((await new Browser(t).login(u.username, u.password)).json().stage).toBe('totp');
  });
});

describe('a one-time code', () => {
  it('sent from several half-signed-in sessions at once opens exactly one of them', async () => {
    const secret = newTotpSecret();
    const u = await user({ roles: ['intake'], totpSecret: secret });
    const sessions = [new Browser(t), new Browser(t), new Browser(t), new Browser(t)];
    for (const s of sessions) expect((await s.login(u.username, u.password)).json().stage).toBe('totp');
    const code = totpCodeAt(secret, t.clock.now().getTime());
    const answers = await Promise.all(sessions.map((s) => s.send('POST', '/api/v1/auth/totp', { code })));
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 401, 401, 401]);
    expect((await Promise.all(sessions.map((s) => s.send('GET', '/api/v1/me')))).filter((r) => r.statusCode === 200)).toHaveLength(1);
  });
});

describe('lockout per client', () => {
  it('is not escaped by forging X-Forwarded-For when no proxy is trusted', async () => {
    const u = await user({ roles: ['intake'], totpRequired: false });
    const guess = (password: string, i: number) => t.app.inject({ method: 'POST', url: '/api/v1/auth/login', remoteAddress: '10.46.0.1', headers: { origin: ORIGIN, 'x-forwarded-for': `203.0.113.${String(i)}` }, payload: { username: u.username, password } });
    const statuses: number[] = [];
    for (let i = 0; i < 6; i += 1) statuses.push((await guess(`Wrong-Guess-${String(i)}-xx`, i)).statusCode);
    expect(statuses).toEqual([401, 401, 401, 401, 429, 429]);
    expect((await guess(u.password, 99)).statusCode).toBe(429);
    // Another client is not locked out by it.
    expect((await new Browser(t).login(u.username, u.password)).statusCode).toBe(200);
  });
});

describe('CSRF tokens', () => {
  it('another user’s token, an earlier session’s token and no token are refused on a case write and an admin write', async () => {
    const victim = await signedIn(['intake']);
    const attacker = await signedIn(['intake']);
    const secadmin = await signedIn(['secadmin']);
    // The victim's token from before the second factor rotated the session.
    const secret = newTotpSecret();
    const twoStep = await user({ roles: ['intake'], totpSecret: secret });
    const rotated = new Browser(t);
    await rotated.login(twoStep.username, twoStep.password);
    const before = rotated.csrf!;
    expect((await rotated.send('POST', '/api/v1/auth/totp', { code: totpCodeAt(secret, t.clock.now().getTime()) })).json().stage).toBe('authenticated');
    expect(rotated.csrf).not.toBe(before);

    const note = `/api/v1/cases/${caseNumber}/actions/add_note`;
    const attempts: [Browser, string, string][] = [
      [victim, note, attacker.csrf!],
      [attacker, note, victim.csrf!],
      [rotated, note, before],
      [victim, note, ''],
      [secadmin, '/api/v1/admin/users', victim.csrf!],
    ];
    for (const [browser, url, token] of attempts) expectProblem(await browser.send('POST', url, { text: '伪造请求' }, { 'x-csrf-token': token, 'if-match': '"1"' }), 403, 'csrf_failed');
    // Each with its own token gets past the CSRF check.
    expect((await victim.send('POST', note, { text: '正常备注' }, { 'if-match': '"1"' })).json().code).not.toBe('csrf_failed');
  });
});

describe('logout and planted cookies', () => {
  it('a logged-out cookie replayed with its CSRF token on a write gets 401 and writes nothing', async () => {
    const b = await signedIn(['intake']);
    const copy = new Browser(t);
    for (const [k, v] of b.cookies) copy.cookies.set(k, v);
    expect((await b.send('POST', '/api/v1/auth/logout')).statusCode).toBe(204);
    const replay = await copy.send('POST', `/api/v1/cases/${caseNumber}/actions/add_note`, { text: '注销后重放' }, { 'if-match': '"1"' });
    expectProblem(replay, 401, 'unauthenticated');
    expectProblem(await copy.send('GET', `/api/v1/cases/${caseNumber}`), 401, 'unauthenticated');
    expectProblem(await copy.send('POST', '/api/v1/auth/logout'), 401, 'unauthenticated');
  });

  it('a session cookie planted before sign-in is replaced, never adopted', async () => {
    const u = await user({ roles: ['intake'], totpRequired: false });
    const b = new Browser(t);
    b.cookies.set('zt_session', 'attacker-chosen-token-0123456789abcdef');
    b.cookies.set('csrf_token', 'attacker-chosen-csrf');
    expect((await b.login(u.username, u.password)).json().stage).toBe('authenticated');
    expect([b.cookies.get('zt_session') === 'attacker-chosen-token-0123456789abcdef', b.csrf === 'attacker-chosen-csrf']).toEqual([false, false]);
    const planted = new Browser(t);
    planted.cookies.set('zt_session', 'attacker-chosen-token-0123456789abcdef');
    expectProblem(await planted.send('GET', '/api/v1/me'), 401, 'unauthenticated');
  });
});

describe('sign-in without an allowed Origin', () => {
  it('is refused for a null Origin, a cross-site or same-site fetch without Origin, and no headers at all — before the password is checked', async () => {
    const u = await user({ roles: ['intake'], totpRequired: false });
    const login = (headers: Record<string, string>) => t.app.inject({ method: 'POST', url: '/api/v1/auth/login', headers, payload: { username: u.username, password: u.password } });
    const forms: Record<string, string>[] = [{}, { origin: 'null' }, { 'sec-fetch-site': 'cross-site' }, { 'sec-fetch-site': 'same-site' }, { 'sec-fetch-site': 'none' }, { origin: `${ORIGIN}.evil.example` }, { origin: 'http://127.0.0.1:3001' }];
    for (const headers of forms) {
      const res = await login(headers);
      expectProblem(res, 403, 'origin_refused');
      expect(res.headers['set-cookie']).toBeUndefined();
    }
    const audited = await t.deps.pool.query(`SELECT 1 FROM audit WHERE target = $1`, [u.username]);
    expect(audited.rowCount).toBe(0);
    // A same-origin fetch that leaves Origin out (some older browsers) is the one allowed form.
    expect((await login({ 'sec-fetch-site': 'same-origin' })).statusCode).toBe(200);
  });
});
