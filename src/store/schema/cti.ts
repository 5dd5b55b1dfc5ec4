// The hotline's calls (issue 6): what the PBX reports through /hooks/cti, the recordings it hands over,
// and the webhook ids already processed. The outside party's number is never stored in clear: encrypted,
// and blind-indexed for the caller's history.
import { sql } from 'drizzle-orm';
import { bigint, boolean, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { cases } from './cases.js';
import { bytea } from './columns.js';
import { intakeItems } from './intake.js';
import { users } from './org.js';
import { followUps } from './workflow.js';

/** Replay cache: a webhook id is processed once, however often the PBX retries it. */
export const ctiEvents = pgTable('cti_events', {
  webhookId: text('webhook_id').primaryKey(),
  type: text('type').notNull(),
  receivedAt: timestamp('received_at', { withTimezone: true }).notNull(),
});

export const calls = pgTable(
  'calls',
  {
    id: uuid('id').primaryKey(),
    /** the PBX's id; null only for a click-to-dial row until the PBX reports the call */
    callId: text('call_id'),
    /** in | out */
    direction: text('direction').notNull(),
    /** the outside party's number, encrypted; null if anonymous or not yet reported */
    callerEnc: bytea('caller_enc'),
    callerBidx: bytea('caller_bidx'),
    /** our side: the dialled hotline line or the seat extension */
    line: text('line'),
    queue: text('queue'),
    /** ringing | answered | ended */
    state: text('state').notNull(),
    agentUserId: uuid('agent_user_id').references(() => users.id),
    agentExtension: text('agent_extension'),
    voicemail: boolean('voicemail').notNull().default(false),
    startedAt: timestamp('started_at', { withTimezone: true }),
    answeredAt: timestamp('answered_at', { withTimezone: true }),
    endedAt: timestamp('ended_at', { withTimezone: true }),
    cause: text('cause'),
    q850: integer('q850'),
    durationSec: integer('duration_sec'),
    caseId: uuid('case_id').references(() => cases.id),
    followUpId: uuid('follow_up_id').references(() => followUps.id),
    intakeItemId: uuid('intake_item_id').references(() => intakeItems.id),
    dialRequestId: uuid('dial_request_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('calls_call_id_key').on(t.callId),
    uniqueIndex('calls_dial_request_key').on(t.dialRequestId),
    index('calls_caller_idx').on(t.callerBidx, t.startedAt),
    index('calls_agent_idx').on(t.agentUserId, t.startedAt),
    index('calls_started_idx').on(t.startedAt),
    index('calls_case_idx').on(t.caseId).where(sql`${t.caseId} IS NOT NULL`),
  ],
);

/** A call's audio, stored encrypted like a case file; its id is also its attachment id on the case. */
export const callRecordings = pgTable(
  'call_recordings',
  {
    id: uuid('id').primaryKey(),
    callRowId: uuid('call_row_id').notNull().references(() => calls.id),
    storageKey: text('storage_key').notNull(),
    mediaType: text('media_type').notNull(),
    sizeBytes: bigint('size_bytes', { mode: 'number' }).notNull(),
    fingerprint: bytea('fingerprint').notNull(),
    durationSec: integer('duration_sec'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('call_recordings_fingerprint_key').on(t.callRowId, t.fingerprint)],
);

/** Whom the screen pop has shown a call's caller history: the identity read is audited once per call and user. */
export const callPops = pgTable(
  'call_pops',
  {
    callRowId: uuid('call_row_id').notNull().references(() => calls.id),
    userId: uuid('user_id').notNull().references(() => users.id),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.callRowId, t.userId] })],
);
