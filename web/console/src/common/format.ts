// Dates as a Chinese bureau writes them, always in the bureau's zone (DESIGN §4: Asia/Shanghai by default).
import type { Lang } from '../app/i18n.js';

const ZONE = 'Asia/Shanghai';

const dateTimeZh = new Intl.DateTimeFormat('zh-CN', { timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false });
const dateTimeEn = new Intl.DateTimeFormat('en-GB', { timeZone: ZONE, year: 'numeric', month: 'short', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false });

/** 2026-03-02 10:00 (zh shows 2026/03/02 10:00 as the bureau's forms do). */
export function formatDateTime(iso: string | null, lang: Lang): string {
  if (iso === null) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return (lang === 'zh' ? dateTimeZh : dateTimeEn).format(d);
}

/** A calendar date (YYYY-MM-DD from the API) as 2026年3月2日. */
export function formatDate(date: string | null, lang: Lang): string {
  if (date === null) return '—';
  const m = /^(\d{4})-(\d{2})-(\d{2})/u.exec(date);
  if (m === null) return date;
  const [, y, mo, d] = m;
  return lang === 'zh' ? `${y ?? ''}年${String(Number(mo))}月${String(Number(d))}日` : `${d ?? ''}/${mo ?? ''}/${y ?? ''}`;
}

/** The watermark's time: to the minute, in the bureau's zone. */
export function watermarkTime(now: Date): string {
  return dateTimeZh.format(now);
}
