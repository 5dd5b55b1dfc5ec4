// Working hours per weekday (DESIGN §4): when the hotline is answered and when a read counts as
// "outside working hours" for the auditor. The business calendar decides which dates are working
// days; these hours say when, on such a day, the centre is at work.
import type { BusinessCalendar } from './calendar/business-calendar.js';
import { dayOfWeek, type LocalDate } from './calendar/local-date.js';

export const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export interface Period {
  /** 'HH:MM', local time in the bureau's zone */
  readonly start: string;
  /** 'HH:MM', after start; '24:00' is allowed as the end of the day */
  readonly end: string;
}

/** Periods per weekday; a weekend entry matters only on a make-up working day (调休补班). */
export type WorkingHours = Readonly<Record<Weekday, readonly Period[]>>;

const OFFICE: readonly Period[] = [
  { start: '08:30', end: '12:00' },
  { start: '14:00', end: '17:30' },
];

/** A state organ's day with the lunch break; weekends carry the same hours for make-up days. */
export const DEFAULT_WORKING_HOURS: WorkingHours = { sun: OFFICE, mon: OFFICE, tue: OFFICE, wed: OFFICE, thu: OFFICE, fri: OFFICE, sat: OFFICE };

export const MAX_PERIODS_PER_DAY = 4;
const TIME = /^(?:[01][0-9]|2[0-3]):[0-5][0-9]$|^24:00$/u;

export type HoursProblem = { readonly day: Weekday; readonly index: number; readonly reason: 'format' | 'order' | 'overlap' | 'too_many' };

/** Every problem of the hours as entered; empty when they are usable. */
export function checkWorkingHours(hours: WorkingHours): HoursProblem[] {
  const problems: HoursProblem[] = [];
  for (const day of WEEKDAYS) {
    const periods = hours[day];
    if (periods.length > MAX_PERIODS_PER_DAY) problems.push({ day, index: MAX_PERIODS_PER_DAY, reason: 'too_many' });
    periods.forEach((p, index) => {
      if (!TIME.test(p.start) || !TIME.test(p.end) || p.start === '24:00') problems.push({ day, index, reason: 'format' });
      else if (p.end <= p.start) problems.push({ day, index, reason: 'order' });
      else if (index > 0 && (periods[index - 1]?.end ?? '') > p.start) problems.push({ day, index, reason: 'overlap' });
    });
  }
  return problems;
}

/** Whether the local date and time ('HH:MM') fall inside working hours on a working day. */
export function withinWorkingHours(calendar: BusinessCalendar, hours: WorkingHours, date: LocalDate, time: string): boolean {
  if (!calendar.isWorkingDay(date)) return false;
  const day = WEEKDAYS[dayOfWeek(date)];
  return hours[day].some((p) => p.start <= time && time < p.end);
}

function isPeriod(v: unknown): v is Period {
  return typeof v === 'object' && v !== null && typeof (v as Period).start === 'string' && typeof (v as Period).end === 'string';
}

/** Stored JSON back into hours; null when it is not a usable shape (the caller falls back to the defaults). */
export function parseWorkingHours(value: unknown): WorkingHours | null {
  if (typeof value !== 'object' || value === null) return null;
  const record = value as Record<string, unknown>;
  const out: Partial<Record<Weekday, Period[]>> = {};
  for (const day of WEEKDAYS) {
    const periods = record[day];
    if (!Array.isArray(periods) || !periods.every(isPeriod)) return null;
    out[day] = periods.map((p) => ({ start: p.start, end: p.end }));
  }
  const hours = out as WorkingHours;
  return checkWorkingHours(hours).length === 0 ? hours : null;
}
