// Outbox kinds that casework itself delivers (channel senders register theirs in later issues).
import { makeCaseDerivatives } from '../commands/make-derivatives.js';
import type { OutboxHandler } from './outbox-relay.js';

export const CASEWORK_OUTBOX_HANDLERS: Readonly<Record<string, OutboxHandler>> = {
  // The units' copies of the originals, made after the case goes to a unit (DESIGN §3.4).
  'case.derivatives': async (message, ctx) => {
    if (message.caseId !== null) await makeCaseDerivatives(ctx.deps, message.caseId);
  },
};
