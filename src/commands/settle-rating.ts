// What a reporter's rating changes on the case, however it came (online, or an SMS answer to the follow-up
// question): the rated and dissatisfied flags, a public timeline entry, the assigners told of a
// dissatisfied answer, and the audit record with the case's new digest. In the caller's transaction.
import type pg from 'pg';
import type { FollowupRating } from '../domain/sms/followup-reply.js';
import { caseDigest } from '../security/audit-digest.js';
import { insertAudit } from '../store/audit-rows.js';
import { loadCaseParts } from '../store/case-record.js';
import { CASE_COLUMNS, caseRowOf, type CaseDbRow } from '../store/case-row.js';
import { canonicalStateBytes, loadChildren } from '../store/case-state.js';
import { caseViewOf, localDateOf } from '../store/case-view-of.js';
import { loadReferenceSet } from '../store/reference-data.js';
import type { Deps } from './deps.js';
import { writeNotifications } from './notify.js';

export async function settleRating(deps: Deps, tx: pg.ClientBase, o: { caseId: string; state: string; rating: FollowupRating; now: Date; auditTarget: string }): Promise<void> {
  const dissatisfied = o.rating === 'dissatisfied';
  const updated = caseRowOf(
    (await tx.query<CaseDbRow>(`UPDATE cases SET rated = true, dissatisfied = dissatisfied OR $2, version = version + 1, updated_at = $3::timestamptz WHERE id = $1 RETURNING ${CASE_COLUMNS}`, [o.caseId, dissatisfied, o.now])).rows[0] ?? {},
  );
  await tx.query(`INSERT INTO timeline (case_id, at, event, actor_kind, from_state, to_state, public) VALUES ($1, $2::timestamptz, 'rate', 'reporter', $3, $3, true)`, [o.caseId, o.now, o.state]);
  if (dissatisfied) {
    const ref = await loadReferenceSet(tx);
    const view = caseViewOf(await loadCaseParts(tx, updated), { today: localDateOf(o.now, deps.timezone), calendar: ref.calendar, sealedGroup: ref.sealedGroup }, deps.timezone);
    await writeNotifications(deps, tx, { caseId: o.caseId, view, tree: ref.org.tree, notices: [{ to: { roles: ['assigner'] }, kind: 'dissatisfied' }], except: null, now: o.now });
  }
  const children = (await loadChildren(tx, [o.caseId])).get(o.caseId) ?? [];
  await insertAudit(tx, { actorKind: 'reporter', action: 'case.rate', caseId: o.caseId, target: o.auditTarget, caseDigest: caseDigest(deps.ring, canonicalStateBytes(updated, children)) });
}
