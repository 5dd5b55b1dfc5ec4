// Sends a report: a fresh proof-of-work, then JSON or, with files, multipart with upload progress; always
// the draft's Idempotency-Key, so a retry after a lost answer gets the same number instead of a second case.
import { postJson, upload } from '../api.js';
import { powHeader } from '../pow.js';
import type { ReportType } from '../router.js';
import type { Draft, Identity } from './draft.js';

export interface Submitted {
  readonly caseNumber: string;
  readonly queryCode: string;
}

const trimmed = (s: string): string | undefined => (s.trim() === '' ? undefined : s.trim());

export function reportBody(type: ReportType, d: Draft, who: Identity, withSubject: boolean): Record<string, unknown> {
  const location = [d.region, d.township, d.place.trim()].filter((s) => s !== '').join(' ');
  const subject = { name: trimmed(d.subject.name), policeNumber: trimmed(d.subject.policeNumber), unit: trimmed(d.subject.unit), vehiclePlate: trimmed(d.subject.vehiclePlate) };
  const named = withSubject && Object.values(subject).some((v) => v !== undefined);
  return {
    type,
    content: d.content.trim(),
    ...(d.occurredAt === '' ? {} : { occurredAt: d.occurredAt }),
    ...(location === '' ? {} : { location }),
    ...(d.policeBranch === '' ? {} : { reportedPoliceBranch: d.policeBranch }),
    anonymity: d.anonymity,
    ...(d.anonymity === 'real_name' ? { reporter: { name: trimmed(who.name), phone: trimmed(who.phone), email: trimmed(who.email) } } : {}),
    subjects: named ? [subject] : [],
  };
}

export async function submitReport(body: Record<string, unknown>, files: readonly File[], key: string, onPhase: (phase: 'pow' | 'send') => void, onProgress: (f: number) => void): Promise<Submitted> {
  onPhase('pow');
  const pow = await powHeader();
  onPhase('send');
  const headers = { ...pow, 'idempotency-key': key };
  if (files.length === 0) return postJson<Submitted>('/api/v1/public/reports', body, headers);
  const form = new FormData();
  form.append('report', JSON.stringify(body));
  for (const f of files) form.append('files', f, f.name);
  return upload<Submitted>('/api/v1/public/reports', form, headers, onProgress);
}
