// The audit trail (DESIGN §6 "The audit chain"): rows are inserted by the writing transaction,
// a sealer chains them later with a keyed HMAC into audit_seal. Both tables are insert-only.
import { bigint, bigserial, boolean, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { bytea, xid8 } from './columns.js';

export const audit = pgTable(
  'audit',
  {
    seq: bigserial('seq', { mode: 'number' }).primaryKey(),
    xid: xid8('xid').notNull().default(sql`pg_current_xact_id()`),
    at: timestamp('at', { withTimezone: true }).notNull().default(sql`clock_timestamp()`),
    /** staff | reporter | public | system | cli */
    actorKind: text('actor_kind').notNull(),
    actorUserId: uuid('actor_user_id'),
    /** the OS user for CLI commands, the client's keyed hash for the public */
    actorRef: text('actor_ref'),
    action: text('action').notNull(),
    caseId: uuid('case_id'),
    target: text('target'),
    /** encrypted JSON: search text, reasons and other details that may be sensitive */
    detailsEnc: bytea('details_enc'),
    /** keyed digest of the case row after the change */
    caseDigest: bytea('case_digest'),
  },
  (t) => [
    index('audit_case_idx').on(t.caseId),
    index('audit_xid_idx').on(t.xid),
    // The auditor's filters (by actor, by action prefix, by time) and the unusual-access view.
    index('audit_actor_idx').on(t.actorUserId, t.seq),
    index('audit_action_idx').on(t.action.op('text_pattern_ops'), t.seq),
    index('audit_at_idx').on(t.at),
  ],
);

export const auditSeal = pgTable('audit_seal', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  /** the seal covers audit rows with fromXid <= xid < toXid */
  fromXid: xid8('from_xid').notNull(),
  toXid: xid8('to_xid').notNull(),
  rowCount: bigint('row_count', { mode: 'number' }).notNull(),
  lastSeq: bigint('last_seq', { mode: 'number' }),
  prevHead: bytea('prev_head').notNull(),
  head: bytea('head').notNull(),
  /** 8 bytes of a keyed MAC per covered row, in chain order, so verify can name the first altered record */
  rowMacs: bytea('row_macs').notNull(),
  keyId: bigint('key_id', { mode: 'number' }).notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().default(sql`clock_timestamp()`),
});

/**
 * The scheduled `audit verify` runs (job audit.verify): what the auditor's chain status shows. Problems name
 * seals, records and cases by id, never content.
 */
export const auditVerifications = pgTable('audit_verifications', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  at: timestamp('at', { withTimezone: true }).notNull(),
  ok: boolean('ok').notNull(),
  problems: text('problems').array().notNull(),
  seals: integer('seals').notNull(),
  sealedRows: bigint('sealed_rows', { mode: 'number' }).notNull(),
  unsealedRows: bigint('unsealed_rows', { mode: 'number' }).notNull(),
  casesChecked: integer('cases_checked').notNull(),
  anchors: integer('anchors').notNull(),
  durationMs: integer('duration_ms').notNull(),
});
