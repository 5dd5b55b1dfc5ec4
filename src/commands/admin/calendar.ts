// The sysadmin enters a year's State Council notice (DESIGN §4): checked date by date, then against
// the years already known (a New Year break may begin in December), then stored. The entered year
// replaces the reviewed file's or the computed provisional one for every clock computed from now on.
import { BusinessCalendar } from '../../domain/calendar/business-calendar.js';
import { DomainError } from '../../domain/calendar/errors.js';
import { isLocalDate, isWeekend, yearOf } from '../../domain/calendar/local-date.js';
import { parseYearCalendar, type YearCalendar, type YearCalendarJson } from '../../domain/calendar/year-calendar.js';
import type { CommandFieldError } from '../command-error.js';
import { CommandError } from '../command-error.js';
import { inTransaction, type Deps } from '../deps.js';
import { auditAdmin, requireAdmin, type AdminActor } from './support.js';

const INVALID = { zh: '节假日安排有误，请对照国务院办公厅通知核对后重新录入。', en: 'The holiday arrangement is inconsistent; check it against the State Council notice and enter it again.' };

function fieldError(path: string, code: string, zh: string, en: string): CommandFieldError {
  return { path, code, message: { zh, en } };
}

/** Precise errors for the mistakes people make when copying a notice; the domain check stays the authority. */
function entryErrors(json: YearCalendarJson): CommandFieldError[] {
  const errors: CommandFieldError[] = [];
  const inYear = (d: string): boolean => isLocalDate(d) && (yearOf(d) === json.year || (yearOf(d) === json.year - 1 && d.slice(5, 7) === '12'));
  const seen = new Set<string>();
  const claim = (path: string, d: string): void => {
    if (!isLocalDate(d)) errors.push(fieldError(path, 'invalid_date', `${d} 不是有效日期`, `${d} is not a valid date`));
    else if (!inYear(d)) errors.push(fieldError(path, 'outside_year', `${d} 不属于${String(json.year)}年`, `${d} does not belong to ${String(json.year)}`));
    else if (seen.has(d)) errors.push(fieldError(path, 'duplicate', `${d} 重复出现`, `${d} is listed twice`));
    seen.add(d);
  };
  json.holidays.forEach((h, i) => h.dates.forEach((d, j) => claim(`holidays.${String(i)}.dates.${String(j)}`, d)));
  json.makeupWorkdays.forEach((d, i) => {
    const path = `makeupWorkdays.${String(i)}`;
    claim(path, d);
    // 调休补班 turns a weekend day into a working day; a weekday is a working day already.
    if (isLocalDate(d) && !isWeekend(d)) errors.push(fieldError(path, 'not_weekend', `补班日 ${d} 不是周六或周日`, `The make-up working day ${d} is not a Saturday or Sunday`));
  });
  return errors;
}

function checked(json: YearCalendarJson, others: readonly YearCalendar[]): YearCalendar {
  const errors = entryErrors(json);
  if (errors.length > 0) throw new CommandError('invalid', INVALID, errors);
  try {
    const year = parseYearCalendar(json);
    // Clashes with neighbouring years (and with the reviewed file) surface here.
    BusinessCalendar.fromData([...others, year]);
    return year;
  } catch (err) {
    if (err instanceof DomainError) throw new CommandError('invalid', INVALID, [fieldError('year', err.code, err.text.zh, err.text.en)]);
    throw err;
  }
}

export async function setCalendarYear(deps: Deps, actor: AdminActor, json: YearCalendarJson): Promise<void> {
  requireAdmin(actor, 'sysadmin');
  await inTransaction(deps.pool, async (tx) => {
    await tx.query(`SELECT pg_advisory_xact_lock(hashtext('zhitong.calendar'))`);
    const rows = await tx.query<{ definition: YearCalendarJson }>('SELECT definition FROM calendar_years WHERE year <> $1 ORDER BY year', [json.year]);
    const cal = checked(json, rows.rows.map((r) => parseYearCalendar(r.definition)));
    const definition: YearCalendarJson = { year: cal.year, status: cal.status, holidays: cal.holidays, makeupWorkdays: cal.makeupWorkdays };
    await tx.query(
      `INSERT INTO calendar_years (year, status, definition, updated_at) VALUES ($1, $2, $3::jsonb, $4)
       ON CONFLICT (year) DO UPDATE SET status = EXCLUDED.status, definition = EXCLUDED.definition, updated_at = EXCLUDED.updated_at`,
      [cal.year, cal.status, JSON.stringify(definition), deps.clock.now()],
    );
    await auditAdmin(tx, deps, actor, 'admin.calendar_year_set', `calendar:${String(cal.year)}`, {
      status: cal.status,
      holidayDays: String(cal.holidays.reduce((n, h) => n + h.dates.length, 0)),
      makeupWorkdays: cal.makeupWorkdays.join(','),
    });
  });
}
