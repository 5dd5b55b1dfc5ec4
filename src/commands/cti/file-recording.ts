// recording.ready and voicemail.created (issue 6): the fetched, encrypted recording is filed where it
// belongs in the same transaction that marks the webhook id processed — on the call's case if it has one
// (now, or later when a case is registered from the call), on the voicemail's inbox item, or as a new
// voicemail item when the voicemail system took the call.
import type pg from 'pg';
import { callerE164 } from '../../domain/cti/calls.js';
import { inTransaction, type Deps } from '../deps.js';
import { callerColumns, callerOf, lockCallById, lockOrCreateCall, type CallRow } from './call-rows.js';
import { attachRecordingToCase, recordingAttachment, recordingName, type StoredRecording } from './recordings.js';
import { insertIntakeRecording, insertVoicemailItem } from './voicemail-item.js';
import { uuidv7 } from '../ids.js';

export type FileOutcome = 'filed' | 'replay' | 'duplicate';

/** The webhook id, once: false when a twin delivery committed first. */
export async function claimEvent(tx: pg.ClientBase, webhookId: string, type: string, at: Date): Promise<boolean> {
  const r = await tx.query('INSERT INTO cti_events (webhook_id, type, received_at) VALUES ($1, $2, $3) ON CONFLICT (webhook_id) DO NOTHING', [webhookId, type, at]);
  return (r.rowCount ?? 0) > 0;
}

/** false: the same audio is already the call's (the PBX announced it again under a new webhook id). */
async function insertRecording(tx: pg.ClientBase, callRowId: string, rec: StoredRecording, durationSec: number | null, at: Date): Promise<boolean> {
  const r = await tx.query(
    `INSERT INTO call_recordings (id, call_row_id, storage_key, media_type, size_bytes, fingerprint, duration_sec, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (call_row_id, fingerprint) DO NOTHING`,
    [rec.id, callRowId, rec.storageKey, rec.mediaType, rec.sizeBytes, rec.fingerprint, durationSec, at],
  );
  return (r.rowCount ?? 0) > 0;
}

async function itemOf(tx: pg.ClientBase, itemId: string): Promise<{ status: string; case_id: string | null } | null> {
  return (await tx.query<{ status: string; case_id: string | null }>('SELECT status, case_id FROM intake_items WHERE id = $1 FOR UPDATE', [itemId])).rows[0] ?? null;
}

/** Where a new recording of this call goes. */
async function route(deps: Deps, tx: pg.ClientBase, call: CallRow, rec: StoredRecording, voicemail: { mailbox: string | null; receivedAt: Date; durationSec: number; externalId: string } | null): Promise<void> {
  let caseId = call.case_id;
  if (caseId === null && call.intake_item_id !== null) {
    const item = await itemOf(tx, call.intake_item_id);
    if (item?.status === 'new') {
      await insertIntakeRecording(deps, tx, call.intake_item_id, rec, recordingName('voicemail', call.started_at, rec.mediaType, deps.timezone));
      return;
    }
    caseId = item?.case_id ?? null;
    if (caseId !== null) await tx.query('UPDATE calls SET case_id = $2 WHERE id = $1', [call.id, caseId]);
  }
  if (caseId !== null) {
    await attachRecordingToCase(deps, tx, caseId, recordingAttachment(deps, rec, recordingName(call.voicemail ? 'voicemail' : 'call', call.started_at, rec.mediaType, deps.timezone)));
    return;
  }
  if (voicemail === null && !call.voicemail) return;
  const at = voicemail?.receivedAt ?? call.ended_at ?? call.started_at ?? deps.clock.now();
  const itemId = await insertVoicemailItem(deps, tx, {
    externalId: voicemail?.externalId ?? `call:${call.call_id ?? call.id}`,
    receivedAt: at,
    caller: callerOf(deps, call),
    durationSec: voicemail?.durationSec ?? call.duration_sec ?? 0,
    callId: call.call_id,
    mailbox: voicemail?.mailbox ?? null,
  }, rec);
  if (itemId !== null) await tx.query('UPDATE calls SET intake_item_id = $2 WHERE id = $1', [call.id, itemId]);
}

export async function fileCallRecording(deps: Deps, webhookId: string, callId: string, rec: StoredRecording): Promise<FileOutcome> {
  return inTransaction(deps.pool, async (tx) => {
    const now = deps.clock.now();
    if (!(await claimEvent(tx, webhookId, 'recording.ready', now))) return 'replay';
    const call = await lockOrCreateCall(deps, tx, callId);
    if (!(await insertRecording(tx, call.id, rec, null, now))) return 'duplicate';
    await route(deps, tx, call, rec, null);
    return 'filed';
  });
}

export interface VoicemailEvent {
  readonly callId?: string | undefined;
  readonly mailbox: string;
  readonly from: string;
  readonly receivedAt: Date;
  readonly durationSec: number;
}

/** A voicemail without a call id still gets a (call-less) row, so its recording has an owner and the statistics count it. */
async function voicemailCall(deps: Deps, tx: pg.ClientBase, e: VoicemailEvent): Promise<CallRow> {
  if (e.callId !== undefined) return lockOrCreateCall(deps, tx, e.callId);
  const now = deps.clock.now();
  const id = uuidv7(now.getTime());
  await tx.query(`INSERT INTO calls (id, direction, state, voicemail, started_at, ended_at, duration_sec, created_at) VALUES ($1, 'in', 'ended', true, $2, $2, $3, $4)`, [id, e.receivedAt, e.durationSec, now]);
  const row = await lockCallById(tx, id);
  if (!row) throw new Error('voicemail call row vanished');
  return row;
}

export async function fileVoicemail(deps: Deps, webhookId: string, e: VoicemailEvent, rec: StoredRecording): Promise<FileOutcome> {
  return inTransaction(deps.pool, async (tx) => {
    const now = deps.clock.now();
    if (!(await claimEvent(tx, webhookId, 'voicemail.created', now))) return 'replay';
    const call = await voicemailCall(deps, tx, e);
    const caller = call.caller_enc === null ? callerColumns(deps, call.id, callerE164(e.from)) : { enc: null, bidx: null };
    await tx.query(
      `UPDATE calls SET voicemail = true, caller_enc = COALESCE(caller_enc, $2), caller_bidx = COALESCE(caller_bidx, $3),
         started_at = COALESCE(started_at, $4), duration_sec = COALESCE(duration_sec, $5) WHERE id = $1`,
      [call.id, caller.enc, caller.bidx, e.receivedAt, e.durationSec],
    );
    const updated: CallRow = { ...call, voicemail: true, caller_enc: call.caller_enc ?? caller.enc, started_at: call.started_at ?? e.receivedAt };
    if (!(await insertRecording(tx, call.id, rec, e.durationSec, now))) return 'duplicate';
    await route(deps, tx, updated, rec, { mailbox: e.mailbox, receivedAt: e.receivedAt, durationSec: e.durationSec, externalId: e.callId === undefined ? `vm:${webhookId}` : `call:${e.callId}` });
    return 'filed';
  });
}
