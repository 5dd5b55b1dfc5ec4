// Local wall-clock time in the bureau's zone and back: the voicemail clock is "10:00 local", the call
// statistics count by local hour. Intl carries the zone rules, so no offset is hard-coded.
import type { LocalDate } from '../calendar/local-date.js';

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
    formatters.set(timeZone, f);
  }
  return f;
}

export interface LocalDateTime {
  readonly date: LocalDate;
  /** 'HH:MM' */
  readonly time: string;
  readonly hour: number;
}

function partsIn(timeZone: string, at: Date): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of formatterFor(timeZone).formatToParts(at)) out[p.type] = p.value;
  return out;
}

export function localDateTimeOf(timeZone: string, at: Date): LocalDateTime {
  const p = partsIn(timeZone, at);
  const hour = Number(p.hour);
  return { date: `${p.year ?? ''}-${p.month ?? ''}-${p.day ?? ''}` as LocalDate, time: `${p.hour ?? ''}:${p.minute ?? ''}`, hour };
}

/** The zone's offset from UTC at an instant, in milliseconds. */
function offsetAt(timeZone: string, at: Date): number {
  const p = partsIn(timeZone, at);
  const wall = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second));
  return wall - Math.floor(at.getTime() / 1000) * 1000;
}

/** The instant a local date and 'HH:MM' name in the zone (the later reading across a DST gap). */
export function instantOf(timeZone: string, date: LocalDate, time: string): Date {
  const [y, m, d] = date.split('-').map(Number);
  const [hh, mm] = time.split(':').map(Number);
  const wall = Date.UTC(y ?? 0, (m ?? 1) - 1, d ?? 1, hh ?? 0, mm ?? 0);
  const first = wall - offsetAt(timeZone, new Date(wall));
  return new Date(wall - offsetAt(timeZone, new Date(first)));
}
