// A staff member's mobile number for SMS alerts (issue 6), set or cleared by the secadmin. Stored only
// field-encrypted (bound to the user's row); the audit record says that it changed, never the number.
import type pg from 'pg';
import type { Deps } from '../deps.js';
import { inTransaction } from '../deps.js';
import { auditAdmin, lockTargetUser, requireAdmin, type AdminActor } from './support.js';

export function encryptStaffMobile(deps: Deps, userId: string, mobile: string): Buffer {
  return deps.cipher.encrypt({ table: 'users', column: 'mobile_enc', rowId: userId }, mobile);
}

export function decryptStaffMobile(deps: Deps, userId: string, enc: Buffer): string {
  return deps.cipher.decryptText({ table: 'users', column: 'mobile_enc', rowId: userId }, enc);
}

/** `mobile` is already normalised (normaliseStaffMobile); null clears it. */
export async function setUserMobileIn(tx: pg.ClientBase, deps: Deps, actor: AdminActor, userId: string, mobile: string | null): Promise<void> {
  await tx.query('UPDATE users SET mobile_enc = $2 WHERE id = $1', [userId, mobile === null ? null : encryptStaffMobile(deps, userId, mobile)]);
  await auditAdmin(tx, deps, actor, 'admin.user_mobile', `user:${userId}`, { mobile: mobile === null ? 'cleared' : 'set' });
}

export async function setUserMobile(deps: Deps, actor: AdminActor, userId: string, mobile: string | null): Promise<void> {
  requireAdmin(actor, 'secadmin');
  await inTransaction(deps.pool, async (tx) => {
    await lockTargetUser(tx, userId);
    await setUserMobileIn(tx, deps, actor, userId, mobile);
  });
}
