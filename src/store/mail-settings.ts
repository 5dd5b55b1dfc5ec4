// The e-mail channel's console settings (issue 7): what the sysadmin may set, checked by the same parser
// as the environment (config-mail.ts), so a saved setting is exactly as strict as ZHITONG_IMAP_URL & co.
// The CA file, the polling interval, retention, acknowledgement period and flood threshold stay with the
// environment: they are the operator's, not the bureau's.
import { z } from 'zod';
import { MailConfigError, mailConfigFrom, mailEnvShape, type MailConfig } from '../config-mail.js';

/** A field error of the console form (the shape of the commands' field errors). */
export interface SettingsFieldError {
  readonly path: string;
  readonly code: string;
  readonly message: { readonly zh: string; readonly en: string };
}

const url = z.string().trim().min(1).max(1000).nullable();
const password = z.string().min(1).max(1000);

/** The plain part, stored as JSON. */
export const mailValueSchema = z.strictObject({
  imapUrl: url,
  smtpUrl: url,
  from: mailEnvShape.ZHITONG_MAIL_FROM.unwrap().nullable(),
  authservId: mailEnvShape.ZHITONG_MAIL_AUTHSERV_ID.unwrap().nullable(),
  processedFolder: mailEnvShape.ZHITONG_MAIL_PROCESSED_FOLDER.unwrap(),
});
export type MailValue = z.output<typeof mailValueSchema>;

export const mailSecretsSchema = z.strictObject({ imapPassword: password.optional(), smtpPassword: password.optional() });
export type MailSecrets = z.output<typeof mailSecretsSchema>;
export const MAIL_SECRET_FIELDS = ['imapPassword', 'smtpPassword'] as const;

/** A PUT or a test: the plain part whole, each password only when it changes (omitted: kept). */
export const mailSettingsInput = mailValueSchema.extend(mailSecretsSchema.shape);
export type MailSettingsInput = z.output<typeof mailSettingsInput>;

export const EMPTY_MAIL_VALUE: MailValue = { imapUrl: null, smtpUrl: null, from: null, authservId: null, processedFolder: 'Processed' };

/** Where a password goes: scheme, user, host and port. A new one needs the password typed again. */
export function serverIdentity(raw: string | null): string | null {
  if (raw === null) return null;
  try {
    const u = new URL(raw);
    return `${u.protocol}//${u.username}@${u.hostname}:${u.port}`;
  } catch {
    return raw;
  }
}

/** The MailConfig of stored settings; the operator's values (CA, timings) come from the environment's. */
export function mailConfigOfSettings(value: MailValue, secrets: MailSecrets, env: MailConfig): MailConfig {
  const e = z.object(mailEnvShape).parse({
    ZHITONG_IMAP_URL: value.imapUrl ?? undefined,
    ZHITONG_IMAP_PASSWORD: secrets.imapPassword,
    ZHITONG_SMTP_URL: value.smtpUrl ?? undefined,
    ZHITONG_SMTP_PASSWORD: secrets.smtpPassword,
    ZHITONG_MAIL_FROM: value.from ?? undefined,
    ZHITONG_MAIL_AUTHSERV_ID: value.authservId ?? undefined,
    ZHITONG_MAIL_PROCESSED_FOLDER: value.processedFolder,
  });
  const c = mailConfigFrom(e, () => '');
  return { ...c, ca: env.ca, retentionMs: env.retentionMs, pollMs: env.pollMs, ackPeriodMs: env.ackPeriodMs, floodPerHour: env.floodPerHour };
}

const RULES: readonly [RegExp, string, string][] = [
  [/is not a URL/u, '不是有效的服务器地址。', 'is not a valid server URL.'],
  [/must start with/u, '地址须以 imaps://、imap://（IMAP）或 smtps://、smtp://（SMTP）开头。', 'must start with imaps:// or imap:// (IMAP), smtps:// or smtp:// (SMTP).'],
  [/must not carry a password/u, '地址中不得包含密码，请在密码栏填写。', 'must not carry a password; use the password field.'],
  [/must name the user/u, '地址须包含用户名，例如 imaps://用户名@主机。', 'must name the user, as imaps://user@host.'],
  [/PASSWORD is required/u, '请填写该服务器的密码。', 'the server’s password is required.'],
  [/MAIL_FROM is required/u, '设置收信或发信服务器时须填写本单位邮箱地址。', 'the bureau’s own address is required with an IMAP or SMTP server.'],
  [/must differ from the mailbox/u, '“已处理”文件夹不能与读取的邮箱相同。', 'the processed folder must differ from the mailbox read.'],
];

/** A MailConfigError as a field error of the console form, in both languages. */
export function mailFieldError(err: MailConfigError): SettingsFieldError {
  const m = err.message;
  const secret = /PASSWORD is required/u.test(m);
  // The sender and folder messages name the URLs too: they are matched first.
  const path = /^ZHITONG_MAIL_FROM/u.test(m)
    ? 'from'
    : /^ZHITONG_MAIL_PROCESSED/u.test(m)
      ? 'processedFolder'
      : /^ZHITONG_IMAP/u.test(m)
        ? secret
          ? 'imapPassword'
          : 'imapUrl'
        : secret
          ? 'smtpPassword'
          : 'smtpUrl';
  const rule = RULES.find(([re]) => re.test(m));
  return { path, code: secret ? 'SECRET_REQUIRED' : 'MAIL_SETTING_INVALID', message: { zh: rule?.[1] ?? '邮件设置无效。', en: `${path}: ${rule?.[2] ?? 'invalid setting.'}` } };
}

export { MailConfigError };
