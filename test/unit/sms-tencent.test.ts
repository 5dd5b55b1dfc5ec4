// Our Tencent client against a loopback mock that checks TC3 the way the API does, and the
// status and reply callbacks on recorded payloads.
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SmsPayloadError } from '../../src/channels/sms/errors.js';
import { toE164 } from '../../src/channels/sms/phone.js';
import { TencentSmsProvider } from '../../src/channels/sms/tencent.js';
import { tc3Sign } from '../../src/channels/sms/tencent-signature.js';
import { parseFollowupReply } from '../../src/domain/sms/followup-reply.js';
import { buildTemplateSet } from '../../src/domain/sms/templates.js';

interface Seen { headers: Record<string, string | string[] | undefined>; body: string; verified: boolean }

let server: Server;
let port = 0;
let seen: Seen[] = [];
let reply: unknown = {};

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (body += c));
    req.on('end', () => {
      const h = req.headers;
      const ts = Number(h['x-tc-timestamp']);
      const expected = tc3Sign({ secretId: 'AKID-test', secretKey: 'sk-test', service: 'sms', host: h.host ?? '', timestamp: ts, payload: body });
      seen.push({ headers: h, body, verified: h.authorization === expected.authorization && h['content-type'] === 'application/json; charset=utf-8' });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(reply));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

beforeEach(() => {
  seen = [];
  reply = { Response: { SendStatusSet: [{ SerialNo: '2106:1001', PhoneNumber: '+8613900000001', Fee: 1, SessionContext: 'k', Code: 'Ok', Message: 'send success', IsoCode: 'CN' }], RequestId: 'r' } };
});

const provider = () => new TencentSmsProvider({
  endpoint: new URL(`http://127.0.0.1:${port}`),
  secretId: 'AKID-test',
  secretKey: 'sk-test',
  sdkAppId: '1400000001',
  region: 'ap-guangzhou',
  templates: buildTemplateSet(),
  templateIds: { 'reporter.acknowledgement': '100001', 'staff.due_soon': '100007' },
});

describe('our Tencent client', () => {
  it('sends a TC3-signed SendSms with the parameters in template order', async () => {
    const result = await provider().send({ to: toE164('13900000001')!, template: { key: 'reporter.acknowledgement', params: { queryCode: '0123456789', caseNumber: 'SL2026000123' } }, idempotencyKey: 'ack-1', replyTag: '01' });
    expect(result).toEqual({ providerMessageId: '2106:1001', partMessageIds: ['2106:1001'], segments: 2 });
    const [req] = seen;
    expect(req!.verified).toBe(true);
    expect(req!.headers['x-tc-action']).toBe('SendSms');
    expect(req!.headers['x-tc-version']).toBe('2021-01-11');
    expect(req!.headers['x-tc-region']).toBe('ap-guangzhou');
    expect(JSON.parse(req!.body)).toEqual({
      PhoneNumberSet: ['+8613900000001'],
      SmsSdkAppId: '1400000001',
      SignName: '示例市公安局',
      TemplateId: '100001',
      TemplateParamSet: ['SL2026000123', '0123456789'],
      SessionContext: 'ack-1',
      ExtendCode: '01',
    });
  });

  it('maps API errors and per-number refusals', async () => {
    const msg = { to: toE164('+8613900000001')!, template: { key: 'staff.due_soon' as const, params: { caseNumber: 'SL1', dueDate: '2026-12-01' } }, idempotencyKey: 'k-2' };
    reply = { Response: { Error: { Code: 'InternalError.Timeout', Message: 'x' }, RequestId: 'r' } };
    await expect(provider().send(msg)).rejects.toMatchObject({ code: 'INTERNALERROR_TIMEOUT', retryable: true });
    reply = { Response: { Error: { Code: 'AuthFailure.SignatureFailure', Message: 'x' }, RequestId: 'r' } };
    await expect(provider().send(msg)).rejects.toMatchObject({ code: 'AUTHFAILURE_SIGNATUREFAILURE', retryable: false });
    reply = { Response: { SendStatusSet: [{ SerialNo: '', Code: 'LimitExceeded.PhoneNumberDailyLimit', Message: '13900000001' }], RequestId: 'r' } };
    await expect(provider().send(msg)).rejects.toMatchObject({ code: 'LIMITEXCEEDED_PHONENUMBERDAILYLI', retryable: false });
  });
});

describe('Tencent callbacks', () => {
  const fixture = (name: string) => ({ headers: {}, body: readFileSync(new URL(`../fixtures/sms/${name}`, import.meta.url), 'utf8') });

  it('reads status reports by SerialNo', () => {
    expect(provider().parseDeliveryReports(fixture('tencent-status.json'))).toEqual([
      { providerMessageId: '2106:100000000000000000000', status: 'delivered', code: 'DELIVRD', at: new Date('2026-11-30T02:00:05Z'), idempotencyKey: null },
      { providerMessageId: '2106:100000000000000000001', status: 'failed', code: 'MN:0017', at: new Date('2026-11-30T02:01:00Z'), idempotencyKey: null },
    ]);
  });

  it('reads a reply with its extension code', () => {
    const [sms] = provider().parseInbound(fixture('tencent-reply.json'));
    expect(sms).toEqual({ from: '+8613900000001', text: '基本满意', at: new Date('2026-11-30T02:05:00Z'), replyTag: '01', externalId: null });
    expect(parseFollowupReply(sms!.text)).toBe('basically_satisfied');
    expect(() => provider().parseInbound({ headers: {}, body: '{"mobile":"1"}' })).toThrow(SmsPayloadError);
    expect(JSON.parse(provider().webhookAck().body)).toEqual({ result: 0, errmsg: 'OK' });
  });
});
