// Signing out revokes the session row, so a copied cookie is worthless afterwards (DESIGN §7.3).
import { insertAudit } from '../../store/audit-rows.js';
import { inTransaction, type Deps } from '../deps.js';
import { revokeSession } from './sessions.js';

export async function logout(deps: Deps, session: { readonly id: string; readonly userId: string; readonly username: string }): Promise<void> {
  await inTransaction(deps.pool, async (tx) => {
    // A concurrent logout may have won; the session is gone either way and one audit row is enough.
    if (await revokeSession(tx, session.id, 'logout', deps.clock.now())) {
      await insertAudit(tx, { actorKind: 'staff', actorUserId: session.userId, action: 'auth.logout', target: session.username });
    }
  });
}
