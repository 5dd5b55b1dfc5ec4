// The named group that alone sees sealed cases (DESIGN §3.4), kept by the secadmin. Members are case
// users: an administrator never sees case content, so no admin account can join.
import { accountRefusal } from '../../domain/admin-rules.js';
import { isCaseRole } from '../../domain/roles.js';
import { inTransaction, type Deps } from '../deps.js';
import { grantRefused } from './role-grants.js';
import { auditAdmin, lockTargetUser, notFound, refuse, requireAdmin, type AdminActor } from './support.js';

export async function addSealedMember(deps: Deps, actor: AdminActor, userId: string): Promise<void> {
  requireAdmin(actor, 'secadmin');
  await inTransaction(deps.pool, async (tx) => {
    const target = await lockTargetUser(tx, userId);
    const refusal = accountRefusal(actor.userId, target);
    if (refusal !== null) throw grantRefused(refusal);
    if (!target.active) throw refuse('wrong_state', 'userId', 'inactive', { zh: '该账号已停用。', en: 'The account is deactivated.' });
    if (!target.roles.some(isCaseRole)) throw refuse('invalid', 'userId', 'no_case_role', { zh: '只有持有业务角色的用户才能加入密封件名单。', en: 'Only users holding a case role can join the sealed group.' });
    const r = await tx.query('INSERT INTO sealed_group_members (user_id, added_by, added_at) VALUES ($1, $2, $3) ON CONFLICT (user_id) DO NOTHING', [target.id, actor.userId, deps.clock.now()]);
    if (r.rowCount === 0) throw refuse('wrong_state', 'userId', 'already_member', { zh: '该用户已在名单中。', en: 'The user is already a member.' });
    await auditAdmin(tx, deps, actor, 'admin.sealed_group_added', `user:${target.id}`);
  });
}

export async function removeSealedMember(deps: Deps, actor: AdminActor, userId: string): Promise<void> {
  requireAdmin(actor, 'secadmin');
  await inTransaction(deps.pool, async (tx) => {
    const r = await tx.query('DELETE FROM sealed_group_members WHERE user_id = $1', [userId]);
    if (r.rowCount === 0) throw notFound();
    await auditAdmin(tx, deps, actor, 'admin.sealed_group_removed', `user:${userId}`);
  });
}
