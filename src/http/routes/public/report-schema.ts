// The public report form as a strict schema (DESIGN §10, issue: Public API).
import { z } from 'zod';
import { REPORT_LIMITS as L } from '../../../domain/classification.js';
import { identityIssues, reportFields } from '../../schemas/report-fields.js';
import { optionalText, text } from '../../validation.js';

export function reportSchema(today: () => string) {
  return z.strictObject(reportFields(today, L.contentMin)).superRefine((r, ctx) => {
    // The portal's reporter must be reachable: the answer goes back by phone or e-mail.
    for (const issue of identityIssues(r, true)) ctx.addIssue({ code: 'custom', path: issue.path, params: { reason: issue.reason } });
  });
}

export const trackSchema = z.strictObject({
  caseNumber: z.string().max(40),
  queryCode: z.string().max(20),
});

export const trackRatingSchema = z
  .strictObject({
    caseNumber: z.string().max(40),
    queryCode: z.string().max(20),
    rating: z.enum(['satisfied', 'basically_satisfied', 'dissatisfied']),
    reasons: z.array(z.enum(['result', 'attitude', 'not_contacted', 'unresolved', 'unreasonable'])).max(5).default([]),
    comment: optionalText(500),
  })
  .refine((r) => r.rating !== 'dissatisfied' || r.reasons.length > 0, { path: ['reasons'], params: { reason: 'required' } });

export const trackMessageSchema = z.strictObject({
  caseNumber: z.string().max(40),
  queryCode: z.string().max(20),
  text: text(L.messageMin, L.messageMax),
});
