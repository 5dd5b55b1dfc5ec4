import { describe, expect, it } from 'vitest';
import { DomainError } from '../../src/domain/calendar/errors.js';
import {
  addDays, compareDates, datesInRange, dayOfWeek, daysBetween, formatLocalDate, isLocalDate, isWeekend, parseLocalDate, partsOf,
} from '../../src/domain/calendar/local-date.js';

const d = parseLocalDate;

describe('LocalDate', () => {
  it('parses real dates only', () => {
    expect(d('2024-02-29')).toBe('2024-02-29');
    for (const bad of ['2025-02-29', '2025-13-01', '2025-1-01', '2025-01-01T00:00', '0099-01-01', '', '2025-04-31']) {
      expect(isLocalDate(bad)).toBe(false);
      expect(() => d(bad)).toThrow(DomainError);
    }
    expect(isLocalDate(20250101)).toBe(false);
  });

  it('formats and splits without a time zone', () => {
    expect(formatLocalDate(2026, 3, 6)).toBe('2026-03-06');
    expect(() => formatLocalDate(2026, 2, 29)).toThrow(DomainError);
    expect(partsOf(d('2026-12-12'))).toEqual({ year: 2026, month: 12, day: 12 });
  });

  it('adds days across months, leap days and years', () => {
    expect(addDays(d('2025-09-20'), 30)).toBe('2025-10-20');
    expect(addDays(d('2024-02-28'), 1)).toBe('2024-02-29');
    expect(addDays(d('2025-02-28'), 1)).toBe('2025-03-01');
    expect(addDays(d('2026-12-20'), 30)).toBe('2027-01-19');
    expect(addDays(d('2026-03-01'), -1)).toBe('2026-02-28');
    expect(() => addDays(d('2026-03-01'), 0.5)).toThrow(DomainError);
    expect(daysBetween(d('2025-09-08'), d('2025-10-08'))).toBe(30);
    expect(daysBetween(d('2025-10-08'), d('2025-09-08'))).toBe(-30);
  });

  it('knows the weekday (0 = Sunday) and compares as text', () => {
    expect(dayOfWeek(d('2025-01-01'))).toBe(3);
    expect(dayOfWeek(d('2026-02-14'))).toBe(6);
    expect(dayOfWeek(d('2025-09-28'))).toBe(0);
    expect(isWeekend(d('2026-12-12'))).toBe(true);
    expect(isWeekend(d('2026-03-06'))).toBe(false);
    expect(compareDates(d('2025-12-31'), d('2026-01-01'))).toBe(-1);
    expect(compareDates(d('2026-01-01'), d('2026-01-01'))).toBe(0);
    expect(datesInRange(d('2025-12-30'), d('2026-01-02'))).toEqual(['2025-12-30', '2025-12-31', '2026-01-01', '2026-01-02']);
    expect(datesInRange(d('2026-01-02'), d('2026-01-01'))).toEqual([]);
  });
});
