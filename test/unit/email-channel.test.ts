// The e-mail channel's small decisions (issue 7): which acknowledgement sender gets a row, what a DSN
// says, and when the bureau's own server vouches for a sender.
import { describe, expect, it } from 'vitest';
import { dsnVerdict } from '../../src/channels/email/bounce.js';
import { trustedSender } from '../../src/channels/email/trust.js';
import { byDelivery } from '../../src/channels/by-delivery.js';
import { headerFieldsOf } from '../../src/domain/email/headers.js';
import { DeliveryDeferred, type OutboxHandler, type OutboxMessage } from '../../src/jobs/outbox-relay.js';
import type { JobContext } from '../../src/jobs/job.js';

const h = (lines: string[]) => headerFieldsOf(lines.map((line) => ({ key: line.slice(0, line.indexOf(':')), line })));
const row = (payload: unknown): OutboxMessage => ({ id: 1, kind: 'reporter.acknowledgement', caseId: null, payload, attempt: 1, createdAt: new Date() });
const ctx = {} as JobContext;

describe('the acknowledgement dispatcher', () => {
  it('hands each row to its delivery’s sender and defers the rest untried', async () => {
    const seen: string[] = [];
    const handler = (name: string): OutboxHandler => () => {
      seen.push(name);
      return Promise.resolve();
    };
    const dispatch = byDelivery({ sms: handler('sms'), email: handler('email') });
    await dispatch(row({ delivery: 'email' }), ctx);
    await dispatch(row({ delivery: 'sms' }), ctx);
    expect(seen).toEqual(['email', 'sms']);
    await expect(dispatch(row({ delivery: 'wechat' }), ctx)).rejects.toBeInstanceOf(DeliveryDeferred);
    await expect(dispatch(row({ delivery: 'toString' }), ctx)).rejects.toBeInstanceOf(DeliveryDeferred);
    await expect(dispatch(row({}), ctx)).rejects.toBeInstanceOf(DeliveryDeferred);
  });
});

describe('delivery status notifications', () => {
  it('fails on Action: failed or a 5.x.x status, not on a delay', () => {
    expect(dsnVerdict(Buffer.from('Action: failed\r\nStatus: 5.1.1\r\n'))).toEqual({ failed: true, status: '5.1.1' });
    expect(dsnVerdict(Buffer.from('Action: delayed\r\nStatus: 4.4.7\r\n'))).toEqual({ failed: false, status: '4.4.7' });
    expect(dsnVerdict(Buffer.from('no report at all'))).toEqual({ failed: true, status: null });
  });
});

describe('Authentication-Results', () => {
  const ours = 'mx.gaj.example.gov.cn';
  it('counts only the top-most field and only with our authserv-id', () => {
    expect(trustedSender(h(['Authentication-Results: mx.gaj.example.gov.cn; spf=pass smtp.mailfrom=a.cn']), ours)).toBe(true);
    expect(trustedSender(h(['Authentication-Results: MX.GAJ.example.gov.cn 1; dkim=fail; dmarc=pass']), ours)).toBe(true);
    expect(trustedSender(h(['Authentication-Results: mx.gaj.example.gov.cn; spf=fail; dmarc=fail']), ours)).toBe(false);
    expect(trustedSender(h(['Authentication-Results: mx.evil.example; spf=pass']), ours)).toBe(false);
    // The sender's own copy of our server's verdict sits below the real one.
    expect(trustedSender(h(['Authentication-Results: mx.gaj.example.gov.cn; spf=softfail', 'Authentication-Results: mx.gaj.example.gov.cn; spf=pass']), ours)).toBe(false);
    expect(trustedSender(h(['Authentication-Results: mx.gaj.example.gov.cn; spf=pass']), null)).toBe(false);
  });
});
