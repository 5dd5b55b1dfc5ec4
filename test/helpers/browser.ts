// A browser with its own cookie jar and client address; it echoes the CSRF cookie on writes like the console does.
import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { ORIGIN, type TestApp } from './test-app.js';

let ipSerial = 0;

export class Browser {
  readonly cookies = new Map<string, string>();
  constructor(readonly t: TestApp, readonly ip = `10.2.${String(Math.floor(++ipSerial / 250))}.${String(ipSerial % 250)}`, readonly origin = ORIGIN) {}
  get csrf(): string | undefined { return this.cookies.get('csrf_token') ?? this.cookies.get('__Host-csrf_token'); }
  async send(method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, body?: object, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
    const h: Record<string, string> = { origin: this.origin, ...headers };
    if (this.cookies.size > 0) h.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    if (method !== 'GET' && this.csrf !== undefined && !('x-csrf-token' in headers)) h['x-csrf-token'] = this.csrf;
    const res = await this.t.app.inject({ method, url, headers: h, remoteAddress: this.ip, ...(body === undefined ? {} : { payload: body }) });
    for (const c of res.cookies as { name: string; value: string }[]) if (c.value === '') this.cookies.delete(c.name); else this.cookies.set(c.name, c.value);
    return res;
  }
  login(username: string, password: string) { return this.send('POST', '/api/v1/auth/login', { username, password }); }
}

export function expectProblem(res: LightMyRequestResponse, status: number, code: string): void {
  expect([res.statusCode, res.headers['content-type'], res.json().code]).toEqual([status, 'application/problem+json; charset=utf-8', code]);
}
