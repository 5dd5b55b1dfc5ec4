// The duty roster (DESIGN §1): who is the duty leader on a date, with an optional deputy. Only active
// users holding duty_leader may stand on it; the roster names people, it grants nothing.
import type pg from 'pg';
import type { LocalDate } from '../../domain/calendar/local-date.js';
import { inTransaction, type Deps } from '../deps.js';
import { auditAdmin, refuse, requireAdmin, type AdminActor } from './support.js';

export interface DutyDay {
  readonly leaderId: string;
  readonly deputyId?: string | null | undefined;
}

async function holdsDutyLeader(tx: pg.ClientBase, userId: string): Promise<boolean> {
  const r = await tx.query(`SELECT 1 FROM users u JOIN role_grants g ON g.user_id = u.id AND g.revoked_at IS NULL AND g.role = 'duty_leader' WHERE u.id = $1 AND u.active`, [userId]);
  return r.rowCount !== 0;
}

const notDutyLeader = (path: string) =>
  refuse('invalid', path, 'not_duty_leader', { zh: '所选人员未持有“值班领导”角色或已停用。', en: 'The person does not hold the duty leader role or is deactivated.' });

export async function setDutyDay(deps: Deps, actor: AdminActor, date: LocalDate, day: DutyDay): Promise<void> {
  requireAdmin(actor, 'sysadmin');
  const deputyId = day.deputyId ?? null;
  if (deputyId === day.leaderId) throw refuse('invalid', 'deputyId', 'same_person', { zh: '值班领导与副班不能是同一人。', en: 'The duty leader and the deputy must be different people.' });
  await inTransaction(deps.pool, async (tx) => {
    if (!(await holdsDutyLeader(tx, day.leaderId))) throw notDutyLeader('leaderId');
    if (deputyId !== null && !(await holdsDutyLeader(tx, deputyId))) throw notDutyLeader('deputyId');
    await tx.query('DELETE FROM duty_roster WHERE on_date = $1', [date]);
    await tx.query('INSERT INTO duty_roster (on_date, user_id, deputy) VALUES ($1, $2, false)', [date, day.leaderId]);
    if (deputyId !== null) await tx.query('INSERT INTO duty_roster (on_date, user_id, deputy) VALUES ($1, $2, true)', [date, deputyId]);
    await auditAdmin(tx, deps, actor, 'admin.duty_roster_set', `duty_roster:${date}`, { leaderId: day.leaderId, deputyId: deputyId ?? '' });
  });
}

export async function clearDutyDay(deps: Deps, actor: AdminActor, date: LocalDate): Promise<void> {
  requireAdmin(actor, 'sysadmin');
  await inTransaction(deps.pool, async (tx) => {
    const r = await tx.query('DELETE FROM duty_roster WHERE on_date = $1', [date]);
    if (r.rowCount === 0) throw refuse('not_found', 'date', 'empty', { zh: '当日没有值班安排。', en: 'Nobody is on duty that day.' });
    await auditAdmin(tx, deps, actor, 'admin.duty_roster_cleared', `duty_roster:${date}`);
  });
}
