// One file of an inbox item for a clerk (issue 6): decrypted inside the transaction that writes its audit
// row, so the read is on record before a byte leaves. Playing a voicemail the first time is what its
// listen-by clock waits for, so that first read also records who listened and when.
import { insertAudit } from '../../store/audit-rows.js';
import { inTransaction, type Deps } from '../deps.js';
import type { StaffActor } from '../new-case.js';

export interface IntakeFile {
  readonly name: string;
  readonly mediaType: string;
  readonly bytes: Buffer;
}

/** null for an item or file that does not exist, or a file of another item: one 404 for all. */
export async function readIntakeAttachment(deps: Deps, actor: StaffActor, itemId: string, attachmentId: string): Promise<IntakeFile | null> {
  return inTransaction(deps.pool, async (tx) => {
    const r = await tx.query<{ name_enc: Buffer; media_type: string; storage_key: string; channel: string }>(
      `SELECT a.name_enc, a.media_type, a.storage_key, i.channel
       FROM intake_attachments a JOIN intake_items i ON i.id = a.item_id WHERE a.id = $1 AND a.item_id = $2`,
      [attachmentId, itemId],
    );
    const file = r.rows[0];
    if (!file) return null;
    const bytes = deps.files.decryptBuffer(attachmentId, await deps.attachments.get(file.storage_key));
    await insertAudit(tx, { actorKind: 'staff', actorUserId: actor.userId, action: 'intake.attachment.read', target: `${itemId};attachment:${attachmentId}` });
    if (file.channel === 'voicemail') {
      await tx.query('UPDATE intake_items SET listened_at = $2, listened_by = $3 WHERE id = $1 AND listened_at IS NULL', [itemId, deps.clock.now(), actor.userId]);
    }
    return { name: deps.cipher.decryptText({ table: 'intake_attachments', column: 'name_enc', rowId: attachmentId }, file.name_enc), mediaType: file.media_type, bytes };
  });
}
