// Half-written forms survive an expired session (issue 4): the sign-in screen replaces the page in place,
// so the drafts live in this page's memory, never with the reporter's identity, and all go at sign-out.
// Not in sessionStorage: DESIGN §7.1 allows case content in browser storage only encrypted, keyed or
// absent, and an opinion or a note is case content. A reload loses a draft; an expiry does not.
import { draftOf, revive } from './draft-values.js';

const drafts = new Map<string, string>();

export function saveDraft(key: string, values: Readonly<Record<string, unknown>>): void {
  drafts.set(key, JSON.stringify(draftOf(values)));
}

export function loadDraft(key: string): Record<string, unknown> | null {
  const raw = drafts.get(key);
  if (raw === undefined) return null;
  // Stored as JSON, as the form's values travel: dates come back through revive, no shared objects.
  const parsed: unknown = JSON.parse(raw);
  return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (revive(parsed) as Record<string, unknown>) : null;
}

export function clearDraft(key: string): void {
  drafts.delete(key);
}

/** At sign-out: no form of this user stays in the page. */
export function clearAllDrafts(): void {
  drafts.clear();
}
