// TOTP enrolment with a one-time code given out of band (DESIGN §7.3).
// The pending secret lives encrypted in users.totp_secret_enc while totp_enrolment_hash is still set;
// a secret counts as the second factor only once the confirming code clears the enrolment hash.
import { randomInt, timingSafeEqual } from 'node:crypto';
import type pg from 'pg';
import type { KeyRing } from '../../security/keys.js';
import { hashToken } from '../../security/tokens.js';
import { newTotpSecret, totpUri, verifyTotp } from '../../security/totp.js';
import { insertAudit } from '../../store/audit-rows.js';
import { inTransaction, type Deps } from '../deps.js';
import { revokeUserSessions } from './sessions.js';
import { failFactor, openFactorStep, passFactor, totpSecretRef, type FactorContext, type FactorFailure, type FactorOutcome } from './verify-totp.js';

export const ENROLMENT_CODE_LENGTH = 12;
export const ENROLMENT_VALID_MS = 72 * 60 * 60_000;
// No 0/O, 1/I/L: the code is read aloud or copied from paper.
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

export type EnrolmentActor = { readonly kind: 'cli'; readonly osUser: string } | { readonly kind: 'staff'; readonly userId: string };

function newEnrolmentCode(): string {
  let code = '';
  for (let i = 0; i < ENROLMENT_CODE_LENGTH; i += 1) code += ALPHABET[randomInt(ALPHABET.length)] ?? '';
  return code;
}

/** People type it with spaces, dashes or in lower case. */
function normaliseCode(code: string): string {
  return code.replace(/[\s-]/gu, '').toUpperCase();
}

// The session key with its own prefix and the user id: a hash cannot be moved to another user or mistaken for a session token.
function enrolmentHash(ring: KeyRing, userId: string, code: string): Buffer {
  return hashToken(ring, 'session', `totp-enrolment\u0000${userId}\u0000${normaliseCode(code)}`);
}

export type IssueOutcome = { ok: true; code: string; expiresAt: Date } | { ok: false; reason: 'not_found' | 'self' };

/** A new code replaces any earlier one and any secret: the user enrols again, and their sessions end. */
export async function issueEnrolmentCode(deps: Deps, userId: string, actor: EnrolmentActor): Promise<IssueOutcome> {
  if (actor.kind === 'staff' && actor.userId === userId) return { ok: false, reason: 'self' };
  return inTransaction(deps.pool, (tx) => issueEnrolmentCodeIn(tx, deps, userId, actor));
}

/** The same inside the caller's transaction, for commands that create a user or settle a two-person reset. */
export async function issueEnrolmentCodeIn(tx: pg.ClientBase, deps: Deps, userId: string, actor: EnrolmentActor): Promise<IssueOutcome> {
  if (actor.kind === 'staff' && actor.userId === userId) return { ok: false, reason: 'self' };
  const now = deps.clock.now();
  const code = newEnrolmentCode();
  const expiresAt = new Date(now.getTime() + ENROLMENT_VALID_MS);
  const r = await tx.query<{ username: string }>(
    `UPDATE users SET totp_enrolment_hash = $2, totp_enrolment_expires_at = $3, totp_secret_enc = NULL, totp_last_step = NULL
     WHERE id = $1 RETURNING username`,
    [userId, enrolmentHash(deps.ring, userId, code), expiresAt],
  );
  const user = r.rows[0];
  if (!user) return { ok: false, reason: 'not_found' };
  await revokeUserSessions(tx, userId, null, 'totp_reset', now);
  await insertAudit(tx, {
    actorKind: actor.kind,
    actorUserId: actor.kind === 'staff' ? actor.userId : null,
    actorRef: actor.kind === 'cli' ? actor.osUser : null,
    action: 'auth.totp_enrolment_issued',
    target: user.username,
  });
  return { ok: true, code, expiresAt };
}

function enrolmentCodeValid(deps: Deps, ctx: FactorContext, code: string): boolean {
  const { user } = ctx;
  if (user.enrolmentHash === null || user.enrolmentExpiresAt === null) return false;
  if (user.enrolmentExpiresAt.getTime() <= ctx.now.getTime()) return false;
  const given = enrolmentHash(deps.ring, user.id, code);
  return given.length === user.enrolmentHash.length && timingSafeEqual(given, user.enrolmentHash);
}

export type StartOutcome = { kind: 'secret'; secret: string; otpauthUri: string } | FactorFailure;

/** Step one: a valid code yields a fresh pending secret (asking again replaces it, e.g. after a lost QR code). */
export async function startEnrolment(deps: Deps, input: { sessionId: string; enrolmentCode: string; ip: string }): Promise<StartOutcome> {
  return inTransaction(deps.pool, async (tx): Promise<StartOutcome> => {
    const opened = await openFactorStep(tx, deps, input.sessionId, 'enrol', input.ip);
    if (opened.kind !== 'ready') return opened;
    const { ctx } = opened;
    if (!enrolmentCodeValid(deps, ctx, input.enrolmentCode)) return failFactor(tx, deps, ctx, 'auth.enrolment_failed');
    const secret = newTotpSecret();
    await tx.query('UPDATE users SET totp_secret_enc = $2, totp_last_step = NULL WHERE id = $1', [ctx.user.id, deps.cipher.encrypt(totpSecretRef(ctx.user.id), secret)]);
    await insertAudit(tx, { actorKind: 'staff', actorUserId: ctx.user.id, action: 'auth.totp_enrol_started', target: ctx.user.username });
    return { kind: 'secret', secret, otpauthUri: totpUri(secret, ctx.user.username) };
  });
}

export type ConfirmOutcome = FactorOutcome | { kind: 'enrolment_code_failed' } | { kind: 'no_pending_secret' };

/** Step two: the code again plus a TOTP from the new secret; only now is the enrolment code consumed. */
export async function confirmEnrolment(
  deps: Deps,
  input: { sessionId: string; enrolmentCode: string; code: string; ip: string },
): Promise<ConfirmOutcome> {
  return inTransaction(deps.pool, async (tx): Promise<ConfirmOutcome> => {
    const opened = await openFactorStep(tx, deps, input.sessionId, 'enrol', input.ip);
    if (opened.kind !== 'ready') return opened;
    const { ctx } = opened;
    if (!enrolmentCodeValid(deps, ctx, input.enrolmentCode)) {
      const failed = await failFactor(tx, deps, ctx, 'auth.enrolment_failed');
      // The person must learn which of the two codes was wrong.
      return failed.kind === 'failed' ? { kind: 'enrolment_code_failed' } : failed;
    }
    if (ctx.user.totpSecretEnc === null) return { kind: 'no_pending_secret' };
    const secret = deps.cipher.decryptText(totpSecretRef(ctx.user.id), ctx.user.totpSecretEnc);
    const result = verifyTotp(secret, input.code, ctx.now.getTime(), null);
    if (!result.ok) return failFactor(tx, deps, ctx, 'auth.totp_failed');
    await tx.query(
      'UPDATE users SET totp_last_step = $2, totp_enrolment_hash = NULL, totp_enrolment_expires_at = NULL WHERE id = $1',
      [ctx.user.id, result.step],
    );
    return passFactor(tx, deps, ctx, input.sessionId, 'auth.totp_enrolled');
  });
}
