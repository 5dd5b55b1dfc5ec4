// The TOTP step of staff sign-in (DESIGN §7.3): single-use codes, failures count toward lockout, the session rotates.
import type pg from 'pg';
import { verifyTotp } from '../../security/totp.js';
import { insertAudit } from '../../store/audit-rows.js';
import { inTransaction, type Deps } from '../deps.js';
import { clearFailures, lockStateOf, loginBucket, recordFailure, retryAfterSeconds, type LoginClient } from './lockout.js';
import { lockSession, rotateSession, stageAfterSecondFactor, type IssuedSession, type SessionStage } from './sessions.js';

export type FactorFailure = { kind: 'failed' } | { kind: 'locked'; retryAfterSeconds: number } | { kind: 'wrong_stage' };
export type FactorOutcome = { kind: 'ok'; session: IssuedSession } | FactorFailure;

export interface FactorUser {
  readonly id: string;
  readonly username: string;
  readonly mustChangePassword: boolean;
  readonly totpSecretEnc: Buffer | null;
  readonly totpLastStep: number | null;
  readonly enrolmentHash: Buffer | null;
  readonly enrolmentExpiresAt: Date | null;
}

export interface FactorContext {
  readonly user: FactorUser;
  readonly client: LoginClient;
  readonly now: Date;
}

interface FactorUserRow {
  id: string;
  username: string;
  must_change_password: boolean;
  totp_secret_enc: Buffer | null;
  totp_last_step: number | null;
  totp_enrolment_hash: Buffer | null;
  totp_enrolment_expires_at: Date | null;
}

export function totpSecretRef(userId: string) {
  return { table: 'users', column: 'totp_secret_enc', rowId: userId };
}

/** Locks the session (at the given stage) and its user, and refuses a locked bucket before any code is checked. */
export async function openFactorStep(
  tx: pg.ClientBase,
  deps: Deps,
  sessionId: string,
  stage: SessionStage,
  ip: string,
): Promise<{ kind: 'ready'; ctx: FactorContext } | { kind: 'wrong_stage' } | { kind: 'locked'; retryAfterSeconds: number }> {
  const session = await lockSession(tx, sessionId, [stage]);
  if (!session) return { kind: 'wrong_stage' };
  const row = (
    await tx.query<FactorUserRow>(
      `SELECT id, username, must_change_password, totp_secret_enc, totp_last_step, totp_enrolment_hash, totp_enrolment_expires_at
       FROM users WHERE id = $1 FOR UPDATE`,
      [session.userId],
    )
  ).rows[0];
  if (!row) throw new Error('session user vanished');
  const now = deps.clock.now();
  const client: LoginClient = { username: row.username, ip };
  const lock = await lockStateOf(tx, loginBucket(deps.ring, client), now);
  if (lock.locked) return { kind: 'locked', retryAfterSeconds: lock.retryAfterSeconds };
  const user: FactorUser = {
    id: row.id,
    username: row.username,
    mustChangePassword: row.must_change_password,
    totpSecretEnc: row.totp_secret_enc,
    totpLastStep: row.totp_last_step,
    enrolmentHash: row.totp_enrolment_hash,
    enrolmentExpiresAt: row.totp_enrolment_expires_at,
  };
  return { kind: 'ready', ctx: { user, client, now } };
}

/** Counts a failed code in the sign-in bucket; committed with its audit row although the step fails. */
export async function failFactor(tx: pg.ClientBase, deps: Deps, ctx: FactorContext, action: string): Promise<FactorFailure> {
  const outcome = await recordFailure(tx, deps.ring, ctx.client, ctx.now, ctx.user);
  await insertAudit(tx, { actorKind: 'staff', actorUserId: ctx.user.id, action, target: ctx.user.username });
  return outcome.lockedUntil === null ? { kind: 'failed' } : { kind: 'locked', retryAfterSeconds: retryAfterSeconds(outcome.lockedUntil, ctx.now) };
}

/** Every factor is in: the bucket resets and the session gets a new token at its next stage. */
export async function passFactor(tx: pg.ClientBase, deps: Deps, ctx: FactorContext, sessionId: string, action: string): Promise<FactorOutcome> {
  await clearFailures(tx, deps.ring, ctx.client);
  const session = await rotateSession(tx, deps, sessionId, stageAfterSecondFactor(ctx.user.mustChangePassword));
  await insertAudit(tx, { actorKind: 'staff', actorUserId: ctx.user.id, action, target: ctx.user.username });
  return { kind: 'ok', session };
}

export async function verifyTotpStep(deps: Deps, input: { sessionId: string; code: string; ip: string }): Promise<FactorOutcome> {
  return inTransaction(deps.pool, async (tx) => {
    const opened = await openFactorStep(tx, deps, input.sessionId, 'totp', input.ip);
    if (opened.kind !== 'ready') return opened;
    const { ctx } = opened;
    const { user } = ctx;
    // A secret with an outstanding enrolment code is pending: it was never confirmed, so it cannot sign in.
    const secret = user.totpSecretEnc !== null && user.enrolmentHash === null ? deps.cipher.decryptText(totpSecretRef(user.id), user.totpSecretEnc) : null;
    const result = secret === null ? { ok: false as const } : verifyTotp(secret, input.code, ctx.now.getTime(), user.totpLastStep);
    if (!result.ok) return failFactor(tx, deps, ctx, 'auth.totp_failed');
    // Storing the step makes this code, and every earlier one, unusable.
    await tx.query('UPDATE users SET totp_last_step = $2 WHERE id = $1', [user.id, result.step]);
    return passFactor(tx, deps, ctx, input.sessionId, 'auth.totp');
  });
}
