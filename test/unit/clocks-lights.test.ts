// Lights and the remaining-time line; expected texts written out by hand.
import { describe, expect, it } from 'vitest';
import { BusinessCalendar } from '../../src/domain/calendar/business-calendar.js';
import { parseLocalDate as d, type LocalDate } from '../../src/domain/calendar/local-date.js';
import type { YearCalendar } from '../../src/domain/calendar/year-calendar.js';
import { dateText, light, remainingText } from '../../src/domain/clocks/lights.js';

const ds = (...values: string[]): LocalDate[] => values.map(d);
const FEB_2026: YearCalendar = {
  year: 2026,
  status: 'published',
  holidays: [{ code: 'spring_festival', name: '春节', dates: ds('2026-02-15', '2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20', '2026-02-21', '2026-02-22', '2026-02-23') }],
  makeupWorkdays: ds('2026-02-14', '2026-02-28'),
};
const cal = new BusinessCalendar([FEB_2026]);
const due = d('2026-03-06');

describe('light', () => {
  it('turns amber at 3 working days left and red the day after the due date', () => {
    expect(light(cal, d('2026-02-27'), due)).toBe('green');
    expect(light(cal, d('2026-03-02'), due)).toBe('green');
    expect(light(cal, d('2026-03-03'), due)).toBe('amber');
    expect(light(cal, d('2026-03-06'), due)).toBe('amber');
    expect(light(cal, d('2026-03-07'), due)).toBe('red');
    expect(light(cal, d('2026-03-10'), due)).toBe('red');
    expect(light(cal, d('2026-03-10'), null)).toBe('none');
  });

  it('counts working days, not calendar days, across the Spring Festival', () => {
    expect(light(cal, d('2026-02-13'), d('2026-02-24'))).toBe('amber');
    expect(light(cal, d('2026-02-11'), d('2026-02-24'))).toBe('green');
  });
});

describe('remainingText', () => {
  it('says how much is left, in both languages', () => {
    expect(remainingText(cal, d('2026-03-03'), due, 'zh')).toBe('剩余3个工作日（截止2026年3月6日）');
    expect(remainingText(cal, d('2026-03-03'), due, 'en')).toBe('3 working days left (due 6 March 2026)');
    expect(remainingText(cal, d('2026-03-05'), due, 'en')).toBe('1 working day left (due 6 March 2026)');
    expect(remainingText(cal, d('2026-03-06'), due, 'zh')).toBe('今日到期（截止2026年3月6日）');
    expect(remainingText(cal, d('2026-03-06'), due, 'en')).toBe('Due today (6 March 2026)');
    expect(remainingText(cal, d('2026-03-06'), null, 'zh')).toBe('无办理期限');
    expect(remainingText(cal, d('2026-03-06'), null, 'en')).toBe('No deadline');
  });

  it('says how late it is in working days', () => {
    expect(remainingText(cal, d('2026-03-10'), due, 'zh')).toBe('已超期2个工作日（截止2026年3月6日）');
    expect(remainingText(cal, d('2026-03-10'), due, 'en')).toBe('Overdue by 2 working days (due 6 March 2026)');
    expect(remainingText(cal, d('2026-03-09'), due, 'en')).toBe('Overdue by 1 working day (due 6 March 2026)');
    expect(remainingText(cal, d('2026-03-07'), due, 'zh')).toBe('已超期（截止2026年3月6日）');
    expect(remainingText(cal, d('2026-03-07'), due, 'en')).toBe('Overdue (due 6 March 2026)');
  });

  it('matches DESIGN §4 on the published data and marks provisional years', () => {
    const real = BusinessCalendar.fromData();
    expect(remainingText(real, d('2026-12-08'), d('2026-12-12'), 'zh')).toBe('剩余3个工作日（截止2026年12月12日）');
    expect(light(real, d('2026-12-08'), d('2026-12-12'))).toBe('amber');
    expect(remainingText(real, d('2027-02-04'), d('2027-02-10'), 'zh')).toBe('剩余2个工作日（截止2027年2月10日）（暂定）');
    expect(remainingText(real, d('2027-02-04'), d('2027-02-10'), 'en')).toBe('2 working days left (due 10 February 2027) (provisional)');
    expect(remainingText(real, d('2026-12-30'), d('2027-01-19'), 'zh')).toBe('剩余13个工作日（截止2027年1月19日）（暂定）');
    expect(dateText(d('2027-01-09'), 'zh')).toBe('2027年1月9日');
  });
});
