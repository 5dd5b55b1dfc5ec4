// The step clocks of DESIGN §4: each says by when one step of the handling must be done. The
// start day never counts; every working-day clock ends on a working day by construction.
import type { BusinessCalendar } from '../calendar/business-calendar.js';
import { DomainError } from '../calendar/errors.js';
import type { LocalDate } from '../calendar/local-date.js';
import { publicDeadline, type Deadline } from './deadlines.js';

/** 信访工作条例 Art. 22–23: decide on acceptance within 15 (calendar) days of receipt. */
export function acceptanceDecisionDue(cal: BusinessCalendar, receivedOn: LocalDate): Deadline {
  return publicDeadline(cal, receivedOn, { amount: 15, unit: 'calendar', startsAt: 'receipt', rollForwardIfHoliday: true });
}

/** The duty leader instructs by the end of the next working day after the proposal. */
export function instructionDue(cal: BusinessCalendar, proposedOn: LocalDate): LocalDate {
  return cal.nextWorkingDay(proposedOn);
}

/** The unit signs for an assignment within 1 working day. */
export function signForDue(cal: BusinessCalendar, assignedOn: LocalDate): LocalDate {
  return cal.addWorkingDays(assignedOn, 1);
}

/** The handler first contacts the reporter within 1 working day of signing for the case. */
export function firstContactDue(cal: BusinessCalendar, signedForOn: LocalDate): LocalDate {
  return cal.addWorkingDays(signedForOn, 1);
}

export const RETURN_WINDOW_WORKING_DAYS = 2;
/** 信访工作条例 Art. 23 ¶3: a misassigned item may be objected to within 5 working days. */
export const RETURN_WINDOW_MAX_WORKING_DAYS = 5;

/** The last day a unit may ask to return (退回) an assignment; the bureau may widen it up to the legal 5. */
export function returnWindowEnd(cal: BusinessCalendar, receivedOn: LocalDate, workingDays = RETURN_WINDOW_WORKING_DAYS): LocalDate {
  if (!Number.isInteger(workingDays) || workingDays < 1 || workingDays > RETURN_WINDOW_MAX_WORKING_DAYS) {
    throw new DomainError('invalid_day_count', `return window ${workingDays}`);
  }
  return cal.addWorkingDays(receivedOn, workingDays);
}

/** The follow-up visit (回访) is due within 5 working days of closing. */
export function followUpDue(cal: BusinessCalendar, closedOn: LocalDate): LocalDate {
  return cal.addWorkingDays(closedOn, 5);
}

export interface DueAtTime {
  readonly date: LocalDate;
  /** Local time in the bureau's zone, 'HH:MM'. */
  readonly time: string;
}

export const VOICEMAIL_LISTEN_BY = '10:00';

/**
 * After-hours voicemail is listened to by 10:00 on the next working day. A message left before the
 * centre opened on a working day (the caller knows the working hours) is due at 10:00 that day.
 */
export function voicemailListenBy(
  cal: BusinessCalendar,
  receivedOn: LocalDate,
  opts: { readonly beforeOpening?: boolean } = {},
): DueAtTime {
  const sameDay = opts.beforeOpening === true && cal.isWorkingDay(receivedOn);
  return { date: sameDay ? receivedOn : cal.nextWorkingDay(receivedOn), time: VOICEMAIL_LISTEN_BY };
}

/**
 * 纪检监察机关处理检举控告工作规则: a real-name accuser is told within 15 working days — of receipt
 * for the acceptance notice, of closing for the result.
 */
export function realNameAccusationNoticeDue(cal: BusinessCalendar, from: LocalDate): LocalDate {
  return cal.addWorkingDays(from, 15);
}
