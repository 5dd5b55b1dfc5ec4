// The calls table as the PBX's events fill it (issue 6). Every event locks its call's row first, creating
// an empty one when it is the first to arrive, so events that race or come out of order serialise on one
// row and each only adds what it knows.
import type pg from 'pg';
import type { CallDirection, CallState } from '../../domain/cti/calls.js';
import type { Deps } from '../deps.js';
import { uuidv7 } from '../ids.js';

export interface CallRow {
  id: string;
  call_id: string | null;
  direction: CallDirection;
  caller_enc: Buffer | null;
  line: string | null;
  state: CallState;
  agent_user_id: string | null;
  voicemail: boolean;
  started_at: Date | null;
  answered_at: Date | null;
  ended_at: Date | null;
  duration_sec: number | null;
  case_id: string | null;
  intake_item_id: string | null;
}

const COLUMNS = 'id, call_id, direction, caller_enc, line, state, agent_user_id, voicemail, started_at, answered_at, ended_at, duration_sec, case_id, intake_item_id';

export async function lockCallById(tx: pg.ClientBase, id: string): Promise<CallRow | null> {
  return (await tx.query<CallRow>(`SELECT ${COLUMNS} FROM calls WHERE id = $1 FOR UPDATE`, [id])).rows[0] ?? null;
}

export async function lockCallByCallId(tx: pg.ClientBase, callId: string): Promise<CallRow | null> {
  return (await tx.query<CallRow>(`SELECT ${COLUMNS} FROM calls WHERE call_id = $1 FOR UPDATE`, [callId])).rows[0] ?? null;
}

/** The row of the PBX's call id, locked; an empty inbound ringing row when this event is its first news. */
export async function lockOrCreateCall(deps: Deps, tx: pg.ClientBase, callId: string): Promise<CallRow> {
  const now = deps.clock.now();
  await tx.query(`INSERT INTO calls (id, call_id, direction, state, created_at) VALUES ($1, $2, 'in', 'ringing', $3) ON CONFLICT (call_id) DO NOTHING`, [uuidv7(now.getTime()), callId, now]);
  const row = await lockCallByCallId(tx, callId);
  if (!row) throw new Error('call row vanished after its upsert');
  return row;
}

/** The outside party's number, encrypted for this row and blind-indexed; null for a withheld number. */
export function callerColumns(deps: Deps, rowId: string, e164: string | null): { enc: Buffer | null; bidx: Buffer | null } {
  if (e164 === null) return { enc: null, bidx: null };
  return { enc: deps.cipher.encrypt({ table: 'calls', column: 'caller_enc', rowId }, e164), bidx: deps.blind.index('phone', e164) };
}

export function callerOf(deps: Deps, row: { id: string; caller_enc: Buffer | null }): string | null {
  return row.caller_enc === null ? null : deps.cipher.decryptText({ table: 'calls', column: 'caller_enc', rowId: row.id }, row.caller_enc);
}
