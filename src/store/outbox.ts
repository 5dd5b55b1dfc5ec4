// The outbox as the relay sees it (DESIGN §5): claim due rows, then record each outcome.
// A claim is a lease, not a held lock: one short statement locks the due rows (SKIP LOCKED, so two
// relays never take the same row), counts the attempt and pushes `available_at` past the lease;
// the sending happens outside any transaction, so a slow SMS gateway holds back neither other
// writers nor the audit sealer's horizon. The attempt count taken at the claim fences the outcome:
// a relay whose lease ran out cannot overwrite the outcome of the relay that took the row after it.
import type pg from 'pg';

export interface ClaimedOutboxRow {
  readonly id: number;
  readonly kind: string;
  readonly caseId: string | null;
  readonly payload: unknown;
  /** Attempts including this one (1 for the first). */
  readonly attempt: number;
  readonly createdAt: Date;
}

interface ClaimDbRow {
  id: string;
  kind: string;
  case_id: string | null;
  payload: unknown;
  attempts: number;
  created_at: Date;
}

const PENDING = 'delivered_at IS NULL AND dead_at IS NULL';

/** Takes up to `limit` due rows of the given kinds for one lease. */
export async function claimOutbox(db: pg.Pool, o: { readonly kinds: readonly string[]; readonly now: Date; readonly leaseUntil: Date; readonly limit: number; readonly maxAttempts: number }): Promise<ClaimedOutboxRow[]> {
  if (o.kinds.length === 0) return [];
  const r = await db.query<ClaimDbRow>(
    `WITH due AS (
       SELECT id FROM outbox
       WHERE ${PENDING} AND available_at <= $1 AND kind = ANY($2::text[]) AND attempts < $4
       ORDER BY available_at, id
       LIMIT $3
       FOR UPDATE SKIP LOCKED
     )
     UPDATE outbox o SET attempts = o.attempts + 1, available_at = $5
     FROM due WHERE o.id = due.id
     RETURNING o.id::text, o.kind, o.case_id::text, o.payload, o.attempts, o.created_at`,
    [o.now, o.kinds, o.limit, o.maxAttempts, o.leaseUntil],
  );
  return r.rows
    .map((x) => ({ id: Number(x.id), kind: x.kind, caseId: x.case_id, payload: x.payload, attempt: x.attempts, createdAt: x.created_at }))
    .sort((a, b) => a.id - b.id);
}

/** False when the row was taken again after this attempt's lease ran out (the later attempt decides). */
export async function markDelivered(db: pg.Pool, row: ClaimedOutboxRow, now: Date): Promise<boolean> {
  const r = await db.query(`UPDATE outbox SET delivered_at = $3 WHERE id = $1 AND attempts = $2 AND ${PENDING}`, [row.id, row.attempt, now]);
  return r.rowCount === 1;
}

/** Records a failed attempt: due again at `retryAt`, or a dead letter when `retryAt` is null. */
export async function markFailed(db: pg.Pool, row: ClaimedOutboxRow, o: { readonly error: string; readonly now: Date; readonly retryAt: Date | null }): Promise<boolean> {
  const r = o.retryAt
    ? await db.query(`UPDATE outbox SET last_error = $3, available_at = $4 WHERE id = $1 AND attempts = $2 AND ${PENDING}`, [row.id, row.attempt, o.error, o.retryAt])
    : await db.query(`UPDATE outbox SET last_error = $3, dead_at = $4 WHERE id = $1 AND attempts = $2 AND ${PENDING}`, [row.id, row.attempt, o.error, o.now]);
  return r.rowCount === 1;
}

/** A row whose last allowed attempt never reported back (the relay died mid-send) becomes a dead letter. */
export async function deadLetterAbandoned(db: pg.Pool, now: Date, maxAttempts: number): Promise<number> {
  const r = await db.query(`UPDATE outbox SET dead_at = $1, last_error = 'LeaseExpired' WHERE ${PENDING} AND available_at <= $1 AND attempts >= $2`, [now, maxAttempts]);
  return r.rowCount ?? 0;
}

/** Kinds of due rows that no handler takes, other than those named. */
export async function kindsWaiting(db: pg.Pool, now: Date, except: readonly string[]): Promise<string[]> {
  const r = await db.query<{ kind: string }>(
    `SELECT DISTINCT kind FROM outbox WHERE ${PENDING} AND available_at <= $1 AND NOT (kind = ANY($2::text[])) ORDER BY kind`,
    [now, except],
  );
  return r.rows.map((x) => x.kind);
}

/** Hands a claimed row back untried (the relay is stopping, or no sender takes it yet): due at `dueAt`, the attempt not counted. */
export async function releaseClaim(db: pg.Pool, row: ClaimedOutboxRow, dueAt: Date): Promise<void> {
  await db.query(`UPDATE outbox SET attempts = attempts - 1, available_at = $3 WHERE id = $1 AND attempts = $2 AND ${PENDING}`, [row.id, row.attempt, dueAt]);
}
