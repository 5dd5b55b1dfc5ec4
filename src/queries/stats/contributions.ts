// What one case adds to the statistics, as SQL: the one definition the roll-up job, the rebuild and the
// readers' live corrections all use, so stored and live figures cannot drift apart. Each fact is a metric
// on a local day in the bureau's zone, with an optional dimension and value, and a count:
//   registered  — per registration day, once for 'total' and once per dimension (its code, or 'none')
//   assigned / signed_on_time — per dispatch level, on the day assigned; on time = signed by the next working day
//   due / replied_on_time     — per public deadline (merged cases aside); replied on or before it
//   closed / closed_extended  — per closing day; with a confirmed extension
//   returned                  — per confirmed return, on the day it was settled
//   follow_up_due / follow_up_done — per follow-up task, on its due day
//   rated / rated_satisfied   — per outcome that rates the answer, on the day recorded
//   outcome (value) / reason (value) — every outcome recorded, and each reason given when dissatisfied
//   reopen / close            — per timeline event
//   open_due (unit)           — an open case's public deadline while its clock runs, by the unit holding it:
//                               those before today are today's overdue cases
// Reader keys: 'c' for the centre (every case), 'h:<unit>' for the head of a unit — the units holding a
// granted level of the current cycle (lead or co-handling) and, except for accusations, their ancestors:
// exactly the unit condition of caseScope for a unit head (src/queries/cases/case-scope.ts). Only units with
// sub-units get a key: a station's head reads the stored facts of their few thousand cases instead, and the
// keys of the 200 stations would otherwise be three quarters of the roll-up rows.
import type { LocalDate } from '../../domain/calendar/local-date.js';

/** The dimensions registrations are counted by, with their SQL over the case alias `c`. */
export const REGISTRATION_DIMENSIONS = [
  ['channel', 'c.channel'],
  ['type', 'c.type'],
  ['scope', 'c.scope'],
  ['problemType', 'c.problem_type'],
  ['policeBranch', 'c.police_branch'],
  ['unit', 'c.current_unit_id::text'],
  ['state', 'c.state'],
] as const;
export type RegistrationDimension = (typeof REGISTRATION_DIMENSIONS)[number][0];

export const METRICS = [
  'registered',
  'assigned',
  'signed_on_time',
  'due',
  'replied_on_time',
  'closed',
  'closed_extended',
  'returned',
  'follow_up_due',
  'follow_up_done',
  'rated',
  'rated_satisfied',
  'outcome',
  'reason',
  'reopen',
  'close',
  'open_due',
] as const;
export type Metric = (typeof METRICS)[number];

export interface ContributionInputs {
  readonly timezone: string;
  /** (unit, ancestor) pairs of the unit tree, every ancestor of every unit (ancestors all have sub-units) */
  readonly ancestry: { readonly unit: readonly string[]; readonly ancestor: readonly string[] };
  /** the states whose public clock runs (domain/state-groups.ts) */
  readonly clockStates: readonly string[];
  /** the units with sub-units: the only ones with a roll-up key of their own */
  readonly rolledUp: readonly string[];
  /** each day a level may have been assigned on, with the next working day after it */
  readonly signDays: { readonly day: readonly LocalDate[]; readonly due: readonly LocalDate[] };
}

/**
 * Common table expressions `keyset(case_id, sealed, keys)` and `facts(case_id, metric, dim, value, day, n)`
 * for the cases `caseFilter` selects (a condition on `c`), to follow a WITH. `p` binds a value and returns
 * its placeholder.
 */
