// Working-day arithmetic on small hand-written calendars; every expected date is worked out by
// hand from a wall calendar (2025-10-01 is a Wednesday, 2026-02-14 a Saturday).
import { describe, expect, it } from 'vitest';
import { ds, fixtureCalendar, FEB_2026 } from '../fixtures/calendars.js';
import { BusinessCalendar } from '../../src/domain/calendar/business-calendar.js';
import { DomainError } from '../../src/domain/calendar/errors.js';
import { parseLocalDate as d } from '../../src/domain/calendar/local-date.js';
import type { YearCalendar } from '../../src/domain/calendar/year-calendar.js';

const cal = fixtureCalendar();

describe('BusinessCalendar on fixtures', () => {
  it('tells the four kinds of day apart', () => {
    expect(cal.kindOf(d('2025-09-26'))).toBe('workday');
    expect(cal.kindOf(d('2025-09-27'))).toBe('weekend');
    expect(cal.kindOf(d('2025-09-28'))).toBe('makeup_workday');
    expect(cal.kindOf(d('2025-10-04'))).toBe('holiday');
    expect(cal.kindOf(d('2025-10-08'))).toBe('holiday');
    expect(cal.holidayOn(d('2025-10-06'))?.code).toBe('mid_autumn');
    expect(cal.holidayOn(d('2025-10-09'))).toBeNull();
    expect(cal.isWorkingDay(d('2026-02-14'))).toBe(true);
    expect(cal.isWorkingDay(d('2026-02-23'))).toBe(false);
    expect(cal.isProvisional(d('2026-02-23'))).toBe(false);
  });

  it('never counts the start day', () => {
    expect(cal.addWorkingDays(d('2026-02-09'), 1)).toBe('2026-02-10');
    expect(cal.addWorkingDays(d('2026-02-09'), 0)).toBe('2026-02-09');
    expect(cal.workingDaysBetween(d('2026-02-09'), d('2026-02-10'))).toBe(1);
    expect(cal.workingDaysBetween(d('2026-02-09'), d('2026-02-09'))).toBe(0);
  });

  it('counts the make-up Saturday and skips the whole break', () => {
    expect(cal.addWorkingDays(d('2026-02-13'), 1)).toBe('2026-02-14');
    expect(cal.addWorkingDays(d('2026-02-13'), 2)).toBe('2026-02-24');
    // 02-10 … 02-14 (5, with the make-up Saturday), 02-24 … 02-28 (10), 03-02 … 03-06 (15).
    expect(cal.addWorkingDays(d('2026-02-09'), 15)).toBe('2026-03-06');
    expect(cal.workingDaysBetween(d('2026-02-09'), d('2026-03-06'))).toBe(15);
    expect(cal.workingDaysBetween(d('2026-03-06'), d('2026-02-09'))).toBe(-15);
    expect(cal.addWorkingDays(d('2026-03-02'), -5)).toBe('2026-02-24');
    expect(cal.addWorkingDays(d('2026-02-24'), -1)).toBe('2026-02-14');
  });

  it('finds the next working day and rolls a rest day forward', () => {
    expect(cal.nextWorkingDay(d('2025-09-30'))).toBe('2025-10-09');
    expect(cal.nextWorkingDay(d('2025-09-26'))).toBe('2025-09-28');
    expect(cal.rollForward(d('2025-10-08'))).toBe('2025-10-09');
    expect(cal.rollForward(d('2025-10-11'))).toBe('2025-10-11');
    expect(cal.rollForward(d('2025-10-12'))).toBe('2025-10-13');
  });

  it('fails closed on a year it has no data for', () => {
    const err = (() => {
      try {
        cal.kindOf(d('2024-06-03'));
      } catch (e) {
        return e;
      }
      return null;
    })();
    expect(err).toBeInstanceOf(DomainError);
    expect((err as DomainError).code).toBe('calendar_year_missing');
    expect(() => cal.addWorkingDays(d('2026-12-30'), 5)).toThrow(/calendar_year_missing/u);
  });

  it('refuses inconsistent years', () => {
    const bad = (patch: Partial<YearCalendar>): (() => BusinessCalendar) => () => new BusinessCalendar([{ ...FEB_2026, ...patch }]);
    expect(bad({ makeupWorkdays: ds('2026-02-13') })).toThrow(/not a weekend/u);
    expect(bad({ makeupWorkdays: ds('2026-02-15') })).toThrow(/listed twice/u);
    expect(bad({ makeupWorkdays: ds('2025-02-08') })).toThrow(/outside the year/u);
    expect(bad({ holidays: [{ code: 'spring_festival', name: '', dates: ds('2026-02-16') }] })).toThrow(DomainError);
    expect(() => new BusinessCalendar([FEB_2026, FEB_2026])).toThrow(/given twice/u);
    // A notice may open the New Year break in the December before; that date cannot belong to two years.
    const ny2027: YearCalendar = { year: 2027, status: 'published', holidays: [{ code: 'new_year', name: '元旦', dates: ds('2026-12-31', '2027-01-01') }], makeupWorkdays: [] };
    const dec2026: YearCalendar = { year: 2026, status: 'published', holidays: [{ code: 'new_year', name: '元旦', dates: ds('2026-12-31') }], makeupWorkdays: [] };
    expect(new BusinessCalendar([FEB_2026, ny2027]).kindOf(d('2026-12-31'))).toBe('holiday');
    expect(() => new BusinessCalendar([dec2026, ny2027])).toThrow(/claimed by another year/u);
  });

  it('asks for a provisional year only once and only accepts it as provisional', () => {
    let asked = 0;
    const supply = (year: number): YearCalendar | null => {
      asked++;
      return year === 2027 ? { year, status: 'provisional', holidays: [{ code: 'new_year', name: '元旦', dates: ds('2027-01-01') }], makeupWorkdays: [] } : null;
    };
    const c = new BusinessCalendar([FEB_2026], { provisionalYear: supply });
    expect(c.kindOf(d('2027-01-01'))).toBe('holiday');
    expect(c.isProvisional(d('2027-03-01'))).toBe(true);
    expect(c.anyProvisional(d('2026-12-20'), d('2027-01-19'))).toBe(true);
    expect(c.anyProvisional(d('2026-12-01'), d('2026-12-31'))).toBe(false);
    expect(asked).toBe(1);
    const liar = new BusinessCalendar([], { provisionalYear: (year) => ({ ...FEB_2026, year }) });
    expect(() => liar.kindOf(d('2026-03-02'))).toThrow(/must be provisional/u);
  });
});
