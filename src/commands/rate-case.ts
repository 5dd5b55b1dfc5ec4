// The reporter's online rating (DESIGN §3.2): once, after the reply; recorded as a follow-up outcome with
// channel `online`, it fulfils an open follow-up task, and a dissatisfied rating goes to the assigners.
import type { CaseState } from '../domain/case-states.js';
import { reporterMay } from '../domain/lifecycle.js';
import { caseDigest } from '../security/audit-digest.js';
import { insertAudit } from '../store/audit-rows.js';
import { findCaseRowById, loadCaseParts } from '../store/case-record.js';
import { caseViewOf, localDateOf } from '../store/case-view-of.js';
import { loadReferenceSet } from '../store/reference-data.js';
import { CASE_COLUMNS, caseRowOf, type CaseDbRow } from '../store/case-row.js';
import { canonicalStateBytes, loadChildren } from '../store/case-state.js';
import { inTransaction, type Deps } from './deps.js';
import { uuidv7 } from './ids.js';
import { writeNotifications } from './notify.js';

export interface Rating {
  readonly rating: 'satisfied' | 'basically_satisfied' | 'dissatisfied';
  readonly reasons: readonly string[];
  readonly comment?: string | undefined;
}

export type RateOutcome = { ok: true } | { ok: false; state: CaseState };

export async function rateCase(deps: Deps, caseId: string, r: Rating): Promise<RateOutcome> {
  return inTransaction(deps.pool, async (tx) => {
    const row = await findCaseRowById(tx, caseId, true);
    if (row === null) throw new Error('case vanished between resolve and write');
    const state = row.state as CaseState;
    if (!reporterMay('rate', { state, flags: { rated: row.rated } })) return { ok: false, state };
    const now = deps.clock.now();
    const id = uuidv7(now.getTime());
    const task = (await tx.query<{ id: string }>(`SELECT id FROM follow_ups WHERE case_id = $1 AND status = 'open' ORDER BY cycle DESC LIMIT 1`, [caseId])).rows[0];
    const note = r.comment === undefined ? null : deps.cipher.encrypt({ table: 'follow_up_records', column: 'note_enc', rowId: id }, r.comment);
    await tx.query(
      `INSERT INTO follow_up_records (id, case_id, follow_up_id, outcome, channel, reasons, note_enc, recorded_by, recorded_at) VALUES ($1, $2, $3, $4, 'online', $5::text[], $6, NULL, $7::timestamptz)`,
      [id, caseId, task?.id ?? null, r.rating, r.reasons, note, now],
    );
    if (task !== undefined) await tx.query(`UPDATE follow_ups SET status = 'done', attempts = attempts + 1, settled_at = $2::timestamptz WHERE id = $1`, [task.id, now]);
    const dissatisfied = r.rating === 'dissatisfied';
    const updated = caseRowOf(
      (await tx.query<CaseDbRow>(`UPDATE cases SET rated = true, dissatisfied = dissatisfied OR $2, version = version + 1, updated_at = $3::timestamptz WHERE id = $1 RETURNING ${CASE_COLUMNS}`, [caseId, dissatisfied, now])).rows[0] ?? {},
    );
    await tx.query(`INSERT INTO timeline (case_id, at, event, actor_kind, from_state, to_state, public) VALUES ($1, $2::timestamptz, 'rate', 'reporter', $3, $3, true)`, [caseId, now, row.state]);
    if (dissatisfied) {
      const ref = await loadReferenceSet(tx);
      const view = caseViewOf(await loadCaseParts(tx, updated), { today: localDateOf(now, deps.timezone), calendar: ref.calendar, sealedGroup: ref.sealedGroup }, deps.timezone);
      await writeNotifications(deps, tx, { caseId, view, tree: ref.org.tree, notices: [{ to: { roles: ['assigner'] }, kind: 'dissatisfied' }], except: null, now });
    }
    const children = (await loadChildren(tx, [caseId])).get(caseId) ?? [];
    await insertAudit(tx, { actorKind: 'reporter', action: 'case.rate', caseId, target: r.rating, caseDigest: caseDigest(deps.ring, canonicalStateBytes(updated, children)) });
    return { ok: true };
  });
}
