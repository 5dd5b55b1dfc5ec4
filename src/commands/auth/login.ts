// The password step of staff sign-in (DESIGN §7.3): same work and same answer for unknown users, lockout, a new session.
import { insertAudit } from '../../store/audit-rows.js';
import { inTransaction, type Deps } from '../deps.js';
import { clearFailures, releaseAttempt, reserveAttempt, retryAfterSeconds, type LoginClient } from './lockout.js';
import { createSession, revokeSessionByToken, stageAfterSecondFactor, type IssuedSession, type SessionStage } from './sessions.js';

export interface LoginInput {
  readonly username: string;
  readonly password: string;
  readonly ip: string;
  /** The session cookie the browser presented, if any: it is revoked on success. */
  readonly presentedToken: string | null;
  readonly require2fa: boolean;
  /** Demo accounts (totp_required false) skip 2FA only where the demo switches are allowed. */
  readonly exemptAccountsAllowed: boolean;
  /** 0: passwords never expire. */
  readonly passwordMaxAgeDays: number;
}

export type LoginOutcome = { kind: 'ok'; session: IssuedSession } | { kind: 'failed' } | { kind: 'locked'; retryAfterSeconds: number };

interface LoginUserRow {
  id: string;
  username: string;
  password_hash: string;
  active: boolean;
  must_change_password: boolean;
  totp_required: boolean;
  has_totp: boolean;
}

// A secret with an outstanding enrolment code is pending (not yet confirmed), so it does not count as a second factor.
// A password older than the configured age must be changed like a first one ($2 null: no expiry).
const USER_SQL = `SELECT id, username, password_hash, active, totp_required,
    must_change_password OR coalesce(coalesce(password_changed_at, created_at) < $2::timestamptz, false) AS must_change_password,
    (totp_secret_enc IS NOT NULL AND totp_enrolment_hash IS NULL) AS has_totp
  FROM users WHERE lower(username) = lower($1)`;

function firstStage(user: LoginUserRow, require2fa: boolean, exemptAllowed: boolean): SessionStage {
  if (user.has_totp) return 'totp';
  // totp_required is false only for demo accounts; ZHITONG_REQUIRE_2FA=off lifts the requirement for everyone.
  if (require2fa && (user.totp_required || !exemptAllowed)) return 'enrol';
  return stageAfterSecondFactor(user.must_change_password);
}

export async function login(deps: Deps, input: LoginInput): Promise<LoginOutcome> {
  const now = deps.clock.now();
  const client: LoginClient = { username: input.username, ip: input.ip };
  const expiredBefore = input.passwordMaxAgeDays > 0 ? new Date(now.getTime() - input.passwordMaxAgeDays * 86_400_000) : null;
  const user = (await deps.pool.query<LoginUserRow>(USER_SQL, [input.username.normalize('NFC').trim(), expiredBefore])).rows[0] ?? null;
  const known = user === null ? null : { id: user.id, username: user.username };
  const failedAudit = { actorKind: 'staff', actorUserId: known?.id ?? null, action: 'auth.login_failed', target: known?.username ?? null } as const;

  // The attempt is counted before the slow check; a locked bucket refuses even the right password.
  const reserved = await reserveAttempt(deps.pool, deps.ring, client, now, known?.username ?? null);
  if (reserved.kind === 'locked') {
    await insertAudit(deps.pool, failedAudit);
    return { kind: 'locked', retryAfterSeconds: reserved.retryAfterSeconds };
  }

  // Inactive users pay for and fail exactly like a wrong password.
  const verified = await deps.passwords.verify(user?.password_hash ?? null, input.password);
  if (!verified || user === null || !user.active) {
    await inTransaction(deps.pool, async (tx) => {
      await insertAudit(tx, failedAudit);
      // The audit row of a lock is the hook for the alert on the account.
      if (reserved.lockedUntil !== null) await insertAudit(tx, { actorKind: 'staff', actorUserId: known?.id ?? null, action: 'auth.locked', target: known?.username ?? null });
    });
    return reserved.lockedUntil === null ? { kind: 'failed' } : { kind: 'locked', retryAfterSeconds: retryAfterSeconds(reserved.lockedUntil, now) };
  }

  const stage = firstStage(user, input.require2fa, input.exemptAccountsAllowed);
  const session = await inTransaction(deps.pool, async (tx) => {
    if (input.presentedToken !== null) await revokeSessionByToken(tx, deps.ring, input.presentedToken, 'replaced', now);
    // An expired password is remembered as one to change, so the second-factor step leads there too.
    if (user.must_change_password) await tx.query('UPDATE users SET must_change_password = true WHERE id = $1 AND NOT must_change_password', [user.id]);
    // The bucket resets only once every factor is in; otherwise re-entering the password would reset the TOTP count.
    if (stage === 'password_change' || stage === 'authenticated') await clearFailures(tx, deps.ring, client);
    else await releaseAttempt(tx, deps.ring, client);
    const issued = await createSession(tx, deps, user.id, stage);
    await insertAudit(tx, { actorKind: 'staff', actorUserId: user.id, action: 'auth.login', target: user.username });
    return issued;
  });
  return { kind: 'ok', session };
}
