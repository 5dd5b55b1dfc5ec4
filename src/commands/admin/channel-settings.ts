// The sysadmin saves the e-mail or WeChat settings (issues 7 and 8). The environment wins: a channel it
// configures is refused here (409). Secrets are write-only: an omitted one is kept, except that a changed
// server (scheme, user, host or port) or a changed AppID needs it typed again, so a repointed host never
// receives the stored password. The row, its audit record (names of the changed fields, never values)
// commit together; then every view of the settings on this node reloads.
import { demoAllowed, type Config } from '../../config.js';
import { MailConfigError, mailWeakenedSwitches } from '../../config-mail.js';
import { WechatConfigError } from '../../config-wechat.js';
import { announceChannelSettingsSaved, loadMailSettings, loadWechatSettings, mailFromEnv, wechatFromEnv } from '../../store/channel-settings.js';
import {
  EMPTY_MAIL_VALUE,
  mailConfigOfSettings,
  mailFieldError,
  mailSettingsInput,
  serverIdentity,
  type MailSecrets,
  type MailSettingsInput,
  type MailValue,
} from '../../store/mail-settings.js';
import { EMPTY_WECHAT_VALUE, wechatConfigOfSettings, wechatSettingsInput, type WechatSecrets, type WechatSettingsInput } from '../../store/wechat-settings.js';
import { PREVIOUS_KEY_GRACE_MS } from '../../config-wechat.js';
import { saveChannelRow } from '../../store/channel-settings.js';
import { CommandError, type CommandFieldError } from '../command-error.js';
import { inTransaction, type Deps } from '../deps.js';
import { auditAdmin, requireAdmin, type AdminActor } from './support.js';

const CHANNEL_NAMES = { mail: { zh: '邮件渠道', en: 'The e-mail channel' }, wechat: { zh: '微信公众号', en: 'The WeChat official account' } } as const;

export function fromEnvironmentRefusal(channel: 'mail' | 'wechat'): CommandError {
  const n = CHANNEL_NAMES[channel];
  const message = { zh: `${n.zh}由服务器环境变量配置，只能在服务器上修改，控制台中仅供查看。`, en: `${n.en} is configured by the server's environment variables; change it there. The console shows it read-only.` };
  return new CommandError('wrong_state', message, [{ path: '', code: 'CHANNEL_FROM_ENVIRONMENT', message }]);
}

const secretAgain = (path: string, zh: string, en: string): CommandFieldError => ({ path, code: 'SECRET_REQUIRED', message: { zh, en } });
const refused = (errors: readonly CommandFieldError[]): CommandError => new CommandError('invalid', { zh: '设置未保存，请按提示修改。', en: 'Nothing was saved; correct the fields shown.' }, errors);

const plaintextRefused = (path: string): CommandFieldError => ({
  path,
  code: 'PLAINTEXT_NOT_ALLOWED',
  message: { zh: '明文连接（无 TLS）仅用于测试和演示环境，请使用 imaps://、smtps:// 或支持 STARTTLS 的服务器。', en: 'A plaintext connection (no TLS) is for test and demo servers only; use imaps://, smtps:// or a server with STARTTLS.' },
});

const MAIL_SERVERS = [
  { url: 'imapUrl', secret: 'imapPassword', zh: '收信（IMAP）', en: 'IMAP' },
  { url: 'smtpUrl', secret: 'smtpPassword', zh: '发信（SMTP）', en: 'SMTP' },
] as const;

/** The secrets after a save, and the field errors of the rule that a new server needs its password again. */
function nextMailSecrets(body: MailSettingsInput, old: MailValue, oldSecrets: MailSecrets): { secrets: MailSecrets; errors: CommandFieldError[] } {
  const secrets: { imapPassword?: string; smtpPassword?: string } = {};
  const errors: CommandFieldError[] = [];
  for (const s of MAIL_SERVERS) {
    const url = body[s.url];
    if (url === null) continue; // no server: its password goes too
    const given = body[s.secret];
    const kept = oldSecrets[s.secret];
    if (given !== undefined) secrets[s.secret] = given;
    else if (kept !== undefined && serverIdentity(url) === serverIdentity(old[s.url])) secrets[s.secret] = kept;
    else if (kept !== undefined) errors.push(secretAgain(s.secret, `更改${s.zh}服务器地址、端口、协议或用户名时，须重新填写密码。`, `A changed ${s.en} server (scheme, user, host or port) needs its password again.`));
  }
  return { secrets, errors };
}

