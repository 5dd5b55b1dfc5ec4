import { describe, expect, it } from 'vitest';
import { weakenedSwitchesInForce } from '../../src/channels/settings/switches.js';
import { ConfigError, assertSwitchesAllowed, loadConfig, weakenedSwitches } from '../../src/config.js';

const tls = { ZHITONG_IMAP_URL: 'imaps://12389%40gaj.example.gov.cn@mail.gaj.example.gov.cn/INBOX', ZHITONG_IMAP_PASSWORD: 'p', ZHITONG_SMTP_URL: 'smtp://12389@mail.gaj.example.gov.cn', ZHITONG_SMTP_PASSWORD: 'q', ZHITONG_MAIL_FROM: '12389@gaj.example.gov.cn' };

describe('e-mail configuration', () => {
  it('is off by default', () => {
    expect(loadConfig({}).mail).toMatchObject({ imap: null, smtp: null, from: null, processedFolder: 'Processed' });
  });

  it('reads servers, user and mailbox from the URLs and requires TLS off loopback', () => {
    const c = loadConfig({ ...tls });
    expect(c.mail.imap).toMatchObject({ host: 'mail.gaj.example.gov.cn', port: 993, implicitTls: true, requireTls: true, user: '12389@gaj.example.gov.cn', mailbox: 'INBOX', password: 'p' });
    // smtp:// off loopback means STARTTLS, required.
    expect(c.mail.smtp).toMatchObject({ port: 587, implicitTls: false, requireTls: true });
    expect(weakenedSwitches(c)).toEqual([]);
  });

  it('accepts plaintext only on loopback, as a test-and-demo switch', () => {
    const c = loadConfig({ ...tls, HOST: '0.0.0.0', ZHITONG_IMAP_URL: 'imap://u@127.0.0.1:11143/INBOX', ZHITONG_SMTP_URL: 'smtp://u@127.0.0.1:2525' });
    expect(c.mail.imap).toMatchObject({ requireTls: false, port: 11143 });
    expect(weakenedSwitches(c)).toEqual(['ZHITONG_IMAP_URL=plaintext', 'ZHITONG_SMTP_URL=plaintext']);
    expect(() => assertSwitchesAllowed(c)).toThrow(ConfigError);
    expect(() => assertSwitchesAllowed(loadConfig({ ...tls, ZHITONG_IMAP_URL: 'imap://u@127.0.0.1:11143/INBOX' }))).not.toThrow();
  });

  it('names the missing or malformed setting, and never takes a password in the URL', () => {
    expect(() => loadConfig({ ...tls, ZHITONG_IMAP_URL: 'imaps://u:pw@host/INBOX' })).toThrow(/must not carry a password/u);
    expect(() => loadConfig({ ...tls, ZHITONG_IMAP_PASSWORD: undefined })).toThrow(/ZHITONG_IMAP_PASSWORD is required/u);
    expect(() => loadConfig({ ...tls, ZHITONG_MAIL_FROM: undefined })).toThrow(/ZHITONG_MAIL_FROM is required/u);
    expect(() => loadConfig({ ...tls, ZHITONG_IMAP_URL: 'pop3://u@host' })).toThrow(/imaps:\/\//u);
    expect(() => loadConfig({ ...tls, ZHITONG_MAIL_PROCESSED_FOLDER: 'INBOX' })).toThrow(/must differ/u);
  });
});

describe('test-and-demo switches of the settings in force', () => {
  const plaintext = { ...tls, ZHITONG_IMAP_URL: 'imap://u@127.0.0.1:11143/INBOX', ZHITONG_SMTP_URL: 'smtp://u@127.0.0.1:2525' };

  it('names plaintext mail saved in the console by its field, not by a variable that is not set', () => {
    const none = loadConfig({});
    expect(weakenedSwitchesInForce(none, { mail: none.mail, wechat: null })).toEqual([]);
    expect(weakenedSwitchesInForce(none, { mail: loadConfig(plaintext).mail, wechat: null })).toEqual(['console:mail.imapUrl=plaintext', 'console:mail.smtpUrl=plaintext']);
  });

  it('lists the environment’s plaintext mail once, under its variable', () => {
    const env = loadConfig(plaintext);
    expect(weakenedSwitchesInForce(env, { mail: env.mail, wechat: null })).toEqual(['ZHITONG_IMAP_URL=plaintext', 'ZHITONG_SMTP_URL=plaintext']);
  });
});
