// The secadmin grants and revokes case roles (DESIGN §1, §7.3). A central role waits for a second
// secadmin; every change that takes effect ends the user's sessions so the new roles apply at once.
import type pg from 'pg';
import { accountRefusal, decideGrant, GRANT_REFUSALS, type GrantRefusal } from '../../domain/admin-rules.js';
import type { Role } from '../../domain/roles.js';
import { revokeUserSessions } from '../auth/sessions.js';
import type { CommandFailure } from '../command-error.js';
import { inTransaction, type Deps } from '../deps.js';
import { uuidv7 } from '../ids.js';
import { auditAdmin, isUniqueViolation, lockTargetUser, notifyUsers, refuse, requireAdmin, type AdminActor, type TargetUser } from './support.js';

export type GrantOutcome = { readonly status: 'active'; readonly grantId: string } | { readonly status: 'pending'; readonly requestId: string };

const REFUSAL_KIND = {
  self: 'forbidden',
  admin_role: 'forbidden',
  admin_account: 'forbidden',
  not_separated: 'invalid',
  already_held: 'wrong_state',
} as const satisfies Record<GrantRefusal, CommandFailure>;

export function grantRefused(reason: GrantRefusal): Error {
  return refuse(REFUSAL_KIND[reason], 'role', reason, GRANT_REFUSALS[reason]);
}

const inactive = () => refuse('wrong_state', 'userId', 'inactive', { zh: '该账号已停用。', en: 'The account is deactivated.' });

async function pendingRoles(tx: pg.ClientBase, userId: string): Promise<Role[]> {
  return (await tx.query<{ role: Role }>(`SELECT role FROM role_grant_requests WHERE user_id = $1 AND status = 'pending'`, [userId])).rows.map((r) => r.role);
}

/** Other active secadmins: the people who can approve a request of `except`. */
export async function secondApprovers(tx: pg.ClientBase, except: string): Promise<string[]> {
  const r = await tx.query<{ id: string }>(
    `SELECT u.id FROM users u JOIN role_grants g ON g.user_id = u.id AND g.revoked_at IS NULL AND g.role = 'secadmin' WHERE u.active AND u.id <> $1`,
    [except],
  );
  return r.rows.map((u) => u.id);
}

/** Grants (or requests) one role inside the caller's transaction; shared with user creation. */
export async function grantIn(tx: pg.ClientBase, deps: Deps, actor: AdminActor, target: TargetUser, role: Role, now: Date): Promise<GrantOutcome> {
  // A pending request counts as held, so nobody asks twice or grants around a request.
  const held = [...target.roles, ...(await pendingRoles(tx, target.id))];
  const decision = decideGrant({ actorId: actor.userId, targetId: target.id, role, held });
  if (decision.kind === 'refused') throw grantRefused(decision.reason);
  try {
    if (decision.kind === 'immediate') {
      const grantId = uuidv7(now.getTime());
      await tx.query('INSERT INTO role_grants (id, user_id, role, granted_by, granted_at) VALUES ($1, $2, $3, $4, $5)', [grantId, target.id, role, actor.userId, now]);
      await revokeUserSessions(tx, target.id, null, 'role_changed', now);
      await auditAdmin(tx, deps, actor, 'admin.role_granted', `user:${target.id}`, { role, grantId });
      return { status: 'active', grantId };
    }
    const requestId = uuidv7(now.getTime());
    await tx.query(
      `INSERT INTO role_grant_requests (id, user_id, role, requested_by, requested_at, status) VALUES ($1, $2, $3, $4, $5, 'pending')`,
      [requestId, target.id, role, actor.userId, now],
    );
    await notifyUsers(tx, await secondApprovers(tx, actor.userId), 'role_request_to_approve', now);
    await auditAdmin(tx, deps, actor, 'admin.role_grant_requested', `user:${target.id}`, { role, requestId });
    return { status: 'pending', requestId };
  } catch (err) {
    if (isUniqueViolation(err)) throw grantRefused('already_held');
    throw err;
  }
}

export async function grantRole(deps: Deps, actor: AdminActor, userId: string, role: Role): Promise<GrantOutcome> {
  requireAdmin(actor, 'secadmin');
  return inTransaction(deps.pool, async (tx) => {
    const target = await lockTargetUser(tx, userId);
    // Self first: refusing yourself must not depend on the state of your own account.
    if (actor.userId !== target.id && !target.active) throw inactive();
    return grantIn(tx, deps, actor, target, role, deps.clock.now());
  });
}

export async function revokeRole(deps: Deps, actor: AdminActor, userId: string, role: Role): Promise<void> {
  requireAdmin(actor, 'secadmin');
  await inTransaction(deps.pool, async (tx) => {
    const target = await lockTargetUser(tx, userId);
    const refusal = accountRefusal(actor.userId, target);
    if (refusal !== null) throw grantRefused(refusal);
    const now = deps.clock.now();
    const r = await tx.query<{ id: string }>(
      'UPDATE role_grants SET revoked_at = $3, revoked_by = $4 WHERE user_id = $1 AND role = $2 AND revoked_at IS NULL RETURNING id',
      [target.id, role, now, actor.userId],
    );
    const grant = r.rows[0];
    if (grant === undefined) throw refuse('wrong_state', 'role', 'not_held', { zh: '该用户未持有此角色。', en: 'The user does not hold this role.' });
    await revokeUserSessions(tx, target.id, null, 'role_changed', now);
    await auditAdmin(tx, deps, actor, 'admin.role_revoked', `user:${target.id}`, { role, grantId: grant.id });
  });
}
