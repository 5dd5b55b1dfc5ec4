// Sign-in lockout per (username, client) with progressive delay (DESIGN §7.3); TOTP and enrolment failures share the bucket.
import type pg from 'pg';
import type { KeyRing } from '../../security/keys.js';
import { hashToken } from '../../security/tokens.js';
import { insertAudit } from '../../store/audit-rows.js';

type Db = pg.ClientBase | pg.Pool;

/** Failures allowed before the first delay. */
export const FREE_FAILURES = 5;
const MAX_DELAY_MINUTES = 60;

export interface LoginClient {
  /** As typed; compared case-insensitively like the users_username_key index. */
  readonly username: string;
  readonly ip: string;
}

export function normaliseUsername(username: string): string {
  return username.normalize('NFC').trim().toLowerCase();
}

/** A keyed hash, so the table never holds a client address. */
export function loginBucket(ring: KeyRing, client: LoginClient): Buffer {
  return hashToken(ring, 'rate-limit', `login\u0000${normaliseUsername(client.username)}\u0000${client.ip}`);
}

export type LockState = { locked: false } | { locked: true; retryAfterSeconds: number };

export async function lockStateOf(db: Db, bucket: Buffer, now: Date): Promise<LockState> {
  const r = await db.query<{ locked_until: Date | null }>('SELECT locked_until FROM login_failures WHERE bucket = $1', [bucket]);
  const until = r.rows[0]?.locked_until ?? null;
  if (until === null || until.getTime() <= now.getTime()) return { locked: false };
  return { locked: true, retryAfterSeconds: retryAfterSeconds(until, now) };
}

/** 1, 2, 4 … minutes after the 5th, 6th, 7th … failure, never more than an hour. */
export function delayMinutes(failures: number): number {
  if (failures < FREE_FAILURES) return 0;
  return Math.min(2 ** (failures - FREE_FAILURES), MAX_DELAY_MINUTES);
}

export interface FailureOutcome {
  readonly failures: number;
  readonly lockedUntil: Date | null;
}

export function retryAfterSeconds(until: Date, now: Date): number {
  return Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));
}

/** Counts one failure inside the caller's transaction and audits the lock it may start. */
export async function recordFailure(
  tx: pg.ClientBase,
  ring: KeyRing,
  client: LoginClient,
  now: Date,
  user: { readonly id: string; readonly username: string } | null,
): Promise<FailureOutcome> {
  const bucket = loginBucket(ring, client);
  const r = await tx.query<{ failures: number }>(
    `INSERT INTO login_failures (bucket, username, failures, locked_until, last_failure_at) VALUES ($1, $2, 1, NULL, $3)
     ON CONFLICT (bucket) DO UPDATE SET failures = login_failures.failures + 1, last_failure_at = EXCLUDED.last_failure_at
     RETURNING failures`,
    [bucket, user ? normaliseUsername(user.username) : '', now],
  );
  const failures = r.rows[0]?.failures ?? 1;
  const minutes = delayMinutes(failures);
  if (minutes === 0) return { failures, lockedUntil: null };
  const lockedUntil = new Date(now.getTime() + minutes * 60_000);
  await tx.query('UPDATE login_failures SET locked_until = $2 WHERE bucket = $1', [bucket, lockedUntil]);
  // The audit row is the hook for the alert on the account; unknown usernames get no target, like auth.login_failed.
  await insertAudit(tx, { actorKind: 'staff', actorUserId: user?.id ?? null, action: 'auth.locked', target: user?.username ?? null });
  return { failures, lockedUntil };
}

export type Reservation = { kind: 'reserved'; lockedUntil: Date | null } | { kind: 'locked'; retryAfterSeconds: number };

/**
 * Counts a password attempt as a failure before its slow check, in one statement: parallel guesses
 * serialise on the bucket row, and an attempt that finds the bucket locked is refused uncounted.
 * The attempt that reaches the limit starts the lock itself. Only a known username is stored.
 */
export async function reserveAttempt(db: Db, ring: KeyRing, client: LoginClient, now: Date, knownUsername: string | null): Promise<Reservation> {
  const bucket = loginBucket(ring, client);
  const r = await db.query<{ locked_until: Date | null }>(
    `INSERT INTO login_failures (bucket, username, failures, locked_until, last_failure_at)
     VALUES ($1, $2, 1, CASE WHEN 1 >= $4::int THEN $3::timestamptz + make_interval(mins => 1) END, $3)
     ON CONFLICT (bucket) DO UPDATE SET failures = login_failures.failures + 1, last_failure_at = $3,
       locked_until = CASE WHEN login_failures.failures + 1 >= $4::int
         THEN $3::timestamptz + make_interval(mins => LEAST(power(2, login_failures.failures + 1 - $4::int)::int, $5::int)) END
     WHERE login_failures.locked_until IS NULL OR login_failures.locked_until <= $3::timestamptz
     RETURNING locked_until`,
    [bucket, knownUsername ?? '', now, FREE_FAILURES, MAX_DELAY_MINUTES],
  );
  const row = r.rows[0];
  if (row) return { kind: 'reserved', lockedUntil: row.locked_until };
  const state = await lockStateOf(db, bucket, now);
  return { kind: 'locked', retryAfterSeconds: state.locked ? state.retryAfterSeconds : 1 };
}

/** A right password with a factor still to come: the reserved attempt was not a failure after all. */
export async function releaseAttempt(tx: pg.ClientBase, ring: KeyRing, client: LoginClient): Promise<void> {
  await tx.query(
    `UPDATE login_failures SET failures = GREATEST(failures - 1, 0),
       locked_until = CASE WHEN failures - 1 >= $2 THEN locked_until END
     WHERE bucket = $1`,
    [loginBucket(ring, client), FREE_FAILURES],
  );
}

export async function clearFailures(tx: pg.ClientBase, ring: KeyRing, client: LoginClient): Promise<void> {
  await tx.query('DELETE FROM login_failures WHERE bucket = $1', [loginBucket(ring, client)]);
}
