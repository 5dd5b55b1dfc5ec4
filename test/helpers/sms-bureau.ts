// The SMS API tests' common ground (issue 6): the demo bureau on a test app with the loopback SMSC as its
// operator, and a clerk's registration of a phone call from a given number (its acknowledgement goes by SMS).
import { expect } from 'vitest';
import { Bureau } from './demo-bureau.js';
import { startLoopbackSmsc, type LoopbackSmsc } from './loopback-smsc.js';
import { createTestApp, type TestApp } from './test-app.js';

export interface SmsBureau {
  readonly t: TestApp;
  readonly b: Bureau;
  readonly smsc: LoopbackSmsc;
  close(): Promise<void>;
}

export async function startSmsBureau(): Promise<SmsBureau> {
  const t = await createTestApp({ ZHITONG_REQUIRE_2FA: 'off' });
  const b = await Bureau.load(t);
  const smsc = await startLoopbackSmsc(t);
  return {
    t,
    b,
    smsc,
    async close() {
      await smsc.close();
      await t.close();
    },
  };
}

/** A call registered by the clerk, the caller's number as the reporter's phone; the case number. */
export async function registerCall(b: Bureau, phone: string, o: { name?: string; type?: string; content?: string } = {}): Promise<string> {
  const res = await (await b.as('intake')).send('POST', '/api/v1/cases', {
    type: o.type ?? 'complaint',
    content: o.content ?? '来电反映派出所窗口办理居住证时多次让群众补材料。',
    anonymity: 'real_name',
    reporter: { name: o.name ?? '来电群众', phone },
    channel: 'phone',
    receivedAt: '2026-03-02T09:30:00+08:00',
    channelDetails: { callerNumber: phone, calledAt: '2026-03-02T09:30:00+08:00' },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<{ caseNumber: string }>().caseNumber;
}
