// The console's channel settings parse as strictly as the environment (issues 7 and 8): the same rules,
// the operator's timings kept, a server's identity for the "password again" rule, field errors in Chinese.
import { describe, expect, it } from 'vitest';
import { MailConfigError, mailConfigFrom, mailEnvShape } from '../../src/config-mail.js';
import { mailConfigOfSettings, mailFieldError, serverIdentity, type MailValue } from '../../src/store/mail-settings.js';
import { wechatConfigOfSettings } from '../../src/store/wechat-settings.js';
import { z } from 'zod';

const env = mailConfigFrom(z.object(mailEnvShape).parse({ ZHITONG_MAIL_POLL_SECONDS: '5' }), () => '');
const value: MailValue = { imapUrl: 'imaps://12389@mail.example.gov.cn/INBOX', smtpUrl: null, from: '12389@example.gov.cn', authservId: null, processedFolder: 'Processed' };

describe('mail settings from the console', () => {
  it('become a MailConfig with the environment’s timings', () => {
    const c = mailConfigOfSettings(value, { imapPassword: 'pw' }, env);
    expect(c.imap).toMatchObject({ host: 'mail.example.gov.cn', port: 993, implicitTls: true, requireTls: true, user: '12389', password: 'pw', mailbox: 'INBOX' });
    expect(c.pollMs).toBe(5000);
  });

  it('are refused like the environment, with the field and a Chinese reason', () => {
    const cases: [Partial<MailValue>, Record<string, string>, string][] = [
      [{}, {}, 'imapPassword'],
      [{ imapUrl: 'imaps://12389:pw@mail.example.gov.cn' }, { imapPassword: 'pw' }, 'imapUrl'],
      [{ from: null }, { imapPassword: 'pw' }, 'from'],
      [{ processedFolder: 'INBOX' }, { imapPassword: 'pw' }, 'processedFolder'],
    ];
    for (const [over, secrets, path] of cases) {
      let err: unknown = null;
      try {
        mailConfigOfSettings({ ...value, ...over }, secrets, env);
      } catch (e) {
        err = e;
      }
      expect(err, path).toBeInstanceOf(MailConfigError);
      expect(mailFieldError(err as MailConfigError)).toMatchObject({ path, message: { zh: expect.stringMatching(/[\u4e00-\u9fff]/u) as unknown } });
    }
  });

  it('name a server by scheme, user, host and port, not by mailbox', () => {
    expect(serverIdentity('imaps://a@h:993/INBOX')).toBe(serverIdentity('imaps://a@h:993/Other'));
    for (const other of ['imap://a@h:993/INBOX', 'imaps://b@h:993/INBOX', 'imaps://a@g:993/INBOX', 'imaps://a@h:994/INBOX']) expect(serverIdentity(other)).not.toBe(serverIdentity('imaps://a@h:993/INBOX'));
  });
});

describe('WeChat settings from the console', () => {
  const wenv = { mode: 'secure' as const, apiBase: new URL('https://api.weixin.qq.com'), conversationMs: 30 * 60_000, subscribeTemplateId: null };
  it('need the Token and, in secure mode, the key; no AppID is off', () => {
    expect(wechatConfigOfSettings({ appId: null }, {}, wenv)).toBeNull();
    expect(() => wechatConfigOfSettings({ appId: 'wx2c2769f8efd9abc2' }, { aesKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG' }, wenv)).toThrow(/TOKEN/u);
    expect(() => wechatConfigOfSettings({ appId: 'wx2c2769f8efd9abc2' }, { token: 'tok123' }, wenv)).toThrow(/AES_KEY/u);
    const c = wechatConfigOfSettings({ appId: 'wx2c2769f8efd9abc2' }, { token: 'tok123', aesKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG', previousAesKey: { key: 'kWxPEV2UEDyxWpmPdKC3F4dgPDmOvfKX1HGnEUDS1aR', rotatedAt: '2026-03-02T00:00:00Z' } }, wenv);
    expect(c).toMatchObject({ appId: 'wx2c2769f8efd9abc2', appSecret: null, mode: 'secure', previousAesKey: { until: new Date('2026-03-05T00:00:00Z') } });
  });
});
