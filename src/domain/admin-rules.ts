// The secadmin's and sysadmin's rules as pure decisions (DESIGN §1, §7.3): who may grant what to
// whom, when a second approver is needed, who confirms a TOTP reset, where a unit may move.
import type { Bilingual } from './i18n-text.js';
import { isAdminRole, isCentralRole, rolesAreSeparated, type Role } from './roles.js';
import { ancestorsOf, isAtOrBelow, type UnitTree } from './units.js';

export type GrantRefusal =
  /** nobody grants a role to themselves */
  | 'self'
  /** admin roles are given by the break-glass CLI only, so no secadmin can make an auditor or a second self */
  | 'admin_role'
  /** the user holds an admin role: their account is managed by the CLI (deactivation, revocation, resets) */
  | 'admin_account'
  /** admin and case roles never meet on one user */
  | 'not_separated'
  | 'already_held';

export type GrantDecision = { readonly kind: 'refused'; readonly reason: GrantRefusal } | { readonly kind: 'immediate' } | { readonly kind: 'needs_second_approver' };

export interface GrantRequest {
  readonly actorId: string;
  readonly targetId: string;
  readonly role: Role;
  /** the target's active roles */
  readonly held: readonly Role[];
}

/** Whether a grant may be made, and whether it waits for a second secadmin (central roles). */
export function decideGrant(g: GrantRequest): GrantDecision {
  if (g.actorId === g.targetId) return { kind: 'refused', reason: 'self' };
  if (isAdminRole(g.role)) return { kind: 'refused', reason: 'admin_role' };
  if (g.held.includes(g.role)) return { kind: 'refused', reason: 'already_held' };
  if (!rolesAreSeparated([...g.held, g.role])) return { kind: 'refused', reason: 'not_separated' };
  return isCentralRole(g.role) ? { kind: 'needs_second_approver' } : { kind: 'immediate' };
}

/** Deactivation, revocation and resets leave administrator accounts to the CLI, and nobody acts on themselves. */
export function accountRefusal(actorId: string, target: { readonly id: string; readonly roles: readonly Role[] }): 'self' | 'admin_account' | null {
  if (actorId === target.id) return 'self';
  if (target.roles.some(isAdminRole)) return 'admin_account';
  return null;
}

export type ApprovalRefusal = 'requester' | 'grantee';

/** The second approver is a different person from the requester and from the grantee. */
export function approvalRefusal(o: { readonly approverId: string; readonly requesterId: string; readonly targetId: string }): ApprovalRefusal | null {
  if (o.approverId === o.requesterId) return 'requester';
  if (o.approverId === o.targetId) return 'grantee';
  return null;
}

/**
 * Who confirms a TOTP reset: the heads of the user's unit, or of the nearest unit above that has one
 * (a unit head's own reset goes to the level above). Never the user, never the secadmin who started it.
 */
export function resetConfirmers(tree: UnitTree, unitId: string, exclude: readonly string[]): string[] {
  for (const id of [unitId, ...ancestorsOf(tree, unitId)]) {
    const heads = (tree.heads.get(id) ?? []).filter((h) => !exclude.includes(h));
    if (heads.length > 0) return heads;
  }
  return [];
}

export type MoveRefusal = 'root' | 'cycle' | 'unknown_parent';

/** A unit moves under another unit that is neither itself nor below it; the root stays the root. */
export function moveRefusal(tree: UnitTree, unitId: string, newParentId: string): MoveRefusal | null {
  if (unitId === tree.rootId) return 'root';
  if (!tree.units.has(newParentId)) return 'unknown_parent';
  if (isAtOrBelow(tree, newParentId, unitId)) return 'cycle';
  return null;
}

export const GRANT_REFUSALS = {
  self: { zh: '不能对自己的账号执行此操作，包括为自己授予角色。', en: 'Nobody does this to their own account, granting themselves a role included.' },
  admin_role: { zh: '管理员角色只能通过命令行应急授予。', en: 'Admin roles are given only through the break-glass command line.' },
  admin_account: { zh: '管理员账号只能通过命令行管理。', en: 'Administrator accounts are managed only through the command line.' },
  not_separated: { zh: '管理员角色与业务角色不能由同一用户兼任。', en: 'Admin roles and case roles cannot be held by one user.' },
  already_held: { zh: '该用户已持有或正在申请此角色。', en: 'The user already holds or awaits this role.' },
} as const satisfies Record<GrantRefusal, Bilingual>;

export const APPROVAL_REFUSALS = {
  requester: { zh: '申请人不能复核自己的申请，须由另一名安全管理员复核。', en: 'The requester cannot approve their own request; another security administrator must.' },
  grantee: { zh: '被授权人不能复核自己的授权。', en: 'The grantee cannot approve their own grant.' },
} as const satisfies Record<ApprovalRefusal, Bilingual>;
