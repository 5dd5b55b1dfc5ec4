// Cases and their parts (DESIGN §2). Every *_enc column is AES-256-GCM bound to table, column and row;
// every *_bidx column is a keyed blind index for exact look-ups.
import { sql } from 'drizzle-orm';
import { bigint, bigserial, boolean, date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { bytea } from './columns.js';
import { units, users } from './org.js';
import { CLOCK_STATES } from '../../domain/state-groups.js';

// The partial queue indexes cover the states whose clocks run; the lists filter by the same list, so the
// planner proves the predicate. Changing CLOCK_STATES means a migration that rebuilds these indexes.
const OPEN_STATES_SQL = CLOCK_STATES.map((s) => `'${s}'`).join(', ');

export const cases = pgTable(
  'cases',
  {
    id: uuid('id').primaryKey(),
    caseNumber: text('case_number').notNull(),
    channel: text('channel').notNull(),
    type: text('type').notNull(),
    scope: text('scope'),
    reportedPoliceBranch: text('reported_police_branch'),
    state: text('state').notNull(),
    anonymity: text('anonymity').notNull(),
    titleEnc: bytea('title_enc').notNull(),
    contentEnc: bytea('content_enc').notNull(),
    /** occurredAt and location, as one encrypted JSON document */
    detailsEnc: bytea('details_enc').notNull(),
    queryCodeHash: bytea('query_code_hash').notNull(),
    /** kept only until the acknowledgement carrying the code is delivered (DESIGN §7.4) */
    queryCodeEnc: bytea('query_code_enc'),
    /** as entered by staff (may be earlier than created_at, never later than it) */
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    version: integer('version').notNull().default(1),
    // Classification, set at accept and by reclassify (DESIGN §2).
    problemType: text('problem_type'),
    policeBranch: text('police_branch'),
    urgency: text('urgency').notNull().default('normal'),
    businessRelated: boolean('business_related').notNull().default(false),
    /** type accusation, scope misconduct/internal_affairs, or a subject other than praise (DESIGN §2) */
    isAccusation: boolean('is_accusation').notNull().default(false),
    sealed: boolean('sealed').notNull().default(false),
    /** caller number and call time, postmark, box opening, visit record: one encrypted JSON document */
    channelDetailsEnc: bytea('channel_details_enc'),
    reporterConsentsToName: boolean('reporter_consents_to_name').notNull().default(false),
    // The handling decision and the clocks (DESIGN §3.2, §4).
    mode: text('mode'),
    proposalEnc: bytea('proposal_enc'),
    proposedUnitId: uuid('proposed_unit_id').references(() => units.id),
    acceptedAt: timestamp('accepted_at', { withTimezone: true }),
    publicDue: date('public_due', { mode: 'string' }),
    publicDueProvisional: boolean('public_due_provisional').notNull().default(false),
    cycle: integer('cycle').notNull().default(1),
    reopenCount: integer('reopen_count').notNull().default(0),
    extensionDaysUsed: integer('extension_days_used').notNull().default(0),
    /** lead unit of the level handling the case now; null while the centre holds it */
    currentUnitId: uuid('current_unit_id').references(() => units.id),
    unitDue: date('unit_due', { mode: 'string' }),
    handlerUserId: uuid('handler_user_id').references(() => users.id),
    /** unit:<level> | centre | approved, while under_review */
    reviewStage: text('review_stage'),
    suspendedSince: date('suspended_since', { mode: 'string' }),
    chased: boolean('chased').notNull().default(false),
    supervised: boolean('supervised').notNull().default(false),
    dissatisfied: boolean('dissatisfied').notNull().default(false),
    rated: boolean('rated').notNull().default(false),
    falseAccusation: boolean('false_accusation').notNull().default(false),
    firstContactAt: timestamp('first_contact_at', { withTimezone: true }),
    mergedIntoId: uuid('merged_into_id'),
    repliedAt: timestamp('replied_at', { withTimezone: true }),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    archivedAt: timestamp('archived_at', { withTimezone: true }),
    updatedAt: timestamp('updated_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('cases_case_number_key').on(t.caseNumber),
    // The staff queues of DESIGN §9 (docs/performance.md), in the lists' own order: the reader's deadline
    // with no deadline last, then id (the cursor). Open states get partial indexes of their own, so
    // overdue and due-soon lists never walk the closed majority; one state's queue reads (state, order).
    index('cases_public_queue_idx').on(sql`(COALESCE(${t.publicDue}, '9999-12-31'::date))`, t.id),
    index('cases_state_public_queue_idx').on(t.state, sql`(COALESCE(${t.publicDue}, '9999-12-31'::date))`, t.id),
    index('cases_open_public_queue_idx').on(sql`(COALESCE(${t.publicDue}, '9999-12-31'::date))`, t.id).where(sql`${t.state} IN (${sql.raw(OPEN_STATES_SQL)})`),
    index('cases_open_unit_queue_idx').on(sql`(COALESCE(${t.unitDue}, '9999-12-31'::date))`, t.id).where(sql`${t.state} IN (${sql.raw(OPEN_STATES_SQL)})`),
    index('cases_unit_queue_idx').on(t.currentUnitId, t.unitDue).where(sql`${t.currentUnitId} IS NOT NULL`),
    index('cases_created_idx').on(t.createdAt),
    index('cases_closed_idx').on(t.closedAt).where(sql`${t.closedAt} IS NOT NULL`),
    index('cases_handler_idx').on(t.handlerUserId).where(sql`${t.handlerUserId} IS NOT NULL`),
    index('cases_merged_into_idx').on(t.mergedIntoId).where(sql`${t.mergedIntoId} IS NOT NULL`),
    // The few readable query codes still waiting for their acknowledgement (src/commands/erase-query-code.ts).
    index('cases_query_code_kept_idx').on(t.id).where(sql`${t.queryCodeEnc} IS NOT NULL`),
  ],
);

/** Wrong-code counters live beside the case so the case row (and its audit digest) stays untouched. */
export const queryCodeGuards = pgTable('query_code_guards', {
  caseId: uuid('case_id').primaryKey().references(() => cases.id),
  failures: integer('failures').notNull().default(0),
  lockedUntil: timestamp('locked_until', { withTimezone: true }),
});

export const reporters = pgTable(
  'reporters',
  {
    id: uuid('id').primaryKey(),
    caseId: uuid('case_id').notNull().references(() => cases.id),
    nameEnc: bytea('name_enc'),
    phoneEnc: bytea('phone_enc'),
    emailEnc: bytea('email_enc'),
    addressEnc: bytea('address_enc'),
    workplaceEnc: bytea('workplace_enc'),
    openidEnc: bytea('openid_enc'),
    phoneBidx: bytea('phone_bidx'),
    emailBidx: bytea('email_bidx'),
    openidBidx: bytea('openid_bidx'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('reporters_case_key').on(t.caseId),
    index('reporters_phone_bidx_idx').on(t.phoneBidx),
    index('reporters_email_bidx_idx').on(t.emailBidx),
    index('reporters_openid_bidx_idx').on(t.openidBidx),
  ],
);

export const subjects = pgTable(
  'subjects',
  {
    id: uuid('id').primaryKey(),
    caseId: uuid('case_id').notNull().references(() => cases.id),
    position: integer('position').notNull(),
    nameEnc: bytea('name_enc'),
    policeNumberEnc: bytea('police_number_enc'),
    policeNumberBidx: bytea('police_number_bidx'),
    unitTextEnc: bytea('unit_text_enc'),
    positionTitleEnc: bytea('position_title_enc'),
    vehiclePlateEnc: bytea('vehicle_plate_enc'),
    linkedUserId: uuid('linked_user_id').references(() => users.id),
    linkedUnitId: uuid('linked_unit_id').references(() => units.id),
    rank: text('rank'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('subjects_case_idx').on(t.caseId),
    index('subjects_police_number_bidx_idx').on(t.policeNumberBidx),
    // The firewall's "who is accused" tests run inside every list (case-scope.ts).
    index('subjects_linked_user_idx').on(t.linkedUserId).where(sql`${t.linkedUserId} IS NOT NULL`),
    index('subjects_linked_unit_idx').on(t.linkedUnitId).where(sql`${t.linkedUnitId} IS NOT NULL`),
  ],
);

export const messages = pgTable(
  'messages',
  {
    id: uuid('id').primaryKey(),
    caseId: uuid('case_id').notNull().references(() => cases.id),
    /** from_reporter | to_reporter */
    direction: text('direction').notNull(),
    authorUserId: uuid('author_user_id').references(() => users.id),
    bodyEnc: bytea('body_enc').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('messages_case_idx').on(t.caseId, t.createdAt)],
);

export const attachments = pgTable(
  'attachments',
  {
    id: uuid('id').primaryKey(),
    caseId: uuid('case_id').notNull().references(() => cases.id),
    messageId: uuid('message_id').references(() => messages.id),
    nameEnc: bytea('name_enc').notNull(),
    mediaType: text('media_type').notNull(),
    sizeBytes: bigint('size_bytes', { mode: 'number' }).notNull(),
    /** keyed HMAC of the plaintext, never a plain sha256 (DESIGN §7.1) */
    fingerprint: bytea('fingerprint').notNull(),
    /** original (kept with the centre) or derivative (for units) */
    origin: text('origin').notNull().default('original'),
    storageKey: text('storage_key').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('attachments_case_idx').on(t.caseId)],
);

/** The 流转记录: append-only; `public` marks the entries the reporter may see. */
export const timeline = pgTable(
  'timeline',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    caseId: uuid('case_id').notNull().references(() => cases.id),
    at: timestamp('at', { withTimezone: true }).notNull(),
    event: text('event').notNull(),
    actorKind: text('actor_kind').notNull(),
    actorUserId: uuid('actor_user_id').references(() => users.id),
    unitId: uuid('unit_id').references(() => units.id),
    fromState: text('from_state'),
    toState: text('to_state'),
    opinionEnc: bytea('opinion_enc'),
    public: boolean('public').notNull().default(false),
  },
  // The reopen rate of the statistics counts these two events by time.
  (t) => [index('timeline_case_idx').on(t.caseId, t.id), index('timeline_close_reopen_idx').on(t.event, t.at).where(sql`${t.event} IN ('close', 'reopen')`)],
);

/** Ids only: a job renders and decrypts at send time (DESIGN §5). */
export const outbox = pgTable(
  'outbox',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    kind: text('kind').notNull(),
    caseId: uuid('case_id').references(() => cases.id),
    payload: jsonb('payload').notNull().default({}),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    availableAt: timestamp('available_at', { withTimezone: true }).notNull(),
    attempts: integer('attempts').notNull().default(0),
    deliveredAt: timestamp('delivered_at', { withTimezone: true }),
    deadAt: timestamp('dead_at', { withTimezone: true }),
    lastError: text('last_error'),
  },
  (t) => [index('outbox_pending_idx').on(t.availableAt).where(sql`${t.deliveredAt} IS NULL AND ${t.deadAt} IS NULL`)],
);
