// The answer to a registration, from a clerk's form or an inbox item (DESIGN §7.4): the code is shown
// only when nobody else will deliver it.
import type { SubmitResult } from '../../../commands/submit-report.js';
import { CODE_DELIVERIES, type CodeDelivery } from '../../../domain/channels.js';

export type RegisteredBody = { caseNumber: string; queryCode: string } | { caseNumber: string; queryCode: null; codeDelivery: CodeDelivery };

export const registeredResponse = {
  type: 'object',
  additionalProperties: false,
  required: ['caseNumber', 'queryCode'],
  properties: {
    caseNumber: { type: 'string' },
    queryCode: { type: ['string', 'null'] },
    codeDelivery: { type: 'string', enum: [...CODE_DELIVERIES] },
  },
} as const;

/** What the clerk may see: the code only when nobody else will deliver it. */
export function presentRegistered(r: SubmitResult): RegisteredBody {
  return r.codeDelivery === null ? { caseNumber: r.caseNumber, queryCode: r.queryCode } : { caseNumber: r.caseNumber, queryCode: null, codeDelivery: r.codeDelivery };
}
