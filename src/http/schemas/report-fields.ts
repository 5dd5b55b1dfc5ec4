// The report fields the portal and the clerk's registration forms share (DESIGN §2), as strict zod
// parts; each form adds its own rules on top.
import { z } from 'zod';
import { ANONYMITY, type Anonymity } from '../../domain/channels.js';
import { REPORT_LIMITS as L } from '../../domain/classification.js';
import { POLICE_BRANCH_CODES } from '../../domain/data/police-branches.js';
import { CASE_TYPE_CODES } from '../../domain/data/taxonomy.js';
import { optionalText, text } from '../validation.js';

export const PHONE = /^[+]?[0-9][0-9 -]{4,19}$/u;

export const phone = optionalText(24).refine((v) => v === undefined || PHONE.test(v), { params: { reason: 'phone' } });
const email = optionalText(254).pipe(z.email().optional());

export const reporterSchema = z.strictObject({
  name: optionalText(L.nameMax),
  phone,
  email,
  address: optionalText(L.addressMax),
  workplace: optionalText(L.workplaceMax),
});

const subjectSchema = z.strictObject({
  name: optionalText(L.nameMax),
  policeNumber: optionalText(20),
  unit: optionalText(100),
  position: optionalText(50),
  vehiclePlate: optionalText(20),
});

export const isoDate = optionalText(10).refine((v) => v === undefined || (/^\d{4}-\d{2}-\d{2}$/u.test(v) && !Number.isNaN(Date.parse(v))), { params: { reason: 'date' } });

/** A calendar date in the bureau's zone that has already begun. */
export function pastDate(today: () => string) {
  return isoDate.refine((v) => v === undefined || v <= today(), { params: { reason: 'date' } });
}

/** The fields of a report; `contentMin` differs between the public and a clerk. */
export function reportFields(today: () => string, contentMin: number) {
  return {
    type: z.enum(CASE_TYPE_CODES),
    reportedPoliceBranch: z.enum(POLICE_BRANCH_CODES).optional(),
    title: optionalText(L.titleMax),
    content: text(contentMin, L.contentMax),
    occurredAt: pastDate(today),
    location: optionalText(L.locationMax),
    anonymity: z.enum(ANONYMITY),
    reporter: reporterSchema.optional(),
    subjects: z.array(subjectSchema).max(L.subjectsMax).default([]),
  };
}

interface Identity {
  readonly anonymity: Anonymity;
  readonly reporter?: Readonly<Record<string, string | undefined>> | undefined;
}

/** An anonymous report carries no identity; a real-name one names the reporter. */
export function identityIssues(r: Identity, needsContact: boolean): { path: string[]; reason: string }[] {
  if (r.anonymity === 'anonymous') {
    return r.reporter && Object.values(r.reporter).some((v) => v !== undefined) ? [{ path: ['reporter'], reason: 'anonymous_with_identity' }] : [];
  }
  if (!r.reporter?.name) return [{ path: ['reporter'], reason: needsContact ? 'contact_required' : 'name_required' }];
  if (needsContact && !r.reporter.phone && !r.reporter.email) return [{ path: ['reporter'], reason: 'contact_required' }];
  return [];
}
