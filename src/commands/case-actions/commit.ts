// The one writer of an action (DESIGN §6): child rows, the case row with a new version, the 流转记录,
// notifications the firewall allows, outbox rows and the audit record with the digest of the new state —
// all inside the caller's transaction.
import type { CaseView } from '../../domain/case-view.js';
import { caseDigest } from '../../security/audit-digest.js';
import { insertAudit } from '../../store/audit-rows.js';
import { loadCaseParts, type CaseRecord } from '../../store/case-record.js';
import { CASE_COLUMNS, caseRowOf, columnOf, type CaseDbRow, type CaseRow } from '../../store/case-row.js';
import { canonicalStateBytes, loadChildren } from '../../store/case-state.js';
import { caseViewOf, type ViewContext } from '../../store/case-view-of.js';
import { writeNotifications } from '../notify.js';
import type { ActionScope } from './scope.js';

export interface Committed {
  readonly record: CaseRecord;
  readonly view: CaseView;
}

async function updateCase(s: ActionScope, bump: boolean): Promise<CaseRow> {
  const entries = [...s.change.patch.entries()];
  if (!bump && entries.length === 0) return s.record.row;
  const sets = entries.map(([field], i) => `${columnOf(field)} = $${String(i + 3)}`);
  const r = await s.tx.query<CaseDbRow>(
    `UPDATE cases SET ${[...sets, 'version = version + 1', 'updated_at = $2::timestamptz'].join(', ')} WHERE id = $1 RETURNING ${CASE_COLUMNS}`,
    [s.record.row.id, s.now, ...entries.map(([, v]) => v)],
  );
  const row = r.rows[0];
  if (row === undefined) throw new Error('the locked case row disappeared');
  return caseRowOf(row);
}

async function writeTimeline(s: ActionScope, before: CaseRow, after: CaseRow): Promise<void> {
  for (const e of s.change.events) {
    const id = (await s.tx.query<{ id: string }>(`SELECT nextval(pg_get_serial_sequence('timeline', 'id'))::text AS id`)).rows[0]?.id ?? '';
    const opinion = e.opinion === undefined || e.opinion === '' ? null : s.deps.cipher.encrypt({ table: 'timeline', column: 'opinion_enc', rowId: id }, e.opinion);
    await s.tx.query(
      `INSERT INTO timeline (id, case_id, at, event, actor_kind, actor_user_id, unit_id, from_state, to_state, opinion_enc, public)
       VALUES ($1::bigint, $2, $3::timestamptz, $4, 'staff', $5, $6, $7, $8, $9, $10)`,
      [id, after.id, s.now, e.event, s.actor.userId, e.unitId ?? s.actor.unitId, before.state, after.state, opinion, e.public ?? false],
    );
  }
}

export async function commitChange(s: ActionScope, ctx: ViewContext): Promise<Committed> {
  for (const write of s.change.writes) await write(s.tx);
  const before = s.record.row;
  const changed = s.change.writes.length > 0 || s.change.events.length > 0 || s.change.patch.size > 0;
  const after = await updateCase(s, changed);
  await writeTimeline(s, before, after);
  const record = await loadCaseParts(s.tx, after);
  const view = caseViewOf(record, ctx, s.deps.timezone);
  await writeNotifications(s.deps, s.tx, { caseId: after.id, view, tree: s.org.tree, notices: s.change.notifications, except: s.actor.userId, now: s.now });
  for (const o of s.change.outbox) {
    await s.tx.query('INSERT INTO outbox (kind, case_id, payload, created_at, available_at) VALUES ($1, $2, $3::jsonb, $4::timestamptz, $4::timestamptz)', [o.kind, after.id, JSON.stringify(o.payload), s.now]);
  }
  const children = (await loadChildren(s.tx, [after.id])).get(after.id) ?? [];
  const details = s.change.auditDetails;
  await insertAudit(s.tx, {
    actorKind: 'staff',
    actorUserId: s.actor.userId,
    action: `case.${s.action}`,
    caseId: after.id,
    target: s.change.auditTarget,
    detailsEnc: details === null ? null : s.deps.cipher.encryptJson({ table: 'audit', column: 'details_enc', rowId: after.id }, details),
    // An action that changed nothing (a reveal) attests no new state: repeating the last digest would read as
    // an old record replayed (audit verify).
    caseDigest: changed ? caseDigest(s.deps.ring, canonicalStateBytes(after, children)) : null,
  });
  return { record, view };
}
