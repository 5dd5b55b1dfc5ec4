// Admission of one public write in one round trip: the client's rate-limit hit, the single use of
// its proof-of-work challenge, and — only when both pass — the next case number of the year.
import type pg from 'pg';

export interface AdmissionRequest {
  /** keyed hash of (bucket, client); null when the caller already counted this request */
  readonly rateBucket: Buffer | null;
  readonly rateLimit: number;
  /** keyed hash of the verified challenge; null when proof-of-work is off */
  readonly powKey: Buffer | null;
  readonly powExpiresAt: Date | null;
  readonly sequence: string;
  readonly now: Date;
}

export type Admission = { kind: 'admitted'; number: bigint } | { kind: 'rate_limited'; retryAfterSeconds: number } | { kind: 'pow_spent' };

const ADMIT_SQL = `
WITH rl AS (
  INSERT INTO rate_limits (bucket, window_start, hits) SELECT $1::bytea, $2, 1 WHERE $1::bytea IS NOT NULL
  ON CONFLICT (bucket, window_start) DO UPDATE SET hits = rate_limits.hits + 1 RETURNING hits
), pw AS (
  INSERT INTO pow_spent (challenge_hash, expires_at) SELECT $4::bytea, $5 WHERE $4::bytea IS NOT NULL
  ON CONFLICT DO NOTHING RETURNING 1
), v AS (
  SELECT coalesce((SELECT hits FROM rl), 0) AS hits, (SELECT count(*) FROM pw)::int AS spent
)
SELECT v.hits, v.spent,
  CASE WHEN v.hits <= $3 AND ($4::bytea IS NULL OR v.spent = 1) THEN nextval($6::regclass)::text END AS n
FROM v`;

const WINDOW_MS = 60_000;

/** Runs on the guard pool: counters commit without waiting for the disk; nextval is not transactional. */
export async function admit(db: pg.Pool, a: AdmissionRequest): Promise<Admission> {
  const start = new Date(Math.floor(a.now.getTime() / WINDOW_MS) * WINDOW_MS);
  const r = await db.query<{ hits: number; spent: number; n: string | null }>({ name: 'admit', text: ADMIT_SQL, values: [a.rateBucket, start, a.rateLimit, a.powKey, a.powExpiresAt, a.sequence] });
  const row = r.rows[0];
  if (row?.n != null) return { kind: 'admitted', number: BigInt(row.n) };
  if (row && row.hits > a.rateLimit) return { kind: 'rate_limited', retryAfterSeconds: Math.max(1, Math.ceil((start.getTime() + WINDOW_MS - a.now.getTime()) / 1000)) };
  return { kind: 'pow_spent' };
}
