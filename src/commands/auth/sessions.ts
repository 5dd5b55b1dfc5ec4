// Staff session rows (DESIGN §7.3): random tokens stored only as keyed hashes, rotation, idle and absolute limits.
import type pg from 'pg';
import type { KeyRing } from '../../security/keys.js';
import { hashToken, randomToken } from '../../security/tokens.js';
import { insertAudit } from '../../store/audit-rows.js';
import { inTransaction, type Deps } from '../deps.js';
import { uuidv7 } from '../ids.js';

export const SESSION_STAGES = ['totp', 'enrol', 'password_change', 'authenticated'] as const;
export type SessionStage = (typeof SESSION_STAGES)[number];

export const IDLE_TIMEOUT_MS = 30 * 60_000;
export const ABSOLUTE_LIFETIME_MS = 12 * 60 * 60_000;
// Our tokens are 43 characters; anything much longer is not ours and is not worth hashing.
const MAX_TOKEN_LENGTH = 128;

/** What a request learns about its signed-in (or half signed-in) user. */
export interface StaffSession {
  readonly id: string;
  readonly userId: string;
  readonly stage: SessionStage;
  readonly username: string;
  readonly displayName: string;
  readonly policeNumber: string | null;
  readonly rank: string | null;
  readonly unit: { readonly id: string; readonly code: string; readonly name: string };
  /** Active role grants, sorted. */
  readonly roles: readonly string[];
}

/** A fresh token for the cookie; the row holds only its hash. */
export interface IssuedSession {
  readonly id: string;
  readonly token: string;
  readonly csrfToken: string;
  readonly stage: SessionStage;
}

export function sessionTokenHash(ring: KeyRing, token: string): Buffer {
  return hashToken(ring, 'session', token);
}

/** Bound to the session id, so a token from another session (or an earlier one) never matches. */
export function csrfTokenFor(ring: KeyRing, sessionId: string): string {
  return hashToken(ring, 'csrf', sessionId).toString('base64url');
}

export function stageAfterSecondFactor(mustChangePassword: boolean): SessionStage {
  return mustChangePassword ? 'password_change' : 'authenticated';
}

