// Text messages sent (issue 6): one row per message a provider accepted, for its delivery reports (by the
// provider's ids) and the per-number daily cap (by the number's blind index). Never the number or the text.
import { sql } from 'drizzle-orm';
import { bigint, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { cases, outbox } from './cases.js';
import { followUps } from './workflow.js';
import { bytea } from './columns.js';

export const smsMessages = pgTable(
  'sms_messages',
  {
    id: uuid('id').primaryKey(),
    outboxId: bigint('outbox_id', { mode: 'number' }).references(() => outbox.id),
    caseId: uuid('case_id').references(() => cases.id),
    /** blind index of the number ('phone'), for the daily cap and for finding a reply's case */
    phoneKey: bytea('phone_key').notNull(),
    template: text('template').notNull(),
    provider: text('provider').notNull(),
    /** every id a delivery report may name (SMPP: one per part) */
    providerMessageIds: text('provider_message_ids').array().notNull(),
    segments: integer('segments').notNull(),
    /** sending (reserved before the provider answered) | sent | delivered | failed */
    status: text('status').notNull(),
    statusCode: text('status_code'),
    sentAt: timestamp('sent_at', { withTimezone: true }).notNull(),
    statusAt: timestamp('status_at', { withTimezone: true }),
    /** the extension code a follow-up question was sent from, so the answer finds its task (channels.md §4.4) */
    replyTag: text('reply_tag'),
    followUpId: uuid('follow_up_id').references(() => followUps.id),
  },
  (t) => [
    index('sms_messages_phone_idx').on(t.phoneKey, t.sentAt),
    index('sms_messages_provider_ids_idx').using('gin', t.providerMessageIds),
    index('sms_messages_outbox_idx').on(t.outboxId).where(sql`${t.outboxId} IS NOT NULL`),
    index('sms_messages_reply_tag_idx').on(t.replyTag, t.sentAt).where(sql`${t.replyTag} IS NOT NULL`),
    index('sms_messages_follow_up_idx').on(t.followUpId).where(sql`${t.followUpId} IS NOT NULL`),
  ],
);

/** The sysadmin's texts of the SMS templates (issue 6); a key without a row uses the built-in text. */
export const smsTemplates = pgTable('sms_templates', {
  key: text('key').primaryKey(),
  text: text('text').notNull(),
  updatedBy: uuid('updated_by').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
});
