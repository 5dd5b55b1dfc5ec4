// The secadmin's lists beside the accounts: central-role requests waiting for a second approver, and
// the sealed group. Also the TOTP resets a unit head may confirm. Names and ids only.
import type { Deps } from '../../commands/deps.js';
import { resetConfirmers } from '../../domain/admin-rules.js';
import { ROLE_LABELS, type Role } from '../../domain/roles.js';
import type { Bilingual } from '../../domain/i18n-text.js';
import { loadOrg } from '../../store/reference-data.js';

export interface UserRef {
  readonly id: string;
  readonly username: string;
  readonly displayName: string;
  readonly unitName: string;
}

const USER_REF = (alias: string, unit: string) =>
  `json_build_object('id', ${alias}.id, 'username', ${alias}.username, 'displayName', ${alias}.display_name, 'unitName', ${unit}.name)`;

export interface RoleRequestItem {
  readonly id: string;
  readonly user: UserRef;
  readonly role: Role;
  readonly roleLabel: Bilingual;
  readonly status: string;
  readonly requestedBy: UserRef;
  readonly requestedAt: string;
  readonly decidedBy: UserRef | null;
  readonly decidedAt: string | null;
}

export async function listRoleRequests(deps: Deps, status: 'pending' | 'settled'): Promise<RoleRequestItem[]> {
  const r = await deps.pool.query<{ id: string; role: Role; status: string; requested_at: Date; decided_at: Date | null; usr: UserRef; req: UserRef; dec: UserRef | null }>(
    `SELECT r.id, r.role, r.status, r.requested_at, r.decided_at, ${USER_REF('u', 'un')} AS usr, ${USER_REF('q', 'qn')} AS req,
            CASE WHEN d.id IS NULL THEN NULL ELSE ${USER_REF('d', 'dn')} END AS dec
     FROM role_grant_requests r
     JOIN users u ON u.id = r.user_id JOIN units un ON un.id = u.unit_id
     JOIN users q ON q.id = r.requested_by JOIN units qn ON qn.id = q.unit_id
     LEFT JOIN users d ON d.id = r.decided_by LEFT JOIN units dn ON dn.id = d.unit_id
     WHERE (r.status = 'pending') = $1
     ORDER BY r.requested_at DESC, r.id LIMIT 200`,
    [status === 'pending'],
  );
  return r.rows.map((x) => ({
    id: x.id,
    user: x.usr,
    role: x.role,
    roleLabel: ROLE_LABELS[x.role],
    status: x.status,
    requestedBy: x.req,
    requestedAt: x.requested_at.toISOString(),
    decidedBy: x.dec,
    decidedAt: x.decided_at?.toISOString() ?? null,
  }));
}

export interface SealedMember {
  readonly user: UserRef;
  readonly active: boolean;
  readonly addedBy: UserRef | null;
  readonly addedAt: string;
}

export async function listSealedGroup(deps: Deps): Promise<SealedMember[]> {
  const r = await deps.pool.query<{ usr: UserRef; active: boolean; added_at: Date; adder: UserRef | null }>(
    `SELECT ${USER_REF('u', 'un')} AS usr, u.active, m.added_at, CASE WHEN a.id IS NULL THEN NULL ELSE ${USER_REF('a', 'an')} END AS adder
     FROM sealed_group_members m JOIN users u ON u.id = m.user_id JOIN units un ON un.id = u.unit_id
     LEFT JOIN users a ON a.id = m.added_by LEFT JOIN units an ON an.id = a.unit_id
     ORDER BY m.added_at, u.username`,
  );
  return r.rows.map((x) => ({ user: x.usr, active: x.active, addedBy: x.adder, addedAt: x.added_at.toISOString() }));
}

export interface ResetToConfirm {
  readonly id: string;
  readonly user: UserRef;
  readonly requestedBy: UserRef;
  readonly requestedAt: string;
}

/** Pending resets this user may confirm as a head at or above the account's unit. */
export async function resetsToConfirm(deps: Deps, userId: string): Promise<ResetToConfirm[]> {
  const r = await deps.pool.query<{ id: string; user_id: string; unit_id: string; requested_by: string; requested_at: Date; usr: UserRef; req: UserRef }>(
    `SELECT t.id, t.user_id, u.unit_id, t.requested_by, t.requested_at, ${USER_REF('u', 'un')} AS usr, ${USER_REF('q', 'qn')} AS req
     FROM totp_reset_requests t JOIN users u ON u.id = t.user_id JOIN units un ON un.id = u.unit_id
     JOIN users q ON q.id = t.requested_by JOIN units qn ON qn.id = q.unit_id
     WHERE t.status = 'pending' ORDER BY t.requested_at`,
  );
  if (r.rows.length === 0) return [];
  const org = await loadOrg(deps.pool);
  return r.rows
    .filter((x) => resetConfirmers(org.tree, x.unit_id, [x.user_id, x.requested_by]).includes(userId))
    .map((x) => ({ id: x.id, user: x.usr, requestedBy: x.req, requestedAt: x.requested_at.toISOString() }));
}
