// The channel settings rows (issues 7 and 8): the plain value as JSON, the secrets as one field-encrypted
// JSON document bound to its table, column and channel (DESIGN §7.1). Both are checked again on read, so a
// row changed behind the application's back is refused rather than used.
import type pg from 'pg';
import type { z } from 'zod';
import { demoAllowed, type Config } from '../config.js';
import { mailWeakenedSwitches, type MailConfig } from '../config-mail.js';
import type { WechatConfig } from '../config-wechat.js';
import type { FieldCipher, FieldRef } from '../security/field-crypto.js';
import { mailConfigOfSettings, mailSecretsSchema, mailValueSchema, type MailSecrets, type MailValue } from './mail-settings.js';
import { storedWechatSecretsSchema, wechatConfigOfSettings, wechatValueSchema, type WechatSecrets, type WechatValue } from './wechat-settings.js';

export type SettingsChannel = 'mail' | 'wechat';

export interface StoredChannelRow<V, S> {
  readonly value: V;
  readonly secrets: S;
  readonly updatedAt: Date;
}

const secretsRef = (channel: SettingsChannel): FieldRef => ({ table: 'channel_settings', column: 'secrets_enc', rowId: channel });

/** null: no row. Throws when the row does not parse or its secrets do not open. `lock` for a writer. */
export async function loadChannelRow<V, S>(
  db: pg.Pool | pg.ClientBase,
  cipher: FieldCipher,
  channel: SettingsChannel,
  schemas: { readonly value: z.ZodType<V>; readonly secrets: z.ZodType<S> },
  lock = false,
): Promise<StoredChannelRow<V, S> | null> {
  const r = await db.query<{ value: unknown; secrets_enc: Buffer | null; updated_at: Date }>(
    `SELECT value, secrets_enc, updated_at FROM channel_settings WHERE channel = $1${lock ? ' FOR UPDATE' : ''}`,
    [channel],
  );
  const row = r.rows[0];
  if (row === undefined) return null;
  const secrets: unknown = row.secrets_enc === null ? {} : cipher.decryptJson<unknown>(secretsRef(channel), row.secrets_enc);
  return { value: schemas.value.parse(row.value), secrets: schemas.secrets.parse(secrets), updatedAt: row.updated_at };
}

export async function saveChannelRow(
  tx: pg.ClientBase,
  cipher: FieldCipher,
  channel: SettingsChannel,
  value: unknown,
  secrets: Readonly<Record<string, unknown>>,
  at: Date,
  by: string,
): Promise<void> {
  const sealed = Object.keys(secrets).length === 0 ? null : cipher.encryptJson(secretsRef(channel), secrets);
  await tx.query(
    `INSERT INTO channel_settings (channel, value, secrets_enc, updated_at, updated_by) VALUES ($1, $2::jsonb, $3, $4, $5)
     ON CONFLICT (channel) DO UPDATE SET value = EXCLUDED.value, secrets_enc = EXCLUDED.secrets_enc, updated_at = EXCLUDED.updated_at, updated_by = EXCLUDED.updated_by`,
    [channel, JSON.stringify(value), sealed, at, by],
  );
}

// The environment wins (DESIGN §7.3): a channel it configures never reads the table.
export type SavedListener = (pool: pg.Pool) => void;
const savedListeners = new Set<SavedListener>();

/** Subscribes (or with `on` false unsubscribes) a live view of the settings. */
export function onChannelSettingsSaved(l: SavedListener, on = true): void {
  if (on) savedListeners.add(l);
  else savedListeners.delete(l);
}

/** After a save commits: every live view of that database in this process reloads now. */
export function announceChannelSettingsSaved(pool: pg.Pool): void {
  for (const l of savedListeners) l(pool);
}

export const mailFromEnv = (config: Config): boolean => config.mail.imap !== null || config.mail.smtp !== null;
export const wechatFromEnv = (config: Config): boolean => config.wechat !== null;

export function loadMailSettings(db: pg.Pool | pg.ClientBase, cipher: FieldCipher, lock = false): Promise<StoredChannelRow<MailValue, MailSecrets> | null> {
  return loadChannelRow(db, cipher, 'mail', { value: mailValueSchema, secrets: mailSecretsSchema }, lock);
}

export function loadWechatSettings(db: pg.Pool | pg.ClientBase, cipher: FieldCipher, lock = false): Promise<StoredChannelRow<WechatValue, WechatSecrets> | null> {
  return loadChannelRow(db, cipher, 'wechat', { value: wechatValueSchema, secrets: storedWechatSecretsSchema }, lock);
}

export async function effectiveMail(config: Config, deps: { readonly pool: pg.Pool; readonly cipher: FieldCipher }): Promise<MailConfig> {
  if (mailFromEnv(config)) return config.mail;
  const row = await loadMailSettings(deps.pool, deps.cipher);
  if (row === null) return config.mail;
  const mail = mailConfigOfSettings(row.value, row.secrets, config.mail);
  // A plaintext row saved while this was a test server is not used once it no longer is (DESIGN §7.4).
  if (mailWeakenedSwitches(mail).length > 0 && !demoAllowed(config)) throw new Error('plaintext mail settings outside a test or demo server');
  return mail;
}

export async function effectiveWechat(config: Config, deps: { readonly pool: pg.Pool; readonly cipher: FieldCipher }): Promise<WechatConfig | null> {
  if (wechatFromEnv(config)) return config.wechat;
  const row = await loadWechatSettings(deps.pool, deps.cipher);
  return row === null ? null : wechatConfigOfSettings(row.value, row.secrets, config.wechatEnv);
}
