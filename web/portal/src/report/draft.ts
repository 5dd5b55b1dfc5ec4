// A report being written. What is typed survives a reload or a dropped connection in sessionStorage, but
// never the reporter's name, phone or e-mail (issue 5): those stay in memory only, and the draft is
// removed once the report is accepted.
import type { ReportType } from '../router.js';

export interface Subject {
  name: string;
  policeNumber: string;
  unit: string;
  vehiclePlate: string;
}

export interface Identity {
  name: string;
  phone: string;
  email: string;
}

export interface Draft {
  content: string;
  occurredAt: string;
  region: string;
  township: string;
  place: string;
  policeBranch: string;
  subject: Subject;
  anonymity: 'real_name' | 'anonymous' | '';
  /** One key per report, kept across retries so a lost answer never files the report twice. */
  idempotencyKey: string;
}

export const emptySubject = (): Subject => ({ name: '', policeNumber: '', unit: '', vehiclePlate: '' });
export const emptyIdentity = (): Identity => ({ name: '', phone: '', email: '' });

export function emptyDraft(idempotencyKey: string): Draft {
  return { content: '', occurredAt: '', region: '', township: '', place: '', policeBranch: '', subject: emptySubject(), anonymity: '', idempotencyKey };
}

const keyOf = (type: ReportType): string => `zt-portal-draft:${type}`;

export function loadDraft(type: ReportType, fresh: () => Draft): Draft {
  try {
    const raw = sessionStorage.getItem(keyOf(type));
    if (raw === null) return fresh();
    const stored = JSON.parse(raw) as Partial<Draft>;
    const base = fresh();
    return { ...base, ...stored, subject: { ...base.subject, ...(stored.subject ?? {}) } };
  } catch {
    return fresh();
  }
}

export function saveDraft(type: ReportType, draft: Draft): void {
  try {
    sessionStorage.setItem(keyOf(type), JSON.stringify(draft));
  } catch {
    // Storage full or refused: the draft lives in memory only.
  }
}

export function clearDraft(type: ReportType): void {
  try {
    sessionStorage.removeItem(keyOf(type));
  } catch {
    // Nothing stored.
  }
}
