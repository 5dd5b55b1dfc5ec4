// The one writer of an action (DESIGN §6): child rows, the case row with a new version, the 流转记录,
// notifications the firewall allows, outbox rows and the audit record with the digest of the new state —
// all inside the caller's transaction.
import type { CaseView } from '../../domain/case-view.js';
import { canSee } from '../../domain/policies.js';
import type { Role } from '../../domain/roles.js';
import { caseDigest } from '../../security/audit-digest.js';
import { insertAudit } from '../../store/audit-rows.js';
import { loadCaseParts, type CaseRecord } from '../../store/case-record.js';
import { CASE_COLUMNS, caseRowOf, columnOf, type CaseDbRow, type CaseRow } from '../../store/case-row.js';
import { canonicalStateBytes, loadChildren } from '../../store/case-state.js';
import { caseViewOf, type ViewContext } from '../../store/case-view-of.js';
import { uuidv7 } from '../ids.js';
import type { ActionScope, Recipients } from './scope.js';

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

interface Candidate {
  readonly id: string;
  readonly unit_id: string;
  readonly police_number: string | null;
  readonly roles: Role[];
}

/** Recipients the firewall lets see the case as it now is; never the actor, never a recused or forbidden user. */
async function writeNotifications(s: ActionScope, view: CaseView): Promise<void> {
  const seen = new Set<string>([s.actor.userId]);
  for (const n of s.change.notifications) {
    for (const user of await candidates(s, n.to)) {
      if (seen.has(user.id)) continue;
      const actor = { userId: user.id, unitId: user.unit_id, roles: user.roles, policeNumber: user.police_number === null ? null : s.deps.blind.index('police-number', user.police_number).toString('hex') };
      if (!canSee(actor, view, s.org.tree)) continue;
      seen.add(user.id);
      await s.tx.query('INSERT INTO notifications (id, user_id, case_id, kind, created_at) VALUES ($1, $2, $3, $4, $5::timestamptz)', [uuidv7(s.now.getTime()), user.id, s.record.row.id, n.kind, s.now]);
    }
  }
}

async function candidates(s: ActionScope, to: Recipients): Promise<Candidate[]> {
  const base = `SELECT u.id, u.unit_id, u.police_number, array_agg(g.role) AS roles FROM users u JOIN role_grants g ON g.user_id = u.id AND g.revoked_at IS NULL WHERE u.active`;
  if ('users' in to) return (await s.tx.query<Candidate>(`${base} AND u.id = ANY($1::uuid[]) GROUP BY u.id`, [to.users])).rows;
  const r = await s.tx.query<Candidate>(`${base} AND ($2::uuid IS NULL OR u.unit_id = $2) GROUP BY u.id HAVING array_agg(g.role) && $1::text[]`, [to.roles, to.unitId ?? null]);
  return r.rows;
}

export async function commitChange(s: ActionScope, ctx: ViewContext): Promise<Committed> {
  for (const write of s.change.writes) await write(s.tx);
  const before = s.record.row;
  const after = await updateCase(s, s.change.writes.length > 0 || s.change.events.length > 0);
  await writeTimeline(s, before, after);
  const record = await loadCaseParts(s.tx, after);
  const view = caseViewOf(record, ctx, s.deps.timezone);
  await writeNotifications(s, view);
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
    caseDigest: caseDigest(s.deps.ring, canonicalStateBytes(after, children)),
  });
  return { record, view };
}