async function insertSession(tx: pg.ClientBase, deps: Deps, userId: string, stage: SessionStage, createdAt: Date, expiresAt: Date): Promise<IssuedSession> {
  const now = deps.clock.now();
  const id = uuidv7(now.getTime());
  const token = randomToken(32);
  await tx.query(
    `INSERT INTO sessions (id, token_hash, user_id, stage, created_at, last_active_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [id, sessionTokenHash(deps.ring, token), userId, stage, createdAt, now, expiresAt],
  );
  return { id, token, csrfToken: csrfTokenFor(deps.ring, id), stage };
}

export async function createSession(tx: pg.ClientBase, deps: Deps, userId: string, stage: SessionStage): Promise<IssuedSession> {
  const now = deps.clock.now();
  return insertSession(tx, deps, userId, stage, now, new Date(now.getTime() + ABSOLUTE_LIFETIME_MS));
}

/** A new row and token (hence a new CSRF token) that keeps the absolute deadline; the old token dies. */
export async function rotateSession(tx: pg.ClientBase, deps: Deps, sessionId: string, stage: SessionStage): Promise<IssuedSession> {
  const old = await tx.query<{ user_id: string; created_at: Date; expires_at: Date }>(
    `UPDATE sessions SET revoked_at = $2, revoked_reason = 'rotated' WHERE id = $1 AND revoked_at IS NULL RETURNING user_id, created_at, expires_at`,
    [sessionId, deps.clock.now()],
  );
  const row = old.rows[0];
  if (!row) throw new Error('session vanished while it was locked');
  return insertSession(tx, deps, row.user_id, stage, row.created_at, row.expires_at);
}

/** Locks a live session row for a step that changes it; null when it is gone or at another stage. */
export async function lockSession(tx: pg.ClientBase, sessionId: string, stages: readonly SessionStage[]): Promise<{ userId: string; stage: SessionStage } | null> {
  const r = await tx.query<{ user_id: string; stage: SessionStage }>('SELECT user_id, stage FROM sessions WHERE id = $1 AND revoked_at IS NULL FOR UPDATE', [sessionId]);
  const row = r.rows[0];
  if (!row || !stages.includes(row.stage)) return null;
  return { userId: row.user_id, stage: row.stage };
}

export async function revokeSession(tx: pg.ClientBase, sessionId: string, reason: string, now: Date): Promise<boolean> {
  const r = await tx.query('UPDATE sessions SET revoked_at = $2, revoked_reason = $3 WHERE id = $1 AND revoked_at IS NULL', [sessionId, now, reason]);
  return r.rowCount === 1;
}

export async function revokeSessionByToken(tx: pg.ClientBase, ring: KeyRing, token: string, reason: string, now: Date): Promise<void> {
  if (token.length > MAX_TOKEN_LENGTH) return;
  await tx.query('UPDATE sessions SET revoked_at = $2, revoked_reason = $3 WHERE token_hash = $1 AND revoked_at IS NULL', [sessionTokenHash(ring, token), now, reason]);
}

/** Every live session of the user except keepId (null: all of them). */
export async function revokeUserSessions(tx: pg.ClientBase, userId: string, keepId: string | null, reason: string, now: Date): Promise<number> {
  const r = await tx.query(
    'UPDATE sessions SET revoked_at = $3, revoked_reason = $4 WHERE user_id = $1 AND revoked_at IS NULL AND ($2::uuid IS NULL OR id <> $2::uuid)',
    [userId, keepId, now, reason],
  );
  return r.rowCount ?? 0;
}

interface SessionDbRow {
  id: string;
  user_id: string;
  stage: SessionStage;
  last_active_at: Date;
  expires_at: Date;
  active: boolean;
  username: string;
  display_name: string;
  police_number: string | null;
  rank: string | null;
  unit_id: string;
  unit_code: string;
  unit_name: string;
  roles: string[];
}

const LOAD_SQL = `SELECT s.id, s.user_id, s.stage, s.last_active_at, s.expires_at, u.active, u.username, u.display_name, u.police_number, u.rank,
    n.id AS unit_id, n.code AS unit_code, n.name AS unit_name,
    COALESCE((SELECT array_agg(g.role ORDER BY g.role) FROM role_grants g WHERE g.user_id = u.id AND g.revoked_at IS NULL), '{}') AS roles
  FROM sessions s JOIN users u ON u.id = s.user_id JOIN units n ON n.id = u.unit_id
  WHERE s.token_hash = $1 AND s.revoked_at IS NULL`;

type EndReason = 'idle' | 'absolute' | 'deactivated';

function endReasonOf(row: SessionDbRow, now: Date): EndReason | null {
  if (!row.active) return 'deactivated';
  if (now.getTime() >= row.expires_at.getTime()) return 'absolute';
  if (now.getTime() - row.last_active_at.getTime() >= IDLE_TIMEOUT_MS) return 'idle';
  return null;
}

async function endSession(deps: Deps, row: SessionDbRow, reason: EndReason, now: Date): Promise<void> {
  await inTransaction(deps.pool, async (tx) => {
    // A deactivated user loses every session, not just the one that happened to call.
    const ended = reason === 'deactivated' ? (await revokeUserSessions(tx, row.user_id, null, reason, now)) > 0 : await revokeSession(tx, row.id, reason, now);
    // A concurrent request may have ended it first; one audit row is enough.
    if (ended) {
      const action = reason === 'deactivated' ? 'auth.session_revoked' : 'auth.session_expired';
      await insertAudit(tx, { actorKind: 'system', actorUserId: row.user_id, action, target: row.username });
    }
  });
}

/** The live session behind a cookie, or null; sessions past a limit or of a deactivated user are revoked here. */
export async function loadSession(deps: Deps, token: string): Promise<StaffSession | null> {
  if (token.length === 0 || token.length > MAX_TOKEN_LENGTH) return null;
  const row = (await deps.pool.query<SessionDbRow>(LOAD_SQL, [sessionTokenHash(deps.ring, token)])).rows[0];
  if (!row) return null;
  const now = deps.clock.now();
  const reason = endReasonOf(row, now);
  if (reason !== null) {
    await endSession(deps, row, reason, now);
    return null;
  }
  return {
    id: row.id,
    userId: row.user_id,
    stage: row.stage,
    username: row.username,
    displayName: row.display_name,
    policeNumber: row.police_number,
    rank: row.rank,
    unit: { id: row.unit_id, code: row.unit_code, name: row.unit_name },
    roles: row.roles,
  };
}

/** Only user-initiated requests extend the idle window; background polls never call this. */
export async function touchSession(deps: Deps, sessionId: string): Promise<void> {
  await deps.pool.query('UPDATE sessions SET last_active_at = GREATEST(last_active_at, $2) WHERE id = $1 AND revoked_at IS NULL', [sessionId, deps.clock.now()]);
}
