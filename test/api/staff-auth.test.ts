// Staff sign-in as a user and an attacker see it: factors, lockout, sessions, CSRF and cookies (DESIGN §7.3).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { issueEnrolmentCode } from '../../src/commands/auth/enrol-totp.js';
import { newTotpSecret, totpCodeAt } from '../../src/security/totp.js';
import { createUnit, createUser, type TestUnit, type UserOptions } from '../helpers/factories.js';
import { createTestApp, ORIGIN, type TestApp } from '../helpers/test-app.js';

let plain: TestApp; // 2FA not required
let strict: TestApp; // 2FA required (the default)
let tls: TestApp; // served over https
const units = new Map<TestApp, TestUnit>();
beforeAll(async () => {
  plain = await createTestApp({ ZHITONG_REQUIRE_2FA: 'off' });
  strict = await createTestApp();
  tls = await createTestApp({ ZHITONG_REQUIRE_2FA: 'off', ZHITONG_PUBLIC_URL: 'https://zt.example' });
  for (const t of [plain, strict, tls]) units.set(t, await createUnit(t.deps, { name: '示例市公安局督察支队' }));
});
afterAll(async () => Promise.all([plain.close(), strict.close(), tls.close()]));

const MINUTE = 60_000;
let ipSerial = 0;

function user(t: TestApp, o: Partial<UserOptions> = {}) {
  return createUser(t.deps, { unitId: units.get(t)!.id, ...o });
}

async function signedIn(t: TestApp, o: Partial<UserOptions> = {}) {
  const u = await user(t, o);
  const b = new Browser(t);
  await b.login(u.username, u.password);
  return { u, b };
}

function expectProblem(res: LightMyRequestResponse, status: number, code: string): void {
  expect([res.statusCode, res.headers['content-type'], res.json().code]).toEqual([status, 'application/problem+json; charset=utf-8', code]);
}

/** A browser with its own cookie jar and client address; it echoes the CSRF cookie on writes like the console does. */
class Browser {
  readonly cookies = new Map<string, string>();
  constructor(readonly t: TestApp, readonly ip = `10.1.${Math.floor(++ipSerial / 250)}.${ipSerial % 250}`, readonly origin = ORIGIN) {}
  get csrf(): string | undefined { return this.cookies.get('csrf_token') ?? this.cookies.get('__Host-csrf_token'); }
  async send(method: 'GET' | 'POST', url: string, body?: object, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
    const h: Record<string, string> = { origin: this.origin, ...headers };
    if (this.cookies.size > 0) h.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    if (method === 'POST' && this.csrf !== undefined && !('x-csrf-token' in headers)) h['x-csrf-token'] = this.csrf;
    const res = await this.t.app.inject({ method, url, headers: h, remoteAddress: this.ip, ...(body === undefined ? {} : { payload: body }) });
    for (const c of res.cookies as { name: string; value: string }[]) if (c.value === '') this.cookies.delete(c.name); else this.cookies.set(c.name, c.value);
    return res;
  }
  login(username: string, password: string) { return this.send('POST', '/api/v1/auth/login', { username, password }); }
  me(background = false) { return this.send('GET', '/api/v1/me', undefined, background ? { 'x-zhitong-background': '1' } : {}); }
  clone(): Browser { return Object.assign(new Browser(this.t, this.ip, this.origin), { cookies: new Map(this.cookies) }); }
}

async function auditActions(t: TestApp, username: string): Promise<string[]> {
  const r = await t.deps.pool.query<{ action: string }>('SELECT action FROM audit WHERE target = $1 ORDER BY seq', [username]);
  return r.rows.map((row) => row.action);
}

function otherCode(secret: string, now: Date): string {
  const near = [-1, 0, 1].map((k) => totpCodeAt(secret, now.getTime() + k * 30_000));
  return ['123456', '654321', '111111'].find((c) => !near.includes(c))!;
}

