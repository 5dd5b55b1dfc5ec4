// The reviewed holiday data: the State Council General Office's annual notices
// (国务院办公厅关于YYYY年部分节假日安排的通知), written out date by date so a reviewer can read
// each line against the notice. Seeded into the calendar table; the sysadmin enters later years.
//
// 2025: 国办发明电〔2024〕12号 (www.gov.cn/zhengce/zhengceku/202411/content_6986383.htm), the
//   first notice under the 2024 revision of 全国年节及纪念日放假办法 (春节 4 days, 劳动节 2).
// 2026: 国办发明电〔2025〕7号 (www.gov.cn/zhengce/zhengceku/202511/content_7047091.htm). These
//   dates were cross-checked against chinese-days 1.5.7 (test/unit/calendar-data.test.ts), not
//   read from the notice itself: the bureau should confirm them against the published notice.
//
// Each date appears once. Days of a break that are swapped rest days (调休) are listed under the
// break's festival like the statutory days; the notice joins 国庆节 and 中秋节 in 2025, so the
// Mid-Autumn day itself (10-06) is listed under mid_autumn and the rest under national_day.
import type { YearCalendarJson } from '../year-calendar.js';

export const PUBLISHED_YEARS = [
  {
    year: 2025,
    status: 'published',
    holidays: [
      { code: 'new_year', name: '元旦', dates: ['2025-01-01'] },
      {
        code: 'spring_festival',
        name: '春节',
        dates: ['2025-01-28', '2025-01-29', '2025-01-30', '2025-01-31', '2025-02-01', '2025-02-02', '2025-02-03', '2025-02-04'],
      },
      { code: 'qingming', name: '清明节', dates: ['2025-04-04', '2025-04-05', '2025-04-06'] },
      { code: 'labour_day', name: '劳动节', dates: ['2025-05-01', '2025-05-02', '2025-05-03', '2025-05-04', '2025-05-05'] },
      { code: 'dragon_boat', name: '端午节', dates: ['2025-05-31', '2025-06-01', '2025-06-02'] },
      {
        code: 'national_day',
        name: '国庆节、中秋节',
        dates: ['2025-10-01', '2025-10-02', '2025-10-03', '2025-10-04', '2025-10-05', '2025-10-07', '2025-10-08'],
      },
      { code: 'mid_autumn', name: '中秋节', dates: ['2025-10-06'] },
    ],
    makeupWorkdays: [
      '2025-01-26', // Sunday, 春节
      '2025-02-08', // Saturday, 春节
      '2025-04-27', // Sunday, 劳动节
      '2025-09-28', // Sunday, 国庆节、中秋节
      '2025-10-11', // Saturday, 国庆节、中秋节
    ],
  },
  {
    year: 2026,
    status: 'published',
    holidays: [
      { code: 'new_year', name: '元旦', dates: ['2026-01-01', '2026-01-02', '2026-01-03'] },
      {
        code: 'spring_festival',
        name: '春节',
        dates: [
          '2026-02-15', '2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19',
          '2026-02-20', '2026-02-21', '2026-02-22', '2026-02-23',
        ],
      },
      { code: 'qingming', name: '清明节', dates: ['2026-04-04', '2026-04-05', '2026-04-06'] },
      { code: 'labour_day', name: '劳动节', dates: ['2026-05-01', '2026-05-02', '2026-05-03', '2026-05-04', '2026-05-05'] },
      { code: 'dragon_boat', name: '端午节', dates: ['2026-06-19', '2026-06-20', '2026-06-21'] },
      { code: 'mid_autumn', name: '中秋节', dates: ['2026-09-25', '2026-09-26', '2026-09-27'] },
      {
        code: 'national_day',
        name: '国庆节',
        dates: ['2026-10-01', '2026-10-02', '2026-10-03', '2026-10-04', '2026-10-05', '2026-10-06', '2026-10-07'],
      },
    ],
    makeupWorkdays: [
      '2026-01-04', // Sunday, 元旦
      '2026-02-14', // Saturday, 春节
      '2026-02-28', // Saturday, 春节
      '2026-05-09', // Saturday, 劳动节
      '2026-09-20', // Sunday, 国庆节
      '2026-10-10', // Saturday, 国庆节
    ],
  },
] as const satisfies readonly YearCalendarJson[];
