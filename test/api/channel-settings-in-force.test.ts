// The channel settings saved in the console are the settings in force beyond the senders (issues 7 and 8):
// `zhitong wechat menu` creates the menu of a console-set account (its AppSecret opened with the key ring),
// and plaintext mail saved in the console is a test-and-demo switch like ZHITONG_IMAP_URL=imap://…:
// /readyz lists it to loopback callers and the start-up audit record names it (DESIGN §7.4).
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { wechatMenu } from '../../src/cli-commands.js';
import { startServer } from '../../src/server.js';
import type { Browser } from '../helpers/browser.js';
import { Bureau } from '../helpers/demo-bureau.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { startFakeWechatApi, type FakeWechatApi } from '../helpers/wechat-api.js';
import type { WechatAccount } from '../helpers/wechat-server.js';

const APP_ID = 'wx2c2769f8efd9abc2';
const APP_SECRET = 'inforcesecret0123456789abcdef';
const ACCOUNT: WechatAccount = { appId: APP_ID, token: 'inforcetoken7', aesKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG', ghId: 'gh_0123456789ab' };

let t: TestApp;
let api: FakeWechatApi;
let sys: Browser;

beforeAll(async () => {
  api = await startFakeWechatApi(APP_ID, APP_SECRET);
  // No channel in the environment: only the API base, which is never a console setting.
  t = await createTestApp({ ZHITONG_REQUIRE_2FA: 'off', ZHITONG_WECHAT_API_BASE: api.base });
  sys = await (await Bureau.load(t)).as('sysadmin');
});
afterAll(async () => {
  await t.close();
  await api.close();
});

const switches = async (): Promise<string[]> => {
  const res = await t.app.inject({ method: 'GET', url: '/readyz', remoteAddress: '127.0.0.1' });
  expect(res.statusCode).toBe(200);
  return res.json<{ weakenedSwitches: string[] }>().weakenedSwitches;
};

describe('zhitong wechat menu', () => {
  it('creates the menu of the account saved in the console, with its stored AppSecret, audited', async () => {
    // Nothing configured anywhere yet: a usage error, nothing sent.
    expect(await wechatMenu(t.config)).toBe(2);
    expect(api.menus).toEqual([]);
    const saved = await sys.send('PUT', '/api/v1/admin/channels/wechat', { appId: APP_ID, appSecret: APP_SECRET, token: ACCOUNT.token, aesKey: ACCOUNT.aesKey });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(await wechatMenu(t.config)).toBe(0);
    // The fake API hands a token only for the right AppID and AppSecret, and takes the menu only with one.
    expect(api.menus).toEqual([{ button: [expect.objectContaining({ name: '我要反映', url: t.config.publicUrl.href }), expect.objectContaining({ name: '我的反映' }), expect.objectContaining({ name: '12389热线' })] }]);
    const audit = await t.deps.pool.query<{ actor_kind: string; target: string }>("SELECT actor_kind, target FROM audit WHERE action = 'wechat.menu'");
    expect(audit.rows).toEqual([{ actor_kind: 'cli', target: APP_ID }]);
  });
});

describe('test-and-demo switches of the console’s settings', () => {
  it('lists plaintext mail saved in the console in /readyz and in the start-up audit record', async () => {
    const before = await switches();
    expect(before.filter((s) => s.startsWith('console:'))).toEqual([]);
    // The console-set account above uses the environment's fake API base: that switch is in force now.
    expect(before).toContain('ZHITONG_WECHAT_API_BASE≠official');
    const saved = await sys.send('PUT', '/api/v1/admin/channels/mail', {
      imapUrl: 'imap://12389@127.0.0.1:9/INBOX',
      imapPassword: 'in-force-imap-password',
      smtpUrl: 'smtp://zhitong@127.0.0.1:9',
      smtpPassword: 'in-force-smtp-password',
      from: '12389@gaj.example.gov.cn',
      authservId: null,
      processedFolder: 'Processed',
    });
    expect(saved.statusCode, saved.body).toBe(200);
    const after = await switches();
    expect(after).toEqual(expect.arrayContaining(['ZHITONG_POW=off', 'console:mail.imapUrl=plaintext', 'console:mail.smtpUrl=plaintext']));
    // A caller that is not local learns none of it.
    const remote = await t.app.inject({ method: 'GET', url: '/readyz', remoteAddress: '203.0.113.9' });
    expect(remote.json()).toEqual({ status: 'ready' });

    const server = await startServer({ ...t.config, port: 0, jobs: false }, pino({ level: 'silent' }), t.clock);
    await server.stop();
    const audit = await t.deps.pool.query<{ target: string }>("SELECT target FROM audit WHERE action = 'config.weakened_switches'");
    expect(audit.rows).toHaveLength(1);
    expect(audit.rows[0]?.target.split(',')).toEqual(expect.arrayContaining(['ZHITONG_POW=off', 'console:mail.imapUrl=plaintext', 'console:mail.smtpUrl=plaintext', 'ZHITONG_WECHAT_API_BASE≠official']));
  });
});