describe('password sign-in without 2FA', () => {
  it('signs in and shows who I am with my active roles', async () => {
    const u = await user(plain, { roles: ['handler', 'liaison'], displayName: '王警官', rank: 'officer' });
    await plain.deps.pool.query(`INSERT INTO role_grants (id, user_id, role, revoked_at) VALUES (gen_random_uuid(), $1, 'intake', now())`, [u.id]);
    const b = new Browser(plain);
    expect((await b.login(u.username, u.password)).json()).toEqual({ stage: 'authenticated', csrfToken: b.csrf });
    const first = b.clone();
    // Signing in again with a session cookie replaces that session: its token dies.
    expect((await b.login(u.username.toUpperCase(), u.password)).statusCode).toBe(200);
    expect((await first.me()).statusCode).toBe(401);
    expect((await b.me()).json()).toEqual({ username: u.username, displayName: '王警官', policeNumber: u.policeNumber, rank: 'officer', unit: { code: units.get(plain)!.code, name: '示例市公安局督察支队' }, roles: ['handler', 'liaison'] });
    expect(await auditActions(plain, u.username)).toEqual(['auth.login', 'auth.login']);
  });

  it('answers an unknown user, a wrong password and a deactivated user identically', async () => {
    const u = await user(plain);
    const off = await user(plain, { active: false });
    const answers = [await new Browser(plain).login('nobody-here', 'whatever-123'), await new Browser(plain).login(u.username, 'wrong-password-1'), await new Browser(plain).login(off.username, off.password)];
    for (const res of answers) expect([res.statusCode, res.headers['set-cookie'], res.body]).toEqual([401, undefined, answers[0]!.body]);
    expectProblem(answers[0]!, 401, 'login_failed');
    expect(await auditActions(plain, u.username)).toEqual(['auth.login_failed']);
  });

  it('refuses a login without an allowed Origin', async () => {
    const u = await user(plain);
    expectProblem(await plain.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: u.username, password: u.password } }), 403, 'origin_refused');
    expect((await new Browser(plain, undefined, 'https://evil.example').login(u.username, u.password)).statusCode).toBe(403);
  });

  it('forces a password change at first login, naming each problem, and ends the other sessions', async () => {
    const u = await user(plain, { mustChangePassword: true, username: 'zhangsan' });
    const a = new Browser(plain);
    const other = new Browser(plain);
    expect((await a.login(u.username, u.password)).json().stage).toBe('password_change');
    expect((await other.login(u.username, u.password)).json().stage).toBe('password_change');
    expect((await a.me()).json()).toMatchObject({ status: 403, code: 'step_required', errors: [{ path: 'stage', code: 'password_change' }] });
    const weak = await a.send('POST', '/api/v1/auth/password', { currentPassword: u.password, newPassword: 'zhangsan1' }, { 'accept-language': 'en' });
    expectProblem(weak, 422, 'weak_password');
    expect(weak.json().errors.map((e: { code: string }) => e.code)).toEqual(expect.arrayContaining(['too_short', 'too_few_classes', 'contains_username']));
    expect(weak.json().errors[0]).toMatchObject({ path: 'newPassword', message: 'Use at least 12 characters' });
    const zh = await a.send('POST', '/api/v1/auth/password', { currentPassword: u.password, newPassword: 'abc' });
    expect(zh.json().errors[0].message).toBe('密码至少需要12个字符');
    const wrongCurrent = await a.send('POST', '/api/v1/auth/password', { currentPassword: 'not-my-password', newPassword: 'Hong-Qi-Piao-Piao-58#' });
    expectProblem(wrongCurrent, 422, 'validation_failed');
    expect(wrongCurrent.json().errors).toEqual([expect.objectContaining({ path: 'currentPassword', code: 'incorrect' })]);
    const before = a.clone();
    const changed = await a.send('POST', '/api/v1/auth/password', { currentPassword: u.password, newPassword: 'Hong-Qi-Piao-Piao-58#' });
    expect(changed.json()).toEqual({ stage: 'authenticated', csrfToken: a.csrf });
    expect(a.csrf).not.toBe(before.csrf);
    expect((await a.me()).statusCode).toBe(200);
    expect((await before.me()).statusCode).toBe(401);
    expect((await other.me()).statusCode).toBe(401);
    expect((await new Browser(plain).login(u.username, u.password)).statusCode).toBe(401);
    expect((await new Browser(plain).login(u.username, 'Hong-Qi-Piao-Piao-58#')).json().stage).toBe('authenticated');
    expect(await auditActions(plain, u.username)).toContain('auth.password_changed');
  });
});

