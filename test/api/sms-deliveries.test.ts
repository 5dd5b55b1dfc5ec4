// A text to the reporter that failed shows on the centre's case detail (issue 6): a delivery report
// `failed` for the acknowledgement, or a dead letter (a number that cannot take a text), as metadata only.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Bureau } from '../helpers/demo-bureau.js';
import type { LoopbackSmsc } from '../helpers/loopback-smsc.js';
import { registerCall, startSmsBureau, type SmsBureau } from '../helpers/sms-bureau.js';

let b: Bureau;
let smsc: LoopbackSmsc;
let bureau: SmsBureau;
beforeAll(async () => {
  bureau = await startSmsBureau();
  ({ b, smsc } = bureau);
});
afterAll(async () => bureau.close());

interface Delivery {
  channel: string;
  template: string;
  status: string;
  at: string;
  code: string | null;
}

const registered = (name: string, phone: string): Promise<string> => registerCall(b, phone, { name });

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
