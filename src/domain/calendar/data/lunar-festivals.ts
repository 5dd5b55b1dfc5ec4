// Gregorian dates of the festivals that follow the lunar calendar or the solar terms, for the
// years a State Council notice may still be missing. Generated once with chinese-days 1.5.7
// (getSolarDateFromLunar for 正月初一, 五月初五 and 八月十五, getSolarTermDate for 清明 in
// Beijing time) and pasted as literal data, so nothing at run time depends on that package;
// test/unit/calendar-lunar.test.ts recomputes every row. 2025 and 2026 are kept to show that the
// rules reproduce the statutory days of the published notices.
// In years with a leap fifth month (2028, 2039, 2047) 端午 is in the ordinary fifth month.

export interface LunarFestivalDates {
  /** 春节, lunar 1/1; 除夕 is the day before. */
  readonly springFestival: string;
  /** The solar term 清明. */
  readonly qingming: string;
  /** 端午, lunar 5/5. */
  readonly dragonBoat: string;
  /** 中秋, lunar 8/15. */
  readonly midAutumn: string;
}

export const LUNAR_FESTIVALS_FIRST_YEAR = 2025;
export const LUNAR_FESTIVALS_LAST_YEAR = 2050;

export const LUNAR_FESTIVALS: Readonly<Partial<Record<number, LunarFestivalDates>>> = {
  2025: { springFestival: '2025-01-29', qingming: '2025-04-04', dragonBoat: '2025-05-31', midAutumn: '2025-10-06' },
  2026: { springFestival: '2026-02-17', qingming: '2026-04-05', dragonBoat: '2026-06-19', midAutumn: '2026-09-25' },
  2027: { springFestival: '2027-02-06', qingming: '2027-04-05', dragonBoat: '2027-06-09', midAutumn: '2027-09-15' },
  2028: { springFestival: '2028-01-26', qingming: '2028-04-04', dragonBoat: '2028-05-28', midAutumn: '2028-10-03' },
  2029: { springFestival: '2029-02-13', qingming: '2029-04-04', dragonBoat: '2029-06-16', midAutumn: '2029-09-22' },
  2030: { springFestival: '2030-02-03', qingming: '2030-04-05', dragonBoat: '2030-06-05', midAutumn: '2030-09-12' },
  2031: { springFestival: '2031-01-23', qingming: '2031-04-05', dragonBoat: '2031-06-24', midAutumn: '2031-10-01' },
  2032: { springFestival: '2032-02-11', qingming: '2032-04-04', dragonBoat: '2032-06-12', midAutumn: '2032-09-19' },
  2033: { springFestival: '2033-01-31', qingming: '2033-04-04', dragonBoat: '2033-06-01', midAutumn: '2033-09-08' },
  2034: { springFestival: '2034-02-19', qingming: '2034-04-05', dragonBoat: '2034-06-20', midAutumn: '2034-09-27' },
  2035: { springFestival: '2035-02-08', qingming: '2035-04-05', dragonBoat: '2035-06-10', midAutumn: '2035-09-16' },
  2036: { springFestival: '2036-01-28', qingming: '2036-04-04', dragonBoat: '2036-05-30', midAutumn: '2036-10-04' },
  2037: { springFestival: '2037-02-15', qingming: '2037-04-04', dragonBoat: '2037-06-18', midAutumn: '2037-09-24' },
  2038: { springFestival: '2038-02-04', qingming: '2038-04-05', dragonBoat: '2038-06-07', midAutumn: '2038-09-13' },
  2039: { springFestival: '2039-01-24', qingming: '2039-04-05', dragonBoat: '2039-05-27', midAutumn: '2039-10-02' },
  2040: { springFestival: '2040-02-12', qingming: '2040-04-04', dragonBoat: '2040-06-14', midAutumn: '2040-09-20' },
  2041: { springFestival: '2041-02-01', qingming: '2041-04-04', dragonBoat: '2041-06-03', midAutumn: '2041-09-10' },
  2042: { springFestival: '2042-01-22', qingming: '2042-04-04', dragonBoat: '2042-06-22', midAutumn: '2042-09-28' },
  2043: { springFestival: '2043-02-10', qingming: '2043-04-05', dragonBoat: '2043-06-11', midAutumn: '2043-09-17' },
  2044: { springFestival: '2044-01-30', qingming: '2044-04-04', dragonBoat: '2044-05-31', midAutumn: '2044-10-05' },
  2045: { springFestival: '2045-02-17', qingming: '2045-04-04', dragonBoat: '2045-06-19', midAutumn: '2045-09-25' },
  2046: { springFestival: '2046-02-06', qingming: '2046-04-04', dragonBoat: '2046-06-08', midAutumn: '2046-09-15' },
  2047: { springFestival: '2047-01-26', qingming: '2047-04-05', dragonBoat: '2047-05-29', midAutumn: '2047-10-04' },
  2048: { springFestival: '2048-02-14', qingming: '2048-04-04', dragonBoat: '2048-06-15', midAutumn: '2048-09-22' },
  2049: { springFestival: '2049-02-02', qingming: '2049-04-04', dragonBoat: '2049-06-04', midAutumn: '2049-09-11' },
  2050: { springFestival: '2050-01-23', qingming: '2050-04-04', dragonBoat: '2050-06-23', midAutumn: '2050-09-30' },
};