describe('lockout', () => {
  it('locks one client after 5 failures, with a growing delay, while another client still signs in', async () => {
    const u = await user(plain);
    const a = new Browser(plain);
    for (let i = 0; i < 4; i += 1) expect((await a.login(u.username, `wrong-${i}`)).statusCode).toBe(401);
    const fifth = await a.login(u.username, 'wrong-5');
    expectProblem(fifth, 429, 'account_locked');
    expect(fifth.headers['retry-after']).toBe('60');
    expectProblem(await a.login(u.username.toUpperCase(), u.password), 429, 'account_locked');
    expect((await new Browser(plain).login(u.username, u.password)).statusCode).toBe(200);
    plain.clock.advance(MINUTE + 1000);
    const sixth = await a.login(u.username, 'wrong-6');
    expect(sixth.statusCode).toBe(429);
    expect(sixth.headers['retry-after']).toBe('120');
    plain.clock.advance(2 * MINUTE + 1000);
    expect((await a.login(u.username, u.password)).statusCode).toBe(200);
    expect((await a.login(u.username, 'wrong-again')).statusCode).toBe(401);
    expect(await auditActions(plain, u.username)).toContain('auth.locked');
  });
});

describe('sessions', () => {
  it('logout revokes the session, and replaying the old cookie gets 401', async () => {
    const { u, b } = await signedIn(plain);
    const copy = b.clone();
    expectProblem(await b.send('POST', '/api/v1/auth/logout', undefined, { 'x-csrf-token': '' }), 403, 'csrf_failed');
    // As a browser's fetch sends it: a JSON content type and no body.
    expect((await b.send('POST', '/api/v1/auth/logout', undefined, { 'content-type': 'application/json' })).statusCode).toBe(204);
    expect(b.cookies.size).toBe(0);
    expectProblem(await copy.me(), 401, 'unauthenticated');
    expect(await auditActions(plain, u.username)).toEqual(['auth.login', 'auth.logout']);
  });

  it('refuses staff writes without this session’s CSRF token', async () => {
    const u = await user(plain);
    const mine = new Browser(plain);
    const theirs = new Browser(plain);
    await mine.login(u.username, u.password);
    await theirs.login(u.username, u.password);
    const body = { currentPassword: u.password, newPassword: 'short' };
    for (const token of [undefined, theirs.csrf!, `${mine.csrf!}x`]) {
      expectProblem(await mine.send('POST', '/api/v1/auth/password', body, { 'x-csrf-token': token ?? '' }), 403, 'csrf_failed');
    }
    expect((await mine.send('POST', '/api/v1/auth/password', body)).statusCode).toBe(422);
    // A staff write route that does not exist yet is still behind the session and the token.
    expect((await mine.send('POST', '/api/v1/cases', {}, { 'x-csrf-token': '' })).statusCode).toBe(403);
    expect((await new Browser(plain).send('POST', '/api/v1/cases', {})).statusCode).toBe(401);
  });

  it('times out after 30 idle minutes even while the console polls in the background', async () => {
    const { b } = await signedIn(plain);
    const statuses: number[] = [];
    for (let minute = 1; minute <= 31; minute += 1) {
      plain.clock.advance(MINUTE);
      statuses.push((await b.me(true)).statusCode);
    }
    expect(statuses.slice(0, 29).every((s) => s === 200)).toBe(true);
    expect(statuses.at(-1)).toBe(401);
    expect((await b.me()).statusCode).toBe(401);
  });

  it('stays alive through user activity, but never beyond 12 hours', async () => {
    const { b } = await signedIn(plain);
    const statuses: number[] = [];
    for (let step = 1; step <= 36; step += 1) {
      plain.clock.advance(10 * MINUTE);
      await b.me(true);
      plain.clock.advance(10 * MINUTE);
      statuses.push((await b.me()).statusCode);
    }
    expect(statuses.slice(0, 35).every((s) => s === 200)).toBe(true);
    expect(statuses.at(-1)).toBe(401);
  });

  it('ends the sessions of a deactivated user at their next request', async () => {
    const { u, b } = await signedIn(plain);
    await plain.deps.pool.query('UPDATE users SET active = false WHERE id = $1', [u.id]);
    expect((await b.me()).statusCode).toBe(401);
    await plain.deps.pool.query('UPDATE users SET active = true WHERE id = $1', [u.id]);
    expect((await b.me()).statusCode).toBe(401);
  });
});

