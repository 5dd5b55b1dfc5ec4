// A dead letter sent again (DESIGN §5): the sysadmin hands an outbox row the relay gave up on back to it
// with a fresh count of attempts. Delivery stays at least once; the row's payload is never read here.
import { inTransaction, type Deps } from '../deps.js';
import { auditAdmin, notFound, requireAdmin, type AdminActor } from './support.js';

export async function retryDeadLetter(deps: Deps, actor: AdminActor, id: number): Promise<void> {
  requireAdmin(actor, 'sysadmin');
  await inTransaction(deps.pool, async (tx) => {
    const now = deps.clock.now();
    const r = await tx.query<{ kind: string }>(
      'UPDATE outbox SET dead_at = NULL, attempts = 0, available_at = $2 WHERE id = $1 AND dead_at IS NOT NULL AND delivered_at IS NULL RETURNING kind',
      [id, now],
    );
    const row = r.rows[0];
    if (row === undefined) throw notFound();
    await auditAdmin(tx, deps, actor, 'admin.dead_letter_retried', `outbox:${String(id)}`, { kind: row.kind });
  });
}
