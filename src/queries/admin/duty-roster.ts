// The duty roster between two dates, and who may stand on it (active duty_leader holders), so the
// sysadmin picks from the list instead of browsing accounts.
import type { Deps } from '../../commands/deps.js';
import type { LocalDate } from '../../domain/calendar/local-date.js';

export interface Person {
  readonly id: string;
  readonly displayName: string;
  readonly unitName: string;
}

export interface RosterDay {
  readonly date: string;
  readonly leader: Person | null;
  readonly deputy: Person | null;
}

export async function dutyRoster(deps: Deps, from: LocalDate, to: LocalDate): Promise<{ days: RosterDay[]; candidates: Person[] }> {
  const rows = await deps.pool.query<{ on_date: string; deputy: boolean; id: string; display_name: string; unit_name: string }>(
    `SELECT r.on_date, r.deputy, u.id, u.display_name, n.name AS unit_name
     FROM duty_roster r JOIN users u ON u.id = r.user_id JOIN units n ON n.id = u.unit_id
     WHERE r.on_date BETWEEN $1 AND $2 ORDER BY r.on_date, r.deputy`,
    [from, to],
  );
  const days = new Map<string, { leader: Person | null; deputy: Person | null }>();
  for (const r of rows.rows) {
    const day = days.get(r.on_date) ?? { leader: null, deputy: null };
    const person = { id: r.id, displayName: r.display_name, unitName: r.unit_name };
    if (r.deputy) day.deputy = person;
    else day.leader = person;
    days.set(r.on_date, day);
  }
  const candidates = await deps.pool.query<{ id: string; display_name: string; unit_name: string }>(
    `SELECT u.id, u.display_name, n.name AS unit_name FROM users u JOIN units n ON n.id = u.unit_id
     WHERE u.active AND EXISTS (SELECT 1 FROM role_grants g WHERE g.user_id = u.id AND g.revoked_at IS NULL AND g.role = 'duty_leader')
     ORDER BY u.display_name`,
  );
  return {
    days: [...days].map(([date, d]) => ({ date, ...d })),
    candidates: candidates.rows.map((c) => ({ id: c.id, displayName: c.display_name, unitName: c.unit_name })),
  };
}
