// The channel's record of one received message: the raw bytes encrypted into the attachment store (the
// evidence, bound to the row's id), and the mail_inbound row, written inside the transaction of whatever
// the message caused. The unique message key makes a second copy of the message fail that transaction.
import type pg from 'pg';
import { yearIn } from '../../commands/case-number.js';
import type { Deps } from '../../commands/deps.js';

export type InboundOutcome = 'item' | 'reply' | 'automatic' | 'bounce' | 'forged_bounce' | 'own' | 'quarantined';

export interface InboundMeta {
  readonly mailbox: string;
  readonly uid: number;
  readonly receivedAt: Date;
}

export interface InboundRow {
  readonly id: string;
  readonly key: string;
  readonly meta: InboundMeta;
  readonly sizeBytes: number;
  readonly from: string | null;
  readonly messageId: string | null;
  readonly rawKey: string;
}

export async function storeRaw(deps: Deps, id: string, raw: Buffer): Promise<string> {
  return deps.attachments.put(yearIn(deps.timezone, deps.clock.now()), id, deps.files.encryptBuffer(id, raw));
}

export async function readRaw(deps: Deps, id: string, rawKey: string): Promise<Buffer> {
  return deps.files.decryptBuffer(id, await deps.attachments.get(rawKey));
}

export async function insertInbound(
  deps: Deps,
  tx: pg.ClientBase,
  row: InboundRow,
  outcome: InboundOutcome,
  links: { readonly reason?: string | null; readonly itemId?: string | null; readonly caseId?: string | null; readonly outboundId?: string | null } = {},
): Promise<void> {
  await tx.query(
    `INSERT INTO mail_inbound (id, message_key, mailbox, uid, received_at, size_bytes, from_key, message_id_enc, raw_key, outcome, reason, item_id, case_id, outbound_id, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)`,
    [
      row.id, row.key, row.meta.mailbox, row.meta.uid, row.meta.receivedAt, row.sizeBytes,
      row.from === null ? null : deps.blind.index('email', row.from),
      row.messageId === null ? null : deps.cipher.encrypt({ table: 'mail_inbound', column: 'message_id_enc', rowId: row.id }, row.messageId),
      row.rawKey, outcome, links.reason ?? null, links.itemId ?? null, links.caseId ?? null, links.outboundId ?? null, deps.clock.now(),
    ],
  );
}

export async function alreadyReceived(deps: Deps, key: string): Promise<boolean> {
  return (await deps.pool.query('SELECT 1 FROM mail_inbound WHERE message_key = $1', [key])).rowCount !== 0;
}
