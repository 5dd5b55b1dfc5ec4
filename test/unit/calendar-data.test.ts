// The reviewed data file against chinese-days 1.5.7, day by day. Mapping of its semantics:
//   getDayDetail(d).name carries "Festival,节日,n" only for dates a notice lists; a listed date with
//   work=false is our 'holiday', with work=true our 'makeup_workday'; unlisted dates are
//   'workday'/'weekend' by weekday. isInLieu (a swapped rest day inside a break) has no kind of its
//   own here: it is a day off like the statutory ones, so it must be a 'holiday' for us.
import { afterAll, describe, expect, it } from 'vitest';
import { BusinessCalendar, type DayKind } from '../../src/domain/calendar/business-calendar.js';
import { PUBLISHED_YEARS } from '../../src/domain/calendar/data/holidays.js';
import { datesInRange, parseLocalDate as d, type LocalDate } from '../../src/domain/calendar/local-date.js';
import { provisionalYear } from '../../src/domain/calendar/provisional.js';
import type { FestivalCode } from '../../src/domain/calendar/year-calendar.js';

// chinese-days formats dates with local-time getters; pin a zone east of UTC before it loads.
const savedTz = process.env.TZ;
process.env.TZ = 'Asia/Shanghai';
const cd = await import('chinese-days');
afterAll(() => {
  if (savedTz === undefined) delete process.env.TZ;
  else process.env.TZ = savedTz;
});

const CD_FESTIVALS: Readonly<Record<string, FestivalCode>> = {
  "New Year's Day": 'new_year',
  'Spring Festival': 'spring_festival',
  'Tomb-sweeping Day': 'qingming',
  'Labour Day': 'labour_day',
  'Dragon Boat Festival': 'dragon_boat',
  'Mid-autumn Festival': 'mid_autumn',
  'National Day': 'national_day',
};

const cal = BusinessCalendar.fromData();

function chineseDaysKind(date: LocalDate): { kind: DayKind; festival: FestivalCode | null } {
  const detail = cd.getDayDetail(date);
  const [english] = detail.name.split(',');
  const listed = detail.name.includes(',');
  if (!listed) return { kind: detail.work ? 'workday' : 'weekend', festival: null };
  return { kind: detail.work ? 'makeup_workday' : 'holiday', festival: detail.work ? null : (CD_FESTIVALS[english ?? ''] ?? null) };
}

describe('published holiday data', () => {
  for (const year of [2025, 2026]) {
    it(`agrees with chinese-days on every day of ${year}`, () => {
      const differences: string[] = [];
      for (const date of datesInRange(d(`${year}-01-01`), d(`${year}-12-31`))) {
        const theirs = chineseDaysKind(date);
        const ours = cal.kindOf(date);
        if (ours !== theirs.kind) differences.push(`${date}: ${ours} vs ${theirs.kind}`);
        if (cal.isWorkingDay(date) !== cd.isWorkday(date)) differences.push(`${date}: isWorkday`);
        if (cd.isInLieu(date) && ours !== 'holiday') differences.push(`${date}: in lieu but ${ours}`);
        if (theirs.festival !== null && cal.holidayOn(date)?.code !== theirs.festival) differences.push(`${date}: festival`);
      }
      expect(differences).toEqual([]);
    });
  }

  it('has the year totals worked out by hand from the notices', () => {
    const count = (year: number, kind: DayKind): number =>
      datesInRange(d(`${year}-01-01`), d(`${year}-12-31`)).filter((x) => cal.kindOf(x) === kind).length;
    // 2025: 28 days off (10 of them weekend days), 5 make-up days: 365 − 104 − 18 + 5 = 248 working days.
    expect([count(2025, 'holiday'), count(2025, 'makeup_workday'), count(2025, 'workday') + count(2025, 'makeup_workday')]).toEqual([28, 5, 248]);
    // 2026: 33 days off (14 of them weekend days), 6 make-up days: 365 − 104 − 19 + 6 = 248.
    expect([count(2026, 'holiday'), count(2026, 'makeup_workday'), count(2026, 'workday') + count(2026, 'makeup_workday')]).toEqual([33, 6, 248]);
    expect(PUBLISHED_YEARS.map((y) => [y.year, y.status])).toEqual([[2025, 'published'], [2026, 'published']]);
    expect(cal.isProvisional(d('2026-12-31'))).toBe(false);
  });

  it('names the joined 2025 break and the make-up days literally', () => {
    expect(cal.holidayOn(d('2025-10-08'))?.name).toBe('国庆节、中秋节');
    expect(cal.holidayOn(d('2025-10-06'))?.code).toBe('mid_autumn');
    for (const x of ['2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11', '2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10']) {
      expect(cal.kindOf(d(x))).toBe('makeup_workday');
    }
  });

  it('contains the statutory days the rules give for the published years', () => {
    for (const year of [2025, 2026]) {
      const rule = provisionalYear(year);
      expect(rule?.status).toBe('provisional');
      for (const h of rule?.holidays ?? []) for (const x of h.dates) expect([x, cal.holidayOn(x)?.code]).toEqual([x, h.code]);
    }
  });
});
