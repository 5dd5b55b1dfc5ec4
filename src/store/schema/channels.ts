// The sysadmin's channel settings (issues 7 and 8): one row per channel. The plain values (URLs, the
// sender address, the AppID) are a JSON document; the secrets (mail passwords, the AppSecret, the push
// Token and EncodingAESKey) are one field-encrypted JSON document beside it (DESIGN §7.1), never in clear.
import { sql } from 'drizzle-orm';
import { check, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { bytea } from './columns.js';
import { users } from './org.js';

export const channelSettings = pgTable(
  'channel_settings',
  {
    channel: text('channel').primaryKey(),
    value: jsonb('value').notNull(),
    secretsEnc: bytea('secrets_enc'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    updatedBy: uuid('updated_by').references(() => users.id),
  },
  (t) => [check('channel_settings_channel', sql`${t.channel} IN ('mail', 'wechat')`)],
);
