// What the form checks before it sends: the same rules the API applies (src/http/schemas/report-fields.ts),
// said next to the field, so an empty or half-filled form is explained without a round trip.
import { codePoints, type Bilingual } from '../i18n.js';
import type { Draft, Identity } from './draft.js';

export const LIMITS = { contentMin: 10, contentMax: 10_000, placeMax: 120, nameMax: 50, subjectField: 20, unitMax: 100 } as const;
export const PHONE = /^[+]?[0-9][0-9 -]{4,19}$/u;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/u;

export type Problems = Partial<Record<string, Bilingual>>;

export function contentProblems(d: Draft, today: string): Problems {
  const p: Problems = {};
  const n = codePoints(d.content.trim());
  if (n === 0) p.content = { zh: '请填写反映的内容', en: 'Tell us what happened' };
  else if (n < LIMITS.contentMin) p.content = { zh: `内容至少${String(LIMITS.contentMin)}个字，请写清楚时间、地点、经过`, en: `Write at least ${String(LIMITS.contentMin)} characters: when, where, what happened` };
  else if (n > LIMITS.contentMax) p.content = { zh: `内容不能超过${String(LIMITS.contentMax)}个字`, en: `At most ${String(LIMITS.contentMax)} characters` };
  // Desktop Safari 13 has no date picker: what was typed may not be YYYY-MM-DD at all.
  if (d.occurredAt !== '' && !/^\d{4}-\d{2}-\d{2}$/u.test(d.occurredAt)) p.occurredAt = { zh: '请按“年-月-日”填写日期，如2026-03-05', en: 'Write the date as year-month-day, e.g. 2026-03-05' };
  else if (d.occurredAt !== '' && d.occurredAt > today) p.occurredAt = { zh: '发生时间不能晚于今天', en: 'The date cannot be in the future' };
  if (codePoints(d.place) > LIMITS.placeMax) p.place = { zh: `详细地点不能超过${String(LIMITS.placeMax)}个字`, en: `At most ${String(LIMITS.placeMax)} characters` };
  return p;
}

export function identityProblems(d: Draft, who: Identity): Problems {
  const p: Problems = {};
  if (d.anonymity === '') p.anonymity = { zh: '请选择实名或匿名', en: 'Choose whether to give your name' };
  if (d.anonymity !== 'real_name') return p;
  if (who.name.trim() === '') p.name = { zh: '请填写姓名', en: 'Enter your name' };
  if (who.phone.trim() === '' && who.email.trim() === '') p.phone = { zh: '请留下手机号码，以便告知办理结果', en: 'Leave a phone number so we can tell you the result' };
  else if (who.phone.trim() !== '' && !PHONE.test(who.phone.trim())) p.phone = { zh: '请填写正确的电话号码', en: 'Enter a valid phone number' };
  if (who.email.trim() !== '' && !EMAIL.test(who.email.trim())) p.email = { zh: '请填写正确的电子邮箱', en: 'Enter a valid e-mail address' };
  return p;
}

export const hasProblems = (p: Problems): boolean => Object.keys(p).length > 0;

/** The API's field paths (`reporter.phone`, `subjects.0.name`) as this form's field names. */
export function fieldOfPath(path: string): string {
  if (path === 'reporter.name') return 'name';
  // The server's "reporter" refusal is a missing way to reach them (or a name); the phone field says it.
  if (path === 'reporter') return 'phone';
  if (path.startsWith('reporter.')) return path.slice('reporter.'.length);
  if (path.startsWith('subjects.')) return `subject.${path.split('.')[2] ?? 'name'}`;
  if (path === 'location') return 'place';
  return path;
}

/** Which step shows a field, so a refusal from the server opens the step where it can be fixed. */
export function stepOfField(field: string): 0 | 1 {
  return ['name', 'phone', 'email', 'anonymity'].includes(field) ? 1 : 0;
}
