// Sign-in hardening: parallel guesses cannot slip past the lockout; demo accounts skip 2FA only where demos are allowed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUnit, createUser } from '../helpers/factories.js';
import { createTestApp, ORIGIN, type TestApp } from '../helpers/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ ZHITONG_REQUIRE_2FA: 'off' });
});
afterAll(async () => {
  await t.close();
});

describe('lockout under parallel guessing', () => {
  it('checks at most five passwords from one client, however many arrive at once', async () => {
    const unit = await createUnit(t.deps);
    const u = await createUser(t.deps, { unitId: unit.id });
    const guess = (password: string) =>
      t.app.inject({ method: 'POST', url: '/api/v1/auth/login', remoteAddress: '10.9.9.9', headers: { origin: ORIGIN }, payload: { username: u.username, password } });
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => guess(`Wrong-Guess-${String(i)}-xx`)));
    const checked = answers.filter((a) => a.statusCode === 401).length;
    const refused = answers.filter((a) => a.statusCode === 429).length;
    expect(checked).toBeLessThanOrEqual(4);
    expect(checked + refused).toBe(20);
    // The right password is refused too while the lock holds.
    expect((await guess(u.password)).statusCode).toBe(429);
    t.clock.advance(61_000);
    expect((await guess(u.password)).statusCode).toBe(200);
  });
});

describe('demo accounts', () => {
  it('must enrol a second factor on a server others can reach, even though the account is exempt', async () => {
    const proxied = await createTestApp({ ZHITONG_TRUSTED_PROXIES: '10.0.0.1' });
    try {
      const unit = await createUnit(proxied.deps);
      const u = await createUser(proxied.deps, { unitId: unit.id, totpRequired: false });
      const res = await proxied.app.inject({ method: 'POST', url: '/api/v1/auth/login', headers: { origin: ORIGIN }, payload: { username: u.username, password: u.password } });
      expect(res.json().stage).toBe('enrol');
    } finally {
      await proxied.close();
    }
  });

  it('skip it only where the demo switches are allowed', async () => {
    const loopback = await createTestApp();
    try {
      const unit = await createUnit(loopback.deps);
      const u = await createUser(loopback.deps, { unitId: unit.id, totpRequired: false });
      const res = await loopback.app.inject({ method: 'POST', url: '/api/v1/auth/login', headers: { origin: ORIGIN }, payload: { username: u.username, password: u.password } });
      expect(res.json().stage).toBe('authenticated');
    } finally {
      await loopback.close();
    }
  });
});

describe('password expiry', () => {
  it('sends a user whose password is older than the configured age to change it', async () => {
    const app = await createTestApp({ ZHITONG_REQUIRE_2FA: 'off', ZHITONG_PASSWORD_MAX_AGE_DAYS: '90' });
    try {
      const unit = await createUnit(app.deps);
      const u = await createUser(app.deps, { unitId: unit.id });
      const login = () => app.app.inject({ method: 'POST', url: '/api/v1/auth/login', headers: { origin: ORIGIN }, payload: { username: u.username, password: u.password } });
      await app.deps.pool.query('UPDATE users SET password_changed_at = $2 WHERE id = $1', [u.id, new Date(app.clock.now().getTime() - 89 * 86_400_000)]);
      expect((await login()).json().stage).toBe('authenticated');
      app.clock.advance(2 * 86_400_000);
      expect((await login()).json().stage).toBe('password_change');
    } finally {
      await app.close();
    }
  });
});
