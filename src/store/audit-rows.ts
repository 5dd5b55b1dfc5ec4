// Writing audit rows inside the caller's transaction, and reading them back canonically.
import type pg from 'pg';

export type AuditActorKind = 'staff' | 'reporter' | 'public' | 'system' | 'cli';

export interface AuditEntry {
  readonly actorKind: AuditActorKind;
  readonly actorUserId?: string | null;
  readonly actorRef?: string | null;
  readonly action: string;
  readonly caseId?: string | null;
  readonly target?: string | null;
  readonly detailsEnc?: Buffer | null;
  /**
   * Keyed digest of the case and its children after a change (store/case-state.ts). Only state
   * changes carry one: a read or a no-op must not, or verify would take it for a replayed record.
   */
  readonly caseDigest?: Buffer | null;
}

/** The audit row of a state change is written by the same transaction as the change. */
export async function insertAudit(client: pg.ClientBase | pg.Pool, e: AuditEntry): Promise<void> {
  await client.query(
    `INSERT INTO audit (actor_kind, actor_user_id, actor_ref, action, case_id, target, details_enc, case_digest)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [e.actorKind, e.actorUserId ?? null, e.actorRef ?? null, e.action, e.caseId ?? null, e.target ?? null, e.detailsEnc ?? null, e.caseDigest ?? null],
  );
}

export interface AuditDbRow {
  seq: string;
  xid: string;
  at_us: string;
  actor_kind: string;
  actor_user_id: string | null;
  actor_ref: string | null;
  action: string;
  case_id: string | null;
  target: string | null;
  details_enc: Buffer | null;
  case_digest: Buffer | null;
}

export const AUDIT_SELECT = `SELECT seq::text, xid::text, (extract(epoch FROM at) * 1000000)::bigint::text AS at_us,
  actor_kind, actor_user_id, actor_ref, action, case_id, target, details_enc, case_digest FROM audit`;

export function canonicalAuditBytes(r: AuditDbRow): Buffer {
  return Buffer.from(
    JSON.stringify([r.seq, r.xid, r.at_us, r.actor_kind, r.actor_user_id, r.actor_ref, r.action, r.case_id, r.target, r.details_enc?.toString('hex') ?? null, r.case_digest?.toString('hex') ?? null]),
    'utf8',
  );
}
