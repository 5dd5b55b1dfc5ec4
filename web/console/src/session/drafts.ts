// Half-written forms survive an expired session (issue 4): kept in this tab's sessionStorage under
// `zt-draft:`, never with the reporter's identity, and all removed at sign-out.
import dayjs, { type Dayjs } from 'dayjs';

const PREFIX = 'zt-draft:';

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

function revive(value: unknown): unknown {
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

export function saveDraft(key: string, values: Readonly<Record<string, unknown>>): void {
  try {
    window.sessionStorage.setItem(PREFIX + key, JSON.stringify(draftOf(values)));
  } catch {
    // A full or disabled storage loses the draft, never the form.
  }
}

export function loadDraft(key: string): Record<string, unknown> | null {
  const raw = window.sessionStorage.getItem(PREFIX + key);
  if (raw === null) return null;
  try {
    const parsed: unknown = JSON.parse(raw);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (revive(parsed) as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

export function clearDraft(key: string): void {
  window.sessionStorage.removeItem(PREFIX + key);
}

/** At sign-out: no form of this user stays in the tab. */
export function clearAllDrafts(): void {
  const keys: string[] = [];
  for (let i = 0; i < window.sessionStorage.length; i++) {
    const k = window.sessionStorage.key(i);
    if (k?.startsWith(PREFIX) === true) keys.push(k);
  }
  for (const k of keys) window.sessionStorage.removeItem(k);
}
