import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AliyunSmsProvider } from '../../src/channels/sms/aliyun.js';
import { createSmsProvider } from '../../src/channels/sms/provider.js';
import { SmppSmsProvider } from '../../src/channels/sms/smpp.js';
import { TencentSmsProvider } from '../../src/channels/sms/tencent.js';
import { ConfigError, assertSwitchesAllowed, loadConfig, weakenedSwitches } from '../../src/config.js';

const ids = JSON.stringify({ 'reporter.acknowledgement': 'SMS_100001', 'followup.question': 'SMS_100004' });
const aliyun = { ZHITONG_SMS_PROVIDER: 'aliyun', ZHITONG_ALIYUN_SMS_ACCESS_KEY_ID: 'LTAI-x', ZHITONG_ALIYUN_SMS_ACCESS_KEY_SECRET: 's3cret', ZHITONG_SMS_TEMPLATE_IDS: ids };
const tencent = { ZHITONG_SMS_PROVIDER: 'tencent', ZHITONG_TENCENT_SMS_SECRET_ID: 'AKID-x', ZHITONG_TENCENT_SMS_SECRET_KEY: 'k', ZHITONG_TENCENT_SMS_APP_ID: '1400000001', ZHITONG_SMS_TEMPLATE_IDS: '{"reporter.reply":"100003"}' };
const smppEnv = { ZHITONG_SMS_PROVIDER: 'smpp', ZHITONG_SMPP_URL: 'smpp://10.1.2.3', ZHITONG_SMPP_SYSTEM_ID: 'zhitong', ZHITONG_SMPP_PASSWORD: 'pw', ZHITONG_SMPP_SOURCE_ADDR: '106900001234' };