export function contributionCtes(caseFilter: string, inputs: ContributionInputs, p: (v: unknown) => string): string {
  const tz = `${p(inputs.timezone)}::text`;
  const local = (col: string) => `(${col} AT TIME ZONE ${tz})::date`;
  const ancestry = `unnest(${p(inputs.ancestry.unit)}::uuid[], ${p(inputs.ancestry.ancestor)}::uuid[])`;
  const signDays = `unnest(${p(inputs.signDays.day)}::date[], ${p(inputs.signDays.due)}::date[])`;
  const dims = REGISTRATION_DIMENSIONS.map(([k, col]) => `('${k}', COALESCE(${col}, 'none'))`).join(', ');
  return `cs AS MATERIALIZED (
    SELECT c.id, c.sealed, c.is_accusation, c.cycle, c.created_at, c.channel, c.type, c.scope, c.problem_type, c.police_branch,
           c.current_unit_id, c.state, c.public_due, c.replied_at, c.closed_at, c.suspended_since
    FROM cases c WHERE ${caseFilter}),
  held AS (
    SELECT c.id AS case_id, c.is_accusation, u.unit_id
    FROM cs c JOIN dispatch_levels d ON d.case_id = c.id AND d.cycle = c.cycle AND d.granted
    CROSS JOIN LATERAL unnest(array_append(d.co_unit_ids, d.unit_id)) AS u(unit_id)),
  keyset AS (
    SELECT c.id AS case_id, c.sealed, array_agg(DISTINCT k.key ORDER BY k.key) AS keys
    FROM cs c JOIN (
      SELECT id AS case_id, 'c' AS key FROM cs
      UNION ALL SELECT h.case_id, 'h:' || h.unit_id::text FROM held h WHERE h.unit_id = ANY(${p(inputs.rolledUp)}::uuid[])
      UNION ALL SELECT h.case_id, 'h:' || a.ancestor::text FROM held h JOIN ${ancestry} AS a(unit, ancestor) ON a.unit = h.unit_id WHERE NOT h.is_accusation
    ) AS k ON k.case_id = c.id
    GROUP BY c.id, c.sealed),
  facts AS (
    SELECT case_id, metric, dim, value, day, sum(n)::int AS n FROM (
      SELECT c.id AS case_id, 'registered' AS metric, v.dim, v.value, ${local('c.created_at')} AS day, 1 AS n
        FROM cs c CROSS JOIN LATERAL (VALUES ('total', ''), ${dims}) AS v(dim, value)
      UNION ALL
      SELECT d.case_id, m.metric, '', '', ${local('d.assigned_at')}, 1
        FROM cs c JOIN dispatch_levels d ON d.case_id = c.id
        LEFT JOIN ${signDays} AS nw(day, due) ON nw.day = ${local('d.assigned_at')}
        CROSS JOIN LATERAL (VALUES ('assigned', true), ('signed_on_time', d.signed_for_at IS NOT NULL AND ${local('d.signed_for_at')} <= nw.due)) AS m(metric, counts)
        WHERE m.counts
      UNION ALL
      SELECT c.id, m.metric, '', '', c.public_due, 1
        FROM cs c CROSS JOIN LATERAL (VALUES ('due', true), ('replied_on_time', c.replied_at IS NOT NULL AND ${local('c.replied_at')} <= c.public_due)) AS m(metric, counts)
        WHERE c.public_due IS NOT NULL AND c.state <> 'merged' AND m.counts
      UNION ALL
      SELECT c.id, m.metric, '', '', ${local('c.closed_at')}, 1
        FROM cs c CROSS JOIN LATERAL (VALUES ('closed', true),
          ('closed_extended', EXISTS (SELECT 1 FROM pending_decisions x WHERE x.case_id = c.id AND x.kind = 'extension' AND x.settlement = 'confirmed'))) AS m(metric, counts)
        WHERE c.closed_at IS NOT NULL AND m.counts
      UNION ALL
      SELECT x.case_id, 'returned', '', '', ${local('x.settled_at')}, 1
        FROM cs c JOIN pending_decisions x ON x.case_id = c.id AND x.kind = 'return' AND x.settlement = 'confirmed' AND x.settled_at IS NOT NULL
      UNION ALL
      SELECT f.case_id, m.metric, '', '', f.due_on, 1
        FROM cs c JOIN follow_ups f ON f.case_id = c.id
        CROSS JOIN LATERAL (VALUES ('follow_up_due', true), ('follow_up_done', f.status = 'done')) AS m(metric, counts)
        WHERE m.counts
      UNION ALL
      SELECT r.case_id, m.metric, m.dim, m.value, ${local('r.recorded_at')}, 1
        FROM cs c JOIN follow_up_records r ON r.case_id = c.id
        CROSS JOIN LATERAL (VALUES
          ('outcome', 'outcome', r.outcome, true),
          ('rated', '', '', r.outcome IN ('satisfied', 'basically_satisfied', 'dissatisfied')),
          ('rated_satisfied', '', '', r.outcome IN ('satisfied', 'basically_satisfied'))) AS m(metric, dim, value, counts)
        WHERE m.counts
      UNION ALL
      SELECT r.case_id, 'reason', 'reason', reason, ${local('r.recorded_at')}, 1
        FROM cs c JOIN follow_up_records r ON r.case_id = c.id AND r.outcome = 'dissatisfied' CROSS JOIN LATERAL unnest(r.reasons) AS reason
      UNION ALL
      SELECT t.case_id, t.event, '', '', ${local('t.at')}, 1
        FROM cs c JOIN timeline t ON t.case_id = c.id AND t.event IN ('reopen', 'close')
      UNION ALL
      SELECT c.id, 'open_due', 'unit', COALESCE(c.current_unit_id::text, 'none'), c.public_due, 1
        FROM cs c WHERE c.state = ANY(${p(inputs.clockStates)}::text[]) AND c.suspended_since IS NULL AND c.public_due IS NOT NULL
    ) AS raw GROUP BY case_id, metric, dim, value, day)`;
}
