// The WeChat API tests' common ground (issue 8), as sms-bureau.ts is for SMS: a test app configured for one
// official account whose API is a local fake, the channel senders on a test job runner, signed pushes from
// WeChat, the user's open items, and a clerk's registration of one.
import type { LightMyRequestResponse } from 'fastify';
import { pino } from 'pino';
import { expect } from 'vitest';
import { registerChannelSenders } from '../../src/channels/senders.js';
import type { JobRunner } from '../../src/jobs/runner.js';
import { createTestRunner } from './job-runner.js';
import { createTestApp, type TestApp } from './test-app.js';
import { startFakeWechatApi, type FakeWechatApi } from './wechat-api.js';
import { securePush, type WechatAccount } from './wechat-server.js';

export const ACCOUNT: WechatAccount = { appId: 'wx2c2769f8efd9abc2', token: 'spamtest', aesKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG', ghId: 'gh_0123456789ab' };
export const SECRET = 'appsecret0123456789abcdef';

export interface WechatBureau {
  readonly t: TestApp;
  readonly api: FakeWechatApi;
  readonly runner: JobRunner;
  /** the test clock in WeChat's seconds */
  now(): number;
  /** A signed, encrypted push from WeChat, answered 200; the passive reply. */
  push(inner: string): Promise<string>;
  /** The user's items not yet registered. */
  openItems(openid: string): Promise<string[]>;
  close(): Promise<void>;
}

export async function startWechatBureau(env: Record<string, string> = {}): Promise<WechatBureau> {
  const api = await startFakeWechatApi(ACCOUNT.appId, SECRET);
  const t = await createTestApp({
    ZHITONG_REQUIRE_2FA: 'off',
    ZHITONG_WECHAT_APPID: ACCOUNT.appId,
    ZHITONG_WECHAT_SECRET: SECRET,
    ZHITONG_WECHAT_TOKEN: ACCOUNT.token,
    ZHITONG_WECHAT_AES_KEY: ACCOUNT.aesKey,
    ZHITONG_WECHAT_API_BASE: api.base,
    ...env,
  });
  const runner = createTestRunner(t);
  registerChannelSenders(t.config, t.deps, runner, pino({ level: 'silent' }), null);
  let nonce = 0;
  const now = (): number => Math.floor(t.clock.now().getTime() / 1000);
  return {
    t,
    api,
    runner,
    now,
    async push(inner) {
      const p = securePush(ACCOUNT, inner, now(), String(++nonce));
      const res = await t.app.inject({ method: 'POST', url: p.url, headers: { 'content-type': 'text/xml' }, payload: p.body });
      expect(res.statusCode).toBe(200);
      return res.body;
    },
    async openItems(openid) {
      const r = await t.deps.pool.query<{ id: string }>("SELECT id FROM intake_items WHERE channel = 'wechat' AND contact_bidx = $1 AND status = 'new'", [t.deps.blind.index('openid', openid)]);
      return r.rows.map((x) => x.id);
    },
    async close() {
      await t.close();
      await api.close();
    },
  };
}

interface Sender {
  send(method: 'POST', url: string, body: object): Promise<LightMyRequestResponse>;
}

/** The clerk registers a WeChat item as a real-name case of the given type; the response, not yet checked. */
export function registerItem(clerk: Sender, itemId: string | undefined, type: string): Promise<LightMyRequestResponse> {
  return clerk.send('POST', `/api/v1/intake/items/${itemId ?? ''}/register`, { type, anonymity: 'real_name', reporter: { name: '微信用户' } });
}