export async function setMailSettings(deps: Deps, config: Config, actor: AdminActor, input: MailSettingsInput): Promise<void> {
  requireAdmin(actor, 'sysadmin');
  if (mailFromEnv(config)) throw fromEnvironmentRefusal('mail');
  const body = mailSettingsInput.parse(input);
  await inTransaction(deps.pool, async (tx) => {
    const before = await loadMailSettings(tx, deps.cipher, true);
    const old = before?.value ?? EMPTY_MAIL_VALUE;
    const oldSecrets = before?.secrets ?? {};
    const value: MailValue = { imapUrl: body.imapUrl, smtpUrl: body.smtpUrl, from: body.from, authservId: body.authservId, processedFolder: body.processedFolder };
    const { secrets, errors } = nextMailSecrets(body, old, oldSecrets);
    if (errors.length > 0) throw refused(errors);
    try {
      const weak = mailWeakenedSwitches(mailConfigOfSettings(value, secrets, config.mail));
      // Plaintext to a loopback server is a test-and-demo switch here as in the environment (DESIGN §7.4).
      if (weak.length > 0 && !demoAllowed(config)) throw refused(weak.map((w) => plaintextRefused(w.startsWith('ZHITONG_IMAP') ? 'imapUrl' : 'smtpUrl')));
    } catch (err) {
      if (err instanceof MailConfigError) throw refused([mailFieldError(err)]);
      throw err;
    }
    const changed = [
      ...(Object.keys(value) as (keyof MailValue)[]).filter((k) => value[k] !== old[k]),
      ...MAIL_SERVERS.map((s) => s.secret).filter((k) => secrets[k] !== oldSecrets[k]),
    ];
    await saveChannelRow(tx, deps.cipher, 'mail', value, secrets, deps.clock.now(), actor.userId);
    await auditAdmin(tx, deps, actor, 'admin.channel_settings_set', 'channel:mail', { fields: changed.join(',') });
  });
  announceChannelSettingsSaved(deps.pool);
}

function wechatFieldError(err: WechatConfigError): CommandFieldError {
  if (/TOKEN/u.test(err.message)) return secretAgain('token', '请填写令牌（Token）。', 'The Token is required.');
  return secretAgain('aesKey', '请填写消息加解密密钥（EncodingAESKey）。', 'The EncodingAESKey is required.');
}

export async function setWechatSettings(deps: Deps, config: Config, actor: AdminActor, input: WechatSettingsInput): Promise<void> {
  requireAdmin(actor, 'sysadmin');
  if (wechatFromEnv(config)) throw fromEnvironmentRefusal('wechat');
  const body = wechatSettingsInput.parse(input);
  const now = deps.clock.now();
  await inTransaction(deps.pool, async (tx) => {
    const before = await loadWechatSettings(tx, deps.cipher, true);
    const oldAppId = (before?.value ?? EMPTY_WECHAT_VALUE).appId;
    const sameAccount = body.appId !== null && body.appId === oldAppId;
    // Another account: nothing of the old one's is kept.
    const old: WechatSecrets = sameAccount ? (before?.secrets ?? {}) : {};
    const secrets: WechatSecrets = {};
    if (body.appId !== null) {
      if (body.appSecret === undefined && !sameAccount && before?.secrets.appSecret !== undefined && oldAppId !== null) {
        throw refused([secretAgain('appSecret', '更换公众号 AppID 时须重新填写 AppSecret。', 'A changed AppID needs its AppSecret again.')]);
      }
      const appSecret = body.appSecret ?? old.appSecret;
      const token = body.token ?? old.token;
      const aesKey = body.aesKey ?? old.aesKey;
      if (appSecret !== undefined) secrets.appSecret = appSecret;
      if (token !== undefined) secrets.token = token;
      if (aesKey !== undefined) secrets.aesKey = aesKey;
      // WeChat may still encrypt with the key it had for a while after the change (issue 8: 72 hours).
      if (old.aesKey !== undefined && aesKey !== old.aesKey) secrets.previousAesKey = { key: old.aesKey, rotatedAt: now.toISOString() };
      else if (old.previousAesKey !== undefined && Date.parse(old.previousAesKey.rotatedAt) + PREVIOUS_KEY_GRACE_MS > now.getTime()) secrets.previousAesKey = old.previousAesKey;
    }
    try {
      wechatConfigOfSettings({ appId: body.appId }, secrets, config.wechatEnv);
    } catch (err) {
      if (err instanceof WechatConfigError) throw refused([wechatFieldError(err)]);
      throw err;
    }
    const prior = before?.secrets ?? {};
    const changed = [...(body.appId === oldAppId ? [] : ['appId']), ...(['appSecret', 'token', 'aesKey'] as const).filter((k) => secrets[k] !== prior[k])];
    await saveChannelRow(tx, deps.cipher, 'wechat', { appId: body.appId }, secrets, now, actor.userId);
    await auditAdmin(tx, deps, actor, 'admin.channel_settings_set', 'channel:wechat', { fields: changed.join(',') });
  });
  announceChannelSettingsSaved(deps.pool);
}
