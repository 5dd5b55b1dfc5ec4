// The telephony settings (issue 6): off without a secret, a real Standard Webhooks secret, the PBX as an
// origin only, plain HTTP to a PBX off loopback a test-and-demo switch; secrets may come from files and
// leave the environment once read. Verification of a signed delivery, with the library as the signer.
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { verifyDelivery } from '../../src/channels/cti/signature.js';
import { loadConfig, weakenedSwitches } from '../../src/config.js';

const SECRET = `whsec_${Buffer.alloc(32, 9).toString('base64')}`;
const base = { ZHITONG_KEY_FILE: '/tmp/none.key' };

describe('CTI configuration', () => {
  it('is off without a secret', () => {
    expect(loadConfig({ ...base }).cti).toBeNull();
  });

  it('takes the secret and the PBX origin, with the dial URL and cap', () => {
    const c = loadConfig({ ...base, ZHITONG_CTI_SECRET: SECRET, ZHITONG_CTI_PBX_URL: 'https://pbx.example.gov.cn:8443' }).cti;
    expect(c?.pbxOrigin.origin).toBe('https://pbx.example.gov.cn:8443');
    expect(c?.dialUrl.href).toBe('https://pbx.example.gov.cn:8443/zhitong/dial');
    expect(c?.recordingMaxBytes).toBe(50 * 1024 * 1024);
  });

  it('refuses a short or malformed secret, a PBX URL with a path or credentials, and a secret without a PBX', () => {
    const pbx = { ZHITONG_CTI_PBX_URL: 'https://pbx.example.gov.cn' };
    expect(() => loadConfig({ ...base, ...pbx, ZHITONG_CTI_SECRET: `whsec_${Buffer.alloc(16).toString('base64')}` })).toThrow(/ZHITONG_CTI_SECRET/u);
    expect(() => loadConfig({ ...base, ...pbx, ZHITONG_CTI_SECRET: 'plain-password-of-some-length-000' })).toThrow(/ZHITONG_CTI_SECRET/u);
    expect(() => loadConfig({ ...base, ZHITONG_CTI_SECRET: SECRET, ZHITONG_CTI_PBX_URL: 'https://pbx.example.gov.cn/recordings' })).toThrow(/origin only/u);
    expect(() => loadConfig({ ...base, ZHITONG_CTI_SECRET: SECRET, ZHITONG_CTI_PBX_URL: 'https://a:b@pbx.example.gov.cn' })).toThrow(/credentials/u);
    expect(() => loadConfig({ ...base, ZHITONG_CTI_SECRET: SECRET })).toThrow(/ZHITONG_CTI_PBX_URL/u);
  });

  it('calls plain HTTP to a PBX off loopback a weakened switch', () => {
    const remote = loadConfig({ ...base, ZHITONG_CTI_SECRET: SECRET, ZHITONG_CTI_PBX_URL: 'http://10.1.2.3:8088' });
    const local = loadConfig({ ...base, ZHITONG_CTI_SECRET: SECRET, ZHITONG_CTI_PBX_URL: 'http://127.0.0.1:8088' });
    expect(weakenedSwitches(remote)).toContain('ZHITONG_CTI_PBX_URL=http');
    expect(weakenedSwitches(local)).not.toContain('ZHITONG_CTI_PBX_URL=http');
  });

  it('reads the secret from a _FILE and removes both names from the environment', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'zt-cti-'));
    const file = path.join(dir, 'secret');
    writeFileSync(file, `${SECRET}\n`);
    const saved = { ...process.env };
    try {
      process.env.ZHITONG_CTI_SECRET_FILE = file;
      process.env.ZHITONG_CTI_PBX_URL = 'https://pbx.example.gov.cn';
      process.env.ZHITONG_KEY_FILE = '/tmp/none.key';
      expect(loadConfig().cti?.secret).toBe(SECRET);
      expect(process.env.ZHITONG_CTI_SECRET_FILE).toBeUndefined();
      expect(process.env.ZHITONG_CTI_SECRET).toBeUndefined();
    } finally {
      process.env = saved;
    }
  });
});

describe('webhook verification', () => {
  const body = Buffer.from('{"type":"call.new"}');
  const signed = (id: string, at: Date, secret = SECRET) => ({ 'webhook-id': id, 'webhook-timestamp': String(Math.floor(at.getTime() / 1000)), 'webhook-signature': new Webhook(secret).sign(id, at, body) });
  it('accepts the signer library\'s signature and refuses any other', () => {
    expect(verifyDelivery(SECRET, body, signed('msg_1', new Date()))).toEqual({ webhookId: 'msg_1', body: body.toString() });
    expect(verifyDelivery(SECRET, body, signed('msg_1', new Date(), `whsec_${Buffer.alloc(32, 1).toString('base64')}`))).toBeNull();
    expect(verifyDelivery(SECRET, body, signed('msg_1', new Date(Date.now() - 6 * 60_000)))).toBeNull();
    expect(verifyDelivery(SECRET, Buffer.from('{"type":"call.ended"}'), signed('msg_1', new Date()))).toBeNull();
    expect(verifyDelivery(SECRET, body, {})).toBeNull();
    expect(verifyDelivery(SECRET, body, { ...signed('msg 1', new Date()) })).toBeNull();
  });
});
