// Two-person TOTP resets (DESIGN §7.3): the secadmin starts one, the user's unit head confirms it.
// Confirming clears the old secret, ends the user's sessions and yields a one-time enrolment code that
// the head hands over in person; the secadmin never holds it, so no one person can take the account.
import type pg from 'pg';
import { accountRefusal, resetConfirmers } from '../../domain/admin-rules.js';
import { loadOrg } from '../../store/reference-data.js';
import { issueEnrolmentCodeIn } from '../auth/enrol-totp.js';
import { inTransaction, type Deps } from '../deps.js';
import { uuidv7 } from '../ids.js';
import { grantRefused } from './role-grants.js';
import { auditAdmin, lockTargetUser, notFound, notifyUsers, refuse, requireAdmin, type AdminActor } from './support.js';

/** The heads who may confirm a reset of this user, as the organisation stands now. */
export async function confirmersOf(db: pg.ClientBase, user: { readonly id: string; readonly unitId: string }, requestedBy: string): Promise<string[]> {
  const org = await loadOrg(db);
  return resetConfirmers(org.tree, user.unitId, [user.id, requestedBy]);
}

export interface StartedReset {
  readonly requestId: string;
  /** who was asked to confirm, so the secadmin knows whom to call */
  readonly confirmers: { readonly id: string; readonly displayName: string }[];
}

export async function startTotpReset(deps: Deps, actor: AdminActor, userId: string): Promise<StartedReset> {
  requireAdmin(actor, 'secadmin');
  return inTransaction(deps.pool, async (tx) => {
    const target = await lockTargetUser(tx, userId);
    const refusal = accountRefusal(actor.userId, target);
    if (refusal !== null) throw grantRefused(refusal);
    if (!target.active) throw refuse('wrong_state', 'userId', 'inactive', { zh: '该账号已停用。', en: 'The account is deactivated.' });
    const open = await tx.query(`SELECT 1 FROM totp_reset_requests WHERE user_id = $1 AND status = 'pending'`, [target.id]);
    if (open.rowCount !== 0) throw refuse('wrong_state', 'userId', 'reset_pending', { zh: '该用户已有待确认的重置申请。', en: 'A reset of this user already awaits confirmation.' });
    const confirmers = await confirmersOf(tx, target, actor.userId);
    if (confirmers.length === 0) {
      throw refuse('wrong_state', 'userId', 'no_confirmer', { zh: '该用户所在单位及上级单位没有可确认重置的负责人。', en: "Neither the user's unit nor any unit above has a head who could confirm the reset." });
    }
    const now = deps.clock.now();
    const requestId = uuidv7(now.getTime());
    await tx.query(`INSERT INTO totp_reset_requests (id, user_id, requested_by, requested_at, status) VALUES ($1, $2, $3, $4, 'pending')`, [requestId, target.id, actor.userId, now]);
    await notifyUsers(tx, confirmers, 'totp_reset_to_confirm', now);
    await auditAdmin(tx, deps, actor, 'admin.totp_reset_requested', `user:${target.id}`, { requestId });
    const names = await tx.query<{ id: string; display_name: string }>('SELECT id, display_name FROM users WHERE id = ANY($1::uuid[]) ORDER BY display_name', [confirmers]);
    return { requestId, confirmers: names.rows.map((n) => ({ id: n.id, displayName: n.display_name })) };
  });
}

interface ResetRow {
  id: string;
  user_id: string;
  requested_by: string;
  status: string;
  unit_id: string;
}

/** The pending request if this actor may settle it; anyone else learns nothing (404). */
async function lockForConfirmer(tx: pg.ClientBase, actor: AdminActor, requestId: string, allowRequester: boolean): Promise<ResetRow> {
  // The account first, then the request: the order every command touching both takes, so none deadlock.
  await tx.query('SELECT 1 FROM users WHERE id = (SELECT user_id FROM totp_reset_requests WHERE id = $1) FOR UPDATE', [requestId]);
  const r = await tx.query<ResetRow>(
    `SELECT r.id, r.user_id, r.requested_by, r.status, u.unit_id FROM totp_reset_requests r JOIN users u ON u.id = r.user_id WHERE r.id = $1 FOR UPDATE OF r`,
    [requestId],
  );
  const row = r.rows[0];
  if (row === undefined) throw notFound();
  const eligible = (allowRequester && row.requested_by === actor.userId) || (await confirmersOf(tx, { id: row.user_id, unitId: row.unit_id }, row.requested_by)).includes(actor.userId);
  if (!eligible) throw notFound();
  if (row.status !== 'pending') throw refuse('wrong_state', 'status', row.status, { zh: '该申请已处理。', en: 'The request was already settled.' });
  return row;
}

export async function confirmTotpReset(deps: Deps, actor: AdminActor, requestId: string): Promise<{ enrolmentCode: string; expiresAt: Date; userId: string }> {
  return inTransaction(deps.pool, async (tx) => {
    const request = await lockForConfirmer(tx, actor, requestId, false);
    const now = deps.clock.now();
    const issued = await issueEnrolmentCodeIn(tx, deps, request.user_id, { kind: 'staff', userId: actor.userId });
    if (!issued.ok) throw notFound();
    await tx.query(`UPDATE totp_reset_requests SET status = 'confirmed', decided_by = $2, decided_at = $3 WHERE id = $1`, [request.id, actor.userId, now]);
    await auditAdmin(tx, deps, actor, 'admin.totp_reset_confirmed', `user:${request.user_id}`, { requestId: request.id, requestedBy: request.requested_by });
    return { enrolmentCode: issued.code, expiresAt: issued.expiresAt, userId: request.user_id };
  });
}

/** A confirmer declines, or the requesting secadmin withdraws. */
export async function declineTotpReset(deps: Deps, actor: AdminActor, requestId: string): Promise<void> {
  await inTransaction(deps.pool, async (tx) => {
    const request = await lockForConfirmer(tx, actor, requestId, actor.roles.includes('secadmin'));
    await tx.query(`UPDATE totp_reset_requests SET status = 'declined', decided_by = $2, decided_at = $3 WHERE id = $1`, [request.id, actor.userId, deps.clock.now()]);
    await auditAdmin(tx, deps, actor, 'admin.totp_reset_declined', `user:${request.user_id}`, { requestId: request.id });
  });
}
