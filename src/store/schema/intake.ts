// The intake inbox (DESIGN §2, §5): e-mail, WeChat, SMS and voicemail wait here until a clerk
// registers them as a case or marks them invalid. Nothing is deleted; exactly one item per externalId.
import { sql } from 'drizzle-orm';
import { bigint, index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { cases } from './cases.js';
import { bytea } from './columns.js';
import { users } from './org.js';

export const intakeItems = pgTable(
  'intake_items',
  {
    id: uuid('id').primaryKey(),
    channel: text('channel').notNull(),
    externalId: text('external_id').notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull(),
    /** the sender's address, number or OpenID, encrypted; the blind index finds earlier items and cases */
    contactEnc: bytea('contact_enc'),
    contactBidx: bytea('contact_bidx'),
    textEnc: bytea('text_enc').notNull(),
    /** channel data (subject line, call id and duration …) as encrypted JSON */
    detailsEnc: bytea('details_enc'),
    threadKey: text('thread_key'),
    /** a case number the item says it belongs to, unverified (DESIGN §5) */
    claimsCaseNumber: text('claims_case_number'),
    /** new | registered | invalid | attached (added to an existing case) */
    status: text('status').notNull().default('new'),
    caseId: uuid('case_id').references(() => cases.id),
    /** spam | blank | abuse | duplicate | other */
    invalidReason: text('invalid_reason'),
    noteEnc: bytea('note_enc'),
    handledBy: uuid('handled_by').references(() => users.id),
    handledAt: timestamp('handled_at', { withTimezone: true }),
    /** voicemail: by when someone must have listened to it (10:00 on the next working day) */
    listenBy: timestamp('listen_by', { withTimezone: true }),
    /** voicemail: the first time someone played it (DESIGN §4 step clock "listened to by 10:00") */
    listenedAt: timestamp('listened_at', { withTimezone: true }),
    listenedBy: uuid('listened_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('intake_items_external_key').on(t.channel, t.externalId),
    index('intake_items_new_idx').on(t.receivedAt).where(sql`${t.status} = 'new'`),
    index('intake_items_contact_idx').on(t.contactBidx),
  ],
);

export const intakeAttachments = pgTable(
  'intake_attachments',
  {
    id: uuid('id').primaryKey(),
    itemId: uuid('item_id').notNull().references(() => intakeItems.id),
    nameEnc: bytea('name_enc').notNull(),
    mediaType: text('media_type').notNull(),
    sizeBytes: bigint('size_bytes', { mode: 'number' }).notNull(),
    fingerprint: bytea('fingerprint').notNull(),
    storageKey: text('storage_key').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('intake_attachments_item_idx').on(t.itemId)],
);
