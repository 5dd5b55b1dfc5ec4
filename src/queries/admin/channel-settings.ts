// What the sysadmin's console shows of the channel settings (issues 7 and 8): the plain values, where they
// come from, and for each secret only whether it is set — never the value, never a hash of it.
import type { Config } from '../../config.js';
import type { MailConfig, MailServer } from '../../config-mail.js';
import { PREVIOUS_KEY_GRACE_MS } from '../../config-wechat.js';
import type { Deps } from '../../commands/deps.js';
import { loadMailSettings, loadWechatSettings, mailFromEnv, wechatFromEnv } from '../../store/channel-settings.js';
import { EMPTY_MAIL_VALUE, type MailValue } from '../../store/mail-settings.js';

/** environment: read-only, from the server's environment; console: saved here; none: not set up. */
export type SettingsSource = 'environment' | 'console' | 'none';

export interface SecretState {
  readonly set: boolean;
}

export interface MailSettingsView {
  readonly source: SettingsSource;
  readonly editable: boolean;
  readonly updatedAt: string | null;
  readonly settings: MailValue;
  readonly secrets: { readonly imapPassword: SecretState; readonly smtpPassword: SecretState };
}

export interface WechatSettingsView {
  readonly source: SettingsSource;
  readonly editable: boolean;
  readonly updatedAt: string | null;
  readonly settings: { readonly appId: string | null };
  /** environment-only: shown, never set here */
  readonly apiBase: string;
  readonly mode: string;
  readonly secrets: { readonly appSecret: SecretState; readonly token: SecretState; readonly aesKey: SecretState };
  /** until when the EncodingAESKey before the last change is still accepted */
  readonly previousKeyUntil: string | null;
}

function urlOf(kind: 'imap' | 'smtp', s: MailServer, path = ''): string {
  const host = s.host.includes(':') ? `[${s.host}]` : s.host;
  return `${kind}${s.implicitTls ? 's' : ''}://${encodeURIComponent(s.user)}@${host}:${String(s.port)}${path === '' ? '' : `/${encodeURIComponent(path)}`}`;
}

function envMailValue(m: MailConfig): MailValue {
  return {
    imapUrl: m.imap === null ? null : urlOf('imap', m.imap, m.imap.mailbox),
    smtpUrl: m.smtp === null ? null : urlOf('smtp', m.smtp),
    from: m.from,
    authservId: m.authservId,
    processedFolder: m.processedFolder,
  };
}

export async function mailSettingsView(deps: Deps, config: Config): Promise<MailSettingsView> {
  if (mailFromEnv(config)) {
    const m = config.mail;
    return { source: 'environment', editable: false, updatedAt: null, settings: envMailValue(m), secrets: { imapPassword: { set: m.imap !== null }, smtpPassword: { set: m.smtp !== null } } };
  }
  const row = await loadMailSettings(deps.pool, deps.cipher);
  return {
    source: row === null ? 'none' : 'console',
    editable: true,
    updatedAt: row?.updatedAt.toISOString() ?? null,
    settings: row?.value ?? { ...EMPTY_MAIL_VALUE, processedFolder: config.mail.processedFolder },
    secrets: { imapPassword: { set: row?.secrets.imapPassword !== undefined }, smtpPassword: { set: row?.secrets.smtpPassword !== undefined } },
  };
}

export async function wechatSettingsView(deps: Deps, config: Config): Promise<WechatSettingsView> {
  const env = config.wechatEnv;
  const fixed = { apiBase: env.apiBase.href, mode: env.mode };
  const w = config.wechat;
  if (wechatFromEnv(config) && w !== null) {
    return {
      source: 'environment',
      editable: false,
      updatedAt: null,
      settings: { appId: w.appId },
      ...fixed,
      secrets: { appSecret: { set: w.appSecret !== null }, token: { set: true }, aesKey: { set: w.aesKey !== null } },
      previousKeyUntil: w.previousAesKey?.until.toISOString() ?? null,
    };
  }
  const row = await loadWechatSettings(deps.pool, deps.cipher);
  const s = row?.secrets ?? {};
  const previous = s.previousAesKey === undefined ? null : new Date(Date.parse(s.previousAesKey.rotatedAt) + PREVIOUS_KEY_GRACE_MS);
  return {
    source: row === null || row.value.appId === null ? 'none' : 'console',
    editable: true,
    updatedAt: row?.updatedAt.toISOString() ?? null,
    settings: { appId: row?.value.appId ?? null },
    ...fixed,
    secrets: { appSecret: { set: s.appSecret !== undefined }, token: { set: s.token !== undefined }, aesKey: { set: s.aesKey !== undefined } },
    previousKeyUntil: previous !== null && previous.getTime() > deps.clock.now().getTime() ? previous.toISOString() : null,
  };
}
