// A clerk registers an inbox item as a case (DESIGN §2): the case with the item's files, the item
// marked registered, and both audit rows commit in one transaction, or nothing does.
import type pg from 'pg';
import type { InboxChannel } from '../../domain/channels.js';
import { INBOX_CONTACT, type IntakeStatus } from '../../domain/intake.js';
import { insertAudit } from '../../store/audit-rows.js';
import type { AttachmentState } from '../../store/case-state.js';
import { nextCaseNumber } from '../case-number.js';
import { callsOfItem, linkCallsToCase } from '../cti/link-call.js';
import { inTransaction, type Deps } from '../deps.js';
import { insertCase } from '../new-case-insert.js';
import { prepareCase, type ReportInput, type StaffActor } from '../new-case.js';
import { resultOf, type SubmitResult } from '../submit-report.js';

/** The registration form: the item gives channel and receipt, and its text is the default content. */
export type ItemRegistration = Omit<ReportInput, 'content'> & { readonly content?: string | undefined };

export type RegisterItemOutcome =
  | { readonly kind: 'registered'; readonly result: SubmitResult }
  | { readonly kind: 'not_found' }
  | { readonly kind: 'wrong_state'; readonly status: IntakeStatus }
  /** No content was given and the item has no text to take it from. */
  | { readonly kind: 'content_required' };

interface ItemRow {
  id: string;
  channel: InboxChannel;
  received_at: Date;
  status: IntakeStatus;
  contact_enc: Buffer | null;
  text_enc: Buffer;
  details_enc: Buffer | null;
}

/**
 * The case's attachment rows keep the item's attachment ids: the encrypted file is bound to its id,
 * so the same stored file serves both without being copied or re-encrypted. The name is re-encrypted
 * for its new table.
 */
async function itemFiles(deps: Deps, tx: pg.ClientBase, itemId: string): Promise<AttachmentState[]> {
  const r = await tx.query<{ id: string; name_enc: Buffer; media_type: string; size_bytes: number; fingerprint: Buffer; storage_key: string }>(
    'SELECT id, name_enc, media_type, size_bytes::float8 AS size_bytes, fingerprint, storage_key FROM intake_attachments WHERE item_id = $1 ORDER BY id',
    [itemId],
  );
  return r.rows.map((a) => ({
    id: a.id,
    message_id: null,
    name_enc: deps.cipher.encrypt({ table: 'attachments', column: 'name_enc', rowId: a.id }, deps.cipher.decrypt({ table: 'intake_attachments', column: 'name_enc', rowId: a.id }, a.name_enc)),
    media_type: a.media_type,
    size_bytes: a.size_bytes,
    fingerprint: a.fingerprint,
    origin: 'original',
    storage_key: a.storage_key,
  }));
}

export async function registerIntakeItem(deps: Deps, actor: StaffActor, itemId: string, form: ItemRegistration): Promise<RegisterItemOutcome> {
  return inTransaction(deps.pool, async (tx) => {
    const item = (await tx.query<ItemRow>('SELECT id, channel, received_at, status, contact_enc, text_enc, details_enc FROM intake_items WHERE id = $1 FOR UPDATE', [itemId])).rows[0];
    if (!item) return { kind: 'not_found' };
    if (item.status !== 'new') return { kind: 'wrong_state', status: item.status };
    const ref = (column: string) => ({ table: 'intake_items', column, rowId: item.id });
    const content = form.content ?? deps.cipher.decryptText(ref('text_enc'), item.text_enc).trim();
    if (content === '') return { kind: 'content_required' };
    const contact = item.contact_enc ? deps.cipher.decryptText(ref('contact_enc'), item.contact_enc) : null;
    const details = item.details_enc ? deps.cipher.decryptJson<Record<string, string>>(ref('details_enc'), item.details_enc) : null;
    const now = deps.clock.now();
    const caseNumber = await nextCaseNumber(tx, { ...deps.caseNumber, timezone: deps.timezone }, now);
    const files = await itemFiles(deps, tx, item.id);
    // A voicemail's call: linked to the case, with any recording the item does not carry yet.
    const calls = await callsOfItem(deps, tx, item.id, new Set(files.map((f) => f.id)));
    const prepared = prepareCase(
      deps,
      { ...form, content },
      {
        channel: item.channel,
        receivedAt: item.received_at,
        channelDetails: { intakeItemId: item.id, details },
        actor,
        itemContact: contact === null ? undefined : { delivery: INBOX_CONTACT[item.channel].delivery, value: contact },
      },
      caseNumber,
      [...files, ...calls.flatMap((c) => c.recordings)],
    );
    await insertCase(tx, prepared);
    await linkCallsToCase(tx, calls, prepared.row.id);
    await tx.query(`UPDATE intake_items SET status = 'registered', case_id = $2, handled_by = $3, handled_at = $4 WHERE id = $1`, [item.id, prepared.row.id, actor.userId, now]);
    await insertAudit(tx, { actorKind: 'staff', actorUserId: actor.userId, action: 'intake.register', caseId: prepared.row.id, target: item.id });
    return { kind: 'registered', result: resultOf(prepared.row.id, caseNumber, prepared.queryCode, prepared.delivery) };
  });
}
