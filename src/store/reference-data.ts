// The bureau's configuration as the domain needs it: unit tree, calendar, deadline policies, routing,
// the sealed group. Empty tables fall back to the reviewed defaults in the domain.
import type pg from 'pg';
import { BusinessCalendar } from '../domain/calendar/business-calendar.js';
import { parseYearCalendar, type YearCalendarJson } from '../domain/calendar/year-calendar.js';
import { DEFAULT_POLICIES, type DeadlinePolicies, type DeadlinePolicy, type DayUnit, type ClockStart } from '../domain/clocks/deadline-policy.js';
import type { CaseType } from '../domain/data/taxonomy.js';
import { DEFAULT_ROUTING, type RoutingRule, type RoutingTable } from '../domain/routing.js';
import type { Rank, Role } from '../domain/roles.js';
import { defaultEntries, type Dictionary, type DictionaryEntry } from '../domain/dictionaries.js';
import { DEFAULT_WORKING_HOURS, parseWorkingHours, type WorkingHours } from '../domain/working-hours.js';
import { buildUnitTree, headsFromGrants, type UnitKind, type UnitNode, type UnitTree } from '../domain/units.js';

type Db = pg.ClientBase | pg.Pool;

export interface UnitInfo {
  readonly id: string;
  readonly code: string;
  readonly name: string;
  readonly parentId: string | null;
}

export interface OrgSnapshot {
  readonly tree: UnitTree;
  readonly units: ReadonlyMap<string, UnitInfo>;
}

/** Units and who heads them (active unit_head and bureau_leader grants of active users). */
export async function loadOrg(db: Db): Promise<OrgSnapshot> {
  const units = await db.query<{ id: string; code: string; name: string; parent_id: string | null; kind: UnitKind; inspection: boolean }>(
    'SELECT id, code, name, parent_id, kind, inspection FROM units ORDER BY code',
  );
  const grants = await db.query<{ user_id: string; unit_id: string; roles: Role[] }>(
    `SELECT u.id AS user_id, u.unit_id, array_agg(g.role) AS roles FROM users u JOIN role_grants g ON g.user_id = u.id
     WHERE g.revoked_at IS NULL AND u.active AND g.role IN ('unit_head', 'bureau_leader') GROUP BY u.id, u.unit_id`,
  );
  const nodes: UnitNode[] = units.rows.map((u) => ({ id: u.id, parentId: u.parent_id, kind: u.kind, inspection: u.inspection }));
  const rootId = nodes.find((n) => n.parentId === null)?.id ?? '';
  const heads = headsFromGrants(grants.rows.map((g) => ({ userId: g.user_id, unitId: g.unit_id, roles: g.roles })), rootId);
  return {
    tree: buildUnitTree(nodes, heads),
    units: new Map(units.rows.map((u) => [u.id, { id: u.id, code: u.code, name: u.name, parentId: u.parent_id }])),
  };
}

/** The reviewed calendar file, with the years the bureau entered replacing those of the file. */
export async function loadCalendar(db: Db): Promise<BusinessCalendar> {
  const rows = await db.query<{ definition: YearCalendarJson }>('SELECT definition FROM calendar_years ORDER BY year');
  return BusinessCalendar.fromData(rows.rows.map((r) => parseYearCalendar(r.definition)));
}

export async function loadDeadlinePolicies(db: Db): Promise<DeadlinePolicies> {
  const rows = await db.query<{ case_type: CaseType; amount: number | null; unit: DayUnit; starts_at: ClockStart; roll_forward_if_holiday: boolean }>(
    'SELECT case_type, amount, unit, starts_at, roll_forward_if_holiday FROM deadline_policies',
  );
  const policies: Record<CaseType, DeadlinePolicy | null> = { ...DEFAULT_POLICIES };
  for (const r of rows.rows) {
    policies[r.case_type] = r.amount === null ? null : { amount: r.amount, unit: r.unit, startsAt: r.starts_at, rollForwardIfHoliday: r.roll_forward_if_holiday };
  }
  return policies;
}

export async function loadRouting(db: Db): Promise<RoutingTable> {
  const rows = await db.query<{ rank: Rank; rule: RoutingRule }>('SELECT rank, rule FROM routing_rules');
  const table: Record<Rank, RoutingRule> = { ...DEFAULT_ROUTING };
  for (const r of rows.rows) table[r.rank] = r.rule;
  return table;
}

export async function loadSealedGroup(db: Db): Promise<string[]> {
  return (await db.query<{ user_id: string }>('SELECT user_id FROM sealed_group_members')).rows.map((r) => r.user_id);
}

export const WORKING_HOURS_KEY = 'working_hours';

/** The hours the sysadmin set, or the defaults while there is no (usable) settings row. */
export async function loadWorkingHours(db: Db): Promise<WorkingHours> {
  const r = await db.query<{ value: unknown }>('SELECT value FROM settings WHERE key = $1', [WORKING_HOURS_KEY]);
  const row = r.rows[0];
  return (row === undefined ? null : parseWorkingHours(row.value)) ?? DEFAULT_WORKING_HOURS;
}

export interface StoredDictionary {
  readonly entries: DictionaryEntry[];
  /** defaults: the table holds nothing yet and the reviewed data file answers */
  readonly source: 'table' | 'defaults';
}

/** A dictionary as stored, parents first; the reviewed defaults while the table holds none of it. */
export async function loadDictionary(db: Db, dictionary: Dictionary): Promise<StoredDictionary> {
  const r = await db.query<{ code: string; parent_code: string | null; name_zh: string; name_en: string; position: number; active: boolean }>(
    `SELECT code, parent_code, name_zh, name_en, position, active FROM dictionary_entries WHERE dictionary = $1
     ORDER BY parent_code NULLS FIRST, position, code`,
    [dictionary],
  );
  if (r.rows.length === 0) return { entries: defaultEntries(dictionary), source: 'defaults' };
  return {
    entries: r.rows.map((e) => ({ code: e.code, parentCode: e.parent_code, name: { zh: e.name_zh, en: e.name_en }, position: e.position, active: e.active })),
    source: 'table',
  };
}

export interface ReferenceSet {
  readonly org: OrgSnapshot;
  readonly calendar: BusinessCalendar;
  readonly policies: DeadlinePolicies;
  readonly routing: RoutingTable;
  readonly sealedGroup: readonly string[];
}

/** Everything a command decides with; read one query after another on the command's own connection. */
export async function loadReferenceSet(db: Db): Promise<ReferenceSet> {
  const org = await loadOrg(db);
  const calendar = await loadCalendar(db);
  const policies = await loadDeadlinePolicies(db);
  const routing = await loadRouting(db);
  const sealedGroup = await loadSealedGroup(db);
  return { org, calendar, policies, routing, sealedGroup };
}
