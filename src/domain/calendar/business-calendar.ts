// Zhitong's own business calendar (DESIGN §4): the published notices, plus statutory holidays
// computed by rule and marked provisional for years without a notice. A year with neither fails
// closed with calendar_year_missing instead of quietly counting Monday to Friday.
import { PUBLISHED_YEARS } from './data/holidays.js';
import { DomainError } from './errors.js';
import { addDays, dayOfWeek, yearOf, type LocalDate } from './local-date.js';
import { provisionalYear } from './provisional.js';
import { checkYearCalendar, parseYearCalendar, type Holiday, type YearCalendar } from './year-calendar.js';

export type DayKind = 'workday' | 'weekend' | 'holiday' | 'makeup_workday';

export interface BusinessCalendarOptions {
  /** Supplies a year that was not given; null when it cannot. */
  readonly provisionalYear?: (year: number) => YearCalendar | null;
}

export class BusinessCalendar {
  readonly #years = new Map<number, YearCalendar>();
  readonly #holidayOn = new Map<LocalDate, Holiday>();
  readonly #makeup = new Set<LocalDate>();
  readonly #supply: ((year: number) => YearCalendar | null) | undefined;

  constructor(years: readonly YearCalendar[], options: BusinessCalendarOptions = {}) {
    this.#supply = options.provisionalYear;
    for (const y of years) this.#add(y);
  }

  /** The reviewed data file; `extraYears` (the calendar table) replace the file's year of the same number. */
  static fromData(extraYears: readonly YearCalendar[] = []): BusinessCalendar {
    const extra = new Set(extraYears.map((y) => y.year));
    const published = PUBLISHED_YEARS.map((y) => parseYearCalendar(y)).filter((y) => !extra.has(y.year));
    return new BusinessCalendar([...published, ...extraYears], { provisionalYear });
  }

  #add(cal: YearCalendar): void {
    checkYearCalendar(cal);
    if (this.#years.has(cal.year)) throw new DomainError('invalid_calendar', `${cal.year}: year given twice`);
    const taken = (d: LocalDate): boolean => this.#holidayOn.has(d) || this.#makeup.has(d);
    const clash = [...cal.holidays.flatMap((h) => h.dates), ...cal.makeupWorkdays].find(taken);
    if (clash !== undefined) throw new DomainError('invalid_calendar', `${cal.year}: ${clash} is claimed by another year`);
    this.#years.set(cal.year, cal);
    for (const h of cal.holidays) for (const d of h.dates) this.#holidayOn.set(d, h);
    for (const d of cal.makeupWorkdays) this.#makeup.add(d);
  }

  /** The year's calendar, computing a provisional one on first use. */
  yearCalendar(year: number): YearCalendar {
    const known = this.#years.get(year);
    if (known !== undefined) return known;
    const computed = this.#supply?.(year) ?? null;
    if (computed === null) throw new DomainError('calendar_year_missing', String(year));
    if (computed.status !== 'provisional' || computed.year !== year) {
      throw new DomainError('invalid_calendar', `${year}: supplied year must be provisional`);
    }
    this.#add(computed);
    return computed;
  }

  kindOf(date: LocalDate): DayKind {
    this.yearCalendar(yearOf(date));
    if (this.#holidayOn.has(date)) return 'holiday';
    if (this.#makeup.has(date)) return 'makeup_workday';
    const dow = dayOfWeek(date);
    return dow === 0 || dow === 6 ? 'weekend' : 'workday';
  }

  /** The festival whose break includes the date, for labels. */
  holidayOn(date: LocalDate): Holiday | null {
    this.yearCalendar(yearOf(date));
    return this.#holidayOn.get(date) ?? null;
  }

  isWorkingDay(date: LocalDate): boolean {
    const kind = this.kindOf(date);
    return kind === 'workday' || kind === 'makeup_workday';
  }

  /** True when the date's year has no entered notice and its holidays were computed by rule. */
  isProvisional(date: LocalDate): boolean {
    return this.yearCalendar(yearOf(date)).status === 'provisional';
  }

  /** True when any date from `from` to `to` (both included, in either order) lies in a provisional year. */
  anyProvisional(from: LocalDate, to: LocalDate): boolean {
    const [a, b] = from <= to ? [yearOf(from), yearOf(to)] : [yearOf(to), yearOf(from)];
    for (let y = a; y <= b; y++) if (this.yearCalendar(y).status === 'provisional') return true;
    return false;
  }

  /** The n-th working day after `from` (before it when n < 0); the start day never counts. */
  addWorkingDays(from: LocalDate, n: number): LocalDate {
    if (!Number.isInteger(n)) throw new DomainError('invalid_day_count', String(n));
    const step = n < 0 ? -1 : 1;
    let date = from;
    for (let left = Math.abs(n); left > 0; ) {
      date = addDays(date, step);
      if (this.isWorkingDay(date)) left--;
    }
    return date;
  }

  /** Working days after `from` up to and including `to`; negative when `to` is earlier. */
  workingDaysBetween(from: LocalDate, to: LocalDate): number {
    if (to < from) return -this.workingDaysBetween(to, from);
    let count = 0;
    for (let d = addDays(from, 1); d <= to; d = addDays(d, 1)) if (this.isWorkingDay(d)) count++;
    return count;
  }

  /** The first working day strictly after the date. */
  nextWorkingDay(date: LocalDate): LocalDate {
    return this.addWorkingDays(date, 1);
  }

  /** The date itself when it is a working day, else the next working day. */
  rollForward(date: LocalDate): LocalDate {
    return this.isWorkingDay(date) ? date : this.nextWorkingDay(date);
  }
}
