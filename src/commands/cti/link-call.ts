// A case registered from a call (issue 6): the call's row is locked, its recordings join the new case's
// files (so the case's first audit digest covers them), and the row names the case — all in the case's
// own transaction. A call the PBX has not reported yet gets its row now; its events fill it later.
import type pg from 'pg';
import type { AttachmentState } from '../../store/case-state.js';
import type { Deps } from '../deps.js';
import { lockCallById, lockOrCreateCall } from './call-rows.js';
import { unattachedRecordings } from './recordings.js';

export interface CallLink {
  readonly callRowId: string;
  readonly recordings: readonly AttachmentState[];
}

/**
 * One call may carry two matters, so a second case from the same call is registered too; the call (and
 * its recordings) stay with the first case, and the second names the call only in its channel record.
 */
export async function callForNewCase(deps: Deps, tx: pg.ClientBase, callId: string): Promise<CallLink | null> {
  const row = await lockOrCreateCall(deps, tx, callId);
  if (row.case_id !== null) return null;
  return { callRowId: row.id, recordings: await unattachedRecordings(deps, tx, row.id) };
}

/** The calls behind an inbox item (a voicemail), with their recordings the item does not already carry. */
export async function callsOfItem(deps: Deps, tx: pg.ClientBase, itemId: string, itemFileIds: ReadonlySet<string>): Promise<CallLink[]> {
  const ids = await tx.query<{ id: string }>('SELECT id FROM calls WHERE intake_item_id = $1 AND case_id IS NULL ORDER BY id', [itemId]);
  const links: CallLink[] = [];
  for (const { id } of ids.rows) {
    if (!(await lockCallById(tx, id))) continue;
    links.push({ callRowId: id, recordings: await unattachedRecordings(deps, tx, id, itemFileIds) });
  }
  return links;
}

export async function linkCallsToCase(tx: pg.ClientBase, links: readonly CallLink[], caseId: string): Promise<void> {
  if (links.length === 0) return;
  await tx.query('UPDATE calls SET case_id = $2 WHERE id = ANY($1::uuid[])', [links.map((l) => l.callRowId), caseId]);
}
