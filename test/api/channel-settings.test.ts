// 邮件渠道 / 微信公众号 settings (issues 7 and 8): the sysadmin saves the channels in the console. Secrets are
// write-only — never in an answer, never in clear in the table or the audit — and kept when omitted, but a
// changed server needs its password again; the environment's settings win and cannot be changed here;
// saved settings take effect without a restart: the mailbox reader reads the saved Dovecot, and a push
// signed with the saved Token and EncodingAESKey is taken. Nobody but the sysadmin may read or change them.
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerChannelSenders, type ChannelSenders } from '../../src/channels/senders.js';
import type { JobRunner } from '../../src/jobs/runner.js';
import { expectProblem, type Browser } from '../helpers/browser.js';
import { Bureau } from '../helpers/demo-bureau.js';
import { dovecotMissing, startDovecot, type Dovecot } from '../helpers/dovecot.js';
import { createTestRunner } from '../helpers/job-runner.js';
import { rawMail, until } from '../helpers/mail-rig.js';
import { startSmtpSink, type SmtpSink } from '../helpers/smtp-sink.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { startFakeWechatApi, type FakeWechatApi } from '../helpers/wechat-api.js';
import { securePush, textXml, type SignedPush, type WechatAccount } from '../helpers/wechat-server.js';

const skipMail = dovecotMissing();
const ACCOUNT: WechatAccount = { appId: 'wx2c2769f8efd9abc2', token: 'settingstoken7', aesKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG', ghId: 'gh_0123456789ab' };
const NEW_KEY = 'kWxPEV2UEDyxWpmPdKC3F4dgPDmOvfKX1HGnEUDS1aR';
const APP_SECRET = 'settingssecret0123456789abcdef';
const SMTP_PASSWORD = 'smtp-settings-password-4711';
const BUREAU = '12389@gaj.example.gov.cn';

let t: TestApp;
let b: Bureau;
let sys: Browser;
let api: FakeWechatApi;
let dovecot: Dovecot | null = null;
let sink: SmtpSink;
let runner: JobRunner;
let senders: ChannelSenders;

beforeAll(async () => {
  api = await startFakeWechatApi(ACCOUNT.appId, APP_SECRET);
  sink = await startSmtpSink();
  if (skipMail === null) dovecot = await startDovecot();
  // No channel in the environment: only the API base, which is never a console setting.
  t = await createTestApp({ ZHITONG_REQUIRE_2FA: 'off', ZHITONG_WECHAT_API_BASE: api.base, ZHITONG_MAIL_POLL_SECONDS: '0.5' });
  b = await Bureau.load(t);
  sys = await b.as('sysadmin');
  runner = createTestRunner(t);
  senders = registerChannelSenders(t.config, t.deps, runner, pino({ level: 'silent' }), null);
  await senders.start();
});
afterAll(async () => {
  await senders.close();
  await t.close();
  await api.close();
  await sink.close();
  await dovecot?.stop();
});

const imapUrl = (port: number): string => `imap://${dovecot?.user ?? '12389'}@127.0.0.1:${String(port)}/INBOX`;
const mailBody = (over: Record<string, unknown> = {}) => ({
  imapUrl: imapUrl(dovecot?.port ?? 1),
  smtpUrl: `smtp://zhitong@127.0.0.1:${String(sink.port)}`,
  from: BUREAU,
  authservId: null,
  processedFolder: 'Processed',
  ...over,
});
const storedRow = async (channel: string) =>
  (await t.deps.pool.query<{ value: string; secrets_enc: Buffer | null; updated_at: Date }>('SELECT value::text, secrets_enc, updated_at FROM channel_settings WHERE channel = $1', [channel])).rows[0];
const auditOf = async (target: string) =>
  (await t.deps.pool.query<{ action: string; actor_user_id: string; details_enc: Buffer }>('SELECT action, actor_user_id, details_enc FROM audit WHERE target = $1 ORDER BY seq', [target])).rows.map((r) => ({
    action: r.action,
    actor: r.actor_user_id,
    details: t.deps.cipher.decryptJson<Record<string, string>>({ table: 'audit', column: 'details_enc', rowId: r.actor_user_id }, r.details_enc),
    raw: r.details_enc,
  }));

describe('channel settings: access', () => {
  it('answers only the sysadmin', async () => {
    for (const who of ['secadmin', 'auditor', 'intake']) {
      const u = await b.as(who);
      for (const [method, url, body] of [
        ['GET', '/api/v1/admin/channels/mail', undefined],
        ['PUT', '/api/v1/admin/channels/mail', mailBody({ imapPassword: 'x' })],
        ['POST', '/api/v1/admin/channels/mail/test', {}],
        ['GET', '/api/v1/admin/channels/wechat', undefined],
        ['PUT', '/api/v1/admin/channels/wechat', { appId: ACCOUNT.appId, appSecret: APP_SECRET, token: ACCOUNT.token, aesKey: ACCOUNT.aesKey }],
        ['POST', '/api/v1/admin/channels/wechat/test', {}],
      ] as const) {
        expect((await u.send(method, url, body)).statusCode, `${who} ${method} ${url}`).toBe(403);
      }
    }
    expect(await storedRow('mail')).toBeUndefined();
    expect(await storedRow('wechat')).toBeUndefined();
  });
});

describe.skipIf(skipMail !== null)('e-mail channel settings', () => {
  it('saves the settings; answers, the table and the audit never hold a password in clear', async () => {
    const before = (await sys.send('GET', '/api/v1/admin/channels/mail')).json();
    expect(before).toMatchObject({ source: 'none', editable: true, secrets: { imapPassword: { set: false }, smtpPassword: { set: false } } });
    const res = await sys.send('PUT', '/api/v1/admin/channels/mail', mailBody({ imapPassword: dovecot?.password, smtpPassword: SMTP_PASSWORD }));
    expect(res.statusCode, res.body).toBe(200);
    const got = await sys.send('GET', '/api/v1/admin/channels/mail');
    expect(got.json()).toMatchObject({ source: 'console', settings: { imapUrl: imapUrl(dovecot?.port ?? 0), from: BUREAU }, secrets: { imapPassword: { set: true }, smtpPassword: { set: true } } });
    for (const secret of [dovecot?.password ?? '', SMTP_PASSWORD]) {
      expect(got.body).not.toContain(secret);
      const row = await storedRow('mail');
      expect(row?.value).not.toContain(secret);
      expect(row?.secrets_enc?.includes(Buffer.from(secret))).toBe(false);
    }
    const audit = await auditOf('channel:mail');
    expect(audit.map((a) => [a.action, a.actor, a.details.fields])).toEqual([['admin.channel_settings_set', b.user('sysadmin'), 'imapUrl,smtpUrl,from,imapPassword,smtpPassword']]);
    expect(JSON.stringify(audit[0]?.details)).not.toContain(SMTP_PASSWORD);
  });

  it('tests the saved servers: IMAP login and SMTP answer ok; a wrong password is a reason in words', async () => {
    const ok = await sys.send('POST', '/api/v1/admin/channels/mail/test', {});
    expect(ok.json()).toEqual({ imap: { ok: true, reason: null }, smtp: { ok: true, reason: null } });
    const wrong = await sys.send('POST', '/api/v1/admin/channels/mail/test', { settings: mailBody({ imapPassword: 'not-the-password', smtpPassword: 'x' }) });
    expect(wrong.json()).toMatchObject({ imap: { ok: false, reason: { zh: '服务器拒绝了用户名或密码。' } } });
    // A host from the request is tried only with the password given beside it, never the stored one.
    const bare = await sys.send('POST', '/api/v1/admin/channels/mail/test', { settings: mailBody({ imapUrl: 'imap://12389@127.0.0.2:9/INBOX' }) });
    expectProblem(bare, 422, 'validation_failed');
    expect((await auditOf('channel:mail')).filter((a) => a.action === 'admin.channel_test').map((a) => [a.details.imap, a.details.smtp])).toEqual([
      ['ok', 'ok'],
      ['failed', 'ok'],
    ]);
  });

  it('keeps the passwords when they are omitted, and wants them again for another server', async () => {
    const keep = await sys.send('PUT', '/api/v1/admin/channels/mail', mailBody({ processedFolder: 'Done' }));
    expect(keep.statusCode, keep.body).toBe(200);
    expect((await sys.send('POST', '/api/v1/admin/channels/mail/test', {})).json()).toMatchObject({ imap: { ok: true }, smtp: { ok: true } });
    const before = await storedRow('mail');
    for (const over of [{ imapUrl: imapUrl(993) }, { imapUrl: `imaps://12389@127.0.0.1:${String(dovecot?.port)}/INBOX` }, { smtpUrl: 'smtp://zhitong@mail.example.invalid:587' }]) {
      const res = await sys.send('PUT', '/api/v1/admin/channels/mail', mailBody({ processedFolder: 'Done', ...over }));
      expectProblem(res, 422, 'validation_failed');
      expect(res.json<{ errors: { code: string; message: string }[] }>().errors[0]).toMatchObject({ code: 'SECRET_REQUIRED', message: expect.stringContaining('须重新填写密码') });
    }
    // The environment's rules: a password never in the URL, only imap(s) or smtp(s), a sender address.
    for (const [over, path] of [
      [{ imapUrl: `imap://12389:${dovecot?.password ?? ''}@127.0.0.1:${String(dovecot?.port)}/INBOX`, imapPassword: 'x' }, 'imapUrl'],
      [{ smtpUrl: 'http://zhitong@127.0.0.1:25', smtpPassword: 'x' }, 'smtpUrl'],
      [{ from: null }, 'from'],
    ] as const) {
      const res = await sys.send('PUT', '/api/v1/admin/channels/mail', mailBody({ processedFolder: 'Done', ...over }));
      expectProblem(res, 422, 'validation_failed');
      expect(res.json<{ errors: { path: string; code: string; message: string }[] }>().errors[0]).toMatchObject({ path, code: 'MAIL_SETTING_INVALID', message: expect.stringMatching(/[\u4e00-\u9fff]/u) });
    }
    expect(await storedRow('mail')).toEqual(before);
  });

  it('reads the saved mailbox without a restart: a delivered mail becomes an inbox item', async () => {
    if (dovecot === null) throw new Error('unreachable');
    await dovecot.append(rawMail({ from: 'reporter.settings@example.cn', text: '派出所窗口办事拖延，反映一下。' }));
    const key = t.deps.blind.index('email', 'reporter.settings@example.cn');
    const items = await until(
      async () => (await t.deps.pool.query("SELECT id FROM intake_items WHERE channel = 'email' AND contact_bidx = $1", [key])).rowCount ?? 0,
      (n) => n === 1,
    );
    expect(items).toBe(1);
  });
});

describe('WeChat settings', () => {
  const send = (p: SignedPush) => t.app.inject({ method: 'POST', url: p.url, headers: { 'content-type': 'text/xml' }, payload: p.body });
  const now = (): number => Math.floor(t.clock.now().getTime() / 1000);
  const push = (msgId: string, key?: string) => securePush(ACCOUNT, textXml(ACCOUNT, 'oZt_settings_1', now(), '我要反映问题', msgId), now(), msgId, key === undefined ? {} : { key });
  const secrets = { appSecret: APP_SECRET, token: ACCOUNT.token, aesKey: ACCOUNT.aesKey };

  it('takes pushes signed with the saved Token and key at once, and fetches a token from the API base', async () => {
    expect((await send(push('7001'))).statusCode).toBe(404);
    const res = await sys.send('PUT', '/api/v1/admin/channels/wechat', { appId: ACCOUNT.appId, ...secrets });
    expect(res.statusCode, res.body).toBe(200);
    expect((await send(push('7002'))).statusCode).toBe(200);
    const got = await sys.send('GET', '/api/v1/admin/channels/wechat');
    expect(got.json()).toMatchObject({ source: 'console', settings: { appId: ACCOUNT.appId }, apiBase: `${api.base}/`, secrets: { appSecret: { set: true }, token: { set: true }, aesKey: { set: true } } });
    const row = await storedRow('wechat');
    for (const s of Object.values(secrets)) {
      expect(got.body).not.toContain(s);
      expect(row?.secrets_enc?.includes(Buffer.from(s))).toBe(false);
      expect(row?.value).not.toContain(s);
    }
    expect((await sys.send('POST', '/api/v1/admin/channels/wechat/test', {})).json()).toEqual({ ok: true, reason: null });
    expect(api.tokensIssued()).toBeGreaterThan(0);
  });

  it('keeps the previous key for WeChat’s grace after a change, and wants the AppSecret again for another AppID', async () => {
    expect((await sys.send('PUT', '/api/v1/admin/channels/wechat', { appId: ACCOUNT.appId, aesKey: NEW_KEY })).statusCode).toBe(200);
    expect((await send(push('7003', NEW_KEY))).statusCode).toBe(200);
    expect((await send(push('7004', ACCOUNT.aesKey))).statusCode).toBe(200);
    expect((await sys.send('GET', '/api/v1/admin/channels/wechat')).json()).toMatchObject({ previousKeyUntil: '2026-03-05T02:00:00.000Z' });
    const other = await sys.send('PUT', '/api/v1/admin/channels/wechat', { appId: 'wx0000000000000000', token: ACCOUNT.token, aesKey: NEW_KEY });
    expectProblem(other, 422, 'validation_failed');
    expect(other.json<{ errors: { path: string; code: string }[] }>().errors[0]).toMatchObject({ path: 'appSecret', code: 'SECRET_REQUIRED' });
    const audit = await auditOf('channel:wechat');
    expect(audit.filter((a) => a.action === 'admin.channel_settings_set').map((a) => a.details.fields)).toEqual(['appId,appSecret,token,aesKey', 'aesKey']);
    for (const a of audit) for (const s of [...Object.values(secrets), NEW_KEY]) expect(a.raw.includes(Buffer.from(s))).toBe(false);
  });
});

describe('plaintext mail outside a test server', () => {
  it('is refused as in the environment', async () => {
    // Behind a trusted proxy the loopback address proves nothing: not a test server.
    const tp = await createTestApp({ ZHITONG_REQUIRE_2FA: 'off', ZHITONG_TRUSTED_PROXIES: '10.0.0.1' });
    try {
      const bp = await Bureau.load(tp);
      const res = await (await bp.as('sysadmin')).send('PUT', '/api/v1/admin/channels/mail', mailBody({ imapPassword: 'x', smtpPassword: 'y' }));
      expectProblem(res, 422, 'validation_failed');
      expect(res.json<{ errors: { path: string; code: string }[] }>().errors.map((e) => [e.path, e.code])).toEqual([
        ['imapUrl', 'PLAINTEXT_NOT_ALLOWED'],
        ['smtpUrl', 'PLAINTEXT_NOT_ALLOWED'],
      ]);
    } finally {
      await tp.close();
    }
  });
});

describe('settings from the environment', () => {
  let te: TestApp;
  let be: Bureau;
  beforeAll(async () => {
    te = await createTestApp({
      ZHITONG_REQUIRE_2FA: 'off',
      ZHITONG_SMTP_URL: 'smtps://zhitong@mail.example.invalid:465',
      ZHITONG_SMTP_PASSWORD: SMTP_PASSWORD,
      ZHITONG_MAIL_FROM: BUREAU,
      ZHITONG_WECHAT_APPID: ACCOUNT.appId,
      ZHITONG_WECHAT_SECRET: APP_SECRET,
      ZHITONG_WECHAT_TOKEN: ACCOUNT.token,
      ZHITONG_WECHAT_AES_KEY: ACCOUNT.aesKey,
    });
    be = await Bureau.load(te);
  });
  afterAll(async () => te.close());

  it('shows them read-only without a secret and refuses a change with the reason', async () => {
    const admin = await be.as('sysadmin');
    const mail = await admin.send('GET', '/api/v1/admin/channels/mail');
    expect(mail.json()).toMatchObject({ source: 'environment', editable: false, settings: { smtpUrl: 'smtps://zhitong@mail.example.invalid:465', imapUrl: null }, secrets: { smtpPassword: { set: true } } });
    const wechat = await admin.send('GET', '/api/v1/admin/channels/wechat');
    expect(wechat.json()).toMatchObject({ source: 'environment', editable: false, settings: { appId: ACCOUNT.appId } });
    for (const s of [SMTP_PASSWORD, APP_SECRET, ACCOUNT.token, ACCOUNT.aesKey]) expect(mail.body + wechat.body).not.toContain(s);
    const put = await admin.send('PUT', '/api/v1/admin/channels/mail', { imapUrl: null, smtpUrl: 'smtps://zhitong@other.example.invalid:465', smtpPassword: 'x', from: BUREAU, authservId: null, processedFolder: 'Processed' });
    expectProblem(put, 409, 'conflict');
    expect(put.json<{ detail: string }>().detail).toContain('环境变量');
    const en = await admin.send('PUT', '/api/v1/admin/channels/wechat', { appId: ACCOUNT.appId }, { 'accept-language': 'en' });
    expectProblem(en, 409, 'conflict');
    expect(en.json<{ detail: string }>().detail).toContain('environment variables');
    expect((await te.deps.pool.query('SELECT count(*)::int AS n FROM channel_settings')).rows[0]).toEqual({ n: 0 });
  });
});
