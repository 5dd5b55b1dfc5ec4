// A channel adapter's message becomes an inbox item exactly once per (channel, externalId)
// (DESIGN §5, §8): contact and text encrypted, the contact blind-indexed, files encrypted.
import type pg from 'pg';
import { INBOX_CONTACT } from '../../domain/intake.js';
import { insertAudit } from '../../store/audit-rows.js';
import type { AttachmentState } from '../../store/case-state.js';
import { yearIn } from '../case-number.js';
import { inTransaction, type Deps } from '../deps.js';
import { uuidv7 } from '../ids.js';
import { storeFiles } from '../new-case.js';
import { checkedIntakeMessage, type CheckedIntakeMessage, type IntakeMessage } from './intake-message.js';

export type { IntakeMessage } from './intake-message.js';

export interface IngestResult {
  readonly itemId: string;
  /** false: this message was already in the inbox; nothing was written. */
  readonly created: boolean;
}

async function existingItem(db: pg.Pool, channel: string, externalId: string): Promise<string | null> {
  const r = await db.query<{ id: string }>('SELECT id FROM intake_items WHERE channel = $1 AND external_id = $2', [channel, externalId]);
  return r.rows[0]?.id ?? null;
}

export async function insertAttachments(tx: pg.ClientBase, itemId: string, files: readonly AttachmentState[], now: Date): Promise<void> {
  if (files.length === 0) return;
  await tx.query(
    `INSERT INTO intake_attachments (id, item_id, name_enc, media_type, size_bytes, fingerprint, storage_key, created_at)
     SELECT u.id, $1, u.name_enc, u.media_type, u.size_bytes, u.fingerprint, u.storage_key, $8
     FROM unnest($2::uuid[], $3::bytea[], $4::text[], $5::bigint[], $6::bytea[], $7::text[]) AS u(id, name_enc, media_type, size_bytes, fingerprint, storage_key)`,
    [itemId, files.map((f) => f.id), files.map((f) => f.name_enc), files.map((f) => f.media_type), files.map((f) => f.size_bytes), files.map((f) => f.fingerprint), files.map((f) => f.storage_key), now],
  );
}

/** The item row, its files and its audit record, in the caller's transaction; false when the externalId is already in. */
export async function insertIntakeItem(deps: Deps, tx: pg.ClientBase, msg: CheckedIntakeMessage, itemId: string, receivedAt: Date, files: readonly AttachmentState[], now: Date): Promise<boolean> {
  const ref = (column: string) => ({ table: 'intake_items', column, rowId: itemId });
  const r = await tx.query(
    `INSERT INTO intake_items (id, channel, external_id, received_at, contact_enc, contact_bidx, text_enc, details_enc, thread_key, claims_case_number, status, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'new', $11)
     ON CONFLICT (channel, external_id) DO NOTHING RETURNING id`,
    [
      itemId, msg.channel, msg.externalId, receivedAt,
      msg.contact === null ? null : deps.cipher.encrypt(ref('contact_enc'), msg.contact),
      msg.contact === null ? null : deps.blind.index(INBOX_CONTACT[msg.channel].kind, msg.contact),
      deps.cipher.encrypt(ref('text_enc'), msg.text),
      msg.details ? deps.cipher.encryptJson(ref('details_enc'), msg.details) : null,
      msg.threadKey ?? null, msg.claimsCaseNumber ?? null, now,
    ],
  );
  if (r.rowCount === 0) return false;
  await insertAttachments(tx, itemId, files, now);
  await insertAudit(tx, { actorKind: 'system', actorRef: `adapter:${msg.channel}`, action: 'intake.ingest', target: itemId });
  return true;
}

/**
 * `alsoWrite`: the adapter's own record of the message (the e-mail channel's mail_inbound row), written
 * in the item's transaction so the two exist together or not at all.
 */
export async function ingestIntakeMessage(deps: Deps, raw: IntakeMessage, alsoWrite?: (tx: pg.ClientBase, itemId: string) => Promise<void>): Promise<IngestResult> {
  const msg = checkedIntakeMessage(raw);
  // A redelivered message costs one indexed read, not an encryption of its files.
  const known = await existingItem(deps.pool, msg.channel, msg.externalId);
  if (known) return { itemId: known, created: false };
  const now = deps.clock.now();
  const itemId = uuidv7(now.getTime());
  // A sender's clock cannot put an item ahead of the inbox's own time.
  const receivedAt = msg.receivedAt.getTime() > now.getTime() ? now : msg.receivedAt;
  const files = await storeFiles(deps, msg.attachments, yearIn(deps.timezone, now), now, 'intake_attachments');
  try {
    const created = await inTransaction(deps.pool, async (tx) => {
      const inserted = await insertIntakeItem(deps, tx, msg, itemId, receivedAt, files, now);
      if (inserted) await alsoWrite?.(tx, itemId);
      return inserted;
    });
    if (created) return { itemId, created: true };
  } catch (err) {
    await Promise.all(files.map((f) => deps.attachments.remove(f.storage_key)));
    throw err;
  }
  // A twin delivery of the same message committed between our read and our insert.
  await Promise.all(files.map((f) => deps.attachments.remove(f.storage_key)));
  const twin = await existingItem(deps.pool, msg.channel, msg.externalId);
  if (!twin) throw new Error('intake item vanished after a conflicting insert');
  return { itemId: twin, created: false };
}
