// What the sysadmin sees of the configuration: the unit tree, deadline policies, the routing table,
// working hours and the business calendar, each saying whether the bureau set it or a default answers.
import type { Deps } from '../../commands/deps.js';
import { BusinessCalendar } from '../../domain/calendar/business-calendar.js';
import { PUBLISHED_YEARS } from '../../domain/calendar/data/holidays.js';
import { parseYearCalendar, type YearCalendar, type YearCalendarJson } from '../../domain/calendar/year-calendar.js';
import type { DeadlinePolicy } from '../../domain/clocks/deadline-policy.js';
import { CASE_TYPES, type CaseType } from '../../domain/data/taxonomy.js';
import type { Bilingual } from '../../domain/i18n-text.js';
import { RANK_LABELS, RANKS, type Rank } from '../../domain/roles.js';
import { DEFAULT_ROUTING, ROUTE_LABELS, type RoutingRule } from '../../domain/routing.js';
import type { UnitKind } from '../../domain/units.js';
import { loadDeadlinePolicies, loadRouting } from '../../store/reference-data.js';

export type Source = 'table' | 'default';

export interface UnitItem {
  readonly id: string;
  readonly code: string;
  readonly name: string;
  readonly parentId: string | null;
  readonly kind: UnitKind;
  readonly inspection: boolean;
  readonly userCount: number;
}

export async function listUnits(deps: Deps): Promise<UnitItem[]> {
  const r = await deps.pool.query<{ id: string; code: string; name: string; parent_id: string | null; kind: UnitKind; inspection: boolean; users: number }>(
    `SELECT n.id, n.code, n.name, n.parent_id, n.kind, n.inspection, (SELECT count(*)::int FROM users u WHERE u.unit_id = n.id) AS users
     FROM units n ORDER BY n.code`,
  );
  return r.rows.map((u) => ({ id: u.id, code: u.code, name: u.name, parentId: u.parent_id, kind: u.kind, inspection: u.inspection, userCount: u.users }));
}

export interface PolicyItem {
  readonly caseType: CaseType;
  readonly label: Bilingual;
  readonly policy: DeadlinePolicy | null;
  readonly source: Source;
}

export async function deadlinePolicyView(deps: Deps): Promise<PolicyItem[]> {
  const policies = await loadDeadlinePolicies(deps.pool);
  const stored = new Set((await deps.pool.query<{ case_type: string }>('SELECT case_type FROM deadline_policies')).rows.map((r) => r.case_type));
  return CASE_TYPES.map((t) => ({ caseType: t.code, label: t.name, policy: policies[t.code], source: stored.has(t.code) ? 'table' : 'default' }));
}

export interface RoutingItem {
  readonly rank: Rank;
  readonly label: Bilingual;
  readonly rule: RoutingRule;
  readonly routeLabel: Bilingual;
  readonly source: Source;
}

export async function routingView(deps: Deps): Promise<RoutingItem[]> {
  const table = await loadRouting(deps.pool);
  const stored = new Set((await deps.pool.query<{ rank: string }>('SELECT rank FROM routing_rules')).rows.map((r) => r.rank));
  return RANKS.map((rank) => {
    const rule = stored.has(rank) ? table[rank] : DEFAULT_ROUTING[rank];
    return { rank, label: RANK_LABELS[rank], rule, routeLabel: ROUTE_LABELS[rule.route], source: stored.has(rank) ? 'table' : 'default' };
  });
}

export interface CalendarYearItem {
  readonly year: number;
  readonly status: 'published' | 'provisional';
  /** table: entered by the sysadmin; file: the reviewed data file; rule: computed, provisional */
  readonly source: 'table' | 'file' | 'rule';
  readonly holidayDays: number;
  readonly makeupWorkdays: number;
  readonly updatedAt: string | null;
}

// How far ahead the list shows computed years: deadlines rarely reach further.
const YEARS_AHEAD = 2;

function item(cal: YearCalendar, source: CalendarYearItem['source'], updatedAt: Date | null): CalendarYearItem {
  return { year: cal.year, status: cal.status, source, holidayDays: cal.holidays.reduce((n, h) => n + h.dates.length, 0), makeupWorkdays: cal.makeupWorkdays.length, updatedAt: updatedAt?.toISOString() ?? null };
}

/** Every year the calendar knows, and the coming years it would compute by rule. */
export async function calendarYears(deps: Deps): Promise<CalendarYearItem[]> {
  const rows = await deps.pool.query<{ definition: YearCalendarJson; updated_at: Date }>('SELECT definition, updated_at FROM calendar_years ORDER BY year');
  const out = new Map<number, CalendarYearItem>();
  for (const y of PUBLISHED_YEARS) out.set(y.year, item(parseYearCalendar(y), 'file', null));
  for (const r of rows.rows) {
    const cal = parseYearCalendar(r.definition);
    out.set(cal.year, item(cal, 'table', r.updated_at));
  }
  const calendar = BusinessCalendar.fromData(rows.rows.map((r) => parseYearCalendar(r.definition)));
  const thisYear = deps.clock.now().getUTCFullYear();
  for (let year = thisYear; year <= thisYear + YEARS_AHEAD; year++) {
    if (out.has(year)) continue;
    try {
      out.set(year, item(calendar.yearCalendar(year), 'rule', null));
    } catch {
      // No lunar data for the year: the list simply stops there, and clocks fail closed.
    }
  }
  return [...out.values()].sort((a, b) => a.year - b.year);
}

/** One year as the calendar uses it now, or null when it knows nothing of the year. */
export async function calendarYear(deps: Deps, year: number): Promise<{ definition: YearCalendar; source: CalendarYearItem['source'] } | null> {
  const row = (await deps.pool.query<{ definition: YearCalendarJson }>('SELECT definition FROM calendar_years WHERE year = $1', [year])).rows[0];
  if (row !== undefined) return { definition: parseYearCalendar(row.definition), source: 'table' };
  const file = PUBLISHED_YEARS.find((y) => y.year === year);
  if (file !== undefined) return { definition: parseYearCalendar(file), source: 'file' };
  try {
    return { definition: BusinessCalendar.fromData().yearCalendar(year), source: 'rule' };
  } catch {
    return null;
  }
}
