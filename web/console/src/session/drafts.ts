// Half-written forms survive an expired session (issue 4): kept in this tab's sessionStorage under
// `zt-draft:`, never with the reporter's identity, and all removed at sign-out.
import { draftOf, revive } from './draft-values.js';

const PREFIX = 'zt-draft:';

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
