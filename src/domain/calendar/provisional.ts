// The statutory holidays of a year whose State Council notice has not been entered, by the rules
// of 全国年节及纪念日放假办法 as revised in 2024 (in force from 2025). Only the statutory days: the
// 调休 swaps and make-up working days cannot be derived and are never guessed.
import { LUNAR_FESTIVALS } from './data/lunar-festivals.js';
import { addDays, formatLocalDate, parseLocalDate, type LocalDate } from './local-date.js';
import { FESTIVAL_NAMES, checkYearCalendar, type FestivalCode, type Holiday, type YearCalendar } from './year-calendar.js';

function consecutive(first: LocalDate, count: number): LocalDate[] {
  return Array.from({ length: count }, (_, i) => addDays(first, i));
}

/** The computed year, or null when the lunar dates of the year are not in the data. */
export function provisionalYear(year: number): YearCalendar | null {
  const lunar = LUNAR_FESTIVALS[year];
  if (lunar === undefined) return null;
  const springFestival = parseLocalDate(lunar.springFestival);
  const midAutumn = parseLocalDate(lunar.midAutumn);
  const nationalDay = consecutive(formatLocalDate(year, 10, 1), 3);
  const days: readonly (readonly [FestivalCode, readonly LocalDate[]])[] = [
    ['new_year', [formatLocalDate(year, 1, 1)]],
    // 除夕 through 初三.
    ['spring_festival', consecutive(addDays(springFestival, -1), 4)],
    ['qingming', [parseLocalDate(lunar.qingming)]],
    ['labour_day', consecutive(formatLocalDate(year, 5, 1), 2)],
    ['dragon_boat', [parseLocalDate(lunar.dragonBoat)]],
    // When 中秋 falls on 1–3 October the day stays with 国庆节; only the notice can add a day for it.
    ['mid_autumn', nationalDay.includes(midAutumn) ? [] : [midAutumn]],
    ['national_day', nationalDay],
  ];
  const holidays = days
    .filter(([, dates]) => dates.length > 0)
    .map(([code, dates]): Holiday => ({ code, name: FESTIVAL_NAMES[code].zh, dates }));
  const cal: YearCalendar = { year, status: 'provisional', holidays, makeupWorkdays: [] };
  checkYearCalendar(cal);
  return cal;
}
