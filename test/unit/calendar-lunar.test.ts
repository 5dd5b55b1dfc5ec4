// The literal lunar-festival table against chinese-days' own computation, and the provisional years
// built from it. chinese-days itself reports 2027-01-01 as a working day (its data ends with 2026
// and it falls back to Monday–Friday without a word); we mark the statutory days, provisionally.
import { afterAll, describe, expect, it } from 'vitest';
import { BusinessCalendar } from '../../src/domain/calendar/business-calendar.js';
import { LUNAR_FESTIVALS, LUNAR_FESTIVALS_FIRST_YEAR, LUNAR_FESTIVALS_LAST_YEAR } from '../../src/domain/calendar/data/lunar-festivals.js';
import { DomainError } from '../../src/domain/calendar/errors.js';
import { parseLocalDate as d } from '../../src/domain/calendar/local-date.js';
import { provisionalYear } from '../../src/domain/calendar/provisional.js';

const savedTz = process.env.TZ;
process.env.TZ = 'Asia/Shanghai';
const cd = await import('chinese-days');
afterAll(() => {
  if (savedTz === undefined) delete process.env.TZ;
  else process.env.TZ = savedTz;
});

describe('lunar festival table', () => {
  it('covers 2025–2050 without a gap', () => {
    expect([LUNAR_FESTIVALS_FIRST_YEAR, LUNAR_FESTIVALS_LAST_YEAR]).toEqual([2025, 2050]);
    for (let y = 2025; y <= 2050; y++) expect(LUNAR_FESTIVALS[y]).toBeDefined();
    expect(Object.keys(LUNAR_FESTIVALS)).toHaveLength(26);
  });

  it('agrees with chinese-days in both directions for every year', () => {
    for (let y = 2025; y <= 2050; y++) {
      const row = LUNAR_FESTIVALS[y]!;
      expect([y, row.springFestival]).toEqual([y, cd.getSolarDateFromLunar(`${y}-01-01`).date]);
      expect([y, row.dragonBoat]).toEqual([y, cd.getSolarDateFromLunar(`${y}-05-05`).date]);
      expect([y, row.midAutumn]).toEqual([y, cd.getSolarDateFromLunar(`${y}-08-15`).date]);
      expect([y, row.qingming]).toEqual([y, cd.getSolarTermDate(y, 4, 'pure_brightness')]);
      for (const [date, mon, day] of [[row.springFestival, 1, 1], [row.dragonBoat, 5, 5], [row.midAutumn, 8, 15]] as const) {
        const lunar = cd.getLunarDate(date);
        expect([date, lunar.lunarMon, lunar.lunarDay, lunar.isLeap]).toEqual([date, mon, day, false]);
      }
      expect(cd.getSolarTerms(row.qingming).map((t) => t.term)).toEqual(['pure_brightness']);
    }
  });

  it('matches dates known by heart', () => {
    expect(LUNAR_FESTIVALS[2025]).toEqual({ springFestival: '2025-01-29', qingming: '2025-04-04', dragonBoat: '2025-05-31', midAutumn: '2025-10-06' });
    expect(LUNAR_FESTIVALS[2027]).toEqual({ springFestival: '2027-02-06', qingming: '2027-04-05', dragonBoat: '2027-06-09', midAutumn: '2027-09-15' });
  });
});

describe('provisional years', () => {
  it('computes 2027 by the 2025 rules, statutory days only', () => {
    expect(provisionalYear(2027)).toEqual({
      year: 2027,
      status: 'provisional',
      holidays: [
        { code: 'new_year', name: '元旦', dates: ['2027-01-01'] },
        { code: 'spring_festival', name: '春节', dates: ['2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08'] },
        { code: 'qingming', name: '清明节', dates: ['2027-04-05'] },
        { code: 'labour_day', name: '劳动节', dates: ['2027-05-01', '2027-05-02'] },
        { code: 'dragon_boat', name: '端午节', dates: ['2027-06-09'] },
        { code: 'mid_autumn', name: '中秋节', dates: ['2027-09-15'] },
        { code: 'national_day', name: '国庆节', dates: ['2027-10-01', '2027-10-02', '2027-10-03'] },
      ],
      makeupWorkdays: [],
    });
  });

  it('leaves 中秋 with 国庆节 when they fall together (2031) and knows nothing past 2050', () => {
    const y2031 = provisionalYear(2031)!;
    expect(y2031.holidays.map((h) => h.code)).not.toContain('mid_autumn');
    expect(y2031.holidays.find((h) => h.code === 'national_day')?.dates).toEqual(['2031-10-01', '2031-10-02', '2031-10-03']);
    expect(provisionalYear(2051)).toBeNull();
    expect(provisionalYear(2024)).toBeNull();
  });

  it('is what fromData uses for a year without a notice, and differs from chinese-days on purpose', () => {
    const cal = BusinessCalendar.fromData();
    expect(cal.kindOf(d('2027-01-01'))).toBe('holiday');
    expect(cd.isWorkday('2027-01-01')).toBe(true);
    expect(cal.kindOf(d('2027-10-01'))).toBe('holiday');
    expect(cal.kindOf(d('2027-02-09'))).toBe('workday');
    expect(cal.isProvisional(d('2027-02-09'))).toBe(true);
    expect(cal.isProvisional(d('2026-02-09'))).toBe(false);
    expect(() => cal.kindOf(d('2051-01-02'))).toThrow(DomainError);
  });

  it('lets an entered notice replace the file or the rules', () => {
    const entered = { year: 2027, status: 'published' as const, holidays: [{ code: 'new_year' as const, name: '元旦', dates: [d('2027-01-01')] }], makeupWorkdays: [] };
    const cal = BusinessCalendar.fromData([entered]);
    expect(cal.isProvisional(d('2027-02-05'))).toBe(false);
    expect(cal.kindOf(d('2027-02-05'))).toBe('workday');
  });
});
