// Aliyun against a loopback mock: the official SDK's request is checked by our verifier and
// re-signed by our signer (differential), and our own client is checked by the same verifier.
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import dysmsapi, { SendSmsRequest } from '@alicloud/dysmsapi20170525';
import { $OpenApiUtil } from '@alicloud/openapi-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AliyunSmsProvider } from '../../src/channels/sms/aliyun.js';
import { acs3Authorization, verifyAcs3 } from '../../src/channels/sms/aliyun-signature.js';
import { SmsPayloadError, SmsSendError } from '../../src/channels/sms/errors.js';
import { toE164 } from '../../src/channels/sms/phone.js';
import { buildTemplateSet } from '../../src/domain/sms/templates.js';
import { parseFollowupReply } from '../../src/domain/sms/followup-reply.js';

interface Captured { method: string; url: string; headers: Record<string, string>; body: string }

let server: Server;
let port = 0;
let captured: Captured[] = [];
let answer: { status: number; body: string } = { status: 200, body: '' };

const ok = (bizId: string) => ({ status: 200, body: JSON.stringify({ Code: 'OK', Message: 'OK', BizId: bizId, RequestId: 'R-1' }) });

function headersOf(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') out[k] = v;
  return out;
}

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (body += c));
    req.on('end', () => {
      captured.push({ method: req.method ?? '', url: req.url ?? '', headers: headersOf(req), body });
      res.writeHead(answer.status, { 'content-type': 'application/json' });
      res.end(answer.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

beforeEach(() => {
  captured = [];
  answer = ok('900^0');
});

/** A CommonJS package: Node's loader gives `module.exports` as default, Vitest's gives its `default`. */
function sdkClient(): typeof dysmsapi.default {
  const loaded: unknown = dysmsapi;
  return (typeof loaded === 'function' ? loaded : dysmsapi.default) as typeof dysmsapi.default;
}

const secretFor = (ak: string) => (ak === 'LTAI-test' ? 'test-secret' : null);
const templates = buildTemplateSet();
const templateIds = { 'reporter.acknowledgement': 'SMS_100001', 'followup.question': 'SMS_100004' } as const;

function provider(): AliyunSmsProvider {
  return new AliyunSmsProvider({ endpoint: new URL(`http://127.0.0.1:${port}`), accessKeyId: 'LTAI-test', accessKeySecret: 'test-secret', templates, templateIds });
}

describe('Aliyun V3 against the official SDK (differential)', () => {
  it('accepts the SDK\'s SendSms and re-signs it to the same Authorization', async () => {
    const Client = sdkClient();
    const client = new Client(new $OpenApiUtil.Config({ accessKeyId: 'LTAI-test', accessKeySecret: 'test-secret', endpoint: `127.0.0.1:${port}`, protocol: 'http' }));
    const resp = await client.sendSms(new SendSmsRequest({
      phoneNumbers: '13900000001',
      signName: '示例市公安局',
      templateCode: 'SMS_100001',
      templateParam: JSON.stringify({ caseNumber: 'SL2026000123', queryCode: '0123456789' }),
      outId: 'ack-1',
      smsUpExtendCode: '01',
    }));
    expect(resp.body?.code).toBe('OK');
    expect(captured).toHaveLength(1);
    const req = captured[0]!;
    expect(req.headers.authorization).toMatch(/^ACS3-HMAC-SHA256 /u);

    expect(verifyAcs3(req, secretFor, { now: new Date(), maxSkewMs: 15 * 60_000 })).toEqual({ ok: true, accessKeyId: 'LTAI-test' });

    // Same inputs (the SDK's date, nonce, headers and body) through our signer.
    const url = new URL(req.url, 'http://x');
    const query = Object.fromEntries(url.searchParams);
    expect(query).toMatchObject({ PhoneNumbers: '13900000001', SignName: '示例市公安局', TemplateCode: 'SMS_100001', OutId: 'ack-1', SmsUpExtendCode: '01' });
    const { authorization, ...headers } = req.headers;
    expect(acs3Authorization({ method: req.method, pathname: url.pathname, query, headers, body: req.body }, 'LTAI-test', 'test-secret')).toBe(authorization);

    // A tampered copy of the SDK's request is refused.
    expect(verifyAcs3({ ...req, url: req.url.replace('ack-1', 'ack-2') }, secretFor, { now: new Date(), maxSkewMs: 15 * 60_000 }).ok).toBe(false);
  });
});

describe('our Aliyun client', () => {
  it('sends a verifiable SendSms with the named template parameters, OutId and extension code', async () => {
    answer = ok('932702304080415357^0');
    const result = await provider().send({
      to: toE164('13900000001')!,
      template: { key: 'reporter.acknowledgement', params: { caseNumber: 'SL2026000123', queryCode: '0123456789' } },
      idempotencyKey: 'ack-7f1c',
      replyTag: '01',
    });
    expect(result).toEqual({ providerMessageId: '932702304080415357^0', partMessageIds: ['932702304080415357^0'], segments: 2 });
    const req = captured[0]!;
    expect(req.method).toBe('POST');
    expect(verifyAcs3(req, secretFor, { now: new Date(), maxSkewMs: 60_000 })).toEqual({ ok: true, accessKeyId: 'LTAI-test' });
    const q = Object.fromEntries(new URL(req.url, 'http://x').searchParams);
    expect(q).toEqual({
      PhoneNumbers: '13900000001',
      SignName: '示例市公安局',
      TemplateCode: 'SMS_100001',
      TemplateParam: '{"caseNumber":"SL2026000123","queryCode":"0123456789"}',
      OutId: 'ack-7f1c',
      SmsUpExtendCode: '01',
    });
    expect(req.headers['x-acs-action']).toBe('SendSms');
    expect(req.headers['x-acs-version']).toBe('2017-05-25');
  });

  it('never retries isv.* refusals, retries throttling and gateway faults, and refuses an unmapped template', async () => {
    const msg = { to: toE164('+8613900000001')!, template: { key: 'reporter.acknowledgement' as const, params: { caseNumber: 'SL1', queryCode: '0123456789' } }, idempotencyKey: 'k-1' };
    const failure = async (): Promise<SmsSendError> => {
      try {
        await provider().send(msg);
      } catch (err) {
        if (err instanceof SmsSendError) return err;
        throw err;
      }
      throw new Error('sent');
    };
    answer = { status: 200, body: JSON.stringify({ Code: 'isv.BUSINESS_LIMIT_CONTROL', Message: '触发号码天级流控 13900000001' }) };
    expect(await failure()).toMatchObject({ code: 'ISV_BUSINESS_LIMIT_CONTROL', retryable: false, message: 'ISV_BUSINESS_LIMIT_CONTROL' });
    answer = { status: 400, body: JSON.stringify({ Code: 'Throttling.User', Message: 'x' }) };
    expect(await failure()).toMatchObject({ code: 'THROTTLING_USER', retryable: true });
    answer = { status: 502, body: '<html>bad gateway 13900000001</html>' };
    expect(await failure()).toMatchObject({ code: 'HTTP_502', retryable: true });
    await expect(provider().send({ ...msg, template: { key: 'staff.chased', params: { caseNumber: 'SL1' } } })).rejects.toMatchObject({ code: 'TEMPLATE_NOT_CONFIGURED', retryable: false });
  });

  it('fails as retryable when nothing listens', async () => {
    const dead = new AliyunSmsProvider({ endpoint: new URL('http://127.0.0.1:9'), accessKeyId: 'a', accessKeySecret: 'b', templates, templateIds, timeoutMs: 2000 });
    await expect(dead.send({ to: toE164('13900000001')!, template: { key: 'followup.question', params: { caseNumber: 'SL1' } }, idempotencyKey: 'k' })).rejects.toMatchObject({ name: 'SmsSendError', retryable: true });
  });
});

describe('Aliyun pushes', () => {
  const fixture = (name: string) => ({ headers: { 'content-type': 'application/json' }, body: readFileSync(new URL(`../fixtures/sms/${name}`, import.meta.url)) });

  it('reads SmsReport into delivery reports, keeping the biz id and our OutId', () => {
    const reports = provider().parseDeliveryReports(fixture('aliyun-sms-report.json'));
    expect(reports).toEqual([
      { providerMessageId: '932702304080415357^0', status: 'delivered', code: 'DELIVERED', at: new Date('2026-11-30T02:00:05Z'), idempotencyKey: 'ack-7f1c' },
      { providerMessageId: '932702304080415358^0', status: 'failed', code: 'MK:0001', at: new Date('2026-11-30T02:01:00Z'), idempotencyKey: null },
    ]);
  });

  it('reads SmsUp into inbound messages with the extension code', () => {
    const [sms] = provider().parseInbound(fixture('aliyun-sms-up.json'));
    expect(sms).toEqual({ from: '+8613900000001', text: '１', at: new Date('2026-11-30T02:05:00Z'), replyTag: '01', externalId: 'aliyun:1234567890' });
    expect(parseFollowupReply(sms!.text)).toBe('satisfied');
  });

  it('refuses bodies that are not the documented shape', () => {
    for (const body of ['not json', '[{"phone_number":"1"}]', JSON.stringify([{ phone_number: '1', success: 'yes', err_code: '', report_time: '', biz_id: 'x' }]), 'x'.repeat(300_000)]) {
      expect(() => provider().parseDeliveryReports({ headers: {}, body })).toThrow(SmsPayloadError);
    }
    expect(() => provider().parseDeliveryReports({ headers: {}, body: JSON.stringify([{ phone_number: '1', success: true, err_code: 'DELIVERED', report_time: '30/11/2026', biz_id: 'x' }]) })).toThrow(SmsPayloadError);
    expect(JSON.parse(provider().webhookAck().body)).toEqual({ code: 0, msg: '成功' });
  });
});
