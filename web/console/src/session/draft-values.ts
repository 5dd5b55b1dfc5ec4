// The values of a form draft as they may be stored (DESIGN §7.1): no reporter fields at any depth,
// dates marked so they come back as dates. Pure, so it is tested without a browser.
import dayjs, { type Dayjs } from 'dayjs';

/**
 * Fields never written to browser storage (DESIGN §7.1): the reporter block and a caller's number.
 * Matched at any depth, so a nested `reporter` inside a registration is dropped too.
 */
const REPORTER_FIELDS = new Set(['reporter', 'callerNumber', 'contact']);

function isDayjs(v: unknown): v is Dayjs {
  return dayjs.isDayjs(v);
}

function strip(value: unknown): unknown {
  if (isDayjs(value)) return { $date: value.toISOString() };
  if (Array.isArray(value)) return value.map(strip);
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (REPORTER_FIELDS.has(k) || v === undefined) continue;
      out[k] = strip(v);
    }
    return out;
  }
  return value;
}

export function revive(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(revive);
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value);
    const only = entries[0];
    if (entries.length === 1 && only !== undefined && only[0] === '$date' && typeof only[1] === 'string') return dayjs(only[1]);
    return Object.fromEntries(entries.map(([k, v]) => [k, revive(v)]));
  }
  return value;
}

/** What the draft would hold (exported for tests): the values without reporter fields, dates marked. */
export function draftOf(values: Readonly<Record<string, unknown>>): Record<string, unknown> {
  return strip(values) as Record<string, unknown>;
}
