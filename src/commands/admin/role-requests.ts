// The second secadmin settles a central-role request (DESIGN §1): approval creates the grant with
// both names on it; the requester can withdraw (decline) but never approve their own request.
import type pg from 'pg';
import { APPROVAL_REFUSALS, approvalRefusal } from '../../domain/admin-rules.js';
import { rolesAreSeparated, type Role } from '../../domain/roles.js';
import { revokeUserSessions } from '../auth/sessions.js';
import { inTransaction, type Deps } from '../deps.js';
import { uuidv7 } from '../ids.js';
import { grantRefused } from './role-grants.js';
import { auditAdmin, lockTargetUser, notFound, refuse, requireAdmin, type AdminActor } from './support.js';

interface RequestRow {
  id: string;
  user_id: string;
  role: Role;
  requested_by: string;
  status: string;
}

/**
 * The request, pending, with its user locked first: grants lock the user before they touch requests,
 * so taking the locks in the same order keeps an approval and a grant from deadlocking.
 */
async function lockPending(tx: pg.ClientBase, requestId: string): Promise<RequestRow> {
  const found = await tx.query<{ user_id: string }>('SELECT user_id FROM role_grant_requests WHERE id = $1', [requestId]);
  const userId = found.rows[0]?.user_id;
  if (userId === undefined) throw notFound();
  await tx.query('SELECT 1 FROM users WHERE id = $1 FOR UPDATE', [userId]);
  const r = await tx.query<RequestRow>('SELECT id, user_id, role, requested_by, status FROM role_grant_requests WHERE id = $1 FOR UPDATE', [requestId]);
  const row = r.rows[0];
  if (row === undefined) throw notFound();
  if (row.status !== 'pending') throw refuse('wrong_state', 'status', row.status, { zh: '该申请已处理。', en: 'The request was already settled.' });
  return row;
}

export async function approveRoleRequest(deps: Deps, actor: AdminActor, requestId: string): Promise<{ grantId: string }> {
  requireAdmin(actor, 'secadmin');
  return inTransaction(deps.pool, async (tx) => {
    const request = await lockPending(tx, requestId);
    const refusal = approvalRefusal({ approverId: actor.userId, requesterId: request.requested_by, targetId: request.user_id });
    if (refusal !== null) throw refuse('forbidden', 'requestId', refusal, APPROVAL_REFUSALS[refusal]);
    const target = await lockTargetUser(tx, request.user_id);
    if (!target.active) throw refuse('wrong_state', 'userId', 'inactive', { zh: '该账号已停用。', en: 'The account is deactivated.' });
    // Roles may have changed since the request: the separation rule is checked again on what the user holds now.
    if (!rolesAreSeparated([...target.roles, request.role])) throw grantRefused('not_separated');
    const now = deps.clock.now();
    const grantId = uuidv7(now.getTime());
    await tx.query('INSERT INTO role_grants (id, user_id, role, granted_by, approved_by, granted_at) VALUES ($1, $2, $3, $4, $5, $6)', [
      grantId,
      request.user_id,
      request.role,
      request.requested_by,
      actor.userId,
      now,
    ]);
    await tx.query(`UPDATE role_grant_requests SET status = 'approved', decided_by = $2, decided_at = $3, grant_id = $4 WHERE id = $1`, [request.id, actor.userId, now, grantId]);
    await revokeUserSessions(tx, request.user_id, null, 'role_changed', now);
    await auditAdmin(tx, deps, actor, 'admin.role_grant_approved', `user:${request.user_id}`, { role: request.role, requestId: request.id, grantId, requestedBy: request.requested_by });
    return { grantId };
  });
}

/** Any secadmin may decline; the requester declining is a withdrawal. */
export async function declineRoleRequest(deps: Deps, actor: AdminActor, requestId: string): Promise<void> {
  requireAdmin(actor, 'secadmin');
  await inTransaction(deps.pool, async (tx) => {
    const request = await lockPending(tx, requestId);
    if (request.user_id === actor.userId) throw grantRefused('self');
    await tx.query(`UPDATE role_grant_requests SET status = 'declined', decided_by = $2, decided_at = $3 WHERE id = $1`, [request.id, actor.userId, deps.clock.now()]);
    await auditAdmin(tx, deps, actor, 'admin.role_grant_declined', `user:${request.user_id}`, { role: request.role, requestId: request.id });
  });
}
