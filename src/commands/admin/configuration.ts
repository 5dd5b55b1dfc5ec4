// The sysadmin's settings that commands read through store/reference-data.ts: public deadline
// policies per case type (DESIGN §4), the routing table per rank (§3.4) and working hours per weekday.
// New values apply to clocks started and suggestions made from now on; nothing already set moves.
import { checkPolicy, type DeadlinePolicy } from '../../domain/clocks/deadline-policy.js';
import { DomainError } from '../../domain/calendar/errors.js';
import type { CaseType } from '../../domain/data/taxonomy.js';
import type { Rank } from '../../domain/roles.js';
import type { RoutingRule } from '../../domain/routing.js';
import { checkWorkingHours, type WorkingHours } from '../../domain/working-hours.js';
import { WORKING_HOURS_KEY } from '../../store/reference-data.js';
import { inTransaction, type Deps } from '../deps.js';
import { auditAdmin, refuse, requireAdmin, type AdminActor } from './support.js';

/** null: the type gets no public deadline (praise by default). */
export type PolicyInput = DeadlinePolicy | null;

export async function setDeadlinePolicy(deps: Deps, actor: AdminActor, caseType: CaseType, policy: PolicyInput): Promise<void> {
  requireAdmin(actor, 'sysadmin');
  if (policy !== null) {
    try {
      checkPolicy(policy);
    } catch (err) {
      if (err instanceof DomainError) throw refuse('invalid', 'amount', err.code, err.text);
      throw err;
    }
  }
  await inTransaction(deps.pool, async (tx) => {
    // A type without a deadline still needs the NOT NULL columns; their values mean nothing then.
    const p = policy ?? { amount: null, unit: 'calendar', startsAt: 'acceptance', rollForwardIfHoliday: true };
    await tx.query(
      `INSERT INTO deadline_policies (case_type, amount, unit, starts_at, roll_forward_if_holiday, updated_at) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (case_type) DO UPDATE SET amount = EXCLUDED.amount, unit = EXCLUDED.unit, starts_at = EXCLUDED.starts_at,
         roll_forward_if_holiday = EXCLUDED.roll_forward_if_holiday, updated_at = EXCLUDED.updated_at`,
      [caseType, p.amount, p.unit, p.startsAt, p.rollForwardIfHoliday, deps.clock.now()],
    );
    await auditAdmin(tx, deps, actor, 'admin.deadline_policy_set', `deadline_policy:${caseType}`, {
      amount: p.amount === null ? 'none' : String(p.amount),
      unit: p.unit,
      startsAt: p.startsAt,
      rollForwardIfHoliday: String(p.rollForwardIfHoliday),
    });
  });
}

export async function setRoutingRule(deps: Deps, actor: AdminActor, rank: Rank, rule: RoutingRule): Promise<void> {
  requireAdmin(actor, 'sysadmin');
  // Stored in the exact shape of RoutingRule: nothing the domain does not know travels into the table.
  const stored: RoutingRule = rule.route === 'city_inspection' ? { route: rule.route, withDisciplineInspection: rule.withDisciplineInspection } : { route: rule.route };
  await inTransaction(deps.pool, async (tx) => {
    await tx.query(
      `INSERT INTO routing_rules (rank, rule, updated_at) VALUES ($1, $2::jsonb, $3)
       ON CONFLICT (rank) DO UPDATE SET rule = EXCLUDED.rule, updated_at = EXCLUDED.updated_at`,
      [rank, JSON.stringify(stored), deps.clock.now()],
    );
    await auditAdmin(tx, deps, actor, 'admin.routing_rule_set', `routing:${rank}`, { rule: JSON.stringify(stored) });
  });
}

export async function setWorkingHours(deps: Deps, actor: AdminActor, hours: WorkingHours): Promise<void> {
  requireAdmin(actor, 'sysadmin');
  const problems = checkWorkingHours(hours);
  const first = problems[0];
  if (first !== undefined) {
    throw refuse('invalid', `${first.day}.${String(first.index)}`, `hours_${first.reason}`, {
      zh: '工作时间有误：时间格式为HH:MM，每段结束晚于开始，各段按时间先后且不重叠，每天最多4段。',
      en: 'The hours are wrong: times are HH:MM, each period ends after it starts, periods are in order without overlap, at most 4 a day.',
    });
  }
  await inTransaction(deps.pool, async (tx) => {
    await tx.query(
      `INSERT INTO settings (key, value, updated_at) VALUES ($1, $2::jsonb, $3) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_at = EXCLUDED.updated_at`,
      [WORKING_HOURS_KEY, JSON.stringify(hours), deps.clock.now()],
    );
    await auditAdmin(tx, deps, actor, 'admin.working_hours_set', 'settings:working_hours', { hours: JSON.stringify(hours) });
  });
}
