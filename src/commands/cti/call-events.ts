// call.new, call.answered and call.ended (Zammad's newCall, answer, hangup) applied to the call's row
// (issue 6). Each fills what it knows and never takes the call back: an answer after the hangup keeps the
// call ended, a late call.new only fills the fields still empty.
import type pg from 'pg';
import { callerE164, laterState, partiesOf, VOICEMAIL_ANSWERER } from '../../domain/cti/calls.js';
import type { Deps } from '../deps.js';
import { callerColumns, callerOf, lockCallByCallId, lockOrCreateCall, type CallRow } from './call-rows.js';
import { insertVoicemailItem } from './voicemail-item.js';

export interface CallNew {
  readonly callId: string;
  readonly from: string;
  readonly to: string;
  readonly direction: 'in' | 'out';
  readonly queue?: string | undefined;
  readonly startedAt: Date;
  readonly reference?: string | undefined;
}

/**
 * The row this call.new is about. A click-to-dial row (found by our request id in `reference`) takes the
 * PBX's call id; if an earlier event already made a row under that id, the dial row's links move onto it.
 */
async function rowForNew(deps: Deps, tx: pg.ClientBase, e: CallNew): Promise<CallRow> {
  if (e.reference === undefined) return lockOrCreateCall(deps, tx, e.callId);
  const dialled = (await tx.query<{ id: string; call_id: string | null }>('SELECT id, call_id FROM calls WHERE dial_request_id = $1 FOR UPDATE', [e.reference])).rows[0];
  if (!dialled || dialled.call_id === e.callId) return lockOrCreateCall(deps, tx, e.callId);
  if (dialled.call_id !== null) return lockOrCreateCall(deps, tx, e.callId);
  const existing = await lockCallByCallId(tx, e.callId);
  if (existing) {
    const moved = await tx.query<{ case_id: string | null; follow_up_id: string | null; started_at: Date | null }>(
      'DELETE FROM calls WHERE id = $1 RETURNING case_id, follow_up_id, started_at',
      [dialled.id],
    );
    const d = moved.rows[0];
    await tx.query('UPDATE calls SET case_id = COALESCE(case_id, $2), follow_up_id = COALESCE(follow_up_id, $3), dial_request_id = $4 WHERE id = $1', [existing.id, d?.case_id ?? null, d?.follow_up_id ?? null, e.reference]);
    return { ...existing, case_id: existing.case_id ?? d?.case_id ?? null };
  }
  await tx.query('UPDATE calls SET call_id = $2 WHERE id = $1', [dialled.id, e.callId]);
  const row = await lockCallByCallId(tx, e.callId);
  if (!row) throw new Error('dialled call row vanished');
  return row;
}

export async function applyCallNew(deps: Deps, tx: pg.ClientBase, e: CallNew): Promise<CallRow> {
  const row = await rowForNew(deps, tx, e);
  const { outside, line } = partiesOf(e.direction, e.from, e.to);
  // A dial row already holds the reporter's number (encrypted at dial time); the PBX's copy adds nothing.
  const caller = row.caller_enc === null ? callerColumns(deps, row.id, callerE164(outside)) : { enc: null, bidx: null };
  await tx.query(
    `UPDATE calls SET direction = $2, caller_enc = COALESCE(caller_enc, $3), caller_bidx = COALESCE(caller_bidx, $4),
       line = COALESCE(line, $5), queue = COALESCE(queue, $6), started_at = LEAST(COALESCE(started_at, $7), $7)
     WHERE id = $1`,
    [row.id, e.direction, caller.enc, caller.bidx, line, e.queue ?? null, e.startedAt],
  );
  return row;
}

/** The recording came before the news that the voicemail took the call: the inbox item is made now. */
async function voicemailOfEarlyRecording(deps: Deps, tx: pg.ClientBase, row: CallRow): Promise<void> {
  if (row.case_id !== null || row.intake_item_id !== null) return;
  const rec = (await tx.query<{ id: string; storage_key: string; media_type: string; size_bytes: number; fingerprint: Buffer }>(
    'SELECT id, storage_key, media_type, size_bytes::float8 AS size_bytes, fingerprint FROM call_recordings WHERE call_row_id = $1 ORDER BY id LIMIT 1',
    [row.id],
  )).rows[0];
  if (!rec) return;
  const itemId = await insertVoicemailItem(deps, tx, {
    externalId: `call:${row.call_id ?? row.id}`,
    receivedAt: row.started_at ?? deps.clock.now(),
    caller: callerOf(deps, row),
    durationSec: row.duration_sec ?? 0,
    callId: row.call_id,
    mailbox: null,
  }, { id: rec.id, storageKey: rec.storage_key, mediaType: rec.media_type, sizeBytes: rec.size_bytes, fingerprint: rec.fingerprint });
  if (itemId !== null) await tx.query('UPDATE calls SET intake_item_id = $2 WHERE id = $1', [row.id, itemId]);
}

/** A seat extension first (the PBX's own name for the phone), then a username. */
async function answeringUser(tx: pg.ClientBase, answeredBy: string): Promise<string | null> {
  const r = await tx.query<{ id: string }>(
    `SELECT id FROM users WHERE active AND (seat_extension = $1 OR lower(username) = lower($1))
     ORDER BY (seat_extension = $1) DESC NULLS LAST LIMIT 1`,
    [answeredBy],
  );
  return r.rows[0]?.id ?? null;
}

export async function applyCallAnswered(deps: Deps, tx: pg.ClientBase, e: { callId: string; answeredBy: string; answeredAt: Date }): Promise<CallRow> {
  const row = await lockOrCreateCall(deps, tx, e.callId);
  if (e.answeredBy === VOICEMAIL_ANSWERER) {
    await tx.query('UPDATE calls SET voicemail = true WHERE id = $1', [row.id]);
    await voicemailOfEarlyRecording(deps, tx, row);
    return { ...row, voicemail: true };
  }
  const agent = await answeringUser(tx, e.answeredBy);
  await tx.query(
    `UPDATE calls SET agent_user_id = COALESCE($2, agent_user_id), agent_extension = $3, answered_at = COALESCE(answered_at, $4), state = $5 WHERE id = $1`,
    [row.id, agent, e.answeredBy, e.answeredAt, laterState(row.state, 'answered')],
  );
  return row;
}

export async function applyCallEnded(deps: Deps, tx: pg.ClientBase, e: { callId: string; cause: string; q850?: number | undefined; endedAt: Date; durationSec: number }): Promise<CallRow> {
  const row = await lockOrCreateCall(deps, tx, e.callId);
  await tx.query(
    `UPDATE calls SET state = 'ended', ended_at = COALESCE(ended_at, $2), cause = COALESCE(cause, $3), q850 = COALESCE(q850, $4), duration_sec = COALESCE(duration_sec, $5) WHERE id = $1`,
    [row.id, e.endedAt, e.cause, e.q850 ?? null, e.durationSec],
  );
  return { ...row, state: 'ended', ended_at: row.ended_at ?? e.endedAt, duration_sec: row.duration_sec ?? e.durationSec };
}