describe('SMS configuration', () => {
  it('is off by default and then makes no provider', () => {
    const c = loadConfig({});
    expect(c.sms).toMatchObject({ provider: 'off', signature: '示例市公安局', dailyCap: 10, aliyun: null, tencent: null, smpp: null, webhookToken: null });
    expect(createSmsProvider(c.sms)).toBeNull();
  });

  it('builds each provider from its settings, on the official hosts by default', () => {
    const a = loadConfig(aliyun);
    expect(a.sms.aliyun!.endpoint.href).toBe('https://dysmsapi.aliyuncs.com/');
    expect(a.sms.templateIds).toEqual({ 'reporter.acknowledgement': 'SMS_100001', 'followup.question': 'SMS_100004' });
    expect(createSmsProvider(a.sms)).toBeInstanceOf(AliyunSmsProvider);
    const t = loadConfig(tencent);
    expect(t.sms.tencent).toMatchObject({ sdkAppId: '1400000001', region: 'ap-guangzhou' });
    expect(t.sms.tencent!.endpoint.href).toBe('https://sms.tencentcloudapi.com/');
    expect(createSmsProvider(t.sms)).toBeInstanceOf(TencentSmsProvider);
    const s = loadConfig(smppEnv);
    expect(s.sms.smpp).toMatchObject({ host: '10.1.2.3', port: 2775, tls: false, longMessages: 'udh', enquireLinkMs: 30_000, submitsPerSecond: 10 });
    expect(loadConfig({ ...smppEnv, ZHITONG_SMPP_URL: 'ssmpp://smsc.example:3551' }).sms.smpp).toMatchObject({ host: 'smsc.example', port: 3551, tls: true });
    expect(createSmsProvider(s.sms)).toBeInstanceOf(SmppSmsProvider);
    for (const c of [a, t, s]) expect(weakenedSwitches(c)).toEqual([]);
  });

  it('names the missing or malformed setting in one sentence', () => {
    expect(() => loadConfig({ ZHITONG_SMS_PROVIDER: 'aliyun' })).toThrow(ConfigError);
    expect(() => loadConfig({ ...aliyun, ZHITONG_ALIYUN_SMS_ACCESS_KEY_SECRET: undefined })).toThrow(/ZHITONG_ALIYUN_SMS_ACCESS_KEY_SECRET is required when ZHITONG_SMS_PROVIDER=aliyun/u);
    expect(() => loadConfig({ ...aliyun, ZHITONG_SMS_TEMPLATE_IDS: 'nope' })).toThrow(/ZHITONG_SMS_TEMPLATE_IDS must be a JSON object/u);
    expect(() => loadConfig({ ...aliyun, ZHITONG_SMS_TEMPLATE_IDS: '{"case.content":"SMS_1"}' })).toThrow(/unknown template key/u);
    expect(() => loadConfig({ ...tencent, ZHITONG_TENCENT_SMS_APP_ID: undefined })).toThrow(/ZHITONG_TENCENT_SMS_APP_ID is required/u);
    expect(() => loadConfig({ ...smppEnv, ZHITONG_SMPP_URL: 'http://10.1.2.3' })).toThrow(/smpp:\/\/host:port/u);
    expect(() => loadConfig({ ...smppEnv, ZHITONG_SMPP_URL: 'smpp://u:p@10.1.2.3' })).toThrow(/must not carry credentials/u);
    expect(() => loadConfig({ ...smppEnv, ZHITONG_SMPP_SOURCE_ADDR: undefined })).toThrow(/ZHITONG_SMPP_SOURCE_ADDR is required/u);
    expect(() => loadConfig({ ZHITONG_SMS_PROVIDER: 'carrier-pigeon' })).toThrow(/Invalid setting ZHITONG_SMS_PROVIDER/u);
    expect(() => loadConfig({ ZHITONG_SMS_SIGNATURE: '【示例】' })).toThrow(/ZHITONG_SMS_SIGNATURE/u);
    expect(() => loadConfig({ ZHITONG_SMS_WEBHOOK_TOKEN: 'short' })).toThrow(/Invalid setting ZHITONG_SMS_WEBHOOK_TOKEN/u);
  });

  it('treats any endpoint but the official host as a test-and-demo switch', () => {
    const mock = loadConfig({ ...aliyun, HOST: '0.0.0.0', ZHITONG_ALIYUN_SMS_ENDPOINT: 'http://127.0.0.1:9999' });
    expect(weakenedSwitches(mock)).toEqual(['ZHITONG_ALIYUN_SMS_ENDPOINT≠official']);
    expect(() => assertSwitchesAllowed(mock)).toThrow(/ZHITONG_ALIYUN_SMS_ENDPOINT≠official is allowed only/u);
    expect(() => assertSwitchesAllowed(loadConfig({ ...aliyun, HOST: '127.0.0.1', ZHITONG_ALIYUN_SMS_ENDPOINT: 'http://127.0.0.1:9999' }))).not.toThrow();
    expect(() => assertSwitchesAllowed(loadConfig({ ...tencent, HOST: '0.0.0.0', ZHITONG_DEMO: '1', ZHITONG_TENCENT_SMS_ENDPOINT: 'http://127.0.0.1:9999' }))).not.toThrow();
    // Plain HTTP to the official name is not official either.
    expect(weakenedSwitches(loadConfig({ ...tencent, ZHITONG_TENCENT_SMS_ENDPOINT: 'http://sms.tencentcloudapi.com' }))).toEqual(['ZHITONG_TENCENT_SMS_ENDPOINT≠official']);
    // An endpoint of a provider not in use changes nothing.
    expect(weakenedSwitches(loadConfig({ ZHITONG_ALIYUN_SMS_ENDPOINT: 'http://127.0.0.1:9999' }))).toEqual([]);
  });

  it('reads secrets from _FILE and removes them from process.env', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'zt-sms-'));
    const file = path.join(dir, 'secret');
    writeFileSync(file, 'from-file\n', { mode: 0o600 });
    const c = loadConfig({ ...aliyun, ZHITONG_ALIYUN_SMS_ACCESS_KEY_SECRET: undefined, ZHITONG_ALIYUN_SMS_ACCESS_KEY_SECRET_FILE: file });
    expect(c.sms.aliyun!.accessKeySecret).toBe('from-file');
    process.env.ZHITONG_SMPP_PASSWORD = 'pw';
    loadConfig();
    expect(process.env.ZHITONG_SMPP_PASSWORD).toBeUndefined();
  });
});
