// 测试连接 (issues 7 and 8), the command side: which settings a test may use, and its audit record. A
// host given in a request is tried only with the secret given beside it: a stored password never goes to
// a host it was not saved for. Every test is audited with its results, never values.
import type { Config } from '../../config.js';
import { MailConfigError, type MailConfig } from '../../config-mail.js';
import type { WechatConfig } from '../../config-wechat.js';
import { effectiveMail, effectiveWechat } from '../../store/channel-settings.js';
import { mailConfigOfSettings, mailFieldError, mailSettingsInput, type MailSettingsInput } from '../../store/mail-settings.js';
import { CommandError } from '../command-error.js';
import { inTransaction, type Deps } from '../deps.js';
import { auditAdmin, requireAdmin, type AdminActor } from './support.js';

/** The settings a test uses: those in force, or the request's when it carries the password of each server it names. */
function mailToTest(config: Config, given: MailSettingsInput): MailConfig {
  const body = mailSettingsInput.parse(given);
  const missing = (['imap', 'smtp'] as const).filter((k) => body[`${k}Url`] !== null && body[`${k}Password`] === undefined);
  if (missing.length > 0) {
    const message = { zh: '测试未保存的服务器时须同时填写其密码；已保存的密码只用于已保存的服务器。', en: 'Testing unsaved servers needs their passwords; a stored password is used only for the server it was saved for.' };
    throw new CommandError('invalid', message, missing.map((k) => ({ path: `${k}Password`, code: 'SECRET_REQUIRED', message })));
  }
  try {
    return mailConfigOfSettings(body, { imapPassword: body.imapPassword, smtpPassword: body.smtpPassword }, config.mail);
  } catch (err) {
    if (err instanceof MailConfigError) throw new CommandError('invalid', undefined, [mailFieldError(err)]);
    throw err;
  }
}

/** The mail settings to try: those in force, or the request's with their passwords. */
export async function mailUnderTest(deps: Deps, config: Config, actor: AdminActor, given: MailSettingsInput | undefined): Promise<MailConfig> {
  requireAdmin(actor, 'sysadmin');
  return given === undefined ? effectiveMail(config, deps) : mailToTest(config, given);
}

export async function wechatUnderTest(deps: Deps, config: Config, actor: AdminActor): Promise<WechatConfig | null> {
  requireAdmin(actor, 'sysadmin');
  return effectiveWechat(config, deps);
}

/** ok, failed or unset per server; which settings were tried (saved or the request's). */
export async function recordChannelTest(deps: Deps, actor: AdminActor, channel: 'mail' | 'wechat', results: Readonly<Record<string, string>>): Promise<void> {
  await inTransaction(deps.pool, (tx) => auditAdmin(tx, deps, actor, 'admin.channel_test', `channel:${channel}`, results));
}
