// Deactivation and unlocking of staff accounts by the secadmin (DESIGN §7.3). Deactivation ends every
// session of the user in the same transaction and lapses what was waiting for them; nothing is deleted.
import { accountRefusal } from '../../domain/admin-rules.js';
import { revokeUserSessions } from '../auth/sessions.js';
import { inTransaction, type Deps } from '../deps.js';
import { grantRefused } from './role-grants.js';
import { auditAdmin, lockTargetUser, refuse, requireAdmin, type AdminActor } from './support.js';

export async function deactivateUser(deps: Deps, actor: AdminActor, userId: string): Promise<{ sessionsRevoked: number }> {
  requireAdmin(actor, 'secadmin');
  return inTransaction(deps.pool, async (tx) => {
    const target = await lockTargetUser(tx, userId);
    const refusal = accountRefusal(actor.userId, target);
    if (refusal !== null) throw grantRefused(refusal);
    if (!target.active) throw refuse('wrong_state', 'userId', 'inactive', { zh: '该账号已停用。', en: 'The account is already deactivated.' });
    const now = deps.clock.now();
    await tx.query('UPDATE users SET active = false WHERE id = $1', [target.id]);
    const sessionsRevoked = await revokeUserSessions(tx, target.id, null, 'deactivated', now);
    await tx.query(`UPDATE role_grant_requests SET status = 'lapsed', decided_at = $2 WHERE user_id = $1 AND status = 'pending'`, [target.id, now]);
    await tx.query(`UPDATE totp_reset_requests SET status = 'lapsed', decided_at = $2 WHERE user_id = $1 AND status = 'pending'`, [target.id, now]);
    await auditAdmin(tx, deps, actor, 'admin.user_deactivated', `user:${target.id}`, { sessionsRevoked: String(sessionsRevoked) });
    return { sessionsRevoked };
  });
}

/** Clears the sign-in lock of every client for the user (lockout is kept per username and client). */
export async function unlockUser(deps: Deps, actor: AdminActor, userId: string): Promise<{ cleared: number }> {
  requireAdmin(actor, 'secadmin');
  return inTransaction(deps.pool, async (tx) => {
    const target = await lockTargetUser(tx, userId);
    // Unlocking oneself would help whoever is guessing one's password from another client.
    if (target.id === actor.userId) throw grantRefused('self');
    const r = await tx.query('DELETE FROM login_failures WHERE username = lower($1)', [target.username]);
    const cleared = r.rowCount ?? 0;
    await auditAdmin(tx, deps, actor, 'admin.user_unlocked', `user:${target.id}`, { cleared: String(cleared) });
    return { cleared };
  });
}
