// Everything a decision about one case needs, read in a handful of indexed queries; commands lock
// the case row first (FOR UPDATE) so two actions on one case serialise.
import type pg from 'pg';
import { CASE_COLUMNS, caseRowOf, type CaseDbRow, type CaseRow } from './case-row.js';

type Db = pg.ClientBase | pg.Pool;

export interface SubjectRecord {
  readonly id: string;
  readonly linkedUserId: string | null;
  readonly linkedUnitId: string | null;
  readonly rank: string | null;
  /** hex of the keyed blind index: compared, never decrypted, for recusal by police number */
  readonly policeNumberKey: string | null;
}

export interface LevelRecord {
  readonly id: string;
  readonly cycle: number;
  readonly depth: number;
  readonly unitId: string;
  readonly coUnitIds: readonly string[];
  readonly assignedAt: Date;
  readonly unitDue: string;
  readonly signedForAt: Date | null;
  readonly granted: boolean;
}

export interface Confirmation {
  readonly userId: string;
  readonly role: string;
  readonly at: string;
}

export interface PendingRecord {
  readonly id: string;
  readonly kind: string;
  readonly payloadEnc: Buffer;
  readonly requestedBy: string;
  readonly requestedAt: Date;
  readonly confirmations: readonly Confirmation[];
}

export interface FollowUpRecord {
  readonly id: string;
  readonly cycle: number;
  readonly dueOn: string;
  readonly status: string;
  readonly attempts: number;
}

export interface CaseRecord {
  readonly row: CaseRow;
  readonly subjects: readonly SubjectRecord[];
  /** the current cycle's dispatch chain, top first */
  readonly levels: readonly LevelRecord[];
  readonly pending: readonly PendingRecord[];
  readonly conflicts: readonly string[];
  readonly reporterGrantUnitIds: readonly string[];
  /** units told of the case for information by a leader's instruction */
  readonly informedUnitIds: readonly string[];
  readonly followUp: FollowUpRecord | null;
  readonly hasReporter: boolean;
}

export async function findCaseRow(db: Db, caseNumber: string, lock: boolean): Promise<CaseRow | null> {
  const r = await db.query<CaseDbRow>(`SELECT ${CASE_COLUMNS} FROM cases WHERE case_number = $1${lock ? ' FOR UPDATE' : ''}`, [caseNumber]);
  const row = r.rows[0];
  return row === undefined ? null : caseRowOf(row);
}

export async function findCaseRowById(db: Db, id: string, lock: boolean): Promise<CaseRow | null> {
  const r = await db.query<CaseDbRow>(`SELECT ${CASE_COLUMNS} FROM cases WHERE id = $1${lock ? ' FOR UPDATE' : ''}`, [id]);
  const row = r.rows[0];
  return row === undefined ? null : caseRowOf(row);
}

/** The parts of the record around an already-read case row. */
export async function loadCaseParts(db: Db, row: CaseRow): Promise<CaseRecord> {
  const id = row.id;
  // One after the other: a pg client runs one query at a time, and queuing them is deprecated in pg 9.
  const subjects = await db.query<{ id: string; linked_user_id: string | null; linked_unit_id: string | null; rank: string | null; pn: string | null }>(
    `SELECT id, linked_user_id, linked_unit_id, rank, encode(police_number_bidx, 'hex') AS pn FROM subjects WHERE case_id = $1 ORDER BY position`, [id]);
  const levels = await db.query<{ id: string; cycle: number; depth: number; unit_id: string; co_unit_ids: string[]; assigned_at: Date; unit_due: string; signed_for_at: Date | null; granted: boolean }>(
    `SELECT id, cycle, depth, unit_id, co_unit_ids, assigned_at, unit_due, signed_for_at, granted FROM dispatch_levels WHERE case_id = $1 AND cycle = $2 ORDER BY depth, assigned_at`, [id, row.cycle]);
  const pending = await db.query<{ id: string; kind: string; payload_enc: Buffer; requested_by: string; requested_at: Date; confirmations: Confirmation[] }>(
    `SELECT id, kind, payload_enc, requested_by, requested_at, confirmations FROM pending_decisions WHERE case_id = $1 AND settled_at IS NULL ORDER BY requested_at`, [id]);
  const conflicts = await db.query<{ user_id: string }>('SELECT user_id FROM case_conflicts WHERE case_id = $1', [id]);
  const grants = await db.query<{ unit_id: string; what: string }>(`SELECT unit_id, what FROM case_access_grants WHERE case_id = $1 AND what IN ('reporter_identity', 'for_information')`, [id]);
  const followUp = await db.query<{ id: string; cycle: number; due_on: string; status: string; attempts: number }>(
    'SELECT id, cycle, due_on, status, attempts FROM follow_ups WHERE case_id = $1 ORDER BY cycle DESC LIMIT 1', [id]);
  const reporter = await db.query('SELECT 1 FROM reporters WHERE case_id = $1', [id]);
  const f = followUp.rows[0];
  return {
    row,
    subjects: subjects.rows.map((s) => ({ id: s.id, linkedUserId: s.linked_user_id, linkedUnitId: s.linked_unit_id, rank: s.rank, policeNumberKey: s.pn })),
    levels: levels.rows.map((l) => ({ id: l.id, cycle: l.cycle, depth: l.depth, unitId: l.unit_id, coUnitIds: l.co_unit_ids, assignedAt: l.assigned_at, unitDue: l.unit_due, signedForAt: l.signed_for_at, granted: l.granted })),
    pending: pending.rows.map((p) => ({ id: p.id, kind: p.kind, payloadEnc: p.payload_enc, requestedBy: p.requested_by, requestedAt: p.requested_at, confirmations: p.confirmations })),
    conflicts: conflicts.rows.map((c) => c.user_id),
    reporterGrantUnitIds: grants.rows.filter((g) => g.what === 'reporter_identity').map((g) => g.unit_id),
    informedUnitIds: grants.rows.filter((g) => g.what === 'for_information').map((g) => g.unit_id),
    followUp: f === undefined ? null : { id: f.id, cycle: f.cycle, dueOn: f.due_on, status: f.status, attempts: f.attempts },
    hasReporter: (reporter.rowCount ?? 0) > 0,
  };
}
