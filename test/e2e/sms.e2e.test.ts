// A text to the reporter that failed, on the console's case detail (issue 6): the acknowledgement goes out
// through the fake provider, the carrier reports it undelivered, and the centre's case page says so in an
// Ant Design Alert — in Chinese, and in English after the language switch — without a CSP violation.
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerChannelSenders } from '../../src/channels/senders.js';
import { FakeSmsProvider } from '../../src/channels/sms/fake.js';
import { Browser as ApiBrowser } from '../helpers/browser.js';
import { DEMO_PASSWORD } from '../helpers/demo-bureau.js';
import { createTestRunner } from '../helpers/job-runner.js';
import { e2eRequired, missingPrerequisite, startE2E, type E2E } from './harness.js';

const missing = missingPrerequisite();

describe.runIf(missing !== null && e2eRequired)('SMS end-to-end prerequisites', () => {
  it('are installed (ZHITONG_E2E=required)', () => {
    throw new Error(missing ?? '');
  });
});

describe.skipIf(missing !== null)('a failed text on the console’s case page', () => {
  let e: E2E;
  let caseNumber: string;

  beforeAll(async () => {
    e = await startE2E();
    const sms = new FakeSmsProvider();
    const runner = createTestRunner(e.t);
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
});
