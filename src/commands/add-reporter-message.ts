// The reporter adds information to their case: message, timeline, audit and outbox in one transaction.
import type { CaseState } from '../domain/case-states.js';
import { transitionFor } from '../domain/lifecycle.js';
import type { OutboxKind } from '../domain/outbox-kinds.js';
import { caseDigest } from '../security/audit-digest.js';
import { insertAudit } from '../store/audit-rows.js';
import { CASE_COLUMNS, caseRowOf, type CaseDbRow } from '../store/case-row.js';
import { canonicalStateBytes, loadChildren, messageChild, type MessageState } from '../store/case-state.js';
import { inTransaction, type Deps } from './deps.js';
import { uuidv7 } from './ids.js';

const MESSAGE_KIND: OutboxKind = 'case.reporter_message';

export type AddMessageOutcome = { ok: true } | { ok: false; state: CaseState };

export async function addReporterMessage(deps: Deps, caseId: string, text: string): Promise<AddMessageOutcome> {
  return inTransaction(deps.pool, async (tx) => {
    const found = (await tx.query<CaseDbRow>(`SELECT ${CASE_COLUMNS} FROM cases WHERE id = $1 FOR UPDATE`, [caseId])).rows[0];
    if (!found) throw new Error('case vanished between resolve and write');
    const row = caseRowOf(found);
    const state = row.state as CaseState;
    if (!transitionFor(state, 'add_information', 'reporter')) return { ok: false, state };
    const now = deps.clock.now();
    const id = uuidv7(now.getTime());
    const message: MessageState = { id, direction: 'from_reporter', author_user_id: null, body_enc: deps.cipher.encrypt({ table: 'messages', column: 'body_enc', rowId: id }, text) };
    // The digest covers the children as they will be, the new message included.
    const children = [...((await loadChildren(tx, [caseId])).get(caseId) ?? []), messageChild(message)];
    await tx.query('INSERT INTO messages (id, case_id, direction, body_enc, created_at) VALUES ($1, $2, $3, $4, $5)', [id, caseId, message.direction, message.body_enc, now]);
    await tx.query(`INSERT INTO timeline (case_id, at, event, actor_kind, public) VALUES ($1, $2, 'add_information', 'reporter', true)`, [caseId, now]);
    await insertAudit(tx, { actorKind: 'reporter', action: 'case.add_information', caseId, target: id, caseDigest: caseDigest(deps.ring, canonicalStateBytes(row, children)) });
    await tx.query(`INSERT INTO outbox (kind, case_id, payload, created_at, available_at) VALUES ($1, $2, $3, $4, $4)`, [
      MESSAGE_KIND, caseId, JSON.stringify({ caseId, messageId: id }), now,
    ]);
    return { ok: true };
  });
}
