// The clock sweep (DESIGN §4): reminders at amber, overdue the day after, the chase → supervise ladder,
// sign-for and follow-up reminders. Idempotent: each alert is recorded in clock_alerts with the due date
// it was about, so a rerun (or two nodes) sends nothing twice, and a moved deadline alerts again.
import { CLOCK_STATES } from '../domain/state-groups.js';
import type pg from 'pg';
import type { LocalDate } from '../domain/calendar/local-date.js';
import { AMBER_WORKING_DAYS } from '../domain/clocks/lights.js';
import { findCaseRowById, loadCaseParts } from '../store/case-record.js';
import { caseViewOf, localDateOf } from '../store/case-view-of.js';
import { loadReferenceSet, type ReferenceSet } from '../store/reference-data.js';
import { inTransaction, type Deps } from './deps.js';
import { writeNotifications, type Notice } from './notify.js';

/** Working days overdue after which the supervision head is asked to supervise (督办). */
export const ESCALATE_AFTER_WORKING_DAYS = 3;

interface Alert {
  readonly caseId: string;
  readonly kind: string;
  readonly dueOn: string;
  readonly notices: readonly Notice[];
}

async function candidates(db: pg.ClientBase | pg.Pool, timezone: string, today: LocalDate, amberEnd: LocalDate, escalateBefore: LocalDate, signForBefore: LocalDate): Promise<Alert[]> {
  const r = await db.query<{ id: string; kind: string; due: string; unit: string | null; handler: string | null }>(
    `SELECT c.id, 'unit_amber' AS kind, c.unit_due::text AS due, c.current_unit_id AS unit, c.handler_user_id AS handler FROM cases c
       WHERE c.state = ANY($1::text[]) AND c.suspended_since IS NULL AND c.unit_due >= $2::date AND c.unit_due < $3::date
     UNION ALL SELECT c.id, 'unit_overdue', c.unit_due::text, c.current_unit_id, c.handler_user_id FROM cases c
       WHERE c.state = ANY($1::text[]) AND c.suspended_since IS NULL AND c.unit_due < $2::date
     UNION ALL SELECT c.id, 'public_overdue', c.public_due::text, c.current_unit_id, c.handler_user_id FROM cases c
       WHERE c.state = ANY($1::text[]) AND c.suspended_since IS NULL AND c.public_due < $2::date
     UNION ALL SELECT c.id, 'escalate', c.public_due::text, c.current_unit_id, NULL FROM cases c
       WHERE c.state = ANY($1::text[]) AND c.suspended_since IS NULL AND NOT c.supervised AND c.public_due < $4::date
     UNION ALL SELECT c.id, 'sign_for_overdue', (d.assigned_at AT TIME ZONE $6::text)::date::text, c.current_unit_id, NULL FROM cases c
       JOIN dispatch_levels d ON d.case_id = c.id AND d.cycle = c.cycle AND d.granted AND d.unit_id = c.current_unit_id AND d.signed_for_at IS NULL
       WHERE c.state = 'assigned' AND (d.assigned_at AT TIME ZONE $6::text)::date < $5::date
     UNION ALL SELECT f.case_id, 'follow_up_due', f.due_on::text, NULL, NULL FROM follow_ups f WHERE f.status = 'open' AND f.due_on <= $2::date
     EXCEPT SELECT a.case_id, a.kind, a.due_on::text, NULL, NULL FROM clock_alerts a`,
    [CLOCK_STATES, today, amberEnd, escalateBefore, signForBefore, timezone],
  );
  return r.rows.map((x) => ({ caseId: x.id, kind: x.kind, dueOn: x.due, notices: noticesFor(x.kind, x.unit, x.handler) }));
}

function noticesFor(kind: string, unit: string | null, handler: string | null): Notice[] {
  const holders: Notice[] = unit === null ? [] : [{ to: { roles: ['liaison', 'unit_head'], unitId: unit }, kind }];
  const handlerNotice: Notice[] = handler === null ? [] : [{ to: { users: [handler] }, kind }];
  switch (kind) {
    case 'unit_amber':
      return [...holders, ...handlerNotice];
    case 'unit_overdue':
      return [...holders, ...handlerNotice, { to: { roles: ['assigner'] }, kind }];
    case 'public_overdue':
      return [{ to: { roles: ['assigner'] }, kind }];
    case 'escalate':
      return [{ to: { roles: ['supervision_head'] }, kind }];
    case 'sign_for_overdue':
      return unit === null ? [] : [{ to: { roles: ['liaison'], unitId: unit }, kind }];
    default:
      return [{ to: { roles: ['followup'] }, kind }];
  }
}

async function sendAlert(deps: Deps, ref: ReferenceSet, alert: Alert, today: LocalDate): Promise<boolean> {
  return inTransaction(deps.pool, async (tx) => {
    // Claim first: the row that loses the race sends nothing.
    const claimed = await tx.query('INSERT INTO clock_alerts (case_id, kind, due_on, sent_at) VALUES ($1, $2, $3::date, $4::timestamptz) ON CONFLICT DO NOTHING', [alert.caseId, alert.kind, alert.dueOn, deps.clock.now()]);
    if (claimed.rowCount === 0) return false;
    const row = await findCaseRowById(tx, alert.caseId, false);
    if (row === null) return false;
    const view = caseViewOf(await loadCaseParts(tx, row), { today, calendar: ref.calendar, sealedGroup: ref.sealedGroup }, deps.timezone);
    await writeNotifications(deps, tx, { caseId: row.id, view, tree: ref.org.tree, notices: alert.notices, except: null, now: deps.clock.now() });
    return true;
  });
}

/** One pass; returns how many alerts went out. */
export async function sweepClocks(deps: Deps): Promise<number> {
  const ref = await loadReferenceSet(deps.pool);
  const today = localDateOf(deps.clock.now(), deps.timezone);
  const cal = ref.calendar;
  // Overdue by N working days: the deadline lies before the N-th working day back from today.
  let escalateBefore = today;
  for (let i = 0; i < ESCALATE_AFTER_WORKING_DAYS; i++) escalateBefore = cal.addWorkingDays(escalateBefore, -1);
  const alerts = await candidates(deps.pool, deps.timezone, today, cal.addWorkingDays(today, AMBER_WORKING_DAYS + 1), escalateBefore, cal.addWorkingDays(today, -1));
  let sent = 0;
  for (const a of alerts) if (await sendAlert(deps, ref, a, today)) sent++;
  return sent;
}
