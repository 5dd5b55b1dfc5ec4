// The e-mail channel (issue 7). Every message read from the mailbox gets one row, keyed by a keyed hash
// of its Message-ID (or of its raw bytes when it has none), so a message fetched twice — after a crash
// before the IMAP MOVE, or delivered twice — is acted on once. The raw message is kept encrypted in the
// attachment store as the evidence; the mailbox copy is expunged after a short retention.
import { sql } from 'drizzle-orm';
import { bigint, boolean, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { cases, outbox } from './cases.js';
import { bytea } from './columns.js';
import { intakeItems } from './intake.js';

/** Per mailbox: the UIDVALIDITY seen and the highest UID whose message is committed (channels.md §2.1). */
export const mailCursors = pgTable('mail_cursors', {
  mailbox: text('mailbox').primaryKey(),
  uidValidity: bigint('uid_validity', { mode: 'bigint' }).notNull(),
  lastUid: bigint('last_uid', { mode: 'number' }).notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
});

export const mailInbound = pgTable(
  'mail_inbound',
  {
    id: uuid('id').primaryKey(),
    /** hex HMAC of the Message-ID, or of the raw bytes when there is none: never the id itself */
    messageKey: text('message_key').notNull(),
    mailbox: text('mailbox').notNull(),
    uid: bigint('uid', { mode: 'number' }).notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    /** blind index of the From address ('email'), for floods and per-sender limits */
    fromKey: bytea('from_key'),
    /** the message's own Message-ID, encrypted: our answers name it in In-Reply-To */
    messageIdEnc: bytea('message_id_enc'),
    /** the encrypted raw message in the attachment store */
    rawKey: text('raw_key').notNull(),
    /** item | reply | automatic | bounce | forged_bounce | own | quarantined */
    outcome: text('outcome').notNull(),
    /** why, in a code: the automatic marker, the quarantine reason, flood */
    reason: text('reason'),
    itemId: uuid('item_id').references(() => intakeItems.id),
    caseId: uuid('case_id').references(() => cases.id),
    outboundId: uuid('outbound_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('mail_inbound_key_idx').on(t.messageKey),
    index('mail_inbound_from_idx').on(t.fromKey, t.createdAt),
    index('mail_inbound_item_idx').on(t.itemId).where(sql`${t.itemId} IS NOT NULL`),
  ],
);

/** Messages that could not be read as mail: metadata for the sysadmin, the raw copy for intake. */
export const mailQuarantine = pgTable('mail_quarantine', {
  id: uuid('id').primaryKey(),
  inboundId: uuid('inbound_id').notNull().unique().references(() => mailInbound.id),
  reason: text('reason').notNull(),
  sizeBytes: integer('size_bytes').notNull(),
  receivedAt: timestamp('received_at', { withTimezone: true }).notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
});

/** Mails we sent: for bounces (by id), the per-address acknowledgement limit (by blind index) and threading. */
export const mailOutbound = pgTable(
  'mail_outbound',
  {
    id: uuid('id').primaryKey(),
    outboxId: bigint('outbox_id', { mode: 'number' }).references(() => outbox.id),
    caseId: uuid('case_id').references(() => cases.id),
    kind: text('kind').notNull(),
    /** blind index of the recipient ('email'); never the address */
    toKey: bytea('to_key').notNull(),
    /** sent with Auto-Submitted and a null envelope sender (no bounce comes back) */
    automatic: boolean('automatic').notNull(),
    /** sent | failed */
    status: text('status').notNull(),
    statusCode: text('status_code'),
    sentAt: timestamp('sent_at', { withTimezone: true }).notNull(),
    statusAt: timestamp('status_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('mail_outbound_outbox_idx').on(t.outboxId).where(sql`${t.outboxId} IS NOT NULL`),
    index('mail_outbound_to_idx').on(t.toKey, t.kind, t.sentAt),
    index('mail_outbound_case_idx').on(t.caseId),
  ],
);
