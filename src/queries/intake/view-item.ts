// One inbox item in full for a clerk: text, sender, channel data and its files' metadata; audited in
// the same transaction before a byte of it leaves (DESIGN §7.2).
import { inTransaction, type Deps } from '../../commands/deps.js';
import type { StaffActor } from '../../commands/new-case.js';
import type { InboxChannel } from '../../domain/channels.js';
import type { IntakeStatus, InvalidReason } from '../../domain/intake.js';
import { insertAudit } from '../../store/audit-rows.js';
import { floodFields, ITEM_EXTRAS, listenFields } from './list-items.js';

export interface IntakeItemView {
  readonly id: string;
  readonly channel: InboxChannel;
  readonly receivedAt: string;
  readonly status: IntakeStatus;
  readonly text: string;
  readonly contact: string | null;
  readonly details: Readonly<Record<string, string>> | null;
  readonly claimsCaseNumber: string | null;
  readonly attachments: { id: string; name: string; mediaType: string; size: number }[];
  readonly earlierItems: number;
  readonly caseNumber?: string;
  readonly invalidReason: InvalidReason | null;
  readonly note: string | null;
  readonly handledAt: string | null;
  readonly listenBy?: string;
  readonly listenedAt?: string | null;
  readonly floodCount?: number;
}

interface Row {
  id: string;
  channel: InboxChannel;
  received_at: Date;
  status: IntakeStatus;
  text_enc: Buffer;
  contact_enc: Buffer | null;
  details_enc: Buffer | null;
  claims_case_number: string | null;
  invalid_reason: InvalidReason | null;
  note_enc: Buffer | null;
  handled_at: Date | null;
  attachment_count: number;
  earlier_items: number;
  case_number: string | null;
  listen_by: Date | null;
  listened_at: Date | null;
  flood_count: number | null;
}

interface FileRow {
  id: string;
  name_enc: Buffer;
  media_type: string;
  size_bytes: number;
}

/** null when there is no such item. */
export async function viewIntakeItem(deps: Deps, actor: StaffActor, itemId: string): Promise<IntakeItemView | null> {
  const found = await inTransaction(deps.pool, async (tx) => {
    const item = (
      await tx.query<Row>(
        `SELECT i.id, i.channel, i.received_at, i.status, i.text_enc, i.contact_enc, i.details_enc, i.claims_case_number,
           i.invalid_reason, i.note_enc, i.handled_at, ${ITEM_EXTRAS}
         FROM intake_items i WHERE i.id = $1`,
        [itemId],
      )
    ).rows[0];
    if (!item) return null;
    const files = await tx.query<FileRow>('SELECT id, name_enc, media_type, size_bytes::float8 AS size_bytes FROM intake_attachments WHERE item_id = $1 ORDER BY id', [itemId]);
    await insertAudit(tx, { actorKind: 'staff', actorUserId: actor.userId, action: 'intake.view', target: itemId });
    return { item, files: files.rows };
  });
  if (!found) return null;
  const { item, files } = found;
  const ref = (column: string) => ({ table: 'intake_items', column, rowId: item.id });
  return {
    id: item.id,
    channel: item.channel,
    receivedAt: item.received_at.toISOString(),
    status: item.status,
    text: deps.cipher.decryptText(ref('text_enc'), item.text_enc),
    contact: item.contact_enc ? deps.cipher.decryptText(ref('contact_enc'), item.contact_enc) : null,
    details: item.details_enc ? deps.cipher.decryptJson<Record<string, string>>(ref('details_enc'), item.details_enc) : null,
    claimsCaseNumber: item.claims_case_number,
    attachments: files.map((f) => ({ id: f.id, name: deps.cipher.decryptText({ table: 'intake_attachments', column: 'name_enc', rowId: f.id }, f.name_enc), mediaType: f.media_type, size: f.size_bytes })),
    earlierItems: item.earlier_items,
    ...(item.case_number === null ? {} : { caseNumber: item.case_number }),
    invalidReason: item.invalid_reason,
    note: item.note_enc ? deps.cipher.decryptText(ref('note_enc'), item.note_enc) : null,
    handledAt: item.handled_at?.toISOString() ?? null,
    ...listenFields(item),
    ...floodFields(item),
  };
}
