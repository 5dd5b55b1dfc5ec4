// A report being written. Everything typed lives in the page's memory, so a failed send or a dropped
// connection loses nothing. Only the choices that say nothing about the case (date, district, police
// service, real name or not) and the Idempotency-Key survive a reload in sessionStorage: DESIGN §7.1 allows
// case content, subjects and identity in browser storage only encrypted, keyed or absent, and a key the
// page could keep across a reload would sit beside the ciphertext. The draft is removed after submit.
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
    return { ...fresh(), ...storableDraft({ ...fresh(), ...stored }) };
  } catch {
    return fresh();
  }
}

/** What may be stored in the browser: nothing the reporter wrote and no one's identity. */
export function storableDraft(d: Draft): Partial<Draft> {
  return { occurredAt: d.occurredAt, region: d.region, township: d.township, policeBranch: d.policeBranch, anonymity: d.anonymity, idempotencyKey: d.idempotencyKey };
}

export function saveDraft(type: ReportType, draft: Draft): void {
  try {
    sessionStorage.setItem(keyOf(type), JSON.stringify(storableDraft(draft)));
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
