// In-app notifications (DESIGN §5 outbox, in-app for now): ids and a kind only, and only to users the
// firewall lets see the case as it now is — never a recused, forbidden or sealed-out user (DESIGN §3.3).
// Some kinds also go to the recipient's phone (issue 6): an outbox row with ids only, in the same transaction.
import type pg from 'pg';
import type { CaseView } from '../domain/case-view.js';
import { canSee } from '../domain/policies.js';
import type { OutboxKind } from '../domain/outbox-kinds.js';
import type { Role } from '../domain/roles.js';
import { staffAlertFor } from '../domain/sms/staff-alerts.js';
import type { UnitTree } from '../domain/units.js';
import type { Deps } from './deps.js';
import { uuidv7 } from './ids.js';

export const STAFF_ALERT_KIND: OutboxKind = 'staff.sms_alert';

/** Who hears of a change: named users, holders of roles (in one unit, or anywhere for centre roles), or the day's duty leader. */
export type Recipients =
  | { readonly users: readonly string[] }
  | { readonly roles: readonly Role[]; readonly unitId?: string | undefined }
  /** the duty roster's leader (and deputy) of that day; every duty_leader when the roster names nobody (DESIGN §1) */
  | { readonly dutyOn: string };

export interface Notice {
  readonly to: Recipients;
  readonly kind: string;
}

interface Candidate {
  readonly id: string;
  readonly unit_id: string;
  readonly police_number: string | null;
  readonly roles: Role[];
  readonly has_mobile: boolean;
}

async function candidates(tx: pg.ClientBase, to: Recipients): Promise<Candidate[]> {
  const base = `SELECT u.id, u.unit_id, u.police_number, array_agg(g.role) AS roles, u.mobile_enc IS NOT NULL AS has_mobile FROM users u JOIN role_grants g ON g.user_id = u.id AND g.revoked_at IS NULL WHERE u.active`;
  if ('users' in to) return (await tx.query<Candidate>(`${base} AND u.id = ANY($1::uuid[]) GROUP BY u.id`, [to.users])).rows;
  if ('dutyOn' in to) {
    const onDuty = await tx.query<Candidate>(
      `${base} AND u.id IN (SELECT r.user_id FROM duty_roster r WHERE r.on_date = $1::date) GROUP BY u.id HAVING array_agg(g.role) && ARRAY['duty_leader']`,
      [to.dutyOn],
    );
    if (onDuty.rows.length > 0) return onDuty.rows;
    return candidates(tx, { roles: ['duty_leader'] });
  }
  return (await tx.query<Candidate>(`${base} AND ($2::uuid IS NULL OR u.unit_id = $2) GROUP BY u.id HAVING array_agg(g.role) && $1::text[]`, [to.roles, to.unitId ?? null])).rows;
}

export async function writeNotifications(deps: Deps, tx: pg.ClientBase, o: { caseId: string; view: CaseView; tree: UnitTree; notices: readonly Notice[]; except: string | null; now: Date }): Promise<void> {
  const seen = new Set<string>(o.except === null ? [] : [o.except]);
  for (const n of o.notices) {
    for (const user of await candidates(tx, n.to)) {
      if (seen.has(user.id)) continue;
      const actor = { userId: user.id, unitId: user.unit_id, roles: user.roles, policeNumber: user.police_number === null ? null : deps.blind.index('police-number', user.police_number).toString('hex') };
      if (!canSee(actor, o.view, o.tree)) continue;
      seen.add(user.id);
      await tx.query('INSERT INTO notifications (id, user_id, case_id, kind, created_at) VALUES ($1, $2, $3, $4, $5::timestamptz)', [uuidv7(o.now.getTime()), user.id, o.caseId, n.kind, o.now]);
      const alert = user.has_mobile ? staffAlertFor(n.kind) : null;
      // The text is rendered at send time from these ids (DESIGN §5): the row names no number and no content.
      if (alert !== null) {
        const payload = { userId: user.id, template: alert.template, ...(alert.due === undefined ? {} : { due: alert.due }) };
        await tx.query('INSERT INTO outbox (kind, case_id, payload, created_at, available_at) VALUES ($1, $2, $3::jsonb, $4::timestamptz, $4::timestamptz)', [STAFF_ALERT_KIND, o.caseId, JSON.stringify(payload), o.now]);
      }
    }
  }
}
