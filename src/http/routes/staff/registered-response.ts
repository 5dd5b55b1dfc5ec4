// The answer to a registration, from a clerk's form or an inbox item (DESIGN §7.4): the code is shown
// only when nobody else will deliver it.
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
