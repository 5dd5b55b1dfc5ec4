// A staff member changes their password (DESIGN §7.3): other sessions end, this one rotates and is fully signed in.
import { checkPasswordPolicy, type PasswordProblem } from '../../security/password.js';
import { insertAudit } from '../../store/audit-rows.js';
import { inTransaction, type Deps } from '../deps.js';
import { clearFailures, releaseAttempt, reserveAttempt, retryAfterSeconds, type LoginClient } from './lockout.js';
import { lockSession, revokeUserSessions, rotateSession, type IssuedSession } from './sessions.js';

export type NewPasswordProblem = PasswordProblem | 'same_as_current';

export type ChangePasswordOutcome =
  | { kind: 'ok'; session: IssuedSession }
  | { kind: 'wrong_current' }
  | { kind: 'weak'; problems: NewPasswordProblem[] }
  | { kind: 'locked'; retryAfterSeconds: number }
  | { kind: 'wrong_stage' };

export interface ChangePasswordInput {
  readonly sessionId: string;
  readonly userId: string;
  readonly currentPassword: string;
  readonly newPassword: string;
  readonly ip: string;
}

interface UserRow {
  username: string;
  display_name: string;
  password_hash: string;
}

export async function changePassword(deps: Deps, input: ChangePasswordInput): Promise<ChangePasswordOutcome> {
  const now = deps.clock.now();
  const user = (await deps.pool.query<UserRow>('SELECT username, display_name, password_hash FROM users WHERE id = $1', [input.userId])).rows[0];
  if (!user) return { kind: 'wrong_stage' };
  const client: LoginClient = { username: user.username, ip: input.ip };
  const actor = { actorKind: 'staff', actorUserId: input.userId, target: user.username } as const;

  // A stolen session must not become a way to guess the password: the sign-in bucket applies here too.
  const reserved = await reserveAttempt(deps.pool, deps.ring, client, now, user.username);
  if (reserved.kind === 'locked') return { kind: 'locked', retryAfterSeconds: reserved.retryAfterSeconds };
  if (!(await deps.passwords.verify(user.password_hash, input.currentPassword))) {
    await inTransaction(deps.pool, async (tx) => {
      await insertAudit(tx, { ...actor, action: 'auth.password_change_failed' });
      if (reserved.lockedUntil !== null) await insertAudit(tx, { ...actor, action: 'auth.locked' });
    });
    return reserved.lockedUntil === null ? { kind: 'wrong_current' } : { kind: 'locked', retryAfterSeconds: retryAfterSeconds(reserved.lockedUntil, now) };
  }

  const problems: NewPasswordProblem[] = checkPasswordPolicy(input.newPassword, { username: user.username, displayName: user.display_name });
  if (input.newPassword === input.currentPassword) problems.push('same_as_current');
  if (problems.length > 0) {
    await inTransaction(deps.pool, (tx) => releaseAttempt(tx, deps.ring, client));
    return { kind: 'weak', problems };
  }
  const newHash = await deps.passwords.hash(input.newPassword);

  return inTransaction(deps.pool, async (tx): Promise<ChangePasswordOutcome> => {
    const session = await lockSession(tx, input.sessionId, ['password_change', 'authenticated']);
    if (!session || session.userId !== input.userId) return { kind: 'wrong_stage' };
    // The hash we verified must still be the current one; a concurrent change wins and this one is refused.
    const updated = await tx.query(
      'UPDATE users SET password_hash = $3, must_change_password = false, password_changed_at = $4 WHERE id = $1 AND password_hash = $2',
      [input.userId, user.password_hash, newHash, now],
    );
    if (updated.rowCount !== 1) return { kind: 'wrong_current' };
    await revokeUserSessions(tx, input.userId, input.sessionId, 'password_changed', now);
    await clearFailures(tx, deps.ring, client);
    const issued = await rotateSession(tx, deps, input.sessionId, 'authenticated');
    await insertAudit(tx, { ...actor, action: 'auth.password_changed' });
    return { kind: 'ok', session: issued };
  });
}
