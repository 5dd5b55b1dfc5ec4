// An acknowledgement row names the channel that carries it (SMS, e-mail, WeChat); each channel's sender
// takes its own and a row whose channel has no sender on this node waits, untried (DeliveryDeferred).
import type { CodeDelivery } from '../domain/channels.js';
import { DeliveryDeferred, type OutboxHandler } from '../jobs/outbox-relay.js';

export function byDelivery(handlers: Partial<Record<CodeDelivery, OutboxHandler>>): OutboxHandler {
  return async (message, ctx) => {
    const delivery = (message.payload as { delivery?: unknown }).delivery;
    const handler = typeof delivery === 'string' && Object.hasOwn(handlers, delivery) ? handlers[delivery as CodeDelivery] : undefined;
    if (handler === undefined) throw new DeliveryDeferred(`no sender for ${String(delivery)}`);
    await handler(message, ctx);
  };
}
