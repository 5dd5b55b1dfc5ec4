// The dashboard's breakdowns of GET /api/v1/stats (issue 4): registrations over time by dimension, today's
// overdue cases by unit, and follow-up outcomes with the reasons for dissatisfaction. One statement each,
// on the scoped cases `c` of stats.ts ($1/$2 bound the period, $3 is the zone, then the scope's values).
import type pg from 'pg';
import { daysBetween, datesInRange, type LocalDate } from '../../domain/calendar/local-date.js';

/** Dimensions drawn over time: those the bureau reports volume by (issue 4). */
export const SERIES_DIMENSIONS = [
  ['channel', 'c.channel'],
  ['type', 'c.type'],
  ['problemType', 'c.problem_type'],
  ['policeBranch', 'c.police_branch'],
  ['unit', 'c.current_unit_id::text'],
] as const;
type SeriesDimension = (typeof SERIES_DIMENSIONS)[number][0];

export interface Series {
  /** days for a period up to two months, months beyond */
  readonly bucket: 'day' | 'month';
  /** each bucket's first day, YYYY-MM-DD */
  readonly periods: readonly string[];
  readonly total: readonly number[];
  readonly by: Readonly<Record<SeriesDimension, Readonly<Record<string, readonly number[]>>>>;
}

export interface FollowUpBreakdown {
  readonly outcomes: Readonly<Record<string, number>>;
  /** reasons given with dissatisfied outcomes */
  readonly reasons: Readonly<Record<string, number>>;
}

const DAY_BUCKETS_UP_TO = 62;

function periodsOf(from: LocalDate, to: LocalDate, bucket: Series['bucket']): string[] {
  const days = datesInRange(from, to);
  return bucket === 'day' ? days : [...new Set(days.map((d) => `${d.slice(0, 7)}-01`))];
}

/** Registrations per bucket and dimension, gaps as zeros, in one grouping-sets statement. */
export async function seriesOf(tx: pg.ClientBase, where: string, params: readonly unknown[], from: LocalDate, to: LocalDate): Promise<Series> {
  const bucket: Series['bucket'] = daysBetween(from, to) < DAY_BUCKETS_UP_TO ? 'day' : 'month';
  const periods = periodsOf(from, to, bucket);
  const index = new Map(periods.map((p, i) => [p, i]));
  const zeros = (): number[] => periods.map(() => 0);
  const total = zeros();
  const by = Object.fromEntries(SERIES_DIMENSIONS.map(([k]) => [k, {}])) as Record<SeriesDimension, Record<string, number[]>>;
  const cols = SERIES_DIMENSIONS.map(([, col]) => col.replace('::text', ''));
  const dim = SERIES_DIMENSIONS.map(([k, col]) => `WHEN grouping(${col.replace('c.', 's.').replace('::text', '')}) = 0 THEN '${k}'`).join(' ');
  const keys = SERIES_DIMENSIONS.map(([, col]) => col.replace('c.', 's.')).join(', ');
  const bucketParam = `$${String(params.length + 1)}`;
  const r = await tx.query<{ dim: SeriesDimension | 'total'; key: string | null; period: string; n: string }>(
    `SELECT CASE ${dim} ELSE 'total' END AS dim, COALESCE(${keys}) AS key, s.period, count(*)::text AS n
     FROM (SELECT ${cols.join(', ')}, to_char(date_trunc(${bucketParam}::text, c.created_at AT TIME ZONE $3::text), 'YYYY-MM-DD') AS period
           FROM cases c WHERE ${where} AND $1::timestamptz IS NOT NULL AND $2::timestamptz IS NOT NULL) s
     GROUP BY GROUPING SETS ((s.period), ${cols.map((c) => `(s.period, ${c.replace('c.', 's.')})`).join(', ')})`,
    [...params, bucket],
  );
  for (const row of r.rows) {
    const i = index.get(row.period);
    if (i === undefined) continue;
    if (row.dim === 'total') {
      total[i] = Number(row.n);
      continue;
    }
    const key = row.key ?? 'none';
    const line = (by[row.dim][key] ??= zeros());
    line[i] = Number(row.n);
  }
  return { bucket, periods, total, by };
}

/** Today's overdue cases by the unit holding them (`none` while the centre holds them). */
export async function overdueByUnit(tx: pg.ClientBase, where: string, params: readonly unknown[], clockStates: readonly string[], today: LocalDate): Promise<Record<string, number>> {
  const n = params.length;
  const r = await tx.query<{ unit: string | null; n: string }>(
    `SELECT c.current_unit_id::text AS unit, count(*)::text AS n FROM cases c
     WHERE c.state = ANY($${String(n + 1)}::text[]) AND c.suspended_since IS NULL AND c.public_due < $${String(n + 2)}::date AND ${where}
       AND $1::timestamptz IS NOT NULL AND $2::timestamptz IS NOT NULL AND $3::text IS NOT NULL
     GROUP BY c.current_unit_id`,
    [...params, clockStates, today],
  );
  return Object.fromEntries(r.rows.map((row) => [row.unit ?? 'none', Number(row.n)]));
}

/** Outcomes recorded in the period (visits and online ratings), and the reasons of the dissatisfied ones. */
export async function followUpBreakdown(tx: pg.ClientBase, where: string, params: readonly unknown[]): Promise<FollowUpBreakdown> {
  const r = await tx.query<{ what: 'outcome' | 'reason'; code: string; n: string }>(
    `SELECT 'outcome' AS what, x.outcome AS code, count(*)::text AS n FROM follow_up_records x JOIN cases c ON c.id = x.case_id
       WHERE x.recorded_at >= $1::timestamptz AND x.recorded_at < $2::timestamptz AND $3::text IS NOT NULL AND ${where} GROUP BY x.outcome
     UNION ALL
     SELECT 'reason', reason, count(*)::text FROM follow_up_records x JOIN cases c ON c.id = x.case_id, unnest(x.reasons) AS reason
       WHERE x.recorded_at >= $1::timestamptz AND x.recorded_at < $2::timestamptz AND x.outcome = 'dissatisfied' AND ${where} GROUP BY reason`,
    [...params],
  );
  const outcomes: Record<string, number> = {};
  const reasons: Record<string, number> = {};
  for (const row of r.rows) (row.what === 'outcome' ? outcomes : reasons)[row.code] = Number(row.n);
  return { outcomes, reasons };
}