describe('two factors', () => {
  it('enrols with a one-time code, after which the code is spent', async () => {
    const u = await user(strict, { mustChangePassword: true });
    const issued = await issueEnrolmentCode(strict.deps, u.id, { kind: 'cli', osUser: 'secadmin' });
    if (!issued.ok) throw new Error('no code');
    expect(issued.code).toMatch(/^[A-Z2-9]{12}$/u);
    const b = new Browser(strict);
    expect((await b.login(u.username, u.password)).json().stage).toBe('enrol');
    expect((await b.me()).json()).toMatchObject({ code: 'step_required', errors: [{ code: 'enrol' }] });
    expect((await b.send('POST', '/api/v1/auth/totp/enrol', { enrolmentCode: 'ABCDEFGHJKMN' })).json().code).toBe('enrolment_failed');
    const started = await b.send('POST', '/api/v1/auth/totp/enrol', { enrolmentCode: issued.code.toLowerCase() });
    expect(started.statusCode).toBe(200);
    const { secret, otpauthUri } = started.json<{ secret: string; otpauthUri: string }>();
    expect(otpauthUri).toMatch(/^otpauth:\/\/totp\//u);
    const now = strict.clock.now();
    expect((await b.send('POST', '/api/v1/auth/totp/enrol', { enrolmentCode: issued.code, code: otherCode(secret, now) })).json().code).toBe('totp_failed');
    const done = await b.send('POST', '/api/v1/auth/totp/enrol', { enrolmentCode: issued.code, code: totpCodeAt(secret, now.getTime()) });
    expect(done.json()).toEqual({ stage: 'password_change', csrfToken: b.csrf });
    const again = new Browser(strict);
    expect((await again.login(u.username, u.password)).json().stage).toBe('totp');
    expect((await again.send('POST', '/api/v1/auth/totp/enrol', { enrolmentCode: issued.code })).json().code).toBe('step_required');
    expect(await auditActions(strict, u.username)).toEqual(expect.arrayContaining(['auth.totp_enrolment_issued', 'auth.totp_enrolled']));
  });

  it('refuses an expired enrolment code', async () => {
    const u = await user(strict);
    const issued = await issueEnrolmentCode(strict.deps, u.id, { kind: 'cli', osUser: 'secadmin' });
    strict.clock.advance(72 * 60 * MINUTE + 1000);
    const b = new Browser(strict);
    await b.login(u.username, u.password);
    expect((await b.send('POST', '/api/v1/auth/totp/enrol', { enrolmentCode: issued.ok ? issued.code : '' })).json().code).toBe('enrolment_failed');
  });

  it('asks for the TOTP, rotates the session on success and refuses a replayed code', async () => {
    const secret = newTotpSecret();
    const u = await user(strict, { totpSecret: secret });
    const b = new Browser(strict);
    expect((await b.login(u.username, u.password)).json().stage).toBe('totp');
    expect((await b.me()).json()).toMatchObject({ code: 'step_required', errors: [{ code: 'totp' }] });
    const halfway = b.clone();
    const code = totpCodeAt(secret, strict.clock.now().getTime());
    const ok = await b.send('POST', '/api/v1/auth/totp', { code });
    expect(ok.json()).toEqual({ stage: 'authenticated', csrfToken: b.csrf });
    expect(b.csrf).not.toBe(halfway.csrf);
    expect((await b.me()).statusCode).toBe(200);
    expect((await halfway.me()).statusCode).toBe(401);
    const thief = new Browser(strict);
    await thief.login(u.username, u.password);
    expect((await thief.send('POST', '/api/v1/auth/totp', { code })).json().code).toBe('totp_failed');
    strict.clock.advance(30_000);
    expect((await thief.send('POST', '/api/v1/auth/totp', { code: totpCodeAt(secret, strict.clock.now().getTime()) })).statusCode).toBe(200);
  });

  it('counts wrong TOTP codes toward the lockout of that client; re-entering the password does not reset it', async () => {
    const secret = newTotpSecret();
    const u = await user(strict, { totpSecret: secret });
    const b = new Browser(strict);
    await b.login(u.username, u.password);
    const wrong = otherCode(secret, strict.clock.now());
    for (let i = 0; i < 4; i += 1) expect((await b.send('POST', '/api/v1/auth/totp', { code: wrong })).statusCode).toBe(401);
    const again = new Browser(strict, b.ip);
    expect((await again.login(u.username, u.password)).json().stage).toBe('totp');
    expect((await again.send('POST', '/api/v1/auth/totp', { code: wrong })).statusCode).toBe(429);
    const right = await again.send('POST', '/api/v1/auth/totp', { code: totpCodeAt(secret, strict.clock.now().getTime()) });
    expect(right.json().code).toBe('account_locked');
    expect((await new Browser(strict, b.ip).login(u.username, u.password)).statusCode).toBe(429);
    expect((await new Browser(strict).login(u.username, u.password)).json().stage).toBe('totp');
  });

  it('skips enrolment for an account exempt from 2FA', async () => {
    const u = await user(strict, { totpRequired: false });
    expect((await new Browser(strict).login(u.username, u.password)).json().stage).toBe('authenticated');
  });
});

describe('cookies', () => {
  it('are HttpOnly (session) and SameSite=Strict on plain HTTP, with __Host- names and Secure over https', async () => {
    const u = await user(plain);
    const cookies = (await new Browser(plain).login(u.username, u.password)).cookies as { name: string; httpOnly?: boolean; sameSite?: string; secure?: boolean; path?: string }[];
    expect(cookies.map((c) => c.name).sort()).toEqual(['csrf_token', 'zt_session']);
    expect(cookies.find((c) => c.name === 'zt_session')).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
    expect(cookies.every((c) => c.secure !== true)).toBe(true);
    expect(cookies.find((c) => c.name === 'csrf_token')).toMatchObject({ sameSite: 'Strict', path: '/' });
    expect(cookies.find((c) => c.name === 'csrf_token')!.httpOnly).toBeFalsy();
    const v = await user(tls);
    const b = new Browser(tls, undefined, 'https://zt.example');
    const header = ([] as string[]).concat((await b.login(v.username, v.password)).headers['set-cookie'] ?? []);
    expect(header.find((h) => h.startsWith('__Host-zt_session='))).toMatch(/^(?=.*; Secure)(?=.*; HttpOnly)(?=.*; SameSite=Strict)(?=.*; Path=\/)(?!.*Domain=)/u);
    const csrf = header.find((h) => h.startsWith('__Host-csrf_token='))!;
    expect(csrf).toMatch(/^(?=.*; Secure)(?=.*; SameSite=Strict)(?!.*HttpOnly)/u);
    expect((await b.me()).statusCode).toBe(200);
  });
});
