import { describe, expect, it } from 'vitest';
import { acs3Authorization, acs3Headers, signRpcV1, verifyAcs3 } from '../../src/channels/sms/aliyun-signature.js';
import { tc3Sign } from '../../src/channels/sms/tencent-signature.js';

describe('Aliyun signature V1 (channels.md §4.1 vectors)', () => {
  it('matches the SendSms document vector', () => {
    const params = {
      AccessKeyId: 'testId',
      Action: 'SendSms',
      Format: 'XML',
      OutId: '123',
      PhoneNumbers: '15300000001',
      RegionId: 'cn-hangzhou',
      SignName: '阿里云短信测试专用',
      SignatureMethod: 'HMAC-SHA1',
      SignatureNonce: '45e25e9b-0a6f-4070-8c85-2956eda1b466',
      SignatureVersion: '1.0',
      TemplateCode: 'SMS_71390007',
      TemplateParam: '{"customer":"test"}',
      Timestamp: '2017-07-12T02:42:19Z',
      Version: '2017-05-25',
    };
    expect(signRpcV1(params, 'testSecret')).toBe('zJDF+Lrzhj/ThnlvIToysFRq6t4=');
    // The secret's case matters (the vector is easy to get wrong by copying it lower-case).
    expect(signRpcV1(params, 'testsecret')).toBe('EpROzuoKhdewdxdmVWhll2qdKbk=');
  });

  it('matches the RPC DescribeRegions vector', () => {
    const params = {
      AccessKeyId: 'testid',
      Action: 'DescribeRegions',
      Format: 'XML',
      SignatureMethod: 'HMAC-SHA1',
      SignatureNonce: '3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf',
      SignatureVersion: '1.0',
      Timestamp: '2016-02-23T12:46:24Z',
      Version: '2014-05-26',
    };
    expect(signRpcV1(params, 'testsecret')).toBe('OLeaidS1JvxuMvnyHOwuJ+uX5qY=');
  });
});

describe('Aliyun signature V3', () => {
  const date = new Date('2026-11-30T01:02:03Z');
  const query = { PhoneNumbers: '13800138000', SignName: '示例市公安局', TemplateCode: 'SMS_1', TemplateParam: '{"caseNumber":"SL1"}' };
  const headers = acs3Headers({ host: 'dysmsapi.aliyuncs.com', action: 'SendSms', version: '2017-05-25', date, nonce: 'n-1', body: '' });
  const url = `/?${Object.entries(query).map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&')}`;

  it('signs host and the x-acs headers, and our verifier accepts our own request', () => {
    const authorization = acs3Authorization({ method: 'POST', pathname: '/', query, headers, body: '' }, 'AK', 'secret');
    expect(authorization).toMatch(/^ACS3-HMAC-SHA256 Credential=AK,SignedHeaders=host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version,Signature=[0-9a-f]{64}$/u);
    expect(headers['x-acs-date']).toBe('2026-11-30T01:02:03Z');
    const verdict = verifyAcs3({ method: 'POST', url, headers: { ...headers, authorization }, body: '' }, (ak) => (ak === 'AK' ? 'secret' : null), { now: date, maxSkewMs: 900_000 });
    expect(verdict).toEqual({ ok: true, accessKeyId: 'AK' });
  });

  it('refuses a changed parameter, a wrong secret, a stale date and a body that does not match its hash', () => {
    const authorization = acs3Authorization({ method: 'POST', pathname: '/', query, headers, body: '' }, 'AK', 'secret');
    const secretFor = (ak: string) => (ak === 'AK' ? 'secret' : null);
    const opts = { now: date, maxSkewMs: 900_000 };
    const base = { method: 'POST', url, headers: { ...headers, authorization }, body: '' };
    expect(verifyAcs3({ ...base, url: url.replace('13800138000', '13900139000') }, secretFor, opts)).toEqual({ ok: false, reason: 'signature' });
    expect(verifyAcs3(base, () => 'other', opts)).toEqual({ ok: false, reason: 'signature' });
    expect(verifyAcs3(base, () => null, opts)).toEqual({ ok: false, reason: 'credential' });
    expect(verifyAcs3(base, secretFor, { now: new Date(date.getTime() + 3_600_000), maxSkewMs: 900_000 })).toEqual({ ok: false, reason: 'date' });
    expect(verifyAcs3({ ...base, body: 'x' }, secretFor, opts)).toEqual({ ok: false, reason: 'body_hash' });
    expect(verifyAcs3({ ...base, headers: { ...headers } }, secretFor, opts)).toEqual({ ok: false, reason: 'authorization' });
  });
});

describe('Tencent TC3-HMAC-SHA256 (published example, channels.md §4.2)', () => {
  it('reproduces the payload hash, canonical request hash, date and signature', () => {
    const sig = tc3Sign({
      secretId: 'AKIDz8krbsJ5yKBZQpn74WFkmLPx3*******',
      secretKey: 'Gu5t9xGARNpq86cd98joQYCN3*******',
      service: 'cvm',
      host: 'cvm.tencentcloudapi.com',
      timestamp: 1551113065,
      payload: '{"Limit": 1, "Filters": [{"Values": ["\\u672a\\u547d\\u540d"], "Name": "instance-name"}]}',
    });
    expect(sig.hashedPayload).toBe('35e9c5b0e3ae67532d3c9f17ead6c90222632e5b1ff7f6e89887f1398934f064');
    expect(sig.hashedCanonicalRequest).toBe('5ffe6a04c0664d6b969fab9a13bdab201d63ee709638e2749d62a09ca18d7031');
    expect(sig.date).toBe('2019-02-25');
    expect(sig.signature).toBe('2230eefd229f582d8b1b891af7107b91597240707d778ab3738f756258d7652c');
    expect(sig.authorization).toBe(
      'TC3-HMAC-SHA256 Credential=AKIDz8krbsJ5yKBZQpn74WFkmLPx3*******/2019-02-25/cvm/tc3_request, SignedHeaders=content-type;host, Signature=2230eefd229f582d8b1b891af7107b91597240707d778ab3738f756258d7652c',
    );
  });

  it('takes the UTC date: 07:30 in Beijing on the 1st is still the 30th in the scope', () => {
    const ts = Date.parse('2026-11-30T23:30:00Z') / 1000;
    expect(tc3Sign({ secretId: 'id', secretKey: 'k', service: 'sms', host: 'sms.tencentcloudapi.com', timestamp: ts, payload: '{}' }).date).toBe('2026-11-30');
  });
});
