// Counters that protect the public endpoints, kept in PostgreSQL so every node shares them.
import type pg from 'pg';

export interface RateDecision {
  readonly allowed: boolean;
  readonly retryAfterSeconds: number;
  readonly hits: number;
}

/** Fixed one-minute windows keyed by a keyed hash of (bucket, client): no address is stored. */
export async function hitRateLimit(db: pg.Pool, bucket: Buffer, limit: number, now: Date, windowMs = 60_000): Promise<RateDecision> {
  // The submit path counts inside its admission statement (store/admission.ts); this serves the rest.
  const start = new Date(Math.floor(now.getTime() / windowMs) * windowMs);
  const r = await db.query<{ hits: number }>(
    `INSERT INTO rate_limits (bucket, window_start, hits) VALUES ($1, $2, 1)
     ON CONFLICT (bucket, window_start) DO UPDATE SET hits = rate_limits.hits + 1 RETURNING hits`,
    [bucket, start],
  );
  const hits = r.rows[0]?.hits ?? 1;
  const retry = Math.max(1, Math.ceil((start.getTime() + windowMs - now.getTime()) / 1000));
  return { allowed: hits <= limit, retryAfterSeconds: retry, hits };
}

/** Hits so far in the current window, without counting one more. */
export async function hitsInWindow(db: pg.Pool, bucket: Buffer, now: Date, windowMs = 60_000): Promise<number> {
  const start = new Date(Math.floor(now.getTime() / windowMs) * windowMs);
  const r = await db.query<{ hits: number }>('SELECT hits FROM rate_limits WHERE bucket = $1 AND window_start = $2', [bucket, start]);
  return r.rows[0]?.hits ?? 0;
}

/** A proof-of-work challenge counts once; false means it was already spent. */
export async function spendChallenge(db: pg.Pool, key: Buffer, expiresAt: Date): Promise<boolean> {
  const r = await db.query('INSERT INTO pow_spent (challenge_hash, expires_at) VALUES ($1, $2) ON CONFLICT DO NOTHING', [key, expiresAt]);
  return r.rowCount === 1;
}

/** Adds an upload's size to a quota window; false when it would exceed the limit (then nothing is added). */
export async function chargeQuota(db: pg.Pool, bucket: Buffer, kib: number, limitKib: number, now: Date, windowMs: number): Promise<boolean> {
  const start = new Date(Math.floor(now.getTime() / windowMs) * windowMs);
  const r = await db.query(
    `INSERT INTO upload_quotas (bucket, window_start, kib) SELECT $1::bytea, $2::timestamptz, $3::int WHERE $3::int <= $4::int
     ON CONFLICT (bucket, window_start) DO UPDATE SET kib = upload_quotas.kib + EXCLUDED.kib
     WHERE upload_quotas.kib + EXCLUDED.kib <= $4::int`,
    [bucket, start, kib, limitKib],
  );
  return r.rowCount === 1;
}

/** Old windows and spent challenges go once they can no longer matter. */
export async function pruneGuards(db: pg.Pool, now: Date): Promise<void> {
  await db.query('DELETE FROM rate_limits WHERE window_start < $1', [new Date(now.getTime() - 10 * 60_000)]);
  await db.query('DELETE FROM pow_spent WHERE expires_at < $1', [now]);
  await db.query('DELETE FROM idempotency_keys WHERE expires_at < $1', [now]);
  await db.query('DELETE FROM upload_quotas WHERE window_start < $1', [new Date(now.getTime() - 2 * 24 * 60 * 60_000)]);
  // A WeChat push older than five minutes is refused by its timestamp; its replay key is no longer needed.
  await db.query('DELETE FROM wechat_push_replay WHERE seen_at < $1', [new Date(now.getTime() - 60 * 60_000)]);
  // A PBX event is signed with a timestamp the verifier accepts for five minutes; a day later its id cannot come back.
  await db.query('DELETE FROM cti_events WHERE received_at < $1', [new Date(now.getTime() - 24 * 60 * 60_000)]);
}
