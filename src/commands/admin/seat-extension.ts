// A user's phone seat on the PBX (issue 6): the extension the PBX names when the user answers a call and
// the phone click-to-dial rings first. It belongs to the account, like its mobile, so the secadmin sets it (DESIGN §7.3),
// one extension per user and one user per extension.
import { inTransaction, type Deps } from '../deps.js';
import { auditAdmin, isUniqueViolation, lockTargetUser, refuse, requireAdmin, type AdminActor } from './support.js';

export async function setSeatExtension(deps: Deps, actor: AdminActor, userId: string, seatExtension: string | null): Promise<void> {
  requireAdmin(actor, 'secadmin');
  try {
    await inTransaction(deps.pool, async (tx) => {
      const target = await lockTargetUser(tx, userId);
      await tx.query('UPDATE users SET seat_extension = $2 WHERE id = $1', [target.id, seatExtension]);
      await auditAdmin(tx, deps, actor, 'admin.user_seat_extension', `user:${target.id}`, { seatExtension: seatExtension ?? '' });
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw refuse('wrong_state', 'seatExtension', 'taken', { zh: '该分机号已分配给其他用户。', en: 'This extension belongs to another user.' });
    throw err;
  }
}
