// The parts of a case that handling adds (DESIGN §2, §3): the dispatch chain, pending decisions,
// results, replies, notes, follow-ups, recusals and grants. All of them are covered by the audit
// digest, except the side tables at the end (search tokens, notifications, clock alerts) that jobs maintain.
import { sql } from 'drizzle-orm';
import { boolean, customType, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { cases } from './cases.js';
import { bytea } from './columns.js';
import { units, users } from './org.js';

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

/** One level of the dispatch chain per cycle: depth 0 was assigned by the centre, deeper levels by redispatch. */
export const dispatchLevels = pgTable(
  'dispatch_levels',
  {
    id: uuid('id').primaryKey(),
    caseId: uuid('case_id').notNull().references(() => cases.id),
    cycle: integer('cycle').notNull(),
    depth: integer('depth').notNull(),
    unitId: uuid('unit_id').notNull().references(() => units.id),
    coUnitIds: uuid('co_unit_ids').array().notNull().default(sql`'{}'::uuid[]`),
    assignedAt: timestamp('assigned_at', { withTimezone: true }).notNull(),
    assignedBy: uuid('assigned_by').references(() => users.id),
    unitDue: date('unit_due', { mode: 'string' }).notNull(),
    unitDueProvisional: boolean('unit_due_provisional').notNull().default(false),
    flaggedShort: boolean('flagged_short').notNull().default(false),
    briefEnc: bytea('brief_enc'),
    signedForAt: timestamp('signed_for_at', { withTimezone: true }),
    signedForBy: uuid('signed_for_by').references(() => users.id),
    /** false once an approved return revoked the level's grant (DESIGN §3.4) */
    granted: boolean('granted').notNull().default(true),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [
    index('dispatch_levels_case_idx').on(t.caseId, t.cycle, t.depth),
    index('dispatch_levels_unit_idx').on(t.unitId).where(sql`${t.granted}`),
    index('dispatch_levels_co_units_idx').using('gin', t.coUnitIds),
    index('dispatch_levels_assigned_idx').on(t.assignedAt),
  ],
);

/** A request or two-person rule waiting for a second person (DESIGN §3.3); the form travels encrypted. */
export const pendingDecisions = pgTable(
  'pending_decisions',
  {
    id: uuid('id').primaryKey(),
    caseId: uuid('case_id').notNull().references(() => cases.id),
    kind: text('kind').notNull(),
    /** the requesting action and its form, as encrypted JSON */
    payloadEnc: bytea('payload_enc').notNull(),
    requestedBy: uuid('requested_by').notNull().references(() => users.id),
    requestedAt: timestamp('requested_at', { withTimezone: true }).notNull(),
    /** [{userId, role, at}] */
    confirmations: jsonb('confirmations').notNull().default(sql`'[]'::jsonb`),
    /** confirmed | declined | lapsed */
    settlement: text('settlement'),
    settledBy: uuid('settled_by').references(() => users.id),
    settledAt: timestamp('settled_at', { withTimezone: true }),
  },
  (t) => [
    index('pending_decisions_open_idx').on(t.caseId).where(sql`${t.settledAt} IS NULL`),
    index('pending_decisions_kind_idx').on(t.kind).where(sql`${t.settledAt} IS NULL`),
    // The extension and return rates of the statistics.
    index('pending_decisions_confirmed_idx').on(t.caseId, t.kind).where(sql`${t.settlement} = 'confirmed'`),
    index('pending_decisions_settled_idx').on(t.kind, t.settledAt).where(sql`${t.settlement} = 'confirmed'`),
  ],
);

/** The handler's result per cycle (DESIGN §3.2 submit_result). */
export const caseResults = pgTable(
  'case_results',
  {
    id: uuid('id').primaryKey(),
    caseId: uuid('case_id').notNull().references(() => cases.id),
    cycle: integer('cycle').notNull(),
    finding: text('finding').notNull(),
    /** report, measures, outcomes per officer and the draft reply, as encrypted JSON */
    bodyEnc: bytea('body_enc').notNull(),
    submittedBy: uuid('submitted_by').notNull().references(() => users.id),
    submittedAt: timestamp('submitted_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('case_results_case_idx').on(t.caseId, t.cycle)],
);

/** The answer given to the reporter (DESIGN §3.2 reply); what the public view shows as the centre's reply. */
export const replies = pgTable(
  'replies',
  {
    id: uuid('id').primaryKey(),
    caseId: uuid('case_id').notNull().references(() => cases.id),
    cycle: integer('cycle').notNull(),
    /** replied | cannot_reply | explained */
    outcome: text('outcome').notNull(),
    method: text('method'),
    /** text, who answered, the reporter's reaction, the cannot-reply reason: encrypted JSON */
    bodyEnc: bytea('body_enc').notNull(),
    answeredAt: timestamp('answered_at', { withTimezone: true }).notNull(),
    recordedBy: uuid('recorded_by').notNull().references(() => users.id),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('replies_case_idx').on(t.caseId, t.recordedAt)],
);

/** Internal notes: staff only, never the public (DESIGN §3.2 add_note). */
export const caseNotes = pgTable(
  'case_notes',
  {
    id: uuid('id').primaryKey(),
    caseId: uuid('case_id').notNull().references(() => cases.id),
    authorUserId: uuid('author_user_id').notNull().references(() => users.id),
    unitId: uuid('unit_id').notNull().references(() => units.id),
    bodyEnc: bytea('body_enc').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('case_notes_case_idx').on(t.caseId, t.createdAt)],
);

/** The follow-up task created at closing (DESIGN §3.2 close, record_follow_up). */
export const followUps = pgTable(
  'follow_ups',
  {
    id: uuid('id').primaryKey(),
    caseId: uuid('case_id').notNull().references(() => cases.id),
    cycle: integer('cycle').notNull(),
    dueOn: date('due_on', { mode: 'string' }).notNull(),
    /** open | done | ended (three failed attempts) */
    status: text('status').notNull(),
    attempts: integer('attempts').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    settledAt: timestamp('settled_at', { withTimezone: true }),
  },
  (t) => [index('follow_ups_open_idx').on(t.dueOn).where(sql`${t.status} = 'open'`), index('follow_ups_due_idx').on(t.dueOn), uniqueIndex('follow_ups_case_cycle_key').on(t.caseId, t.cycle)],
);

/** Each visit or online rating (DESIGN §3.2 record_follow_up, rating). */
export const followUpRecords = pgTable(
  'follow_up_records',
  {
    id: uuid('id').primaryKey(),
    caseId: uuid('case_id').notNull().references(() => cases.id),
    followUpId: uuid('follow_up_id').references(() => followUps.id),
    outcome: text('outcome').notNull(),
    /** phone, sms, visit, online … */
    channel: text('channel').notNull(),
    reasons: text('reasons').array().notNull().default(sql`'{}'::text[]`),
    noteEnc: bytea('note_enc'),
    recordedBy: uuid('recorded_by').references(() => users.id),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull(),
    /** an answer by SMS: the inbound text's key (inboundExternalId), so a redelivered text records nothing twice */
    inboundKey: text('inbound_key'),
  },
  (t) => [
    index('follow_up_records_case_idx').on(t.caseId, t.recordedAt),
    index('follow_up_records_recorded_idx').on(t.recordedAt),
    uniqueIndex('follow_up_records_inbound_key').on(t.inboundKey).where(sql`${t.inboundKey} IS NOT NULL`),
  ],
);

/** Recusals (DESIGN §3.3): the case behaves as nonexistent for these users. */
export const caseConflicts = pgTable(
  'case_conflicts',
  {
    caseId: uuid('case_id').notNull().references(() => cases.id),
    userId: uuid('user_id').notNull().references(() => users.id),
    reasonEnc: bytea('reason_enc').notNull(),
    declaredAt: timestamp('declared_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ name: 'case_conflicts_pkey', columns: [t.caseId, t.userId] }), index('case_conflicts_user_idx').on(t.userId)],
);

/** Originals and the reporter's identity shared with one unit on the chain (DESIGN §3.2 grant_original, §7.2). */
export const caseAccessGrants = pgTable(
  'case_access_grants',
  {
    id: uuid('id').primaryKey(),
    caseId: uuid('case_id').notNull().references(() => cases.id),
    /** attachment | reporter_identity */
    what: text('what').notNull(),
    attachmentId: uuid('attachment_id'),
    unitId: uuid('unit_id').notNull().references(() => units.id),
    grantedBy: uuid('granted_by').notNull().references(() => users.id),
    reasonEnc: bytea('reason_enc').notNull(),
    grantedAt: timestamp('granted_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('case_access_grants_case_idx').on(t.caseId)],
);

/** Who alone sees sealed cases (DESIGN §3.4); kept by the secadmin. */
export const sealedGroupMembers = pgTable('sealed_group_members', {
  userId: uuid('user_id').primaryKey().references(() => users.id),
  addedBy: uuid('added_by').references(() => users.id),
  addedAt: timestamp('added_at', { withTimezone: true }).notNull(),
});

// Side tables below: maintained by jobs and commands, outside the audit digest (DESIGN §6).

/** Keyed search tokens (DESIGN §7.1); no plaintext word is stored. Sealed cases have no row. */
export const caseSearch = pgTable(
  'case_search',
  {
    caseId: uuid('case_id').primaryKey().references(() => cases.id),
    tokens: tsvector('tokens').notNull(),
    icuVersion: text('icu_version').notNull(),
    indexedAt: timestamp('indexed_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('case_search_tokens_idx').using('gin', t.tokens)],
);

/** In-app notifications: ids and a kind only; the console renders the text. */
export const notifications = pgTable(
  'notifications',
  {
    id: uuid('id').primaryKey(),
    userId: uuid('user_id').notNull().references(() => users.id),
    caseId: uuid('case_id').references(() => cases.id),
    kind: text('kind').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    readAt: timestamp('read_at', { withTimezone: true }),
  },
  (t) => [index('notifications_user_idx').on(t.userId, t.createdAt)],
);

/** Reminders and escalations already sent by the clock sweep, so a rerun sends nothing twice. */
export const clockAlerts = pgTable(
  'clock_alerts',
  {
    caseId: uuid('case_id').notNull().references(() => cases.id),
    kind: text('kind').notNull(),
    dueOn: date('due_on', { mode: 'string' }).notNull(),
    sentAt: timestamp('sent_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ name: 'clock_alerts_pkey', columns: [t.caseId, t.kind, t.dueOn] })],
);
