// A calendar date in the bureau's zone, without a time or a zone of its own. Arithmetic runs on
// UTC day numbers so that neither the server's zone nor daylight saving can shift a date.
import { DomainError } from './errors.js';

declare const localDateBrand: unique symbol;
/** 'YYYY-MM-DD'; sorts and compares as a plain string. */
export type LocalDate = string & { readonly [localDateBrand]: true };

/** 0 = Sunday … 6 = Saturday, as in Date#getUTCDay. */
export type DayOfWeek = 0 | 1 | 2 | 3 | 4 | 5 | 6;

const MS_PER_DAY = 86_400_000;
const PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/u;
// Date.UTC reads years 0–99 as 1900–1999; nothing in Zhitong needs dates that old.
const MIN_YEAR = 1000;
const MAX_YEAR = 9999;

export interface DateParts {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function isValidParts(year: number, month: number, day: number): boolean {
  return (
    Number.isInteger(year) && Number.isInteger(month) && Number.isInteger(day) &&
    year >= MIN_YEAR && year <= MAX_YEAR && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month)
  );
}

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

/** Builds a date from its parts; throws on 2025-02-30 and the like. */
export function formatLocalDate(year: number, month: number, day: number): LocalDate {
  if (!isValidParts(year, month, day)) throw new DomainError('invalid_date', `${year}-${month}-${day}`);
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}` as LocalDate;
}

export function isLocalDate(value: unknown): value is LocalDate {
  if (typeof value !== 'string') return false;
  const m = PATTERN.exec(value);
  return m !== null && isValidParts(Number(m[1]), Number(m[2]), Number(m[3]));
}

/** The only way from untrusted text to a LocalDate. */
export function parseLocalDate(value: string): LocalDate {
  if (!isLocalDate(value)) throw new DomainError('invalid_date', value.slice(0, 20));
  return value;
}

export function partsOf(date: LocalDate): DateParts {
  return { year: Number(date.slice(0, 4)), month: Number(date.slice(5, 7)), day: Number(date.slice(8, 10)) };
}

export function yearOf(date: LocalDate): number {
  return Number(date.slice(0, 4));
}

function dayNumber(date: LocalDate): number {
  const { year, month, day } = partsOf(date);
  return Date.UTC(year, month - 1, day) / MS_PER_DAY;
}

function fromDayNumber(n: number): LocalDate {
  const d = new Date(n * MS_PER_DAY);
  return formatLocalDate(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

export function addDays(date: LocalDate, days: number): LocalDate {
  if (!Number.isInteger(days)) throw new DomainError('invalid_day_count', String(days));
  return fromDayNumber(dayNumber(date) + days);
}

/** Calendar days from `from` to `to`: positive when `to` is later. */
export function daysBetween(from: LocalDate, to: LocalDate): number {
  return dayNumber(to) - dayNumber(from);
}

export function compareDates(a: LocalDate, b: LocalDate): -1 | 0 | 1 {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function minDate(a: LocalDate, b: LocalDate): LocalDate {
  return a <= b ? a : b;
}

export function maxDate(a: LocalDate, b: LocalDate): LocalDate {
  return a >= b ? a : b;
}

export function dayOfWeek(date: LocalDate): DayOfWeek {
  return new Date(dayNumber(date) * MS_PER_DAY).getUTCDay() as DayOfWeek;
}

export function isWeekend(date: LocalDate): boolean {
  const dow = dayOfWeek(date);
  return dow === 0 || dow === 6;
}

/** Every date from `from` to `to`, both included; empty when `to` is earlier. */
export function datesInRange(from: LocalDate, to: LocalDate): LocalDate[] {
  const out: LocalDate[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
  return out;
}
