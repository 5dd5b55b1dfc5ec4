// The values contributionCtes binds: the bureau's zone, the unit tree's ancestry and the next working day
// after each day levels were assigned on, for the cases at hand.
import type pg from 'pg';
import type { BusinessCalendar } from '../../domain/calendar/business-calendar.js';
import { datesInRange, type LocalDate } from '../../domain/calendar/local-date.js';
import { CLOCK_STATES } from '../../domain/state-groups.js';
import { ancestorsOf, hasSubUnits, type UnitTree } from '../../domain/units.js';
import type { ContributionInputs } from './contributions.js';

export function ancestryOf(tree: UnitTree): ContributionInputs['ancestry'] {
  const unit: string[] = [];
  const ancestor: string[] = [];
  for (const id of tree.units.keys()) {
    for (const a of ancestorsOf(tree, id)) {
      unit.push(id);
      ancestor.push(a);
    }
  }
  return { unit, ancestor };
}

/** The units whose heads read roll-ups: those with sub-units (contributions.ts). */
export function rolledUpUnits(tree: UnitTree): string[] {
  return [...tree.units.keys()].filter((id) => hasSubUnits(tree, id));
}

/** Next working days for every day in [from, to]; a day the calendar cannot answer for is left out (never on time). */
export function signDaysOf(calendar: BusinessCalendar, from: LocalDate | null, to: LocalDate | null): ContributionInputs['signDays'] {
  const day: LocalDate[] = [];
  const due: LocalDate[] = [];
  if (from === null || to === null) return { day, due };
  for (const d of datesInRange(from, to)) {
    try {
      due.push(calendar.addWorkingDays(d, 1));
      day.push(d);
    } catch {
      // a year before the calendar's data: its levels count as assigned, never as signed on time
    }
  }
  return { day, due };
}

/**
 * The inputs for the cases `caseFilter` (a condition on `c`, with `params`) selects: the calendar spans the
 * days their levels were assigned on.
 */
export async function contributionInputs(
  tx: pg.ClientBase,
  ref: { readonly tree: UnitTree; readonly calendar: BusinessCalendar; readonly timezone: string },
  caseFilter: string,
  params: readonly unknown[],
): Promise<ContributionInputs> {
  const tz = `$${String(params.length + 1)}::text`;
  const r = await tx.query<{ first: LocalDate | null; last: LocalDate | null }>(
    `SELECT min((d.assigned_at AT TIME ZONE ${tz})::date) AS first, max((d.assigned_at AT TIME ZONE ${tz})::date) AS last
     FROM dispatch_levels d JOIN cases c ON c.id = d.case_id WHERE ${caseFilter}`,
    [...params, ref.timezone],
  );
  const span = r.rows[0];
  return { timezone: ref.timezone, ancestry: ancestryOf(ref.tree), clockStates: CLOCK_STATES, rolledUp: rolledUpUnits(ref.tree), signDays: signDaysOf(ref.calendar, span?.first ?? null, span?.last ?? null) };
}
