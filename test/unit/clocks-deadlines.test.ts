// DESIGN §4 clocks on hand-written fixture calendars; every expected date was counted by hand on a
// wall calendar (2025-10-01 is a Wednesday, 2026-02-14 a Saturday, 2027-01-01 a Friday).
import { describe, expect, it } from 'vitest';
import { ds, fixtureCalendar } from '../fixtures/calendars.js';
import { BusinessCalendar } from '../../src/domain/calendar/business-calendar.js';
import { DomainError } from '../../src/domain/calendar/errors.js';
import { parseLocalDate as d } from '../../src/domain/calendar/local-date.js';
import { DEFAULT_POLICIES, DEFAULT_PUBLIC_POLICY, publicPolicyFor, type DeadlinePolicy } from '../../src/domain/clocks/deadline-policy.js';
import { extend, extendClocks, publicDeadline, subUnitDeadline, suspendedDays, unitDeadline, withSuspension } from '../../src/domain/clocks/deadlines.js';

const cal = fixtureCalendar();
const calendarDays = (amount: number, rollForwardIfHoliday = true): DeadlinePolicy => ({ amount, unit: 'calendar', startsAt: 'acceptance', rollForwardIfHoliday });
const code = (f: () => unknown): string => {
  try {
    f();
  } catch (e) {
    return e instanceof DomainError ? e.code : 'not a DomainError';
  }
  return 'no error';
};

describe('public deadline', () => {
  it('counts 30 calendar days from the day after acceptance and rolls out of the National Day break', () => {
    expect(publicDeadline(cal, d('2025-09-20'), DEFAULT_PUBLIC_POLICY)).toEqual({ due: '2025-10-20', provisional: false });
    expect(publicDeadline(cal, d('2025-09-08'), DEFAULT_PUBLIC_POLICY)).toEqual({ due: '2025-10-09', provisional: false });
    expect(publicDeadline(cal, d('2025-09-08'), calendarDays(30, false)).due).toBe('2025-10-08');
    const real = BusinessCalendar.fromData();
    expect(publicDeadline(real, d('2025-09-20'), DEFAULT_PUBLIC_POLICY).due).toBe('2025-10-20');
    expect(publicDeadline(real, d('2025-09-08'), DEFAULT_PUBLIC_POLICY).due).toBe('2025-10-09');
  });

  it('does not count the start day and rolls over a whole holiday block', () => {
    expect(publicDeadline(cal, d('2026-03-02'), calendarDays(1)).due).toBe('2026-03-03');
    expect(publicDeadline(cal, d('2026-02-05'), calendarDays(10)).due).toBe('2026-02-24');
    expect(publicDeadline(cal, d('2026-02-05'), calendarDays(10, false)).due).toBe('2026-02-15');
  });

  it('counts working days when the policy says so, make-up Saturday included', () => {
    const policy: DeadlinePolicy = { amount: 5, unit: 'working', startsAt: 'receipt', rollForwardIfHoliday: true };
    expect(publicDeadline(cal, d('2026-02-11'), policy).due).toBe('2026-02-25');
    expect(code(() => publicDeadline(cal, d('2026-02-11'), { ...policy, amount: 0 }))).toBe('invalid_day_count');
  });

  it('says provisional when a counted day or the due date lies in a year without a notice', () => {
    const real = BusinessCalendar.fromData();
    expect(publicDeadline(real, d('2026-12-20'), DEFAULT_PUBLIC_POLICY)).toEqual({ due: '2027-01-19', provisional: true });
    expect(publicDeadline(real, d('2026-12-01'), DEFAULT_PUBLIC_POLICY)).toEqual({ due: '2026-12-31', provisional: false });
    // 2027-10-01 (Fri) to 10-03 are the provisional statutory National Day; no 调休 is guessed.
    expect(publicDeadline(real, d('2027-09-01'), DEFAULT_PUBLIC_POLICY)).toEqual({ due: '2027-10-04', provisional: true });
  });

  it('has no public deadline for praise, information-only and keep-on-file items', () => {
    expect(DEFAULT_POLICIES.praise).toBeNull();
    expect(publicPolicyFor('praise', 'assign')).toBeNull();
    expect(publicPolicyFor('suggestion', 'for_information')).toBeNull();
    expect(publicPolicyFor('accusation', 'keep_on_file')).toBeNull();
    expect(publicPolicyFor('complaint', 'assign')).toEqual({ amount: 30, unit: 'calendar', startsAt: 'acceptance', rollForwardIfHoliday: true });
  });
});

