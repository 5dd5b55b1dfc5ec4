// A text to the reporter that failed, on the console's case detail (issue 6): the acknowledgement goes out
// through the fake provider, the carrier reports it undelivered, and the centre's case page says so in an
// Ant Design Alert — in Chinese, and in English after the language switch — without a CSP violation.
// Likewise a WeChat acknowledgement nothing could carry (issue 8): the user wrote, was registered after
// WeChat's 48-hour window and had not subscribed, so the case page says it was not sent and why.
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobRunner } from '../../src/jobs/runner.js';
import { registerChannelSenders } from '../../src/channels/senders.js';
import { FakeSmsProvider } from '../../src/channels/sms/fake.js';
import { Browser as ApiBrowser } from '../helpers/browser.js';
import { DEMO_PASSWORD } from '../helpers/demo-bureau.js';
import { createTestRunner } from '../helpers/job-runner.js';
import { startFakeWechatApi, type FakeWechatApi } from '../helpers/wechat-api.js';
import { securePush, textXml, type WechatAccount } from '../helpers/wechat-server.js';
import { e2eRequired, missingPrerequisite, startE2E, type E2E } from './harness.js';

const missing = missingPrerequisite();
const ACCOUNT: WechatAccount = { appId: 'wx2c2769f8efd9abc2', token: 'e2etoken8', aesKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG', ghId: 'gh_0123456789ab' };
const APP_SECRET = 'e2eappsecret0123456789abcdef';
const OPENID = 'oZt_e2e_window_01';

describe.runIf(missing !== null && e2eRequired)('SMS end-to-end prerequisites', () => {
  it('are installed (ZHITONG_E2E=required)', () => {
    throw new Error(missing ?? '');
  });
});

describe.skipIf(missing !== null)('a notice that did not reach the reporter, on the console’s case page', () => {
  let e: E2E;
  let api: FakeWechatApi;
  let runner: JobRunner;
  let caseNumber: string;

  beforeAll(async () => {
    api = await startFakeWechatApi(ACCOUNT.appId, APP_SECRET);
    e = await startE2E({
      ZHITONG_WECHAT_APPID: ACCOUNT.appId,
      ZHITONG_WECHAT_SECRET: APP_SECRET,
      ZHITONG_WECHAT_TOKEN: ACCOUNT.token,
      ZHITONG_WECHAT_AES_KEY: ACCOUNT.aesKey,
      ZHITONG_WECHAT_API_BASE: api.base,
    });
    const sms = new FakeSmsProvider();
    runner = createTestRunner(e.t);
    registerChannelSenders(e.t.config, e.t.deps, runner, pino({ level: 'silent' }), sms);
    const intake = new ApiBrowser(e.t, undefined, e.origin);
    await intake.login('intake', DEMO_PASSWORD);
    const res = await intake.send('POST', '/api/v1/cases', {
      type: 'complaint', content: '来电反映派出所窗口办理居住证时多次让群众补材料。', anonymity: 'real_name', reporter: { name: '冯停机', phone: '13700137033' },
      channel: 'phone', receivedAt: '2026-03-02T09:30:00+08:00', channelDetails: { callerNumber: '13700137033', calledAt: '2026-03-02T09:30:00+08:00' },
    });
    expect(res.statusCode, res.body).toBe(201);
    caseNumber = res.json<{ caseNumber: string }>().caseNumber;
    await runner.runNow('outbox.relay');
    const sent = sms.sent.at(-1);
    if (sent === undefined) throw new Error('the acknowledgement was not sent');
    await sms.emit({ type: 'delivery', report: { providerMessageId: sent.providerMessageId, status: 'failed', code: 'UNDELIV:001', at: e.t.clock.now(), idempotencyKey: null } });
  });

  afterAll(async () => {
    await e.close();
    await api.close();
  });

  it('shows 短信通知发送失败（受理告知） with the carrier’s code, and in English', async () => {
    const page = await e.open(`/console/cases/${caseNumber}`);
    await e.signIn(page, 'intake');
    const alert = page.getByTestId('sms-delivery-failed');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('短信通知发送失败（受理告知）');
    expect(await alert.textContent()).toContain('UNDELIV:001');
    expect(await alert.textContent()).not.toContain('13700137033');
    await e.shot(page, 'sms-delivery-failed');
    await page.getByTestId('language-switch').click();
    await expect.poll(() => alert.textContent()).toContain('Text message not delivered (acknowledgement)');
    expect(e.watch.violations).toEqual([]);
  });

  it('shows a WeChat acknowledgement nothing could carry: 未发送, the window closed and no subscription', async () => {
    const now = (): number => Math.floor(e.t.clock.now().getTime() / 1000);
    const push = securePush(ACCOUNT, textXml(ACCOUNT, OPENID, now(), '交警路口执法不规范，请核查。', '8300000000000000001'), now(), '830001');
    expect((await e.t.app.inject({ method: 'POST', url: push.url, headers: { 'content-type': 'text/xml' }, payload: push.body })).statusCode).toBe(200);
    // Registered two days later: past WeChat's 48-hour window, and the user never subscribed.
    e.t.clock.advance(49 * 3_600_000);
    const item = (await e.t.deps.pool.query<{ id: string }>("SELECT id FROM intake_items WHERE channel = 'wechat' AND contact_bidx = $1", [e.t.deps.blind.index('openid', OPENID)])).rows[0];
    const intake = new ApiBrowser(e.t, undefined, e.origin);
    await intake.login('intake', DEMO_PASSWORD);
    const res = await intake.send('POST', `/api/v1/intake/items/${item?.id ?? ''}/register`, { type: 'complaint', anonymity: 'real_name', reporter: { name: '微信用户' } });
    expect(res.statusCode, res.body).toBe(201);
    const wechatCase = res.json<{ caseNumber: string }>().caseNumber;
    await runner.runNow('outbox.relay');
    expect(api.texts).toEqual([]);

    const page = await e.open(`/console/cases/${wechatCase}`);
    await e.signIn(page, 'intake');
    const alert = page.getByTestId('sms-delivery-failed');
    await alert.waitFor();
    const text = (await alert.textContent()) ?? '';
    expect(text).toContain('微信通知发送失败（受理告知）');
    expect(text).toContain('未发送：微信服务窗口已过且用户未订阅通知');
    // Not a text message: the hint speaks of the notice.
    expect(text).toContain('反映人可能未收到该通知');
    expect(text).not.toContain('短信');
    // Neither the OpenID nor the internal code reaches the page.
    expect(text).not.toContain('no_channel');
    expect(await page.content()).not.toContain(OPENID);
    await e.shot(page, 'wechat-delivery-skipped');
    await page.getByTestId('language-switch').click();
    await expect.poll(() => alert.textContent()).toContain('not sent: the WeChat window had closed and the user had not subscribed');
    expect(e.watch.violations).toEqual([]);
  });
});
