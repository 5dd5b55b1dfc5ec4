// A signed-in staff user for API tests: a cookie jar that echoes the CSRF cookie on writes, as the console does.
import type { LightMyRequestResponse } from 'fastify';
import type { Role } from '../../src/domain/roles.js';
import { createUnit, createUser, type TestUser } from './factories.js';
import { ORIGIN, type TestApp } from './test-app.js';

let ipSerial = 0;

export interface SendOptions {
  readonly headers?: Record<string, string>;
  /** Leave out the X-CSRF-Token header. */
  readonly noCsrf?: boolean;
}

export class StaffClient {
  readonly cookies = new Map<string, string>();
  readonly ip = `10.9.${Math.floor(++ipSerial / 250)}.${ipSerial % 250}`;
  constructor(readonly t: TestApp) {}

  async send(method: 'GET' | 'POST', url: string, body?: unknown, o: SendOptions = {}): Promise<LightMyRequestResponse> {
    const h: Record<string, string> = { origin: ORIGIN, ...o.headers };
    if (this.cookies.size > 0) h.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const csrf = this.cookies.get('csrf_token');
    if (method === 'POST' && csrf !== undefined && !o.noCsrf) h['x-csrf-token'] = csrf;
    const payload = body === undefined ? {} : Buffer.isBuffer(body) || typeof body === 'string' ? { payload: body } : { payload: body as object };
    const res = await this.t.app.inject({ method, url, headers: h, remoteAddress: this.ip, ...payload });
    for (const c of res.cookies as { name: string; value: string }[]) if (c.value === '') this.cookies.delete(c.name); else this.cookies.set(c.name, c.value);
    return res;
  }
}

/** Needs an app made with `ZHITONG_REQUIRE_2FA: 'off'`. */
export async function signedInStaff(t: TestApp, roles: readonly Role[], o: { displayName?: string } = {}): Promise<{ user: TestUser; client: StaffClient }> {
  const unit = await createUnit(t.deps, { name: '示例市公安局督察支队', kind: 'detachment' });
  const user = await createUser(t.deps, { unitId: unit.id, roles, ...o });
  const client = new StaffClient(t);
  const res = await client.send('POST', '/api/v1/auth/login', { username: user.username, password: user.password });
  if (res.statusCode !== 200 || res.json<{ stage: string }>().stage !== 'authenticated') throw new Error(`sign-in failed: ${res.statusCode}`);
  return { user, client };
}