describe('unit deadline', () => {
  it('is 15 working days across the 2026 Spring Festival with both make-up Saturdays', () => {
    expect(unitDeadline(cal, d('2026-02-09'), null)).toEqual({ due: '2026-03-06', flaggedShort: false, provisional: false });
    expect(unitDeadline(cal, d('2026-02-09'), null, { workingDays: 10 }).due).toBe('2026-02-28');
    expect(code(() => unitDeadline(cal, d('2026-02-09'), null, { workingDays: 2 }))).toBe('invalid_day_count');
  });

  it('ends 5 working days before the public deadline', () => {
    const pub = publicDeadline(cal, d('2026-02-06'), DEFAULT_PUBLIC_POLICY);
    expect(pub.due).toBe('2026-03-09');
    expect(unitDeadline(cal, d('2026-02-09'), pub.due)).toEqual({ due: '2026-03-02', flaggedShort: false, provisional: false });
  });

  it('never gives less than 3 working days, and flags it when the cap would', () => {
    expect(unitDeadline(cal, d('2026-02-25'), d('2026-03-02'))).toEqual({ due: '2026-02-28', flaggedShort: true, provisional: false });
    expect(unitDeadline(cal, d('2026-02-25'), d('2026-03-06'))).toEqual({ due: '2026-02-28', flaggedShort: false, provisional: false });
  });

  it('nests a sub-unit inside the level above with the same floor', () => {
    expect(subUnitDeadline(cal, d('2026-02-24'), d('2026-03-02'))).toEqual({ due: '2026-03-02', flaggedShort: false, provisional: false });
    expect(subUnitDeadline(cal, d('2026-02-24'), d('2026-03-02'), { workingDays: 3 }).due).toBe('2026-02-27');
    expect(subUnitDeadline(cal, d('2026-02-27'), d('2026-03-02'))).toEqual({ due: '2026-03-03', flaggedShort: true, provisional: false });
  });
});

describe('extension', () => {
  it('moves by calendar days, at most 30 per cycle in total, then rolls forward', () => {
    expect(extend(cal, d('2025-10-20'), 30)).toBe('2025-11-19');
    expect(extend(cal, d('2025-09-05'), 30)).toBe('2025-10-09');
    expect(extend(cal, d('2025-09-05'), 30, { rollForwardIfHoliday: false })).toBe('2025-10-05');
    expect(extend(cal, d('2025-10-20'), 15, { alreadyExtendedDays: 15 })).toBe('2025-11-04');
    expect(code(() => extend(cal, d('2025-10-20'), 31))).toBe('extension_too_long');
    expect(code(() => extend(cal, d('2025-10-20'), 16, { alreadyExtendedDays: 15 }))).toBe('extension_too_long');
    expect(code(() => extend(cal, d('2025-10-20'), 0))).toBe('invalid_day_count');
  });

  it('moves the public and every unit deadline together', () => {
    expect(extendClocks(cal, { publicDue: d('2025-10-20'), unitDues: ds('2025-10-10', '2025-10-09') }, 10)).toEqual({
      publicDue: '2025-10-30',
      unitDues: ['2025-10-20', '2025-10-20'],
    });
    expect(extendClocks(cal, { publicDue: null, unitDues: ds('2025-10-10') }, 3)).toEqual({ publicDue: null, unitDues: ['2025-10-13'] });
    expect(code(() => extendClocks(cal, { publicDue: d('2025-10-20'), unitDues: [] }, 31))).toBe('extension_too_long');
  });
});

describe('suspension', () => {
  it('counts the calendar days the clocks stood still, overlaps once', () => {
    expect(suspendedDays([])).toBe(0);
    expect(suspendedDays([{ from: d('2025-09-01'), to: d('2025-09-11') }])).toBe(10);
    expect(suspendedDays([{ from: d('2025-09-05'), to: d('2025-09-15') }, { from: d('2025-09-01'), to: d('2025-09-11') }, { from: d('2025-09-20'), to: d('2025-09-21') }])).toBe(15);
    expect(suspendedDays([{ from: d('2025-09-01'), to: d('2025-09-30') }, { from: d('2025-09-05'), to: d('2025-09-10') }])).toBe(29);
    expect(code(() => suspendedDays([{ from: d('2025-09-11'), to: d('2025-09-01') }]))).toBe('invalid_day_count');
  });

  it('moves the due date by the days suspended, rolling out of a break', () => {
    expect(withSuspension(cal, d('2025-09-20'), 10)).toBe('2025-09-30');
    expect(withSuspension(cal, d('2025-09-25'), 10)).toBe('2025-10-09');
    expect(withSuspension(cal, d('2025-09-25'), 10, { rollForwardIfHoliday: false })).toBe('2025-10-05');
    expect(withSuspension(cal, d('2025-10-08'), 0)).toBe('2025-10-08');
    expect(code(() => withSuspension(cal, d('2025-09-25'), -1))).toBe('invalid_day_count');
  });
});
