// The traffic light and the "remaining" line shown beside every deadline (DESIGN §4): by the unit
// deadline for unit users, by the public deadline for the centre; the caller picks which.
import type { BusinessCalendar } from '../calendar/business-calendar.js';
import { partsOf, type LocalDate } from '../calendar/local-date.js';
import type { Lang } from '../i18n-text.js';

export type Light = 'green' | 'amber' | 'red' | 'none';

/** Working days left at or under which the light turns amber and reminders go out. */
export const AMBER_WORKING_DAYS = 3;

/** red once today is past the due date (the deadline ends at 24:00 of its day). */
export function light(cal: BusinessCalendar, today: LocalDate, due: LocalDate | null): Light {
  if (due === null) return 'none';
  if (today > due) return 'red';
  return cal.workingDaysBetween(today, due) <= AMBER_WORKING_DAYS ? 'amber' : 'green';
}

const MONTHS_EN = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** 2026年12月12日 / 12 December 2026. */
export function dateText(date: LocalDate, lang: Lang): string {
  const { year, month, day } = partsOf(date);
  return lang === 'zh' ? `${year}年${month}月${day}日` : `${day} ${MONTHS_EN[month - 1] ?? ''} ${year}`;
}

const workingDaysEn = (n: number): string => `${n} working day${n === 1 ? '' : 's'}`;

function core(cal: BusinessCalendar, today: LocalDate, due: LocalDate, lang: Lang): string {
  const on = dateText(due, lang);
  if (today === due) return lang === 'zh' ? `今日到期（截止${on}）` : `Due today (${on})`;
  if (today > due) {
    // Past a Friday deadline on Saturday is overdue by no working day yet, but overdue all the same.
    const late = cal.workingDaysBetween(due, today);
    if (late === 0) return lang === 'zh' ? `已超期（截止${on}）` : `Overdue (due ${on})`;
    return lang === 'zh' ? `已超期${late}个工作日（截止${on}）` : `Overdue by ${workingDaysEn(late)} (due ${on})`;
  }
  const left = cal.workingDaysBetween(today, due);
  return lang === 'zh' ? `剩余${left}个工作日（截止${on}）` : `${workingDaysEn(left)} left (due ${on})`;
}

/** 剩余3个工作日（截止2026年12月12日）, marked 暂定 when the due date's holidays are not yet published. */
export function remainingText(cal: BusinessCalendar, today: LocalDate, due: LocalDate | null, lang: Lang): string {
  if (due === null) return lang === 'zh' ? '无办理期限' : 'No deadline';
  const text = core(cal, today, due, lang);
  if (!cal.isProvisional(due)) return text;
  return lang === 'zh' ? `${text}（暂定）` : `${text} (provisional)`;
}
