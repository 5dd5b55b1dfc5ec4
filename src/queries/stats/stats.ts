// GET /api/v1/stats (DESIGN §1 "decision-making information source", domain-rules §10): counts by channel,
// type, scope, problem type, police branch, unit and state, and the rates the bureau reports on. The same
// scope as the queues applies, so a unit head sees their units and the firewall hides what it hides.
import { CLOCK_STATES } from '../../domain/state-groups.js';
import type pg from 'pg';
import { inTransaction, type Deps } from '../../commands/deps.js';
import type { BusinessCalendar } from '../../domain/calendar/business-calendar.js';
import { addDays, datesInRange, type LocalDate } from '../../domain/calendar/local-date.js';
import type { Actor } from '../../domain/case-view.js';
import { localDateOf } from '../../store/case-view-of.js';
import { caseScope } from '../cases/case-scope.js';
import { followUpBreakdown, overdueByUnit, seriesOf, SERIES_DIMENSIONS, type FollowUpBreakdown, type Series } from './stats-breakdowns.js';

export interface Rate {
  readonly numerator: number;
  readonly denominator: number;
  /** null when nothing counted: a rate of nothing is not 0% */
  readonly value: number | null;
}

const DIMENSIONS = [
  ['channel', 'c.channel'],
  ['type', 'c.type'],
  ['scope', 'c.scope'],
  ['problemType', 'c.problem_type'],
  ['policeBranch', 'c.police_branch'],
  ['unit', 'c.current_unit_id::text'],
  ['state', 'c.state'],
] as const;
type Dimension = (typeof DIMENSIONS)[number][0];

const RATES = ['signForOnTime', 'onTimeReply', 'extension', 'return', 'followUp', 'satisfaction', 'reopen'] as const;
type RateName = (typeof RATES)[number];

export interface Stats {
  readonly from: LocalDate;
  readonly to: LocalDate;
  readonly total: number;
  readonly by: Readonly<Record<Dimension, Readonly<Record<string, number>>>>;
  /** open past their public deadline today, whenever they were registered */
  readonly overdue: number;
  readonly rates: Readonly<Record<RateName, Rate>>;
  /** registrations over the period, by dimension (the dashboard's lines) */
  readonly series: Series;
  /** today's overdue cases by the unit holding them */
  readonly overdueByUnit: Readonly<Record<string, number>>;
  readonly followUps: FollowUpBreakdown;
  /** the names of the units these figures name, so a screen need not look them up */
  readonly unitNames: Readonly<Record<string, string>>;
}


function rate(numerator: number, denominator: number): Rate {
  return { numerator, denominator, value: denominator === 0 ? null : Math.round((numerator / denominator) * 10_000) / 10_000 };
}

/** The instant a local date starts in the bureau's zone. */
function startOf(date: LocalDate, timezone: string): Date {
  const guess = new Date(`${date}T00:00:00Z`);
  const local = new Date(guess.toLocaleString('en-US', { timeZone: timezone }));
  return new Date(guess.getTime() - (local.getTime() - guess.getTime()));
}

interface CalendarValues {
  readonly days: readonly LocalDate[];
  readonly nextWorking: readonly LocalDate[];
  readonly today: LocalDate;
}

// The queues' sort expression, whose index serves this range too; no period reaches the sentinel date,
// so cases without a public deadline stay out as they would with public_due itself.
const PUBLIC_SORT = "COALESCE(c.public_due, '9999-12-31'::date)";

/** Each rate as (numerator, denominator) SQL over scoped cases `c`; $1/$2 bound the period, $3 is the zone; `p` adds a value. */
function rateSql(name: RateName, p: (v: unknown) => string, scope: string, cal: CalendarValues): string {
  const period = (col: string) => `${col} >= $1::timestamptz AND ${col} < $2::timestamptz`;
  const local = (col: string) => `(${col} AT TIME ZONE $3::text)::date`;
  const sql: Record<RateName, () => string> = {
    signForOnTime: () => `SELECT count(*) FILTER (WHERE d.signed_for_at IS NOT NULL AND ${local('d.signed_for_at')} <= nw.due), count(*)
      FROM dispatch_levels d JOIN cases c ON c.id = d.case_id JOIN unnest(${p(cal.days)}::date[], ${p(cal.nextWorking)}::date[]) AS nw(day, due) ON nw.day = ${local('d.assigned_at')}
      WHERE ${period('d.assigned_at')} AND ${scope}`,
    onTimeReply: () => `SELECT count(*) FILTER (WHERE c.replied_at IS NOT NULL AND ${local('c.replied_at')} <= c.public_due), count(*)
      FROM cases c WHERE ${PUBLIC_SORT} >= ${local('$1::timestamptz')} AND ${PUBLIC_SORT} < ${local('$2::timestamptz')} AND c.state <> 'merged' AND ${scope}`,
    extension: () => `SELECT count(*) FILTER (WHERE EXISTS (SELECT 1 FROM pending_decisions p WHERE p.case_id = c.id AND p.kind = 'extension' AND p.settlement = 'confirmed')), count(*)
      FROM cases c WHERE ${period('c.closed_at')} AND ${scope}`,
    return: () => `SELECT (SELECT count(*) FROM pending_decisions p JOIN cases c ON c.id = p.case_id WHERE p.kind = 'return' AND p.settlement = 'confirmed' AND ${period('p.settled_at')} AND ${scope}),
      (SELECT count(*) FROM dispatch_levels d JOIN cases c ON c.id = d.case_id WHERE ${period('d.assigned_at')} AND ${scope})`,
    followUp: () => `SELECT count(*) FILTER (WHERE f.status = 'done'), count(*) FROM follow_ups f JOIN cases c ON c.id = f.case_id
      WHERE f.due_on >= ${local('$1::timestamptz')} AND f.due_on < ${local('$2::timestamptz')} AND f.due_on <= ${p(cal.today)}::date AND ${scope}`,
    satisfaction: () => `SELECT count(*) FILTER (WHERE r.outcome IN ('satisfied', 'basically_satisfied')), count(*) FROM follow_up_records r JOIN cases c ON c.id = r.case_id
      WHERE r.outcome IN ('satisfied', 'basically_satisfied', 'dissatisfied') AND ${period('r.recorded_at')} AND ${scope}`,
    reopen: () => `SELECT (SELECT count(*) FROM timeline t JOIN cases c ON c.id = t.case_id WHERE t.event = 'reopen' AND ${period('t.at')} AND ${scope}),
      (SELECT count(*) FROM timeline t JOIN cases c ON c.id = t.case_id WHERE t.event = 'close' AND ${period('t.at')} AND ${scope})`,
  };
  return sql[name]();
}

