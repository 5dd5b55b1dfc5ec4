// One year of the business calendar as the State Council notice states it. The shape is plain
// JSON because the sysadmin edits it later and the store keeps it in a table.
import type { Bilingual } from '../i18n-text.js';
import { DomainError } from './errors.js';
import { isLocalDate, isWeekend, yearOf, type LocalDate } from './local-date.js';

export const FESTIVAL_CODES = ['new_year', 'spring_festival', 'qingming', 'labour_day', 'dragon_boat', 'mid_autumn', 'national_day'] as const;
export type FestivalCode = (typeof FESTIVAL_CODES)[number];

export const FESTIVAL_NAMES = {
  new_year: { zh: '元旦', en: "New Year's Day" },
  spring_festival: { zh: '春节', en: 'Spring Festival' },
  qingming: { zh: '清明节', en: 'Qingming Festival' },
  labour_day: { zh: '劳动节', en: 'Labour Day' },
  dragon_boat: { zh: '端午节', en: 'Dragon Boat Festival' },
  mid_autumn: { zh: '中秋节', en: 'Mid-Autumn Festival' },
  national_day: { zh: '国庆节', en: 'National Day' },
} as const satisfies Record<FestivalCode, Bilingual>;

export const YEAR_STATUSES = ['published', 'provisional'] as const;
/** provisional: computed by rule because the year's notice has not been entered yet. */
export type YearStatus = (typeof YEAR_STATUSES)[number];

export interface Holiday {
  readonly code: FestivalCode;
  /** As the notice words it, e.g. 国庆节、中秋节. */
  readonly name: string;
  /** Every day off of the break, weekends and swapped rest days (调休) included. */
  readonly dates: readonly LocalDate[];
}

export interface YearCalendar {
  readonly year: number;
  readonly status: YearStatus;
  readonly holidays: readonly Holiday[];
  /** 调休补班: weekend dates that are working days. */
  readonly makeupWorkdays: readonly LocalDate[];
}

/** The same year as untrusted JSON: the data file, the table, an admin's form. */
export interface YearCalendarJson {
  readonly year: number;
  readonly status: string;
  readonly holidays: readonly { readonly code: string; readonly name: string; readonly dates: readonly string[] }[];
  readonly makeupWorkdays: readonly string[];
}

const invalid = (year: unknown, why: string): DomainError => new DomainError('invalid_calendar', `${String(year)}: ${why}`);

// A notice may start the New Year break in the December before its year.
function belongsTo(date: LocalDate, year: number): boolean {
  return yearOf(date) === year || (yearOf(date) === year - 1 && date.slice(5, 7) === '12');
}

/** Throws unless every date is real, belongs to the year, appears once, and make-up days are weekends. */
export function checkYearCalendar(cal: YearCalendar): void {
  const { year } = cal;
  if (!Number.isInteger(year) || year < 1000 || year > 9999) throw invalid(year, 'year');
  if (!YEAR_STATUSES.includes(cal.status)) throw invalid(year, 'status');
  const seen = new Set<string>();
  const claim = (date: LocalDate): void => {
    if (!isLocalDate(date) || !belongsTo(date, year)) throw invalid(year, `date ${String(date)} outside the year`);
    if (seen.has(date)) throw invalid(year, `date ${date} listed twice`);
    seen.add(date);
  };
  for (const h of cal.holidays) {
    if (!FESTIVAL_CODES.includes(h.code)) throw invalid(year, `festival ${h.code}`);
    if (h.name.trim() === '' || h.dates.length === 0) throw invalid(year, `festival ${h.code} has no name or no dates`);
    h.dates.forEach(claim);
  }
  for (const d of cal.makeupWorkdays) {
    claim(d);
    if (!isWeekend(d)) throw invalid(year, `make-up working day ${d} is not a weekend day`);
  }
}

function isFestivalCode(value: string): value is FestivalCode {
  return (FESTIVAL_CODES as readonly string[]).includes(value);
}

function isYearStatus(value: string): value is YearStatus {
  return (YEAR_STATUSES as readonly string[]).includes(value);
}

function dates(year: unknown, values: readonly string[]): LocalDate[] {
  return values.map((v) => {
    if (!isLocalDate(v)) throw invalid(year, `date ${v}`);
    return v;
  });
}

/** Turns stored or entered JSON into a checked YearCalendar. */
export function parseYearCalendar(json: YearCalendarJson): YearCalendar {
  const { year, status } = json;
  if (!isYearStatus(status)) throw invalid(year, `status ${status}`);
  const holidays = json.holidays.map((h): Holiday => {
    if (!isFestivalCode(h.code)) throw invalid(year, `festival ${h.code}`);
    return { code: h.code, name: h.name, dates: dates(year, h.dates) };
  });
  const cal: YearCalendar = { year, status, holidays, makeupWorkdays: dates(year, json.makeupWorkdays) };
  checkYearCalendar(cal);
  return cal;
}
