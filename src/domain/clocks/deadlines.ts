// The public and unit deadlines of DESIGN §4, their extension and suspension. Every deadline is a
// LocalDate that ends at 24:00 in the bureau's zone; the store layer turns it into an instant.
import type { BusinessCalendar } from '../calendar/business-calendar.js';
import { DomainError } from '../calendar/errors.js';
import { addDays, daysBetween, maxDate, minDate, type LocalDate } from '../calendar/local-date.js';
import { checkPolicy, type DeadlinePolicy } from './deadline-policy.js';

export interface Deadline {
  readonly due: LocalDate;
  /** Some day counted, or the due date, lies in a year whose holidays are computed, not published. */
  readonly provisional: boolean;
}

export interface UnitDeadline extends Deadline {
  /** The level above left less than the floor; the assigner is alerted. */
  readonly flaggedShort: boolean;
}

export const UNIT_WORKING_DAYS = 15;
/** Working days the centre keeps for review and reply before the public deadline. */
export const UNIT_MARGIN_WORKING_DAYS = 5;
export const UNIT_FLOOR_WORKING_DAYS = 3;
/** 信访工作条例 Art. 34: at most 30 days more, in total, per handling cycle. */
export const MAX_EXTENSION_DAYS = 30;

/** The public deadline from the day the policy starts at; that day itself does not count. */
export function publicDeadline(cal: BusinessCalendar, start: LocalDate, policy: DeadlinePolicy): Deadline {
  checkPolicy(policy);
  const last = policy.unit === 'working' ? cal.addWorkingDays(start, policy.amount) : addDays(start, policy.amount);
  const due = policy.rollForwardIfHoliday ? cal.rollForward(last) : last;
  return { due, provisional: cal.anyProvisional(addDays(start, 1), due) };
}

function checkWorkingDays(n: number): void {
  if (!Number.isInteger(n) || n < UNIT_FLOOR_WORKING_DAYS) throw new DomainError('invalid_day_count', `unit working days ${n}`);
}

// Shared by every level of the dispatch chain: the wanted span, cut at the ceiling, never below the floor.
function nested(cal: BusinessCalendar, assignedOn: LocalDate, ceiling: LocalDate | null, workingDays: number): UnitDeadline {
  checkWorkingDays(workingDays);
  const wanted = cal.addWorkingDays(assignedOn, workingDays);
  const floor = cal.addWorkingDays(assignedOn, UNIT_FLOOR_WORKING_DAYS);
  const capped = ceiling === null ? wanted : minDate(wanted, ceiling);
  const due = maxDate(capped, floor);
  return { due, flaggedShort: capped < floor, provisional: cal.anyProvisional(assignedOn, due) };
}

/** The unit deadline printed on the 交办单: 15 working days, ending 5 working days before the public deadline, never under 3. */
export function unitDeadline(
  cal: BusinessCalendar,
  assignedOn: LocalDate,
  publicDue: LocalDate | null,
  opts: { readonly workingDays?: number } = {},
): UnitDeadline {
  const ceiling = publicDue === null ? null : cal.addWorkingDays(publicDue, -UNIT_MARGIN_WORKING_DAYS);
  return nested(cal, assignedOn, ceiling, opts.workingDays ?? UNIT_WORKING_DAYS);
}

/** A lower level of the dispatch chain (下转): nested inside the level above, same floor. */
export function subUnitDeadline(
  cal: BusinessCalendar,
  assignedOn: LocalDate,
  parentDue: LocalDate,
  opts: { readonly workingDays?: number } = {},
): UnitDeadline {
  return nested(cal, assignedOn, parentDue, opts.workingDays ?? UNIT_WORKING_DAYS);
}

export interface ExtensionOptions {
  /** Calendar days already granted in this handling cycle. */
  readonly alreadyExtendedDays?: number;
  readonly rollForwardIfHoliday?: boolean;
}

function checkExtension(days: number, already: number): void {
  if (!Number.isInteger(days) || days < 1 || !Number.isInteger(already) || already < 0) {
    throw new DomainError('invalid_day_count', `extension ${days} after ${already}`);
  }
  if (days + already > MAX_EXTENSION_DAYS) throw new DomainError('extension_too_long', `${already} + ${days}`);
}

/** Moves a deadline by the extension's calendar days, counted from the deadline as it stands. */
export function extend(cal: BusinessCalendar, due: LocalDate, days: number, opts: ExtensionOptions = {}): LocalDate {
  checkExtension(days, opts.alreadyExtendedDays ?? 0);
  const moved = addDays(due, days);
  return (opts.rollForwardIfHoliday ?? true) ? cal.rollForward(moved) : moved;
}

export interface CaseClocks {
  readonly publicDue: LocalDate | null;
  /** One per level of the dispatch chain, top first. */
  readonly unitDues: readonly LocalDate[];
}

/** An approved extension moves the public and every unit deadline together (DESIGN §4). */
export function extendClocks(cal: BusinessCalendar, clocks: CaseClocks, days: number, opts: ExtensionOptions = {}): CaseClocks {
  checkExtension(days, opts.alreadyExtendedDays ?? 0);
  const move = (d: LocalDate): LocalDate => extend(cal, d, days, opts);
  return { publicDue: clocks.publicDue === null ? null : move(clocks.publicDue), unitDues: clocks.unitDues.map(move) };
}

/** From the day the clock stopped to the day it restarted; `to` is today for a suspension still running. */
export interface SuspensionInterval {
  readonly from: LocalDate;
  readonly to: LocalDate;
}

/** Calendar days the clocks stood still; overlapping suspensions count once. */
export function suspendedDays(intervals: readonly SuspensionInterval[]): number {
  const sorted = [...intervals].sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
  let total = 0;
  let reached: LocalDate | null = null;
  for (const { from, to } of sorted) {
    if (to < from) throw new DomainError('invalid_day_count', `suspension ${from} to ${to}`);
    const start: LocalDate = reached === null ? from : maxDate(from, reached);
    if (to > start) total += daysBetween(start, to);
    reached = reached === null ? to : maxDate(reached, to);
  }
  return total;
}

/** The deadline after the clock stood still for the given calendar days. */
export function withSuspension(
  cal: BusinessCalendar,
  due: LocalDate,
  suspendedCalendarDays: number,
  opts: { readonly rollForwardIfHoliday?: boolean } = {},
): LocalDate {
  if (!Number.isInteger(suspendedCalendarDays) || suspendedCalendarDays < 0) {
    throw new DomainError('invalid_day_count', `suspended ${suspendedCalendarDays}`);
  }
  if (suspendedCalendarDays === 0) return due;
  const moved = addDays(due, suspendedCalendarDays);
  return (opts.rollForwardIfHoliday ?? true) ? cal.rollForward(moved) : moved;
}
