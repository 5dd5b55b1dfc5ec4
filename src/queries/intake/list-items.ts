// The intake inbox for a clerk (DESIGN §2, §5): newest first, with the sender's contact, so the read
// is audited in the same transaction before a byte of it leaves (DESIGN §7.2).
import { inTransaction, type Deps } from '../../commands/deps.js';
import type { StaffActor } from '../../commands/new-case.js';
import type { InboxChannel } from '../../domain/channels.js';
import { PREVIEW_CODE_POINTS, type IntakeStatus } from '../../domain/intake.js';
import { insertAudit } from '../../store/audit-rows.js';
import { encodeCursor, type ItemCursor } from './cursor.js';

export interface ItemFilter {
  readonly status?: IntakeStatus | undefined;
  readonly channel?: InboxChannel | undefined;
  readonly limit: number;
  readonly cursor?: ItemCursor | undefined;
}

export interface IntakeListItem {
  readonly id: string;
  readonly channel: InboxChannel;
  readonly receivedAt: string;
  readonly status: IntakeStatus;
  readonly preview: string;
  readonly contact: string | null;
  readonly claimsCaseNumber: string | null;
  readonly attachmentCount: number;
  /** Other items from the same sender (same contact blind index). */
  readonly earlierItems: number;
  readonly caseNumber?: string;
  /** voicemail: by when it must have been listened to, and when it first was */
  readonly listenBy?: string;
  readonly listenedAt?: string | null;
  /** an e-mail flood group: how many mails from the one sender it holds */
  readonly floodCount?: number;
}

export interface IntakePage {
  readonly items: IntakeListItem[];
  readonly nextCursor: string | null;
}

interface Row {
  id: string;
  channel: InboxChannel;
  received_at: Date;
  received_key: string;
  status: IntakeStatus;
  text_enc: Buffer;
  contact_enc: Buffer | null;
  claims_case_number: string | null;
  attachment_count: number;
  earlier_items: number;
  case_number: string | null;
  listen_by: Date | null;
  listened_at: Date | null;
  flood_count: number | null;
}

/** The voicemail clock's two fields, on voicemail items only. */
export function listenFields(x: { listen_by: Date | null; listened_at: Date | null }): { listenBy?: string; listenedAt?: string | null } {
  return x.listen_by === null ? {} : { listenBy: x.listen_by.toISOString(), listenedAt: x.listened_at?.toISOString() ?? null };
}

/** Only on an e-mail flood group (src/channels/email/flood.ts). */
export function floodFields(x: { flood_count: number | null }): { floodCount?: number } {
  return x.flood_count === null ? {} : { floodCount: x.flood_count };
}

/** Shared with the item view: a sealed case's number is not shown outside its group (DESIGN §3.4). */
export const ITEM_EXTRAS = `
  (SELECT count(*)::int FROM intake_attachments a WHERE a.item_id = i.id) AS attachment_count,
  CASE WHEN i.contact_bidx IS NULL THEN 0
       ELSE (SELECT count(*)::int FROM intake_items o WHERE o.contact_bidx = i.contact_bidx AND o.id <> i.id) END AS earlier_items,
  (SELECT c.case_number FROM cases c WHERE c.id = i.case_id AND NOT c.sealed) AS case_number,
  i.listen_by, i.listened_at,
  CASE WHEN i.channel = 'email' AND i.thread_key LIKE 'flood:%'
       THEN (SELECT count(*)::int FROM mail_inbound m WHERE m.item_id = i.id) END AS flood_count`;

const LIST_SQL = `
SELECT i.id, i.channel, i.received_at, to_char(i.received_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS received_key,
  i.status, i.text_enc, i.contact_enc, i.claims_case_number, ${ITEM_EXTRAS}
FROM intake_items i
WHERE ($1::text IS NULL OR i.status = $1) AND ($2::text IS NULL OR i.channel = $2)
  AND ($3::timestamptz IS NULL OR (i.received_at, i.id) < ($3::timestamptz, $4::uuid))
ORDER BY i.received_at DESC, i.id DESC
LIMIT $5`;

function preview(text: string): string {
  return Array.from(text.replace(/\s+/gu, ' ').trim()).slice(0, PREVIEW_CODE_POINTS).join('');
}

export async function listIntakeItems(deps: Deps, actor: StaffActor, f: ItemFilter): Promise<IntakePage> {
  const rows = await inTransaction(deps.pool, async (tx) => {
    const r = await tx.query<Row>(LIST_SQL, [f.status ?? null, f.channel ?? null, f.cursor?.receivedAt ?? null, f.cursor?.id ?? null, f.limit + 1]);
    const page = r.rows.slice(0, f.limit);
    // Which items were shown, never what they say; if this write fails, nothing is shown.
    await insertAudit(tx, { actorKind: 'staff', actorUserId: actor.userId, action: 'intake.list', target: page.map((x) => x.id).join(',') || null });
    return { page, more: r.rows.length > f.limit };
  });
  const ref = (id: string, column: string) => ({ table: 'intake_items', column, rowId: id });
  const items = rows.page.map((x): IntakeListItem => ({
    id: x.id,
    channel: x.channel,
    receivedAt: x.received_at.toISOString(),
    status: x.status,
    preview: preview(deps.cipher.decryptText(ref(x.id, 'text_enc'), x.text_enc)),
    contact: x.contact_enc ? deps.cipher.decryptText(ref(x.id, 'contact_enc'), x.contact_enc) : null,
    claimsCaseNumber: x.claims_case_number,
    attachmentCount: x.attachment_count,
    earlierItems: x.earlier_items,
    ...(x.case_number === null ? {} : { caseNumber: x.case_number }),
    ...listenFields(x),
    ...floodFields(x),
  }));
  const last = rows.page.at(-1);
  return { items, nextCursor: rows.more && last ? encodeCursor({ receivedAt: last.received_key, id: last.id }) : null };
}
