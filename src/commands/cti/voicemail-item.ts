// A voicemail becomes one inbox item (issue 6, DESIGN §5): channel voicemail, the caller as contact, the
// recording as its file (the same stored blob, under the recording's id) and the listen-by clock, written
// in the transaction that records the PBX's event.
import type pg from 'pg';
import { voicemailText } from '../../domain/cti/calls.js';
import { voicemailDue } from '../../domain/cti/voicemail.js';
import { instantOf, localDateTimeOf } from '../../domain/cti/zoned-time.js';
import { insertAudit } from '../../store/audit-rows.js';
import { loadCalendar, loadWorkingHours } from '../../store/reference-data.js';
import type { Deps } from '../deps.js';
import { uuidv7 } from '../ids.js';
import { checkedIntakeMessage } from '../intake/intake-message.js';
import { recordingName, type StoredRecording } from './recordings.js';

export interface Voicemail {
  /** `call:<callId>`, or `vm:<webhook-id>` for a message the PBX reports without a call */
  readonly externalId: string;
  readonly receivedAt: Date;
  readonly caller: string | null;
  readonly durationSec: number;
  readonly callId: string | null;
  readonly mailbox: string | null;
}

/** When it must have been listened to, as an instant. */
export async function listenByOf(deps: Deps, tx: pg.ClientBase, receivedAt: Date): Promise<Date> {
  const local = localDateTimeOf(deps.timezone, receivedAt);
  const due = voicemailDue(await loadCalendar(tx), await loadWorkingHours(tx), local.date, local.time);
  return instantOf(deps.timezone, due.date, due.time);
}

/** The item's id; null when the item already exists (a redelivery under another webhook id). */
export async function insertVoicemailItem(deps: Deps, tx: pg.ClientBase, vm: Voicemail, recording: StoredRecording): Promise<string | null> {
  const now = deps.clock.now();
  const details: Record<string, string> = { durationSec: String(vm.durationSec) };
  if (vm.callId !== null) details.callId = vm.callId;
  if (vm.mailbox !== null) details.mailbox = vm.mailbox;
  const name = recordingName('voicemail', vm.receivedAt, recording.mediaType, deps.timezone);
  // The same checks as any adapter's message; the file is already stored, so it travels as metadata only.
  // An internal extension or short code is no number to call back or to find earlier items by.
  const contact = vm.caller !== null && /^\+?\d{5,20}$/u.test(vm.caller) ? vm.caller : null;
  const msg = checkedIntakeMessage({ channel: 'voicemail', externalId: vm.externalId, receivedAt: vm.receivedAt, contact, text: voicemailText(vm.durationSec), details, attachments: [] });
  const itemId = uuidv7(now.getTime());
  const ref = (column: string) => ({ table: 'intake_items', column, rowId: itemId });
  const receivedAt = msg.receivedAt.getTime() > now.getTime() ? now : msg.receivedAt;
  const r = await tx.query(
    `INSERT INTO intake_items (id, channel, external_id, received_at, contact_enc, contact_bidx, text_enc, details_enc, status, listen_by, created_at)
     VALUES ($1, 'voicemail', $2, $3, $4, $5, $6, $7, 'new', $8, $9)
     ON CONFLICT (channel, external_id) DO NOTHING`,
    [
      itemId, msg.externalId, receivedAt,
      msg.contact === null ? null : deps.cipher.encrypt(ref('contact_enc'), msg.contact),
      msg.contact === null ? null : deps.blind.index('phone', msg.contact),
      deps.cipher.encrypt(ref('text_enc'), msg.text),
      deps.cipher.encryptJson(ref('details_enc'), details),
      await listenByOf(deps, tx, receivedAt), now,
    ],
  );
  if (r.rowCount === 0) return null;
  await insertIntakeRecording(deps, tx, itemId, recording, name);
  await insertAudit(tx, { actorKind: 'system', actorRef: 'adapter:voicemail', action: 'intake.ingest', target: itemId });
  return itemId;
}

/** The recording as a file of the inbox item, under its own id (register-item copies it to the case). */
export async function insertIntakeRecording(deps: Deps, tx: pg.ClientBase, itemId: string, recording: StoredRecording, name: string): Promise<void> {
  await tx.query(
    `INSERT INTO intake_attachments (id, item_id, name_enc, media_type, size_bytes, fingerprint, storage_key, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (id) DO NOTHING`,
    [recording.id, itemId, deps.cipher.encrypt({ table: 'intake_attachments', column: 'name_enc', rowId: recording.id }, name), recording.mediaType, recording.sizeBytes, recording.fingerprint, recording.storageKey, deps.clock.now()],
  );
}
