// The channel a case's reporter was acknowledged on (SMS, e-mail, WeChat), from the acknowledgement row
// itself: later notices go the same way, and a case acknowledged on screen or by letter gets none.
import type { Deps } from '../commands/deps.js';
import { CODE_DELIVERIES, type CodeDelivery } from '../domain/channels.js';
import { DeliveryDeferred, type OutboxHandler } from '../jobs/outbox-relay.js';

export async function acknowledgedBy(deps: Deps, caseId: string): Promise<CodeDelivery | null> {
  const r = await deps.pool.query<{ delivery: string | null }>(
    `SELECT payload->>'delivery' AS delivery FROM outbox WHERE case_id = $1 AND kind = 'reporter.acknowledgement' ORDER BY id LIMIT 1`,
    [caseId],
  );
  const delivery = r.rows[0]?.delivery ?? null;
  return (CODE_DELIVERIES as readonly (string | null)[]).includes(delivery) ? (delivery as CodeDelivery) : null;
}

/**
 * `reporter.notice` by the case's acknowledgement channel. A case with none (the code was shown on a screen
 * or handed over) gets its notices on the portal only: the row is done with nothing sent. A channel without
 * a sender on this node leaves the row untried.
 */
export function byAcknowledgement(handlers: Partial<Record<CodeDelivery, OutboxHandler>>): OutboxHandler {
  return async (message, ctx) => {
    if (message.caseId === null) return;
    const delivery = await acknowledgedBy(ctx.deps, message.caseId);
    if (delivery === null) return;
    const handler = handlers[delivery];
    if (handler === undefined) throw new DeliveryDeferred(`no notice sender for ${delivery}`);
    await handler(message, ctx);
  };
}
