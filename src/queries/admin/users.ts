// The secadmin's account list (DESIGN §7.3): unit, roles (active and awaiting approval), active,
// locked, second-factor state. Accounts only: nothing here touches a case.
import type { Deps } from '../../commands/deps.js';
import { decryptStaffMobile } from '../../commands/admin/user-mobile.js';
import type { Role } from '../../domain/roles.js';
import { maskMobile } from '../../domain/sms/staff-alerts.js';
import { decodeKeyCursor, encodeKeyCursor } from '../cursors.js';

export interface UserFilters {
  readonly unitId?: string | undefined;
  readonly role?: Role | undefined;
  readonly active?: boolean | undefined;
  /** part of the username or display name */
  readonly q?: string | undefined;
  readonly limit: number;
  readonly cursor?: string | undefined;
}

export interface UserListItem {
  readonly id: string;
  readonly username: string;
  readonly displayName: string;
  readonly policeNumber: string | null;
  readonly rank: string | null;
  /** masked (138****5678): the secadmin recognises the number, the list does not hand it out */
  readonly mobile: string | null;
  /** the PBX seat the screen pop and click-to-dial use (issue 6) */
  readonly seatExtension: string | null;
  readonly unit: { readonly id: string; readonly code: string; readonly name: string };
  readonly roles: Role[];
  readonly pendingRoles: Role[];
  readonly active: boolean;
  readonly locked: boolean;
  readonly lockedUntil: string | null;
  readonly totpEnrolled: boolean;
  readonly totpResetPending: boolean;
  readonly mustChangePassword: boolean;
  readonly createdAt: string;
}

interface Row {
  id: string;
  username: string;
  display_name: string;
  police_number: string | null;
  rank: string | null;
  mobile_enc: Buffer | null;
  seat_extension: string | null;
  unit_id: string;
  unit_code: string;
  unit_name: string;
  roles: Role[];
  pending_roles: Role[];
  active: boolean;
  locked_until: Date | null;
  totp_enrolled: boolean;
  reset_pending: boolean;
  must_change_password: boolean;
  created_at: Date;
}

/** LIKE patterns from a person's text: their % and _ are literal. */
export function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/gu, (c) => `\\${c}`)}%`;
}

export async function listUsers(deps: Deps, f: UserFilters): Promise<{ items: UserListItem[]; nextCursor: string | null }> {
  const params: unknown[] = [deps.clock.now()];
  const add = (v: unknown): string => {
    params.push(v);
    return `$${String(params.length)}`;
  };
  const conds: string[] = ['true'];
  if (f.unitId !== undefined) conds.push(`u.unit_id = ${add(f.unitId)}::uuid`);
  if (f.active !== undefined) conds.push(`u.active = ${add(f.active)}`);
  if (f.role !== undefined) conds.push(`EXISTS (SELECT 1 FROM role_grants g WHERE g.user_id = u.id AND g.revoked_at IS NULL AND g.role = ${add(f.role)})`);
  if (f.q !== undefined) conds.push(`(u.username ILIKE ${add(likePattern(f.q))} OR u.display_name ILIKE $${String(params.length)})`);
  const after = f.cursor === undefined ? null : decodeKeyCursor(f.cursor);
  if (after !== null) conds.push(`lower(u.username) > ${add(after)}`);
  const rows = await deps.pool.query<Row>(
    `SELECT u.id, u.username, u.display_name, u.police_number, u.rank, u.mobile_enc, u.seat_extension, u.active, u.must_change_password, u.created_at,
            n.id AS unit_id, n.code AS unit_code, n.name AS unit_name,
            COALESCE((SELECT array_agg(g.role ORDER BY g.role) FROM role_grants g WHERE g.user_id = u.id AND g.revoked_at IS NULL), '{}') AS roles,
            COALESCE((SELECT array_agg(r.role ORDER BY r.role) FROM role_grant_requests r WHERE r.user_id = u.id AND r.status = 'pending'), '{}') AS pending_roles,
            (SELECT max(f.locked_until) FROM login_failures f WHERE f.username = lower(u.username) AND f.locked_until > $1) AS locked_until,
            (u.totp_secret_enc IS NOT NULL AND u.totp_enrolment_hash IS NULL) AS totp_enrolled,
            EXISTS (SELECT 1 FROM totp_reset_requests t WHERE t.user_id = u.id AND t.status = 'pending') AS reset_pending
     FROM users u JOIN units n ON n.id = u.unit_id
     WHERE ${conds.join(' AND ')}
     ORDER BY lower(u.username) LIMIT ${add(f.limit + 1)}::int`,
    params,
  );
  const page = rows.rows.slice(0, f.limit);
  const last = page.at(-1);
  return {
    items: page.map((r) => ({
      id: r.id,
      username: r.username,
      displayName: r.display_name,
      policeNumber: r.police_number,
      rank: r.rank,
      mobile: r.mobile_enc === null ? null : maskMobile(decryptStaffMobile(deps, r.id, r.mobile_enc)),
      seatExtension: r.seat_extension,
      unit: { id: r.unit_id, code: r.unit_code, name: r.unit_name },
      roles: r.roles,
      pendingRoles: r.pending_roles,
      active: r.active,
      locked: r.locked_until !== null,
      lockedUntil: r.locked_until?.toISOString() ?? null,
      totpEnrolled: r.totp_enrolled,
      totpResetPending: r.reset_pending,
      mustChangePassword: r.must_change_password,
      createdAt: r.created_at.toISOString(),
    })),
    nextCursor: rows.rows.length > f.limit && last !== undefined ? encodeKeyCursor(last.username.toLowerCase()) : null,
  };
}
