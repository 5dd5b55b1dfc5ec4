// Floods from one sender (issue 7): kept, never dropped, but once the sender passes the hourly threshold
// every further mail of that hour joins ONE inbox item, the flood group, instead of making its own: the
// clerk sees one item (疑似批量来信, with its count) that can be marked invalid or registered in one action.
// Each mail keeps its own mail_inbound row and encrypted raw copy; its words are appended to the group's
// text (up to the inbox's limit) and its files, checked, added to the group's files.
import type pg from 'pg';
import { yearIn } from '../../commands/case-number.js';
import type { Deps } from '../../commands/deps.js';
import { insertAttachments } from '../../commands/intake/ingest-message.js';
import { storeFiles } from '../../commands/new-case.js';
import { insertAudit } from '../../store/audit-rows.js';
import type { CheckedAttachments } from './attachments.js';
import { insertInbound, type InboundRow } from './inbound-record.js';
import type { InboundMail } from './parse.js';

const HOUR_MS = 3_600_000;
/** The inbox's limit on an item's text (src/commands/intake/intake-message.ts). */
const MAX_GROUP_TEXT = 100_000;

export const FLOOD_PREFIX = 'flood:';

/** The group's thread key, or null while the sender is under the threshold this hour. */
export async function floodGroup(deps: Deps, from: string, perHour: number): Promise<string | null> {
  const now = deps.clock.now();
  const key = deps.blind.index('email', from);
  const r = await deps.pool.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM mail_inbound WHERE from_key = $1 AND created_at > $2 AND outcome IN ('item', 'reply')`,
    [key, new Date(now.getTime() - HOUR_MS)],
  );
  if ((r.rows[0]?.n ?? 0) < perHour) return null;
  // The blind index is already keyed; a prefix of it names the sender without revealing the address.
  return `${FLOOD_PREFIX}${key.toString('hex').slice(0, 24)}:${String(Math.floor(now.getTime() / HOUR_MS))}`;
}

/** What one more mail adds to the group's text: a separator with its subject, then its words. */
export function floodAddition(ordinal: number, subject: string, text: string): string {
  const head = `—— 第${String(ordinal)}封${subject === '' ? '' : `：${subject.slice(0, 200)}`} ——`;
  return `\n\n${head}\n${text}`;
}

/**
 * Adds the mail to the sender's open flood group of this window, in one transaction with its record.
 * false when there is no open group (none yet, or the clerk has handled it): the caller makes a new one.
 */
export async function joinFloodGroup(deps: Deps, tx: pg.ClientBase, row: InboundRow, mail: InboundMail, threadKey: string, files: CheckedAttachments): Promise<boolean> {
  const group = (
    await tx.query<{ id: string; text_enc: Buffer }>(
      `SELECT id, text_enc FROM intake_items WHERE channel = 'email' AND thread_key = $1 AND status = 'new' ORDER BY created_at DESC, id DESC LIMIT 1 FOR UPDATE`,
      [threadKey],
    )
  ).rows[0];
  if (group === undefined) return false;
  const now = deps.clock.now();
  await insertInbound(deps, tx, row, 'item', { itemId: group.id, reason: 'flood' });
  const count = (await tx.query<{ n: number }>('SELECT count(*)::int AS n FROM mail_inbound WHERE item_id = $1', [group.id])).rows[0]?.n ?? 1;
  const ref = { table: 'intake_items', column: 'text_enc', rowId: group.id };
  const before = deps.cipher.decryptText(ref, group.text_enc);
  const refused = files.refused.length === 0 ? '' : `\n（未收入的附件：${files.refused.join('；')}）`;
  const added = floodAddition(count, mail.subject, `${mail.text}${refused}`);
  // Past the limit the mail is still counted and kept (raw copy); only its words are not repeated here.
  if (before.length + added.length <= MAX_GROUP_TEXT) await tx.query('UPDATE intake_items SET text_enc = $2 WHERE id = $1', [group.id, deps.cipher.encrypt(ref, before + added)]);
  const stored = await storeFiles(deps, files.accepted, yearIn(deps.timezone, now), now, 'intake_attachments');
  try {
    await insertAttachments(tx, group.id, stored, now);
  } catch (err) {
    await Promise.all(stored.map((f) => deps.attachments.remove(f.storage_key)));
    throw err;
  }
  await insertAudit(tx, { actorKind: 'system', actorRef: 'adapter:email', action: 'intake.flood_join', target: group.id });
  return true;
}
