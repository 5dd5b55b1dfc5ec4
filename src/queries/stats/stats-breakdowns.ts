// The dashboard's breakdowns of GET /api/v1/stats (issue 4): the shapes of registrations over time and of
// follow-up outcomes (computed from the figures, stats-figures.ts), and today's overdue cases by unit — live,
// since "overdue today" is about open cases now, not about a period — on the scoped cases `c`.
import type pg from 'pg';
import type { LocalDate } from '../../domain/calendar/local-date.js';

/** Dimensions drawn over time: those the bureau reports volume by (issue 4). */
export const SERIES_DIMENSIONS = ['channel', 'type', 'problemType', 'policeBranch', 'unit'] as const;
export type SeriesDimension = (typeof SERIES_DIMENSIONS)[number];

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

/** Today's overdue cases by the unit holding them (`none` while the centre holds them). */
export async function overdueByUnit(tx: pg.ClientBase, where: string, params: readonly unknown[], clockStates: readonly string[], today: LocalDate): Promise<Record<string, number>> {
  const n = params.length;
  const r = await tx.query<{ unit: string | null; n: string }>(
    `SELECT c.current_unit_id::text AS unit, count(*)::text AS n FROM cases c
     WHERE c.state = ANY($${String(n + 1)}::text[]) AND c.suspended_since IS NULL AND c.public_due < $${String(n + 2)}::date AND ${where}
     GROUP BY c.current_unit_id`,
    [...params, clockStates, today],
  );
  return Object.fromEntries(r.rows.map((row) => [row.unit ?? 'none', Number(row.n)]));
}
