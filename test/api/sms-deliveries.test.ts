// A text to the reporter that failed shows on the centre's case detail (issue 6): a delivery report
// `failed` for the acknowledgement, or a dead letter (a number that cannot take a text), as metadata only.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Bureau } from '../helpers/demo-bureau.js';
import { startLoopbackSmsc, type LoopbackSmsc } from '../helpers/loopback-smsc.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';

let t: TestApp;
let b: Bureau;
let smsc: LoopbackSmsc;
beforeAll(async () => {
  t = await createTestApp({ ZHITONG_REQUIRE_2FA: 'off' });
  b = await Bureau.load(t);
  smsc = await startLoopbackSmsc(t);
});
afterAll(async () => {
  await smsc.close();
  await t.close();
});

interface Delivery {
  channel: string;
  template: string;
  status: string;
  at: string;
  code: string | null;
}

async function registered(name: string, phone: string): Promise<string> {
  const res = await (await b.as('intake')).send('POST', '/api/v1/cases', {
    type: 'complaint', content: '来电反映派出所窗口办理居住证时多次让群众补材料。', anonymity: 'real_name', reporter: { name, phone },
    channel: 'phone', receivedAt: '2026-03-02T09:30:00+08:00', channelDetails: { callerNumber: phone, calledAt: '2026-03-02T09:30:00+08:00' },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<{ caseNumber: string }>().caseNumber;
}

const deliveries = async (n: string): Promise<Delivery[]> => (await b.detail('intake', n)).json<{ deliveries: Delivery[] }>().deliveries;

describe('deliveries on the case detail', () => {
  it('shows the acknowledgement delivered, or failed with the carrier’s code, and never the number', async () => {
    const ok = await registered('郑送达', '13700137044');
    const lost = await registered('冯停机', '13700137033');
    await smsc.runner.runNow('outbox.relay');
    await expect.poll(() => deliveries(ok), { timeout: 5000 }).toMatchObject([{ channel: 'sms', template: 'reporter.acknowledgement', status: 'delivered', code: 'DELIVRD' }]);
    await expect.poll(() => deliveries(lost), { timeout: 5000 }).toMatchObject([{ channel: 'sms', template: 'reporter.acknowledgement', status: 'failed', code: 'UNDELIV:001' }]);
    const body = (await b.detail('intake', lost)).body;
    expect(JSON.stringify(await deliveries(lost))).not.toContain('13700137033');
    expect(body).toContain('"deliveries"');
  });

  it('shows a text that never left as a dead letter with its reason', async () => {
    const n = await registered('周固话', '010-62345678');
    await smsc.runner.runNow('outbox.relay');
    expect(await deliveries(n)).toMatchObject([{ channel: 'sms', template: 'reporter.acknowledgement', status: 'dead', code: 'SmsSendError:NOT_A_MOBILE' }]);
  });
});