async function counts(tx: pg.ClientBase, where: string, params: unknown[], typed = ''): Promise<{ total: number; by: Stats['by'] }> {
  const by = Object.fromEntries(DIMENSIONS.map(([k]) => [k, {}])) as Record<Dimension, Record<string, number>>;
  const dim = DIMENSIONS.map(([k, col]) => `WHEN grouping(${col}) = 0 THEN '${k}'`).join(' ');
  const r = await tx.query<{ dim: Dimension | 'total'; key: string | null; n: string }>(
    `SELECT CASE ${dim} ELSE 'total' END AS dim, COALESCE(${DIMENSIONS.map(([, col]) => col).join(', ')}) AS key, count(*)::text AS n
     FROM cases c WHERE ${where} ${typed.replace('WHERE', 'AND')} GROUP BY GROUPING SETS (${DIMENSIONS.map(([, col]) => `(${col})`).join(', ')}, ())`,
    params,
  );
  let total = 0;
  for (const row of r.rows) {
    if (row.dim === 'total') total = Number(row.n);
    else by[row.dim][row.key ?? 'none'] = Number(row.n);
  }
  return { total, by };
}

function nextWorkingDays(cal: BusinessCalendar, from: LocalDate, to: LocalDate): { days: LocalDate[]; due: LocalDate[] } {
  const days = datesInRange(from, to);
  return { days, due: days.map((d) => cal.addWorkingDays(d, 1)) };
}

export async function caseStats(deps: Deps, actor: Actor, from: LocalDate, to: LocalDate): Promise<Stats> {
  return inTransaction(deps.pool, async (tx) => {
    const { org, calendar, sealedGroup } = await deps.reference.get(tx);
    const today = localDateOf(deps.clock.now(), deps.timezone);
    const scope = caseScope(actor, org.tree, sealedGroup, 3);
    const params: readonly unknown[] = [startOf(from, deps.timezone), startOf(addDays(to, 1), deps.timezone), deps.timezone, ...scope.params];
    if (!scope.any) {
      const none = rate(0, 0);
      const series: Series = { bucket: 'day', periods: [], total: [], by: Object.fromEntries(SERIES_DIMENSIONS.map(([k]) => [k, {}])) as Series['by'] };
      const empty = { total: 0, by: Object.fromEntries(DIMENSIONS.map(([k]) => [k, {}])) as Stats['by'], overdue: 0, overdueByUnit: {}, followUps: { outcomes: {}, reasons: {} }, unitNames: {} };
      return { from, to, ...empty, rates: Object.fromEntries(RATES.map((k) => [k, none])) as Stats['rates'], series };
    }
    const nw = nextWorkingDays(calendar, from, to);
    const cal: CalendarValues = { days: nw.days, nextWorking: nw.due, today };
    const base = params.slice();
    // Every statement names $1–$3 so PostgreSQL can type them, whatever the rate uses.
    const typed = 'WHERE $1::timestamptz IS NOT NULL AND $2::timestamptz IS NOT NULL AND $3::text IS NOT NULL';
    const { total, by } = await counts(tx, `c.created_at >= $1::timestamptz AND c.created_at < $2::timestamptz AND ${scope.where}`, base, typed);
    const rates = {} as Record<RateName, Rate>;
    for (const name of RATES) {
      const own = base.slice();
      const add = (v: unknown): string => {
        own.push(v);
        return `$${String(own.length)}`;
      };
      const sql = rateSql(name, add, scope.where, cal);
      const r = await tx.query<{ n: string; d: string }>(`SELECT q.n::text AS n, q.d::text AS d FROM (${sql}) AS q(n, d) ${typed}`, own);
      rates[name] = rate(Number(r.rows[0]?.n ?? 0), Number(r.rows[0]?.d ?? 0));
    }
    const series = await seriesOf(tx, `c.created_at >= $1::timestamptz AND c.created_at < $2::timestamptz AND ${scope.where}`, base, from, to);
    const overdueUnits = await overdueByUnit(tx, scope.where, base, CLOCK_STATES, today);
    const followUps = await followUpBreakdown(tx, scope.where, base);
    const named = new Set([...Object.keys(by.unit), ...Object.keys(overdueUnits), ...Object.keys(series.by.unit)]);
    const unitNames = Object.fromEntries([...named].flatMap((id) => {
      const name = org.units.get(id)?.name;
      return name === undefined ? [] : [[id, name]];
    }));
    const overdue = Object.values(overdueUnits).reduce((a, b) => a + b, 0);
    return { from, to, total, by, overdue, rates, series, overdueByUnit: overdueUnits, followUps, unitNames };
  });
}
