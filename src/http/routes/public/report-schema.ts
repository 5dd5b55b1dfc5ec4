// The public report form as a strict schema (DESIGN §10, issue: Public API).
import { z } from 'zod';
import { ANONYMITY } from '../../../domain/channels.js';
import { REPORT_LIMITS as L } from '../../../domain/classification.js';
import { POLICE_BRANCH_CODES } from '../../../domain/data/police-branches.js';
import { CASE_TYPE_CODES } from '../../../domain/data/taxonomy.js';
import { optionalText, text } from '../../validation.js';

const PHONE = /^[+]?[0-9][0-9 -]{4,19}$/u;

const phone = optionalText(24).refine((v) => v === undefined || PHONE.test(v), { params: { reason: 'phone' } });
const email = optionalText(254).pipe(z.email().optional());

const reporterSchema = z.strictObject({
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

const isoDate = optionalText(10).refine((v) => v === undefined || (/^\d{4}-\d{2}-\d{2}$/u.test(v) && !Number.isNaN(Date.parse(v))), { params: { reason: 'date' } });

export function reportSchema(today: () => string) {
  return z
    .strictObject({
      type: z.enum(CASE_TYPE_CODES),
      reportedPoliceBranch: z.enum(POLICE_BRANCH_CODES).optional(),
      title: optionalText(L.titleMax),
      content: text(L.contentMin, L.contentMax),
      occurredAt: isoDate.refine((v) => v === undefined || v <= today(), { params: { reason: 'date' } }),
      location: optionalText(L.locationMax),
      anonymity: z.enum(ANONYMITY),
      reporter: reporterSchema.optional(),
      subjects: z.array(subjectSchema).max(L.subjectsMax).default([]),
    })
    .superRefine((r, ctx) => {
      if (r.anonymity === 'real_name' && (!r.reporter?.name || (!r.reporter.phone && !r.reporter.email))) {
        ctx.addIssue({ code: 'custom', path: ['reporter'], params: { reason: 'contact_required' } });
      }
      if (r.anonymity === 'anonymous' && r.reporter && Object.values(r.reporter).some((v) => v !== undefined)) {
        ctx.addIssue({ code: 'custom', path: ['reporter'], params: { reason: 'anonymous_with_identity' } });
      }
    });
}

export const trackSchema = z.strictObject({
  caseNumber: z.string().max(40),
  queryCode: z.string().max(20),
});

export const trackMessageSchema = z.strictObject({
  caseNumber: z.string().max(40),
  queryCode: z.string().max(20),
  text: text(L.messageMin, L.messageMax),
});
