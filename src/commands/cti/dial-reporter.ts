// A follow-up call to the reporter through the PBX (issue 6, DESIGN §5): for the user who may now record
// the follow-up visit, or the clerk of a case handled directly. The call's row (and the audit row) commit
// before the PBX is asked, so the PBX's call.new always finds the row its `reference` names; if the PBX
// refuses, the row goes again and only the audit row of the attempt stays.
import { randomUUID } from 'node:crypto';
import { callerE164 } from '../../domain/cti/calls.js';
import { authorize } from '../../domain/policies.js';
import { readableCase } from '../../queries/cases/readable.js';
import { insertAudit } from '../../store/audit-rows.js';
import type { StaffActor } from '../case-actions/scope.js';
import { CommandError } from '../command-error.js';
import { inTransaction, type Deps } from '../deps.js';
import { uuidv7 } from '../ids.js';
import { callerColumns } from './call-rows.js';

export type DialOutcome =
  | { readonly kind: 'requested'; readonly requestId: string }
  | { readonly kind: 'no_seat' }
  | { readonly kind: 'no_phone' }
  | { readonly kind: 'pbx_failed' };

interface Prepared {
  readonly callRowId: string;
  readonly requestId: string;
  readonly seat: string;
  readonly to: string;
}

async function prepare(deps: Deps, actor: StaffActor, caseNumber: string): Promise<Prepared | DialOutcome> {
  return inTransaction(deps.pool, async (tx) => {
    const { record, view, org } = await readableCase(deps, tx, actor, caseNumber);
    const followsUp = authorize(actor, 'record_follow_up', view, org.tree).ok;
    const handlesDirectly = actor.roles.includes('intake') && view.state === 'direct_handling';
    if (!followsUp && !handlesDirectly) throw new CommandError('forbidden', { zh: '只有当前可记录回访的人员或直办案件的受理人员可以拨打反映人电话', en: 'Only the user who may now record the follow-up, or intake on a case handled directly, may call the reporter' });
    const seat = (await tx.query<{ seat_extension: string | null }>('SELECT seat_extension FROM users WHERE id = $1', [actor.userId])).rows[0]?.seat_extension ?? null;
    if (seat === null) return { kind: 'no_seat' };
    const rep = (await tx.query<{ id: string; phone_enc: Buffer | null }>('SELECT id, phone_enc FROM reporters WHERE case_id = $1', [record.row.id])).rows[0];
    const phone = rep?.phone_enc ? callerE164(deps.cipher.decryptText({ table: 'reporters', column: 'phone_enc', rowId: rep.id }, rep.phone_enc)) : null;
    if (phone === null) return { kind: 'no_phone' };
    const now = deps.clock.now();
    const requestId = randomUUID();
    const callRowId = uuidv7(now.getTime());
    const task = (await tx.query<{ id: string }>("SELECT id FROM follow_ups WHERE case_id = $1 AND status = 'open' ORDER BY cycle DESC LIMIT 1", [record.row.id])).rows[0]?.id ?? null;
    const caller = callerColumns(deps, callRowId, phone);
    await tx.query(
      `INSERT INTO calls (id, direction, caller_enc, caller_bidx, line, state, agent_user_id, agent_extension, started_at, case_id, follow_up_id, dial_request_id, created_at)
       VALUES ($1, 'out', $2, $3, $4, 'ringing', $5, $4, $6, $7, $8, $9, $6)`,
      [callRowId, caller.enc, caller.bidx, seat, actor.userId, now, record.row.id, task, requestId],
    );
    await insertAudit(tx, { actorKind: 'staff', actorUserId: actor.userId, action: 'call.dial', caseId: record.row.id, target: `dial:${requestId}` });
    return { callRowId, requestId, seat, to: phone };
  });
}

export async function dialReporter(deps: Deps, actor: StaffActor, caseNumber: string, send: (req: { requestId: string; from: string; to: string }) => Promise<boolean>): Promise<DialOutcome> {
  const p = await prepare(deps, actor, caseNumber);
  if ('kind' in p) return p;
  if (await send({ requestId: p.requestId, from: p.seat, to: p.to })) return { kind: 'requested', requestId: p.requestId };
  // A PBX that refused may still have reported the call; a row it joined is a real call and stays.
  await deps.pool.query('DELETE FROM calls WHERE id = $1 AND call_id IS NULL', [p.callRowId]);
  return { kind: 'pbx_failed' };
}
