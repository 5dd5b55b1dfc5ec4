// A clerk marks an inbox item invalid (spam, blank, abuse, duplicate): kept, never numbered, never
// counted, never deleted (DESIGN §2).
import type { IntakeStatus, InvalidReason } from '../../domain/intake.js';
import { insertAudit } from '../../store/audit-rows.js';
import { inTransaction, type Deps } from '../deps.js';
import type { StaffActor } from '../new-case.js';

export interface InvalidMarking {
  readonly reason: InvalidReason;
  readonly note?: string | undefined;
}

export type MarkInvalidOutcome = { readonly kind: 'marked' } | { readonly kind: 'not_found' } | { readonly kind: 'wrong_state'; readonly status: IntakeStatus };

export async function markIntakeItemInvalid(deps: Deps, actor: StaffActor, itemId: string, marking: InvalidMarking): Promise<MarkInvalidOutcome> {
  return inTransaction(deps.pool, async (tx) => {
    const item = (await tx.query<{ status: IntakeStatus }>('SELECT status FROM intake_items WHERE id = $1 FOR UPDATE', [itemId])).rows[0];
    if (!item) return { kind: 'not_found' };
    if (item.status !== 'new') return { kind: 'wrong_state', status: item.status };
    const noteEnc = marking.note === undefined ? null : deps.cipher.encrypt({ table: 'intake_items', column: 'note_enc', rowId: itemId }, marking.note);
    await tx.query(`UPDATE intake_items SET status = 'invalid', invalid_reason = $2, note_enc = $3, handled_by = $4, handled_at = $5 WHERE id = $1`, [
      itemId, marking.reason, noteEnc, actor.userId, deps.clock.now(),
    ]);
    // Reason and note stay on the item (the note encrypted); the trail records who and which.
    await insertAudit(tx, { actorKind: 'staff', actorUserId: actor.userId, action: 'intake.invalid', target: itemId });
    return { kind: 'marked' };
  });
}
