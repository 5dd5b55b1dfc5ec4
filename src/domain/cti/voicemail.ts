// When a voicemail must have been listened to (DESIGN §4): 10:00 on the next working day, or 10:00 the
// same day for a message left on a working day before the centre opened.
import type { BusinessCalendar } from '../calendar/business-calendar.js';
import type { LocalDate } from '../calendar/local-date.js';
import { voicemailListenBy, type DueAtTime } from '../clocks/step-clocks.js';
import { WEEKDAYS, type WorkingHours } from '../working-hours.js';
import { dayOfWeek } from '../calendar/local-date.js';

/** Before the first period of a working day's hours ('HH:MM' local). */
export function beforeOpening(calendar: BusinessCalendar, hours: WorkingHours, date: LocalDate, time: string): boolean {
  if (!calendar.isWorkingDay(date)) return false;
  const first = hours[WEEKDAYS[dayOfWeek(date)]][0];
  return first !== undefined && time < first.start;
}

export function voicemailDue(calendar: BusinessCalendar, hours: WorkingHours, receivedOn: LocalDate, receivedTime: string): DueAtTime {
  return voicemailListenBy(calendar, receivedOn, { beforeOpening: beforeOpening(calendar, hours, receivedOn, receivedTime) });
}
